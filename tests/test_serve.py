"""`portal serve`: the live preview shows drafts and each document's problems on its page."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ARGS, CHROMIUM, needs_chromium, with_repository_site

needs_chromium()
playwright = pytest.importorskip("playwright.sync_api")

BROKEN = (
    "---\ntype: plan\nnumber: 5/KH-VPUB\nissued: 2026-01-05\ntitle: Kế hoạch thử\n"
    "status: published\n---\nNội dung.\n"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(url)


@pytest.fixture
def preview(make_site) -> Iterator[tuple[str, Path]]:
    root = with_repository_site(make_site({"ke-hoach.md": BROKEN}))
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "--root", str(root), "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        _wait(url)
        yield url, root
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_errors_show_on_the_page_and_go_when_fixed(preview):
    url, root = preview
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        page.goto(url + "van-ban/2026/kh-5-vpub/")
        box = page.locator(".vb-problems")
        assert "N002" in box.inner_text() and "05/KH-VPUB" in box.inner_text()
        page.goto(url)
        assert "ke-hoach.md" in page.locator(".vb-problems").inner_text()
        # The draft among the context documents is shown, marked.
        page.goto(url + "van-ban/thong-bao/")
        assert "BẢN NHÁP" in page.locator("article, .md-content").first.inner_text()

        (root / "content/ke-hoach.md").write_text(
            BROKEN.replace("5/KH-VPUB", "05/KH-VPUB"), encoding="utf-8"
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            page.goto(url + "van-ban/2026/kh-05-vpub/")
            if page.locator("h1.vb-title").count() and not page.locator(".vb-problems").count():
                break
            time.sleep(0.5)
        assert page.locator(".vb-problems").count() == 0
        assert "Số: 05/KH-VPUB" in page.locator(".vb-head").inner_text()
        browser.close()
