"""Registry: every document of the site, found by its số ký hiệu."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from generator.model import Document
from generator.numbers import number_key


class Registry:
    def __init__(self, documents: Iterable[Document]) -> None:
        self.documents: list[Document] = list(documents)
        self._by_number: dict[str, list[Document]] = {}
        for document in self.documents:
            if document.number_text:
                self._by_number.setdefault(number_key(document.number_text), []).append(document)

    def __len__(self) -> int:
        return len(self.documents)

    def lookup(self, number: str) -> Document | None:
        """The document with this number; a published one wins over a draft of the same number."""
        found = self._by_number.get(number_key(number))
        if not found:
            return None
        return next((d for d in found if d.published), found[0])

    def suggest(self, number: str) -> str | None:
        """The known number closest to a mistyped one, for "did you mean" hints."""
        close = difflib.get_close_matches(number_key(number), self._by_number, n=1, cutoff=0.75)
        return close[0] if close else None
