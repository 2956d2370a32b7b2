"""The home page: dialogues coming up and just held, with their petition windows, and the
latest documents."""

from __future__ import annotations

from generator.dates import short_date
from generator.model import Document
from generator.pages.dialogue import dialogue_facts
from generator.pages.edition import Edition
from generator.pages.listings import listed, newest_first
from generator.pages.markup import (
    SKIP_TARGET,
    PageSource,
    esc,
    items,
    label_html,
    page_meta,
    problems_box,
)
from generator.urls import CALENDAR

LATEST = 10
RECENT_DIALOGUES = 3


def _dialogue(edition: Edition, document: Document, src: str) -> str:
    urls = edition.urls
    draft = "" if document.published else ' <span class="vb-draft-tag">BẢN NHÁP</span>'
    link = urls.href(src, edition.src_of(document))
    return (
        f'<article class="vb-dialogue"><h3><a href="{link}">{esc(document.title)}</a></h3>'
        f'<p class="vb-item-meta">{label_html(document)}{draft}</p>'
        f"<dl>{dialogue_facts(document, edition.as_of)}</dl></article>"
    )


def render_home(edition: Edition) -> PageSource:
    urls = edition.urls
    src = "index.md"
    dialogues = [d for d in edition.documents if d.event and d.event.start]
    upcoming = sorted(
        (d for d in dialogues if d.event.start.day >= edition.as_of),  # type: ignore[union-attr]
        key=lambda d: d.event.start.start,  # type: ignore[union-attr]
    )
    recent = sorted(
        (d for d in dialogues if d.event.start.day < edition.as_of),  # type: ignore[union-attr]
        key=lambda d: d.event.start.start,  # type: ignore[union-attr]
        reverse=True,
    )[:RECENT_DIALOGUES]
    meta = page_meta(
        "Trang chủ",
        "Kế hoạch, chương trình, thông báo kết luận và báo cáo của Văn phòng UBND tỉnh Sơn La",
        portal="home",
    )
    everything = [d for found in edition.problems.values() for d in found]
    parts = [
        problems_box(everything[:100], with_file=True),
        f'<h1 id="{SKIP_TARGET}" tabindex="-1">Cổng thông tin điện tử Văn phòng UBND tỉnh Sơn La'
        "</h1>\n\n",
        '<p class="vb-lead">Kế hoạch, chương trình, thông báo, thông báo kết luận và báo cáo của '
        "Văn phòng Ủy ban nhân dân tỉnh Sơn La.</p>\n\n",
        '<section class="vb-panel" aria-labelledby="doi-thoai"><h2 id="doi-thoai">Đối thoại '
        "trực tiếp với nhân dân</h2>",
        '<h3 class="vb-subhead">Sắp diễn ra</h3>',
        "".join(_dialogue(edition, d, src) for d in upcoming)
        or f"<p>Chưa có hội nghị đối thoại nào sau ngày {short_date(edition.as_of)}.</p>",
    ]
    if recent:
        parts.append('<h3 class="vb-subhead">Đã tổ chức gần đây</h3>')
        parts.append("".join(_dialogue(edition, d, src) for d in recent))
    parts.append(
        f'<p class="vb-follow"><a href="{urls.asset_href(src, CALENDAR)}" type="text/calendar">'
        "Lịch đối thoại</a>: "
        "thêm mọi hội nghị và thời gian nhận kiến nghị vào lịch của bạn (iCalendar).</p>"
    )
    parts.append("</section>\n\n")
    latest = newest_first([d for d in edition.documents if d.issued])[:LATEST]
    entries = items(edition.urls, src, ((d, edition.src_of(d), "") for d in latest))
    parts.append(
        '<section class="vb-panel" aria-labelledby="moi-nhat"><h2 id="moi-nhat">Văn bản mới</h2>'
        f'<ul class="vb-list">{entries}</ul></section>\n\n'
    )
    links = "".join(
        f'<li><a href="{urls.href(src, category.src)}">{esc(category.title)}</a></li>'
        for category in listed(edition.documents)
    )
    parts.append(
        '<nav class="vb-panel" aria-labelledby="tra-cuu"><h2 id="tra-cuu">Tra cứu văn bản</h2>'
        f'<ul class="vb-index">{links}<li><a href="{urls.href(src, "van-ban/index.md")}">'
        "Theo năm, theo chủ đề</a></li></ul></nav>\n"
    )
    return PageSource(meta, before="".join(parts))
