"""Every file a build publishes besides its pages: Atom feeds, iCalendar files, open data.

Returned as {path under the site: bytes} for an edition, without MkDocs: the adapter only
writes them, so another generator could do the same. `DataFilesJob` writes them from another
core while the generator renders the pages, as the search index is built.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

from generator.cache import code_version, load_signed, save_signed
from generator.calendars import render_calendars
from generator.feeds import render_feeds
from generator.opendata import iter_open_data
from generator.pages.edition import Edition
from generator.processes import Job, die_with_parent
from generator.publication import Publisher


def render_data_files(
    edition: Edition, site_name: str, site_url: str | None, cache: bool = False
) -> dict[str, bytes]:
    """With ``cache``, the serialised calendar events are kept between builds in the site's
    ``.portal-cache/`` (most of this function's cost): a build after an edit serialises only
    the events whose facts changed."""
    return dict(_data_files(edition, site_name, site_url, cache))


def _data_files(
    edition: Edition, site_name: str, site_url: str | None, cache: bool
) -> Iterator[tuple[str, bytes]]:
    """`render_data_files` file by file: the open data, most of the bytes, one at a time."""
    publisher = Publisher(site_name, site_url or None)
    yield from render_feeds(edition, publisher).items()
    root = edition.site.root
    name, older = _memo_names(root, publisher) if cache else ("", "")
    memo = load_signed(root, name) if name else None
    if name and not isinstance(memo, dict):
        memo = {}
    kept = set(memo) if memo is not None else set()
    yield from render_calendars(edition, publisher, memo).items()
    if memo is not None and set(memo) != kept:
        save_signed(root, name, memo, replaces=older)
    yield from iter_open_data(edition, publisher)


def _memo_names(root: Path, publisher: Publisher) -> tuple[str, str]:
    """The memo's file name and the pattern of its older versions: versioned by the tool's
    code, mkdocs.yml and the library that writes the events; one per site address (the
    preview's differs from the public one's)."""
    code = code_version(root, f"calendar|{version('icalendar')}")
    address = hashlib.sha256(repr(publisher).encode()).hexdigest()[:12]
    return f"calendar-{code}-{address}.pickle", f"calendar-*-{address}.pickle"


def write_data_files(
    edition: Edition,
    site_name: str,
    site_url: str | None,
    folder: Path,
    cache: bool = False,
    previous: Path | None = None,
) -> None:
    """``previous``: the site a build replaces (`portal build`). A file whose bytes are those
    of the same file there, as the previous build wrote it, is linked from it rather than
    written again (see `KeptFiles`); the files written are recorded for the next build."""
    made: set[str] = set()
    kept = KeptFiles.open(edition.site.root, previous, edition.drafts) if previous else None
    # Ten thousand files and more: written with the system's calls, not through pathlib.
    for path, data in _data_files(edition, site_name, site_url, cache):
        target = os.path.join(folder, path)
        parent = os.path.dirname(target)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        if kept is None:
            _write(target, data)
            continue
        digest = hashlib.sha256(data).digest()
        if not kept.link(path, digest, target):
            kept.wrote(path, digest, _write(target, data))
    if kept is not None:
        kept.save()


_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)


def _write(target: str, data: bytes) -> os.stat_result:
    """Write ``data`` to a new file ``target``; the file's status once written."""
    descriptor = os.open(target, _FLAGS, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
        return os.fstat(descriptor)
    finally:
        os.close(descriptor)


# What identifies a file as the one a build wrote: its SHA-256, size, modification time, inode,
# device and mode. A name linked to it keeps all of them; a file written or edited since, even
# with the same size in the same clock tick, has another inode or another time.
_Stamp = tuple[bytes, int, int, int, int, int]


def _stamp(digest: bytes, status: os.stat_result) -> _Stamp:
    return (
        digest,
        status.st_size,
        status.st_mtime_ns,
        status.st_ino,
        status.st_dev,
        status.st_mode,
    )


class KeptFiles:
    """The data files of the previous build that a build links instead of writing again.

    Most of them (one JSON per document, the calendars, the feeds of a type or topic) are
    the same after an edit. Which ones is decided by their bytes, not by what they are made
    of: each file is still computed (cheap: a tenth of the job's time), and linked from the
    previous site only if its SHA-256 is the one recorded for that file there *and* the file
    there is still the one the previous build left (size, time, inode, mode). So no input can
    be missed: a stale file cannot be linked. What it saves is the system's work: a link is
    one call on an existing inode, where a written file is an inode made, filled and closed,
    and later freed with the old site.

    The record (signed, in ``.portal-cache/``) is one per edition kind (public, drafts) and
    names the site it describes; a record of another target, or none, links nothing.
    """

    def __init__(self, root: Path, previous: Path, drafts: bool) -> None:
        self.root = root
        self.previous = str(previous)
        self.name = f"datafiles-{'drafts' if drafts else 'public'}.pickle"
        self.before: dict[str, _Stamp] = {}
        self.after: dict[str, _Stamp] = {}
        mask = os.umask(0o022)
        os.umask(mask)
        self.mode = 0o666 & ~mask  # a new file's permissions (see _write)

    @classmethod
    def open(cls, root: Path, previous: Path, drafts: bool) -> KeptFiles:
        kept = cls(root, previous, drafts)
        stored = load_signed(root, kept.name)
        if isinstance(stored, dict) and stored.get("target") == kept.previous:
            files = stored.get("files")
            kept.before = files if isinstance(files, dict) else {}
        return kept

    def link(self, path: str, digest: bytes, output: str) -> bool:
        """Put the previous build's file at ``output`` if its bytes have the SHA-256
        ``digest``; False if it must be written."""
        entry = self.before.get(path)
        if entry is None:
            return False
        old = os.path.join(self.previous, path)
        try:
            if _stamp(digest, os.stat(old, follow_symlinks=False)) != entry:
                return False  # other bytes, or not the file that build left there
            if entry[5] & 0o7777 != self.mode:
                return False  # written now, it would get other permissions
            # A second name for the same inode: nothing writes into it (the staging folder is
            # new, the job writes each name once) and the old name goes with the old site.
            os.link(old, output)
        except OSError:
            return False
        self.after[path] = entry
        return True

    def wrote(self, path: str, digest: bytes, status: os.stat_result) -> None:
        self.after[path] = _stamp(digest, status)

    def save(self) -> None:
        """Record this build's files for the next one. If this build fails, its files go
        with its staging folder and the record matches nothing (another inode)."""
        save_signed(self.root, self.name, {"target": self.previous, "files": self.after})


def _write_in_child(edition: Edition, site_name: str, site_url: str | None, folder: Path) -> None:
    die_with_parent()  # and end quietly when the preview cancels it
    # The cyclic collector would walk, and so copy, the whole heap shared with the parent
    # (the site, the pages) for garbage this short-lived process never needs collected.
    gc.disable()
    write_data_files(edition, site_name, site_url, folder, cache=True)


class DataFilesJob:
    """Writes the data files into the site folder from another process while the generator
    writes the pages (the names never meet: feed.xml, *.ics, api/). Start it once the folder
    has been cleaned. ``fresh``: a new process handed the edition, pickled, rather than
    forked from this one (see `processes.Job`). Without fork, the files are written when the
    build finishes."""

    def __init__(
        self,
        edition: Edition,
        site_name: str,
        site_url: str | None,
        site_dir: Path,
        fresh: bool = False,
    ) -> None:
        self.args = (edition, site_name, site_url, site_dir)
        self.job: Job | None = None
        if "fork" in multiprocessing.get_all_start_methods():
            self.job = Job(_write_in_child, self.args, "portal-data", fresh, str(site_dir))

    def finish(self) -> None:
        if self.job is None:
            write_data_files(*self.args, cache=True)
            return
        exitcode = self.job.join()
        if exitcode != 0:
            raise RuntimeError(f"data files failed (exit {exitcode})")

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
