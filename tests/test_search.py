"""Search: folding, keys and the index in Python, and the real thing in headless Chromium."""

from __future__ import annotations

import itertools
import json
import re
import sys
import unicodedata
from array import array
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import search
from generator.cli import main
from generator.pages.edition import make_edition
from generator.search import (
    build_index,
    decode_set,
    decode_within,
    encode_set,
    fold,
    number_keys,
    order,
    shard_of,
    syllables,
    terms,
)
from generator.site import read_site
from tests.conftest import REPO, needs_chromium, serve_folder, with_repository_site


def test_fold_handles_d_and_both_tone_styles():
    assert fold("Đối THOẠI") == "doi thoai"
    assert fold("thu hồi đất") == "thu hoi dat"
    assert fold("hoà") == fold("hòa") == "hoa"
    assert fold(unicodedata.normalize("NFD", "đất đai")) == "dat dai"


def test_terms_are_syllables_and_pairs():
    assert terms("Thu hồi đất") == ["thu", "hoi", "dat", "thu_hoi", "hoi_dat"]
    assert terms("340/TB-VPUB") == ["340", "tb", "vpub", "340_tb", "tb_vpub"]


def test_numbers_lose_their_leading_zeros_only():
    assert syllables("05/KH-VPUB") == syllables("5/KH-VPUB") == [b"5", b"kh", b"vpub"]
    assert syllables("0 00 2025 a05 05a") == [b"0", b"0", b"2025", b"a05", b"5a"]


def test_number_keys_are_the_leading_parts_of_a_number():
    assert number_keys("340/TB-VPUB") == ["#340", "#340_tb", "#340_tb_vpub"]
    assert number_keys("429-QĐ/TU") == number_keys("429-QD/TU") == ["#429", "#429_qd", "#429_qd_tu"]
    assert number_keys("") == []


def test_shard_hash_matches_the_javascript_one():
    # The value assets/search.js computes (Math.imul, >>> 0), checked with node.
    assert shard_of("doi_thoai", 1 << 32) == 0x74DF6E8B
    assert shard_of("", 7) == 0x811C9DC5 % 7


@given(st.sets(st.integers(min_value=0, max_value=5000)))
def test_sets_of_ids_survive_encoding(ids):
    assert decode_set(encode_set(sorted(ids))) == sorted(ids)


@given(st.sets(st.integers(min_value=0, max_value=5000), min_size=1))
def test_a_sparse_set_is_encoded_as_a_dense_one_would_be(ids):
    """The id-by-id way for rare keys gives what the digit-string way gives (search._SPARSE)."""
    ordered = array("H", sorted(ids))
    bits = sum(1 << doc_id for doc_id in ids)
    assert search._bits_of(ordered) == bits
    digits = format(bits, "b")[::-1]
    lengths = [len(run) for run in re.findall("0+|1+", digits)]
    assert search._run_lengths(ordered) == ([0] if digits[0] == "1" else []) + lengths
    assert search._encode_bits(bits, ordered) == search._encode_bits(bits)


def test_base36_values_of_large_archives_are_written_from_the_table():
    """Gaps and runs up to 36³ - 1 come from a table, beyond it digit by digit: the same."""
    table = search._b36_three()
    assert len(table) == 36**3
    assert all(table[value] == search._b36(value) for value in range(36**3))
    assert search._join36([5, 1295, 1296, 46655, 46656]) == "5,zz,100,zzz,1000"


def test_set_encodings_pick_the_shortest():
    assert encode_set([]) == ""
    assert encode_set([2, 3, 4]).startswith(("!", "~"))  # a run, not three gaps
    assert encode_set(list(range(10_000))) == "!0,7ps"
    assert encode_set([3, 900]) == "3,ox"  # gaps 3 and 897


def resolved(index: dict[str, list[object]], key: str, position: int) -> list[int]:
    """A decoded set of the index, its base resolved as search.js does."""
    text = index[key][position] if key in index else ""
    if "_" in key and not key.startswith("#"):
        first, second = key.split("_")
        base = sorted(
            set(resolved(index, first, position)) & set(resolved(index, second, position))
        )
    else:
        base = decode_set(index[key][0]) if key in index else []  # type: ignore[arg-type]
    return decode_within(text, base)  # type: ignore[arg-type]


def test_the_index_holds_every_document_of_every_syllable(tmp_path):
    """No set is cut short, so the counts search.js shows are true."""
    site = read_site(REPO)
    edition = make_edition(site, date(2026, 1, 1), history=False)
    documents = order(edition.documents)
    build_index(documents, {d.path: edition.url_of(d) for d in documents}, tmp_path)
    index: dict[str, list[object]] = {}
    for shard in (tmp_path / "s").iterdir():
        index.update(json.loads(shard.read_text(encoding="utf-8")))
    for doc_id, document in enumerate(documents):
        texts = [document.number_text or "", document.title, document.body, document.issuer or ""]
        found = [s.decode() for text in texts for s in syllables(text)]
        for syllable in set(found):
            assert doc_id in resolved(index, syllable, 0), (syllable, document.path)
        title = [s.decode() for s in syllables(document.title)]
        for first, second in itertools.pairwise(title):
            assert doc_id in resolved(index, f"{first}_{second}", 0)
            assert doc_id in resolved(index, f"{first}_{second}", 1)
            assert doc_id in resolved(index, first, 1)
        for key in number_keys(document.number_text or ""):
            assert doc_id in decode_set(index[key][0]) + decode_set(index[key][1])  # type: ignore[arg-type]
    for key in index:
        if key.startswith("#"):
            continue
        for doc_id in resolved(index, key, 0):
            found_doc = documents[doc_id]
            kind = found_doc.doctype.name if found_doc.doctype else ""
            fields = [found_doc.number_text or "", kind, found_doc.title, found_doc.body]
            text = " ".join([*fields, found_doc.issuer or "", found_doc.summary or ""])
            held = syllables(" ".join([text, *found_doc.topics]))
            assert all(part.encode() in held for part in key.split("_")), key
    meta = json.loads((tmp_path / "meta.json").read_text(encoding="utf-8"))
    facets = json.loads((tmp_path / "f.json").read_text(encoding="utf-8"))
    assert meta["documents"] == len(documents) and len(facets) == 3 * len(documents)
    assert all(d.published for d in documents)


def test_accented_spellings_are_kept_under_the_folded_syllable(tmp_path):
    site = read_site(REPO)
    edition = make_edition(site, date(2026, 1, 1), history=False)
    build_index(edition.documents, {d.path: edition.url_of(d) for d in edition.documents}, tmp_path)
    index: dict[str, list[object]] = {}
    for shard in (tmp_path / "s").iterdir():
        index.update(json.loads(shard.read_text(encoding="utf-8")))
    assert "đối" in index["doi"][2]  # type: ignore[operator]
    assert "thoại" in index["thoai"][2]  # type: ignore[operator]


# -- in the browser ------------------------------------------------------------------------

needs_chromium()
pytest.importorskip("playwright.sync_api")

DRAFT = """---
type: notice
number: /TB-VPUB
title: Dự thảo phương án di dời chợ trung tâm Phiêng Khoài
issuer: Văn phòng UBND tỉnh Sơn La
status: draft
---
Nội dung dự thảo về việc di dời chợ trung tâm Phiêng Khoài.
"""


@pytest.fixture(scope="module")
def site_root(tmp_path_factory) -> Path:
    """The shipped content, 200 generated documents, the relevance set's documents and a
    draft, built for a site published under a sub-path (/cong/)."""
    root = tmp_path_factory.mktemp("search")
    with_repository_site(root, content=True)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^site_url: (.*)/$", r"site_url: \1/cong/", text), "utf-8")
    sys.path.insert(0, str(REPO / "benchmarks"))
    from corpus import Corpus
    from relevance import DOCUMENTS

    for document in Corpus(200).generate():
        path = root / "content" / "corpus" / f"{document.slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(document.frontmatter() + document.body, encoding="utf-8")
    for name, text in DOCUMENTS.items():
        (root / "content" / "relevance").mkdir(exist_ok=True)
        (root / "content" / "relevance" / name).write_text(text, encoding="utf-8")
    (root / "content" / "du-thao-cho.md").write_text(DRAFT, encoding="utf-8")
    assert main(["--root", str(root), "build", "--site-dir", str(root / "www" / "cong")]) == 0
    return root


@pytest.fixture(scope="module")
def served(site_root) -> Iterator[str]:
    with serve_folder(site_root / "www") as url:
        yield url + "cong/"


def matching(site_root: Path, words: list[str]) -> int:
    """How many published documents hold every word: counted here, apart from the index."""
    site = read_site(site_root)
    edition = make_edition(site, date.today(), history=False)
    count = 0
    for document in edition.documents + edition.petitions:  # answered petitions are searched too
        parts = [document.number_text or "", document.title, document.body, document.issuer or ""]
        parts += [document.doctype.name if document.doctype else "", document.summary or ""]
        found = set(syllables(" ".join(parts + document.topics)))
        count += all(word.encode() in found for word in words)
    return count


def ask(page, query: str) -> list[str]:
    """Type in the header box and wait until the panel shows the answer to this query."""
    page.fill("#vb-search-input", query)
    page.wait_for_function(
        "q => document.querySelector('.vb-search__results').dataset.query === q", arg=query
    )
    return page.locator(".vb-search__list .vb-search__item").all_inner_texts()


def status(page) -> str:
    return page.locator(".vb-search__results .vb-search__count").inner_text()


def hrefs(page, selector: str = ".vb-search__results .vb-search__list a") -> list[str]:
    return page.locator(selector).evaluate_all("links => links.map(a => a.getAttribute('href'))")


@pytest.fixture
def errors() -> list[str]:
    return []


@pytest.fixture
def page(browser, served, errors):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.goto(served + "van-ban/")
    yield page
    page.close()
    assert not errors


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


# 1. Every word must match, and the count is the true count.


@pytest.mark.parametrize("query", ["thu hoi dat", "kien nghi", "rung phong ho", "chu ky so"])
def test_every_word_must_match_and_the_count_is_true(page, site_root, query):
    ask(page, query)
    expected = matching(site_root, query.split())
    assert expected > 0
    assert status(page).startswith(f"{expected} văn bản phù hợp")


def test_a_query_no_document_answers_says_so(page):
    results = ask(page, "rung phong ho ca mau")
    assert status(page) == "Không tìm thấy văn bản phù hợp với “rung phong ho ca mau”."
    # The closest documents are offered apart, under a label, and not counted.
    assert page.locator(".vb-search__partial").inner_text().startswith("Kết quả gần đúng")
    assert "Quy chế quản lý rừng phòng hộ" in results[0]
    assert page.locator(".vb-search__more").is_hidden()


@pytest.mark.parametrize("query", ["14/TB-VPUB", "999/KH-VPUB", "429-QĐ/TX", "501/KH-VPUB"])
def test_a_number_nobody_carries_finds_nothing(page, query):
    assert ask(page, query) == []
    assert status(page) == f"Không tìm thấy văn bản số {query} trên Cổng."


# 2. Ranking.


@pytest.mark.parametrize("query", ["429", "429-QĐ/TU", "429-QD/TU", "429-qđ/tu"])
def test_the_document_with_the_number_comes_first(page, query):
    results = ask(page, query)
    # Two documents carry 429-QĐ/TU (the shipped one and the corpus's); then the guidance
    # that cites it in its title.
    assert results[0].startswith("Quy định 429-QĐ/TU")
    assert results[1].startswith("Quy định 429-QĐ/TU")
    assert results[2].startswith("Hướng dẫn 09-HD/BDVTU")


def test_every_document_with_a_number_newest_first(page):
    results = ask(page, "506/TB-VPUB")
    assert status(page).startswith("2 văn bản phù hợp")
    assert "quý IV năm 2025" in results[0] and "quý IV năm 2023" in results[1]
    results = ask(page, "2/TB-VPUB")  # the corpus's 02/TB-VPUB, one a year
    years = [int(r.rsplit("/", 1)[1]) for r in results]
    assert len(results) > 3 and years == sorted(years, reverse=True)
    assert all("02/TB-VPUB" in r for r in results)


def test_a_title_phrase_comes_before_scattered_title_words_and_text(page):
    results = ask(page, "rung phong ho")
    # 501 holds the phrase in its title; 502 (newer) holds the words apart.
    assert "Quy chế quản lý rừng phòng hộ" in results[0]
    assert "Phòng ngừa sạt lở đất" in results[1]


def test_the_exact_accents_come_before_folded_ones(page):
    assert "an toàn đập thủy lợi" in ask(page, "an toàn đập")[0]
    assert "an toàn đáp ứng" in ask(page, "an toàn đáp")[0]
    # Without accents, the newest first.
    assert "an toàn đáp ứng" in ask(page, "kiem tra an toan dap")[0]


def test_a_phrase_of_the_text_finds_its_document(page):
    results = ask(page, "chiềng khoi")
    assert status(page).startswith("1 văn bản phù hợp") and "đập thủy lợi" in results[0]


# 4. The results page.


def test_the_results_page_is_built_in_vietnamese_and_without_drafts(site_root):
    built = site_root / "www" / "cong"
    page = (built / "tim-kiem" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="vi"' in page and "Tìm kiếm văn bản" in page
    assert '<script src="../assets/search.js" defer></script>' in page
    for path in (built / "search").rglob("*.json"):
        assert "Phiêng Khoài" not in path.read_text(encoding="utf-8"), path


def test_a_draft_is_never_found(page):
    assert ask(page, "cho phieng khoai") == []
    assert status(page).startswith("Không tìm thấy văn bản phù hợp")


def test_enter_opens_the_results_page_with_every_match(page, served, site_root):
    ask(page, "thu hoi dat")
    total = matching(site_root, ["thu", "hoi", "dat"])
    assert total > 40
    assert page.locator(".vb-search__more").inner_text() == f"Xem tất cả {total} kết quả"
    page.press("#vb-search-input", "Enter")
    page.wait_for_url(served + "tim-kiem/?q=thu+hoi+dat")
    seen: list[str] = []
    while True:
        page.wait_for_function(
            "() => document.querySelector('[data-vb-search-page]').dataset.query !== undefined"
        )
        count = page.locator(".vb-results__count").inner_text()
        assert count.startswith(f"{total} văn bản phù hợp")
        shown = hrefs(page, ".vb-results__list a")
        assert len(shown) == (20 if len(seen) + 20 <= total else total - len(seen))
        seen += shown
        after = page.locator("a[aria-label='Trang sau']")
        if not after.count():
            break
        renders = page.get_attribute("[data-vb-search-page]", "data-renders")
        after.click()
        page.wait_for_function(
            "n => document.querySelector('[data-vb-search-page]').dataset.renders !== n",
            arg=renders,
        )
        assert f"trang={len(seen) // 20 + 1}" in page.url
    assert len(seen) == len(set(seen)) == total


def test_the_results_page_keeps_filters_in_the_address(browser, page, served):
    page.goto(served + "tim-kiem/?q=doi+thoai")
    root = "[data-vb-search-page]"
    page.wait_for_selector(f"{root}[data-query='doi thoai']")
    everything = int(page.locator(".vb-results__count").inner_text().split()[0])
    renders = page.get_attribute(root, "data-renders")
    page.focus(".vb-results__filters select >> nth=0")
    page.select_option(".vb-results__filters select >> nth=0", "Kế hoạch")
    page.wait_for_function(
        "n => document.querySelector('[data-vb-search-page]').dataset.renders !== n", arg=renders
    )
    # Focus stays on the control that was changed.
    assert page.evaluate("document.activeElement.name") == "loai"
    assert "loai=K%E1%BA%BF+ho%E1%BA%A1ch" in page.url
    plans = int(page.locator(".vb-results__count").inner_text().split()[0])
    assert 0 < plans < everything
    assert all(
        t.startswith("Kế hoạch") for t in page.locator(".vb-results__list li").all_inner_texts()
    )
    shared = page.url
    other = browser.new_page()
    other.goto(shared)
    other.wait_for_selector(f"{root}[data-query='doi thoai']")
    assert other.locator(".vb-results__count").inner_text().startswith(f"{plans} văn bản")
    assert other.locator(".vb-results__filters select >> nth=0").input_value() == "Kế hoạch"
    other.close()


def test_the_results_page_without_a_query_asks_for_one(page, served):
    page.goto(served + "tim-kiem/")
    page.wait_for_selector("[data-vb-search-page][data-query='']")
    assert page.locator(".vb-results__count").inner_text().startswith("Nhập số ký hiệu")


# 5. Keyboard and screen readers.


def test_arrow_keys_and_enter_open_a_result(page, served):
    ask(page, "rung phong ho")
    box = page.locator("#vb-search-input")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "true"
    page.press("#vb-search-input", "ArrowDown")
    page.press("#vb-search-input", "ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    option = page.locator(f"#{active}")
    assert option.get_attribute("aria-selected") == "true"
    assert "Phòng ngừa sạt lở đất" in option.inner_text()
    page.press("#vb-search-input", "ArrowUp")
    page.press("#vb-search-input", "ArrowDown")
    assert box.get_attribute("aria-activedescendant") == active
    page.press("#vb-search-input", "Enter")
    page.wait_for_url(served + "van-ban/2025/tb-502-vpub/")


def test_escape_closes_and_focus_stays_in_the_box(page):
    ask(page, "doi thoai")
    page.press("#vb-search-input", "Escape")
    assert page.locator(".vb-search__results").is_hidden()
    assert page.evaluate("document.activeElement.id") == "vb-search-input"


def test_a_filter_keeps_the_focus_and_the_results_are_announced(page):
    ask(page, "doi thoai")
    assert page.locator(".vb-search__results .vb-search__count").get_attribute("role") == "status"
    renders = page.get_attribute(".vb-search__results", "data-renders")
    page.focus(".vb-search__filter select >> nth=0")
    page.select_option(".vb-search__filter select >> nth=0", label="Kế hoạch")
    page.wait_for_function(
        "n => document.querySelector('.vb-search__results').dataset.renders !== n", arg=renders
    )
    assert page.evaluate("document.activeElement.name") == "loai"
    results = page.locator(".vb-search__list .vb-search__item").all_inner_texts()
    assert results and all(r.startswith("Kế hoạch") for r in results)
    assert "loai=" in page.get_attribute(".vb-search__more", "href")


def test_search_works_on_the_404_page_under_a_sub_path(browser, served, errors):
    page = browser.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(served + "khong-co/trang-nay/")
    assert response is not None and response.status == 404
    results = ask(page, "340/TB-VPUB")
    assert served + "assets/search.js" in fetched
    assert results[0].startswith("Thông báo 340/TB-VPUB")
    page.locator(".vb-search__list a").first.click()
    page.wait_for_url(served + "van-ban/2025/tb-340-vpub/")
    assert "Số: 340/TB-VPUB" in page.locator(".vb-head").inner_text()
    page.goto(served + "mot/trang/khong-co/")
    ask(page, "doi thoai")
    page.press("#vb-search-input", "Enter")
    page.wait_for_url(served + "tim-kiem/?q=doi+thoai")
    page.close()
    assert not errors


# Bad input: a calm answer, never an error.

BAD = [
    "",
    "   ",
    "?!.,;:-/",
    "x" * 500,
    "thu hoi dat " * 45,
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "' OR 1=1; DROP TABLE documents; --",
    "中华人民共和国",
    "😀🎉",
    "\u0301\u0300",
    "%00%ff",
]


@pytest.mark.parametrize("query", BAD)
def test_bad_input_is_answered_calmly(page, served, errors, query):
    page.fill("#vb-search-input", query)
    if query.strip():
        page.wait_for_function(
            "q => document.querySelector('.vb-search__results').dataset.query === q", arg=query
        )
        text = status(page)
        assert text.startswith(("Không tìm thấy", "Kết quả")) or "văn bản phù hợp" in text
    page.goto(served + "tim-kiem/?q=" + query.replace("%", "%25").replace("#", "%23"))
    page.wait_for_selector("[data-vb-search-page][data-query]")
    assert page.locator(".vb-results__count").inner_text()
    assert not errors


def test_first_query_transfers_little(browser, served):
    page = browser.new_page()
    page.goto(served)
    sizes: list[int] = []
    page.on("response", lambda response: sizes.append(len(response.body())))
    results = ask(page, "doi thoai")
    assert results
    assert sum(sizes) < 300 * 1024
    page.close()
