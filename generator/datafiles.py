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
    edition: Edition, site_name: str, site_url: str | None, folder: Path, cache: bool = False
) -> None:
    made: set[str] = set()
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    # Ten thousand files and more: written with the system's calls, not through pathlib.
    for path, data in _data_files(edition, site_name, site_url, cache):
        target = os.path.join(folder, path)
        parent = os.path.dirname(target)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        descriptor = os.open(target, flags, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view) :]
        finally:
            os.close(descriptor)


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
