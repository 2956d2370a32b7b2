"""Measure the pipeline against bare MkDocs on the same text, side by side, in one run.

    python benchmarks/run.py --docs 1000 [--rounds 3]

Generates the corpus (benchmarks/corpus.py) in a temporary folder, then times, round after
round so that machine noise hits every command alike: `portal check`, `portal build`, and a
bare `mkdocs build` (Material, nothing in the navigation) of the same bodies. Prints medians,
the ratio build/bare, the largest document page, the total site size and the search data a
first query fetches. Leaves the repository untouched.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import search_probe
from corpus import Corpus

from generator.bodytext import render_body
from generator.sanitize import sanitize

QUERIES = ["doi thoai", "thu hoi dat", "340/TB-VPUB"]

BIN = Path(sys.executable).parent


CPU: dict[str, list[float]] = {}  # CPU seconds (user + system, children included) by command


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(command: list[str], cwd: Path, ok: tuple[int, ...] = (0,), name: str = "") -> float:
    started, started_cpu = time.perf_counter(), _children_cpu()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    CPU.setdefault(name or " ".join(command), []).append(_children_cpu() - started_cpu)
    if result.returncode not in ok:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return elapsed


def _tree_size(folder: Path, suffix: str = "") -> tuple[int, int]:
    sizes = [p.stat().st_size for p in folder.rglob(f"*{suffix}") if p.is_file()]
    return sum(sizes), max(sizes, default=0)


def measure(docs: int, rounds: int, workdir: Path) -> dict[str, object]:
    corpus = Corpus(docs)
    corpus.generate()
    corpus.write(workdir)
    site_root, bare_root = workdir / "site", workdir / "bare"
    commands: dict[str, tuple[list[str], Path]] = {
        "portal check": ([str(BIN / "portal"), "check", "--format", "json"], site_root),
        "mkdocs build (bare)": ([str(BIN / "mkdocs"), "build", "--quiet"], bare_root),
    }
    if _has_build():
        commands["portal build"] = ([str(BIN / "portal"), "build"], site_root)
    times: dict[str, list[float]] = {name: [] for name in commands}
    # The sanitiser's share of the build: every document body rendered as MkDocs renders it,
    # then sanitised in this process, once per round between the commands (same noise).
    rendered = [render_body(document.body) for document in corpus.documents]
    CPU.clear()
    sanitise_wall: list[float] = []
    sanitise_cpu: list[float] = []
    edited = sorted((site_root / "content").rglob("*.md"))[0]
    times["portal check (cache, 1 file edited)"] = []
    for _ in range(rounds):
        for name, (command, cwd) in commands.items():
            if name == "portal check":
                # Cold, as in CI or an editor's first check; then again after editing one file.
                shutil.rmtree(site_root / ".portal-cache", ignore_errors=True)
                times[name].append(_timed(command, cwd, name=name))
                with edited.open("a", encoding="utf-8") as stream:
                    stream.write("\n")
                warm = "portal check (cache, 1 file edited)"
                times[warm].append(_timed(command, cwd, name=warm))
                continue
            times[name].append(_timed(command, cwd, name=name))
        wall, cpu = time.perf_counter(), time.process_time()
        for html in rendered:
            sanitize(html)
        sanitise_wall.append(time.perf_counter() - wall)
        sanitise_cpu.append(time.process_time() - cpu)
    result: dict[str, object] = {
        "docs": docs,
        "rounds": rounds,
        "medians": {name: statistics.median(values) for name, values in times.items()},
        "cpu": {name: statistics.median(CPU[name]) for name in times},
    }
    result["sanitize"] = {"wall": sanitise_wall, "cpu": sanitise_cpu}
    if "portal build" in times:
        built = site_root / "site"
        total, _ = _tree_size(built)
        _, largest_page = _tree_size(built / "van-ban", ".html")
        result["site_bytes"] = total
        result["largest_document_page"] = largest_page
        result["ratio"] = statistics.median(times["portal build"]) / statistics.median(
            times["mkdocs build (bare)"]
        )
        result["search_bytes"] = _tree_size(built / "search")[0]
        if search_probe.available():
            result["search"] = search_probe.probe(built, QUERIES)
    return result


def _has_build() -> bool:
    probe = subprocess.run([str(BIN / "portal"), "build", "--help"], capture_output=True)
    return probe.returncode == 0


def report(results: list[dict[str, object]]) -> str:
    lines = [
        f"Date: {date.today()}; machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "",
        "| docs | command | median (s) | CPU median (s) | per doc (ms) |",
        "| ---: | --- | ---: | ---: | ---: |",
    ]
    for result in results:
        docs = int(result["docs"])  # type: ignore[arg-type]
        for name, seconds in result["medians"].items():  # type: ignore[union-attr]
            cpu = result["cpu"][name]  # type: ignore[index]
            lines.append(
                f"| {docs} | {name} | {seconds:.2f} | {cpu:.2f} | {seconds / docs * 1000:.2f} |"
            )
    extra = [r for r in results if "ratio" in r]
    if extra:
        lines += [
            "",
            "| docs | build / bare | largest document page | whole site |",
            "| ---: | ---: | ---: | ---: |",
        ]
        for r in extra:
            page_kb = int(r["largest_document_page"]) / 1024  # type: ignore[call-overload]
            site_mb = int(r["site_bytes"]) / 1024 / 1024  # type: ignore[call-overload]
            ratio = f"{r['ratio']:.2f}×"
            lines.append(f"| {r['docs']} | {ratio} | {page_kb:.1f} KB | {site_mb:.1f} MB |")
    lines += [
        "",
        "| docs | sanitise all bodies: min / median / max (s) | CPU median (s) | share of build |",
        "| ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        wall = r["sanitize"]["wall"]  # type: ignore[index]
        cpu = statistics.median(r["sanitize"]["cpu"])  # type: ignore[index]
        build = r["medians"].get("portal build")  # type: ignore[union-attr]
        build_cpu = r["cpu"].get("portal build")  # type: ignore[union-attr]
        share = f"{cpu / build_cpu:.1%} of its CPU" if build_cpu else "—"
        if build:
            share += f", {statistics.median(wall) / build:.1%} of its wall time"
        spread = f"{min(wall):.3f} / {statistics.median(wall):.3f} / {max(wall):.3f}"
        lines.append(f"| {r['docs']} | {spread} | {cpu:.3f} | {share} |")
    probed = [r for r in results if "search" in r]
    if probed:
        lines += [
            "",
            "| docs | search index on disk | first query (cold cache) | bytes fetched "
            "| last byte → results |",
            "| ---: | ---: | --- | ---: | ---: |",
        ]
        for r in probed:
            index_mb = int(r["search_bytes"]) / 1024 / 1024  # type: ignore[call-overload]
            for query, (size, ms) in r["search"].items():  # type: ignore[union-attr]
                row = f"| {r['docs']} | {index_mb:.1f} MB | `{query}` | {size / 1024:.0f} KB"
                lines.append(f"{row} | {ms:.0f} ms |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[1000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    results = []
    for docs in args.docs:
        workdir = Path(tempfile.mkdtemp(prefix=f"portal-bench-{docs}-"))
        try:
            results.append(measure(docs, args.rounds, workdir))
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    print(report(results))


if __name__ == "__main__":
    main()
