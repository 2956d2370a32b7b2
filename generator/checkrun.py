"""`portal check`: every diagnostic of a site, without keeping its documents.

A check needs each file's own diagnostics, a registry of every document, each document's rules
against that registry and the rules across documents. None of it needs whole documents in one
place, so:

- *Cold* (no usable snapshot, or many files changed), the files are shared among forked
  workers, which read them, keep their documents, and send back only each file's diagnostics
  and ``Facts`` (a few tuples); this process sends every worker the registry's entries, and each
  checks its own documents against them. No document is pickled, and no worker is forked twice.
- *Warm*, a signed snapshot in ``.portal-cache/`` holds, for every file, what it was (size,
  time, SHA-256) and its diagnostics (the summary), each document's facts and what its rules
  looked up (``check.facts.Checked``, in shards by path) and the registry of every document.
  Files whose bytes changed are read again; a document whose rules looked up a key under which
  the registry now finds other documents (or whose "did you mean" may answer otherwise) is
  read and checked again; the rest is reused. An edit that changes no document's facts (a
  body, most of a frontmatter) reads only the summary, the registry and the edited files'
  shards; one that does reads every shard, and files the registry again only when what it
  files a document under changed. The rules across documents run when some facts changed.

Either way the diagnostics are those of ``site.read_site``, in the same order
(``tests/test_sitecheck.py``).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import itertools
import os
import pickle
import zlib
from array import array
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from generator.cache import SignedWriter, code_version, load_signed
from generator.check import check_across, check_files, check_item
from generator.check.facts import (
    TODAY,
    Checked,
    Facts,
    answer_may_change,
    changed_tokens,
    facts_of,
    respelled,
)
from generator.check.references import remember_suggestions
from generator.diagnostics import Diagnostic, Findings, sort_key
from generator.load import Inventory, Listing, SourceFile, scan_content, unchanged_inventory
from generator.model import Document, Page
from generator.patterns import keep_programs, kept_programs
from generator.petitions import PetitionConfig, load_config
from generator.processes import bulk_allocation as _bulk_allocation
from generator.processes import die_with_parent, forking, usable_cores
from generator.registry import Registry
from generator.siteroot import SiteRoot

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

# As `site.PARALLEL_THRESHOLD`: below this many files to read, workers cost more than they save.
PARALLEL_THRESHOLD = 400


def _can_fork() -> bool:
    from generator.site import _can_fork as can_fork

    return can_fork()


def _read_one(path: str | Path, rel: str, bodies: bool) -> Any:
    """``site._read_one``, imported when a file must be read: a check of an unchanged site
    imports none of the reading stages (YAML, Markdown, the citation grammar)."""
    from generator.site import _read_one as read_one

    return read_one(path, rel, bodies)


_KIND = "sitecheck"

Stamp = tuple[int, int, str]  # size, modification time, SHA-256 of a file's bytes


@dataclass
class CheckReport(Findings):
    """What `portal check` prints: the diagnostics and how many files were documents."""

    root: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    page_count: int = 0


# The per-file part of the snapshot is kept in this many files, by a hash of the file's path:
# after an edit only the shards of the files checked again are written.
SHARDS = 64


@functools.lru_cache(maxsize=1 << 17)
def _shard_of(rel: str) -> int:
    return zlib.crc32(rel.encode("utf-8", "surrogateescape")) % SHARDS


class Stamps:
    """Each Markdown file's stamp, as the summary keeps them: sizes, times and SHA-256
    digests packed in three arrays in scan order, which load and save in a fraction of the
    time of ten thousand tuples. A stamp changes in place while the files stay the same; a
    new file's is kept aside until the next save packs the arrays again."""

    def __init__(self, order: list[str], packed: tuple[bytes, bytes, bytes] | None = None):
        self.order = order
        self.sizes, self.times = array("q"), array("q")  # size -1: no stamp (unreadable)
        self.digests = bytearray()
        if packed is not None:
            self.sizes.frombytes(packed[0])
            self.times.frombytes(packed[1])
            self.digests[:] = packed[2]
        if not len(self.sizes) == len(self.times) == len(self.digests) / 32 == len(order):
            raise ValueError("stamps and files differ")
        self._place: dict[str, int] | None = None
        self.aside: dict[str, Stamp | None] = {}

    @property
    def place(self) -> dict[str, int]:
        if self._place is None:
            self._place = dict(zip(self.order, range(len(self.order)), strict=True))
        return self._place

    def get(self, rel: str) -> Stamp | None:
        if rel in self.aside:
            return self.aside[rel]
        index = self.place.get(rel)
        if index is None or self.sizes[index] < 0:
            return None
        digest = self.digests[index * 32 : index * 32 + 32]
        return self.sizes[index], self.times[index], digest.hex()

    def set(self, rel: str, stamp: Stamp | None) -> None:
        index = self.place.get(rel)
        if index is None or rel in self.aside:
            self.aside[rel] = stamp
        elif stamp is None:
            self.sizes[index] = -1
        else:
            self.sizes[index], self.times[index] = stamp[0], stamp[1]
            self.digests[index * 32 : index * 32 + 32] = bytes.fromhex(stamp[2])

    def pack(self, order: list[str]) -> tuple[bytes, bytes, bytes]:
        if order != self.order or self.aside:
            stamps = [self.get(rel) for rel in order]
            self.order, self._place, self.aside = order, None, {}
            self.sizes = array("q", (-1 if s is None else s[0] for s in stamps))
            self.times = array("q", (0 if s is None else s[1] for s in stamps))
            digests = (bytes(32) if s is None else bytes.fromhex(s[2]) for s in stamps)
            self.digests = bytearray(b"".join(digests))
        return self.sizes.tobytes(), self.times.tobytes(), bytes(self.digests)

    def stale(self, files: list[SourceFile]) -> list[SourceFile]:
        """The files whose bytes are not those stamped (new files included)."""
        if [rel for _, rel in files] != self.order or self.aside:
            return [(path, rel) for path, rel in files if not _fresh(path, self.get(rel))]
        # One stat a file is most of a check after an edit: made by ``map`` (no Python call
        # a file), each result dropped at once (a list of ten thousand costs page faults).
        found = []
        sizes, times = self.sizes, self.times
        paths = [path for path, _ in files]
        try:
            for index, status in enumerate(map(os.stat, paths)):
                if status.st_mtime_ns != times[index] or status.st_size != sizes[index]:
                    found.append(files[index])
        except OSError:  # a file went: each one on its own
            return [(path, rel) for path, rel in files if not _fresh(path, self.get(rel))]
        return [(path, rel) for path, rel in found if not _fresh(path, self.get(rel))]


@dataclass
class Shard:
    """What a check found per file, for the documents of one shard: what only a change of
    the registry or of another document's facts needs (a check after a body edit reads the
    edited file's shard alone)."""

    facts: dict[str, Facts] = field(default_factory=dict)  # documents
    asked: dict[str, tuple[tuple[str, str | None], ...]] = field(default_factory=dict)
    # Each key the rules looked up (``Registry.trace``), and the files whose rules did. Only
    # ever grows between cold checks: a file listed once too often is checked once too often.
    index: dict[str, set[str]] = field(default_factory=dict)

    def pickled_facts(self) -> bytes:
        # Plain tuples: a NamedTuple pickles and unpickles through Python code, one call each.
        plain = {rel: tuple(facts) for rel, facts in self.facts.items()}
        return pickle.dumps(plain, protocol=pickle.HIGHEST_PROTOCOL)

    def dump(self, facts: bytes | None = None) -> dict[str, Any]:
        """What the snapshot keeps; the facts pickled apart (``facts``, when the caller
        pickled them already: a cold check does while its workers are still checking)."""
        plain = dict(vars(self))
        plain["facts"] = self.pickled_facts() if facts is None else facts
        return plain

    @classmethod
    def load(cls, data: Any) -> Shard | None:
        if not isinstance(data, dict) or set(data) != set(cls.__dataclass_fields__):
            return None
        if not isinstance(data["facts"], bytes):
            return None
        facts = pickle.loads(data["facts"])  # signed with the rest of the shard
        data["facts"] = dict(zip(facts, map(_as_facts, facts.values()), strict=True))
        return cls(**data)


# The parts of the snapshot that only live in memory (not in its summary).
_UNSAVED = ("shards", "dirty", "moved", "registry", "relisted")


@dataclass
class State:
    """Every file as the last check saw it: the snapshot. The summary (this object but its
    shards and registry) is all a check of an unchanged site reads; after a body edit, the
    registry and the edited file's shard are read too, and all shards only when an edit
    changed what the registry files a document under or the facts the rules across
    documents compare.
    """

    day: date
    config: PetitionConfig  # mkdocs.yml's petition options
    generation: str = ""  # pairs the summary with its shards
    # The save (a random token) that last wrote each part, each shard then the registry: a
    # part written by a save whose summary never was (a check stopped half-way, another
    # check at the same time) does not match, and the check starts afresh.
    parts: list[str] = field(default_factory=lambda: [""] * (SHARDS + 1))
    order: list[str] = field(default_factory=list)  # Markdown files, root-relative, scanned
    stamps: Stamps = field(default_factory=lambda: Stamps([]))  # none: read again every time
    pages: set[str] = field(default_factory=set)  # plain pages
    own: dict[str, tuple[Diagnostic, ...]] = field(default_factory=dict)  # load, model, body
    found: dict[str, tuple[Diagnostic, ...]] = field(default_factory=dict)  # rules vs registry
    # Every diagnostic but the content folder's own and A001's, in their final order.
    answer: tuple[Diagnostic, ...] = ()
    across: tuple[Diagnostic, ...] = ()  # the rules across documents'
    attached: tuple[Facts, ...] = ()  # documents with attachments (A001 looks every time)
    # The grammars this process compiled (``patterns.kept_programs``): the next check reads
    # an edited file without compiling them again.
    programs: dict[tuple[str, int], tuple[Any, ...]] = field(default_factory=dict)
    # content/'s folders as last walked, and its assets (``load.Listing``): a check after an
    # edit that added or removed no file walks no folder.
    listing: tuple[Listing, tuple[str, ...]] | None = None
    shards: list[Shard | None] = field(default_factory=list)  # None: not read
    dirty: set[int] = field(default_factory=set)  # shards changed since read
    moved: bool = False  # a document's facts changed: the rules across documents run again
    registry: Registry | None = None  # every document's registry entry, in scan order
    relisted: bool = False  # the registry changed since read

    def shard(self, rel: str) -> Shard:
        number = _shard_of(rel)
        self.dirty.add(number)
        shard = self.shards[number]
        assert shard is not None, rel  # the shards of the files a check touches are read
        return shard

    def facts_of(self, rel: str) -> Facts | None:
        shard = self.shards[_shard_of(rel)]
        assert shard is not None, rel
        return shard.facts.get(rel)

    def keep(self, rel: str, stamp: Stamp | None, item: Document | Page | None, own: list) -> None:
        """A file just read (or gone, with None): what concerns it alone."""
        self.stamps.set(rel, stamp)
        self.pages.discard(rel)
        shard = self.shard(rel)
        old = shard.facts.pop(rel, None)
        self.own.pop(rel, None)
        if own:
            self.own[rel] = tuple(own)
        if isinstance(item, Page):
            self.pages.add(rel)
        elif isinstance(item, Document):
            shard.facts[rel] = facts_of(item)
        self.moved = self.moved or old != shard.facts.get(rel)

    def keep_plain(self, rel: str, stamp: Stamp | None, page: bool, own: Any, facts: Any) -> None:
        """As ``keep``, from what a worker sent (facts as a plain tuple)."""
        self.stamps.set(rel, stamp)
        if own:
            self.own[rel] = tuple(own)
        if page:
            self.pages.add(rel)
        elif facts is not None:
            self.shard(rel).facts[rel] = _as_facts(facts)

    def note(self, rel: str, checked: Checked | None) -> None:
        """A file's rules against the registry, just run (None: it has none, unreadable)."""
        shard = self.shard(rel)
        self.found.pop(rel, None)
        shard.asked.pop(rel, None)
        if checked is None:
            return
        if checked.diagnostics:
            self.found[rel] = checked.diagnostics
        if checked.asked:
            shard.asked[rel] = checked.asked
        for token in checked.tokens:
            shard.index.setdefault(token, set()).add(rel)

    def facts(self) -> list[Facts]:
        """Every document's facts, in scan order (every shard read)."""
        found = []
        for rel in self.order:
            facts = self.facts_of(rel)
            if facts is not None:
                found.append(facts)
        return found

    def listed(self) -> Registry:
        """A registry of every document's facts, kept for the next check."""
        self.registry = Registry([_as_listed(facts.listed) for facts in self.facts()])
        self.relisted = True
        return self.registry

    def summary(self) -> dict[str, Any]:
        plain = {k: v for k, v in vars(self).items() if k not in _UNSAVED}
        plain["attached"] = [tuple(facts) for facts in self.attached]
        plain["stamps"] = self.stamps.pack(self.order)
        return plain

    @classmethod
    def load(cls, data: Any) -> State | None:
        fields = set(cls.__dataclass_fields__) - set(_UNSAVED)
        if not isinstance(data, dict) or set(data) != fields:
            return None
        data["attached"] = tuple(map(_as_facts, data["attached"]))
        try:
            data["stamps"] = Stamps(data["order"], data["stamps"])
        except (TypeError, ValueError):
            return None
        state = cls(**data)
        state.shards = [None] * SHARDS
        return state


_as_facts = functools.partial(tuple.__new__, Facts)


class Snapshot:
    """The signed files of the snapshot in `.portal-cache/`: a summary, its shards and its
    registry."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.version = code_version(root, _KIND)

    def name(self, part: int | None = None) -> str:
        if part is None:
            return f"{_KIND}-{self.version}.pickle"
        suffix = "rg" if part == SHARDS else f"{part:02d}"
        return f"{_KIND}-{self.version}-{suffix}.pickle"

    def summary(self) -> State | None:
        return State.load(load_signed(self.root, self.name()))

    def _part(self, state: State, part: int) -> Any:
        """A shard's or the registry's stored value, or None if it is not the one the
        summary's last save wrote."""
        stored = load_signed(self.root, self.name(part))
        if (
            not isinstance(stored, tuple)
            or len(stored) != 3
            or stored[:2] != (state.generation, state.parts[part])
        ):
            return None
        return stored[2]

    def shards(self, state: State, wanted: Iterable[int] = range(SHARDS)) -> bool:
        """Read these shards into ``state`` (those not read yet); False if one is missing or
        not of this summary."""
        for number in wanted:
            if state.shards[number] is None:
                shard = Shard.load(self._part(state, number))
                if shard is None:
                    return False
                state.shards[number] = shard
        return True

    def registry(self, state: State) -> bool:
        """Read the registry into ``state``; False if it is missing or not of this summary."""
        registry = self._part(state, SHARDS)
        if not isinstance(registry, Registry):
            return False
        state.registry = registry
        return True

    def save(self, state: State, everything: bool) -> None:
        """Write the shards that changed (all of them for a new generation) and the registry
        if it did, then the summary (see ``Saving``)."""
        self.saving(state, everything).finish()

    def saving(self, state: State, everything: bool) -> Saving:
        return Saving(self, state, everything)


class Saving:
    """One save of the snapshot: its parts (the shards that changed, the registry if it
    did), then the summary. A check that stops between the two leaves parts that do not
    match the summary: the next one starts afresh. Other versions' files go when a new
    generation is written. A part may be written early (``part``): a cold check writes the
    registry while its workers are still checking their documents."""

    def __init__(self, snapshot: Snapshot, state: State, everything: bool) -> None:
        self.snapshot, self.state, self.everything = snapshot, state, everything
        if everything:
            state.generation = os.urandom(8).hex()
            state.parts = [""] * (SHARDS + 1)
            state.dirty = set(range(SHARDS))
        self.token = os.urandom(8).hex()
        self.writer = SignedWriter(snapshot.root)
        self.written: set[int] = set()
        self.facts: dict[int, bytes] = {}  # shards' facts pickled ahead (``pickle_facts``)

    def pickle_facts(self) -> None:
        """Pickle every changed shard's facts now, while they no longer change (every file
        read) but the rules that fill the rest of the shards still run elsewhere."""
        for part in self.state.dirty:
            shard = self.state.shards[part]
            if shard is not None:
                self.facts[part] = shard.pickled_facts()

    def part(self, part: int) -> None:
        state = self.state
        value: Any = state.registry
        if part < SHARDS:
            shard = state.shards[part]
            assert shard is not None
            value = shard.dump(self.facts.pop(part, None))
        name = self.snapshot.name(part)
        stale = f"{_KIND}-*-{name[-9:]}" if self.everything else ""
        self.writer.save(name, (state.generation, self.token, value), stale)
        state.parts[part] = self.token
        self.written.add(part)

    def finish(self) -> None:
        state = self.state
        for part in sorted(state.dirty) + ([SHARDS] if state.relisted else []):
            if part not in self.written:
                self.part(part)
        stale = f"{_KIND}-????????????????????.pickle" if self.everything else ""
        self.writer.save(self.snapshot.name(), state.summary(), replaces=stale)


def check_root(root: Path, workers: int | None = None) -> CheckReport:
    layout = SiteRoot(root)
    layout.require()
    snapshot = Snapshot(root)
    state = snapshot.summary()
    inventory = _inventory(layout, state)
    files = inventory.files
    workers = workers or usable_cores()
    # The snapshot is of this mkdocs.yml (its version says so): its options stand.
    config = load_config(root) if state is None else state.config
    if state is not None:
        keep_programs(state.programs)
    today = date.today()
    stale = None if state is None else _stale(state, files)
    # Nothing changed since the summary was written: its answer stands.
    if state is None or stale or state.day != today or state.order != [r for _, r in files]:
        state = _warm(snapshot, state, files, stale, config, today, workers)
        if state is None:
            saving = _cold(snapshot, files, config, today, workers)
            state = saving.state
        else:
            saving = snapshot.saving(state, everything=False)
        _conclude(state)
        state.programs = kept_programs()
        state.listing = None
        if inventory.listing is not None:
            state.listing = (inventory.listing, tuple(inventory.assets))
        saving.finish()
    report = CheckReport(root, list(inventory.diagnostics), len(files))
    report.page_count = len(state.pages)
    report.diagnostics.extend(state.answer)
    report.diagnostics.extend(check_files(list(state.attached), root))
    report.diagnostics.sort(key=sort_key)
    return report


def _inventory(layout: SiteRoot, state: State | None) -> Inventory:
    """content/ as the snapshot's last walk of it found it, when no folder changed since
    (``load.unchanged_inventory``); walked again otherwise."""
    if state is not None and state.listing is not None:
        listing, assets = state.listing
        kept = unchanged_inventory(layout.content, layout.root, state.order, list(assets), listing)
        if kept is not None:
            return kept
    return scan_content(layout.content, layout.root)


def _conclude(state: State) -> None:
    """The answer: each file's own diagnostics, each file's rules, then the rules across
    documents (in the order ``site.assemble`` makes them; the sort is stable, so ties keep
    it). A001 and the content folder's own are added on every check."""
    if state.moved:  # every shard was read
        _across(state)
    found: list[Diagnostic] = []
    if state.own:
        for rel in state.order:
            found.extend(state.own.get(rel, ()))
    if state.found:
        for rel in state.order:
            found.extend(state.found.get(rel, ()))
    found.extend(state.across)
    found.sort(key=sort_key)
    state.answer = tuple(found)


def _across(state: State) -> None:
    """The rules across documents, over every document's facts (every shard read)."""
    facts = state.facts()
    state.across = tuple(check_across(facts))
    state.attached = tuple(f for f in facts if f.attachments)
    state.moved = False


# -- warm: from the snapshot --------------------------------------------------------------


def _fresh(path: str | Path, stamp: Stamp | None) -> bool:
    if stamp is None:
        return False
    try:
        status = os.stat(path)
    except OSError:
        return False
    if (status.st_size, status.st_mtime_ns) == stamp[:2]:
        return True
    if status.st_size != stamp[0]:
        return False
    try:
        with open(path, "rb") as stream:
            return hashlib.sha256(stream.read()).hexdigest() == stamp[2]
    except OSError:
        return False


def _stale(state: State, files: list[SourceFile]) -> list[SourceFile]:
    """The files whose bytes are not those the summary saw (new files included)."""
    return state.stamps.stale(files)


def _warm(
    snapshot: Snapshot,
    state: State | None,
    files: list[SourceFile],
    stale: list[SourceFile] | None,
    config: PetitionConfig,
    today: date,
    workers: int,
) -> State | None:
    """The snapshot brought up to date; None when a cold check is better (no snapshot, or so
    many files changed that workers read them faster)."""
    if state is None or stale is None or (workers > 1 and len(stale) >= PARALLEL_THRESHOLD):
        return None
    order = [rel for _, rel in files]
    gone = set(state.order) - set(order)
    touched = gone | {rel for _, rel in stale}
    if not snapshot.registry(state) or not snapshot.shards(state, map(_shard_of, touched)):
        return None
    before = {rel: state.facts_of(rel) for rel in touched}
    items = _read_stale(state, stale, gone)
    state.order = order
    after = {rel: state.facts_of(rel) for rel in touched}
    tokens = changed_tokens(before, after)
    lost: set[str] = set()
    added: set[str] = set()
    if any(_listed(before[rel]) != _listed(after[rel]) for rel in touched):
        # What the registry files a document under changed: every shard is needed (the
        # registry of every document's facts, the files whose rules looked up its keys).
        if not snapshot.shards(state):
            return None
        assert state.registry is not None
        spellings = state.registry.spellings
        lost, added = respelled(spellings, state.listed().spellings)
    if state.day != today:
        tokens.add(TODAY)
    state.day = today
    if (tokens or state.moved) and not snapshot.shards(state):
        return None
    again = set(items) | _affected(state, tokens, lost, added)
    return state if _recheck(state, files, items, again, config, today) else None


def _listed(facts: Facts | None) -> tuple[object, ...] | None:
    return None if facts is None else facts.listed


def _recheck(
    state: State,
    files: list[SourceFile],
    items: dict[str, Document | Page | None],
    again: set[str],
    config: PetitionConfig,
    today: date,
) -> bool:
    """Run the rules of these files against the registry again (reading those that did not
    change); False if one changed while this check ran."""
    assert state.registry is not None
    paths = {rel: path for path, rel in files} if len(again) > len(items) else {}
    for rel in [rel for rel in state.order if rel in again]:
        if rel in items:
            item = items[rel]
        elif rel in state.pages or state.facts_of(rel) is not None:
            (item, _), stamp = _read_one(paths[rel], rel, False)
            if stamp != state.stamps.get(rel):
                return False  # changed while this check ran: start afresh
        else:
            continue  # unreadable: no rules to run
        checked = None if item is None else check_item(item, state.registry, config, today)
        state.note(rel, checked)
    return True


def _read_stale(
    state: State, stale: list[SourceFile], gone: set[str]
) -> dict[str, Document | Page | None]:
    """Forget the files that went, read those that changed; their documents by path."""
    items: dict[str, Document | Page | None] = {}
    with _bulk_allocation():
        for rel in gone:
            state.keep(rel, None, None, [])
            state.note(rel, None)
        for path, rel in stale:
            (item, own), stamp = _read_one(path, rel, False)
            state.keep(rel, stamp, item, own)
            items[rel] = item
    return items


def _affected(state: State, tokens: set[str], lost: set[str], added: set[str]) -> set[str]:
    """The files whose rules looked up a key under which the registry now finds something
    else, or asked "did you mean" where the answer may now differ (every shard is read when
    there are such keys)."""
    found: set[str] = set()
    if not (tokens or lost or added):
        return found
    for shard in state.shards:
        assert shard is not None
        for token in tokens:
            found.update(shard.index.get(token, ()))
        if lost or added:
            for rel, asked in shard.asked.items():
                if answer_may_change(asked, lost, added):
                    found.add(rel)
    return found


# -- cold: forked workers that keep their documents ---------------------------------------

# The files to read, set just before the workers are forked (they inherit it).
_FILES: list[SourceFile] = []


def _cold(
    snapshot: Snapshot,
    files: list[SourceFile],
    config: PetitionConfig,
    today: date,
    workers: int,
) -> Saving:
    """Every file read and checked afresh; the save of a new snapshot of them, begun."""
    if workers <= 1 or len(files) < PARALLEL_THRESHOLD or not _can_fork():
        return snapshot.saving(_serial(files, config, today), everything=True)
    global _FILES
    _FILES = files
    try:
        with _Workers(workers, lambda conn: _work(conn, config, today)) as crew:
            return crew.run(snapshot, files, config, today)
    finally:
        _FILES = []


def _new_state(files: list[SourceFile], config: PetitionConfig, today: date) -> State:
    shards: list[Shard | None] = [Shard() for _ in range(SHARDS)]
    return State(today, config, order=[rel for _, rel in files], shards=shards)


def _serial(files: list[SourceFile], config: PetitionConfig, today: date) -> State:
    state = _new_state(files, config, today)
    items: dict[str, Document | Page | None] = {}
    with _bulk_allocation():
        for path, rel in files:
            (item, own), stamp = _read_one(path, rel, False)
            state.keep(rel, stamp, item, own)
            items[rel] = item
    state.moved = True
    registry = state.listed()
    for rel, item in items.items():
        state.note(rel, None if item is None else check_item(item, registry, config, today))
    return state


def _chunks(count: int, workers: int) -> list[tuple[int, int]]:
    """Spans of files, of up to 200, shrinking towards the end (to 25): the last spans of
    two workers then end close together, and neither waits long for the other."""
    spans = []
    start = 0
    while start < count:
        size = max(25, min(200, (count - start) // (workers * 4)))
        spans.append((start, min(start + size, count)))
        start += size
    return spans


class _Workers:
    """Forked processes, each with a pipe: spans of files are handed out as workers free up
    (the second core of a shared machine may be slower), then each checks what it read."""

    def __init__(self, count: int, target: Callable[[Connection], None]) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self.connections: list[Connection] = []
        self.processes: list[Any] = []
        with forking():
            for _ in range(count):
                mine, theirs = context.Pipe()
                process = context.Process(target=target, args=(theirs,), daemon=True)
                process.start()
                theirs.close()
                self.connections.append(mine)
                self.processes.append(process)

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        for connection in self.connections:
            with contextlib.suppress(OSError):
                connection.send(None)
            connection.close()
        for process in self.processes:
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join()

    def run(
        self, snapshot: Snapshot, files: list[SourceFile], config: PetitionConfig, today: date
    ) -> Saving:
        """The workers' answers in a new state. What this process does alone is done while
        the workers work: each span kept, and its registry entries pickled, as it comes back;
        while the workers check their documents against the registry, the rules across
        documents, the snapshot's registry (built, pickled and written) and its shards' facts
        (pickled): after the last answer only what the answers hold is left to write."""
        state = _new_state(files, config, today)
        listed = self._read(state, _chunks(len(files), len(self.connections)))
        message = pickle.dumps(("check", listed), protocol=pickle.HIGHEST_PROTOCOL)
        for connection in self.connections:
            connection.send_bytes(message)
        _across(state)
        state.listed()
        saving = snapshot.saving(state, everything=True)
        saving.part(SHARDS)
        saving.pickle_facts()
        for connection in self.connections:
            checked, programs = _answer(connection)
            keep_programs(programs)  # the grammars the workers compiled, for the next check
            for rel, one in checked.items():
                state.note(rel, Checked(*one))
        return saving

    def _read(self, state: State, spans: list[tuple[int, int]]) -> list[bytes]:
        """Hand out the spans as workers free up, keeping each share in span order as it
        comes back (the shares are kept in the order of the files, as one process would).
        Returns the registry entries of the shares' documents, pickled a share at a time in
        the same order: the workers' registry, sent without a pickling pass after the last."""
        from multiprocessing.connection import wait

        waiting = deque(enumerate(spans))
        shares: dict[int, list[Any]] = {}
        listed: list[bytes] = []
        for _ in range(2):  # one span ahead, so that no worker waits for the next
            for connection in self.connections:
                if waiting:
                    connection.send(("read", *waiting.popleft()))
        kept = 0
        while kept < len(spans):
            for connection in wait(self.connections):
                index, share = _answer(connection)
                if waiting:
                    connection.send(("read", *waiting.popleft()))
                shares[index] = share
            with _bulk_allocation():
                while kept in shares:
                    share = shares.pop(kept)
                    for rel, stamp, page, own, facts in share:
                        state.keep_plain(rel, stamp, page, own, facts)
                    entries = [facts[:9] for *_, facts in share if facts is not None]
                    listed.append(pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL))
                    kept += 1
        return listed


def _answer(connection: Connection) -> Any:
    try:
        kind, *answer = connection.recv()
    except EOFError:
        raise RuntimeError("một tiến trình kiểm tra dừng bất thường") from None
    if kind == "error":
        raise RuntimeError(f"lỗi trong tiến trình kiểm tra:\n{answer[0]}")
    return answer


def _work(connection: Connection, config: PetitionConfig, today: date) -> None:
    """A worker: read the spans it is given, keep their documents, then check them."""
    die_with_parent()
    gc.disable()  # what it builds holds no cycles; it ends when the check does
    items: dict[str, Document | Page] = {}
    try:
        while (message := connection.recv()) is not None:
            if message[0] == "read":
                _, index, (start, end) = message
                connection.send(("share", index, _read_share(_FILES[start:end], items)))
            else:
                entries = itertools.chain.from_iterable(map(pickle.loads, message[1]))
                registry = Registry(map(_as_listed, entries))
                remember_suggestions(registry)  # this registry is neither changed nor saved
                checked = {
                    rel: tuple(check_item(i, registry, config, today)) for rel, i in items.items()
                }
                connection.send(("checked", checked, kept_programs()))
    except EOFError:
        return
    except Exception:
        import traceback

        connection.send(("error", traceback.format_exc(limit=-5)))
    finally:
        os._exit(0)


def _read_share(files: list[SourceFile], items: dict[str, Document | Page]) -> list[Any]:
    """Each file's own diagnostics and facts, as plain tuples; its document is kept here."""
    share = []
    for path, rel in files:
        (item, own), stamp = _read_one(path, rel, False)
        facts = tuple(facts_of(item)) if isinstance(item, Document) else None
        share.append((rel, stamp, isinstance(item, Page), own, facts))
        if item is not None:
            items[rel] = item
    return share


# The registry's part of ``Facts`` (its first nine fields, ``registry.Listed``), all a worker
# needs of the documents it did not read: derived from ``Facts``, so the two cannot drift.
_ListedFields = NamedTuple(  # type: ignore[misc]
    "_ListedFields", [(name, Facts.__annotations__[name]) for name in Facts._fields[:9]]
)


class _Listed(_ListedFields):
    __slots__ = ()
    published = Facts.published

    def __reduce__(self) -> tuple[Any, ...]:
        # Made again by ``tuple.__new__`` (C), not by the NamedTuple's ``__new__`` (Python
        # code, one call each): the snapshot's registry holds one of these a document.
        return (tuple.__new__, (_Listed, tuple(self)))


_as_listed = functools.partial(tuple.__new__, _Listed)
