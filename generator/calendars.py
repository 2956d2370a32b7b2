"""iCalendar files (RFC 5545): every dialogue and petition window, and one file per notice.

Built with the `icalendar` package. A dialogue (`event:`) is an event at its time in
Asia/Ho_Chi_Minh, with the zone's VTIMEZONE; a petition window (`petitions:`) is an all-day
span. UIDs come from the document's number and year, so a corrected notice updates the event a
subscriber already has instead of adding a second one; DTSTAMP and LAST-MODIFIED are the
document's last change, not the time of the build.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

from icalendar import Calendar, Event, Timezone

from generator.model import Document, Moment
from generator.pages.dialogue import event_time, has_calendar
from generator.pages.edition import Edition
from generator.pages.markup import label
from generator.publication import (
    TIMEZONE,
    VIETNAM,
    Publisher,
    last_change,
    public_documents,
)
from generator.urls import CALENDAR


def render_calendars(edition: Edition, publisher: Publisher) -> dict[str, bytes]:
    """The site's calendar of dialogues, and each dialogue notice's own file."""
    chosen = [d for d in public_documents(edition) if has_calendar(d)]
    # Each event is serialised once, for the site's calendar and its notice's file alike:
    # folding lines is most of the library's time.
    events = {
        d.path: [
            ((e.decoded("dtstart").isoformat(), str(e["uid"])), e.to_ical())
            for e in _events(edition, publisher, d)
        ]
        for d in chosen
    }
    name = f"Đối thoại trực tiếp — {publisher.name}"
    files = {CALENDAR: _calendar(_header(name), [e for d in chosen for e in events[d.path]])}
    # A notice's file is imported into a calendar the reader already has: it needs no name.
    single = _header(None)
    for document in chosen:
        files[edition.urls.calendar_path(edition.src_of(document))] = _calendar(
            single, events[document.path]
        )
    return files


_END = b"END:VCALENDAR\r\n"


def _header(name: str | None) -> bytes:
    """The calendar's properties and Vietnam's VTIMEZONE, without the closing line."""
    calendar = Calendar()
    calendar.add("prodid", "-//Văn phòng UBND tỉnh Sơn La//Cổng thông tin điện tử//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TIMEZONE)
    calendar.add_component(Timezone.from_tzid(TIMEZONE))
    text = calendar.to_ical()
    return text[: -len(_END)]


def _calendar(header: bytes, events: list[tuple[tuple[str, str], bytes]]) -> bytes:
    return header + b"".join(ical for _, ical in sorted(events)) + _END


def _events(edition: Edition, publisher: Publisher, document: Document) -> list[Event]:
    src = edition.src_of(document)
    year, slug = src[: -len(".md")].split("/")[-2:]
    page = publisher.absolute(edition.urls.url(src))
    changed = datetime.combine(last_change(edition, document), time.min, VIETNAM)
    stamp = changed.astimezone(timezone.utc)
    revisions = [c for c in edition.history.get(document.path, []) if c.day <= edition.as_of]
    # The title is the SUMMARY already; a long DESCRIPTION costs line folding and says nothing.
    about = label(document)
    found = []
    dialogue = document.event
    if dialogue and dialogue.start:
        event = _event(f"doi-thoai-{year}-{slug}@{publisher.host}", document.title)
        _span(event, dialogue.start, dialogue.end)
        if dialogue.location:
            event.add("location", dialogue.location)
        lines = [f"Thời gian: {event_time(dialogue)}", about]
        found.append(event)
        event.add("description", _description(lines, page))
    window = document.petitions
    if window and window.start and window.end:
        event = _event(
            f"kien-nghi-{year}-{slug}@{publisher.host}", f"Nhận kiến nghị: {document.title}"
        )
        _span(event, window.start, window.end)
        event.add("transp", "TRANSPARENT")  # a span of days, not a meeting that fills them
        lines = [about]
        if window.channels:
            lines.insert(0, "Gửi kiến nghị qua: " + "; ".join(window.channels))
        event.add("description", _description(lines, page))
        found.append(event)
    for event in found:
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        event.add("sequence", max(0, len(revisions) - 1))
        if page:
            event.add("url", page)
    return found


def _event(uid: str, summary: str) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("summary", summary)
    return event


def _span(event: Event, start: Moment, end: Moment | None) -> None:
    """Times in Vietnam's zone when the notice gives them; otherwise whole days, the last
    one included (DTEND of an all-day event is the day after, RFC 5545 3.6.1)."""
    if start.at is None and (end is None or end.at is None):
        event.add("dtstart", start.day)
        event.add("dtend", (end.day if end else start.day) + timedelta(days=1))
        return
    event.add("dtstart", start.start.replace(tzinfo=VIETNAM))
    if end is not None:
        # A closing day without a time ends when the next day begins.
        close = end.start if end.at else datetime.combine(end.day + timedelta(days=1), time.min)
        event.add("dtend", close.replace(tzinfo=VIETNAM))


def _description(lines: list[str], page: str | None) -> str:
    return "\n".join(lines + ([f"Xem văn bản: {page}"] if page else []))
