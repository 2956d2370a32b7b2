"""Rules about where things are published: plain pages and topic pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from generator.diagnostics import Diagnostic
from generator.model import Document, Page
from generator.rules import diagnostic
from generator.urls import is_reserved, topic_src


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


def topic_address_collision(documents: list[Document]) -> Iterator[Diagnostic]:
    """Topics written differently that share one page: the first spelling names the page."""
    first: dict[str, str] = {}
    for document in documents:
        for topic in document.topics:
            src = topic_src(topic)
            named = first.setdefault(src, topic)
            if named != topic:
                yield diagnostic(
                    "M007",
                    document.path,
                    document.line_of("topics"),
                    column=document.column_of("topics"),
                    message=f"Chủ đề `{topic}` và `{named}` là hai cách viết của một chủ đề "
                    f"(cùng trang {src.removesuffix('index.md')}). Thống nhất một cách viết.",
                )
