"""Search: folding and terms in Python, and the real thing in headless Chromium."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Iterator

import pytest

from generator.cli import main
from generator.search import fold, shard_of, terms
from tests.conftest import REPO, needs_chromium, serve_folder, with_repository_site


def test_fold_handles_d_and_both_tone_styles():
    assert fold("Đối THOẠI") == "doi thoai"
    assert fold("thu hồi đất") == "thu hoi dat"
    assert fold("hoà") == fold("hòa") == "hoa"
    assert fold(unicodedata.normalize("NFD", "đất đai")) == "dat dai"


def test_terms_are_syllables_and_pairs():
    assert terms("Thu hồi đất") == ["thu", "hoi", "dat", "thu_hoi", "hoi_dat"]
    assert terms("340/TB-VPUB") == ["340", "tb", "vpub", "340_tb", "tb_vpub"]


def test_shard_hash_matches_the_javascript_one():
    # The value assets/search.js computes (Math.imul, >>> 0), checked with node.
    assert shard_of("doi_thoai", 1 << 32) == 0x74DF6E8B
    assert shard_of("", 7) == 0x811C9DC5 % 7


# -- in the browser ------------------------------------------------------------------------

needs_chromium()
pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[str]:
    """The shipped content and 200 generated documents, served under a sub-path."""
    root = tmp_path_factory.mktemp("search")
    with_repository_site(root, content=True)
    sys.path.insert(0, str(REPO / "benchmarks"))
    from corpus import Corpus

    for document in Corpus(200).generate():
        path = root / "content" / "corpus" / f"{document.slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(document.frontmatter() + document.body, encoding="utf-8")
    served_root = root / "www"
    assert main(["--root", str(root), "build", "--site-dir", str(served_root / "cong")]) == 0
    with serve_folder(served_root) as url:
        yield url + "cong/"


def ask(page, query: str) -> list[str]:
    page.fill("#vb-search-input", query)
    page.wait_for_selector(".vb-search__count", state="visible")
    page.wait_for_function("q => document.querySelector('#vb-search-input').value === q", arg=query)
    page.wait_for_timeout(400)
    return page.locator(".vb-search__item").all_inner_texts()


@pytest.fixture
def page(browser, served):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(served + "van-ban/")
    yield page
    page.close()


def test_nothing_of_search_loads_with_the_page(browser, served):
    page = browser.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(served)
    page.wait_for_load_state("networkidle")
    assert not [url for url in fetched if "search" in url]
    page.close()


@pytest.mark.parametrize(
    "query",
    ["doi thoai", "DOI THOAI", "đối thoại", unicodedata.normalize("NFD", "đối thoại")],
)
def test_accents_case_and_nfd_find_the_same_documents(page, query):
    results = ask(page, query)
    assert results and "đối thoại" in results[0].lower()


def test_thu_hoi_dat_finds_the_land_documents(page):
    results = ask(page, "thu hoi dat")
    assert results and "thu hồi đất" in results[0]


def test_ket_luan_finds_conclusion_notices(page):
    results = ask(page, "ket luan")
    assert any("Kết luận" in r for r in results)


@pytest.mark.parametrize("query", ["340/TB-VPUB", "340"])
def test_a_number_finds_its_document_first(page, query):
    assert "340/TB-VPUB" in ask(page, query)[0]


def test_filter_by_type(page):
    ask(page, "doi thoai")
    page.select_option(".vb-search__filter select >> nth=0", label="Kế hoạch")
    page.wait_for_timeout(400)
    results = page.locator(".vb-search__item").all_inner_texts()
    assert results and all(r.startswith("Kế hoạch") for r in results)


def test_result_links_work_under_a_sub_path(page, served):
    ask(page, "340/TB-VPUB")
    page.locator(".vb-search__item a").first.click()
    page.wait_for_url(served + "van-ban/2025/tb-340-vpub/")
    assert "Số: 340/TB-VPUB" in page.locator(".vb-head").inner_text()


def test_first_query_transfers_little(browser, served):
    page = browser.new_page()
    page.goto(served)
    sizes: list[int] = []
    page.on("response", lambda response: sizes.append(len(response.body())))
    results = ask(page, "doi thoai")
    assert results
    assert sum(sizes) < 300 * 1024
    page.close()
