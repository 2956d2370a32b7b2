"""Registry: every document of the site, found by what a citation names, in its context.

A citation names a document by its số ký hiệu (in any case and spacing: `QĐ-TTG` is `QĐ-TTg`),
by its title when it has no number ("Luật Đất đai ngày 29 tháng 11 năm 2013": a record's
`aliases`, and for a law its type and title), or by a short reference ("Nghị định 178"), which
resolves only when exactly one known document fits.

State numbers restart every year (01/KH-VPUB exists in 2024 and in 2025), so a number alone
may name several documents. A citation's date picks the one issued that day (or that year);
a reference without a date picks the latest one issued on or before the citing document.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from datetime import date
from typing import Protocol

from generator.model import Document
from generator.numbers import number_key

_SHORT = re.compile(r"(?P<word>\D+?) (?P<serial>\d{1,5})(?:/(?P<year>\d{4}))?")
_TRAILING_YEAR = re.compile(r"(?P<name>.+?),? (?:năm )?(?P<year>(?:19|20)\d{2})")
# How close a known number must be to an unknown one to be suggested (difflib's ratio).
SUGGEST_CUTOFF = 0.75


def alias_key(text: str) -> str:
    """How names are compared: NFC, any case, any run of spaces."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


class Listed(Protocol):
    """What the registry needs of a document: `portal check` registers these (``check.facts``)
    instead of whole documents, and every question gets the same answer."""

    path: str
    status: str
    type_key: str | None
    number_text: str | None
    serial: int | None
    number_year: int | None
    issued: date | None
    names: tuple[str, ...]  # what it is cited by besides its number (aliases, a law's title)
    announces: bool  # has `event` or `petitions`: a dialogue a petition may name

    @property
    def published(self) -> bool: ...


def registered_names(document: Document) -> tuple[str, ...]:
    return tuple(_aliases(document))


def tokens_of(listed: Listed) -> set[str]:
    """The keys the registry finds a document under (see ``Registry.trace``)."""
    found = {"a" + alias_key(name) for name in listed.names}
    if listed.number_text:
        found.add("n" + number_key(listed.number_text))
    if listed.type_key is not None and listed.serial is not None:
        found.add(f"s{listed.type_key}/{listed.serial}")
    return found


def announces(found: Registered) -> bool:
    """Whether a document found in the registry announces a dialogue (`event`, `petitions`)."""
    if isinstance(found, Document):
        return found.event is not None or found.petitions is not None
    return found.announces


# A registry holds whole documents (`portal build`, the preview) or their entries (`check`).
Registered = Document | Listed


def _by_date(document: Registered) -> tuple[bool, date, str]:
    return (document.issued is None, document.issued or date.min, document.path)


def _fields(document: Registered) -> tuple[str | None, int | None, list[str] | tuple[str, ...]]:
    if not isinstance(document, Document):
        return document.type_key, document.serial, document.names
    serial = document.number.serial if document.number else None
    return (document.doctype.key if document.doctype else None), serial, _aliases(document)


class Registry:
    """Documents by number, title and short reference.

    ``trace``, when set, collects a token for every key a question looked up ("n" and the
    number's key, "a" and a title's, "s" and a type and serial), and ``asked`` every "did you
    mean" question with its answer: what a document's rules depended on, so that after an
    edit only the documents whose questions may now be answered otherwise are checked again.
    """

    def __init__(self, documents: Iterable[Registered]) -> None:
        self.documents: list[Registered] = list(documents)
        self.trace: set[str] | None = None
        self.asked: list[tuple[str, str | None]] | None = None
        self._by_number: dict[str, list[Registered]] = {}
        self._spelling: dict[str, str] = {}  # number key → the spelling a record registers
        self._by_alias: dict[str, list[Registered]] = {}
        self._by_serial: dict[tuple[str, int], list[Registered]] = {}
        for document in self.documents:
            if document.number_text:
                key = number_key(document.number_text)
                self._by_number.setdefault(key, []).append(document)
                self._spelling.setdefault(key, document.number_text.strip())
            type_key, serial, names = _fields(document)
            for alias in names:
                self._by_alias.setdefault(alias_key(alias), []).append(document)
            if type_key and serial is not None:
                self._by_serial.setdefault((type_key, serial), []).append(document)
        # Every number's documents oldest first (undated drafts last), and each day's documents:
        # a check resolves every citation and reference of the archive, and scans of the whole
        # list added up at 10,000.
        self._by_day: dict[tuple[str, date], list[Registered]] = {}
        for key, found in self._by_number.items():
            found.sort(key=_by_date)
            for document in found:
                if document.issued is not None:
                    self._by_day.setdefault((key, document.issued), []).append(document)
        for found in self._by_alias.values():
            found.sort(key=_by_date)

    def replacing(
        self, documents: list[Registered], edited: list[tuple[Registered, Registered]]
    ) -> Registry:
        """This registry with each edited document's new version in place of its old one,
        where both are filed under the same keys in the same order (``Facts.listed`` equal):
        the preview's registry after a save, without filing every document again. This one
        is left as it was (an earlier edition may still use it)."""
        registry = Registry([])
        registry.documents = documents
        registry._spelling = self._spelling
        registry._by_number, registry._by_day = dict(self._by_number), dict(self._by_day)
        registry._by_alias, registry._by_serial = dict(self._by_alias), dict(self._by_serial)
        for old, new in edited:
            type_key, serial, names = _fields(old)
            keys: list[tuple[dict, object]] = []
            if old.number_text:
                key = number_key(old.number_text)
                keys.append((registry._by_number, key))
                if old.issued is not None:
                    keys.append((registry._by_day, (key, old.issued)))
            keys += [(registry._by_alias, alias_key(alias)) for alias in names]
            if type_key and serial is not None:
                keys.append((registry._by_serial, (type_key, serial)))
            for table, key in keys:
                table[key] = [new if found is old else found for found in table[key]]
        return registry

    @property
    def spellings(self) -> dict[str, str]:
        """Every number's key and its registered spelling: what "did you mean" chooses from."""
        return self._spelling

    def candidates(self, number: str) -> list[Registered]:
        """The documents a number, a title or a short reference may name."""
        key = number_key(number)
        if self.trace is not None:
            self.trace.add("n" + key)
        if key in self._by_number:
            return self._by_number[key]
        return self._by_title(number) or self._by_short(number)

    def registered(self, number: str) -> str | None:
        """The spelling a record registers for this number (`2927 -TB/TU` → `2927-TB/TU`)."""
        key = number_key(number)
        if self.trace is not None:
            self.trace.add("n" + key)
        return self._spelling.get(key)

    def issued_on(self, number: str, day: date) -> list[Registered]:
        """The documents with this number issued that day (a citation names the day)."""
        key = number_key(number)
        if self.trace is not None:
            self.trace.add("n" + key)
        if key in self._by_number:
            return self._by_day.get((key, day), [])
        return [d for d in self.candidates(number) if d.issued == day]

    def resolve(
        self, number: str, on: date | None = None, before: date | None = None
    ) -> Registered | None:
        """The document a citation means.

        ``on`` is the date the citation gives; ``before`` the citing document's issue date.
        """
        key = number_key(number)
        if self.trace is not None:
            self.trace.add("n" + key)
        found = self._by_number.get(key) or self.candidates(number)
        if len(found) <= 1:
            return found[0] if found else None
        if on is not None:
            same_day = self._by_day.get((key, on)) or [d for d in found if d.issued == on]
            if same_day:
                return _prefer_published(same_day)
            same_year = [d for d in found if d.issued and d.issued.year == on.year]
            if same_year:
                return _prefer_published(same_year)
        if before is not None:
            # Undated drafts sort last, as if issued at the end of time.
            earlier = bisect_right(found, before, key=lambda d: d.issued or date.max)
            # None earlier: the oldest, so that "cites a later document" can be reported.
            return found[earlier - 1] if earlier else found[0]
        return _prefer_published(found)

    def suggest(self, number: str) -> str | None:
        """The known number closest to a mistyped one, for "did you mean" hints."""
        key = number_key(number)
        close = difflib.get_close_matches(key, self._by_number, n=1, cutoff=SUGGEST_CUTOFF)
        if self.asked is not None:
            self.asked.append((key, close[0] if close else None))
        return self._spelling[close[0]] if close else None

    def _by_title(self, name: str) -> list[Registered]:
        """A law by its title; "Bộ luật Dân sự 2015" is the one of that name issued in 2015."""
        key = alias_key(name)
        if self.trace is not None:
            self.trace.add("a" + key)
        found = self._by_alias.get(key)
        if found:
            return found
        if m := _TRAILING_YEAR.fullmatch(name.strip()):
            year = int(m["year"])
            key = alias_key(m["name"])
            if self.trace is not None:
                self.trace.add("a" + key)
            named = self._by_alias.get(key, [])
            return [d for d in named if d.issued and d.issued.year == year]
        return []

    def _by_short(self, reference: str) -> list[Registered]:
        """A short reference ("Nghị định 178"): the one known decree numbered 178, or none."""
        from generator.citations import WORDS  # the grammar of running text, not needed before

        m = _SHORT.fullmatch(reference.strip())
        if m is None or (type_key := WORDS.get(m["word"])) is None:
            return []
        if self.trace is not None:
            self.trace.add(f"s{type_key}/{int(m['serial'])}")
        found = self._by_serial.get((type_key, int(m["serial"])), [])
        if m["year"]:
            year = int(m["year"])
            found = [d for d in found if year in _years(d)]
        return found if len(found) == 1 else []


def _aliases(document: Document) -> list[str]:
    names = list(getattr(document, "aliases", []) or [])
    if document.doctype and document.doctype.key == "law" and document.title:
        names.append(f"Luật {document.title}")  # a law's title is its name: "Đất đai"
    return names


def _years(document: Registered) -> tuple[int | None, int | None]:
    if not isinstance(document, Document):
        return document.number_year, document.issued.year if document.issued else None
    return (
        document.number.year if document.number else None,
        document.issued.year if document.issued else None,
    )


def _prefer_published(found: list[Registered]) -> Registered:
    """The latest published document among equals; a draft only when there is nothing else."""
    published = [d for d in found if d.published]
    return (published or found)[-1]
