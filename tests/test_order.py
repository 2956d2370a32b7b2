"""One "newest first" order of documents, the same in listings, panels and search ids."""

from __future__ import annotations

import re
from datetime import date

from generator.model import newest_first
from generator.pages import PageSource, make_edition, render_pages
from generator.search import order
from generator.site import read_site

CITING = "Căn cứ Quy định số 429-QĐ/TU ngày 01/7/2022 của Ban Thường vụ Tỉnh ủy.\n"


def _document(number: str | None, issued: str | None, title: str, status: str) -> str:
    keys = [f"number: {number}"] if number else []
    keys += [f"issued: {issued}"] if issued else []
    head = "\n".join(["---", "type: notice", f"title: {title}", f"status: {status}", *keys])
    return f"{head}\nissuer: Văn phòng UBND tỉnh Sơn La\ntopics:\n  - Thứ tự\n---\n{CITING}"


def _site(make_site):
    # Two documents of one day whose paths sort against their numbers, an older one, and a
    # draft without a date (shown only in the preview).
    return read_site(
        make_site(
            {
                "a.md": _document("09/TB-VPUB", "2026-01-10", "Thông báo chín", "published"),
                "z.md": _document("01/TB-VPUB", "2026-01-10", "Thông báo một", "published"),
                "m.md": _document("03/TB-VPUB", "2026-01-05", "Thông báo ba", "published"),
                "d.md": _document(None, None, "Thông báo nháp", "draft"),
            }
        )
    )


EXPECTED = ["Thông báo một", "Thông báo chín", "Thông báo ba", "Thông báo nháp"]


def _titles(page: PageSource) -> list[str]:
    html = page.before + page.markdown + page.after
    found = re.findall(r'<span class="vb-item-title">(Thông báo [^<]+)</span>', html)
    return list(dict.fromkeys(found))


def test_newest_first_orders_by_date_then_number_then_path_undated_last(make_site):
    site = _site(make_site)
    ours = [d for d in site.documents if d.title.startswith("Thông báo ")]
    assert [d.title for d in newest_first(ours)] == EXPECTED


def test_listing_panel_and_search_agree(make_site):
    site = _site(make_site)
    edition = make_edition(site, date(2026, 2, 1), drafts=True, history=False)
    pages = render_pages(edition, site.root)
    topic = pages["chu-de/thu-tu/index.md"]
    cited = next(d for d in edition.documents if d.number_text == "429-QĐ/TU")
    panel = pages[edition.src_of(cited)]
    searched = [d.title for d in order(edition.documents) if d.title.startswith("Thông báo ")]
    assert _titles(topic) == EXPECTED
    assert _titles(panel) == EXPECTED
    assert searched == EXPECTED
