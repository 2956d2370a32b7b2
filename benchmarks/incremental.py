"""`portal build` in full against `portal build` after editing one file, side by side.

    python benchmarks/incremental.py --docs 1000 [--rounds 3]

Generates the corpus (benchmarks/corpus.py) in a temporary folder. Each round runs, in an
order that alternates from round to round, a full build (no `.portal-cache/`: nothing to
reuse) and a build after editing one document's body (the cache and the site of the build
before it kept), and checks that the edited build's site is byte for byte what a full build
of the same content gives. Wall time, CPU time (the command and every process it waited for)
and summed peak RSS/PSS as `run.py` measures them; min / median / max, and the ratio
incremental / full within each round. Leaves the repository untouched.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import Corpus
from run import BIN, Run, _spread, _timed

FULL, EDITED = "portal build (full, no cache)", "portal build (1 file edited)"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def measure(docs: int, rounds: int, workdir: Path) -> tuple[dict[str, list[Run]], list[float]]:
    corpus = Corpus(docs)
    corpus.generate()
    corpus.write(workdir)
    root = workdir / "site"
    documents = sorted((root / "content").rglob("*.md"))
    build = [str(BIN / "portal"), "build", "--as-of", "2026-06-01"]

    def full() -> Run:
        shutil.rmtree(root / ".portal-cache", ignore_errors=True)
        return _timed([*build, "--site-dir", str(workdir / "full")], root)

    def edited(number: int) -> Run:
        # A warm start: the previous build's site and cache, as an editor's next build finds.
        _timed([*build, "--site-dir", "site"], root)
        path = documents[(number * 7919) % len(documents)]
        text = path.read_text(encoding="utf-8")
        path.write_text(text + f"\nĐoạn bổ sung số {number} về thu hồi đất.\n", encoding="utf-8")
        return _timed([*build, "--site-dir", "site"], root)

    runs: dict[str, list[Run]] = {FULL: [], EDITED: []}
    loads: list[float] = []
    for number in range(rounds):
        order = [EDITED, FULL] if number % 2 else [FULL, EDITED]
        for name in order:
            loads.append(os.getloadavg()[0])
            run = full() if name == FULL else edited(number)
            runs[name].append(run)
            print(
                f"{docs} docs, round {number + 1}: {name}: {run.wall:.2f} s wall, {run.cpu:.2f} s "
                f"CPU ({run.system:.2f} s system), peak {run.rss / 2**20:.0f} MB RSS "
                f"(load {loads[-1]:.1f})",
                file=sys.stderr,
            )
        # The edited build is checked against a full build of the same content.
        if number % 2 == 0:
            shutil.rmtree(root / ".portal-cache", ignore_errors=True)
            _timed([*build, "--site-dir", str(workdir / "full")], root)
        edited_site, full_site = _snapshot(root / "site"), _snapshot(workdir / "full")
        differ = [
            k
            for k in full_site.keys() | edited_site.keys()
            if full_site.get(k) != edited_site.get(k)
        ]
        if differ:
            sys.exit(f"the edited build differs from a full build: {sorted(differ)[:10]}")
    return runs, loads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix=f"portal-incremental-{args.docs}-"))
    try:
        runs, loads = measure(args.docs, args.rounds, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(
        "| docs | build | wall (s) | CPU (s) | of which system (s) | peak RSS, summed (MB) "
        "| peak PSS, summed (MB) |"
    )
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for name, found in runs.items():
        print(
            f"| {args.docs} | {name} | {_spread([r.wall for r in found])} "
            f"| {_spread([r.cpu for r in found])} "
            f"| {_spread([r.system for r in found])} "
            f"| {_spread([r.rss / 2**20 for r in found], '{:.0f}')} "
            f"| {_spread([r.pss / 2**20 for r in found], '{:.0f}')} |"
        )
    pairs = list(zip(runs[EDITED], runs[FULL], strict=True))
    print(
        f"\nEdited / full within each round ({args.rounds} rounds, load average "
        f"{_spread(loads, '{:.1f}')}): wall {_spread([e.wall / f.wall for e, f in pairs])}, "
        f"CPU {_spread([e.cpu / f.cpu for e, f in pairs])}"
    )


if __name__ == "__main__":
    main()
