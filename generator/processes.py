"""Worker processes that never outlive the command that started them.

A build killed with SIGKILL cannot stop its workers itself; on Linux the kernel can, if each
worker asks to be sent SIGKILL when its parent dies (prctl PR_SET_PDEATHSIG). Elsewhere the
workers end when they next find their work queue closed.
"""

from __future__ import annotations

import copyreg
import gc
import io
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:  # multiprocessing and subprocess are imported only where a process starts
    import subprocess
    from multiprocessing.process import BaseProcess

_PR_SET_PDEATHSIG = 1
_PR_SET_NAME = 15


# Forks under way in this process, and whether a stop came meanwhile (see `forking`).
_forks_under_way = 0
_stop_held = False


def usable_cores() -> int:
    """The cores this process may run on: its CPU affinity where the system has one (a
    container or `taskset` limited to one core gets no workers, which would only take turns
    with the main process and pay for pickling), else every core of the machine."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


class Stopped(KeyboardInterrupt):
    """A stop (Ctrl+C, SIGTERM, SIGHUP) as the preview raises it (and `forking` one it held
    back): caught as Ctrl+C is.

    Not KeyboardInterrupt itself, because CPython marks the process as ended by Ctrl+C
    whenever exactly that type leaves code run by ``exec`` or ``eval`` from a string (as
    dataclasses and namedtuple define their methods, on the imports of the first build), even
    if it is caught further up: at exit, after a clean stop and its clean-up, the interpreter
    then killed itself with SIGINT (status -2, nothing said). Its check is by identity, so a
    subclass never sets that mark.
    """


@contextmanager
def forking() -> Iterator[None]:
    """Where this process forks: a stop (Ctrl+C, SIGTERM) that comes meanwhile is raised on
    the way out, not inside the fork.

    os.fork runs Python's at-fork hooks (logging takes its lock before and releases it after),
    and CPython prints, then drops, an exception raised inside one: a stopped preview went on
    with logging's lock still held, and hung at the next thread that logged. A stop's handler
    asks `hold_stop_while_forking` first, and leaves the raising to this.
    """
    global _forks_under_way, _stop_held
    _forks_under_way += 1
    try:
        yield
    finally:
        _forks_under_way -= 1
        if not _forks_under_way and _stop_held:
            _stop_held = False
            raise Stopped


def hold_stop_while_forking() -> bool:
    """For a stop's signal handler: True if a fork is under way, in which case the stop is
    noted and `forking` raises it once the fork is done."""
    global _stop_held
    if _forks_under_way:
        _stop_held = True
    return bool(_forks_under_way)


def die_with_parent(parent: int | None = None) -> None:
    """Ask the kernel to kill this process when its parent ends (Linux only; else nothing).
    ``parent``, the pid the parent had: this process ends now if it has already gone.

    A forked worker also inherits the parent's handlers, which turn SIGTERM into Ctrl+C for a
    clean stop (build._signals_interrupt): in a worker that would print a traceback when the
    parent cancels it. A worker simply ends on SIGTERM, and leaves Ctrl+C to its parent.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if parent is not None and os.getppid() != parent:
        os._exit(1)
    if not sys.platform.startswith("linux"):
        return
    if parent is None:
        parent = os.getppid()
    import ctypes  # here: a check that starts no worker need not load it

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


@contextmanager
def bulk_allocation() -> Iterator[None]:
    """Pause the cyclic garbage collector while tens of thousands of objects are built.

    Its collections rescan the growing heap again and again (half the time of a large check
    went there); the objects built here hold no reference cycles that would need it.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def name_process(name: str) -> None:
    """Name this process as ``ps`` and /proc/<pid>/comm show it (Linux, 15 bytes; else
    nothing): the benchmarks tell the build's jobs apart by it (benchmarks/run.py)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes  # here, as in die_with_parent

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_NAME, ctypes.c_char_p(name.encode()[:15]), 0, 0, 0)
    except (OSError, AttributeError):
        return


def _named(name: str, target: Callable[..., None], *args: object) -> None:
    name_process(name)
    target(*args)


def start_forked(
    target: Callable[..., None], args: tuple[object, ...], name: str = ""
) -> BaseProcess:
    """A forked process running ``target(*args)``, named ``name``. The objects that exist now
    are frozen out of the cyclic collector first, so that the child's collections do not walk,
    and so copy, the memory it shares with this process; they are unfrozen here once it has
    started."""
    import multiprocessing

    gc.freeze()
    try:
        process = multiprocessing.get_context("fork").Process(
            target=_named, args=(name, target, *args), daemon=True
        )
        with forking():
            process.start()
    finally:
        gc.unfreeze()
    return process


# By type, what an object is pickled as: (callable, arguments, state), as `copyreg.pickle`.
Reducers = Mapping[type, Callable[[Any], tuple[object, ...]]]


class Job:
    """``target(*payload)`` run in another process while this one goes on.

    ``fresh``: a new interpreter that holds nothing of this process but the payload, pickled
    and written to its standard input by a thread of this one, so that the caller goes on
    meanwhile. A forked job counts its parent's pages in its own memory (its page tables map
    them all) and copies those it touches: summed over processes, a build's two jobs cost
    their parent twice more. Otherwise forked: the preview restarts its jobs after every save
    from a server that holds the site already, where pickling it each time would cost more.
    A fresh job is a session of its own, so that Ctrl+C in the terminal reaches only this
    process, which cancels it; and it dies with this process (`die_with_parent`: strictly,
    with the thread that started it, so start it from one that outlives it, as the build's
    main thread does).
    """

    def __init__(
        self,
        target: Callable[..., None],
        payload: tuple[object, ...],
        name: str,
        fresh: bool,
        about: str = "",
        reducers: Reducers | None = None,
    ) -> None:
        """``name`` names the process; ``about`` (what it writes) is shown after it by ``ps``.
        ``reducers``: how a fresh job's payload pickles the objects of these types (as
        ``copyreg.pickle`` would, for this payload only), so that less is sent than they hold."""
        self.sender: threading.Thread | None = None
        self.forked: BaseProcess | None = None
        self.fresh: subprocess.Popen[bytes] | None = None
        if not fresh:
            self.forked = start_forked(target, payload, name)
            return
        # What is written first is read before anything of this package is imported: the
        # same module search path as this process's.
        import subprocess  # here: `portal check` imports this module but starts no job

        data = pickle.dumps(sys.path) + _pickled((target, payload), reducers or {})
        self.fresh = subprocess.Popen(
            [sys.executable, "-c", _FRESH_MAIN, name, str(os.getpid()), about],
            stdin=subprocess.PIPE,
            start_new_session=True,
        )
        assert self.fresh.stdin is not None
        self.sender = threading.Thread(target=_send, args=(self.fresh.stdin, data), daemon=True)
        self.sender.start()

    def join(self) -> int | None:
        """Wait for the job; its exit code (negative: the signal that ended it)."""
        if self.sender is not None:
            self.sender.join()
        if self.fresh is not None:
            return self.fresh.wait()
        assert self.forked is not None
        self.forked.join()
        return self.forked.exitcode

    def cancel(self) -> None:
        if self.fresh is not None and self.fresh.poll() is None:
            self.fresh.terminate()
        if self.forked is not None and self.forked.is_alive():
            self.forked.terminate()
        self.join()


def _pickled(payload: object, reducers: Reducers) -> bytes:
    """The payload's bytes, the cyclic collector paused: what a reducer makes is held by the
    pickler's memo until the end, and would otherwise set off collections of the whole heap
    of the process that sends it (a build's, at 30,000 documents a second or more).

    The pickler, and with it its memo, goes before the collector is let go: the collector
    counts objects made less those freed, and the tens of thousands the reducers made, still
    held, set off a collection of them all at the first allocation after (0.12 s of a build
    at 10,000 documents), which found nothing to free."""
    stream = io.BytesIO()
    pickler = pickle.Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL)
    if reducers:
        pickler.dispatch_table = {**copyreg.dispatch_table, **reducers}
    with bulk_allocation():
        pickler.dump(payload)
        del pickler
    return stream.getvalue()


_FRESH_MAIN = "import pickle, sys; sys.path[:] = pickle.load(sys.stdin.buffer); " + (
    "from generator.processes import run_fresh; run_fresh(sys.argv[1], int(sys.argv[2]))"
)


def _send(stream: IO[bytes], data: bytes) -> None:
    try:
        stream.write(data)  # the lock is let go while the pipe is written
    except OSError:  # the job was cancelled, or died: its exit code says so
        pass
    finally:
        with suppress(OSError):
            stream.close()


def run_fresh(name: str, parent: int) -> None:
    """A fresh job's main: the payload is unpickled as it comes (never held whole beside
    what it makes), then run. A payload cut short means the parent was stopped or cancelled
    the job: nothing to report. Once the target has returned, the process ends at once:
    freeing every object of its payload one by one, as the interpreter does on its way out,
    would only cost time (the target closes what it writes)."""
    name_process(name)
    die_with_parent(parent)
    # Nothing this short-lived process makes needs the cyclic collector.
    gc.disable()
    try:
        target, payload = pickle.load(sys.stdin.buffer)
    except (EOFError, pickle.UnpicklingError):
        sys.exit(1)
    target(*payload)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
