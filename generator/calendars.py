"""iCalendar files (RFC 5545): every dialogue and petition window, and one file per notice.

Built with the `icalendar` package. A dialogue (`event:`) is an event at its time in
Asia/Ho_Chi_Minh, with the zone's VTIMEZONE; a petition window (`petitions:`) is an all-day
span. UIDs come from the document's number and year, so a corrected notice updates the event a
subscriber already has instead of adding a second one; DTSTAMP and LAST-MODIFIED are the
document's last change, not the time of the build.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone

from icalendar import Calendar, Event, Timezone

from generator.model import Document, Moment, Window
from generator.model import Event as Dialogue
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


def render_calendars(
    edition: Edition, publisher: Publisher, memo: dict[str, Serialised] | None = None
) -> dict[str, bytes]:
    """The site's calendar of dialogues, and each dialogue notice's own file.

    ``memo`` holds serialised events by what they are made from (see `_facts`); a build
    after an edit finds most of its events there, and leaves in it the ones it used."""
    chosen = [d for d in public_documents(edition) if has_calendar(d)]
    # Each event is serialised once, for the site's calendar and its notice's file alike:
    # folding lines is most of the library's time.
    found = {} if memo is None else memo
    used: dict[str, Serialised] = {}
    events = {}
    for document in chosen:
        facts = _facts(edition, publisher, document)
        key = repr(facts)
        serialised = found.get(key)
        if serialised is None:
            serialised = [
                ((e.decoded("dtstart").isoformat(), str(e["uid"])), e.to_ical())
                for e in _events(facts)
            ]
        events[document.path] = used[key] = serialised
    if memo is not None:
        memo.clear()
        memo.update(used)
    name = f"Đối thoại trực tiếp — {publisher.name}"
    files = {CALENDAR: _calendar(_header(name), [e for d in chosen for e in events[d.path]])}
    # A notice's file is imported into a calendar the reader already has: it needs no name.
    single = _header(None)
    for document in chosen:
        files[edition.urls.calendar_path(edition.src_of(document))] = _calendar(
            single, events[document.path]
        )
    return files


# A document's events as iCalendar text, each with what it is sorted by (start, UID).
Serialised = list[tuple[tuple[str, str], bytes]]


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


@dataclass(frozen=True)
class _Facts:
    """Everything a document's events are made of: equal facts give equal bytes."""

    uid_tail: str  # "{year}-{slug}@{host}"
    title: str
    about: str
    page: str | None
    stamp: datetime
    sequence: int
    dialogue: Dialogue | None
    dialogue_time: str
    window: Window | None


def _facts(edition: Edition, publisher: Publisher, document: Document) -> _Facts:
    src = edition.src_of(document)
    year, slug = src[: -len(".md")].split("/")[-2:]
    changed = datetime.combine(last_change(edition, document), time.min, VIETNAM)
    revisions = [c for c in edition.history.get(document.path, []) if c.day <= edition.as_of]
    dialogue = document.event if document.event and document.event.start else None
    return _Facts(
        uid_tail=f"{year}-{slug}@{publisher.host}",
        title=document.title,
        # The title is the SUMMARY already; a long DESCRIPTION costs line folding and says
        # nothing.
        about=label(document),
        page=publisher.absolute(edition.urls.url(src)),
        stamp=changed.astimezone(timezone.utc),
        sequence=max(0, len(revisions) - 1),
        dialogue=dialogue,
        dialogue_time=event_time(dialogue) if dialogue else "",
        window=document.petitions,
    )


def _events(facts: _Facts) -> list[Event]:
    found = []
    dialogue = facts.dialogue
    if dialogue and dialogue.start:
        event = _event(f"doi-thoai-{facts.uid_tail}", facts.title)
        _span(event, dialogue.start, dialogue.end)
        if dialogue.location:
            event.add("location", dialogue.location)
        lines = [f"Thời gian: {facts.dialogue_time}", facts.about]
        found.append(event)
        event.add("description", _description(lines, facts.page))
    window = facts.window
    if window and window.start and window.end:
        event = _event(f"kien-nghi-{facts.uid_tail}", f"Nhận kiến nghị: {facts.title}")
        _span(event, window.start, window.end)
        event.add("transp", "TRANSPARENT")  # a span of days, not a meeting that fills them
        lines = [facts.about]
        if window.channels:
            lines.insert(0, "Gửi kiến nghị qua: " + "; ".join(window.channels))
        event.add("description", _description(lines, facts.page))
        found.append(event)
    for event in found:
        event.add("dtstamp", facts.stamp)
        event.add("last-modified", facts.stamp)
        event.add("sequence", facts.sequence)
        if facts.page:
            event.add("url", facts.page)
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
