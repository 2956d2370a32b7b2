"""A dialogue's facts as the public reads them: when, where, and whether petitions are open."""

from __future__ import annotations

from datetime import date

from generator.dates import short_date
from generator.model import Document, Event, Window
from generator.pages.markup import esc


def event_time(event: Event) -> str:
    assert event.start is not None
    start, end = event.start, event.end
    if end and end.day == start.day and start.at and end.at:
        return f"{start.at:%H:%M} đến {end.at:%H:%M} ngày {short_date(start.day)}"
    return start.text + (f" đến {end.text}" if end else "")


def petition_status(window: Window, as_of: date) -> str:
    """Whether citizens can still send petitions on the build date, in words."""
    if window.start is None or window.end is None:
        return ""
    span = f"từ ngày {short_date(window.start.day)} đến ngày {short_date(window.end.day)}"
    if as_of < window.start.day:
        return f"Sắp nhận kiến nghị: {span}."
    if as_of <= window.end.day:
        return f"Đang nhận kiến nghị đến hết ngày {short_date(window.end.day)} ({span})."
    return f"Đã hết thời gian nhận kiến nghị ({span})."


def has_calendar(document: Document) -> bool:
    """A notice with a dialogue's time or a whole petition window belongs in a calendar."""
    window = document.petitions
    return bool(
        (document.event and document.event.start) or (window and window.start and window.end)
    )


def dialogue_facts(document: Document, as_of: date) -> str:
    """A definition list of the dialogue's time, place and petition window; "" if none."""
    rows = []
    if document.event and document.event.start:
        rows.append(("Thời gian", event_time(document.event)))
        if document.event.location:
            rows.append(("Địa điểm", document.event.location))
    if document.petitions:
        status = petition_status(document.petitions, as_of)
        if status:
            rows.append(("Kiến nghị", status))
        if document.petitions.channels:
            rows.append(("Gửi kiến nghị qua", ", ".join(document.petitions.channels)))
    return "".join(f"<dt>{name}</dt><dd>{esc(value)}</dd>" for name, value in rows)
