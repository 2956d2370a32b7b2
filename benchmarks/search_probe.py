"""What a reader's first search costs: bytes fetched and time from the last byte to results.

Serves a built site on localhost, opens it in headless Chromium (Debian's), types a query in
the search box with a cold cache, and records every response and when the results appear.
"""

from __future__ import annotations

import functools
import threading
import time
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


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def available() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return Path(CHROMIUM).exists()


def probe(site_dir: Path, queries: list[str]) -> dict[str, tuple[int, float]]:
    """For each query, on a fresh page: (bytes of search requests, ms from last byte to results)."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    results: dict[str, tuple[int, float]] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for query in queries:
                context = browser.new_context()  # a cold cache for every query
                page = context.new_page()
                page.goto(url)
                page.wait_for_load_state("networkidle")
                sizes: list[int] = []
                finished: list[float] = []

                def on_response(response, sizes=sizes, finished=finished) -> None:  # type: ignore[no-untyped-def]
                    sizes.append(len(response.body()))
                    finished.append(time.perf_counter())

                page.on("response", on_response)
                page.fill("#vb-search-input", query)
                page.wait_for_selector(".vb-search__count", state="visible")
                shown = time.perf_counter()
                results[query] = (sum(sizes), max(0.0, (shown - max(finished)) * 1000))
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return results
