"""A site read once and then kept up to date file by file, for the preview.

`portal serve` used to read, check and render the whole site on every save: 45–80 s at 10,000
documents. ``LiveSite`` keeps each Markdown file's own result (load, model, body checks,
citations: everything ``site.read_file`` does) with the file's size, time and SHA-256; on a
save only the files whose bytes changed are read again, and the site-wide checks (numbers,
citations, duplicates) run over the results in memory. A file added, removed or renamed, or a
changed asset, is reported as a change of structure: the caller then reads everything again,
which is always correct.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from generator.diagnostics import Diagnostic
from generator.load import scan_content
from generator.site import FileResult, Site, _read_files, assemble, read_file
from generator.siteroot import SiteRoot


@dataclass(frozen=True)
class Stamp:
    size: int
    mtime_ns: int
    sha256: str


def _stamp(path: Path) -> Stamp:
    status = path.stat()
    return Stamp(status.st_size, status.st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest())


@dataclass
class LiveSite:
    root: Path
    order: list[str] = field(default_factory=list)  # Markdown files, root-relative, as scanned
    results: dict[str, FileResult] = field(default_factory=dict)
    stamps: dict[str, Stamp] = field(default_factory=dict)
    assets: dict[str, tuple[int, int]] = field(default_factory=dict)  # size, time by path
    inventory: list[Diagnostic] = field(default_factory=list)
    # The results the last refresh replaced, by path.
    replaced: dict[str, FileResult] = field(default_factory=dict)

    @classmethod
    def read(cls, root: Path, workers: int | None = None) -> LiveSite:
        SiteRoot(root).require()
        live = cls(root)
        inventory = scan_content(SiteRoot(root).content, root)
        live.inventory = inventory.diagnostics
        live.assets = live._asset_stamps(inventory.assets)
        files = [(p, p.relative_to(root).as_posix()) for p in inventory.markdown]
        live.order = [relpath for _, relpath in files]
        # Stamped before reading: a save while reading shows as a change next time.
        for path, relpath in files:
            # Unreadable: read_file reports it, and it is read again every time.
            with contextlib.suppress(OSError):
                live.stamps[relpath] = _stamp(path)
        results = _read_files(files, workers or os.cpu_count() or 1, True)
        live.results = dict(zip(live.order, results, strict=True))
        return live

    def _asset_stamps(self, assets: list[str]) -> dict[str, tuple[int, int]]:
        stamps: dict[str, tuple[int, int]] = {}
        for asset in assets:
            try:
                status = (SiteRoot(self.root).content / asset).stat()
                stamps[asset] = (status.st_size, status.st_mtime_ns)
            except OSError:
                stamps[asset] = (-1, -1)
        return stamps

    def refresh(self) -> set[str] | None:
        """Read again the Markdown files whose bytes changed; their root-relative paths.

        None when the site's structure changed (a file added, removed or renamed, an asset
        changed, a link or a folder problem appeared or went): read everything again then.
        """
        inventory = scan_content(SiteRoot(self.root).content, self.root)
        order = [p.relative_to(self.root).as_posix() for p in inventory.markdown]
        if order != self.order or inventory.diagnostics != self.inventory:
            return None
        if self._asset_stamps(inventory.assets) != self.assets:
            return None
        changed: set[str] = set()
        self.replaced = {}
        for path, relpath in zip(inventory.markdown, order, strict=True):
            old = self.stamps.get(relpath)
            try:
                status = path.stat()
            except OSError:
                return None  # removed meanwhile: a change of structure
            if old is not None and (status.st_size, status.st_mtime_ns) == (
                old.size,
                old.mtime_ns,
            ):
                continue
            try:
                stamp = _stamp(path)
            except OSError:
                return None
            self.stamps[relpath] = stamp
            if old is not None and stamp.sha256 == old.sha256:
                continue  # touched, not changed
            self.replaced[relpath] = self.results[relpath]
            self.results[relpath] = read_file(path, relpath)
            changed.add(relpath)
        return changed

    def site(self) -> Site:
        """The whole site as ``read_site`` makes it, from the results in memory."""
        site = Site(self.root)
        site.assets = sorted(self.assets)
        site.diagnostics.extend(self.inventory)
        site.files = len(self.order)
        # One process: the preview's server runs threads, which forked workers would inherit.
        return assemble(site, (self.results[relpath] for relpath in self.order), workers=1)
