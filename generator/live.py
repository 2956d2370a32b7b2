"""A site read once and then kept up to date file by file, for the preview.

`portal serve` used to read, check and render the whole site on every save: 45–80 s at 10,000
documents. ``LiveSite`` keeps each Markdown file's own result (load, model, body checks,
citations: everything ``site.read_file`` does) with the file's size, time and SHA-256; on a
save only the files whose bytes changed are read again. The rules against the registry run
again only for the edited files and for those whose rules looked up a key under which the
registry now finds something else (``check.facts``, as `portal check`'s snapshot does); the
rules across documents run over every document's facts, and only when some document's facts
changed. A file added, removed or renamed, or a changed asset, is reported as a change of
structure: the caller then reads everything again, which is always correct.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator.check import check_across, check_files, check_item
from generator.check.facts import TODAY, Checked, Facts, changed_tokens, facts_of, respelled
from generator.check.facts import answer_may_change as _answer_may_change
from generator.diagnostics import Diagnostic, sort_key
from generator.load import scan_content
from generator.model import Document, Page
from generator.petitions import load_config
from generator.processes import usable_cores
from generator.registry import Registry
from generator.site import FileResult, Site, _read_files, read_file
from generator.siteroot import SiteRoot


@dataclass(frozen=True)
class Stamp:
    size: int
    mtime_ns: int
    sha256: str


def _stamp(path: str) -> Stamp:
    status = os.stat(path)
    with open(path, "rb") as stream:
        return Stamp(status.st_size, status.st_mtime_ns, hashlib.sha256(stream.read()).hexdigest())


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
    # What the last ``site()`` found, to redo only what the files read since then change.
    rules: _Rules | None = None
    pending: set[str] = field(default_factory=set)  # read again since the last ``site()``

    @classmethod
    def read(cls, root: Path, workers: int | None = None) -> LiveSite:
        SiteRoot(root).require()
        live = cls(root)
        inventory = scan_content(SiteRoot(root).content, root)
        live.inventory = inventory.diagnostics
        live.assets = live._asset_stamps(inventory.assets)
        files = inventory.files
        live.order = [relpath for _, relpath in files]
        # Stamped before reading: a save while reading shows as a change next time.
        for path, relpath in files:
            # Unreadable: read_file reports it, and it is read again every time.
            with contextlib.suppress(OSError):
                live.stamps[relpath] = _stamp(path)
        results = _read_files(files, workers or usable_cores(), True)
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
        order = [relpath for _, relpath in inventory.files]
        if order != self.order or inventory.diagnostics != self.inventory:
            return None
        if self._asset_stamps(inventory.assets) != self.assets:
            return None
        changed: set[str] = set()
        self.replaced = {}
        for path, relpath in inventory.files:
            old = self.stamps.get(relpath)
            try:
                status = os.stat(path)
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
        self.pending |= changed
        return changed

    def site(self) -> Site:
        """The whole site as ``read_site`` makes it, from the results in memory: the same
        documents, registry and diagnostics, in the same order."""
        site = Site(self.root)
        site.assets = sorted(self.assets)
        site.diagnostics.extend(self.inventory)
        site.files = len(self.order)
        for relpath in self.order:
            item, diagnostics = self.results[relpath]
            site.diagnostics.extend(diagnostics)
            if isinstance(item, Document):
                site.documents.append(item)
            elif isinstance(item, Page):
                site.pages.append(item)
        if self.rules is None:
            site.registry = Registry(site.documents)
            self.rules = _Rules.first(self, site.registry)
        else:
            site.registry = self.rules.update(self, site.documents, self.pending)
        self.pending = set()
        site.diagnostics.extend(self.rules.diagnostics(self.order, self.root))
        site.diagnostics.sort(key=sort_key)
        return site


@dataclass
class _Rules:
    """Each file's rules against the registry and the rules across documents, as last run;
    what each file's rules looked up, to know which to run again after an edit."""

    day: date
    facts: dict[str, Facts]  # by path, documents only
    checked: dict[str, Checked]  # by path, documents and pages
    index: dict[str, set[str]]  # each key looked up, and the files whose rules did
    spellings: dict[str, str]
    across: list[Diagnostic]
    registry: Registry
    documents: dict[str, Document]  # the versions ``registry`` holds, by path

    @classmethod
    def first(cls, live: LiveSite, registry: Registry) -> _Rules:
        rules = cls(date.today(), {}, {}, {}, dict(registry.spellings), [], registry, {})
        config = load_config(live.root)
        for relpath in live.order:
            item = live.results[relpath][0]
            if isinstance(item, Document):
                rules.facts[relpath] = facts_of(item)
                rules.documents[relpath] = item
            if item is not None:
                rules.note(relpath, check_item(item, registry, config, rules.day))
        rules.across = check_across(rules.facts_in(live.order))
        return rules

    def note(self, relpath: str, checked: Checked) -> None:
        self.checked[relpath] = checked
        for token in checked.tokens:
            self.index.setdefault(token, set()).add(relpath)

    def facts_in(self, order: list[str]) -> list[Facts]:
        return [self.facts[relpath] for relpath in order if relpath in self.facts]

    def update(self, live: LiveSite, documents: list[Document], edited: set[str]) -> Registry:
        """The registry of ``documents``, and the rules an edit of ``edited`` may answer
        otherwise run again."""
        before = {relpath: self.facts.get(relpath) for relpath in edited}
        for relpath in edited:
            item = live.results[relpath][0]
            self.facts.pop(relpath, None)
            self.checked.pop(relpath, None)
            if isinstance(item, Document):
                self.facts[relpath] = facts_of(item)
        after = {relpath: self.facts.get(relpath) for relpath in edited}
        tokens = changed_tokens(before, after)
        registry = self.refile(live, documents, edited, bool(tokens))
        today = date.today()
        if today != self.day:
            tokens.add(TODAY)
            self.day = today
        config = load_config(live.root)
        for relpath in self.again(registry, edited, tokens):
            item = live.results[relpath][0] if relpath in live.results else None
            if item is not None:
                self.note(relpath, check_item(item, registry, config, today))
        if any(before[relpath] != after[relpath] for relpath in edited):
            self.across = check_across(self.facts_in(live.order))
        return registry

    def refile(
        self, live: LiveSite, documents: list[Document], edited: set[str], moved: bool
    ) -> Registry:
        """The new registry: when no edited document is filed under other keys (``moved``
        false), the old one with the new versions in place of the old."""
        pairs: list[tuple[Document, Document]] = []
        for path in edited:
            old, new = self.documents.pop(path, None), live.results[path][0]
            if isinstance(new, Document):
                self.documents[path] = new
                if old is not None:
                    pairs.append((old, new))
        self.registry = Registry(documents) if moved else self.registry.replacing(documents, pairs)
        return self.registry

    def again(self, registry: Registry, edited: set[str], tokens: set[str]) -> set[str]:
        """The files to check again: the edited ones, those whose rules looked up a key under
        which the registry now finds something else, or asked "did you mean" where the
        answer may now differ."""
        lost, added = respelled(self.spellings, registry.spellings)
        self.spellings = dict(registry.spellings)
        again = set(edited)
        for token in tokens:
            again |= self.index.get(token, set())
        if lost or added:
            again |= {
                relpath
                for relpath, checked in self.checked.items()
                if checked.asked and _answer_may_change(checked.asked, lost, added)
            }
        return again

    def diagnostics(self, order: list[str], root: Path) -> list[Diagnostic]:
        """In the order ``site.assemble`` gives them (the final sort is stable)."""
        found = [
            d
            for relpath in order
            if relpath in self.checked
            for d in self.checked[relpath].diagnostics
        ]
        facts = self.facts_in(order)
        return found + check_files(facts, root) + self.across
