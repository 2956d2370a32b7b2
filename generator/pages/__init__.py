"""Pages: everything the public site shows, as Markdown with escaped HTML blocks.

Built from a checked site without importing MkDocs: the adapter (``mkdocs_plugin``) only hands
these sources to MkDocs as generated files, so another generator could take them instead.
"""

from __future__ import annotations

from pathlib import Path

from generator.pages.document import render_document
from generator.pages.edition import Edition, make_edition
from generator.pages.home import render_home
from generator.pages.listings import render_listings

__all__ = ["Edition", "make_edition", "render_pages"]


def render_pages(edition: Edition, root: Path) -> dict[str, str]:
    """Every generated page: source path under the docs folder → Markdown."""
    pages = {"index.md": render_home(edition)}
    pages.update(render_listings(edition))
    for document in edition.documents:
        pages[edition.src_of(document)] = render_document(edition, document, root)
    return pages
