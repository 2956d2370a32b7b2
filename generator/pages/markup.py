"""Small pieces of escaped HTML shared by every kind of page."""

from __future__ import annotations

import html
from dataclasses import dataclass

from generator.dates import short_date
from generator.diagnostics import Diagnostic, Severity
from generator.model import Document
from generator.urls import url_of


def esc(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def href(from_src: str, to_src: str) -> str:
    """A relative link between two pages' directory URLs, valid under any sub-path."""
    return asset_href(from_src, url_of(to_src)) or "./"


def asset_href(from_src: str, asset: str) -> str:
    """A relative link from a page to a static file such as an attachment."""
    depth = len([part for part in url_of(from_src).split("/") if part])
    return "../" * depth + asset


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


def item(document: Document, from_src: str, to_src: str, date_label: str = "") -> str:
    """One document in a list: number, date, type and subject, all a tap target."""
    when = short_date(document.issued) if document.issued else "chưa có ngày"
    draft = ' <span class="vb-draft-tag">BẢN NHÁP</span>' if not document.published else ""
    prefix = f"{esc(date_label)} · " if date_label else ""
    return (
        f'<li class="vb-item"><a href="{href(from_src, to_src)}">'
        f'<span class="vb-item-label">{esc(label(document))}</span>{draft}'
        f'<span class="vb-item-title">{esc(document.title)}</span></a>'
        f'<span class="vb-item-meta">{prefix}{esc(when)}'
        f"{' · ' + esc(document.issuer) if document.issuer else ''}</span></li>"
    )
