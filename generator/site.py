"""Site: run load → model → check over a site root and hold the result for every later stage."""

from __future__ import annotations

import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from generator.bodytext import local_targets, mask_code
from generator.cache import FileCache, Stamp
from generator.check import check_across, check_files, check_item
from generator.check.body import check_body
from generator.check.facts import Checked, facts_of
from generator.check.petitions import petition_personal_data, petition_text
from generator.citations import extract_citations
from generator.diagnostics import Diagnostic, Findings, sort_key
from generator.frontmatter import read_model
from generator.load import SourceFile, load_file, scan_content
from generator.model import Document, Page
from generator.petitions import PetitionConfig, load_config
from generator.processes import bulk_allocation as _bulk_allocation
from generator.processes import die_with_parent, forking, usable_cores
from generator.registry import Registry
from generator.siteroot import CONFIG_FILE, CONTENT_DIR, NotASiteRoot, SiteRoot

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

# Kept importable from here for callers of `read_site`; new code takes them from `siteroot`.
__all__ = ["CONFIG_FILE", "CONTENT_DIR", "NotASiteRoot", "Site", "SiteRoot", "read_site"]


@dataclass
class Site(Findings):
    root: Path
    documents: list[Document] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0  # Markdown files read, readable or not
    assets: list[str] = field(default_factory=list)  # publishable files, relative to content/
    registry: Registry = field(default_factory=lambda: Registry([]))

    @property
    def layout(self) -> SiteRoot:
        """The root's configuration file and content folder, for the stages after this one."""
        return SiteRoot(self.root)

    @property
    def page_count(self) -> int:
        return len(self.pages)


FileResult = tuple[Document | Page | None, list[Diagnostic]]


def _can_fork() -> bool:
    import multiprocessing  # imported when needed: `portal check` reads one file without it

    return "fork" in multiprocessing.get_all_start_methods()


# Below this many files a process pool costs more than it saves.
PARALLEL_THRESHOLD = 400


def read_file(path: str | Path, relpath: str, bodies: bool = True) -> FileResult:
    """Everything that concerns one file alone: load, model, body checks, citations."""
    return _read_one(path, relpath, bodies)[0]


def _read_one(path: str | Path, relpath: str, bodies: bool) -> tuple[FileResult, Stamp | None]:
    source = load_file(path, relpath)
    item, diagnostics = read_model(source)
    diagnostics = source.diagnostics + diagnostics
    if item is not None:
        # Code blocks masked once for the body rules and the citations (load gave NFC text).
        masked = mask_code(item.body)
        body = check_body(item.path, item.body, item.body_line, masked)
        if isinstance(item, Document) and item.is_petition:
            # A petition file is checked whole and strictly (P003), in place of B003.
            body = [d for d in body if d.code != "B003"]
            body.extend(petition_personal_data(item.path, petition_text(source.data)))
        diagnostics.extend(body)
        item.citations = extract_citations(item.body, item.body_line, masked)
        item.targets = local_targets(item.body)
        if not bodies:
            item.body = ""  # not needed further; spares sending it back from a worker
    return (item, diagnostics), source.stamp


def _read_chunk(chunk: list[SourceFile], bodies: bool = True) -> list[FileResult]:
    with _bulk_allocation():
        return [read_file(path, relpath, bodies) for path, relpath in chunk]


def _read_stamped(
    chunk: list[SourceFile], bodies: bool
) -> tuple[list[FileResult], list[Stamp | None]]:
    with _bulk_allocation():
        pairs = [_read_one(path, relpath, bodies) for path, relpath in chunk]
    return [result for result, _ in pairs], [stamp for _, stamp in pairs]


def _read_packed(chunk: list[SourceFile], bodies: bool) -> tuple[bytes, list[Stamp | None]]:
    """A worker's share for the cache: its results pickled once, as the cache keeps them (the
    pool would pickle them anyway to send them back), with what each file was when read."""
    results, stamps = _read_stamped(chunk, bodies)
    return pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL), stamps


def _chunks(files: list[SourceFile], workers: int) -> list[list[SourceFile]]:
    size = max(50, len(files) // (workers * 4))
    return [files[i : i + size] for i in range(0, len(files), size)]


def _pool(workers: int) -> ProcessPoolExecutor:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    """Forked workers, which die with this process (an interrupted check leaves none behind)."""
    context = multiprocessing.get_context("fork" if _can_fork() else None)
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=die_with_parent)


def _read_files(files: list[SourceFile], workers: int, bodies: bool) -> list[FileResult]:
    if workers <= 1 or len(files) < PARALLEL_THRESHOLD:
        return _read_chunk(files, bodies)
    chunks = _chunks(files, workers)
    with _pool(workers) as pool:
        with forking():  # the pool forks its workers as the chunks are handed out
            batches = pool.map(_read_chunk, chunks, [bodies] * len(chunks))
        return [result for results in batches for result in results]


def _read_cached(
    root: Path, files: list[SourceFile], workers: int, bodies: bool
) -> list[FileResult]:
    """Per-file results, reusing those of unchanged files.

    Body-less results (`portal check`, `show`, `new`) and whole ones (`portal build`, which
    needs every body) are kept apart: the second cache is about as large as the site's text.
    The results come back in the order of ``files`` whether they were read here, by workers or
    taken from the cache.
    """
    cache = FileCache.open(root, "build" if bodies else "check")
    results: list[FileResult | None] = [cache.lookup(path, rel) for path, rel in files]
    missing = [i for i, result in enumerate(results) if result is None]
    todo = [files[i] for i in missing]
    fresh: list[FileResult] = []
    if workers <= 1 or len(todo) < PARALLEL_THRESHOLD:
        if todo:
            fresh, stamps = _read_stamped(todo, bodies)
            pack = pickle.dumps(fresh, protocol=pickle.HIGHEST_PROTOCOL)
            cache.store([relpath for _, relpath in todo], stamps, pack)
    else:
        chunks = _chunks(todo, workers)
        with _pool(workers) as pool:
            for chunk, (pack, stamps) in zip(
                chunks, pool.map(_read_packed, chunks, [bodies] * len(chunks)), strict=True
            ):
                fresh.extend(pickle.loads(pack))
                cache.store([relpath for _, relpath in chunk], stamps, pack)
    for index, result in zip(missing, fresh, strict=True):
        results[index] = result
    cache.save()
    return results  # type: ignore[return-value]


# Below this many documents, forking workers for the per-document rules costs more than it
# saves (they take ~0.07 ms a document).
PARALLEL_RULES_THRESHOLD = 2000
# What forked rule workers check: set just before they are forked, so that they inherit the
# items and the registry instead of receiving them pickled.
_SHARED: tuple[list[Document | Page], Registry, PetitionConfig, date] | None = None


def _check_share(span: tuple[int, int]) -> list[Checked]:
    assert _SHARED is not None
    items, registry, config, today = _SHARED
    return [check_item(item, registry, config, today) for item in items[span[0] : span[1]]]


def check_items(
    items: list[Document | Page], registry: Registry, root: Path, workers: int
) -> list[Checked]:
    """Each document's and page's rules against the registry, in order; shared among forked
    workers on a large site (they inherit everything instead of receiving it pickled)."""
    global _SHARED
    config, today = load_config(root), date.today()
    count = len(items)
    if workers <= 1 or count < PARALLEL_RULES_THRESHOLD or not _can_fork():
        return [check_item(item, registry, config, today) for item in items]
    size = -(-count // workers)
    spans = [(start, min(start + size, count)) for start in range(0, count, size)]
    _SHARED = (items, registry, config, today)
    try:
        with _pool(workers) as pool:
            return [checked for share in pool.map(_check_share, spans) for checked in share]
    finally:
        _SHARED = None


def _check(site: Site, workers: int) -> list[Diagnostic]:
    """Every rule across files: the same diagnostics, in the same order, as ``check_site``."""
    facts = [facts_of(document) for document in site.documents]
    checked = check_items([*site.pages, *site.documents], site.registry, site.root, workers)
    found = [d for one in checked for d in one.diagnostics]
    return found + check_files(facts, site.root) + check_across(facts)


def read_site(root: Path, workers: int | None = None, bodies: bool = True) -> Site:
    """Load, model and check every file under content/; per-file work runs on every core.

    With ``bodies=False`` the documents come back without their Markdown, for callers such
    as `portal check` that only need the diagnostics and the metadata.
    """
    layout = SiteRoot(root)
    layout.require()
    site = Site(root)
    inventory = scan_content(layout.content, root)
    site.assets = inventory.assets
    site.diagnostics.extend(inventory.diagnostics)
    files = inventory.files
    site.files = len(files)
    workers = workers or usable_cores()
    # The files' results, unpickled from the workers or the cache, are most of what a build
    # holds: built without the collector rescanning the growing heap (see bulk_allocation).
    with _bulk_allocation():
        results = _read_cached(root, files, workers, bodies)
    return assemble(site, results, workers)


def assemble(site: Site, results: Iterable[FileResult], workers: int) -> Site:
    """The site from its files' results (in scan order): registry, rules across files, and
    every diagnostic in reading order. Shared by ``read_site`` and the preview's LiveSite."""
    with _bulk_allocation():
        for item, diagnostics in results:
            site.diagnostics.extend(diagnostics)
            if isinstance(item, Document):
                site.documents.append(item)
            elif isinstance(item, Page):
                site.pages.append(item)
        site.registry = Registry(site.documents)
        site.diagnostics.extend(_check(site, workers))
    site.diagnostics.sort(key=sort_key)
    return site
