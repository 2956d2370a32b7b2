"""What a reader's first visit to a page transfers, compressed as a web server sends it, and
Lighthouse's mobile scores for it.

    python benchmarks/page_weight.py SITE_DIR [PAGE ...]          # gzip sizes of a first visit
    python benchmarks/page_weight.py SITE_DIR PAGE --lighthouse   # + Lighthouse (npm) scores

The first visit is measured in headless Chromium (Debian's): every response the page asks for
(HTML, CSS, JavaScript, fonts, images) with a cold cache, each gzipped at level 6 as nginx and
GitHub Pages do, and summed. For Lighthouse the site is served with gzip on a local port and
`npx lighthouse` (the `lighthouse` npm package) drives /usr/bin/chromium with its default mobile
emulation (Moto G Power, slow 4G, 4× CPU slowdown).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import subprocess
import tempfile
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
    """Serves files gzipped when the client accepts it, as a production web server would."""

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


def lighthouse(site_dir: Path, page_path: str) -> dict[str, float]:
    """Lighthouse's mobile category scores (0-100) for one page, served gzipped."""
    with serve_gzipped(site_dir) as url, tempfile.TemporaryDirectory() as work:
        report = Path(work) / "report.json"
        subprocess.run(
            [
                "npx",
                "--yes",
                "lighthouse",
                url + page_path,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            ],
            check=True,
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            timeout=600,
        )
        result = json.loads(report.read_text(encoding="utf-8"))
    scores = {k: round(v["score"] * 100) for k, v in result["categories"].items()}
    audits = result["audits"]
    for key in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time"):
        scores[key] = audits[key]["numericValue"]
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("pages", nargs="*", default=[""])
    parser.add_argument("--lighthouse", action="store_true")
    parser.add_argument("--rounds", type=int, default=1, help="Lighthouse runs per page")
    args = parser.parse_args()
    for page_path, fetched in first_visit(args.site, args.pages).items():
        total = sum(raw for _, raw, _ in fetched)
        packed = sum(z for _, _, z in fetched)
        size = f"{total / 1024:.1f} KB, gzip {packed / 1024:.1f} KB"
        print(f"{page_path}: {len(fetched)} requests, {size}")
        for name, raw, z in sorted(fetched, key=lambda f: -f[2]):
            print(f"    {z / 1024:6.1f} KB gz  {raw / 1024:6.1f} KB  {name}")
    if args.lighthouse:
        for page_path in args.pages:
            runs = [lighthouse(args.site, page_path) for _ in range(args.rounds)]
            for key in runs[0]:
                values = sorted(run[key] for run in runs)
                print(
                    f"lighthouse {page_path or '/'} {key}: min {values[0]:.0f} "
                    f"median {values[len(values) // 2]:.0f} max {values[-1]:.0f}"
                )


if __name__ == "__main__":
    main()
