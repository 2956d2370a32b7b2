"""End to end: the built site in real headless Chromium, as a reader on a phone or a desktop."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from generator.cli import main
from tests.conftest import needs_chromium, serve_folder, with_repository_site

needs_chromium()
pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("browser")
    with_repository_site(root, content=True)
    assert main(["--root", str(root), "build", "--drafts", "--as-of", "2025-09-01"]) == 0
    with serve_folder(root / "site") as url:
        yield url


@pytest.mark.parametrize("width", [390, 1366])
def test_reader_goes_from_home_to_a_plan_and_its_timeline(browser, served, width, tmp_path):
    page = browser.new_page(viewport={"width": width, "height": 900})
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served)
    assert page.locator("h1").first.inner_text().startswith("Cổng thông tin điện tử")
    dialogue = page.locator("article.vb-dialogue").first
    assert "Phòng họp 219" in dialogue.inner_text()
    assert "Đang nhận kiến nghị" in dialogue.inner_text()
    page.screenshot(path=str(tmp_path / f"home-{width}.png"), full_page=True)

    page.get_by_role("link", name="Kế hoạch 62/KH-VPUB").first.click()
    page.wait_for_url("**/van-ban/2024/kh-62-vpub/")
    title = page.locator("h1.vb-title").inner_text()
    assert "KẾ HOẠCH" in title and "năm 2025" in title
    timeline = page.locator("ol.vb-timeline li")
    assert timeline.count() == 2
    assert "340/TB-VPUB" in timeline.first.inner_text()
    page.screenshot(path=str(tmp_path / f"plan-{width}.png"), full_page=True)
    assert (tmp_path / f"plan-{width}.png").stat().st_size > 10_000

    # Nothing is fetched from elsewhere: no fonts, no analytics, nothing a closed network blocks.
    assert all(url.startswith(served) for url in requests), requests
    assert errors == []
    page.close()


def test_citation_in_the_text_leads_to_the_cited_document(browser, served):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(served + "van-ban/du-thao/thong-bao-ket-luan-doi-thoai-cong-chuc/")
    assert "BẢN NHÁP" in page.locator("body").inner_text()
    page.get_by_role("link", name="Kế hoạch số 74/KH-VPUB ngày 15/12/2025").click()
    page.wait_for_url("**/van-ban/2025/kh-74-vpub/")
    assert "Số: 74/KH-VPUB" in page.locator(".vb-head").inner_text()
    page.close()


def test_printed_page_hides_the_portal_chrome(browser, served):
    page = browser.new_page()
    page.goto(served + "van-ban/du-thao/thong-bao-ket-luan-doi-thoai-cong-chuc/")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".vb-panel").first.is_visible()
    assert page.locator(".vb-head").is_visible() and page.locator(".vb-sign").is_visible()
    family = page.locator(".vb-body").evaluate("e => getComputedStyle(e).fontFamily")
    assert "Times New Roman" in family
    page.close()
