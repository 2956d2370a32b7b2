"""D rules: the time of a dialogue and the petition window announced for it."""

from __future__ import annotations

from collections.abc import Iterator

from generator.diagnostics import Diagnostic
from generator.model import Document
from generator.registry import Registry
from generator.rules import diagnostic


def event_ends_before_start(document: Document, registry: Registry) -> Iterator[Diagnostic]:
    event = document.event
    if event is None or event.start is None or event.end is None:
        return
    if event.end.end <= event.start.start:
        yield diagnostic(
            "D001",
            document.path,
            document.line_of("event.end"),
            f"Hội nghị kết thúc ({event.end.text}) không muộn hơn lúc bắt đầu "
            f"({event.start.text}). Kiểm tra `event.start` và `event.end`.",
            document.column_of("event.end"),
        )


def petitions_close_after_event(document: Document, registry: Registry) -> Iterator[Diagnostic]:
    event, window = document.event, document.petitions
    if event is None or event.start is None or window is None or window.end is None:
        return
    if window.end.end > event.start.start:
        yield diagnostic(
            "D002",
            document.path,
            document.line_of("petitions.end"),
            f"Hạn nhận kiến nghị ({window.end.text}) muộn hơn lúc bắt đầu đối thoại "
            f"({event.start.text}): kiến nghị phải nhận xong trước hội nghị.",
            document.column_of("petitions.end"),
        )


def petitions_close_before_open(document: Document, registry: Registry) -> Iterator[Diagnostic]:
    window = document.petitions
    if window is None or window.start is None or window.end is None:
        return
    if window.end.end < window.start.start:
        yield diagnostic(
            "D003",
            document.path,
            document.line_of("petitions.end"),
            f"Thời gian nhận kiến nghị kết thúc ({window.end.text}) trước khi bắt đầu "
            f"({window.start.text}). Đổi lại cho đúng thứ tự.",
            document.column_of("petitions.end"),
        )
