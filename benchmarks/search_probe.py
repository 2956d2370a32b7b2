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
    def log_message(self, *args: object) -> None:
        pass


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
