"""Time the preview's re-check after one saved edit (``LiveSite.refresh`` + ``site()``), the part
of `portal serve`'s update that reads and checks, optionally against another version.

    python benchmarks/live_update.py --corpus /tmp/speed10k --rounds 3 --baseline /tmp/portal-old

Each round runs, for every version in turn (the order alternates between rounds), one process
that reads the corpus whole (``LiveSite.read`` and a first ``site()``, not timed), then saves
``--edits`` edits one after the other (a line added to a body, then a document's title, then
the date of a document that others cite) and times each refresh and ``site()``: wall time and
the process's CPU time. After the last edit each version prints its diagnostics as JSON, and
the two versions must agree, or the run stops.
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from check_speed import _load
from corpus import Corpus

REPOSITORY = Path(__file__).resolve().parent.parent

# Runs inside the version's own interpreter path: only LiveSite's public interface.
CHILD = r"""
import io, json, sys, time
from pathlib import Path
from generator.cli import print_json
from generator.live import LiveSite

root, edits = Path(sys.argv[1]), int(sys.argv[2])
live = LiveSite.read(root)
live.site()
files = sorted((root / "content").rglob("*.md"))
times = []
for number in range(edits):
    path = files[(number * 37) % len(files)]
    text = path.read_text(encoding="utf-8")
    if number % 3 == 0:
        text += "\nThêm một dòng.\n"
    elif number % 3 == 1:
        text = text.replace("title: ", "title: Sửa ", 1)
    else:
        text = text.replace("issued: 20", "issued: 19", 1)
    path.write_text(text, encoding="utf-8")
    started, cpu = time.perf_counter(), time.process_time()
    changed = live.refresh()
    site = live.site()
    times.append((time.perf_counter() - started, time.process_time() - cpu, changed is None))
out = io.StringIO()
print_json(site, out)
print(json.dumps({"times": times, "output": out.getvalue()}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--edits", type=int, default=6)
    parser.add_argument("--baseline", type=Path, help="a folder holding another generator/")
    parser.add_argument("--corpus", type=Path, help="reuse a corpus written by corpus.py")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="portal-live-update-"))
    try:
        if args.corpus is None:
            corpus = Corpus(args.docs)
            corpus.generate()
            corpus.write(work / "corpus")
            source = work / "corpus" / "site"
        else:
            source = args.corpus / "site"
        versions = [("this tree", REPOSITORY)]
        if args.baseline is not None:
            versions.append((f"baseline ({args.baseline})", args.baseline.resolve()))
        walls: dict[str, list[float]] = {name: [] for name, _ in versions}
        cpus: dict[str, list[float]] = {name: [] for name, _ in versions}
        load_before = _load()
        for number in range(args.rounds):
            outputs = {}
            for name, folder in versions if number % 2 == 0 else versions[::-1]:
                site = work / "site"
                shutil.rmtree(site, ignore_errors=True)
                shutil.copytree(source, site, ignore=shutil.ignore_patterns(".portal-*"))
                env = dict(os.environ, PYTHONPATH=str(folder))
                command = [sys.executable, "-c", CHILD, str(site), str(args.edits)]
                # Run from the site, not from here: `python -c` puts the working folder first
                # on sys.path, where this tree's generator/ would shadow the baseline's.
                result = subprocess.run(command, cwd=site, env=env, capture_output=True, text=True)
                if result.returncode != 0:
                    sys.exit(f"{name} failed:\n{result.stderr}")
                answer = json.loads(result.stdout.splitlines()[-1])
                if any(rebuilt for _, _, rebuilt in answer["times"]):
                    sys.exit(f"{name}: an edit was taken for a change of structure")
                walls[name] += [wall for wall, _, _ in answer["times"]]
                cpus[name] += [cpu for _, cpu, _ in answer["times"]]
                outputs[name] = answer["output"]
            if len(set(outputs.values())) != 1:
                sys.exit("The versions print different diagnostics after the edits.")
        print(
            f"{source}: {args.rounds} rounds of {args.edits} edits; load average (1, 5, 15 min) "
            f"{load_before} before, {_load()} after"
        )
        print("\n| version | wall min / median / max (s) | CPU min / median / max (s) |")
        print("| --- | ---: | ---: |")
        for name, _ in versions:
            wall, cpu = walls[name], cpus[name]
            print(
                f"| {name} | {min(wall):.3f} / {statistics.median(wall):.3f} / {max(wall):.3f} "
                f"| {min(cpu):.3f} / {statistics.median(cpu):.3f} / {max(cpu):.3f} |"
            )
        if len(versions) == 2:
            print("\nBoth versions printed the same diagnostics after the edits.")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
