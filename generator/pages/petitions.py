"""The public Q&A section "Hỏi đáp – Kiến nghị" and the "Gửi kiến nghị, phản ánh" page.

Only answered petitions reach these pages (``edition.petitions``, see ``petitions.public_
petitions``): an unanswered one has no page, no list entry, no search row, no sitemap line.
"""

from __future__ import annotations

from generator.citations import Citation
from generator.dates import short_date
from generator.doctypes import PETITION_CHANNELS
from generator.model import Document, Reference
from generator.pages.dialogue import petition_status
from generator.pages.edition import Edition
from generator.pages.links import link_citations
from generator.pages.listings import _pager
from generator.pages.markup import (
    PageSource,
    esc,
    label,
    page_meta,
    problems_box,
)
from generator.petitions import PETITIONS_FOLDER
from generator.urls import numbered_src, relative, topic_slug

SECTION = PETITIONS_FOLDER
SECTION_TITLE = "Hỏi đáp – Kiến nghị"
INDEX_SRC = f"{SECTION}/index.md"
SEND_SRC = "gui-kien-nghi/index.md"
SEND_TITLE = "Gửi kiến nghị, phản ánh"
PAGE_SIZE = 20


def area_src(area: str) -> str:
    return f"{SECTION}/linh-vuc/{topic_slug(area)}/index.md"


def render_petition_pages(edition: Edition) -> dict[str, PageSource]:
    """The section's pages; nothing at all when no petition is published."""
    petitions = edition.petitions
    if not petitions:
        return {}
    pages = _listing(edition, INDEX_SRC, SECTION_TITLE, petitions)
    by_area: dict[str, list[Document]] = {}
    for petition in petitions:
        by_area.setdefault(petition.area or "Khác", []).append(petition)
    for area, chosen in sorted(by_area.items()):
        pages.update(_listing(edition, area_src(area), f"{SECTION_TITLE}: {area}", chosen))
    for petition in petitions:
        pages[edition.src_of(petition)] = render_petition(edition, petition)
    return pages


def _item(edition: Edition, petition: Document, src: str) -> str:
    urls = edition.urls
    answered = short_date(petition.answered) if petition.answered else ""
    return (
        f'<li class="vb-item"><a href="{urls.href(src, edition.src_of(petition))}">'
        f'<span class="vb-item-label">{esc(petition.area or "")}</span>'
        f'<span class="vb-item-title">{esc(petition.title)}</span></a>'
        f'<span class="vb-item-meta">Trả lời ngày {esc(answered)}</span></li>'
    )


def _listing(
    edition: Edition, base_src: str, title: str, petitions: list[Document]
) -> dict[str, PageSource]:
    urls = edition.urls
    count = max(1, -(-len(petitions) // PAGE_SIZE))
    sources = [base_src] + [numbered_src(base_src, n) for n in range(2, count + 1)]
    areas = sorted({p.area or "Khác" for p in edition.petitions})
    pages = {}
    for number, src in enumerate(sources, start=1):
        chunk = petitions[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
        heading = title if number == 1 else f"{title} (trang {number})"
        area_links = "".join(
            f'<li><a href="{urls.href(src, area_src(a))}">{esc(a)}</a></li>' for a in areas
        )
        body = [
            f"<h1>{esc(heading)}</h1>\n\n",
            '<p class="vb-lead">Kiến nghị, phản ánh của người dân gửi Văn phòng UBND tỉnh và '
            "câu trả lời, mới trả lời trước. Thông tin cá nhân của người gửi không được đăng. "
            f'<a href="{urls.href(src, SEND_SRC)}">Gửi kiến nghị, phản ánh</a>.</p>\n\n',
            f'<p class="vb-count">Có {len(petitions)} kiến nghị đã trả lời.</p>\n\n',
            f'<ul class="vb-list">{"".join(_item(edition, p, src) for p in chunk)}</ul>\n\n',
            _pager(urls, src, sources, number),
            '<nav class="vb-panel" aria-labelledby="theo-linh-vuc"><h2 id="theo-linh-vuc">'
            f'Theo lĩnh vực</h2><ul class="vb-index">{area_links}</ul></nav>\n',
        ]
        meta = page_meta(heading, f"{title}: {len(petitions)} kiến nghị", portal="listing")
        pages[src] = PageSource(meta, before="".join(body))
    return pages


def render_petition(edition: Edition, petition: Document) -> PageSource:
    urls = edition.urls
    src = edition.src_of(petition)
    rows = [
        (
            "Lĩnh vực",
            f'<a href="{urls.href(src, area_src(petition.area or "Khác"))}">'
            f"{esc(petition.area or 'Khác')}</a>",
        ),
        ("Ngày tiếp nhận", esc(short_date(petition.received)) if petition.received else ""),
        ("Kênh tiếp nhận", esc(PETITION_CHANNELS.get(petition.channel or "", ""))),
        ("Địa bàn", esc(petition.from_place)),
        ("Ngày trả lời", esc(short_date(petition.answered)) if petition.answered else ""),
        ("Văn bản trả lời", _document_link(edition, petition, petition.answer_by, src)),
        ("Nêu tại hội nghị đối thoại", _document_link(edition, petition, petition.dialogue, src)),
    ]
    cells = "".join(
        f'<tr><th scope="row">{name}</th><td>{value}</td></tr>' for name, value in rows if value
    )
    before = [
        problems_box(edition.problems.get(petition.path, [])),
        f'<p class="vb-breadcrumb"><a href="{urls.href(src, INDEX_SRC)}">'
        f"{esc(SECTION_TITLE)}</a></p>",
        ""
        if petition.published
        else '<p class="vb-draft" role="note"><strong>BẢN NHÁP</strong> — chỉ hiển thị trong '
        "bản xem trước, không đăng lên Cổng.</p>",
        f'<h1 class="vb-title">{esc(petition.title)}</h1>\n',
        f'<table class="vb-props"><caption>Thông tin kiến nghị</caption><tbody>{cells}</tbody>'
        "</table>\n",
        '<section class="vb-panel vb-question" aria-labelledby="kien-nghi">'
        f'<h2 id="kien-nghi">Nội dung kiến nghị, phản ánh</h2><p>{esc(petition.question)}</p>'
        "</section>\n",
        '<h2 id="tra-loi">Trả lời</h2>\n<div class="vb-body">',
    ]
    meta = page_meta(
        f"Hỏi đáp: {petition.title}", petition.question or petition.title, portal="petition"
    )

    def target(citation: Citation) -> str | None:
        cited = edition.registry.resolve(citation.number, on=citation.cited_date)
        return relative(src, edition.src_of(cited)) if cited else None

    markdown = link_citations(petition.body, petition.citations, target).strip("\n") + "\n"
    return PageSource(meta, markdown, "\n".join(x for x in before if x), "</div>")


def _document_link(
    edition: Edition, petition: Document, reference: Reference | None, src: str
) -> str:
    urls = edition.urls
    if reference is None:
        return ""
    cited = edition.registry.resolve(reference.number, before=petition.answered)
    if cited is None:
        return esc(reference.number)
    return (
        f'<a href="{urls.href(src, edition.src_of(cited))}">{esc(label(cited))}</a> — '
        f"{esc(cited.title)}"
    )


def render_send_page(edition: Edition) -> PageSource:
    """How to send a petition: the office's channels from mkdocs.yml, a form that composes an
    e-mail in the reader's own mail program (nothing goes to any server), and the petition
    windows of the dialogues now open or coming."""
    urls = edition.urls
    src = SEND_SRC
    contact = edition.petition_config.contact
    rows = [
        ("Đường dây nóng", _tel(contact.hotline)),
        ("Thư điện tử", _mail(contact.email)),
        ("Địa chỉ gửi thư", esc(contact.address)),
        ("Thời gian tiếp nhận", esc(contact.hours)),
        (
            "Cổng Dịch vụ công quốc gia",
            f'<a href="{esc(contact.national_portal)}" rel="noopener">Gửi phản ánh, kiến nghị '
            "trên Cổng Dịch vụ công quốc gia</a>"
            if contact.national_portal.startswith("https://")
            else "",
        ),
    ]
    cells = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows if value)
    parts = [
        f"<h1>{esc(SEND_TITLE)}</h1>\n\n",
        '<p class="vb-lead">Người dân, tổ chức gửi kiến nghị, phản ánh về công tác của Văn phòng '
        "UBND tỉnh Sơn La qua một trong các kênh dưới đây. Kiến nghị được trả lời trong "
        f"{edition.petition_config.deadline_days} ngày làm việc; câu trả lời được đăng tại mục "
        + (
            f'<a href="{urls.href(src, INDEX_SRC)}">{esc(SECTION_TITLE)}</a>'
            if edition.petitions  # the section exists only once a petition is answered
            else esc(SECTION_TITLE)
        )
        + ", không kèm thông tin cá nhân của người gửi.</p>\n\n",
        '<section class="vb-panel" aria-labelledby="kenh"><h2 id="kenh">Kênh tiếp nhận</h2>'
        f"<dl>{cells}</dl></section>\n\n",
        _windows(edition, src),
        _form(edition, src),
    ]
    meta = page_meta(SEND_TITLE, "Cách gửi kiến nghị, phản ánh tới Văn phòng UBND tỉnh Sơn La")
    return PageSource(meta, before="".join(parts))


def _tel(number: str) -> str:
    if not number:
        return ""
    digits = "".join(c for c in number if c.isdigit() or c == "+")
    return f'<a href="tel:{esc(digits)}">{esc(number)}</a>'


def _mail(address: str) -> str:
    return f'<a href="mailto:{esc(address)}">{esc(address)}</a>' if address else ""


def _windows(edition: Edition, src: str) -> str:
    """Dialogue notices whose petition window is open on the build date or still to come."""
    urls = edition.urls
    open_now = sorted(
        (
            d
            for d in edition.documents
            if d.petitions and d.petitions.end and d.petitions.end.day >= edition.as_of
        ),
        key=lambda d: d.petitions.end.day,  # type: ignore[union-attr]
    )
    if not open_now:
        body = (
            "<p>Hiện không có hội nghị đối thoại nào đang nhận kiến nghị. Kiến nghị vẫn được "
            "tiếp nhận thường xuyên qua các kênh ở trên.</p>"
        )
    else:
        items = "".join(
            f'<li><a href="{urls.href(src, edition.src_of(d))}">{esc(label(d))}: {esc(d.title)}</a>'
            f"<br>{esc(petition_status(d.petitions, edition.as_of))}</li>"  # type: ignore[arg-type]
            for d in open_now
        )
        body = f'<ul class="vb-windows">{items}</ul>'
    return (
        '<section class="vb-panel" aria-labelledby="dot-doi-thoai"><h2 id="dot-doi-thoai">'
        f"Đợt tiếp nhận kiến nghị cho hội nghị đối thoại</h2>{body}</section>\n\n"
    )


def _form(edition: Edition, src: str) -> str:
    urls = edition.urls
    address = edition.petition_config.contact.email
    if not address:
        return ""
    areas = "".join(
        f'<option value="{esc(a)}">{esc(a)}</option>' for a in edition.petition_config.areas
    )
    # Without JavaScript the browser itself composes mailto:?subject=…&body=… from the two
    # named fields; petition.js (a file, so a CSP without inline scripts allows it) folds the
    # area and the place into the subject and the body first.
    script = f'<script src="{urls.asset_href(src, "assets/petition.js")}" defer></script>'
    return (
        '<section class="vb-panel" aria-labelledby="soan-thu"><h2 id="soan-thu">Soạn thư '
        "kiến nghị</h2><p>Biểu mẫu này chỉ soạn sẵn một thư trong chương trình thư điện tử "
        "của bạn; không có gì được gửi đi cho đến khi bạn bấm gửi trong chương trình đó. Không "
        "ghi thông tin cá nhân của người khác.</p>"
        f'<form class="vb-petition-form" id="vb-petition-form" action="mailto:{esc(address)}" '
        'method="get" enctype="text/plain">'
        '<p><label for="vb-pf-area">Lĩnh vực</label><select id="vb-pf-area" '
        f'data-field="area">{areas}</select></p>'
        '<p><label for="vb-pf-place">Xã, phường nơi phát sinh (không bắt buộc)</label>'
        '<input id="vb-pf-place" data-field="place" type="text" maxlength="120"></p>'
        '<p><label for="vb-pf-subject">Tiêu đề</label><input id="vb-pf-subject" name="subject" '
        'type="text" required maxlength="200" value="Kiến nghị, phản ánh gửi Văn phòng UBND '
        'tỉnh Sơn La"></p>'
        '<p><label for="vb-pf-body">Nội dung kiến nghị, phản ánh</label>'
        '<textarea id="vb-pf-body" name="body" rows="8" required>Kính gửi: Văn phòng UBND tỉnh '
        "Sơn La.\n\nNội dung kiến nghị, phản ánh:\n\n</textarea></p>"
        '<p><button type="submit" class="md-button md-button--primary">Mở thư trong chương '
        "trình thư điện tử</button></p></form>"
        f"{script}</section>\n"
    )
