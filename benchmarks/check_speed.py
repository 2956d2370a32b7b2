"""Time `portal check`, cold and warm, optionally against another version of the code.

    python benchmarks/check_speed.py --docs 1000 --rounds 5
    python benchmarks/check_speed.py --docs 10000 --rounds 3 --baseline /tmp/portal-old
    python benchmarks/check_speed.py --corpus /tmp/c10k --rounds 1 --edits 7 --baseline ...

Each round runs, for every version in turn (the order alternates between rounds so that
machine noise hits both alike): a cold check (no `.portal-cache/`, as in CI or an editor's
first check), a warm check (nothing changed), then ``--edits`` consecutive checks each after
editing one file (a line added to a body; a different file each time, spread over the site),
the versions taking turns at every edit. Wall time and CPU time (user + system, worker
processes included) are reported as min / median / max.

Python's compiled bytecode is cached (in the work folder, ``PYTHONPYCACHEPREFIX``) as for an
installed tool, even where ``PYTHONDONTWRITEBYTECODE`` is set; ``--no-bytecode-cache`` keeps
the environment as it is (every module compiled at every start).

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


ENVIRONMENT: dict[str, str] = {}


def _run(version: Version) -> tuple[float, float, str]:
    env = dict(ENVIRONMENT, PYTHONPATH=str(version.source))
    command = [sys.executable, "-c", RUN_CLI, "check", "--format", "json"]
    started, started_cpu = time.perf_counter(), _children_cpu()
    result = subprocess.run(command, cwd=version.site, env=env, capture_output=True, text=True)
    wall, cpu = time.perf_counter() - started, _children_cpu() - started_cpu
    if result.returncode not in (0, 1):
        sys.exit(f"{version.name}: portal check failed ({result.returncode}):\n{result.stderr}")
    return wall, cpu, result.stdout


def _check(version: Version, kind: str) -> None:
    wall, cpu, output = _run(version)
    version.wall[kind].append(wall)
    version.cpu[kind].append(cpu)
    version.outputs[kind].append(output)
    if version.output is None:
        version.output = output
    elif kind == "cold" and output != version.output:
        sys.exit(f"{version.name}: the output changed between rounds")


def _round(versions: list[Version], edited: list[str], edits: int) -> None:
    """Cold and warm for each version in turn, then the edits, the versions taking turns."""
    for version in versions:
        shutil.rmtree(version.site / ".portal-cache", ignore_errors=True)
        _check(version, "cold")
        _check(version, "warm")
    for number in range(edits):
        for version in versions if number % 2 == 0 else versions[::-1]:
            with (version.site / edited[number % len(edited)]).open("a", encoding="utf-8") as f:
                f.write("\n")
            _check(version, KINDS[2])


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
    parser.add_argument("--edits", type=int, default=1, help="checks after an edit, a round")
    parser.add_argument("--no-bytecode-cache", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="portal-check-speed-"))
    ENVIRONMENT.update(os.environ)
    if not args.no_bytecode_cache:
        ENVIRONMENT.pop("PYTHONDONTWRITEBYTECODE", None)
        ENVIRONMENT["PYTHONPYCACHEPREFIX"] = str(work / "bytecode")
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
        markdown = sorted((source_site / "content").rglob("*.md"))
        step = max(1, len(markdown) // max(1, args.edits))
        edited = [path.relative_to(source_site).as_posix() for path in markdown[::step]]
        load_before = _load()
        for number in range(args.rounds):
            _round(versions if number % 2 == 0 else versions[::-1], edited, args.edits)
        load_after = _load()
        # Cold, warm and after the edit alike: a cache may not change a single diagnostic.
        if len(versions) == 2 and versions[0].outputs != versions[1].outputs:
            sys.exit("The two versions print different diagnostics (portal check --format json).")
        now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        print(
            f"{now}; {platform.machine()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}; {files} files, {args.rounds} rounds of {args.edits} "
            f"edits; bytecode {'not ' if args.no_bytecode_cache else ''}cached; load average "
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
