"""Every file a build publishes besides its pages: Atom feeds, iCalendar files, open data.

Returned as {path under the site: bytes} for an edition, without MkDocs: the adapter only
writes them, so another generator could do the same. `DataFilesJob` writes them from another
core while the generator renders the pages, as the search index is built.
"""

from __future__ import annotations

import gc
import multiprocessing
from pathlib import Path

from generator.calendars import render_calendars
from generator.feeds import render_feeds
from generator.opendata import render_open_data
from generator.pages.edition import Edition
from generator.processes import die_with_parent
from generator.publication import Publisher


def render_data_files(edition: Edition, site_name: str, site_url: str | None) -> dict[str, bytes]:
    publisher = Publisher(site_name, site_url or None)
    files = render_feeds(edition, publisher)
    files.update(render_calendars(edition, publisher))
    files.update(render_open_data(edition, publisher))
    return files


def write_data_files(edition: Edition, site_name: str, site_url: str | None, folder: Path) -> None:
    made: set[Path] = set()
    for path, data in render_data_files(edition, site_name, site_url).items():
        target = folder / path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(data)


def _write_in_child(edition: Edition, site_name: str, site_url: str | None, folder: Path) -> None:
    die_with_parent()  # and end quietly when the preview cancels it
    # The cyclic collector would walk, and so copy, the whole heap shared with the parent
    # (the site, the pages) for garbage this short-lived process never needs collected.
    gc.disable()
    write_data_files(edition, site_name, site_url, folder)


class DataFilesJob:
    """Writes the data files into the site folder from another process while the generator
    writes the pages (the names never meet: feed.xml, *.ics, api/). Start it once the folder
    has been cleaned. Without fork, the files are written when the build finishes."""

    def __init__(
        self, edition: Edition, site_name: str, site_url: str | None, site_dir: Path
    ) -> None:
        self.args = (edition, site_name, site_url, site_dir)
        self.process: multiprocessing.process.BaseProcess | None = None
        if "fork" in multiprocessing.get_all_start_methods():
            self.process = multiprocessing.get_context("fork").Process(
                target=_write_in_child, args=self.args, daemon=True
            )
            self.process.start()

    def finish(self) -> None:
        if self.process is None:
            write_data_files(*self.args)
            return
        self.process.join()
        if self.process.exitcode != 0:
            raise RuntimeError(f"data files failed (exit {self.process.exitcode})")

    def cancel(self) -> None:
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
            self.process.join()
