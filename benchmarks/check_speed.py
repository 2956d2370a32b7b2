"""Time `portal check`, cold and warm, optionally against another version of the code.

    python benchmarks/check_speed.py --docs 1000 --rounds 5
    python benchmarks/check_speed.py --docs 10000 --rounds 3 --baseline /tmp/portal-old

Each round runs, for every version in turn (the order alternates between rounds so that
machine noise hits both alike): a cold check (no `.portal-cache/`, as in CI or an editor's
first check), a warm check (nothing changed) and a check after editing one file. Wall time and
CPU time (user + system, worker processes included) are reported as min / median / max.

``--baseline`` names a folder holding another copy of the `generator/` package (for example
`git archive <commit> generator | tar -x -C /tmp/portal-old`); it runs with this interpreter,
on its own copy of the corpus (the cache of one version would evict the other's). Both
versions must print the same `--format json` output in every check of every round (cold, warm,
after the edit), or the run stops: a speed-up may not change a single diagnostic.
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
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import Corpus

REPOSITORY = Path(__file__).resolve().parent.parent
RUN_CLI = "import sys; from generator.cli import main; sys.exit(main())"
KINDS = ("cold", "warm", "warm, 1 file edited")


@dataclass
class Version:
    name: str
    source: Path  # the folder holding generator/
    site: Path = Path()
    wall: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in KINDS})
    cpu: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in KINDS})
    output: str | None = None
    outputs: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in KINDS})


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(version: Version) -> tuple[float, float, str]:
    env = dict(os.environ, PYTHONPATH=str(version.source))
    command = [sys.executable, "-c", RUN_CLI, "check", "--format", "json"]
    started, started_cpu = time.perf_counter(), _children_cpu()
    result = subprocess.run(command, cwd=version.site, env=env, capture_output=True, text=True)
    wall, cpu = time.perf_counter() - started, _children_cpu() - started_cpu
    if result.returncode not in (0, 1):
        sys.exit(f"{version.name}: portal check failed ({result.returncode}):\n{result.stderr}")
    return wall, cpu, result.stdout


def _round(version: Version, edited: str) -> None:
    shutil.rmtree(version.site / ".portal-cache", ignore_errors=True)
    for kind in KINDS:
        if kind == "warm, 1 file edited":
            with (version.site / edited).open("a", encoding="utf-8") as stream:
                stream.write("\n")
        wall, cpu, output = _run(version)
        version.wall[kind].append(wall)
        version.cpu[kind].append(cpu)
        version.outputs[kind].append(output)
        if version.output is None:
            version.output = output
        elif kind == "cold" and output != version.output:
            sys.exit(f"{version.name}: the output changed between rounds")


def _spread(values: list[float]) -> str:
    return f"{min(values):.2f} / {statistics.median(values):.2f} / {max(values):.2f}"


def _load() -> str:
    try:
        return " ".join(f"{v:.1f}" for v in os.getloadavg())
    except OSError:
        return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--baseline", type=Path, help="a folder holding another generator/")
    parser.add_argument("--corpus", type=Path, help="reuse a corpus written by corpus.py")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="portal-check-speed-"))
    try:
        if args.corpus is None:
            corpus = Corpus(args.docs)
            corpus.generate()
            corpus.write(work / "corpus")
            source_site = work / "corpus" / "site"
        else:
            source_site = args.corpus / "site"
        versions = [Version("this tree", REPOSITORY)]
        if args.baseline is not None:
            versions.append(Version(f"baseline ({args.baseline})", args.baseline.resolve()))
        for index, version in enumerate(versions):
            version.site = work / f"site-{index}"
            shutil.copytree(source_site, version.site, ignore=shutil.ignore_patterns(".portal-*"))
        files = len(list((source_site / "content").rglob("*.md")))
        edited = sorted((source_site / "content").rglob("*.md"))[0]
        edited_relative = edited.relative_to(source_site).as_posix()
        load_before = _load()
        for number in range(args.rounds):
            order = versions if number % 2 == 0 else versions[::-1]
            for version in order:
                _round(version, edited_relative)
        load_after = _load()
        # Cold, warm and after the edit alike: a cache may not change a single diagnostic.
        if len(versions) == 2 and versions[0].outputs != versions[1].outputs:
            sys.exit("The two versions print different diagnostics (portal check --format json).")
        now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        print(
            f"{now}; {platform.machine()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}; {files} files, {args.rounds} rounds; load average "
            f"(1, 5, 15 min) {load_before} before, {load_after} after"
        )
        print()
        print("| version | check | wall min / median / max (s) | CPU min / median / max (s) |")
        print("| --- | --- | ---: | ---: |")
        for version in versions:
            for kind in KINDS:
                wall, cpu = _spread(version.wall[kind]), _spread(version.cpu[kind])
                print(f"| {version.name} | {kind} | {wall} | {cpu} |")
        if len(versions) == 2:
            print("\nBoth versions printed the same diagnostics.")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
