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

from generator.citations import WORDS
from generator.model import Document
from generator.numbers import number_key

_SHORT = re.compile(r"(?P<word>\D+?) (?P<serial>\d{1,5})(?:/(?P<year>\d{4}))?")
_TRAILING_YEAR = re.compile(r"(?P<name>.+?),? (?:năm )?(?P<year>(?:19|20)\d{2})")


def alias_key(text: str) -> str:
    """How names are compared: NFC, any case, any run of spaces."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def _by_date(document: Document) -> tuple[bool, date, str]:
    return (document.issued is None, document.issued or date.min, document.path)


class Registry:
    def __init__(self, documents: Iterable[Document]) -> None:
        self.documents: list[Document] = list(documents)
        self._by_number: dict[str, list[Document]] = {}
        self._spelling: dict[str, str] = {}  # number key → the spelling a record registers
        self._by_alias: dict[str, list[Document]] = {}
        self._by_serial: dict[tuple[str, int], list[Document]] = {}
        for document in self.documents:
            if document.number_text:
                key = number_key(document.number_text)
                self._by_number.setdefault(key, []).append(document)
                self._spelling.setdefault(key, document.number_text.strip())
            for alias in _aliases(document):
                self._by_alias.setdefault(alias_key(alias), []).append(document)
            if document.doctype and document.number and document.number.serial is not None:
                serial_key = (document.doctype.key, document.number.serial)
                self._by_serial.setdefault(serial_key, []).append(document)
        # Every number's documents oldest first (undated drafts last), and each day's documents:
        # a check resolves every citation and reference of the archive, and scans of the whole
        # list added up at 10,000.
        self._by_day: dict[tuple[str, date], list[Document]] = {}
        for key, found in self._by_number.items():
            found.sort(key=_by_date)
            for document in found:
                if document.issued is not None:
                    self._by_day.setdefault((key, document.issued), []).append(document)
        for found in self._by_alias.values():
            found.sort(key=_by_date)

    def candidates(self, number: str) -> list[Document]:
        """The documents a number, a title or a short reference may name."""
        key = number_key(number)
        if key in self._by_number:
            return self._by_number[key]
        return self._by_title(number) or self._by_short(number)

    def registered(self, number: str) -> str | None:
        """The spelling a record registers for this number (`2927 -TB/TU` → `2927-TB/TU`)."""
        return self._spelling.get(number_key(number))

    def issued_on(self, number: str, day: date) -> list[Document]:
        """The documents with this number issued that day (a citation names the day)."""
        key = number_key(number)
        if key in self._by_number:
            return self._by_day.get((key, day), [])
        return [d for d in self.candidates(number) if d.issued == day]

    def resolve(
        self, number: str, on: date | None = None, before: date | None = None
    ) -> Document | None:
        """The document a citation means.

        ``on`` is the date the citation gives; ``before`` the citing document's issue date.
        """
        key = number_key(number)
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
        close = difflib.get_close_matches(number_key(number), self._by_number, n=1, cutoff=0.75)
        return self._spelling[close[0]] if close else None

    def _by_title(self, name: str) -> list[Document]:
        """A law by its title; "Bộ luật Dân sự 2015" is the one of that name issued in 2015."""
        found = self._by_alias.get(alias_key(name))
        if found:
            return found
        if m := _TRAILING_YEAR.fullmatch(name.strip()):
            year = int(m["year"])
            named = self._by_alias.get(alias_key(m["name"]), [])
            return [d for d in named if d.issued and d.issued.year == year]
        return []

    def _by_short(self, reference: str) -> list[Document]:
        """A short reference ("Nghị định 178"): the one known decree numbered 178, or none."""
        m = _SHORT.fullmatch(reference.strip())
        if m is None or (type_key := WORDS.get(m["word"])) is None:
            return []
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


def _years(document: Document) -> tuple[int | None, int | None]:
    return (
        document.number.year if document.number else None,
        document.issued.year if document.issued else None,
    )


def _prefer_published(found: list[Document]) -> Document:
    """The latest published document among equals; a draft only when there is nothing else."""
    published = [d for d in found if d.published]
    return (published or found)[-1]
