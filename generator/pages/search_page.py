"""The search results page, /tim-kiem/?q=…: every match, twenty a page, shareable.

The page is a shell: the query and its filters live in the address, and `assets/search.js`
(referenced from the page, never inline, so a Content-Security-Policy without inline scripts
holds) fills it from the same static index as the box in the header. Without JavaScript the
form still says what the page is for. It lists what the index holds, which never has a draft
in a public build.
"""

from __future__ import annotations

from generator.pages.edition import Edition
from generator.pages.markup import PageSource, page_meta

SRC = "tim-kiem/index.md"


def render_search_page(edition: Edition) -> PageSource:
    urls = edition.urls
    meta = page_meta(
        "Tìm kiếm văn bản",
        "Tìm văn bản của Văn phòng UBND tỉnh Sơn La theo số ký hiệu, trích yếu hoặc nội dung",
        portal="search",
    )
    script = urls.asset_href(SRC, "assets/search.js")
    everything = urls.href(SRC, "van-ban/index.md")
    # The form submits to this page itself.
    action = urls.self_href(SRC)
    html = (
        '<div class="vb-results" data-vb-search-page>'
        "<h1>Tìm kiếm văn bản</h1>"
        f'<form class="vb-results__form" role="search" action="{action}" method="get">'
        '<label for="vb-results-input">Số ký hiệu, trích yếu hoặc từ trong nội dung</label>'
        '<div class="vb-results__row">'
        '<input id="vb-results-input" class="vb-results__input" type="search" name="q" '
        'autocomplete="off" placeholder="Ví dụ: 340/TB-VPUB, đối thoại, thu hồi đất">'
        '<button type="submit" class="md-button md-button--primary">Tìm</button></div>'
        '<div class="vb-results__filters"></div></form>'
        '<p class="vb-results__count vb-search__count" role="status"></p>'
        '<ol class="vb-search__list vb-results__list"></ol>'
        '<div class="vb-results__partial"></div>'
        '<div class="vb-results__pages"></div>'
        "<noscript><p>Trang tìm kiếm cần JavaScript. Có thể tra cứu văn bản theo loại, năm "
        f'và chủ đề tại <a href="{everything}">danh mục văn bản</a>.</p></noscript>'
        "</div>\n"
        f'<script src="{script}" defer></script>\n'
    )
    return PageSource(meta, before=html)
