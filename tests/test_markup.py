"""Pieces of HTML written by hand where a library wrote them before: byte for byte the same."""

from __future__ import annotations

import html
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.doctypes import TYPES
from generator.model import Document
from generator.pages.markup import breadcrumbs, items
from generator.urls import UrlScheme


def _with_json_dumps(urls: UrlScheme, src: str, trail: list[tuple[str, str]], site_url: str) -> str:
    """The JSON-LD as ``json.dumps`` wrote it (the code before it was written by hand)."""
    items = [
        {
            "@type": "ListItem",
            "position": position,
            "name": name,
            "item": urls.absolute(site_url, to_src) if site_url else urls.href(src, to_src),
        }
        for position, (name, to_src) in enumerate(trail, start=1)
    ]
    data = {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items}
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")


def _payload(html: str) -> str:
    return html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]


_NAMES = st.lists(
    st.text(st.characters(codec="utf-8"), max_size=8)
    | st.sampled_from(['"', "\\", "<", ">", "</script>", "\u2028", "\x00", "\x1f", "đ"]),
    max_size=5,
).map("".join)
_SRCS = st.sampled_from(
    ["index.md", "van-ban/index.md", "van-ban/2025/a.md", "chu-de/dat-dai.md", "a b/c\"d'<e>.md"]
)


@settings(max_examples=300, deadline=None)
@given(
    trail=st.lists(st.tuples(_NAMES, _SRCS), min_size=0, max_size=5),
    src=_SRCS,
    site_url=st.sampled_from(["", "https://vpubnd.sonla.gov.vn/", "http://x/a<b>/"]),
    directory_urls=st.booleans(),
)
def test_the_breadcrumbs_json_is_what_json_dumps_wrote(trail, src, site_url, directory_urls):
    urls = UrlScheme(directory_urls=directory_urls)
    html = breadcrumbs(urls, src, trail, site_url)
    payload = _payload(html)
    assert payload == _with_json_dumps(urls, src, trail, site_url)
    # And it reads back as the names given.
    assert [e["name"] for e in json.loads(payload)["itemListElement"]] == [n for n, _ in trail]


def _one_step_at_a_time(
    urls: UrlScheme, src: str, trail: list[tuple[str, str]], site_url: str
) -> str:
    """The whole trail as it was written before its steps but the last were shared between
    pages of the same depth: each step's link and JSON-LD made for the page itself."""
    steps = [
        f'<li aria-current="page">{html.escape(name)}</li>'
        if position == len(trail)
        else f'<li><a href="{urls.href(src, to_src)}">{html.escape(name)}</a></li>'
        for position, (name, to_src) in enumerate(trail, start=1)
    ]
    return (
        f'<nav class="vb-crumbs" aria-label="Đường dẫn"><ol>{"".join(steps)}</ol></nav>\n'
        f'<script type="application/ld+json">{_with_json_dumps(urls, src, trail, site_url)}'
        "</script>\n\n"
    )


@settings(max_examples=300, deadline=None)
@given(
    trail=st.lists(st.tuples(_NAMES, _SRCS), min_size=0, max_size=5),
    sources=st.lists(_SRCS, min_size=1, max_size=4),
    site_url=st.sampled_from(["", "https://vpubnd.sonla.gov.vn/", "http://x/a<b>/"]),
    directory_urls=st.booleans(),
)
def test_a_trail_shared_between_pages_is_each_page_own(trail, sources, site_url, directory_urls):
    # The same trail from pages at several depths, one after the other: what is kept of one
    # page's steps for the next never shows on a page served elsewhere.
    urls = UrlScheme(directory_urls=directory_urls)
    for src in sources:
        expected = _one_step_at_a_time(urls, src, trail, site_url)
        assert breadcrumbs(urls, src, trail, site_url) == expected


_DOCUMENTS = st.builds(
    Document,
    path=st.sampled_from(["content/2025/a.md", "content/b.md"]),
    doctype=st.sampled_from([None, TYPES["plan"], TYPES["notice"]]),
    title=_NAMES,
    status=st.sampled_from(["published", "draft"]),
    number_text=st.none() | _NAMES,
    issued=st.none() | st.dates(),
    issuer=st.none() | _NAMES,
)


@settings(max_examples=200, deadline=None)
@given(
    entries=st.lists(st.tuples(_DOCUMENTS, _SRCS, st.sampled_from(["", "Sửa đổi", "<b>"]))),
    src=_SRCS,
    directory_urls=st.booleans(),
)
def test_a_list_is_its_entries_one_by_one(entries, src, directory_urls):
    urls = UrlScheme(directory_urls=directory_urls)
    one_by_one = [items(urls, src, [entry]) for entry in entries]
    assert items(urls, src, entries) == "".join(one_by_one)
    # Each entry links where UrlScheme.href says, the way up worked out once or not.
    for (_, to_src, _), entry in zip(entries, one_by_one, strict=True):
        assert entry.startswith(f'<li class="vb-item"><a href="{urls.href(src, to_src)}">')
