"""Worker processes that never outlive the command that started them.

A build killed with SIGKILL cannot stop its workers itself; on Linux the kernel can, if each
worker asks to be sent SIGKILL when its parent dies (prctl PR_SET_PDEATHSIG). Elsewhere the
workers end when they next find their work queue closed.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # multiprocessing is imported only where a process is started
    from multiprocessing.process import BaseProcess

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Ask the kernel to kill this process when its parent ends (Linux only; else nothing).

    A forked worker also inherits the parent's handlers, which turn SIGTERM into Ctrl+C for a
    clean stop (build._signals_interrupt): in a worker that would print a traceback when the
    parent cancels it. A worker simply ends on SIGTERM, and leaves Ctrl+C to its parent.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not sys.platform.startswith("linux"):
        return
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


def start_forked(target: Callable[..., None], args: tuple[object, ...]) -> BaseProcess:
    """A forked process running ``target(*args)``. The objects that exist now are frozen out
    of the cyclic collector first, so that the child's collections do not walk, and so copy,
    the memory it shares with this process; they are unfrozen here once it has started."""
    import multiprocessing

    gc.freeze()
    try:
        process = multiprocessing.get_context("fork").Process(target=target, args=args, daemon=True)
        process.start()
    finally:
        gc.unfreeze()
    return process
