"""Check: every rule over the modelled site, one function per diagnostic code.

Modules by subject: ``numbers`` (N), ``references`` (R), ``citations`` (C), ``dialogue``
(D), ``body`` (B), ``attachments`` (A). File and metadata rules (F, M) are reported by ``load``
and ``model``; body rules need only the file itself, so ``site.read_file`` runs them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from generator.check import addresses, attachments, citations, dialogue, numbers, references
from generator.check import pages as pages_rules
from generator.check.petitions import check_petitions
from generator.diagnostics import Diagnostic
from generator.model import Document, Page
from generator.petitions import load_config
from generator.registry import Registry

DocumentRule = Callable[[Document | Page, Registry], Iterable[Diagnostic]]

CITATION_RULES: tuple[DocumentRule, ...] = (
    citations.citation_date_mismatch,
    citations.citation_type_mismatch,
    citations.citation_unknown,
    citations.citation_spelling,
)
DOCUMENT_RULES: tuple[DocumentRule, ...] = (
    numbers.number_form,
    numbers.number_digits,
    numbers.number_leading_zero,
    numbers.number_type_mismatch,
    references.reference_unresolved,
    references.reference_to_draft,
    references.reference_to_later,
    dialogue.event_ends_before_start,
    dialogue.petitions_close_after_event,
    dialogue.petitions_close_before_open,
    *CITATION_RULES,
)


def check_site(
    documents: list[Document], pages: list[Page], registry: Registry, root: Path
) -> list[Diagnostic]:
    """The rules that need other documents or the file system; body rules run per file."""
    return (
        check_pages(pages, registry)
        + check_documents(documents, registry, root)
        + check_across(documents, registry, root)
    )


def check_pages(pages: list[Page], registry: Registry) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for page in pages:  # plain pages cite documents too
        for rule in CITATION_RULES:
            found.extend(rule(page, registry))
        found.extend(pages_rules.page_at_reserved_address(page))
    return found


def check_documents(documents: list[Document], registry: Registry, root: Path) -> list[Diagnostic]:
    """Each document against the registry, one by one: a share of the documents can be checked
    apart from the rest (``site`` gives shares to worker processes)."""
    found: list[Diagnostic] = []
    for document in documents:
        for rule in DOCUMENT_RULES:
            found.extend(rule(document, registry))
        found.extend(attachments.attachment_missing(document, root))
    return found


def check_across(documents: list[Document], registry: Registry, root: Path) -> list[Diagnostic]:
    """The rules that compare documents with one another."""
    found: list[Diagnostic] = []
    found.extend(numbers.number_duplicate(documents))
    found.extend(pages_rules.topic_address_collision(documents))
    srcs = addresses.document_srcs(documents)
    found.extend(addresses.address_collision(documents, srcs))
    found.extend(addresses.previous_number_taken(documents, registry, srcs))
    found.extend(check_petitions(documents, registry, load_config(root), date.today()))
    return found
