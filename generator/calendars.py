"""iCalendar files (RFC 5545): every dialogue and petition window, and one file per notice.

The calendars' headers (Vietnam's VTIMEZONE) come from the `icalendar` package; the events are
written here, as that package writes them (``serialise``; ``_events`` builds the same events
with it, which the tests compare byte for byte): its line folding was most of the data files'
time. A dialogue (`event:`) is an event at its time in
Asia/Ho_Chi_Minh, with the zone's VTIMEZONE; a petition window (`petitions:`) is an all-day
span. UIDs come from the document's number and year, so a corrected notice updates the event a
subscriber already has instead of adding a second one; DTSTAMP and LAST-MODIFIED are the
document's last change, not the time of the build.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

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
            serialised = serialise(facts)
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


# -- the events written directly: what ``Event.to_ical()`` gives for ``_events(facts)`` ----------

# Properties in icalendar's order: its canonical ones first, then the others by name.
_CANONICAL = ("SUMMARY", "DTSTART", "DTEND", "DTSTAMP", "UID", "SEQUENCE")


def serialise(facts: _Facts) -> Serialised:
    """A document's events as iCalendar text, each with what it is sorted by (start, UID):
    ``[((e.decoded("dtstart").isoformat(), str(e["uid"])), e.to_ical()) for e in
    _events(facts)]``, without building the events."""
    found: Serialised = []
    dialogue = facts.dialogue
    if dialogue and dialogue.start:
        uid = f"doi-thoai-{facts.uid_tail}"
        lines = [f"Thời gian: {facts.dialogue_time}", facts.about]
        others = {"DESCRIPTION": _text(_description(lines, facts.page))}
        if dialogue.location:
            others["LOCATION"] = _text(dialogue.location)
        found.append(_written(facts, uid, facts.title, dialogue.start, dialogue.end, others))
    window = facts.window
    if window and window.start and window.end:
        uid = f"kien-nghi-{facts.uid_tail}"
        lines = [facts.about]
        if window.channels:
            lines.insert(0, "Gửi kiến nghị qua: " + "; ".join(window.channels))
        others = {"DESCRIPTION": _text(_description(lines, facts.page)), "TRANSP": "TRANSPARENT"}
        title = f"Nhận kiến nghị: {facts.title}"
        found.append(_written(facts, uid, title, window.start, window.end, others))
    return found


def _written(
    facts: _Facts,
    uid: str,
    summary: str,
    start: Moment,
    end: Moment | None,
    others: dict[str, str],
) -> tuple[tuple[str, str], bytes]:
    stamp = _utc(facts.stamp)
    canonical = {"SUMMARY": _text(summary), "DTSTAMP": stamp, "UID": _text(uid)}
    canonical["SEQUENCE"] = str(facts.sequence)
    others["LAST-MODIFIED"] = stamp
    if facts.page:
        others["URL"] = facts.page
    if start.at is None and (end is None or end.at is None):
        begins = start.day.isoformat()
        canonical["DTSTART;VALUE=DATE"] = _day(start.day)
        canonical["DTEND;VALUE=DATE"] = _day((end.day if end else start.day) + timedelta(days=1))
    else:
        opening = start.start.replace(tzinfo=VIETNAM)
        begins = opening.isoformat()
        canonical[f"DTSTART;TZID={TIMEZONE}"] = _local(opening)
        if end is not None:
            close = end.start if end.at else datetime.combine(end.day + timedelta(days=1), time.min)
            canonical[f"DTEND;TZID={TIMEZONE}"] = _local(close)
    order = {name.split(";")[0]: name for name in canonical}
    names = [order[name] for name in _CANONICAL if name in order]
    lines = [_line(name, canonical[name]) for name in names]
    lines += [_line(name, others[name]) for name in sorted(others)]
    return (begins, uid), b"BEGIN:VEVENT\r\n" + b"".join(lines) + b"END:VEVENT\r\n"


def _text(value: str) -> str:
    """A TEXT value escaped as icalendar escapes it (RFC 5545, 3.3.11)."""
    return (
        value.replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def _day(day: date) -> str:
    return f"{day.year:04}{day.month:02}{day.day:02}"


def _local(moment: datetime) -> str:
    return f"{_day(moment)}T{moment.hour:02}{moment.minute:02}{moment.second:02}"


def _utc(moment: datetime) -> str:
    return _local(moment.astimezone(timezone.utc)) + "Z"


def _line(name: str, value: str) -> bytes:
    """One content line, folded as icalendar folds it: each piece as many whole characters as
    fit in 74 bytes, a piece that would end with a backslash or caret leaving it to the next
    (an escape is never split)."""
    data = f"{name}:{value}".encode()
    if len(data) < 75:
        return data + b"\r\n"
    pieces = []
    start = 0
    while len(data) - start >= 75:
        end = start + 74
        while data[end] & 0xC0 == 0x80:  # inside a character: end before it
            end -= 1
        if data[end - 1] in b"\\^":
            end -= 1
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return b"\r\n ".join(pieces) + b"\r\n"
