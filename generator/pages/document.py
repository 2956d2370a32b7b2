"""The page of one document: official header, properties, text with linked citations,
signature, recipients, attachments, relations and, for a plan, its timeline."""

from __future__ import annotations

from datetime import date
from pathlib import Path, PurePosixPath

from generator.citations import Citation
from generator.dates import legal_date, short_date
from generator.doctypes import VALIDITIES
from generator.graph import Link
from generator.history import Change
from generator.model import Document
from generator.pages.dialogue import dialogue_facts, has_calendar
from generator.pages.edition import Edition, is_public
from generator.pages.links import link_citations
from generator.pages.markup import (
    PageSource,
    asset_href,
    esc,
    href,
    item,
    label,
    page_meta,
    problems_box,
)
from generator.urls import calendar_path, relative, topic_src

# Panels list at most this many documents, so that a page's size does not grow with the
# archive: a regulation cited by every plan for years links to a full list instead.
PANEL_LIMIT = 20

# The two-line issuing body of the office's own documents, as printed at the top left.
_ISSUER_LINES = {
    "VPUB": ("ỦY BAN NHÂN DÂN TỈNH SƠN LA", "VĂN PHÒNG"),
    "UBND": ("", "ỦY BAN NHÂN DÂN TỈNH SƠN LA"),
}


def cited_by_src(edition: Edition, document: Document) -> str:
    return edition.src_of(document)[: -len(".md")] + "/duoc-dan-chieu.md"


def validity_key(document: Document, replaced: bool, as_of: date) -> str:
    """vbpl.vn's status: as given, or derived from replacements and the effective date."""
    if document.validity:
        return document.validity
    if replaced:
        return "expired"
    if document.effective and document.effective > as_of:
        return "not-yet-in-force"
    return "in-force"


def validity(edition: Edition, document: Document) -> str:
    replaced = any("replaces" in link.kinds for link in edition.graph.cited_by(document))
    return VALIDITIES[validity_key(document, replaced, edition.as_of)]


def render_document(edition: Edition, document: Document, root: Path) -> PageSource:
    src = edition.src_of(document)
    description = f"{label(document)}" + (
        f" ngày {short_date(document.issued)}" if document.issued else ""
    )
    meta = page_meta(
        f"{label(document)}: {document.title}",
        f"{description}: {document.title}",
        portal="document",
        draft=not document.published,
    )
    before = [problems_box(edition.problems.get(document.path, []))]
    if not document.published:
        before.append(
            '<p class="vb-draft" role="note"><strong>BẢN NHÁP</strong> — văn bản chưa ban hành, '
            "chỉ hiển thị trong bản xem trước, không đăng lên Cổng.</p>"
        )
    before += [_banners(edition, document, src), _header(document)]
    before.append(_properties(edition, document, src))
    facts = dialogue_facts(document, edition.as_of)
    if facts:
        add = ""
        if has_calendar(document) and is_public(document, edition.as_of):
            add = (
                f'<p class="vb-calendar"><a href="{asset_href(src, calendar_path(src))}" '
                'type="text/calendar" download>Thêm vào lịch</a></p>'
            )
        before.append(
            '<section class="vb-panel vb-dialogue" aria-labelledby="hoi-nghi">'
            f'<h2 id="hoi-nghi">Hội nghị đối thoại</h2><dl>{facts}</dl>{add}</section>'
        )
    after = []
    if document.has_text:
        before.append('<div class="vb-body">')
        after += ["</div>", _footer(document)]
        markdown = _body(edition, document, src) + "\n"
    else:
        markdown = ""
        before.append(
            '<p class="vb-no-text">Chưa có toàn văn trên Cổng. Thông tin văn bản ở trên được ghi '
            "lại để tra cứu các văn bản dẫn chiếu"
            + (", bản gốc ở mục Tệp đính kèm." if document.attachments else ".")
            + "</p>"
        )
    after += [
        _attachments(document, src, root),
        _relations(edition, document, src),
        _history(edition.history.get(document.path, [])),
    ]
    return PageSource(
        meta, markdown, "\n".join(x for x in before if x), "\n".join(x for x in after if x)
    )


def _header(document: Document) -> str:
    number = document.number
    party = number is not None and number.form.value == "party"
    parent, body = _ISSUER_LINES.get(number.issuer if number else "", ("", ""))
    if not body:
        body = (document.issuer or "").upper()
    nation = (
        "<strong>ĐẢNG CỘNG SẢN VIỆT NAM</strong>"
        if party
        else "<strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong>"
        '<span class="vb-motto">Độc lập - Tự do - Hạnh phúc</span>'
    )
    place = document.place or ""
    when = legal_date(document.issued) if document.issued else "ngày ... tháng ... năm ..."
    place_date = f"{esc(place)}, {when}" if place else when
    number_line = f"Số: {esc(document.number_text)}" if document.number_text else "Số: ..."
    doctype = document.doctype
    printed = (doctype.printed_name if doctype else "Văn bản").upper()
    return (
        '<header class="vb-head">'
        '<div class="vb-issuer">'
        + (f'<span class="vb-parent">{esc(parent)}</span>' if parent else "")
        + f'<strong class="vb-body-name">{esc(body)}</strong>'
        f'<span class="vb-number">{number_line}</span></div>'
        f'<div class="vb-nation">{nation}<em class="vb-place-date">{place_date}</em></div>'
        "</header>\n\n"
        f'<h1 class="vb-title"><span class="vb-type">{esc(printed)}</span> '
        f'<span class="vb-subject">{esc(document.title)}</span></h1>\n\n'
    )


def _properties(edition: Edition, document: Document, src: str) -> str:
    signer = document.signer
    signed = ""
    if signer:
        mode = f"{signer.mode} {signer.authority or ''}".strip() if signer.mode else ""
        signed = " — ".join(x for x in (mode, signer.title, signer.name) if x)
    topics = ", ".join(
        f'<a href="{href(src, topic_src(topic))}">{esc(topic)}</a>' for topic in document.topics
    )
    rows = [
        ("Số ký hiệu", esc(document.number_text) or "Chưa có số"),
        ("Loại văn bản", esc(document.doctype.name if document.doctype else "")),
        ("Cơ quan ban hành", esc(document.issuer)),
        ("Ngày ban hành", esc(short_date(document.issued)) if document.issued else "Chưa ban hành"),
        ("Ngày có hiệu lực", esc(short_date(document.effective)) if document.effective else ""),
        ("Người ký", esc(signed)),
        ("Tình trạng", esc(validity(edition, document))),
        ("Chủ đề", topics),
    ]
    cells = "".join(
        f'<tr><th scope="row">{name}</th><td>{value}</td></tr>' for name, value in rows if value
    )
    return (
        '<table class="vb-props"><caption>Thông tin văn bản</caption>'
        f"<tbody>{cells}</tbody></table>\n\n"
    )


def _body(edition: Edition, document: Document, src: str) -> str:
    def target(citation: Citation) -> str | None:
        cited = edition.registry.resolve(
            citation.number, on=citation.cited_date, before=document.issued
        )
        if cited is None or cited is document:
            return None
        return relative(src, edition.src_of(cited))

    return link_citations(document.body, document.citations, target).strip("\n")


def _footer(document: Document) -> str:
    recipients = ""
    if document.recipients:
        items = "".join(f"<li>{esc(r)};</li>" for r in document.recipients)
        recipients = (
            '<div class="vb-recipients"><p><strong><em>Nơi nhận:</em></strong></p>'
            f"<ul>{items}</ul></div>"
        )
    signature = ""
    if document.signer:
        signer = document.signer
        lines = []
        if signer.mode and signer.authority:
            lines.append(f"{signer.mode} {signer.authority}".upper())
        if signer.title:
            lines.append(signer.title.upper())
        title = "<br>".join(esc(line) for line in lines)
        signature = (
            f'<div class="vb-sign"><p class="vb-sign-title">{title}</p>'
            f'<p class="vb-sign-name">{esc(signer.name)}</p></div>'
        )
    if not recipients and not signature:
        return ""
    return f'<div class="vb-foot">{recipients}{signature}</div>\n\n'


def _attachments(document: Document, src: str, root: Path) -> str:
    if not document.attachments:
        return ""
    folder = PurePosixPath(document.path).parent
    items = []
    for attachment in document.attachments:
        name = attachment.title or PurePosixPath(attachment.file).name
        if attachment.file.startswith(("http://", "https://")):
            url, size = attachment.file, ""
        else:
            path = root / folder / attachment.file
            url = asset_href(src, str(folder.relative_to("content") / attachment.file))
            size = f" ({_size(path.stat().st_size)})" if path.is_file() else ""
        kind = PurePosixPath(attachment.file).suffix.lstrip(".").upper()
        items.append(
            f'<li><a href="{esc(url)}" data-attachment download>{esc(name)}</a>'
            f' <span class="vb-size">{esc(kind)}{esc(size)}</span></li>'
        )
    return (
        '<section class="vb-panel" aria-labelledby="tep-dinh-kem">'
        '<h2 id="tep-dinh-kem">Tệp đính kèm</h2>'
        f'<ul class="vb-files">{"".join(items)}</ul></section>\n\n'
    )


def _history(changes: list[Change]) -> str:
    """Every commit that changed the document, so corrections are visible to the public."""
    if not changes:
        return ""
    items = "".join(
        f'<li><time datetime="{c.day.isoformat()}">{short_date(c.day)}</time> {esc(c.message)}</li>'
        for c in changes
    )
    return (
        '<section class="vb-panel vb-history" aria-labelledby="lich-su">'
        '<h2 id="lich-su">Lịch sử cập nhật</h2>'
        f"<p>Cập nhật lần cuối ngày {short_date(changes[0].day)}.</p>"
        f"<ul>{items}</ul></section>"
    )


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)} KB"


def _banners(edition: Edition, document: Document, src: str) -> str:
    notes = []
    for link in edition.graph.cited_by(document):
        for kind, verb in (
            ("replaces", "được thay thế bởi"),
            ("amends", "được sửa đổi, bổ sung bởi"),
        ):
            if kind in link.kinds:
                other = link.source
                notes.append(
                    f'Văn bản này đã {verb} <a href="{href(src, edition.src_of(other))}">'
                    f"{esc(label(other))}</a>"
                    + (f" ngày {short_date(other.issued)}" if other.issued else "")
                    + "."
                )
    if not notes:
        return ""
    return "".join(f'<p class="vb-banner" role="note">{note}</p>\n\n' for note in notes)


def _relations(edition: Edition, document: Document, src: str) -> str:
    graph = edition.graph
    sections = []
    based_on = graph.based_on(document)
    if based_on:
        items = "".join(
            item(link.target, src, edition.src_of(link.target), _kind(link)) for link in based_on
        )
        sections.append(_panel("can-cu", "Căn cứ, văn bản được dẫn chiếu", items))
    if document.doctype and document.doctype.key == "plan":
        timeline = graph.timeline(document)
        if timeline:
            steps = "".join(item(d, src, edition.src_of(d)) for d in timeline)
            sections.append(
                '<section class="vb-panel" aria-labelledby="tien-trinh">'
                '<h2 id="tien-trinh">Tiến trình thực hiện kế hoạch</h2>'
                f'<ol class="vb-list vb-timeline">{steps}</ol></section>\n\n'
            )
    cited_by = graph.cited_by(document)
    if cited_by:
        newest = sorted(cited_by, key=lambda link: _newest_first(link.source))[:PANEL_LIMIT]
        items = "".join(item(link.source, src, edition.src_of(link.source)) for link in newest)
        more = ""
        if len(cited_by) > PANEL_LIMIT:
            more = (
                f'<p><a href="{href(src, cited_by_src(edition, document))}">Xem tất cả '
                f"{len(cited_by)} văn bản liên quan</a></p>"
            )
        sections.append(_panel("lien-quan", "Văn bản liên quan", items, more))
    return "".join(sections)


def _panel(anchor: str, title: str, items: str, after: str = "") -> str:
    return (
        f'<section class="vb-panel" aria-labelledby="{anchor}"><h2 id="{anchor}">{title}</h2>'
        f'<ul class="vb-list">{items}</ul>{after}</section>\n\n'
    )


_KINDS = {"references": "", "cites": "", "amends": "Sửa đổi", "replaces": "Thay thế"}


def _kind(link: Link) -> str:
    return next((_KINDS[k] for k in link.kinds if _KINDS[k]), "")


def _newest_first(document: Document) -> tuple[int, str]:
    return (-(document.issued.toordinal() if document.issued else 0), document.path)
