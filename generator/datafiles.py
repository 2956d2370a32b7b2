"""Every file a build publishes besides its pages: Atom feeds, iCalendar files, open data.

Returned as {path under the site: bytes} for an edition, without MkDocs: the adapter only
writes them, so another generator could do the same. `DataFilesJob` renders them on another
core while the generator renders the pages, as the search index does.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from pathlib import Path

from generator.calendars import render_calendars
from generator.feeds import render_feeds
from generator.opendata import render_open_data
from generator.pages.edition import Edition
from generator.publication import Publisher


def render_data_files(edition: Edition, site_name: str, site_url: str | None) -> dict[str, bytes]:
    publisher = Publisher(site_name, site_url or None)
    files = render_feeds(edition, publisher)
    files.update(render_calendars(edition, publisher))
    files.update(render_open_data(edition, publisher))
    return files


def write_data_files(edition: Edition, site_name: str, site_url: str | None, folder: Path) -> None:
    for path, data in render_data_files(edition, site_name, site_url).items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


class DataFilesJob:
    """Writes the data files into a folder beside the site while the pages are rendered, then
    moves them in (one rename each: the folder is on the same disk). Without fork, the files
    are rendered when the build finishes."""

    def __init__(
        self, edition: Edition, site_name: str, site_url: str | None, site_dir: Path
    ) -> None:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=".portal-data-", dir=site_dir.parent))
        self.args = (edition, site_name, site_url, self.staging)
        self.process: multiprocessing.process.BaseProcess | None = None
        if "fork" in multiprocessing.get_all_start_methods():
            self.process = multiprocessing.get_context("fork").Process(
                target=write_data_files, args=self.args, daemon=True
            )
            self.process.start()

    def finish(self, site_dir: Path) -> None:
        try:
            if self.process is None:
                write_data_files(*self.args)
            else:
                self.process.join()
                if self.process.exitcode != 0:
                    raise RuntimeError(f"data files failed (exit {self.process.exitcode})")
            for folder, _, names in os.walk(self.staging):
                target = site_dir / Path(folder).relative_to(self.staging)
                target.mkdir(parents=True, exist_ok=True)
                for name in names:
                    os.replace(Path(folder) / name, target / name)
        finally:
            shutil.rmtree(self.staging, ignore_errors=True)

    def cancel(self) -> None:
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
            self.process.join()
        shutil.rmtree(self.staging, ignore_errors=True)
