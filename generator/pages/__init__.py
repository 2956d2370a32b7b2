"""Pages: everything the public site shows, as Markdown with escaped HTML blocks.

Built from a checked site without importing MkDocs: the adapter (``mkdocs_plugin``) only hands
these sources to MkDocs as generated files, so another generator could take them instead.
"""

from __future__ import annotations

from pathlib import Path

from generator.pages.document import render_document
from generator.pages.edition import Edition, make_edition
from generator.pages.home import render_home
from generator.pages.listings import listed, render_listings
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

__all__ = ["Edition", "PageSource", "make_edition", "navigation", "render_pages"]


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


def render_pages(edition: Edition, root: Path) -> dict[str, PageSource]:
    """Every generated page, by its source path under the docs folder."""
    pages = {"index.md": render_home(edition)}
    pages.update(render_listings(edition))
    pages[SEARCH_SRC] = render_search_page(edition)
    pages.update(render_petition_pages(edition))
    pages[SEND_SRC] = render_send_page(edition)
    for document in edition.documents:
        pages[edition.src_of(document)] = render_document(edition, document, root)
    return pages
