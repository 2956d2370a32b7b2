"""The Q&A section and the petition form in Chromium, as a citizen meets them."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from generator.cli import main
from tests.conftest import needs_chromium, serve_folder, with_repository_site

pytest.importorskip("playwright.sync_api")
needs_chromium()


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[str]:
    root = with_repository_site(tmp_path_factory.mktemp("qa-browser"), content=True)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        config.replace('email: ""', "email: kiennghi@example.gov.vn"), encoding="utf-8"
    )
    assert main(["--root", str(root), "build", "--as-of", "2025-09-01"]) == 0
    with serve_folder(root / "site") as url:
        yield url


def test_citizen_reads_an_answer_and_opens_the_answering_document(browser, served):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served + "hoi-dap/")
    assert page.locator("h1").first.inner_text() == "Hỏi đáp – Kiến nghị"
    page.get_by_role("link", name=re.compile("Cách gửi kiến nghị")).click()
    page.wait_for_url("**/hoi-dap/2025/dang-ky-kien-nghi-doi-thoai-2025-lan-2/")
    text = page.locator("article").inner_text()
    assert "Nội dung kiến nghị, phản ánh" in text and "Trả lời" in text
    assert "22/8/2025" in text and "26/8/2025" in text
    page.get_by_role("link", name="Thông báo 340/TB-VPUB").click()
    page.wait_for_url("**/van-ban/2025/tb-340-vpub/")
    assert errors == []
    page.close()


def test_the_form_composes_a_mail_and_sends_nothing(browser, served):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served + "gui-kien-nghi/")
    assert "Đang nhận kiến nghị" in page.locator("article").inner_text()
    page.select_option("#vb-pf-area", "Đất đai")
    page.fill("#vb-pf-place", "Xã Mường Bú")
    page.fill("#vb-pf-body", "Đề nghị hướng dẫn thủ tục.")
    before = len(requests)
    page.locator("#vb-petition-form button").click()
    page.wait_for_function("document.getElementById('vb-petition-form').dataset.mailto")
    mailto = page.eval_on_selector("#vb-petition-form", "f => f.dataset.mailto")
    assert mailto.startswith("mailto:kiennghi@example.gov.vn?subject=")
    assert "%5B%C4%90%E1%BA%A5t%20%C4%91ai%5D" in mailto  # "[Đất đai]" in the subject
    assert "M%C6%B0%E1%BB%9Dng%20B%C3%BA" in mailto  # the place, in the body
    assert all(not url.startswith("http") for url in requests[before:]), requests[before:]
    assert errors == []
    page.close()
