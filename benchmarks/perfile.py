"""Time the per-file work of `portal check` (load, model, body rules, citations), one core.

    python benchmarks/perfile.py --corpus /tmp/corpus --rounds 5
    python benchmarks/perfile.py --corpus /tmp/corpus --rounds 5 --baseline /tmp/portal-old
    python benchmarks/perfile.py --corpus /tmp/corpus --rounds 5 --baseline /tmp/portal-old --stages

This is what each worker of a cold `portal check` does for its share of the files
(`generator.site._read_chunk(files, bodies=False)`), timed in a fresh process per version and
round: the first pass over every file (which pays for compiling regular expressions and
filling caches), then ``--passes`` more, of which the fastest is kept. Rounds alternate the
order of the versions so that machine noise hits both alike; CPU time (user + system) and wall
time are reported per file as min / median / max over the rounds.

``--baseline`` names a folder holding another copy of the `generator/` package (for example
`git archive <commit> generator | tar -x -C /tmp/portal-old`). Both versions must give the
same documents, pages, citations and diagnostics (compared by a digest of their `repr`), or
the run stops: a speed-up may not change a single result.

``--stages`` times each stage of that work alone over every file instead (load, model, body
rules, citations, code masking and link targets), in the same alternating rounds.

``--corpus`` is a folder made by `benchmarks/corpus.py` (its site root is `DIR/site`), or a
site root.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent


def _stages(files: list[tuple[Path, str]], passes: int) -> dict[str, float]:
    """CPU per file of each stage of ``site._read_one`` timed alone over every file (the
    fastest of ``passes``): what each costs without the others competing for the caches."""
    from generator.bodytext import local_targets, mask_code
    from generator.check.body import check_body
    from generator.citations import extract_citations
    from generator.frontmatter import read_model
    from generator.load import load_file

    sources = [load_file(path, rel) for path, rel in files]
    items = [item for item in (read_model(source)[0] for source in sources) if item is not None]
    masked = [mask_code(item.body) for item in items]
    work = {
        "load": lambda: [load_file(path, rel) for path, rel in files],
        "model": lambda: [read_model(source) for source in sources],
        "body rules": lambda: [
            list(check_body(i.path, i.body, i.body_line, m))
            for i, m in zip(items, masked, strict=True)
        ],
        "citations": lambda: [
            extract_citations(i.body, i.body_line, m) for i, m in zip(items, masked, strict=True)
        ],
        "code masked, links": lambda: [(mask_code(i.body), local_targets(i.body)) for i in items],
    }
    found = {}
    for name, run in work.items():
        run()  # compiles what the stage compiles on first use
        best = float("inf")
        for _ in range(passes):
            cpu = time.process_time()
            run()
            best = min(best, time.process_time() - cpu)
        found[name] = best / len(files)
    return found


def _measure(root: Path, passes: int, stages: bool = False) -> dict[str, object]:
    """Runs in the child process, with the version under test first on sys.path."""
    import generator.site as site
    from generator.load import scan_content

    markdown = scan_content(root / "content", root).markdown
    files = [(path, path.relative_to(root).as_posix()) for path in markdown]
    if stages:
        return {"files": len(files), "digest": "", "stages": _stages(files, passes)}
    read = getattr(site, "_read_chunk", None)

    def one_pass() -> tuple[float, float, list[object]]:
        wall, cpu = time.perf_counter(), time.process_time()
        if read is not None:
            results = read(files, False)
        else:
            results = [site.read_file(path, relpath, False) for path, relpath in files]
        return time.perf_counter() - wall, time.process_time() - cpu, results

    _wall, first_cpu, results = one_pass()
    digest = hashlib.sha256(repr(results).encode()).hexdigest()
    walls, cpus = [], []
    for _ in range(passes):
        wall, cpu, _results = one_pass()
        walls.append(wall)
        cpus.append(cpu)
    count = len(files)
    return {
        "files": count,
        "digest": digest,
        "first_cpu": first_cpu / count,
        "wall": min(walls) / count,
        "cpu": min(cpus) / count,
    }


@dataclass
class Version:
    name: str
    source: Path
    runs: list[dict[str, float]] = field(default_factory=list)
    digest: str | None = None


def _run(version: Version, root: Path, passes: int, stages: bool = False) -> dict[str, object]:
    env = dict(os.environ, PYTHONPATH=str(version.source), PYTHONHASHSEED="0")
    command = [sys.executable, __file__, "--child", "--corpus", str(root), "--passes", str(passes)]
    command += ["--stages"] if stages else []
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"{version.name}: failed:\n{result.stderr}")
    return json.loads(result.stdout)


def _spread(values: list[float]) -> str:
    micro = [v * 1e6 for v in values]
    return f"{min(micro):.0f} / {statistics.median(micro):.0f} / {max(micro):.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--baseline", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument(
        "--stages", action="store_true", help="CPU of each stage alone (load, model, ...)"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    root = args.corpus / "site" if (args.corpus / "site").is_dir() else args.corpus
    if args.child:
        print(json.dumps(_measure(root, args.passes, args.stages)))
        return
    if args.stages:
        _print_stages(args, root)
        return
    versions = [Version("after", REPOSITORY)]
    if args.baseline:
        versions.append(Version("before", args.baseline.resolve()))
    load = os.getloadavg()
    for number in range(args.rounds):
        order = versions if number % 2 == 0 else versions[::-1]
        for version in order:
            run = _run(version, root, args.passes)
            if version.digest is None:
                version.digest = str(run["digest"])
            if run["digest"] != versions[0].digest and versions[0].digest is not None:
                sys.exit(f"{version.name} gives different results from {versions[0].name}")
            version.runs.append(run)  # type: ignore[arg-type]
    print(
        f"{versions[0].runs[0]['files']} files, {args.rounds} rounds, best of {args.passes} "
        f"passes; load average {load[0]:.2f} before, {os.getloadavg()[0]:.2f} after"
    )
    print("| version | first pass CPU (µs/file) | CPU (µs/file) | wall (µs/file) |")
    print("| --- | ---: | ---: | ---: |")
    for version in versions:
        runs = version.runs
        print(
            f"| {version.name} | {_spread([r['first_cpu'] for r in runs])} | "
            f"{_spread([r['cpu'] for r in runs])} | {_spread([r['wall'] for r in runs])} |"
        )
    if len(versions) > 1:
        print("Both versions gave the same documents, citations and diagnostics.")


def _print_stages(args: argparse.Namespace, root: Path) -> None:
    """Each stage's CPU per file, min / median / max over the rounds, versions alternating."""
    versions = [Version("after", REPOSITORY)]
    if args.baseline:
        versions.append(Version("before", args.baseline.resolve()))
    load = os.getloadavg()
    for number in range(args.rounds):
        for version in versions if number % 2 == 0 else versions[::-1]:
            version.runs.append(_run(version, root, args.passes, stages=True))  # type: ignore[arg-type]
    print(
        f"{versions[0].runs[0]['files']} files, {args.rounds} rounds, each stage alone, best of "
        f"{args.passes} passes; load average {load[0]:.2f} before, {os.getloadavg()[0]:.2f} after"
    )
    names = list(versions[0].runs[0]["stages"])  # type: ignore[call-overload]
    print("| stage | " + " | ".join(f"{v.name} CPU (µs/file)" for v in versions) + " |")
    print("| --- |" + " ---: |" * len(versions))
    for name in names:
        cells = [_spread([r["stages"][name] for r in v.runs]) for v in versions]  # type: ignore[index]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
