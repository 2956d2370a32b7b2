"""Model: the typed objects every stage after the loader hands on (documents, pages, citations).

Plain data with no reading logic: the frontmatter reader (``generator.frontmatter``) builds
``Document`` and ``Page`` from the loader's positioned YAML nodes and reports what is wrong,
and the citations stage (``generator.citations``) fills ``citations`` with ``Citation`` objects.
Keeping them here, below both, lets every later stage import the types without importing the
code that produces them (see the stage order in ``generator/__init__.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time

from generator.dates import short_date
from generator.doctypes import DocType
from generator.numbers import DocNumber


@dataclass(frozen=True)
class Reference:
    """A số ký hiệu written in frontmatter (references, amends, replaces), where it was written."""

    number: str
    line: int
    column: int | None = None


@dataclass(frozen=True)
class Signer:
    name: str | None = None
    title: str | None = None  # the signer's own title: "Phó Chánh Văn phòng"
    mode: str | None = None  # KT., TM., TL., TUQ., Q.
    authority: str | None = None  # for whom: "Chánh Văn phòng" in "KT. CHÁNH VĂN PHÒNG"


@dataclass(frozen=True)
class Moment:
    """A date, or a date and time when the document gives one (a dialogue starts at 14:00)."""

    day: date
    at: time | None = None

    @property
    def start(self) -> datetime:
        return datetime.combine(self.day, self.at or time.min)

    @property
    def end(self) -> datetime:
        """A bare date stands for the whole day when it closes a period."""
        return datetime.combine(self.day, self.at or time.max)

    @property
    def text(self) -> str:
        """As the office writes it: "14:00 ngày 26/9/2025", or "ngày 26/9/2025"."""
        return (f"{self.at:%H:%M} " if self.at else "") + f"ngày {short_date(self.day)}"


@dataclass(frozen=True)
class Event:
    start: Moment | None = None
    end: Moment | None = None
    location: str | None = None


@dataclass(frozen=True)
class Window:
    """The petition window (thời gian tiếp nhận kiến nghị) announced before a dialogue."""

    start: Moment | None = None
    end: Moment | None = None
    channels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Attachment:
    file: str  # relative to the document's folder, or an http(s) address
    title: str | None = None
    line: int = 0
    column: int | None = None


@dataclass(frozen=True)
class Correction:
    """A correction (đính chính) an editor records for the public: when, and what changed."""

    day: date
    note: str
    line: int = 0
    column: int | None = None


@dataclass
class Document:
    path: str
    doctype: DocType | None
    title: str
    status: str
    number: DocNumber | None = None
    number_text: str | None = None
    issued: date | None = None
    references: list[Reference] = field(default_factory=list)
    issuer: str | None = None
    place: str | None = None
    signer: Signer | None = None
    recipients: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    effective: date | None = None
    validity: str | None = None
    amends: list[Reference] = field(default_factory=list)
    replaces: list[Reference] = field(default_factory=list)
    previous_numbers: list[Reference] = field(default_factory=list)  # old addresses redirect
    event: Event | None = None
    petitions: Window | None = None
    publish_at: date | None = None
    summary: str | None = None
    corrections: list[Correction] = field(default_factory=list)
    # A petition's own keys (type: petition); see generator/petitions.py.
    received: date | None = None
    channel: str | None = None
    area: str | None = None
    from_place: str | None = None
    question: str | None = None
    state: str | None = None
    answered: date | None = None
    answer_by: Reference | None = None
    dialogue: Reference | None = None
    aliases: list[str] = field(default_factory=list)  # names it is cited by: "Luật Đất đai"
    body: str = ""
    body_line: int = 1
    # A record of a cited document (frontmatter only) has no full text on the portal. Kept apart
    # from `body` because `portal check` drops bodies once the per-file checks have run.
    has_text: bool = False
    citations: list[Citation] = field(default_factory=list)  # filled by the citations stage
    lines: dict[str, int] = field(default_factory=dict)  # key path → line, "event.end"
    columns: dict[str, int] = field(default_factory=dict)  # key path → column of its value
    # Files the body links to or shows, as written; kept when `portal check` drops the body.
    targets: list[str] = field(default_factory=list)
    invalid: frozenset[str] = frozenset()  # keys whose value was reported as wrong

    @property
    def published(self) -> bool:
        return self.status == "published"

    @property
    def is_petition(self) -> bool:
        return self.doctype is not None and self.doctype.key == "petition"

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.lines.get(key.split(".")[0], 1))

    def column_of(self, key: str) -> int | None:
        """The column of the value whose line ``line_of`` gives."""
        return self.columns.get(key if key in self.lines else key.split(".")[0])


def newest_key(document: Document) -> tuple[int, str, str]:
    """The one "newest first" order of documents: by date of issue, latest first, then by
    number and path so that the order is total and builds repeat.

    A document without a date of issue comes after every dated one: a draft (seen only in the
    preview) or a petition (dated by its answer, not by issue; search lists them after the
    documents, and their own section orders them by answer date).
    """
    issued = document.issued.toordinal() if document.issued else 0
    return (-issued, document.number_text or "", document.path)


def newest_first(documents: Iterable[Document]) -> list[Document]:
    """Documents in the order every list of the portal uses: listings, panels, feeds, open
    data, search ids."""
    return sorted(documents, key=newest_key)


@dataclass
class Page:
    """A plain page (``type: page``) such as "Giới thiệu": no number, no date."""

    issued = None  # a page is not issued; citation checks compare against a citer's date

    path: str
    title: str
    status: str = "published"
    summary: str | None = None
    order: int | None = None
    publish_at: date | None = None
    body: str = ""
    body_line: int = 1
    citations: list[Citation] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)
    targets: list[str] = field(default_factory=list)  # files the body links to or shows


@dataclass(frozen=True)
class Citation:
    text: str  # exactly as written: "Kế hoạch số 74/KH-VPUB ngày 15/12/2025"
    # What is cited, to look it up: the registered number ("74/KH-VPUB", also when written
    # `74 /KH-VPUB`); for an unnumbered law its title ("Luật Đất đai", "Bộ luật Dân sự 2015");
    # for a short reference the word and serial ("Nghị định 178").
    number: str
    word: str | None  # "Kế hoạch": the type word, in its dictionary form; None for a bare number
    doctype: DocType | None  # the type the word names
    cited_date: date | None
    date_text: str | None  # "15/12/2025" as written, for messages
    issuer: str | None  # "Văn phòng UBND tỉnh"
    line: int
    column: int
    start: int  # offsets in the body, for turning the citation into a link
    end: int
    number_start: int
    number_end: int
    date_ok: bool = True  # False when the written date does not exist (30/02/2025)
    kind: str = "number"  # "number", "title" (unnumbered law), "short" (Nghị định 178)
    written: str = ""  # the number exactly as written, line breaks included

    def __init__(
        self,
        text: str,
        number: str,
        word: str | None,
        doctype: DocType | None,
        cited_date: date | None,
        date_text: str | None,
        issuer: str | None,
        line: int,
        column: int,
        start: int,
        end: int,
        number_start: int,
        number_end: int,
        date_ok: bool = True,
        kind: str = "number",
        written: str = "",
    ) -> None:
        # The __init__ dataclass writes for a frozen class sets each field through
        # object.__setattr__: ~5 µs for these 16 fields, for every citation of every body.
        # One update of the instance's dict is the same object (same fields, equality, hash
        # and pickle; tests/test_model.py compares them) for a quarter of the cost.
        self.__dict__.update(
            text=text,
            number=number,
            word=word,
            doctype=doctype,
            cited_date=cited_date,
            date_text=date_text,
            issuer=issuer,
            line=line,
            column=column,
            start=start,
            end=end,
            number_start=number_start,
            number_end=number_end,
            date_ok=date_ok,
            kind=kind,
            written=written,
        )

    @property
    def numbered(self) -> bool:
        return self.kind == "number"
