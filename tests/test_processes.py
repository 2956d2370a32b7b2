"""The build's jobs started afresh (`processes.Job`): they get their payload, hold none of
their parent's memory, say when they fail, stop when cancelled and never outlive the build."""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from generator.processes import Job

LINUX = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")


def write_payload(path: Path, text: str, numbers: list[int]) -> None:
    path.write_text(f"{text}|{sum(numbers)}|{os.getppid()}", encoding="utf-8")


def fail() -> None:
    raise SystemExit(3)


def sleep_long() -> None:
    time.sleep(600)


def report_memory(path: Path) -> None:
    status = Path("/proc/self/status").read_text()
    resident = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
    name = Path("/proc/self/comm").read_text().strip()
    path.write_text(f"{resident.split()[1]}|{name}", encoding="utf-8")


@pytest.mark.parametrize("fresh", [True, False])
def test_a_job_runs_its_target_with_the_payload(tmp_path, fresh):
    out = tmp_path / "out.txt"
    numbers = list(range(200_000))  # a payload larger than a pipe holds
    job = Job(write_payload, (out, "Sơn La", numbers), "portal-test", fresh)
    assert job.join() == 0
    assert out.read_text(encoding="utf-8") == f"Sơn La|{sum(numbers)}|{os.getpid()}"


@pytest.mark.parametrize("fresh", [True, False])
def test_a_failing_job_says_so_by_its_exit_code(fresh):
    assert Job(fail, (), "portal-test", fresh).join() == 3


@pytest.mark.parametrize("fresh", [True, False])
def test_a_cancelled_job_ends_at_once(fresh):
    job = Job(sleep_long, (), "portal-test", fresh)
    job.cancel()
    assert job.join() == -signal.SIGTERM


@LINUX
def test_a_fresh_job_holds_none_of_its_parents_memory(tmp_path):
    """A forked job maps every page its parent holds (and summed over processes they count
    twice); a fresh one holds only the interpreter and what it is handed."""
    ballast = bytearray(os.urandom(1 << 20)) * 150  # 150 MB resident in this process
    found = {}
    for fresh in (False, True):
        out = tmp_path / f"{fresh}.txt"
        assert Job(report_memory, (out,), "portal-test", fresh).join() == 0
        resident, name = out.read_text().split("|")
        found[fresh] = int(resident) * 1024
        assert name == "portal-test"
    assert found[False] > len(ballast) > 3 * found[True]


@LINUX
def test_a_fresh_job_dies_with_its_parent(tmp_path):
    """SIGKILL leaves the parent no time to cancel its job: the kernel ends it."""
    script = textwrap.dedent(
        f"""
        import sys
        sys.path[:0] = {[str(Path(__file__).parent.parent)]!r}
        from generator.processes import Job
        from tests.test_processes import sleep_long
        job = Job(sleep_long, (), "portal-test", True)
        print(job.fresh.pid, flush=True)
        sleep_long()
        """
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    deadline = time.monotonic() + 30  # until the job has named itself: it is running
    while _name(child) != "portal-test" and time.monotonic() < deadline:
        time.sleep(0.05)
    parent.kill()
    parent.wait()
    while _name(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _name(child) == "", "the job outlived its parent"


def _name(pid: int) -> str:
    """The process's name, or "" once it has ended (a zombie has ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return (
        ""
        if stat.rsplit(") ", 1)[-1].startswith("Z")
        else Path(f"/proc/{pid}/comm").read_text().strip()
    )


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="needs CPU affinity")
def test_a_process_limited_to_one_core_reads_a_large_site_without_workers(tmp_path):
    """`taskset -c 0 portal build` (or a container given one core) counts one core, not the
    machine's: workers would only take turns with the main process and pay for pickling."""
    code = textwrap.dedent(
        f"""
        import os, sys
        from pathlib import Path
        import concurrent.futures
        from generator import processes, site

        os.sched_setaffinity(0, {{min(os.sched_getaffinity(0))}})
        print(processes.usable_cores())
        root = Path({str(tmp_path)!r})
        (root / "content").mkdir()
        (root / "mkdocs.yml").write_text("site_name: T\\ndocs_dir: content\\n", encoding="utf-8")
        for n in range(site.PARALLEL_THRESHOLD + 1):
            (root / "content" / f"trang-{{n}}.md").write_text(
                f"---\\ntitle: Trang {{n}}\\n---\\n\\nNội dung.\\n", encoding="utf-8"
            )

        def refused(*args, **kwargs):
            raise AssertionError("a worker pool on one core")

        concurrent.futures.ProcessPoolExecutor = refused
        read = site.read_site(root)
        print(read.files)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "401"]


class _Item:
    def __init__(self, number: int) -> None:
        self.number = number


def _as_state(item: _Item) -> tuple[object, ...]:
    # As the jobs' reducers do: a new state dictionary per object, held by the pickler's memo.
    return (_Item, (0,), {"number": item.number})


def test_handing_a_payload_over_leaves_the_collector_nothing_to_walk():
    """The objects a reducer makes are freed before the cyclic collector is let go again: the
    first allocations after the hand-over set off no collection of them (a build's heap is
    walked by each one)."""
    import gc

    from generator.processes import _pickled

    collections: list[dict[str, int]] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "stop":
            collections.append(info)

    items = [_Item(number) for number in range(20_000)]
    gc.collect()  # every generation's count back to zero
    gc.callbacks.append(record)
    try:
        data = _pickled(items, {_Item: _as_state})
        made_after = [[] for _ in range(10)]
    finally:
        gc.callbacks.remove(record)
    assert collections == []
    assert len(made_after) == 10
    assert [item.number for item in pickle.loads(data)] == list(range(20_000))
