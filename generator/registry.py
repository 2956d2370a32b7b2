"""Registry: every document of the site, found by its số ký hiệu in the context of a citation.

State numbers restart every year (01/KH-VPUB exists in 2024 and in 2025), so a number alone
may name several documents. A citation's date picks the one issued that day (or that year);
a reference without a date picks the latest one issued on or before the citing document.
"""

from __future__ import annotations

import difflib
from bisect import bisect_right
from collections.abc import Iterable
from datetime import date

from generator.model import Document
from generator.numbers import number_key


class Registry:
    def __init__(self, documents: Iterable[Document]) -> None:
        self.documents: list[Document] = list(documents)
        self._by_number: dict[str, list[Document]] = {}
        for document in self.documents:
            if document.number_text:
                self._by_number.setdefault(number_key(document.number_text), []).append(document)
        # Every number's documents oldest first (undated drafts last), and each day's documents:
        # a check resolves every citation and reference of the archive, and scans of the whole
        # list added up at 10,000.
        self._by_day: dict[tuple[str, date], list[Document]] = {}
        for key, found in self._by_number.items():
            found.sort(key=lambda d: (d.issued is None, d.issued or date.min, d.path))
            for document in found:
                if document.issued is not None:
                    self._by_day.setdefault((key, document.issued), []).append(document)

    def candidates(self, number: str) -> list[Document]:
        return self._by_number.get(number_key(number), [])

    def issued_on(self, number: str, day: date) -> list[Document]:
        """The documents with this number issued that day (a citation names the day)."""
        return self._by_day.get((number_key(number), day), [])

    def resolve(
        self, number: str, on: date | None = None, before: date | None = None
    ) -> Document | None:
        """The document a citation means.

        ``on`` is the date the citation gives; ``before`` the citing document's issue date.
        """
        key = number_key(number)
        found = self._by_number.get(key, [])
        if len(found) <= 1:
            return found[0] if found else None
        if on is not None:
            same_day = self._by_day.get((key, on))
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
        return close[0] if close else None


def _prefer_published(found: list[Document]) -> Document:
    """The latest published document among equals; a draft only when there is nothing else."""
    published = [d for d in found if d.published]
    return (published or found)[-1]
