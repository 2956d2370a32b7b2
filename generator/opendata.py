"""Open data: the catalogue of public documents as JSON, one JSON per document, and the JSON
Schemas that describe them (and the frontmatter), published under /api/.

Every file carries `schema_version` (raised when a field changes meaning or goes away; new
fields may be added within a version) and `$schema`, the address of its schema. The catalogue
is split into pages when it would pass MAX_PAGE_BYTES, newest documents first; each page links
the next.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

from generator.doctypes import VALIDITIES
from generator.history import public_dates
from generator.model import Document, Event, Moment, Reference, Signer, Window
from generator.pages.dialogue import has_calendar
from generator.pages.document import validity_key
from generator.pages.edition import Edition
from generator.pages.listings import newest_first
from generator.publication import Publisher, last_change, public_documents
from generator.schema import schema_text
from generator.urls import (
    API_SCHEMAS,
    FRONTMATTER_SCHEMA,
    api_path,
    catalogue_page_path,
)

SCHEMA_VERSION = "1.0"
MAX_PAGE_BYTES = 5 * 1024 * 1024
CATALOGUE_SCHEMA = f"{API_SCHEMAS}/van-ban.schema.json"
DOCUMENT_SCHEMA = f"{API_SCHEMAS}/van-ban-chi-tiet.schema.json"
_ENVELOPE_BYTES = 2048  # room kept on a page for what surrounds the list of documents


def render_open_data(edition: Edition, publisher: Publisher) -> dict[str, bytes]:
    return dict(iter_open_data(edition, publisher))


def iter_open_data(edition: Edition, publisher: Publisher) -> Iterator[tuple[str, bytes]]:
    """`render_open_data` file by file, so that a writer holds one document's file at a time
    rather than ten thousand."""
    documents = newest_first(public_documents(edition))
    data = _Data(edition, publisher, {d.path for d in documents})
    yield FRONTMATTER_SCHEMA, schema_text().encode()
    yield CATALOGUE_SCHEMA, _pretty(catalogue_schema())
    yield DOCUMENT_SCHEMA, _pretty(document_schema())
    entries = []
    head = json.dumps(
        {"$schema": data.link(DOCUMENT_SCHEMA), "schema_version": SCHEMA_VERSION},
        ensure_ascii=False,
        separators=(",", ":"),
    )[:-1]
    for document in documents:
        path = api_path(edition.src_of(document))
        entry = json.dumps(data.entry(document, path), ensure_ascii=False, separators=(",", ":"))
        entries.append(entry)
        # Without indentation: the only form Python's JSON encoder writes in C, ten times faster
        # at ten thousand documents (browsers and `jq` lay it out for reading). The document's
        # file is its entry between the two keys before and its detail after:
        # written from the entry's JSON as it stands, the same bytes as the whole dictionary's.
        detail = json.dumps(data.detail(document), ensure_ascii=False, separators=(",", ":"))
        yield path, f"{head},{entry[1:-1]},{detail[1:]}\n".encode()
    yield from _catalogue(edition, data, entries).items()


def _pretty(payload: dict[str, Any]) -> bytes:
    return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode()


def _catalogue(edition: Edition, data: _Data, entries: list[str]) -> dict[str, bytes]:
    """Pages of at most MAX_PAGE_BYTES, filled in order: one page unless the archive is huge."""
    pages: list[list[str]] = [[]]
    size = 0
    for entry in entries:
        length = len(entry.encode()) + 2  # and the ",\n" that follows it
        if pages[-1] and size + length > MAX_PAGE_BYTES - _ENVELOPE_BYTES:
            pages.append([])
            size = 0
        pages[-1].append(entry)
        size += length
    files = {}
    for number, chunk in enumerate(pages, start=1):
        path = catalogue_page_path(number)
        envelope = {
            "$schema": data.link(CATALOGUE_SCHEMA),
            "schema_version": SCHEMA_VERSION,
            "publisher": data.publisher.name,
            "as_of": edition.as_of.isoformat(),
            "total": len(entries),
            "page": number,
            "pages": len(pages),
            "previous": data.link(catalogue_page_path(number - 1)) if number > 1 else None,
            "next": data.link(catalogue_page_path(number + 1)) if number < len(pages) else None,
            "documents": [],
        }
        head = json.dumps(envelope, ensure_ascii=False, indent=1)
        # The documents one to a line: a diff between two days shows what changed, and the
        # file stays readable without re-encoding every entry.
        body = head[: head.rindex("[]")] + "[\n" + ",\n".join(chunk) + "\n]\n}\n"
        files[path] = body.encode()
    return files


class _Data:
    """A document as data: the catalogue's entry and the detail of its own file."""

    def __init__(self, edition: Edition, publisher: Publisher, public: set[str]) -> None:
        self.edition = edition
        self.publisher = publisher
        self.public = public
        self.pages: dict[str, str] = {}

    def link(self, path: str) -> str:
        """Absolute; without the site's address, a path from the site's root, the same in the
        catalogue's pages and in each document's file (a program reads it, not a browser)."""
        return self.publisher.absolute(path) or path

    def page(self, document: Document) -> str:
        # Each document is linked from its own entry and from those that cite it or it cites.
        page = self.pages.get(document.path)
        if page is None:
            page = self.pages[document.path] = self.link(self.edition.url_of(document))
        return page

    def entry(self, document: Document, path: str) -> dict[str, Any]:
        edition = self.edition
        based_on = [
            link for link in edition.graph.based_on(document) if link.target.path in self.public
        ]
        replaced = any(
            "replaces" in link.kinds and link.source.path in self.public
            for link in edition.graph.cited_by(document)
        )
        return {
            "number": document.number_text,
            "type": document.doctype.key if document.doctype else None,
            "type_name": document.doctype.name if document.doctype else None,
            "title": document.title,
            "issued": _iso(document.issued),
            "issuer": document.issuer,
            "url": self.page(document),
            "data": self.link(path),
            "updated": last_change(edition, document).isoformat(),
            "references": [
                {
                    "number": link.target.number_text,
                    "url": self.page(link.target),
                    "relations": sorted(link.kinds),
                }
                for link in based_on
            ],
            "topics": list(document.topics),
            "validity": validity_key(document, replaced, edition.as_of),
            "attachments": [
                self._attachment(document, a.file, a.title) for a in document.attachments
            ],
            "summary": document.summary,
        }

    def detail(self, document: Document) -> dict[str, Any]:
        edition = self.edition
        cited_by = [
            link for link in edition.graph.cited_by(document) if link.source.path in self.public
        ]
        src = edition.src_of(document)
        dates = public_dates(edition.history.get(document.path, []), document.publish_at)
        return {
            "place": document.place,
            "effective": _iso(document.effective),
            "signer": _signer(document.signer),
            "recipients": list(document.recipients),
            "amends": _numbers(document.amends),
            "replaces": _numbers(document.replaces),
            "previous_numbers": _numbers(document.previous_numbers),
            "cited_by": [
                {
                    "number": link.source.number_text,
                    "url": self.page(link.source),
                    "relations": sorted(link.kinds),
                }
                for link in cited_by
            ],
            "event": _event(document.event),
            "petitions": _window(document.petitions),
            "calendar": self.link(edition.urls.calendar_path(src))
            if has_calendar(document)
            else None,
            # What the document page tells a reader; commit messages are internal notes and
            # never published.
            "history": {
                "posted": _iso(dates.posted),
                "updated": _iso(dates.updated),
                "corrections": [
                    {"date": c.day.isoformat(), "note": c.note}
                    for c in document.corrections
                    if c.day <= edition.as_of
                ],
            },
            "text": document.body.strip("\n") + "\n" if document.has_text else None,
        }

    def _attachment(self, document: Document, file: str, title: str | None) -> dict[str, Any]:
        name = PurePosixPath(file).name
        kind = PurePosixPath(file).suffix.lstrip(".").upper() or None
        if file.startswith(("http://", "https://")):
            return {"title": title or name, "url": file, "format": kind, "size": None}
        folder = PurePosixPath(document.path).parent
        on_disk = self.edition.site.root / folder / file
        site_path = str(folder.relative_to(self.edition.site.layout.content_name) / file)
        return {
            "title": title or name,
            "url": self.link(site_path),
            "format": kind,
            "size": on_disk.stat().st_size if on_disk.is_file() else None,
        }


def _iso(day: object) -> str | None:
    return day.isoformat() if day is not None else None  # type: ignore[attr-defined]


def _signer(signer: Signer | None) -> dict[str, Any] | None:
    if signer is None:
        return None
    return {
        "mode": signer.mode,
        "authority": signer.authority,
        "title": signer.title,
        "name": signer.name,
    }


def _event(event: Event | None) -> dict[str, Any] | None:
    if event is None or event.start is None:
        return None
    return {"start": _moment(event.start), "end": _moment(event.end), "location": event.location}


def _window(window: Window | None) -> dict[str, Any] | None:
    if window is None:
        return None
    return {
        "start": _moment(window.start),
        "end": _moment(window.end),
        "channels": list(window.channels),
    }


def _moment(moment: Moment | None) -> str | None:
    """A day as YYYY-MM-DD, a time with Vietnam's offset: "2025-09-26T14:00:00+07:00"."""
    if moment is None:
        return None
    if moment.at is None:
        return moment.day.isoformat()
    return f"{moment.day.isoformat()}T{moment.at:%H:%M:%S}+07:00"


def _numbers(references: list[Reference]) -> list[str]:
    return [reference.number for reference in references]


# -- the schemas of these files ------------------------------------------------------------

_TEXT = {"type": ["string", "null"]}
_DAY = {"type": ["string", "null"], "format": "date"}
_WHEN = {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}\+07:00)?$"}
_LINKS = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["number", "url", "relations"],
        "additionalProperties": False,
        "properties": {
            "number": _TEXT,
            "url": {"type": "string"},
            "relations": {
                "type": "array",
                "items": {"enum": ["references", "cites", "amends", "replaces"]},
            },
        },
    },
}


def _entry_properties() -> dict[str, Any]:
    return {
        "number": {"description": "Số ký hiệu, ví dụ 340/TB-VPUB.", **_TEXT},
        "type": {"description": "Loại văn bản (giá trị `type` của phần thông tin).", **_TEXT},
        "type_name": {"description": "Tên loại văn bản, ví dụ Thông báo.", **_TEXT},
        "title": {"description": "Trích yếu.", "type": "string"},
        "issued": {"description": "Ngày ban hành.", **_DAY},
        "issuer": {"description": "Cơ quan ban hành.", **_TEXT},
        "url": {"description": "Địa chỉ trang văn bản.", "type": "string"},
        "data": {"description": "Địa chỉ tệp JSON đầy đủ của văn bản.", "type": "string"},
        "updated": {"description": "Ngày cập nhật gần nhất.", "type": "string", "format": "date"},
        "references": {"description": "Văn bản căn cứ, được dẫn chiếu.", **_LINKS},
        "topics": {"type": "array", "items": {"type": "string"}},
        "validity": {
            "description": "Tình trạng hiệu lực; null cho loại văn bản không có hiệu lực pháp lý "
            "(thông báo, kế hoạch, báo cáo...) hoặc khi chưa ghi.",
            "enum": [*VALIDITIES, None],
        },
        "attachments": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["title", "url", "format", "size"],
                "additionalProperties": False,
                "properties": {
                    "title": {"type": "string"},
                    "url": {"type": "string"},
                    "format": _TEXT,
                    "size": {"description": "Kích thước (byte).", "type": ["integer", "null"]},
                },
            },
        },
        "summary": _TEXT,
    }


def catalogue_schema() -> dict[str, Any]:
    entry = _entry_properties()
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Danh mục văn bản công khai",
        "type": "object",
        "required": ["schema_version", "total", "page", "pages", "next", "documents"],
        "additionalProperties": False,
        "properties": {
            "$schema": {"type": "string"},
            "schema_version": {"const": SCHEMA_VERSION},
            "publisher": {"type": "string"},
            "as_of": {"type": "string", "format": "date"},
            "total": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "pages": {"type": "integer", "minimum": 1},
            "previous": _TEXT,
            "next": _TEXT,
            "documents": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": list(entry),
                    "additionalProperties": False,
                    "properties": entry,
                },
            },
        },
    }


# Kept whole: a declaration (the JSON Schema of one document's record), not logic.
def document_schema() -> dict[str, Any]:
    properties = {
        "$schema": {"type": "string"},
        "schema_version": {"const": SCHEMA_VERSION},
        **_entry_properties(),
        "place": _TEXT,
        "effective": _DAY,
        "signer": {
            "type": ["object", "null"],
            "additionalProperties": False,
            "properties": {k: _TEXT for k in ("mode", "authority", "title", "name")},
        },
        "recipients": {"type": "array", "items": {"type": "string"}},
        "amends": {"type": "array", "items": {"type": "string"}},
        "replaces": {"type": "array", "items": {"type": "string"}},
        "previous_numbers": {"type": "array", "items": {"type": "string"}},
        "cited_by": {"description": "Văn bản dẫn chiếu văn bản này.", **_LINKS},
        "event": {
            "type": ["object", "null"],
            "additionalProperties": False,
            "required": ["start", "end", "location"],
            "properties": {"start": _WHEN, "end": _WHEN, "location": _TEXT},
        },
        "petitions": {
            "type": ["object", "null"],
            "additionalProperties": False,
            "required": ["start", "end", "channels"],
            "properties": {
                "start": _WHEN,
                "end": _WHEN,
                "channels": {"type": "array", "items": {"type": "string"}},
            },
        },
        "calendar": {"description": "Tệp lịch (.ics) của hội nghị.", **_TEXT},
        "history": {
            "description": "Ngày đăng, ngày cập nhật nội dung lần cuối và các lần đính chính.",
            "type": "object",
            "required": ["posted", "updated", "corrections"],
            "additionalProperties": False,
            "properties": {
                "posted": {"type": ["string", "null"], "format": "date"},
                "updated": {"type": ["string", "null"], "format": "date"},
                "corrections": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["date", "note"],
                        "additionalProperties": False,
                        "properties": {
                            "date": {"type": "string", "format": "date"},
                            "note": {"type": "string"},
                        },
                    },
                },
            },
        },
        "text": {"description": "Toàn văn (Markdown); null khi chưa có.", **_TEXT},
    }
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Một văn bản công khai",
        "type": "object",
        "required": [name for name in properties if name != "$schema"],
        "additionalProperties": False,
        "properties": properties,
    }
