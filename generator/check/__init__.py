"""Check: every rule over the modelled site, one function per diagnostic code.

Modules by subject: ``numbers`` (N), ``references`` (R), ``citations`` (C), ``dialogue``
(D), ``body`` (B), ``attachments`` (A). File and metadata rules (F, M) are reported by ``load``
and ``model``; body rules need only the file itself, so ``site.read_file`` runs them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from generator.check import addresses, attachments, citations, dialogue, numbers, references
from generator.check import pages as pages_rules
from generator.check.facts import TODAY, Checked, Facts, facts_of
from generator.check.petitions import check_petitions
from generator.diagnostics import Diagnostic
from generator.model import Document, Page
from generator.petitions import PetitionConfig, load_config
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


def check_item(
    item: Document | Page, registry: Registry, config: PetitionConfig, today: date
) -> Checked:
    """One document's or page's rules against the registry, with what they looked up."""
    registry.trace, registry.asked = set(), []
    found: list[Diagnostic] = []
    try:
        if isinstance(item, Page):  # plain pages cite documents too
            for rule in CITATION_RULES:
                found.extend(rule(item, registry))
            found.extend(pages_rules.page_at_reserved_address(item))
        else:
            for rule in DOCUMENT_RULES:
                found.extend(rule(item, registry))
            if item.is_petition:
                found.extend(check_petitions([item], registry, config, today))
                registry.trace.add(TODAY)
        # Interned: thousands of documents look up the same numbers, and pickle (workers,
        # `portal check`'s snapshot) writes one string object once.
        tokens = frozenset(map(sys.intern, registry.trace))
        return Checked(tuple(found), tokens, tuple(registry.asked))
    finally:
        registry.trace = registry.asked = None


def check_files(facts: list[Facts], root: Path) -> list[Diagnostic]:
    """A001: the attached files, looked at on every check (they are not Markdown files)."""
    found: list[Diagnostic] = []
    for document in facts:
        if document.attachments:
            found.extend(attachments.attachment_missing(document, root))
    return found


def check_across(facts: list[Facts]) -> list[Diagnostic]:
    """The rules that compare documents with one another, over their facts."""
    found: list[Diagnostic] = []
    found.extend(numbers.number_duplicate(facts))
    found.extend(pages_rules.topic_address_collision(facts))
    found.extend(addresses.address_collision(facts))
    found.extend(addresses.previous_number_taken(facts))
    return found


def check_site(
    documents: list[Document], pages: list[Page], registry: Registry, root: Path
) -> list[Diagnostic]:
    """Every rule that needs other documents or the file system (body rules run per file),
    in the order ``site.assemble`` gives them."""
    config, today = load_config(root), date.today()
    facts = [facts_of(document) for document in documents]
    found: list[Diagnostic] = []
    for item in [*pages, *documents]:
        found.extend(check_item(item, registry, config, today).diagnostics)
    return found + check_files(facts, root) + check_across(facts)
