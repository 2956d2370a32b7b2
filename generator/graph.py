"""Graph: what each document is based on, what cites it, and what carried out each plan.

Relations come from two places and are merged: the `references` (and `amends`, `replaces`) an
editor lists in frontmatter, and the citations found in the body. A citation needs no entry in
`references` and a reference needs no citation: records of other bodies' documents have no text,
and an office document's text may cite more than its basis. Nothing is reported for either; the
reader sees every relation, and `portal show` says where each one comes from.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from generator.citations import Citation
from generator.model import Document
from generator.registry import Registry

# Where a document stands in a dialogue's chain: plan → announcement → agenda → conference →
# conclusion notice → results report. Used to order a plan's timeline when dates tie.
STAGES = {"notice": 0, "invitation": 0, "agenda": 1, "minutes": 2, "conclusion": 3, "report": 4}


@dataclass
class Link:
    source: Document
    target: Document
    kinds: list[str] = field(default_factory=list)  # "references", "amends", "replaces", "cites"
    citations: list[Citation] = field(default_factory=list)


class Graph:
    def __init__(self, documents: list[Document], registry: Registry) -> None:
        self.outgoing: dict[str, list[Link]] = {}
        self.incoming: dict[str, list[Link]] = {}
        for document in documents:
            links = links_from(document, registry)
            self.outgoing[document.path] = links
            for found in links:
                self.incoming.setdefault(found.target.path, []).append(found)
        for incoming in self.incoming.values():
            incoming.sort(key=lambda link: _chronological(link.source))

    def based_on(self, document: Document) -> list[Link]:
        return self.outgoing.get(document.path, [])

    def cited_by(self, document: Document) -> list[Link]:
        return self.incoming.get(document.path, [])

    def timeline(self, plan: Document) -> list[Document]:
        """The documents that carried out a plan, in the order the chain runs.

        Those citing the plan, and the dialogue documents citing those (an agenda may cite only
        the announcement), ordered by date, then by stage for drafts and ties.
        """
        direct = [link.source for link in self.cited_by(plan)]
        seen = {d.path for d in direct} | {plan.path}
        chain = list(direct)
        for document in direct:
            for link in self.cited_by(document):
                source = link.source
                key = source.doctype.key if source.doctype else ""
                if source.path not in seen and key in STAGES:
                    seen.add(source.path)
                    chain.append(source)
        return sorted(chain, key=_chronological)


def links_from(document: Document, registry: Registry) -> list[Link]:
    """What one document is based on or cites, one link per document it points to."""
    links: dict[str, Link] = {}
    for kind, target, citation in _relations(document, registry):
        if target is None or target is document:
            continue
        found = links.setdefault(target.path, Link(document, target))
        if kind not in found.kinds:
            found.kinds.append(kind)
        if citation is not None:
            found.citations.append(citation)
    return list(links.values())


def _relations(
    document: Document, registry: Registry
) -> Iterator[tuple[str, Document | None, Citation | None]]:
    for kind in ("references", "amends", "replaces"):
        for reference in getattr(document, kind):
            yield kind, registry.resolve(reference.number, before=document.issued), None
    for citation in document.citations:
        target = registry.resolve(citation.number, on=citation.cited_date, before=document.issued)
        yield "cites", target, citation


def _chronological(document: Document) -> tuple[date, int, str]:
    stage = STAGES.get(document.doctype.key if document.doctype else "", 5)
    return (document.issued or date.max, stage, document.path)
