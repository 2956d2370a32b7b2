"""The cost of the strict personal-data scan (P003) next to B003's, on the same texts.

P003 scans every petition file in full with more patterns (names after a form of address,
landlines, any mailbox, 9-digit ID cards, house numbers). This times both modes of
``check.body.find_personal_data`` over the corpus bodies, interleaved, and reports
min/median/max of wall and CPU time per mode.

    python benchmarks/personal_data.py --docs 1000 --rounds 5
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import Corpus

from generator.check.body import find_personal_data


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        corpus = Corpus(args.docs, 2026)
        corpus.generate()
        corpus.write(Path(folder) / "out")
        content = Path(folder) / "out" / "site" / "content"
        texts = [p.read_text(encoding="utf-8") for p in sorted(content.rglob("*.md"))]
    chars = sum(len(t) for t in texts)
    times: dict[bool, list[tuple[float, float]]] = {False: [], True: []}
    found: dict[bool, int] = {}
    for _ in range(args.rounds):
        for strict in (False, True):
            wall, cpu = time.perf_counter(), time.process_time()
            found[strict] = sum(len(list(find_personal_data(t, strict))) for t in texts)
            times[strict].append((time.perf_counter() - wall, time.process_time() - cpu))
    print(f"{len(texts)} files, {chars / 1e6:.1f} M characters, {args.rounds} rounds")
    for strict, label in ((False, "B003 (body)"), (True, "P003 (strict)")):
        walls = sorted(w for w, _ in times[strict])
        cpus = sorted(c for _, c in times[strict])
        print(
            f"{label:14} wall min/median/max {walls[0] * 1e3:.0f}/"
            f"{statistics.median(walls) * 1e3:.0f}/{walls[-1] * 1e3:.0f} ms, CPU median "
            f"{statistics.median(cpus) * 1e3:.0f} ms, "
            f"{statistics.median(walls) / len(texts) * 1e6:.0f} µs a file, {found[strict]} found"
        )


if __name__ == "__main__":
    main()
