"""Edition: what one build publishes — the documents and pages visible on a date, and where.

Drafts and documents whose `publish_at` is later than the build date are left out of everything
(pages, listings, panels, search data, sitemap) unless the build shows drafts (the preview).
Relations are computed among visible documents only, so no panel links to a hidden page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath

from generator.diagnostics import Diagnostic
from generator.graph import Graph
from generator.history import Change, read_history
from generator.model import Document, Page
from generator.registry import Registry
from generator.site import CONTENT_DIR, Site
from generator.urls import document_src, url_of


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

    def src_of(self, document: Document) -> str:
        return self.src[document.path]

    def url_of(self, document: Document) -> str:
        return url_of(self.src[document.path])


def _visible(item: Document | Page, as_of: date, drafts: bool) -> bool:
    if drafts:
        return True
    return item.status == "published" and (item.publish_at is None or item.publish_at <= as_of)


def is_public(item: Document | Page, as_of: date) -> bool:
    """Published and not held back on that date: what feeds, calendars and open data carry."""
    return _visible(item, as_of, drafts=False)


def make_edition(
    site: Site, as_of: date, drafts: bool = False, problems: bool = False, history: bool = True
) -> Edition:
    edition = Edition(site, as_of, drafts, history=read_history(site.root) if history else {})
    if problems:
        for diagnostic in site.diagnostics:
            edition.problems.setdefault(diagnostic.file, []).append(diagnostic)
    edition.documents = [d for d in site.documents if _visible(d, as_of, drafts)]
    edition.pages = [p for p in site.pages if _visible(p, as_of, drafts)]
    edition.registry = Registry(edition.documents)
    edition.graph = Graph(edition.documents, edition.registry)
    edition.src = {d.path: document_src(d) for d in edition.documents}
    shown = {p.path for p in edition.pages}
    content = PurePosixPath(CONTENT_DIR)
    # Documents are rendered from generated pages, so every document source is hidden; so are
    # pages not shown, and the attachments that only hidden documents carry.
    edition.hidden = {str(PurePosixPath(d.path).relative_to(content)) for d in site.documents} | {
        str(PurePosixPath(p.path).relative_to(content)) for p in site.pages if p.path not in shown
    }
    public = {d.path for d in edition.documents}
    attached: dict[str, bool] = {}
    for document in site.documents:
        folder = PurePosixPath(document.path).parent.relative_to(content)
        for attachment in document.attachments:
            if attachment.file.startswith(("http://", "https://")):
                continue
            name = str(folder / attachment.file)
            attached[name] = attached.get(name, False) or document.path in public
    edition.hidden |= {name for name, shown_by_public in attached.items() if not shown_by_public}
    return edition
