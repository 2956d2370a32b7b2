"""The page of one document: official header, properties, text with linked citations,
signature, recipients, attachments, relations and, for a plan, its timeline."""

from __future__ import annotations

import dataclasses
import hashlib
import operator
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path, PurePosixPath

from generator.citations import Citation
from generator.dates import legal_date, short_date
from generator.doctypes import VALIDITIES
from generator.graph import Link
from generator.history import Change, public_dates
from generator.model import Document, newest_key
from generator.pages.categories import category_of
from generator.pages.dialogue import dialogue_facts, has_calendar
from generator.pages.edition import Edition, is_public
from generator.pages.links import link_citations
from generator.pages.markup import (
    SKIP_TARGET,
    PageSource,
    breadcrumbs,
    esc,
    items,
    label,
    label_html,
    number_html,
    page_meta,
    problems_box,
)
from generator.urls import relative, topic_src

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


# Types that have legal effect, and so a validity (hiệu lực), as the national legal database
# (vbpl.vn) records it: legal normative documents and the decisions, regulations, resolutions,
# directives and rules of state and Party bodies. A notice, plan, report, invitation or agenda
# informs or organises; it has no "còn hiệu lực" to show.
LEGAL_EFFECT = frozenset(
    {"decision", "regulation", "resolution", "directive", "rules", "decree", "circular", "law"}
)


def validity_key(document: Document, replaced: bool, as_of: date) -> str | None:
    """vbpl.vn's status: as recorded, or derived from a replacement or the effective date;
    None for a draft, a type without legal effect, or when nothing tells it."""
    if not document.published:
        return None
    if not (document.doctype and document.doctype.key in LEGAL_EFFECT):
        return None
    if document.validity:
        return document.validity
    if replaced:
        return "expired"
    if document.effective:
        return "not-yet-in-force" if document.effective > as_of else "in-force"
    return None


def validity(edition: Edition, document: Document) -> str:
    replaced = any("replaces" in link.kinds for link in edition.graph.cited_by(document))
    key = validity_key(document, replaced, edition.as_of)
    return VALIDITIES[key] if key else ""


def render_document(edition: Edition, document: Document, root: Path) -> PageSource:
    meta, markdown = document_text(edition, document)
    before, after = document_panels(edition, document, root)
    return PageSource(meta, markdown, before, after)


def fingerprint(document: Document) -> str:
    """A SHA-256 of every field of a document as read (its text among them): two documents
    with the same fingerprint give the same values to whatever page shows them. ``repr`` of
    these dataclasses is deterministic but for the one set, whose order varies by process."""
    digest = hashlib.sha256(document.body.encode("utf-8", "surrogatepass"))
    # The text apart (hashed as it is, not escaped by repr): most of a document's bytes. The
    # other fields as one tuple, in their order: a third of the cost of repr of a copy made
    # without the text (dataclasses.replace runs the constructor again).
    fields = _OTHER_FIELDS(document)
    invalid = repr(sorted(document.invalid)) if document.invalid else ""
    digest.update(repr((fields, invalid)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


_OTHER_FIELDS = operator.attrgetter(
    *(f.name for f in dataclasses.fields(Document) if f.name not in ("body", "invalid"))
)


def face(document: Document) -> tuple[object, ...]:
    """What a document's page shows of another document: its entry in a panel or timeline
    (``markup.item``), its name in a banner (``markup.label_html``), and the orders of panels
    (``newest_key``) and timelines (``graph._chronological``). Whatever those read of it must
    be here: a page keeps its key while these are unchanged (see ``document_inputs``)."""
    return (
        document.path,
        document.doctype,
        document.number_text,
        document.status,
        document.issued,
        document.title,
        document.issuer,
    )


# Kept whole: one list, in the order render_document reads them, of everything it reads.
def document_inputs(
    edition: Edition,
    document: Document,
    root: Path,
    fingerprint_of: Callable[[Document], str],
    faces: dict[str, str] | None = None,
    cited: list[str | None] | None = None,
) -> list[object]:
    """Everything ``render_document`` reads to make a document's page, besides the code: a
    page whose inputs are unchanged is unchanged (`portal build` keeps such pages from its
    previous build without rendering them; ``fingerprint_of`` gives ``fingerprint``, memoised;
    ``faces``, kept from one document to the next, what is shown of each neighbour;
    ``cited``, ``cited_sources`` of the document when the caller has it already).

    Every value the renderer takes from the edition is here, through the same functions: the
    document by fingerprint, each document its page shows (its bases, citers and, for a plan,
    its timeline) by what is shown of it (``face``) and its address, with the link kinds
    between them (an edit of a cited document's text leaves its citers' pages as they are);
    where each
    citation of the text leads; the site's place name, address and address scheme; the
    document's problems and history; what the build date decides (validity, the dialogue's
    petition window, whether a calendar is offered); the sizes of its attached files. A
    change to the renderer must keep this list complete (tests/test_build_reuse.py
    changes each kind of input and compares with rendering).
    """
    graph = edition.graph
    src = edition.src_of(document)
    faces = {} if faces is None else faces

    def shown(other: Document) -> str:
        # Each neighbour's face is written out once for all the pages that show it, as the
        # SHA-256 of its repr (as a document's own fields, see ``fingerprint``): the key of
        # a page then writes 64 characters for it, not the title and names again, escaped.
        found = faces.get(other.path)
        if found is None:
            written = repr((*face(other), edition.src_of(other)))
            found = hashlib.sha256(written.encode("utf-8", "surrogatepass")).hexdigest()
            faces[other.path] = found
        return found

    plan = document.doctype is not None and document.doctype.key == "plan"
    return [
        src,
        fingerprint_of(document),
        edition.place,
        edition.site_url,
        edition.urls,
        edition.problems.get(document.path, []),
        edition.history.get(document.path, []),
        validity(edition, document),
        dialogue_facts(document, edition.as_of),
        is_public(document, edition.as_of),
        [(shown(link.target), link.kinds) for link in graph.based_on(document)],
        [(shown(link.source), link.kinds) for link in graph.cited_by(document)],
        [shown(other) for other in graph.timeline(document)] if plan else [],
        cited_sources(edition, document) if cited is None else cited,
        [_attachment_size(document, a.file, root) for a in document.attachments],
    ]


def document_text(
    edition: Edition, document: Document, cited: list[str | None] | None = None
) -> tuple[dict[str, object], str]:
    """A document page's meta and the Markdown of its text, citations linked: what the
    generator renders; ``document_panels`` is the HTML around it. Apart, so that a build can
    make each when the generator needs it (see the adapter), given ``cited_sources`` of the
    document if it has them already (they are among the page's inputs)."""
    description = f"{label(document)}" + (
        f" ngày {short_date(document.issued)}" if document.issued else ""
    )
    meta = page_meta(
        f"{label(document)}: {document.title}",
        f"{description}: {document.title}",
        portal="document",
        draft=not document.published,
    )
    markdown = (
        _body(edition, document, edition.src_of(document), cited) + "\n"
        if document.has_text
        else ""
    )
    return meta, markdown


# Kept whole: the page is assembled top to bottom in the order a reader meets it; its parts
# are functions of their own, and what remains is their order and two short notices.
def document_panels(edition: Edition, document: Document, root: Path) -> tuple[str, str]:
    """The finished HTML before and after a document's text (see ``document_text``)."""
    urls = edition.urls
    src = edition.src_of(document)
    before = [problems_box(edition.problems.get(document.path, []))]
    category = category_of(document)
    before.append(
        breadcrumbs(
            urls,
            src,
            [
                ("Trang chủ", "index.md"),
                ("Văn bản", "van-ban/index.md"),
                (category.title, category.src),
                (document.number_text or "Bản nháp" if document.published else "Bản nháp", src),
            ],
            edition.site_url,
        )
    )
    if not document.published:
        before.append(
            '<p class="vb-draft" role="note"><strong>BẢN NHÁP</strong> — văn bản chưa ban hành, '
            "chỉ hiển thị trong bản xem trước, không đăng lên Cổng.</p>"
        )
    before += [_banners(edition, document, src), _header(edition, document)]
    before.append(_actions(edition, document, src, root))
    before.append(_properties(edition, document, src))
    facts = dialogue_facts(document, edition.as_of)
    if facts:
        add = ""
        if has_calendar(document) and is_public(document, edition.as_of):
            add = (
                f'<p class="vb-calendar"><a href="{urls.asset_href(src, urls.calendar_path(src))}" '
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
    else:
        # Recipients and signer are shown even when the text itself is not on the portal.
        after.append(_footer(document))
        before.append(
            '<p class="vb-no-text">Chưa có toàn văn trên Cổng. Thông tin văn bản ở trên được ghi '
            "lại để tra cứu các văn bản dẫn chiếu"
            + (", bản gốc ở mục Tệp đính kèm." if document.attachments else ".")
            + "</p>"
        )
    after += [
        _attachments(edition, document, src, root),
        _relations(edition, document, src),
        _history(document, edition.history.get(document.path, [])),
    ]
    return "\n".join(x for x in before if x), "\n".join(x for x in after if x)


def _header(edition: Edition, document: Document) -> str:
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
    # Nghị định 30/2020: the place name always opens the date line ("Sơn La, ngày ...").
    place = document.place or edition.place
    dated = document.issued and document.published
    when = legal_date(document.issued) if dated else "ngày ... tháng ... năm ..."
    place_date = f"{esc(place)}, {when}" if place else when
    number_line = f"Số: {number_html(document.number_text)}" if document.number_text else "Số: ..."
    doctype = document.doctype
    printed = (doctype.printed_name if doctype else "Văn bản").upper()
    return (
        f'<header class="vb-head" id="{SKIP_TARGET}" tabindex="-1">'
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
    urls = edition.urls
    signer = document.signer
    signed = ""
    if signer:
        mode = f"{signer.mode} {signer.authority or ''}".strip() if signer.mode else ""
        signed = " — ".join(x for x in (mode, signer.title, signer.name) if x)
    topics = ", ".join(
        f'<a href="{urls.href(src, topic_src(topic))}">{esc(topic)}</a>'
        for topic in document.topics
    )
    # A draft is not issued, whatever dates it already carries: it has no date nor validity.
    issued = document.issued if document.published else None
    effective = document.effective if document.published else None
    rows = [
        ("Số ký hiệu", number_html(document.number_text) or "Chưa có số"),
        ("Loại văn bản", esc(document.doctype.name if document.doctype else "")),
        ("Cơ quan ban hành", esc(document.issuer)),
        ("Ngày ban hành", esc(short_date(issued)) if issued else "Chưa ban hành"),
        ("Ngày có hiệu lực", esc(short_date(effective)) if effective else ""),
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


def _body(
    edition: Edition, document: Document, src: str, cited: list[str | None] | None = None
) -> str:
    target = _citation_target(edition, document, src, cited)
    return link_citations(document.body, document.citations, target).strip("\n")


def _citation_target(
    edition: Edition, document: Document, src: str, cited: list[str | None] | None = None
) -> Callable[[Citation], str | None]:
    """Where a citation in the document's text links to (None: not linked); from
    ``cited_sources`` of the document when given (``cited``), in the same order."""
    if cited is not None:
        by_citation = {id(c): page for c, page in zip(document.citations, cited, strict=True)}

        def known(citation: Citation) -> str | None:
            page = by_citation[id(citation)]
            return None if page is None else relative(src, page)

        return known

    def target(citation: Citation) -> str | None:
        page = _cited_src(edition, document, citation)
        return None if page is None else relative(src, page)

    return target


def cited_sources(edition: Edition, document: Document) -> list[str | None]:
    """The page each citation of the document's text leads to (None: not linked), in the
    order of ``document.citations``: among a page's inputs, and what its text links to."""
    return [_cited_src(edition, document, citation) for citation in document.citations]


def _cited_src(edition: Edition, document: Document, citation: Citation) -> str | None:
    """The page a citation in the document's text leads to (None: not linked)."""
    cited = edition.registry.resolve(
        citation.number, on=citation.cited_date, before=document.issued
    )
    if cited is None or cited is document:
        return None
    return edition.src_of(cited)


def _footer(document: Document) -> str:
    recipients = ""
    names = _unique(r.strip().rstrip(";.,").strip() for r in document.recipients)
    if names:
        # As printed under "Nơi nhận:": "- Như trên;" and so on, the last item ending with ".".
        items = "".join(
            f"<li>- {esc(name)}{'.' if index == len(names) - 1 else ';'}</li>"
            for index, name in enumerate(names)
        )
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


def _attachments(edition: Edition, document: Document, src: str, root: Path) -> str:
    if not document.attachments:
        return ""
    items = []
    for attachment in document.attachments:
        name = attachment.title or PurePosixPath(attachment.file).name
        url, kind, size = _attachment_link(edition, document, attachment.file, src, root)
        size = f" ({size})" if size else ""
        items.append(
            f'<li><a href="{esc(url)}" data-attachment download>{esc(name)}</a>'
            f' <span class="vb-size">{esc(kind)}{esc(size)}</span></li>'
        )
    return (
        '<section class="vb-panel" aria-labelledby="tep-dinh-kem">'
        '<h2 id="tep-dinh-kem">Tệp đính kèm</h2>'
        f'<ul class="vb-files">{"".join(items)}</ul></section>\n\n'
    )


def _history(document: Document, changes: list[Change]) -> str:
    """When the document was posted, when its text last changed, and the corrections the
    editor recorded for the public. Commit messages are working notes and never shown."""
    if not document.published:
        return ""
    # A record of a cited document (no text here) is not a publication: it gets no dates.
    dates = public_dates(changes if document.has_text else [], document.publish_at)
    rows = []
    if dates.posted:
        rows.append(("Ngày đăng", _time(dates.posted)))
    if dates.updated:
        rows.append(("Cập nhật lần cuối", _time(dates.updated)))
    facts = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
    corrections = ""
    if document.corrections:
        items = "".join(
            f"<li>{_time(c.day)}: {esc(c.note)}</li>"
            for c in sorted(document.corrections, key=lambda c: c.day, reverse=True)
        )
        corrections = f'<h3 id="dinh-chinh">Đính chính</h3><ul class="vb-corrections">{items}</ul>'
    if not facts and not corrections:
        return ""
    return (
        '<section class="vb-panel vb-history" aria-labelledby="lich-su">'
        '<h2 id="lich-su">Lịch sử văn bản</h2>'
        + (f'<dl class="vb-facts">{facts}</dl>' if facts else "")
        + corrections
        + "</section>"
    )


def _time(day: date) -> str:
    return f'<time datetime="{day.isoformat()}">{short_date(day)}</time>'


def _actions(edition: Edition, document: Document, src: str, root: Path) -> str:
    """Print, and download the original: the two things a citizen does with an official text.

    The print button is shown by assets/portal.js (no inline script: the pages' security policy
    forbids them); without JavaScript it stays hidden and the browser's own print still works.
    """
    actions = [
        '<button type="button" class="vb-button vb-print" data-vb-print hidden>In văn bản</button>'
    ]
    original = next(iter(document.attachments), None)
    if original is not None:
        url, kind, size = _attachment_link(edition, document, original.file, src, root)
        actions.append(
            f'<a class="vb-button" href="{esc(url)}" download>Tải bản gốc'
            f' <span class="vb-size">({esc(", ".join(x for x in (kind, size) if x))})</span></a>'
        )
    return f'<div class="vb-actions">{"".join(actions)}</div>\n\n'


def _attachment_link(
    edition: Edition, document: Document, file: str, src: str, root: Path
) -> tuple[str, str, str]:
    """The address of an attachment from the page, its kind ("PDF") and size ("120 KB")."""
    urls = edition.urls
    kind = PurePosixPath(file).suffix.lstrip(".").upper()
    if file.startswith(("http://", "https://")):
        return file, kind, ""
    folder = PurePosixPath(document.path).parent
    url = urls.asset_href(src, str(folder.relative_to("content") / file))
    size = _attachment_size(document, file, root)
    return url, kind, _size(size) if size is not None else ""


def _attachment_size(document: Document, file: str, root: Path) -> int | None:
    """The size of an attached file of the site, None if it is not a file (or a link)."""
    if file.startswith(("http://", "https://")):
        return None
    path = root / PurePosixPath(document.path).parent / file
    return path.stat().st_size if path.is_file() else None


def _unique(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    return [v for v in values if v and not (v in seen or seen.add(v))]


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)} KB"


def _banners(edition: Edition, document: Document, src: str) -> str:
    urls = edition.urls
    notes = []
    for link in edition.graph.cited_by(document):
        for kind, verb in (
            ("replaces", "được thay thế bởi"),
            ("amends", "được sửa đổi, bổ sung bởi"),
        ):
            if kind in link.kinds:
                other = link.source
                notes.append(
                    f'Văn bản này đã {verb} <a href="{urls.href(src, edition.src_of(other))}">'
                    f"{label_html(other)}</a>"
                    + (f" ngày {short_date(other.issued)}" if other.issued else "")
                    + "."
                )
    if not notes:
        return ""
    return "".join(f'<p class="vb-banner" role="note">{note}</p>\n\n' for note in notes)


def _relations(edition: Edition, document: Document, src: str) -> str:
    urls = edition.urls
    graph = edition.graph
    sections = []
    based_on = graph.based_on(document)
    if based_on:
        listed = items(
            urls,
            src,
            ((link.target, edition.src_of(link.target), _kind(link)) for link in based_on),
        )
        sections.append(_panel("can-cu", "Căn cứ, văn bản được dẫn chiếu", listed))
    # A plan's timeline, worked out once for its panel and for what the next one leaves out.
    plan = document.doctype is not None and document.doctype.key == "plan"
    timeline = graph.timeline(document) if plan else []
    if timeline:
        steps = items(urls, src, ((d, edition.src_of(d), "") for d in timeline))
        sections.append(
            '<section class="vb-panel" aria-labelledby="tien-trinh">'
            '<h2 id="tien-trinh">Tiến trình thực hiện kế hoạch</h2>'
            f'<ol class="vb-list vb-timeline">{steps}</ol></section>\n\n'
        )
    # A document already in the timeline or among the bases is not listed again as related.
    shown = {link.target.path for link in based_on}
    shown |= {d.path for d in timeline}
    cited_by = []
    for link in graph.cited_by(document):
        if link.source.path not in shown:
            shown.add(link.source.path)
            cited_by.append(link)
    if cited_by:
        newest = sorted(cited_by, key=lambda link: newest_key(link.source))[:PANEL_LIMIT]
        listed = items(
            urls, src, ((link.source, edition.src_of(link.source), "") for link in newest)
        )
        more = ""
        if len(cited_by) > PANEL_LIMIT:
            more = (
                f'<p><a href="{urls.href(src, cited_by_src(edition, document))}">Xem tất cả '
                f"{len(cited_by)} văn bản liên quan</a></p>"
            )
        sections.append(_panel("lien-quan", "Văn bản liên quan", listed, more))
    return "".join(sections)


def _panel(anchor: str, title: str, items: str, after: str = "") -> str:
    return (
        f'<section class="vb-panel" aria-labelledby="{anchor}"><h2 id="{anchor}">{title}</h2>'
        f'<ul class="vb-list">{items}</ul>{after}</section>\n\n'
    )


_KINDS = {"references": "", "cites": "", "amends": "Sửa đổi", "replaces": "Thay thế"}


def _kind(link: Link) -> str:
    return next((_KINDS[k] for k in link.kinds if _KINDS[k]), "")
