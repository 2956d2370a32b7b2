"""Rules about where things are published: plain pages and topic pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from generator.diagnostics import Diagnostic
from generator.model import Page
from generator.rules import diagnostic
from generator.urls import is_reserved

if TYPE_CHECKING:
    from generator.check.facts import Facts


def page_at_reserved_address(page: Page) -> Iterator[Diagnostic]:
    src = PurePosixPath(page.path).relative_to("content").as_posix()
    if is_reserved(src):
        yield diagnostic(
            "F015",
            page.path,
            1,
            f"Trang thường `{page.path}` nằm ở địa chỉ của trang do Cổng tự tạo, nên sẽ bị đè và "
            "mất. Đổi tên hoặc chuyển tệp, ví dụ sang `content/gioi-thieu.md`.",
        )


def topic_address_collision(documents: list[Facts]) -> Iterator[Diagnostic]:
    """Topics written differently that share one page: the first spelling names the page."""
    first: dict[str, str] = {}
    for document in documents:
        for topic, src in document.topics:
            named = first.setdefault(src, topic)
            if named != topic:
                line, column = document.topics_at
                yield diagnostic(
                    "M007",
                    document.path,
                    line,
                    column=column,
                    message=f"Chủ đề `{topic}` và `{named}` là hai cách viết của một chủ đề "
                    f"(cùng trang {src.removesuffix('index.md')}). Thống nhất một cách viết.",
                )
