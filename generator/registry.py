"""Registry: every document of the site, found by its số ký hiệu in the context of a citation.

State numbers restart every year (01/KH-VPUB exists in 2024 and in 2025), so a number alone
may name several documents. A citation's date picks the one issued that day (or that year);
a reference without a date picks the latest one issued on or before the citing document.
"""

from __future__ import annotations

import difflib
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
        for found in self._by_number.values():
            # Oldest first; undated drafts last.
            found.sort(key=lambda d: (d.issued is None, d.issued or date.min, d.path))

    def candidates(self, number: str) -> list[Document]:
        return self._by_number.get(number_key(number), [])

    def resolve(
        self, number: str, on: date | None = None, before: date | None = None
    ) -> Document | None:
        """The document a citation means.

        ``on`` is the date the citation gives; ``before`` the citing document's issue date.
        """
        found = self.candidates(number)
        if len(found) <= 1:
            return found[0] if found else None
        if on is not None:
            for match in (
                [d for d in found if d.issued == on],
                [d for d in found if d.issued and d.issued.year == on.year],
            ):
                if match:
                    return _prefer_published(match)
        if before is not None:
            earlier = [d for d in found if d.issued and d.issued <= before]
            # None earlier: the oldest, so that "cites a later document" can be reported.
            return earlier[-1] if earlier else found[0]
        return _prefer_published(found)

    def suggest(self, number: str) -> str | None:
        """The known number closest to a mistyped one, for "did you mean" hints."""
        close = difflib.get_close_matches(number_key(number), self._by_number, n=1, cutoff=0.75)
        return close[0] if close else None


def _prefer_published(found: list[Document]) -> Document:
    """The latest published document among equals; a draft only when there is nothing else."""
    published = [d for d in found if d.published]
    return (published or found)[-1]
