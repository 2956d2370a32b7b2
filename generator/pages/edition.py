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
    edition.graph = Graph(edition.documents, edition.registry)
    # A document's address depends on it alone: unchanged objects keep theirs.
    known = {d.path: d for d in previous.documents} if previous else {}
    edition.src = {
        d.path: (previous.src[d.path] if previous and known.get(d.path) is d else document_src(d))
        for d in edition.documents
    }
    edition.src.update(petition_sources(edition.petitions))
    _hide_sources(edition, site)
    return edition


def _hide_sources(edition: Edition, site: Site) -> None:
    shown = {p.path for p in edition.pages}
    content = PurePosixPath(site.layout.content_name)
    # Documents are rendered from generated pages, so every document source is hidden; so are
    # pages not shown, and the attachments that only hidden documents carry.
    edition.hidden = {str(PurePosixPath(d.path).relative_to(content)) for d in site.documents} | {
        str(PurePosixPath(p.path).relative_to(content)) for p in site.pages if p.path not in shown
    }
    edition.hidden |= draft_only_files(site, edition.documents, edition.pages)
    edition.page_by_src = {
        str(PurePosixPath(p.path).relative_to(content)): p for p in edition.pages
    }


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


def draft_only_files(site: Site, documents: list[Document], pages: list[Page]) -> set[str]:
    """Files (attachments, linked files, images) that only items left out of this edition
    refer to: publishing them would leak a draft. Files nothing refers to are not decided here."""
    shown = {item.path for item in [*documents, *pages]}
    content = PurePosixPath(site.layout.content_name)
    public: set[str] = set()
    hidden: set[str] = set()
    for item in [*site.documents, *site.pages]:
        (public if item.path in shown else hidden).update(_referenced(item, content))
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
