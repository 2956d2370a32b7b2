"""What a reader's first visit to a page transfers, compressed as a web server sends it.

    python benchmarks/page_weight.py SITE_DIR [PAGE ...]          # gzip sizes of a first visit

The first visit is measured in headless Chromium (Debian's): every response the page asks for
(HTML, CSS, JavaScript, fonts, images) with a cold cache, each gzipped at level 6 as nginx and
GitHub Pages do, and summed. Lighthouse's scores: `benchmarks/lighthouse.py`, which serves the
site with this module's gzip server.
"""

from __future__ import annotations

import argparse
import gzip
import io
from contextlib import AbstractContextManager
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

from search_probe import ARGS, CHROMIUM, serve_folder

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


def first_visit(site_dir: Path, pages: list[str]) -> dict[str, list[tuple[str, int, int]]]:
    """For each page: (resource, bytes, gzipped bytes) of everything a cold visit fetches."""
    from playwright.sync_api import sync_playwright

    visits: dict[str, list[tuple[str, int, int]]] = {}
    with serve_folder(site_dir) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for page_path in pages:
            context = browser.new_context(viewport={"width": 390, "height": 844})
            page = context.new_page()
            fetched: list[tuple[str, int, int]] = []

            def on_response(response, fetched=fetched):  # type: ignore[no-untyped-def]
                body = response.body()
                name = response.url.removeprefix(url)
                packed = len(gzip.compress(body, 6))
                compress = name.endswith(COMPRESSIBLE) or name.endswith("/") or not name
                fetched.append((name or "/", len(body), packed if compress else len(body)))

            page.on("response", on_response)
            page.goto(url + page_path)
            page.wait_for_load_state("networkidle")
            visits[page_path or "/"] = fetched
            context.close()
        browser.close()
    return visits


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves files gzipped when the client accepts it, as a production web server would, and
    keeps the connection open between requests as they all do (HTTP/1.1 keep-alive; Python's
    default, HTTP/1.0, opens a new connection for every file, which Lighthouse's simulated
    slow 4G charges a round trip each). No cache headers: the first visit is what is measured,
    and how long a browser may keep the files is the production server's configuration."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or not accepts or path.suffix not in COMPRESSIBLE:
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve_gzipped(directory: Path) -> AbstractContextManager[str]:
    return serve_folder(directory, GzipHandler)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("pages", nargs="*", default=[""])
    args = parser.parse_args()
    for page_path, fetched in first_visit(args.site, args.pages).items():
        total = sum(raw for _, raw, _ in fetched)
        packed = sum(z for _, _, z in fetched)
        size = f"{total / 1024:.1f} KB, gzip {packed / 1024:.1f} KB"
        print(f"{page_path}: {len(fetched)} requests, {size}")
        for name, raw, z in sorted(fetched, key=lambda f: -f[2]):
            print(f"    {z / 1024:6.1f} KB gz  {raw / 1024:6.1f} KB  {name}")


if __name__ == "__main__":
    main()
