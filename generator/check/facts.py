"""What the rules across documents need of each document, and what each document's own
rules asked of the registry: the pieces that let a check after an edit redo only what the edit
can change.

A document's ``Facts`` are a pure function of the document: what the registry files it under
(``registry.Listed``) and the keys the rules across documents group by (its number's series,
its address, its topics' pages, the addresses of its old numbers). They are small, so `portal
check` sends them between processes and keeps them in its cache in place of whole documents.
``Checked`` is what a document's rules against the registry found, with what they looked up
(``Registry.trace``): after an edit, a document is checked again only when one of the keys it
looked up now finds other documents (``changed_tokens``) or its "did you mean" may answer
otherwise (``answer_may_change``).
"""

from __future__ import annotations

from datetime import date
from difflib import SequenceMatcher
from functools import lru_cache
from typing import NamedTuple

from generator.check.numbers import series_key
from generator.diagnostics import Diagnostic
from generator.model import Attachment, Document
from generator.numbers import parse_number
from generator.registry import SUGGEST_CUTOFF, registered_names, tokens_of
from generator.urls import document_src, topic_src

# The token of the day: a petition's rules depend on the date (P005, overdue).
TODAY = "t"


class Facts(NamedTuple):
    # What the registry needs (``registry.Listed``): a registry of facts answers as one of
    # documents does. The first nine fields; ``listed`` compares them.
    path: str
    status: str
    type_key: str | None
    number_text: str | None
    serial: int | None
    number_year: int | None
    issued: date | None
    names: tuple[str, ...]
    announces: bool
    # What the rules across documents group by and report.
    series: tuple[object, ...] | None  # N004's key (see check.numbers.series_key)
    digits: str  # the number's serial as printed, its symbol and issuer (N004's message)
    symbol: str
    issuer: str
    number_at: tuple[int, int | None]  # line and column of `number`
    src: str  # the document's page (N005, N006)
    topics: tuple[tuple[str, str], ...]  # each topic and its page (M007)
    topics_at: tuple[int, int | None]
    # Old numbers whose address differs from the document's: (address, number, line, column).
    previous: tuple[tuple[str, str, int, int | None], ...]
    attachments: tuple[Attachment, ...]  # A001 looks at the files every time

    @property
    def published(self) -> bool:
        return self.status == "published"

    @property
    def listed(self) -> tuple[object, ...]:
        return self[:9]


@lru_cache(maxsize=4096)
def _topic(topic: str) -> tuple[str, str]:
    """A topic and its page, one tuple per topic: a site has a few hundred topics, each
    slugged once (not once per document), and the facts that share a tuple pickle it once
    (workers → parent, the snapshot's shards)."""
    return (topic, topic_src(topic))


@lru_cache(maxsize=1024)
def _at(line: int, column: int | None) -> tuple[int, int | None]:
    """A key's line and column, one tuple per place, shared as ``_topic``'s are (documents
    write their keys on the same few lines)."""
    return (line, column)


def facts_of(document: Document) -> Facts:
    number = document.number
    src = document_src(document)
    previous = []
    for reference in document.previous_numbers:
        if parse_number(reference.number) is None:
            continue  # not a number: no address to take (N001 reads numbers' form)
        old = document_src(document, reference.number)
        if old != src:
            previous.append((old, reference.number, reference.line, reference.column))
    return Facts(
        document.path,
        document.status,
        document.doctype.key if document.doctype else None,
        document.number_text,
        number.serial if number else None,
        number.year if number else None,
        document.issued,
        registered_names(document),
        document.event is not None or document.petitions is not None,
        series_key(document),
        number.digits if number else "",
        number.symbol if number else "",
        number.issuer if number else "",
        _at(document.line_of("number"), document.column_of("number")),
        src,
        tuple(map(_topic, document.topics)),
        _at(document.line_of("topics"), document.column_of("topics")),
        tuple(previous),
        tuple(document.attachments),
    )


class Checked(NamedTuple):
    """A document's or a page's own rules against the registry: what they found, the keys
    they looked up (``Registry.trace``, plus ``TODAY`` for a petition) and the "did you mean"
    questions they asked with the answers given."""

    diagnostics: tuple[Diagnostic, ...]
    tokens: frozenset[str]
    asked: tuple[tuple[str, str | None], ...]


def changed_tokens(before: dict[str, Facts | None], after: dict[str, Facts | None]) -> set[str]:
    """The registry keys under which what is found changed: those of every document that was
    added, removed or registered otherwise (both its old and its new keys). Only the files
    in either mapping are compared: pass those that changed."""
    tokens: set[str] = set()
    for path in before.keys() | after.keys():
        old, new = before.get(path), after.get(path)
        if (old and old.listed) == (new and new.listed):
            continue
        for facts in (old, new):
            if facts is not None:
                tokens |= tokens_of(facts)
    return tokens


def respelled(before: dict[str, str], after: dict[str, str]) -> tuple[set[str], set[str]]:
    """The number keys that "did you mean" lost (or spells otherwise now) and gained."""
    gone = {key for key, spelling in before.items() if after.get(key) != spelling}
    new = {key for key, spelling in after.items() if before.get(key) != spelling}
    return gone, new


def answer_may_change(
    asked: tuple[tuple[str, str | None], ...], gone: set[str], new: set[str]
) -> bool:
    """Whether "did you mean" may answer one of these questions otherwise now: its answer
    went, or a new number is close enough to be chosen (difflib's own three tests)."""
    for question, answer in asked:
        if answer is not None and answer in gone:
            return True
        matcher = SequenceMatcher()
        matcher.set_seq2(question)
        for key in new:
            matcher.set_seq1(key)
            if (
                matcher.real_quick_ratio() >= SUGGEST_CUTOFF
                and matcher.quick_ratio() >= SUGGEST_CUTOFF
                and matcher.ratio() >= SUGGEST_CUTOFF
            ):
                return True
    return False
