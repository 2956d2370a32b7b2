"""One URL scheme: where pages are served and how they link, with and without directory URLs;
and the built site, both ways, with every internal link, #anchor and public address resolving."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from linkcheck import check_site, parse_html  # benchmarks/, on the path from conftest
from search_probe import QuietHandler

from generator.cli import main
from generator.pages import make_edition
from generator.pages.redirects import redirect_pages, write_redirects
from generator.petitions import url_scheme
from generator.urls import UrlScheme, feed_path, numbered_src, relative
from tests.conftest import needs_chromium, serve_folder, with_repository_site

AS_OF = "2025-09-01"
SITE_URL = "https://vpubnd.sonla.gov.vn/"
DIRS, FLAT = UrlScheme(directory_urls=True), UrlScheme(directory_urls=False)


@pytest.mark.parametrize(
    ("src", "directory", "flat"),
    [
        ("index.md", "", "index.html"),
        ("van-ban/index.md", "van-ban/", "van-ban/index.html"),
        (
            "van-ban/2025/tb-340-vpub.md",
            "van-ban/2025/tb-340-vpub/",
            "van-ban/2025/tb-340-vpub.html",
        ),
        ("gioi-thieu.md", "gioi-thieu/", "gioi-thieu.html"),
    ],
)
def test_a_page_is_served_at_its_scheme_s_address(src, directory, flat):
    assert DIRS.url(src) == directory
    assert FLAT.url(src) == flat
    assert DIRS.file(src) == (
        directory + "index.html" if directory.endswith("/") or not directory else directory
    )
    assert FLAT.file(src) == flat


def test_links_between_pages_follow_the_scheme():
    page, other = "van-ban/2025/tb-340-vpub.md", "van-ban/2024/kh-62-vpub.md"
    assert DIRS.href(page, other) == "../../../van-ban/2024/kh-62-vpub/"
    assert FLAT.href(page, other) == "../../van-ban/2024/kh-62-vpub.html"
    assert DIRS.href("index.md", "index.md") == "./"
    assert FLAT.href("index.md", "index.md") == "index.html"
    assert DIRS.href(page, "index.md") == "../../../"
    assert FLAT.href(page, "index.md") == "../../index.html"
    assert DIRS.asset_href(page, "assets/search.js") == "../../../assets/search.js"
    assert FLAT.asset_href(page, "assets/search.js") == "../../assets/search.js"
    assert DIRS.self_href("tim-kiem/index.md") == "./"
    assert FLAT.self_href("tim-kiem/index.md") == "index.html"
    assert DIRS.absolute(SITE_URL, page) == SITE_URL + "van-ban/2025/tb-340-vpub/"
    assert FLAT.absolute(SITE_URL.rstrip("/"), page) == SITE_URL + "van-ban/2025/tb-340-vpub.html"


def test_files_beside_pages_follow_the_scheme():
    page = "van-ban/2025/tb-340-vpub.md"
    assert DIRS.calendar_path(page) == "van-ban/2025/tb-340-vpub/tb-340-vpub.ics"
    assert FLAT.calendar_path(page) == "van-ban/2025/tb-340-vpub.ics"
    # Listings live in folders of their own whatever the scheme: their feeds and later pages too.
    assert feed_path("van-ban/thong-bao/index.md") == "van-ban/thong-bao/feed.xml"
    assert numbered_src("van-ban/thong-bao/index.md", 2) == "van-ban/thong-bao/trang-2.md"
    assert (
        numbered_src("van-ban/2025/x/duoc-dan-chieu.md", 3)
        == "van-ban/2025/x/duoc-dan-chieu/trang-3.md"
    )


def test_the_scheme_is_read_from_mkdocs_yml(tmp_path):
    assert url_scheme(tmp_path) == DIRS  # no mkdocs.yml: MkDocs' default
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nuse_directory_urls: false\nmarkdown_extensions:\n"
        "  - toc:\n      slugify: !!python/name:generator.pages.markup.heading_slug\n",
        encoding="utf-8",
    )
    assert url_scheme(tmp_path) == FLAT
    assert UrlScheme.from_config({"use_directory_urls": True}) == DIRS
    assert UrlScheme.from_config({}) == DIRS


def _notice(number: str, issued: str, title: str, extra: str = "") -> str:
    return (
        f"---\ntype: notice\nnumber: {number}\nissued: {issued}\ntitle: {title}\n"
        f"issuer: Văn phòng UBND tỉnh Sơn La\nstatus: published\n{extra}---\n"
        "Căn cứ Thông báo số 340/TB-VPUB ngày 20/8/2025 của Văn phòng UBND tỉnh.\n\n"
        "## I. Nội dung\n\nXem [mục I](#i-noi-dung).\n"
    )


@pytest.fixture(scope="module", params=[True, False], ids=["directory-urls", "flat-urls"])
def built(request, tmp_path_factory) -> tuple[Path, bool]:
    """The shipped site root, with a listing long enough to paginate and a corrected number,
    built with `use_directory_urls` as given."""
    root = with_repository_site(tmp_path_factory.mktemp("root"), content=True)
    extra = root / "content/van-ban/thu"
    extra.mkdir()
    for n in range(1, 56):
        (extra / f"tb-{n}.md").write_text(
            _notice(f"{900 + n}/TB-VPUB", f"2025-{1 + n // 28:02d}-{1 + n % 28:02d}", f"Thử {n}"),
            encoding="utf-8",
        )
    (extra / "doi-so.md").write_text(
        _notice("53/TB-VPUB", "2025-08-01", "Đổi số", "previous_numbers:\n  - 35/TB-VPUB\n"),
        encoding="utf-8",
    )
    if not request.param:
        config = root / "mkdocs.yml"
        config.write_text(
            config.read_text(encoding="utf-8") + "\nuse_directory_urls: false\n", encoding="utf-8"
        )
    assert main(["--root", str(root), "build", "--as-of", AS_OF]) == 0
    return root / "site", request.param


def test_every_link_and_anchor_resolves(built):
    site, directory_urls = built
    # Without directory URLs the site must work without a server's folder index ("x/").
    problems = check_site(site, SITE_URL, directory_index=directory_urls)
    assert [str(p) for p in problems] == []


def test_pages_and_files_are_where_the_scheme_says(built):
    site, directory_urls = built
    scheme = UrlScheme(directory_urls)
    for src in (
        "index.md",
        "van-ban/2025/tb-340-vpub.md",
        "van-ban/thong-bao/trang-2.md",
        "tim-kiem/index.md",
        "gioi-thieu.md",
    ):
        assert (site / scheme.file(src)).is_file(), src
    assert (site / scheme.calendar_path("van-ban/2025/tb-340-vpub.md")).is_file()
    other = UrlScheme(not directory_urls)
    assert not (site / other.file("van-ban/2025/tb-340-vpub.md")).exists()
    # Cited by more documents than its panel lists: the full list, paginated, beside it.
    assert (site / scheme.file("van-ban/2025/tb-340-vpub/duoc-dan-chieu/trang-2.md")).is_file()
    # The search index and the open data name each page at its address.
    catalogue = json.loads((site / "api/van-ban.json").read_text(encoding="utf-8"))
    assert SITE_URL + scheme.url("van-ban/2025/tb-340-vpub.md") in json.dumps(catalogue)
    index_text = "".join(p.read_text(encoding="utf-8") for p in (site / "search").rglob("*.json"))
    assert json.dumps(scheme.url("van-ban/2025/tb-340-vpub.md")) in index_text
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert SITE_URL + scheme.url("van-ban/2025/tb-340-vpub.md") in sitemap


def test_an_old_number_redirects_to_the_new_address(built):
    site, directory_urls = built
    scheme = UrlScheme(directory_urls)
    old, new = "van-ban/2025/tb-35-vpub.md", "van-ban/2025/tb-53-vpub.md"
    page = (site / scheme.file(old)).read_text(encoding="utf-8")
    target = scheme.href(old, new)
    assert target == (
        "../../../van-ban/2025/tb-53-vpub/"
        if directory_urls
        else "../../van-ban/2025/tb-53-vpub.html"
    )
    # The canonical address, the refresh, and the link to follow.
    assert parse_html(page).links == [SITE_URL + scheme.url(new), target, target]


def test_the_search_form_submits_to_the_results_page(built):
    site, directory_urls = built
    page = (site / UrlScheme(directory_urls).file("van-ban/2025/tb-340-vpub.md")).read_text(
        encoding="utf-8"
    )
    results = "tim-kiem/" if directory_urls else "tim-kiem/index.html"
    up = "../../.." if directory_urls else "../.."
    assert f'data-base="{up}" action="{up}/{results}"' in page
    search = (site / UrlScheme(directory_urls).file("tim-kiem/index.md")).read_text(
        encoding="utf-8"
    )
    assert (
        f'class="vb-results__form" role="search" action="{"./" if directory_urls else "index.html"}"'
        in search
    )


class _NoFolderIndex(QuietHandler):
    """A server that answers no address ending in "/": what a site without directory URLs
    must do without (a plain file host, or the files opened from disk)."""

    def do_GET(self) -> None:
        if urlsplit(self.path).path.endswith("/"):
            self.send_error(404)
            return
        super().do_GET()


def test_search_from_a_page_leads_to_the_results_and_on_to_the_document(built, browser):
    needs_chromium()
    site, directory_urls = built
    scheme = UrlScheme(directory_urls)
    handler = QuietHandler if directory_urls else _NoFolderIndex
    errors: list[str] = []
    with serve_folder(site, handler) as url:
        page = browser.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url + scheme.url("van-ban/2024/kh-62-vpub.md"))
        page.fill("#vb-search-input", "340/TB-VPUB")
        page.wait_for_function(
            "() => document.querySelector('.vb-search__results').dataset.query === '340/TB-VPUB'"
        )
        page.press("#vb-search-input", "Enter")
        page.wait_for_url(url + scheme.url("tim-kiem/index.md") + "?q=340%2FTB-VPUB")
        first = page.locator(".vb-results__list a").first
        first.wait_for()
        first.click()
        page.wait_for_url(url + scheme.url("van-ban/2025/tb-340-vpub.md"))
        assert "340/TB-VPUB" in page.title() or "340/TB-VPUB" in page.content()
        page.close()
    assert errors == []


@pytest.mark.parametrize("directory_urls", [True, False])
def test_redirect_pages_are_core_pages_that_never_overwrite_a_file(
    check_files, tmp_path, directory_urls
):
    extra = "previous_numbers:\n  - 60/KH-VPUB\n  - 61/KH-VPUB\n"
    site = check_files({"a.md": _notice("80/KH-VPUB", "2025-12-20", "Đổi số", extra)})
    scheme = UrlScheme(directory_urls)
    edition = make_edition(site, date(2026, 1, 1), history=False, urls=scheme)
    pages = redirect_pages(edition)
    old = [scheme.file(f"van-ban/2025/kh-{n}-vpub.md") for n in (60, 61)]
    assert sorted(pages) == old
    target = scheme.href("van-ban/2025/kh-60-vpub.md", "van-ban/2025/kh-80-vpub.md")
    assert f'content="0; url={target}"' in pages[old[0]]
    assert f'<link rel="canonical" href="{target}">' in pages[old[0]]  # no site_url: relative
    out = tmp_path / "out"
    (out / old[1]).parent.mkdir(parents=True)
    (out / old[1]).write_text("a page of its own", encoding="utf-8")
    write_redirects(edition, out)
    assert (out / old[0]).read_text(encoding="utf-8") == pages[old[0]]
    assert (out / old[1]).read_text(encoding="utf-8") == "a page of its own"


@pytest.mark.parametrize("directory_urls", [True, False])
def test_the_scheme_agrees_with_mkdocs(directory_urls):
    """Plain pages are placed by MkDocs itself: both must put every page at one address."""
    from mkdocs.structure.files import File

    scheme = UrlScheme(directory_urls)
    for src in (
        "index.md",
        "van-ban/index.md",
        "gioi-thieu.md",
        "van-ban/2025/tb-340-vpub.md",
        "huong-dan/README.md",
        "van-ban/2025/tb-340-vpub/duoc-dan-chieu/trang-2.md",
    ):
        theirs = File(src, "/docs", "/site", directory_urls)
        assert scheme.file(src) == theirs.dest_uri, src
        assert (scheme.url(src) or "./") == theirs.url, src


def _relative_by_pathlib(from_src: str, to_src: str) -> str:
    """`urls.relative` as it was written with PurePosixPath (the string version replaced it
    for speed: a link for every citation of every document)."""
    source = PurePosixPath(from_src).parent
    target = PurePosixPath(to_src)
    common = 0
    for a, b in zip(source.parts, target.parts, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(source.parts) - common) + list(target.parts[common:]))


_SEGMENTS = st.sampled_from(["a", "b", "van-ban", "2025", ".", "..", "", "x.md", "index.md", "đ"])
_PATHS = st.lists(_SEGMENTS, min_size=1, max_size=5).map("/".join)


@settings(max_examples=500)
@given(_PATHS, _PATHS)
def test_relative_links_are_pathlibs(from_src: str, to_src: str) -> None:
    assert relative(from_src, to_src) == _relative_by_pathlib(from_src, to_src)
    assert relative("van-ban/2025/a.md", "van-ban/2024/b.md") == "../2024/b.md"
