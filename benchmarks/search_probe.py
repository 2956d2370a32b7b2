"""What a reader's first search costs: bytes fetched and time from the last byte to results.

Serves a built site on localhost, opens it in headless Chromium (Debian's), types a query in
the search box with a cold cache, and records every response and when the results appear.
"""

from __future__ import annotations

import functools
import threading
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
def serve_folder(directory: Path, handler_class: type = QuietHandler) -> Iterator[str]:
    """Serve a built site on a free localhost port for as long as the block runs."""
    handler = functools.partial(handler_class, directory=str(directory))
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


# Notes, in the page's own clock, when the search panel shows the answer to a query
# (search.js sets data-query), so Playwright's polling adds nothing to the figure.
_WATCH = """() => {
  const panel = document.querySelector('.vb-search__results');
  new MutationObserver(() => { window.__shown = performance.now(); })
    .observe(panel, { attributes: true, attributeFilter: ['data-query'] });
}"""
_LAST_BYTE = """() => Math.max(0, ...performance.getEntriesByType('resource')
  .filter(e => e.name.includes('/search/') || e.name.endsWith('/search.js'))
  .map(e => e.responseEnd))"""


def probe_once(browser, url: str, query: str) -> tuple[int, float, float]:  # type: ignore[no-untyped-def]
    """One query typed with a cold cache: (bytes fetched, ms from the last byte to the results,
    ms of main-thread work in the page from typing to the results)."""
    context = browser.new_context()  # a cold cache for every query
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    sizes: list[int] = []
    page.on("response", lambda response: sizes.append(len(response.body())))
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")

    def busy() -> float:
        metrics = cdp.send("Performance.getMetrics")["metrics"]
        return next(m["value"] for m in metrics if m["name"] == "TaskDuration")

    page.evaluate(_WATCH)
    before = busy()
    page.fill("#vb-search-input", query)
    page.wait_for_function(
        "q => document.querySelector('.vb-search__results').dataset.query === q", arg=query
    )
    cpu = (busy() - before) * 1000
    shown = page.evaluate("window.__shown")
    last_byte = page.evaluate(_LAST_BYTE)
    context.close()
    return sum(sizes), max(0.0, shown - last_byte), cpu


def probe_rounds(
    site_dir: Path, queries: list[str], rounds: int = 1
) -> dict[str, list[tuple[int, float, float]]]:
    """For each query, ``rounds`` cold-cache measurements, interleaved: round after round, every
    query, so that the machine's noise hits all of them alike."""
    from playwright.sync_api import sync_playwright

    results: dict[str, list[tuple[int, float, float]]] = {query: [] for query in queries}
    with serve_folder(site_dir) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(rounds):
            for query in queries:
                results[query].append(probe_once(browser, url, query))
        browser.close()
    return results


def probe(site_dir: Path, queries: list[str]) -> dict[str, tuple[int, float]]:
    """For each query, on a fresh page: (bytes of search requests, ms from last byte to results)."""
    return {q: runs[0][:2] for q, runs in probe_rounds(site_dir, queries).items()}


# The budget is for a first query of up to four words (syllables); longer ones are reported too.
QUERIES = [
    "doi thoai",
    "thu hoi dat",
    "340/TB-VPUB",
    "14/TB-VPUB",
    "429",
    "ket luan hoi nghi",
    "cai cach hanh chinh",
    "phòng chống thiên tai",
    "tiep nhan phan anh kien nghi",
]


def main() -> None:
    import argparse
    import statistics

    parser = argparse.ArgumentParser(description="Cold-cache first queries on a built site.")
    parser.add_argument("site", type=Path, help="the built site folder")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("queries", nargs="*", default=QUERIES)
    args = parser.parse_args()
    print(
        "| query | bytes fetched | last byte → results, ms (min / median / max) "
        "| main-thread work, ms (min / median / max) |"
    )
    print("| --- | ---: | ---: | ---: |")
    for query, runs in probe_rounds(args.site, args.queries, args.rounds).items():
        size = max(r[0] for r in runs)
        wall = sorted(r[1] for r in runs)
        cpu = sorted(r[2] for r in runs)
        print(
            f"| `{query}` | {size / 1024:.0f} KB "
            f"| {wall[0]:.0f} / {statistics.median(wall):.0f} / {wall[-1]:.0f} "
            f"| {cpu[0]:.0f} / {statistics.median(cpu):.0f} / {cpu[-1]:.0f} |"
        )


if __name__ == "__main__":
    main()
