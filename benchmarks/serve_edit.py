"""How long a saved edit takes to show in `portal serve`: from the file's save to the page.

Starts `portal serve` (this checkout's) on a copy of a corpus, then edits one document several
times, each time appending a sentence with a fresh token to its text, and polls the document's
page every 20 ms until the token is there. Prints the time to the first page, and the
save → page latency of each edit with min/median/max, with the server's CPU time (its own
and its children's: the search index and data files run in forked processes) over the same
span.

    python benchmarks/corpus.py --docs 1000 --out /tmp/corpus
    python benchmarks/serve_edit.py --site /tmp/corpus/site --edits 7

The corpus is copied into --work (a temporary folder by default), so the corpus itself is
never edited. The machine's other load shows in the spread: say how busy it was.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.site import read_file  # noqa: E402
from generator.urls import document_src, url_of  # noqa: E402

ANNOUNCED = re.compile(r"Bản xem trước: (http://127\.0\.0\.1:\d+/)")


def _cpu(pid: int) -> float:
    """CPU seconds of a process and of its waited-for children (utime, stime, cutime, cstime)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    ticks = sum(int(v) for v in fields[11:15])
    return ticks / os.sysconf("SC_CLK_TCK")


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


def _pick(site: Path, wanted: str | None) -> tuple[Path, str]:
    """A document of the site and the address of its page."""
    plans = sorted((site / "content").rglob("plan-*.md"))
    candidates = [site / wanted] if wanted else plans[:1]
    for path in candidates:
        item, _ = read_file(path, path.relative_to(site).as_posix())
        number = getattr(item, "number", None)
        if item is not None and number:
            return path, url_of(document_src(item))
    raise SystemExit("serve_edit: no document with a number to edit")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True, help="a corpus's site folder")
    parser.add_argument("--document", help="the file to edit, relative to the site")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--pause", type=float, default=3.0, help="seconds between edits")
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--work", type=Path)
    args = parser.parse_args()

    work = args.work or Path(tempfile.mkdtemp(prefix="serve-edit-"))
    site = work / "site"
    if site.exists():
        shutil.rmtree(site)
    shutil.copytree(args.site, site, symlinks=True)
    document, url_path = _pick(site, args.document)
    log = (work / "serve.log").open("w")
    started = time.monotonic()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "--port", "0"],
        cwd=site,
        stdout=subprocess.DEVNULL,
        stderr=log,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        base = None
        while base is None:
            if server.poll() is not None or time.monotonic() - started > args.timeout:
                raise SystemExit(f"serve_edit: the server did not start; see {log.name}")
            match = ANNOUNCED.search((work / "serve.log").read_text(encoding="utf-8"))
            base = match[1] if match else None
            time.sleep(0.05)
        page = base + url_path
        while _fetch(page) is None:
            if server.poll() is not None or time.monotonic() - started > args.timeout:
                raise SystemExit(f"serve_edit: no first page; see {log.name}")
            time.sleep(0.05)
        print(f"first page after {time.monotonic() - started:.1f} s ({page})")
        time.sleep(args.pause)
        original = document.read_text(encoding="utf-8")
        latencies: list[float] = []
        cpus: list[float] = []
        for round_ in range(1, args.edits + 1):
            token = f"suathu{secrets.token_hex(4)}"
            text = original.rstrip("\n") + f"\n\nĐoạn sửa thử lần {round_}: {token}.\n"
            cpu = _cpu(server.pid)
            saved = time.monotonic()
            document.write_text(text, encoding="utf-8")
            while True:
                body = _fetch(page)
                if body is not None and token in body:
                    break
                if time.monotonic() - saved > args.timeout:
                    raise SystemExit(f"serve_edit: edit {round_} never showed; see {log.name}")
                time.sleep(0.02)
            latencies.append(time.monotonic() - saved)
            cpus.append(_cpu(server.pid) - cpu)
            print(f"edit {round_}: {latencies[-1]:.2f} s (server CPU {cpus[-1]:.2f} s)")
            time.sleep(args.pause)
        print(
            f"save → page, {len(latencies)} edits: min {min(latencies):.2f} s, "
            f"median {statistics.median(latencies):.2f} s, max {max(latencies):.2f} s; "
            f"server CPU median {statistics.median(cpus):.2f} s"
        )
        return 0
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
