"""A rules: attached files (the signed original) must exist beside the document."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from generator.diagnostics import Diagnostic
from generator.model import Document
from generator.rules import diagnostic

if TYPE_CHECKING:
    from generator.check.facts import Facts


def attachment_missing(document: Document | Facts, root: Path) -> Iterator[Diagnostic]:
    if not document.attachments:
        return
    folder = PurePosixPath(document.path).parent
    content = (root / "content").resolve()
    for attachment in document.attachments:
        if attachment.file.startswith(("http://", "https://")):
            continue
        target = (root / folder / attachment.file).resolve()
        # A path climbing out of content/ would publish a file that is not content.
        if not target.is_relative_to(content) or not target.is_file():
            yield diagnostic(
                "A001",
                document.path,
                attachment.line,
                f"Không tìm thấy tệp đính kèm `{attachment.file}` (tìm tại "
                f"{folder / attachment.file}). Đặt tệp bản gốc cạnh văn bản, hoặc sửa tên tệp "
                "cho đúng.",
                attachment.column,
            )
