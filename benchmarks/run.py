"""Measure the pipeline against bare MkDocs (and Hugo) on the same text, side by side, in one run.

    python benchmarks/run.py --docs 1000 [--rounds 3] [--no-hugo] [--no-search-probe] [--no-check]

Generates the corpus (benchmarks/corpus.py) in a temporary folder, then runs, round after
round, every candidate once: `portal check` (cold, then after editing one file), `portal build`,
a bare `mkdocs build` of the same bodies (Material, nothing in the navigation, Material's own
search plugin indexing the same pages: an index of the same scope as the portal's) and, when
Debian's `hugo` is installed, Hugo with trivial layouts on the same bodies (the speed anchor).

The candidates are interleaved within each round and the order is reversed every other round,
so that a burst of load on the shared machine hits them alike. For each run: wall time, CPU
time (user + system of the command and every process it waited for: `RUSAGE_CHILDREN` before
and after), and peak memory summed over the command's whole process tree (sampled every 50 ms
from /proc: resident set size, and proportional set size, which counts a page shared by a
forked child once), and the same by kind of process (the build, the check's workers, the
search index and data-file jobs: each kind's own peaks, its private memory, and its share of
the tree's peak). Prints min / median / max of each, and the ratios portal build / bare
within each round (a pair measured under the same load), then min / median / max of those;
the CPU ratio also with user time alone, which the file system's state does not move.
Leaves the repository untouched.
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
import threading
import time
from dataclasses import dataclass, field
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
HUGO = shutil.which("hugo")

# The bare baseline: Material, nothing in the navigation, and Material's built-in search plugin,
# which indexes every page's full text as the portal's search does (same pages, same scope).
BARE_CONFIG = """site_name: Bare
theme:
  name: material
  language: vi
nav:
  - index.md
plugins:
  - search
"""

# Hugo with the least a site needs: every page rendered through one trivial layout.
HUGO_CONFIG = """baseURL = "http://localhost/"
languageCode = "vi"
title = "Bare"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = false
"""
HUGO_SINGLE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main>{{ .Content }}</main></body></html>
"""
HUGO_LIST = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main>{{ .Content }}<ul>{{ range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></main></body></html>
"""

BUILD, BARE, CHECK, WARM, HUGO_NAME = (
    "portal build",
    "mkdocs build (bare + search)",
    "portal check",
    "portal check (cache, 1 file edited)",
    "hugo (trivial layouts)",
)


@dataclass
class Share:
    """One kind of process of a command's tree (see `_label`), its memory summed over the
    processes of that kind alive at the same moment, in bytes."""

    rss: int = 0
    pss: int = 0
    private: int = 0  # Private_Clean + Private_Dirty: what the process alone holds
    count: int = 0  # processes of this kind alive at once

    def peak(self, other: Share) -> None:
        self.rss, self.pss = max(self.rss, other.rss), max(self.pss, other.pss)
        self.private = max(self.private, other.private)
        self.count = max(self.count, other.count)


@dataclass
class Run:
    wall: float
    cpu: float  # user + system
    # The system's part, apart: on this machine's file system (ext4 without a journal) creating
    # a file costs more for minutes after many were deleted (a new inode skips the recently
    # freed ones), so a build's system time depends on what ran before it; user time does not.
    system: float
    rss: int  # peak of the summed resident set sizes of the process tree, bytes
    pss: int  # the same for proportional set sizes
    # By kind of process: each kind's own peaks, and what each held at the tree's PSS peak.
    peaks: dict[str, Share] = field(default_factory=dict)
    at_peak: dict[str, Share] = field(default_factory=dict)


@dataclass
class Results:
    docs: int
    rounds: int
    runs: dict[str, list[Run]] = field(default_factory=dict)
    extra: dict[str, object] = field(default_factory=dict)


def _children_cpu() -> tuple[float, float]:
    """User + system and system time of every child waited for so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime, usage.ru_stime


def _tree(root: int) -> list[int]:
    """`root` and every process below it, from the kernel's per-task children lists."""
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as stream:
                    stack.extend(int(child) for child in stream.read().split())
        except OSError:  # the process ended between two reads
            continue
    return found


_FIELDS = {"Rss:": 0, "Pss:": 1, "Private_Clean:": 2, "Private_Dirty:": 2}


def _memory(pid: int) -> tuple[int, int, int]:
    """Resident, proportional and private set size of one process, in bytes (0 if it has
    ended)."""
    found = [0, 0, 0]
    try:
        with open(f"/proc/{pid}/smaps_rollup") as stream:
            for line in stream:
                name, _, rest = line.partition(" ")
                if name in _FIELDS:
                    found[_FIELDS[name]] += int(rest.split()[0]) * 1024
    except (OSError, ValueError):
        pass
    return found[0], found[1], found[2]


def _label(pid: int, root: int, root_name: str) -> str:
    """The kind of a process: its name (/proc/<pid>/comm; the build's jobs name themselves,
    see generator.processes.name_process), "… worker" for an unnamed child of the command."""
    try:
        with open(f"/proc/{pid}/comm") as stream:
            name = stream.read().strip()
    except OSError:
        return "?"
    return f"{name} worker" if pid != root and name == root_name else name


class TreeSampler(threading.Thread):
    """Samples the memory of a process tree until stopped; keeps the peaks of the sums over
    the tree, each kind of process's own peaks, and what each kind held at the PSS peak."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.rss = self.pss = 0
        self.peaks: dict[str, Share] = {}
        self.at_peak: dict[str, Share] = {}
        self.done = threading.Event()

    def run(self) -> None:
        root_name = _label(self.pid, -1, "")
        while not self.done.is_set():
            kinds: dict[str, Share] = {}
            for pid in _tree(self.pid):
                kind = _label(pid, self.pid, root_name)
                rss, pss, private = _memory(pid)
                if not rss:
                    continue
                share = kinds.setdefault(kind, Share())
                share.rss, share.pss = share.rss + rss, share.pss + pss
                share.private, share.count = share.private + private, share.count + 1
            rss = sum(share.rss for share in kinds.values())
            pss = sum(share.pss for share in kinds.values())
            for name, share in kinds.items():
                self.peaks.setdefault(name, Share()).peak(share)
            if pss > self.pss:
                self.at_peak = kinds
            self.rss, self.pss = max(self.rss, rss), max(self.pss, pss)
            self.done.wait(self.interval)


def _timed(command: list[str], cwd: Path, ok: tuple[int, ...] = (0,)) -> Run:
    started, started_cpu = time.perf_counter(), _children_cpu()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    sampler = TreeSampler(process.pid)
    sampler.start()
    _, stderr = process.communicate()
    elapsed = time.perf_counter() - started
    sampler.done.set()
    sampler.join()
    if process.returncode not in ok:
        sys.exit(f"{' '.join(command)} failed ({process.returncode}):\n{stderr[-2000:]}")
    cpu, system = _children_cpu()
    return Run(
        elapsed,
        cpu - started_cpu[0],
        system - started_cpu[1],
        sampler.rss,
        sampler.pss,
        sampler.peaks,
        sampler.at_peak,
    )


def _tree_size(folder: Path, suffix: str = "") -> tuple[int, int]:
    sizes = [p.stat().st_size for p in folder.rglob(f"*{suffix}") if p.is_file()]
    return sum(sizes), max(sizes, default=0)


def _write_hugo(workdir: Path) -> Path:
    """A Hugo site of the bare bodies (titles as first heading, no frontmatter)."""
    root = workdir / "hugo"
    shutil.copytree(workdir / "bare" / "docs", root / "content")
    (root / "content" / "index.md").rename(root / "content" / "_index.md")
    (root / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    layouts = root / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "single.html").write_text(HUGO_SINGLE, encoding="utf-8")
    (layouts / "list.html").write_text(HUGO_LIST, encoding="utf-8")
    return root


def measure(
    docs: int, rounds: int, workdir: Path, hugo: bool, probe: bool, checks: bool = True
) -> Results:
    corpus = Corpus(docs)
    corpus.generate()
    corpus.write(workdir)
    site_root, bare_root = workdir / "site", workdir / "bare"
    (bare_root / "mkdocs.yml").write_text(BARE_CONFIG, encoding="utf-8")
    edited = sorted((site_root / "content").rglob("*.md"))[0]
    check = [str(BIN / "portal"), "check", "--format", "json"]

    def cold_check() -> Run:
        # Cold, as in CI or an editor's first check; the warm one follows right after.
        shutil.rmtree(site_root / ".portal-cache", ignore_errors=True)
        return _timed(check, site_root)

    def warm_check() -> Run:
        with edited.open("a", encoding="utf-8") as stream:
            stream.write("\n")
        return _timed(check, site_root)

    def portal_build() -> Run:
        # A full build each time: the incremental cache (if any) would make it a different test.
        shutil.rmtree(site_root / ".portal-cache", ignore_errors=True)
        return _timed([str(BIN / "portal"), "build"], site_root)

    candidates = {
        CHECK: cold_check,
        WARM: warm_check,
        BARE: lambda: _timed([str(BIN / "mkdocs"), "build", "--quiet"], bare_root),
        BUILD: portal_build,
    }
    if not checks:
        del candidates[CHECK], candidates[WARM]
    if hugo and HUGO:
        hugo_root = _write_hugo(workdir)
        candidates[HUGO_NAME] = lambda: _timed([HUGO, "--quiet", "-d", "public"], hugo_root)
    results = Results(docs, rounds, {name: [] for name in candidates})
    # The sanitiser's share of the build: every document body rendered as MkDocs renders it,
    # then sanitised in this process, once per round between the commands (same noise).
    rendered = [render_body(document.body) for document in corpus.documents]
    sanitise_wall: list[float] = []
    sanitise_cpu: list[float] = []
    order = list(candidates)
    loads: list[float] = []
    for number in range(rounds):
        # Alternate the order: the first command of a round runs on a cache the previous
        # round's last one left, and load tends to come in bursts.
        names = order if number % 2 == 0 else order[::-1]
        # The warm check needs the cold one just before it: keep the pair together.
        if number % 2 and checks:
            names = [n for n in names if n not in (CHECK, WARM)]
            names[1:1] = [CHECK, WARM]
        for name in names:
            loads.append(os.getloadavg()[0])
            run = candidates[name]()
            results.runs[name].append(run)
            kinds = ", ".join(
                f"{kind} {share.rss / 2**20:.0f}/{share.pss / 2**20:.0f}/"
                f"{share.private / 2**20:.0f}"
                for kind, share in run.peaks.items()
            )
            print(
                f"{docs} docs, round {number + 1}: {name}: {run.wall:.2f} s wall, "
                f"{run.cpu:.2f} s CPU ({run.system:.2f} system), "
                f"peak {run.rss / 2**20:.0f} MB RSS / "
                f"{run.pss / 2**20:.0f} MB PSS (load {loads[-1]:.1f}); "
                f"by process, peak RSS/PSS/private MB: {kinds}",
                file=sys.stderr,
            )
        wall, cpu = time.perf_counter(), time.process_time()
        for html in rendered:
            sanitize(html)
        sanitise_wall.append(time.perf_counter() - wall)
        sanitise_cpu.append(time.process_time() - cpu)
    results.extra["sanitize"] = {"wall": sanitise_wall, "cpu": sanitise_cpu}
    results.extra["load"] = (min(loads), statistics.median(loads), max(loads))
    built = site_root / "site"
    total, _ = _tree_size(built)
    _, largest_page = _tree_size(built / "van-ban", ".html")
    results.extra["site_bytes"] = total
    results.extra["largest_document_page"] = largest_page
    results.extra["search_bytes"] = _tree_size(built / "search")[0]
    results.extra["bare_search_bytes"] = _tree_size(bare_root / "site" / "search")[0]
    if probe and search_probe.available():
        results.extra["search"] = search_probe.probe(built, QUERIES)
    return results


def _spread(values: list[float], fmt: str = "{:.2f}") -> str:
    ordered = sorted(values)
    return " / ".join(fmt.format(v) for v in (ordered[0], statistics.median(ordered), ordered[-1]))


def _mb(values: list[int]) -> str:
    return _spread([v / 2**20 for v in values], "{:.0f}")


def report(results: list[Results]) -> str:
    lines = [
        f"Date: {date.today()}; machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
        + (f"; {subprocess.getoutput(f'{HUGO} version').split()[1]}" if HUGO else ""),
        "",
        "Every figure is min / median / max over the rounds.",
        "",
        "| docs | command | wall (s) | CPU (s) | peak RSS, summed (MB) | peak PSS, summed (MB) "
        "| wall per doc (ms, median) |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        for name, runs in r.runs.items():
            if not runs:
                continue
            median_wall = statistics.median(run.wall for run in runs)
            lines.append(
                f"| {r.docs} | {name} | {_spread([x.wall for x in runs])} "
                f"| {_spread([x.cpu for x in runs])} | {_mb([x.rss for x in runs])} "
                f"| {_mb([x.pss for x in runs])} | {median_wall / r.docs * 1000:.2f} |"
            )
    lines += [
        "",
        "Ratios within each round (the two builds of a round ran back to back), "
        "min / median / max:",
        "",
        "| docs | rounds | load average | build / bare: wall | CPU | user CPU | peak RSS "
        "| peak PSS | bare / hugo: wall | CPU |",
        "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        builds, bares = r.runs[BUILD], r.runs[BARE]
        pairs = list(zip(builds, bares, strict=True))
        cells = [
            _spread([b.wall / a.wall for b, a in pairs]),
            _spread([b.cpu / a.cpu for b, a in pairs]),
            _spread([(b.cpu - b.system) / (a.cpu - a.system) for b, a in pairs]),
            _spread([b.rss / a.rss for b, a in pairs]),
            _spread([b.pss / a.pss for b, a in pairs]),
        ]
        hugo_runs = r.runs.get(HUGO_NAME)
        if hugo_runs:
            hugo_pairs = list(zip(bares, hugo_runs, strict=True))
            cells.append(_spread([a.wall / h.wall for a, h in hugo_pairs], "{:.0f}"))
            cells.append(_spread([a.cpu / h.cpu for a, h in hugo_pairs], "{:.0f}"))
        else:
            cells += ["—", "—"]
        load = _spread(list(r.extra["load"]), "{:.1f}")  # type: ignore[arg-type]
        lines.append(f"| {r.docs} | {r.rounds} | {load} | " + " | ".join(cells) + " |")
    lines += _by_process(results)
    lines += [
        "",
        "| docs | largest document page | whole site | portal search index | bare search index "
        "| sanitise all bodies: wall (s) | CPU median (s) | share of build CPU |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        e = r.extra
        page_kb = int(e["largest_document_page"]) / 1024  # type: ignore[call-overload]
        site_mb = int(e["site_bytes"]) / 2**20  # type: ignore[call-overload]
        index_mb = int(e["search_bytes"]) / 2**20  # type: ignore[call-overload]
        bare_mb = int(e["bare_search_bytes"]) / 2**20  # type: ignore[call-overload]
        wall = e["sanitize"]["wall"]  # type: ignore[index]
        cpu = statistics.median(e["sanitize"]["cpu"])  # type: ignore[index]
        build_cpu = statistics.median(run.cpu for run in r.runs[BUILD])
        lines.append(
            f"| {r.docs} | {page_kb:.1f} KB | {site_mb:.1f} MB | {index_mb:.1f} MB "
            f"| {bare_mb:.1f} MB | {_spread(wall, '{:.3f}')} | {cpu:.3f} "
            f"| {cpu / build_cpu:.1%} |"
        )
    probed = [r for r in results if "search" in r.extra]
    if probed:
        lines += [
            "",
            "| docs | first query (cold cache) | bytes fetched | last byte → results |",
            "| ---: | --- | ---: | ---: |",
        ]
        for r in probed:
            for query, (size, ms) in r.extra["search"].items():  # type: ignore[union-attr]
                lines.append(f"| {r.docs} | `{query}` | {size / 1024:.0f} KB | {ms:.0f} ms |")
    return "\n".join(lines)


def _by_process(results: list[Results]) -> list[str]:
    """Each kind of process's own peaks (RSS, PSS, private), and its PSS at the moment the
    tree's summed PSS peaked (these add up to that peak), min / median / max over rounds."""
    lines = [
        "",
        "Memory by kind of process (a kind's processes alive at once summed), min / median / max:",
        "",
        "| docs | command | process | at once | peak RSS (MB) | peak PSS (MB) | peak private (MB) "
        "| PSS at the tree's PSS peak (MB) |",
        "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        for name, runs in r.runs.items():
            kinds = sorted({kind for run in runs for kind in run.peaks})
            for kind in kinds:
                peaks = [run.peaks.get(kind, Share()) for run in runs]
                at = [run.at_peak.get(kind, Share()).pss for run in runs]
                lines.append(
                    f"| {r.docs} | {name} | {kind} | {max(x.count for x in peaks)} "
                    f"| {_mb([x.rss for x in peaks])} | {_mb([x.pss for x in peaks])} "
                    f"| {_mb([x.private for x in peaks])} | {_mb(at)} |"
                )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[1000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-hugo", action="store_true", help="leave Hugo out")
    parser.add_argument("--no-check", action="store_true", help="leave `portal check` out")
    parser.add_argument(
        "--no-search-probe", action="store_true", help="skip the first-query probe in Chromium"
    )
    args = parser.parse_args()
    results = []
    for docs in args.docs:
        workdir = Path(tempfile.mkdtemp(prefix=f"portal-bench-{docs}-"))
        try:
            results.append(
                measure(
                    docs,
                    args.rounds,
                    workdir,
                    not args.no_hugo,
                    not args.no_search_probe,
                    not args.no_check,
                )
            )
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    print(report(results))


if __name__ == "__main__":
    main()
