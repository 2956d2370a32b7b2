"""Pages every citizen can use, checked in real Chromium at a desktop's and a phone's width:
axe-core finds no WCAG 2.1 A/AA or best-practice violation on any kind of page, the keyboard
reaches every control with a visible focus, the phone menu opens and closes by keyboard, and
a reader who lands on a missing address gets a Vietnamese page with a way onward.

axe-core comes from npm (`package.json`; `.ci/run` installs it): outside CI the axe test is
skipped when `node_modules/axe-core` is missing, and every browser test when chromium is.
"""

from __future__ import annotations

import mimetypes
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.cli import main
from tests.conftest import REPO, needs_chromium, serve_folder, with_repository_site

needs_chromium()
pytest.importorskip("playwright.sync_api")

AXE = REPO / "node_modules/axe-core/axe.min.js"
WIDTHS = [1280, 390]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

# One page of each kind the portal renders (the preview, so that drafts give the types the
# public build does not have yet): home, every listing kind, a document of each type in the
# content, a record of a cited document without text, a plain page, the 404 page.
PAGES = [
    "",
    "van-ban/",
    "van-ban/ke-hoach/",
    "van-ban/thong-bao/",
    "van-ban/nam-2025/",
    "chu-de/doi-thoai-truc-tiep/",
    "van-ban/2024/kh-62-vpub/",  # plan, with its timeline
    "van-ban/2025/tb-340-vpub/",  # notice, with the dialogue panel
    "van-ban/du-thao/thong-bao-ket-luan-doi-thoai-cong-chuc/",  # conclusion, draft, full text
    "van-ban/du-thao/bao-cao-doi-thoai-nhan-dan-2025-lan-2/",  # report, draft, full text
    "van-ban/2022/qd-429-tu/",  # a Party regulation: a record without text
    "van-ban/2022/nd-42-2022-cp/",  # a decree
    "van-ban/2022/hd-09-bdvtu/",  # guidance
    "van-ban/2019/qd-834-ubnd/",  # a decision
    "gioi-thieu/",  # a plain page
    "404.html",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("a11y")
    with_repository_site(root, content=True)
    assert main(["--root", str(root), "build", "--drafts", "--as-of", "2025-09-01"]) == 0
    return root / "site"


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    with serve_folder(site) as url:
        yield url


def axe_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    # Evaluated through the DevTools protocol, which the pages' CSP (no inline script) allows.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return result.violations.map(v => v.id + ": " + v.nodes.map(
                n => n.target.join(" ") + " (" + (n.failureSummary || "").split("\\n")[1] + ")"
            ).join("; "));
        }""",
        AXE_TAGS,
    )
    return list(found)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_axe_violation_on_any_kind_of_page(browser, served, width):
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("axe-core is missing: `npm ci` installs it (see package.json)")
        pytest.skip("axe-core is not installed (npm ci)")
    page = browser.new_page(viewport={"width": width, "height": 900})
    failures = {}
    for path in PAGES:
        page.goto(served + path)
        violations = axe_violations(page)
        if violations:
            failures[path] = violations
    # The search results are part of the page a reader uses: open them and check again.
    page.goto(served)
    page.fill("#vb-search-input", "doi thoai")
    page.wait_for_selector(".vb-search__count", state="visible")
    violations = axe_violations(page)
    if violations:
        failures["(search results)"] = violations
    page.close()
    assert failures == {}


# -- the keyboard ----------------------------------------------------------------------------

_FOCUS = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const box = e.getBoundingClientRect();
    const style = getComputedStyle(e);
    return {
        tag: e.tagName.toLowerCase(),
        text: (e.getAttribute("aria-label") || e.textContent || e.value || "").trim().slice(0, 60),
        id: e.id,
        inDrawer: !!e.closest(".md-sidebar--primary"),
        inContent: !!e.closest(".md-content"),
        visible: box.width > 0 && box.height > 0 && style.visibility !== "hidden"
            && box.bottom > 0 && box.right > 0 && box.left < innerWidth && box.top < innerHeight,
        outlined: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    };
}"""


def walk(page, limit: int = 200) -> list[dict]:  # type: ignore[no-untyped-def]
    """Press Tab from the top of the page until focus comes round to the first stop again;
    where focus is after each press."""
    page.keyboard.press("Tab")
    stops = [page.evaluate(_FOCUS)]
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(_FOCUS)
        if stop is None or stop == stops[0]:
            break
        stops.append(stop)
    return stops


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["", "van-ban/2024/kh-62-vpub/", "van-ban/thong-bao/"])
def test_tab_reaches_every_control_visibly_in_order(browser, served, width, path):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(served + path)
    stops = walk(page)
    assert stops[0]["text"] == "Chuyển đến nội dung chính"  # first: the skip link
    for stop in stops:
        assert stop["visible"], stop  # never focus on something off screen or hidden
        assert stop["outlined"], stop  # and always a visible focus ring
        assert not stop["inDrawer"] or width > 1220, stop  # the closed phone menu: never
    names = [s["text"] for s in stops]
    if width == 390:
        assert names[1] == "Mở danh mục"  # the menu button, right after the skip link
    assert any(s["id"] == "vb-search-input" for s in stops)
    # Header, then the page's own content, then the footer: focus goes down the page in order.
    content = [i for i, s in enumerate(stops) if s["inContent"]]
    assert content and content == list(range(content[0], content[-1] + 1))
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_skip_link_lands_on_the_documents_own_heading(browser, served, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    for path, heading in (
        ("van-ban/2025/tb-340-vpub/", "ỦY BAN NHÂN DÂN TỈNH SƠN LA"),  # the official header
        ("van-ban/thong-bao/", "Thông báo"),
        ("", "Cổng thông tin điện tử"),
        ("gioi-thieu/", "Giới thiệu"),
        ("404.html", "Không tìm thấy trang"),
    ):
        page.goto(served + path)
        page.keyboard.press("Tab")
        skip = page.locator(".vb-skip")
        assert skip.evaluate("e => e === document.activeElement")
        assert skip.is_visible()
        page.keyboard.press("Enter")
        target = page.evaluate("() => document.activeElement.id")
        assert target == "noi-dung", path
        assert page.locator("#noi-dung").inner_text().strip().startswith(heading), path
        # The next Tab continues inside the content, not back in the header.
        page.keyboard.press("Tab")
        assert page.evaluate(_FOCUS)["inContent"], path
    page.close()


def test_phone_menu_opens_and_closes_by_keyboard(browser, served):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(served + "van-ban/2025/tb-340-vpub/")
    drawer_links = page.locator(".md-sidebar--primary a[href]")
    assert drawer_links.count() > 3
    button = page.get_by_role("button", name="Mở danh mục")
    assert button.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert button.evaluate("e => e === document.activeElement")

    for key in ("Enter", " "):
        page.keyboard.press(key)
        assert button.get_attribute("aria-expanded") == "true"
        page.wait_for_function(
            "() => document.activeElement && document.activeElement.closest('.md-sidebar--primary')"
        )
        page.wait_for_timeout(300)  # the drawer's slide-in
        first = page.evaluate(_FOCUS)
        assert first["inDrawer"] and first["visible"] and first["outlined"]
        page.keyboard.press("Tab")
        assert page.evaluate(_FOCUS)["inDrawer"]
        page.keyboard.press("Escape")
        assert button.get_attribute("aria-expanded") == "false"
        assert button.evaluate("e => e === document.activeElement")
        page.wait_for_timeout(300)  # the drawer's slide-out, after which it is hidden
        assert not drawer_links.first.is_visible()

    # Closed, the menu is out of the tab order: focus goes from the button to the search box.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "vb-search-input"
    # Tabbing out of an open menu closes it rather than leaving focus behind the overlay.
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.closest('.md-sidebar--primary')")
    for _ in range(drawer_links.count() + 2):
        page.keyboard.press("Tab")
    assert button.get_attribute("aria-expanded") == "false"
    assert not page.evaluate(_FOCUS)["inDrawer"]
    page.close()


def test_phone_header_shows_the_site_name_and_text_is_left_aligned(browser, served):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(served + "van-ban/du-thao/thong-bao-ket-luan-doi-thoai-cong-chuc/")
    name = page.locator(".md-header__topic").first
    assert name.is_visible() and "Văn phòng UBND tỉnh Sơn La" in name.inner_text()
    box = name.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 390  # whole, not cut off
    assert page.locator(".vb-body").evaluate("e => getComputedStyle(e).textAlign") == "left"
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.locator(".vb-body").evaluate("e => getComputedStyle(e).textAlign") == "justify"
    page.close()


def test_print_button_prints(browser, served):
    page = browser.new_page()
    page.goto(served + "van-ban/2025/tb-340-vpub/")
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed++; }; }")
    page.get_by_role("button", name="In văn bản").click()
    assert page.evaluate("() => window.printed") == 1
    page.emulate_media(media="print")
    assert not page.locator(".vb-actions").is_visible()
    assert not page.locator(".vb-crumbs").is_visible()
    page.close()


# -- a missing address -----------------------------------------------------------------------


def test_missing_page_in_vietnamese_from_any_depth_under_a_sub_path(browser, tmp_path):
    # The office may publish under a sub-path; the 404 page is then served for any missing
    # address, at any depth, and its styles and links must still resolve.
    root = with_repository_site(tmp_path / "root", content=True)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "site_url: https://vpubnd.sonla.gov.vn/", "site_url: https://cong.example.vn/vpub/"
        ),
        encoding="utf-8",
    )
    assert main(["--root", str(root), "build", "--as-of", "2025-09-01"]) == 0
    site = root / "site"
    base = "https://cong.example.vn/vpub/"

    def respond(route) -> None:  # type: ignore[no-untyped-def]
        path = urlsplit(route.request.url).path.removeprefix("/vpub/")
        target = site / path
        if target.is_dir():
            target = target / "index.html"
        if path.startswith("/") or not target.is_file():
            route.fulfill(status=404, path=str(site / "404.html"), content_type="text/html")
            return
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        route.fulfill(status=200, path=str(target), content_type=kind)

    for width in WIDTHS:
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.route("https://cong.example.vn/**", respond)
        failed: list[str] = []
        page.on("requestfailed", lambda request, failed=failed: failed.append(request.url))
        response = page.goto(base + "van-ban/2031/khong-co/trang/nay/")
        assert response is not None and response.status == 404
        assert page.locator("h1").inner_text() == "Không tìm thấy trang"
        assert "Xin lỗi" in page.locator(".vb-not-found").inner_text()
        assert page.locator("#vb-search-input").is_visible()
        # Styled: the portal's red header, not an unstyled page.
        header = page.locator(".md-header").evaluate("e => getComputedStyle(e).backgroundColor")
        assert header == "rgb(158, 28, 28)"
        listings = page.locator(".vb-not-found a")
        names = listings.all_inner_texts()
        assert names[:2] == ["Trang chủ", "Văn bản"] and "Kế hoạch" in names
        page.locator(".vb-not-found").get_by_role("link", name="Kế hoạch").click()
        page.wait_for_url(base + "van-ban/ke-hoach/")
        assert page.locator("h1").inner_text() == "Kế hoạch"
        assert failed == []
        page.close()


def test_the_page_kinds_cover_what_is_built(site):
    # Every page listed above exists, so the axe test cannot pass by visiting nothing.
    for path in PAGES:
        target = site / path
        assert (target / "index.html" if not path.endswith(".html") else target).is_file(), path
