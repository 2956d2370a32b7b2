"""Pages: everything the public site shows, as Markdown with escaped HTML blocks.

Built from a checked site without importing MkDocs: the adapter (``mkdocs_plugin``) only hands
these sources to MkDocs as generated files, so another generator could take them instead.
"""

from __future__ import annotations

from pathlib import Path

from generator.pages.document import render_document
from generator.pages.edition import Edition, make_edition
from generator.pages.home import render_home
from generator.pages.listings import ListingMemo, listed, render_listings
from generator.pages.markup import PageSource, esc
from generator.pages.petitions import (
    INDEX_SRC,
    SECTION_TITLE,
    SEND_SRC,
    SEND_TITLE,
    render_petition_pages,
    render_send_page,
)
from generator.pages.search_page import SRC as SEARCH_SRC
from generator.pages.search_page import render_search_page

__all__ = [
    "Edition",
    "ListingMemo",
    "PageSource",
    "make_edition",
    "navigation",
    "render_collections",
    "render_pages",
    "update_pages",
]


def navigation(edition: Edition) -> list[tuple[str, str]]:
    """The site menu as (title, page source): small, whatever the size of the archive."""
    menu = [("Trang chủ", "index.md"), ("Văn bản", "van-ban/index.md")]
    menu += [(category.title, category.src) for category in listed(edition.documents)]
    if edition.petitions:  # no empty section in the menu
        menu.append((SECTION_TITLE, INDEX_SRC))
    menu.append((SEND_TITLE, SEND_SRC))
    pages = sorted(edition.pages, key=lambda p: (p.order is None, p.order or 0, p.title))
    # Menu titles are printed as they are by the theme: an editor's title is escaped here.
    layout = edition.site.layout
    menu += [(esc(page.title), layout.in_content(page.path)) for page in pages]
    return menu


def render_pages(
    edition: Edition, root: Path, memo: ListingMemo | None = None
) -> dict[str, PageSource]:
    """Every generated page, by its source path under the docs folder (``memo``: see
    ``update_pages``)."""
    pages = render_collections(edition, memo)
    for document in edition.documents:
        pages[edition.src_of(document)] = render_document(edition, document, root)
    return pages


def render_collections(edition: Edition, memo: ListingMemo | None = None) -> dict[str, PageSource]:
    """The pages that list or count documents: home, listings, search, petitions."""
    pages = {"index.md": render_home(edition)}
    pages.update(render_listings(edition, memo))
    pages[SEARCH_SRC] = render_search_page(edition)
    pages.update(render_petition_pages(edition))
    pages[SEND_SRC] = render_send_page(edition)
    return pages


def update_pages(
    before: Edition,
    pages: dict[str, PageSource],
    after: Edition,
    edited: set[str],
    root: Path,
    memo: ListingMemo | None = None,
) -> dict[str, PageSource] | None:
    """The pages of ``after``, given those of ``before`` and the files edited in between.

    Renders again what may show an edited file: the pages listing or counting documents
    (home, listings, petitions: cheap beside ten thousand document pages), the edited
    documents' own pages, those of the documents that show them in either edition (see
    ``related``), and those of every file whose problems changed. The result equals
    ``render_pages(after, root)``; None when the site's structure changed (a page added,
    removed or moved, a different menu), which needs everything rendered again. ``memo``, the
    one ``before``'s pages were rendered with, spares the listing pages whose documents are
    the same objects as then (``ListingMemo``).
    """
    if (
        after.src != before.src
        or after.hidden != before.hidden
        or after.page_by_src.keys() != before.page_by_src.keys()
        or navigation(after) != navigation(before)
    ):
        return None
    fresh = render_collections(after, memo)
    documents = {d.path for d in after.documents}
    if fresh.keys() - set(after.src.values()) != pages.keys() - set(before.src.values()):
        return None
    touched = set(edited)
    touched |= {
        path
        for path in before.problems.keys() | after.problems.keys()
        if before.problems.get(path) != after.problems.get(path)
    }
    touched |= related(before, edited) | related(after, edited)
    updated = dict(pages)
    updated.update(fresh)
    by_path = {d.path: d for d in after.documents}
    for path in sorted(touched & documents):
        document = by_path[path]
        updated[after.src_of(document)] = render_document(after, document, root)
    return updated


def related(edition: Edition, paths: set[str]) -> set[str]:
    """The documents whose pages may show one of ``paths``: those it cites or that cite it
    (panels, banners, validity), and the plans two citations up, whose timeline lists the
    documents carrying out each step of the plan."""
    graph = edition.graph
    found = set(paths)
    for path in paths:
        up = {link.target.path for link in graph.outgoing.get(path, [])}
        found |= up
        found.update(link.source.path for link in graph.incoming.get(path, []))
        for step in up:
            found.update(link.target.path for link in graph.outgoing.get(step, []))
    return found
