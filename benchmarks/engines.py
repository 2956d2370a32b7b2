"""Time `portal build` with MkDocs and with ProperDocs on the same corpus, and compare the sites.

    python benchmarks/engines.py --docs 1000 [--rounds 3]

Generates the corpus (benchmarks/corpus.py) in a temporary folder, then builds it with each
engine round after round, the order alternating so that machine noise hits both alike. Prints
min/median/max of wall and CPU time (user + system of the build process and its workers) per
engine, and whether the two sites are the same (tools/compare_engines.py).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

from compare_engines import ENGINES, compare, generator_of

REPO = Path(__file__).resolve().parent.parent
AS_OF = "2026-06-30"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _build(root: Path, engine: str, site: Path) -> tuple[float, float]:
    command = [sys.executable, "-m", "generator.cli", "--root", str(root), "build"]
    command += ["--engine", engine, "--as-of", AS_OF, "--site-dir", str(site)]
    started, started_cpu = time.perf_counter(), _children_cpu()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    wall, cpu = time.perf_counter() - started, _children_cpu() - started_cpu
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return wall, cpu


def _spread(values: list[float]) -> str:
    return f"{min(values):6.2f} {statistics.median(values):6.2f} {max(values):6.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="portal-engines-bench-") as temporary:
        work = Path(temporary)
        corpus = [sys.executable, str(REPO / "benchmarks/corpus.py"), "--docs", str(args.docs)]
        subprocess.run([*corpus, "--out", str(work / "corpus")], check=True, capture_output=True)
        root = work / "corpus/site"
        times: dict[str, list[tuple[float, float]]] = {engine: [] for engine in ENGINES}
        for round_number in range(args.rounds):
            order = ENGINES if round_number % 2 == 0 else tuple(reversed(ENGINES))
            for engine in order:
                times[engine].append(_build(root, engine, work / engine))
        result = compare(work / "mkdocs", work / "properdocs")
        print(f"{args.docs} documents, {args.rounds} rounds (min / median / max, seconds)")
        print(f"{'engine':<11} {'wall':^20}   {'CPU':^20}")
        for engine, pairs in times.items():
            walls, cpus = [w for w, _ in pairs], [c for _, c in pairs]
            generator = generator_of(work / engine)
            print(f"{engine:<11} {_spread(walls)}   {_spread(cpus)}   {generator}")
        print(result.report("MkDocs", "ProperDocs"))


if __name__ == "__main__":
    main()
