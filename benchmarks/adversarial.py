"""Time per byte of the body checks on adversarial bodies: do they stay linear?

    python benchmarks/adversarial.py [--sizes 131072 262144 524288 1048576] [--rounds 3]

For each kind of body (long runs of backticks of every length, "[a](" repeated, unclosed fence
lines, and ordinary prose for reference) and each size, times what `portal check` does with one
file's body: the B rules (which render it when it may hold HTML) and the citations and link
targets. Rounds are interleaved so the machine's noise hits every case alike; prints min /
median / max wall time, median CPU time, and microseconds per KB (flat across sizes = linear).
Then times `portal check` and `portal build` on a site holding one 1 MB body of backtick runs
(before this work: 22 s and 65 s).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.bodytext import local_targets  # noqa: E402
from generator.check.body import check_body  # noqa: E402
from generator.citations import extract_citations  # noqa: E402


def backtick_runs(size: int) -> str:
    """Runs of 1 to 1,500 backticks, none closed: each one used to be searched to the end."""
    parts, length, total = [], 1, 0
    while total < size:
        part = "`" * length + " chữ "
        parts.append(part)
        total += len(part)
        length = length % 1500 + 1
    return "".join(parts)[:size]


def brackets(size: int) -> str:
    return ("[a](" * (size // 4 + 1))[:size]


def fences(size: int) -> str:
    lines = [("`" * (3 + i % 40)) + "\n" for i in range(size // 20 + 1)]
    return "".join(lines)[:size]


def prose(size: int) -> str:
    sentence = (
        "Thực hiện Kế hoạch số 74/KH-VPUB ngày 15/12/2025 của Văn phòng UBND tỉnh, Văn phòng "
        "tổ chức hội nghị đối thoại với công chức, viên chức và người lao động năm 2026.\n\n"
    )
    return (sentence * (size // len(sentence) + 1))[:size]


KINDS: dict[str, Callable[[int], str]] = {
    "backtick runs": backtick_runs,
    "[a]( repeated": brackets,
    "fence lines": fences,
    "prose": prose,
}


def body_checks(body: str) -> None:
    list(check_body("content/a.md", body, 5))
    extract_citations(body, 5)
    local_targets(body)


def measure(sizes: list[int], rounds: int) -> list[str]:
    bodies = {(kind, size): make(size) for kind, make in KINDS.items() for size in sizes}
    wall: dict[tuple[str, int], list[float]] = {key: [] for key in bodies}
    cpu: dict[tuple[str, int], list[float]] = {key: [] for key in bodies}
    for _ in range(rounds):
        for key, body in bodies.items():
            started, started_cpu = time.perf_counter(), time.process_time()
            body_checks(body)
            wall[key].append(time.perf_counter() - started)
            cpu[key].append(time.process_time() - started_cpu)
    lines = [
        "| body | size | wall min / median / max (s) | CPU median (s) | µs per KB |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for (kind, size), values in wall.items():
        median = statistics.median(values)
        lines.append(
            f"| {kind} | {size // 1024} KB | {min(values):.3f} / {median:.3f} / "
            f"{max(values):.3f} | {statistics.median(cpu[(kind, size)]):.3f} | "
            f"{median / (size / 1024) * 1e6:.0f} |"
        )
    return lines


def end_to_end(rounds: int) -> list[str]:
    bin_dir = Path(sys.executable).parent
    work = Path(tempfile.mkdtemp(prefix="portal-adversarial-"))
    try:
        shutil.copytree(REPO / "content", work / "content")
        shutil.copytree(REPO / "overrides", work / "overrides")
        shutil.copy(REPO / "mkdocs.yml", work / "mkdocs.yml")
        page = "---\ntype: page\ntitle: Thử\n---\n" + backtick_runs(1024 * 1024)
        (work / "content" / "thu.md").write_text(page, encoding="utf-8")
        lines = ["| command (one 1 MB body of backtick runs) | exit | min / median / max (s) |"]
        lines.append("| --- | ---: | ---: |")
        for command in (["check"], ["build"]):
            times, status = [], 0
            for _ in range(rounds):
                started = time.perf_counter()
                status = subprocess.run(
                    [str(bin_dir / "portal"), *command], cwd=work, capture_output=True
                ).returncode
                times.append(time.perf_counter() - started)
            spread = f"{min(times):.2f} / {statistics.median(times):.2f} / {max(times):.2f}"
            lines.append(f"| `portal {command[0]}` | {status} | {spread} |")
        return lines
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[131072, 262144, 524288, 1048576])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print("\n".join(measure(args.sizes, args.rounds)))
    print()
    print("\n".join(end_to_end(args.rounds)))


if __name__ == "__main__":
    main()
