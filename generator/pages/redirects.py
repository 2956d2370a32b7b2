"""Pages left at a document's old addresses: a changed number keeps its old links working.

A document whose number was corrected (`previous_numbers`) moves to the new number's address;
a small page at each old address sends the reader on, tells search engines where the document
now lives, and is not indexed itself. Written after the generator has written the site's pages,
never over one of them (N006 reports an old address that another document holds).
"""

from __future__ import annotations

import html
from pathlib import Path

from generator.pages.edition import Edition
from generator.urls import document_src


def redirect_pages(edition: Edition) -> dict[str, str]:
    """{file under the site: HTML} for every old address of the edition's documents."""
    urls = edition.urls
    pages: dict[str, str] = {}
    for document in edition.documents:
        new_src = edition.src_of(document)
        for previous in document.previous_numbers:
            old_src = document_src(document, previous.number)
            if old_src == new_src:
                continue
            target = urls.href(old_src, new_src)
            canonical = urls.absolute(edition.site_url, new_src) if edition.site_url else target
            # Two documents once numbered alike: the first keeps the address (N006 warns).
            pages.setdefault(urls.file(old_src), redirect_html(target, canonical))
    return pages


def write_redirects(edition: Edition, site_dir: Path) -> None:
    """Write the redirect pages into a built site, leaving every existing file alone."""
    for path, text in redirect_pages(edition).items():
        page = site_dir / path
        if page.exists():
            continue  # another page's address (N006): never overwrite it
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(text, encoding="utf-8")


def redirect_html(target: str, canonical: str) -> str:
    safe, canonical = html.escape(target), html.escape(canonical)
    return (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">'
        f'<title>Văn bản đã chuyển địa chỉ</title><link rel="canonical" href="{canonical}">'
        f'<meta http-equiv="refresh" content="0; url={safe}">'
        '<meta name="robots" content="noindex"></head>'
        f'<body><p>Văn bản đã chuyển sang <a href="{safe}">địa chỉ mới</a>.</p></body></html>\n'
    )
