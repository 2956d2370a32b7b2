"""Lighthouse's mobile scores for the home page and a document page, several rounds, one table.

    python benchmarks/lighthouse.py                       # builds the repository's site, 3 rounds
    python benchmarks/lighthouse.py --site site --rounds 5 "" van-ban/2024/kh-62-vpub/
    python benchmarks/lighthouse.py --audits              # + what costs points, per page
    python benchmarks/lighthouse.py --site before=/tmp/old-site --site after=site   # compare

Lighthouse comes from npm (`npm ci` installs the version pinned in package-lock.json) and
drives Debian's Chromium (/usr/bin/chromium, `--headless=new --no-sandbox`) with its default
mobile settings: Moto G Power viewport, simulated slow 4G, 4× CPU slowdown. The site is served
gzipped from localhost by the static server of `page_weight.py`, as nginx or GitHub Pages would
send it (no cache headers: those are the web server's business, and Lighthouse's cache audit
does not count in the score).

The pages (of every site given, to compare two builds) are run interleaved (round 1: home,
document; round 2: document, home; ...) so that the machine's load hits them alike, and each
run records the load average and Lighthouse's own CPU benchmark index: the simulated timings
scale with the CPU time Chromium observed, so on a busy machine the performance score drops
while the page has not changed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from page_weight import serve_gzipped
from search_probe import CHROMIUM

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = ["", "van-ban/2024/kh-62-vpub/"]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {
    "first-contentful-paint": "FCP (ms)",
    "largest-contentful-paint": "LCP (ms)",
    "total-blocking-time": "TBT (ms)",
    "speed-index": "SI (ms)",
    "cumulative-layout-shift": "CLS",
}


def run_lighthouse(url: str, work: Path) -> dict[str, object]:
    """One Lighthouse run on `url`: the full JSON report."""
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `npm ci` in the repository root.")
    report = work / "report.json"
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            "--chrome-flags=--headless=new --no-sandbox",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        timeout=600,
    )
    return json.loads(report.read_text(encoding="utf-8"))


def summary(report: dict[str, object]) -> dict[str, float]:
    """Category scores (0-100), metrics and the CPU benchmark index of one report."""
    categories = report["categories"]  # type: ignore[index]
    audits = report["audits"]  # type: ignore[index]
    row = {name: round(categories[name]["score"] * 100) for name in CATEGORIES}
    for key in METRICS:
        row[key] = audits[key]["numericValue"]
    row["benchmark"] = report["environment"]["benchmarkIndex"]  # type: ignore[index]
    return row


def costs(report: dict[str, object]) -> list[str]:
    """Audits that did not pass in full, with what they would save: what costs points."""
    lines = []
    audits = report["audits"]  # type: ignore[index]
    for category in report["categories"].values():  # type: ignore[union-attr]
        for ref in category["auditRefs"]:
            audit = audits[ref["id"]]
            score = audit.get("score")
            if score is None or score >= 1 or audit.get("scoreDisplayMode") in ("manual",):
                continue
            saving = audit.get("details", {}).get("overallSavingsMs")
            extra = f", saves ~{saving:.0f} ms" if saving else ""
            shown = audit.get("displayValue", "")
            lines.append(
                f"    {category['id']}: {ref['id']} (score {score:.2f}, weight "
                f"{ref.get('weight', 0)}{extra}) {shown}"
            )
    return lines


def spread(values: list[float], digits: int = 0) -> str:
    ordered = sorted(values)
    low, mid, high = ordered[0], statistics.median(ordered), ordered[-1]
    if low == high:
        return f"{low:.{digits}f}"
    return f"{low:.{digits}f} / {mid:.{digits}f} / {high:.{digits}f}"


def measure(sites: dict[str, Path], pages: list[str], rounds: int, audits: bool) -> str:
    keys = [(label, page) for label in sites for page in pages]
    runs: dict[tuple[str, str], list[dict[str, float]]] = {key: [] for key in keys}
    loads: list[float] = []
    last: dict[tuple[str, str], dict[str, object]] = {}
    with ExitStack() as stack:
        urls = {label: stack.enter_context(serve_gzipped(site)) for label, site in sites.items()}
        work = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        for number in range(rounds):
            for label, page in keys if number % 2 == 0 else keys[::-1]:
                load = os.getloadavg()[0]
                report = run_lighthouse(urls[label] + page, work)
                row = summary(report)
                row["load"] = max(load, os.getloadavg()[0])
                loads.append(row["load"])
                runs[label, page].append(row)
                last[label, page] = report
                print(
                    f"round {number + 1} {label} /{page}: "
                    + ", ".join(f"{name} {row[name]}" for name in CATEGORIES)
                    + f"; load {row['load']:.1f}; benchmark index {row['benchmark']:.0f}",
                    file=sys.stderr,
                )
    header = ["page", *CATEGORIES, *METRICS.values(), "load avg", "CPU index"]
    lines = [
        f"Lighthouse mobile, {rounds} rounds per page, min / median / max "
        f"(a single figure when all runs agree); load average {min(loads):.1f}–{max(loads):.1f} "
        f"on {os.cpu_count()} cores",
        "",
        "| " + " | ".join(header) + " |",
        "| --- |" + " ---: |" * (len(header) - 1),
    ]
    for (label, page), rows in runs.items():
        cells = [f"{label} `/{page}`" if len(sites) > 1 else f"`/{page}`"]
        cells += [spread([row[name] for row in rows]) for name in CATEGORIES]
        for key in METRICS:
            digits = 3 if key == "cumulative-layout-shift" else 0
            cells.append(spread([row[key] for row in rows], digits))
        cells.append(spread([row["load"] for row in rows], 1))
        cells.append(spread([row["benchmark"] for row in rows]))
        lines.append("| " + " | ".join(cells) + " |")
    if audits:
        for (label, page), report in last.items():
            lines += ["", f"What costs points on {label} /{page} (last run):", *costs(report)]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", default=PAGES, help="pages, relative to the site")
    parser.add_argument(
        "--site",
        action="append",
        help="a built site, or LABEL=SITE (repeat to compare); default: build the repository's",
    )
    parser.add_argument("--as-of", default="2025-09-01", help="date of the build (default)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--audits", action="store_true", help="list the audits that lose points")
    args = parser.parse_args()
    if args.site:
        sites = {}
        for given in args.site:
            label, _, folder = given.rpartition("=")
            sites[label or folder] = Path(folder)
        print(measure(sites, args.pages, args.rounds, args.audits))
        return
    work = Path(tempfile.mkdtemp(prefix="portal-lighthouse-"))
    try:
        portal = Path(sys.executable).parent / "portal"
        command = [str(portal), "build", "--as-of", args.as_of, "--site-dir", str(work / "site")]
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        print(measure({"site": work / "site"}, args.pages, args.rounds, args.audits))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
