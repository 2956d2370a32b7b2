"""Edition: what one build publishes — the documents and pages visible on a date, and where.

Drafts and documents whose `publish_at` is later than the build date are left out of everything
(pages, listings, panels, search data, sitemap) unless the build shows drafts (the preview).
Relations are computed among visible documents only, so no panel links to a hidden page.
"""

from __future__ import annotations

import dataclasses
import posixpath
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from generator.diagnostics import Diagnostic
from generator.graph import Graph, Link, links_from
from generator.graph import _chronological as chronological  # the order of a panel
from generator.history import Change, read_history
from generator.model import Document, Page
from generator.petitions import (
    PetitionConfig,
    load_config,
    petition_sources,
    public_petitions,
)
from generator.registry import Registry
from generator.urls import UrlScheme, document_src

if TYPE_CHECKING:  # only a type here: importing `site` at run time would load every check
    from generator.site import Site


@dataclass
class Edition:
    site: Site
    as_of: date
    drafts: bool
    documents: list[Document] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    registry: Registry = field(default_factory=lambda: Registry([]))
    graph: Graph = field(default_factory=lambda: Graph([], Registry([])))
    src: dict[str, str] = field(default_factory=dict)  # document path → generated page source
    hidden: set[str] = field(default_factory=set)  # content-relative files not to publish
    # The preview shows each file's diagnostics on its page; a public build has none to show.
    problems: dict[str, list[Diagnostic]] = field(default_factory=dict)
    history: dict[str, list[Change]] = field(default_factory=dict)  # from git, by file
    place: str = ""  # the site's place name, for date lines of documents that give none
    site_url: str = ""  # the public address, for absolute links in structured data
    page_by_src: dict[str, Page] = field(default_factory=dict)  # plain pages shown, by source
    # What each item of the site refers to (see _referenced), by path, with the item it was
    # computed from: the preview's next edition reuses it for the items that did not change.
    references: dict[str, tuple[Document | Page, frozenset[str]]] = field(default_factory=dict)
    # Answered petitions only, newest answer first: they have pages of their own in the Q&A
    # section, never in the documents' listings (see generator/pages/petitions.py).
    petitions: list[Document] = field(default_factory=list)
    petition_config: PetitionConfig = field(default_factory=PetitionConfig)
    # Where pages are served and how they link (mkdocs.yml's `use_directory_urls`).
    urls: UrlScheme = field(default_factory=UrlScheme)

    def src_of(self, document: Document) -> str:
        return self.src[document.path]

    def url_of(self, document: Document) -> str:
        return self.urls.url(self.src[document.path])


def _visible(item: Document | Page, as_of: date, drafts: bool) -> bool:
    if drafts:
        return True
    return item.status == "published" and (item.publish_at is None or item.publish_at <= as_of)


def is_public(item: Document | Page, as_of: date) -> bool:
    """Published and not held back on that date: what feeds, calendars and open data carry."""
    return _visible(item, as_of, drafts=False)


def make_edition(
    site: Site,
    as_of: date,
    drafts: bool = False,
    problems: bool = False,
    history: bool = True,
    place: str = "",
    site_url: str = "",
    urls: UrlScheme | None = None,
    petition_config: PetitionConfig | None = None,
    previous: Edition | None = None,
) -> Edition:
    """What a build publishes. ``previous``, an edition of the same site before some files
    were read again (the preview), lends its work for the documents that are the same objects.
    """
    edition = Edition(site, as_of, drafts, history=read_history(site.layout) if history else {})
    edition.place, edition.site_url = place, site_url
    edition.urls = urls or UrlScheme()
    if problems:
        for diagnostic in site.diagnostics:
            edition.problems.setdefault(diagnostic.file, []).append(diagnostic)
    edition.documents = [
        d for d in site.documents if not d.is_petition and _visible(d, as_of, drafts)
    ]
    edition.petitions = public_petitions(site.documents, as_of, drafts)
    edition.petition_config = (
        petition_config if petition_config is not None else load_config(site.root)
    )
    edition.pages = [p for p in site.pages if _visible(p, as_of, drafts)]
    edition.registry = Registry(edition.documents)
    edition.graph = _graph(edition.documents, edition.registry, previous)
    # A document's address depends on it alone: unchanged objects keep theirs.
    known = {d.path: d for d in previous.documents} if previous else {}
    edition.src = {
        d.path: (previous.src[d.path] if previous and known.get(d.path) is d else document_src(d))
        for d in edition.documents
    }
    edition.src.update(petition_sources(edition.petitions))
    _hide_sources(edition, site, previous)
    return edition


# What the registry reads of a document to resolve a citation (see registry.py): while none
# of it changes, every citation of the site resolves to the same document as before.
def _registry_entry(document: Document) -> tuple[object, ...]:
    return (
        document.number_text,
        document.number,
        document.doctype,
        document.issued,
        document.published,
        document.status,
        tuple(document.aliases),
        document.title,
    )


def _graph(documents: list[Document], registry: Registry, previous: Edition | None) -> Graph:
    """The relations of ``documents``; from ``previous``'s when only some documents were
    read again (new objects at the same paths, known to the registry by the same number,
    date and names), which leaves every other document's citations resolving as before."""
    if previous is None or len(previous.documents) != len(documents):
        return Graph(documents, registry)
    edited: dict[str, Document] = {}
    for before, after in zip(previous.documents, documents, strict=True):
        if before is after:
            continue
        if before.path != after.path or _registry_entry(before) != _registry_entry(after):
            return Graph(documents, registry)
        edited[after.path] = after
    if not edited:
        return previous.graph
    return _regraph(previous.graph, edited, registry)


def _regraph(old: Graph, edited: dict[str, Document], registry: Registry) -> Graph:
    """``old`` with the links of the ``edited`` documents found again, and the links to them
    pointing to their new objects: the graph ``Graph(documents, registry)`` gives."""
    graph = Graph([], registry)
    graph.outgoing = dict(old.outgoing)
    graph.incoming = dict(old.incoming)
    touched: set[str] = set(edited)
    for path, document in edited.items():
        touched.update(link.target.path for link in old.outgoing.get(path, []))
        graph.outgoing[path] = links_from(document, registry)
        touched.update(link.target.path for link in graph.outgoing[path])
    # Links of unchanged documents to an edited one: same citations, the new object.
    replaced: dict[int, Link] = {}
    for path, document in edited.items():
        for link in old.incoming.get(path, []):
            source = link.source.path
            if source in edited:
                continue
            new = replaced[id(link)] = Link(link.source, document, link.kinds, link.citations)
            graph.outgoing[source] = [new if x is link else x for x in graph.outgoing[source]]
    for target in touched:
        links = [
            replaced.get(id(link), link)
            for link in old.incoming.get(target, [])
            if link.source.path not in edited
        ]
        links += [
            link for path in edited for link in graph.outgoing[path] if link.target.path == target
        ]
        links.sort(key=lambda link: chronological(link.source))
        if links:
            graph.incoming[target] = links
        else:
            graph.incoming.pop(target, None)
    return graph


def _in_content(path: str, content: str) -> str:
    """A root-relative path ("content/van-ban/x.md") relative to the content folder."""
    if path.startswith(content + "/"):
        return path[len(content) + 1 :]
    return str(PurePosixPath(path).relative_to(content))


def _hide_sources(edition: Edition, site: Site, previous: Edition | None = None) -> None:
    shown = {p.path for p in edition.pages}
    content = site.layout.content_name
    # Documents are rendered from generated pages, so every document source is hidden; so are
    # pages not shown, and the attachments that only hidden documents carry.
    edition.hidden = {_in_content(d.path, content) for d in site.documents} | {
        _in_content(p.path, content) for p in site.pages if p.path not in shown
    }
    known = previous.references if previous is not None else {}
    edition.hidden |= draft_only_files(
        site, edition.documents, edition.pages, known, edition.references
    )
    edition.page_by_src = {_in_content(p.path, content): p for p in edition.pages}


def _referenced(item: Document | Page, content: PurePosixPath) -> set[str]:
    """The content-relative files an item attaches or links to in its body, normalised, so
    that `sub/../scan.pdf` and `./scan.pdf` name the one file they are."""
    folder = PurePosixPath(item.path).parent
    written = list(item.targets)
    if isinstance(item, Document):
        written += [
            a.file for a in item.attachments if not a.file.startswith(("http://", "https://"))
        ]
    found = set()
    for target in written:
        path = posixpath.normpath(str(folder / target))
        if path.startswith(f"{content}/") and not path.endswith(".md"):
            found.add(str(PurePosixPath(path).relative_to(content)))
    return found


def draft_only_files(
    site: Site,
    documents: list[Document],
    pages: list[Page],
    known: dict[str, tuple[Document | Page, frozenset[str]]] | None = None,
    found: dict[str, tuple[Document | Page, frozenset[str]]] | None = None,
) -> set[str]:
    """Files (attachments, linked files, images) that only items left out of this edition
    refer to: publishing them would leak a draft. Files nothing refers to are not decided here.

    ``known`` lends what an earlier call found for the items that are the same objects; what
    this call finds is recorded in ``found``."""
    shown = {item.path for item in [*documents, *pages]}
    content = PurePosixPath(site.layout.content_name)
    known = known or {}
    public: set[str] = set()
    hidden: set[str] = set()
    for item in [*site.documents, *site.pages]:
        entry = known.get(item.path)
        if entry is None or entry[0] is not item:
            entry = (item, frozenset(_referenced(item, content)))
        if found is not None:
            found[item.path] = entry
        (public if item.path in shown else hidden).update(entry[1])
    return hidden - public


def provisional(
    edition: Edition, edited: dict[str, Document], problems: dict[str, list[Diagnostic]]
) -> Edition | None:
    """A first, quick edition after documents were edited in place, to show their own pages.

    The preview shows an edited document's page from this at once, and a moment later the
    exact edition (``make_edition``) with every page that shows it. Here the edited documents
    take their old ones' places, their own links are resolved again against the registry as
    it was, and the links that pointed to them now point to them as edited; ``problems``
    replaces the listed files' problems. Other pages would be stale: render only the edited
    documents' pages. None when an edited file is not a document already on a page of its
    own at the same address (a new or moved page, a petition, a plain page).
    """
    documents = {d.path: d for d in edition.documents}
    for path, document in edited.items():
        if path not in documents or document.is_petition:
            return None
        if edition.src.get(path) != document_src(document):
            return None
    quick = dataclasses.replace(edition)
    quick.documents = [edited.get(d.path, d) for d in edition.documents]
    quick.problems = {**edition.problems, **problems}
    graph = Graph([], edition.registry)
    graph.outgoing = dict(edition.graph.outgoing)
    graph.incoming = dict(edition.graph.incoming)
    for path, document in edited.items():
        graph.outgoing[path] = links_from(document, edition.registry)
        graph.incoming[path] = [
            Link(link.source, document, link.kinds, link.citations)
            for link in edition.graph.incoming.get(path, [])
        ]
    quick.graph = graph
    return quick
