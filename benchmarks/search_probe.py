"""What a reader's first search costs: bytes fetched and time from the last byte to results.

Serves a built site on localhost, opens it in headless Chromium (Debian's), types a query in
the search box with a cold cache, and records every response and when the results appear.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files quietly; a missing page gets the nearest 404.html above it, as GitHub Pages
    and GitLab Pages do, so the 404 page can be tried under a sub-path."""

    def log_message(self, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self._not_found_page() if code == 404 else None
        if page is None:
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _not_found_page(self) -> Path | None:
        root = Path(self.directory).resolve()
        folder = Path(self.translate_path(self.path)).resolve()
        while folder == root or root in folder.parents:
            if (folder / "404.html").is_file():
                return folder / "404.html"
            folder = folder.parent
        return None


@contextmanager
def serve_folder(directory: Path) -> Iterator[str]:
    """Serve a built site on a free localhost port for as long as the block runs."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def available() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return Path(CHROMIUM).exists()


def probe(site_dir: Path, queries: list[str]) -> dict[str, tuple[int, float]]:
    """For each query, on a fresh page: (bytes of search requests, ms from last byte to results)."""
    from playwright.sync_api import sync_playwright

    results: dict[str, tuple[int, float]] = {}
    with serve_folder(site_dir) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for query in queries:
            context = browser.new_context()  # a cold cache for every query
            page = context.new_page()
            page.goto(url)
            page.wait_for_load_state("networkidle")
            sizes: list[int] = []
            finished: list[float] = []

            # Defaults bind this round's lists: the handler outlives the loop variable.
            def on_response(response, sizes=sizes, finished=finished):  # type: ignore[no-untyped-def]
                sizes.append(len(response.body()))
                finished.append(time.perf_counter())

            page.on("response", on_response)
            page.fill("#vb-search-input", query)
            page.wait_for_selector(".vb-search__count", state="visible")
            shown = time.perf_counter()
            results[query] = (sum(sizes), max(0.0, (shown - max(finished)) * 1000))
            context.close()
        browser.close()
    return results
