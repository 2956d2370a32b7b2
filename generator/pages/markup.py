"""Small pieces of escaped HTML shared by every kind of page."""

from __future__ import annotations

import functools
import html
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from generator.dates import short_date
from generator.diagnostics import Diagnostic, Severity
from generator.model import Document
from generator.urls import UrlScheme


def esc(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def number_html(number: str | None) -> str:
    """A số ký hiệu that never breaks at its hyphen or slash: "340/TB-VPUB" stays whole."""
    return f'<span class="vb-nowrap">{esc(number)}</span>' if number else ""


def heading_slug(value: str, separator: str = "-") -> str:
    """Section anchors for Markdown's toc: "I. KẾT QUẢ ĐỐI THOẠI" → "i-ket-qua-doi-thoai".

    Markdown's own slugify drops "đ", which has no decomposition ("oi-thoai"); map it first.
    """
    text = value.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(rf"[{re.escape(separator)}\s]+", separator, text)


# Where the skip link ("Chuyển đến nội dung chính") of every page lands: the start of the
# document's own heading, after the menu, the header and the breadcrumbs.
SKIP_TARGET = "noi-dung"


def breadcrumbs(urls: UrlScheme, src: str, trail: list[tuple[str, str]], site_url: str = "") -> str:
    """The path from the home page to this page (each step: name, page source; this page
    last), shown as links and given to search engines as a schema.org BreadcrumbList."""
    if not trail:
        return _EMPTY_TRAIL
    *head, (name, to_src) = trail
    # Every step but the last is a link whose address depends on the page only through how
    # deep it is served ("../" for each folder): documents of one category share them all.
    up = urls.up(src)
    steps, items = _trail_head(urls, up, tuple(head), site_url)
    address = urls.absolute(site_url, to_src) if site_url else urls.href(src, to_src)
    last = _crumb_json(len(trail), name, address).replace("<", "\\u003c").replace(">", "\\u003e")
    return (
        f'<nav class="vb-crumbs" aria-label="Đường dẫn"><ol>{steps}'
        f'<li aria-current="page">{esc(name)}</li></ol></nav>\n'
        f'<script type="application/ld+json">{items}{last}]}}</script>\n\n'
    )


@functools.lru_cache(maxsize=1 << 12)
def _trail_head(
    urls: UrlScheme, up: str, head: tuple[tuple[str, str], ...], site_url: str
) -> tuple[str, str]:
    """The links and the start of the JSON-LD of a trail's steps before the page itself, for
    a page ``up`` (its "../"s) below the site's root: what ``breadcrumbs`` writes of them."""
    steps = []
    items = []
    for position, (name, to_src) in enumerate(head, start=1):
        href = urls.href_up(up, to_src)
        steps.append(f'<li><a href="{href}">{esc(name)}</a></li>')
        # Relative addresses resolve against the page, as JSON-LD allows, when the public
        # address is not configured.
        address = urls.absolute(site_url, to_src) if site_url else href
        items.append(_crumb_json(position, name, address) + ", ")
    # Inside <script> only "</" could end the element early; escaping "<" rules it out (each
    # piece apart: the replacements are of single characters).
    payload = f"{_CRUMBS_OPEN}{''.join(items)}".replace("<", "\\u003c").replace(">", "\\u003e")
    return "".join(steps), payload


# The JSON-LD of a breadcrumb trail, written as ``json.dumps(..., ensure_ascii=False)`` writes
# it (same separators, the strings quoted by its own function): on every page of the site,
# where json.dumps made an encoder for each call (tests/test_markup.py compares both).
_CRUMBS_OPEN = '{"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": ['


_EMPTY_TRAIL = (
    '<nav class="vb-crumbs" aria-label="Đường dẫn"><ol></ol></nav>\n'
    f'<script type="application/ld+json">{_CRUMBS_OPEN}]}}</script>\n\n'
)


def _crumb_json(position: int, name: str, address: str) -> str:
    return (
        f'{{"@type": "ListItem", "position": {position:d}, '
        f'"name": {_json_string(name)}, "item": {_json_string(address)}}}'
    )


_json_string = json.encoder.encode_basestring  # type: ignore[attr-defined]


@dataclass(frozen=True)
class PageSource:
    """A generated page: Markdown for the generator to render (the document's own text, with
    its meta), and finished HTML to place before and after it. The HTML is built and escaped
    here and must not be parsed again as Markdown: that would only cost time."""

    meta: dict[str, object]
    markdown: str = ""
    before: str = ""
    after: str = ""


def page_meta(title: str, description: str = "", **extra: object) -> dict[str, object]:
    """Page meta (title, description...), handed to the generator as data rather than as
    frontmatter it would parse again. Material prints `title` and `description` unescaped,
    so they are escaped here."""
    meta: dict[str, object] = {"title": esc(title)}
    if description:
        meta["description"] = esc(description)
    meta.update(extra)
    return meta


def problems_box(diagnostics: list[Diagnostic], with_file: bool = False) -> str:
    """The preview's list of what to fix, as `portal check` would print it."""
    if not diagnostics:
        return ""
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    items = "".join(
        f'<li class="vb-problem vb-problem--{d.severity.value}">'
        + (f"<code>{esc(d.file)}</code> " if with_file else "")
        + f"dòng {d.line}: <strong>{esc(d.severity.label)} {esc(d.code)}</strong> "
        f"{esc(d.message)}</li>"
        for d in diagnostics
    )
    return (
        '<section class="vb-problems" role="alert"><p><strong>Bản xem trước: '
        f"{errors} lỗi, {len(diagnostics) - errors} cảnh báo</strong> — sửa trước khi đăng; "
        "xem giải thích từng mã bằng <code>portal explain MÃ</code>.</p>"
        f"<ul>{items}</ul></section>"
    )


def label(document: Document) -> str:
    """ "Thông báo 340/TB-VPUB": how the office names a document in a list."""
    name = document.doctype.name if document.doctype else "Văn bản"
    return f"{name} {document.number_text}" if document.number_text else name


def label_html(document: Document) -> str:
    """`label` as HTML, the number kept whole on a narrow screen."""
    name = document.doctype.name if document.doctype else "Văn bản"
    if not document.number_text:
        return esc(name)
    return f"{esc(name)} {number_html(document.number_text)}"


def items(
    urls: UrlScheme,
    from_src: str,
    entries: Iterable[tuple[Document, str, str]],
) -> str:
    """Each (document, its page, date label) of a list on one page as an entry: number, date,
    type and subject, all a tap target, joined. (What an entry reads of its document is in
    ``document.face``, the key of the pages listing it.) The way up from the page to the
    site's root is worked out once for the list, not per entry."""
    up = urls.up(from_src)
    return "".join(
        f'<li class="vb-item"><a href="{urls.href_up(up, to_src)}">'
        + _item_rest(
            document.doctype.name if document.doctype else "Văn bản",
            document.number_text,
            document.published,
            document.issued,
            document.title,
            document.issuer,
            date_label,
        )
        for document, to_src, date_label in entries
    )


# A document is listed on many pages (listings, the panels of every document citing it): what
# its entry shows besides the link is made once for those values.
@functools.lru_cache(maxsize=1 << 15)
def _item_rest(
    name: str,
    number_text: str | None,
    published: bool,
    issued: date | None,
    title: str,
    issuer: str | None,
    date_label: str,
) -> str:
    label = f"{esc(name)} {number_html(number_text)}" if number_text else esc(name)
    when = short_date(issued) if issued else "chưa có ngày"
    draft = ' <span class="vb-draft-tag">BẢN NHÁP</span>' if not published else ""
    prefix = f"{esc(date_label)} · " if date_label else ""
    return (
        f'<span class="vb-item-label">{label}</span>{draft}'
        f'<span class="vb-item-title">{esc(title)}</span></a>'
        f'<span class="vb-item-meta">{prefix}{esc(when)}'
        f"{' · ' + esc(issuer) if issuer else ''}</span></li>"
    )
