"""The pages' own JavaScript in Chromium: what Material's bundle did, without the bundle.

The portal does not load Material's 35 KB JavaScript bundle (overrides/main.html); portal.js
does the few things of it the pages use. These tests scroll, open the phone menu and follow the
"back to top" button as a reader does, at a phone's and a desktop's width.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import needs_chromium, serve_folder, with_repository_site

needs_chromium()
pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect  # noqa: E402

LONG_PAGE = "van-ban/2022/qd-429-tu/"  # long enough to scroll on both widths


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("scripts")
    with_repository_site(root, content=True)
    assert main(["--root", str(root), "build", "--as-of", "2025-09-01"]) == 0
    return root / "site"


@pytest.fixture(scope="module")
def served(built: Path) -> Iterator[str]:
    with serve_folder(built) as url:
        yield url


def test_every_script_of_every_page_is_the_sites_own_and_deferred(built):
    # Nothing may hold up the first paint of a slow phone: no parser-blocking script, and not
    # Material's bundle (nor its configuration block, which only the bundle reads).
    for page in built.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", html):
            if 'type="application/ld+json"' in tag:
                continue
            assert " defer" in tag, (page, tag)
            assert "assets/javascripts/" not in tag, (page, tag)
        assert 'id="__config"' not in html, page


def _scroll(page, y: int) -> None:
    page.evaluate(f"window.scrollTo(0, {y})")
    # portal.js reacts on the next animation frame.
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


@pytest.mark.parametrize("width", [390, 1366])
def test_header_title_and_back_to_top_follow_the_scroll(browser, served, width):
    page = browser.new_page(viewport={"width": width, "height": 500})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served + LONG_PAGE)
    title = page.locator("[data-md-component=header-title]")
    top = page.locator(".md-top")
    assert "md-header__title--active" not in (title.get_attribute("class") or "")
    # Hidden, the button is transparent but still laid out: it must not take keyboard focus.
    assert top.get_attribute("hidden") is not None and top.get_attribute("tabindex") == "-1"

    bottom = page.evaluate("document.documentElement.scrollHeight - window.innerHeight")
    assert bottom > 400
    _scroll(page, bottom)  # down, past the heading: the header names the page
    assert "md-header__title--active" in title.get_attribute("class")
    assert top.get_attribute("hidden") is not None
    _scroll(page, bottom - 200)  # up again, still far from the top: "back to top" appears
    assert top.get_attribute("hidden") is None and top.get_attribute("tabindex") is None
    assert top.is_visible()

    top.click()
    page.wait_for_function("() => window.scrollY === 0")
    _scroll(page, 0)
    assert top.get_attribute("hidden") is not None
    assert "md-header__title--active" not in title.get_attribute("class")
    assert errors == []
    page.close()


def test_a_section_link_in_the_phone_menu_closes_the_menu(browser, served):
    # As with Material's bundle: the menu holds the page's table of contents on a phone, and
    # following one of its entries shows that section, not the menu over it.
    page = browser.new_page(viewport={"width": 390, "height": 700})
    page.goto(served + "gioi-thieu/")
    menu = page.locator("[data-vb-menu]")
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    page.locator(".md-sidebar--primary label[for=__toc]").first.click()
    page.locator(".md-sidebar--primary a[href='#kien-nghi-phan-anh']").click()
    page.wait_for_url("**#kien-nghi-phan-anh")
    assert menu.get_attribute("aria-expanded") == "false"
    expect(page.locator(".md-sidebar--primary a[href]").first).to_be_hidden()  # after sliding
    # The current section is marked in the table of contents as the reader scrolls.
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    active = page.locator(
        ".md-sidebar--secondary .md-nav__link--active, "
        ".md-sidebar--primary .md-nav--secondary .md-nav__link--active"
    )
    assert active.count() >= 1 and "#kien-nghi-phan-anh" in active.first.get_attribute("href")
    page.close()
