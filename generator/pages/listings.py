"""Listings: documents by type, by year and by topic, newest first, fifty to a page."""

from __future__ import annotations

from generator.model import Document, newest_first
from generator.pages.categories import CATEGORIES, listed
from generator.pages.document import PANEL_LIMIT, cited_by_src
from generator.pages.edition import Edition
from generator.pages.markup import (
    SKIP_TARGET,
    PageSource,
    breadcrumbs,
    esc,
    items,
    page_meta,
)
from generator.urls import SITE_FEED, UrlScheme, feed_path, numbered_src, topic_src

PAGE_SIZE = 50

__all__ = ["CATEGORIES", "ListingMemo", "listed", "newest_first", "render_listings", "year_src"]

_HOME = ("Trang chủ", "index.md")
_DOCUMENTS = ("Văn bản", "van-ban/index.md")


def heading(text: str) -> str:
    """A listing's h1, where the skip link lands."""
    return f'<h1 id="{SKIP_TARGET}" tabindex="-1">{esc(text)}</h1>\n\n'


def year_src(year: int) -> str:
    return f"van-ban/nam-{year}/index.md"


class ListingMemo:
    """Listing pages kept from one render of a site to the next (the preview, after a save).

    A listing page shows its documents, their number and where it stands among its listing's
    pages; everything else (addresses, the public address in breadcrumbs) is the same for
    every page of an edition. Documents read again are new objects, unchanged ones are the
    same objects, so a page whose documents are the very same objects, in the same order, in
    a listing of the same length, is the page it was. The memo keeps each page's documents
    alongside their ``id``s, so that no id it compares can be taken by a new object.
    """

    def __init__(self) -> None:
        self.setting: object = None
        self.pages: dict[str, tuple[tuple[object, ...], list[Document], PageSource]] = {}
        self.fresh: dict[str, tuple[tuple[object, ...], list[Document], PageSource]] = {}

    def begin(self, edition: Edition) -> None:
        setting = (edition.urls, edition.site_url)
        if setting != self.setting:
            self.setting, self.pages = setting, {}
        self.fresh = {}

    def end(self) -> None:
        """Forget the pages this render did not make (a listing gone, fewer pages)."""
        self.pages, self.fresh = self.fresh, {}

    def get(self, src: str, key: tuple[object, ...]) -> PageSource | None:
        kept = self.pages.get(src)
        if kept is None or kept[0] != key:
            return None
        self.fresh[src] = kept
        return kept[2]

    def put(
        self, src: str, key: tuple[object, ...], chunk: list[Document], page: PageSource
    ) -> None:
        self.fresh[src] = (key, chunk, page)


def paginate(
    edition: Edition,
    base_src: str,
    title: str,
    intro: str,
    documents: list[Document],
    feed: str | None = None,
    memo: ListingMemo | None = None,
) -> dict[str, PageSource]:
    """Pages of a listing: the first at ``base_src``, then ``…/trang-2/`` and on; with the
    Atom feed readers can follow it by (a site path such as "van-ban/thong-bao/feed.xml")."""
    documents = newest_first(documents)
    count = max(1, -(-len(documents) // PAGE_SIZE))
    sources = [base_src] + [numbered_src(base_src, n) for n in range(2, count + 1)]
    pages = {}
    for number, src in enumerate(sources, start=1):
        chunk = documents[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
        key = (base_src, title, intro, feed, len(documents), number, *map(id, chunk))
        kept = memo.get(src, key) if memo is not None else None
        if kept is not None:
            pages[src] = kept
            continue
        entries = items(edition.urls, src, ((d, edition.src_of(d), "") for d in chunk))
        name = title if number == 1 else f"{title} (trang {number})"
        meta = page_meta(name, f"{title}: {len(documents)} văn bản", portal="listing")
        if feed:
            meta.update(feed=feed, feed_title=esc(title))
        trail = [_HOME, _DOCUMENTS, (title, base_src)]
        if number > 1:
            trail.append((f"Trang {number}", src))
        body = [
            breadcrumbs(edition.urls, src, trail, edition.site_url),
            heading(name),
            f'<p class="vb-count">{esc(intro)} {len(documents)} văn bản, mới nhất trước.</p>\n\n'
            if documents
            else '<p class="vb-count">Chưa có văn bản.</p>\n\n',
            f'<ul class="vb-list">{entries}</ul>\n\n' if entries else "",
            _pager(edition.urls, src, sources, number),
            _follow(edition.urls, src, feed) if feed else "",
        ]
        pages[src] = PageSource(meta, before="".join(body))
        if memo is not None:
            memo.put(src, key, chunk, pages[src])
    return pages


def _follow(urls: UrlScheme, src: str, feed: str) -> str:
    return (
        f'<p class="vb-follow"><a href="{esc(urls.asset_href(src, feed))}" '
        'type="application/atom+xml">Theo dõi</a>: nhận văn bản mới qua trình đọc tin '
        "(Atom).</p>\n"
    )


def _pager(urls: UrlScheme, src: str, sources: list[str], current: int) -> str:
    if len(sources) == 1:
        return ""
    shown = sorted(
        {1, len(sources), *range(max(1, current - 2), min(len(sources), current + 2) + 1)}
    )
    links = []
    if current > 1:
        links.append(
            f'<a rel="prev" href="{urls.href(src, sources[current - 2])}">‹ Trang trước</a>'
        )
    previous = 0
    for number in shown:
        if number - previous > 1:
            links.append('<span aria-hidden="true">…</span>')
        target = urls.href(src, sources[number - 1])
        links.append(
            f'<a aria-current="page" href="{target}">{number}</a>'
            if number == current
            else f'<a href="{target}">{number}</a>'
        )
        previous = number
    if current < len(sources):
        links.append(f'<a rel="next" href="{urls.href(src, sources[current])}">Trang sau ›</a>')
    return f'<nav class="vb-pager" aria-label="Phân trang">{"".join(links)}</nav>\n'


def render_listings(edition: Edition, memo: ListingMemo | None = None) -> dict[str, PageSource]:
    """Every listing page; with ``memo``, those whose documents did not change are reused."""
    if memo is not None:
        memo.begin(edition)
    documents = edition.documents
    pages: dict[str, PageSource] = {}
    for category in CATEGORIES:
        chosen = [d for d in documents if category.accepts(d)]
        # An empty listing is neither linked nor written: no "Chưa có văn bản" page in the
        # sitemap for search engines to index.
        if chosen:
            pages.update(
                paginate(
                    edition,
                    category.src,
                    category.title,
                    "Có",
                    chosen,
                    feed_path(category.src),
                    memo,
                )
            )
    by_year: dict[int, list[Document]] = {}
    by_topic: dict[str, list[Document]] = {}
    topic_names: dict[str, str] = {}
    for document in documents:
        if document.issued:
            by_year.setdefault(document.issued.year, []).append(document)
        # Spellings of one topic that share a page are listed together under the first (M007).
        for topic in dict.fromkeys(
            topic_names.setdefault(topic_src(t), t) for t in document.topics
        ):
            by_topic.setdefault(topic, []).append(document)
    for year, chosen in by_year.items():
        title = f"Văn bản năm {year}"
        pages.update(paginate(edition, year_src(year), title, "Có", chosen, SITE_FEED, memo))
    for topic, chosen in by_topic.items():
        src, title = topic_src(topic), f"Chủ đề: {topic}"
        pages.update(paginate(edition, src, title, "Có", chosen, feed_path(src), memo))
    for document in documents:
        citing = [link.source for link in edition.graph.cited_by(document)]
        if len(citing) > PANEL_LIMIT:  # more than the document's panel shows
            pages.update(
                paginate(
                    edition,
                    cited_by_src(edition, document),
                    f"Văn bản dẫn chiếu {document.number_text}",
                    "Có",
                    citing,
                    memo=memo,
                )
            )
    pages["van-ban/index.md"] = _overview(edition, by_year, by_topic)
    if memo is not None:
        memo.end()
    return pages


def _overview(
    edition: Edition, by_year: dict[int, list[Document]], by_topic: dict[str, list[Document]]
) -> PageSource:
    urls = edition.urls
    src = "van-ban/index.md"
    counts = [
        (category, sum(1 for d in edition.documents if category.accepts(d)))
        for category in listed(edition.documents)
    ]
    types = "".join(
        f'<li><a href="{urls.href(src, c.src)}">{esc(c.title)}</a> <span>{n}</span></li>'
        for c, n in counts
    )
    years = "".join(
        f'<li><a href="{urls.href(src, year_src(y))}">Năm {y}</a> '
        f"<span>{len(by_year[y])}</span></li>"
        for y in sorted(by_year, reverse=True)
    )
    topics = "".join(
        f'<li><a href="{urls.href(src, topic_src(t))}">{esc(t)}</a> '
        f"<span>{len(by_topic[t])}</span></li>"
        for t in sorted(by_topic)
    )
    return PageSource(
        page_meta("Văn bản", "Tra cứu văn bản theo loại, năm và chủ đề", portal="listing"),
        before=breadcrumbs(edition.urls, src, [_HOME, _DOCUMENTS], edition.site_url)
        + heading("Văn bản")
        + f'<p class="vb-count">Có {len(edition.documents)} văn bản trên Cổng.</p>\n\n'
        + '<section class="vb-panel" aria-labelledby="theo-loai"><h2 id="theo-loai">Theo loại'
        + f'</h2><ul class="vb-index">{types}</ul></section>\n\n'
        + '<section class="vb-panel" aria-labelledby="theo-nam"><h2 id="theo-nam">Theo năm</h2>'
        + f'<ul class="vb-index">{years}</ul></section>\n\n'
        + '<section class="vb-panel" aria-labelledby="theo-chu-de"><h2 id="theo-chu-de">Theo '
        + f'chủ đề</h2><ul class="vb-index">{topics}</ul></section>\n',
    )
