"""Site: run load → model → check over a site root and hold the result for every later stage."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from generator.bodytext import local_targets
from generator.cache import FileCache
from generator.check import check_site
from generator.check.body import check_body
from generator.check.petitions import petition_personal_data, read_petition_text
from generator.citations import extract_citations
from generator.diagnostics import Diagnostic, Severity, sort_key
from generator.load import load_file, scan_content
from generator.model import Document, Page, read_model
from generator.processes import die_with_parent
from generator.registry import Registry

CONFIG_FILE = "mkdocs.yml"
CONTENT_DIR = "content"


class NotASiteRoot(Exception):
    """Raised when a command runs outside a folder holding mkdocs.yml and content/."""


@dataclass
class Site:
    root: Path
    documents: list[Document] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0  # Markdown files read, readable or not
    assets: list[str] = field(default_factory=list)  # publishable files, relative to content/
    registry: Registry = field(default_factory=lambda: Registry([]))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]


def require_site_root(root: Path) -> None:
    missing = [name for name in (CONFIG_FILE, CONTENT_DIR) if not (root / name).exists()]
    if missing:
        raise NotASiteRoot(
            f"Thư mục {root} không phải thư mục gốc của trang (thiếu {', '.join(missing)}). "
            "Chạy lệnh trong thư mục chứa mkdocs.yml và content/."
        )


FileResult = tuple[Document | Page | None, list[Diagnostic]]

# Below this many files a process pool costs more than it saves.
PARALLEL_THRESHOLD = 400


def read_file(path: Path, relpath: str, bodies: bool = True) -> FileResult:
    """Everything that concerns one file alone: load, model, body checks, citations."""
    source = load_file(path, relpath)
    item, diagnostics = read_model(source)
    diagnostics = source.diagnostics + diagnostics
    if item is not None:
        body = check_body(item.path, item.body, item.body_line)
        if isinstance(item, Document) and item.is_petition:
            # A petition file is checked whole and strictly (P003), in place of B003.
            body = [d for d in body if d.code != "B003"]
            body.extend(petition_personal_data(item.path, read_petition_text(path)))
        diagnostics.extend(body)
        item.citations = extract_citations(item.body, item.body_line)
        item.targets = local_targets(item.body)
        if not bodies:
            item.body = ""  # not needed further; spares sending it back from a worker
    return item, diagnostics


def _read_chunk(chunk: list[tuple[Path, str]], bodies: bool = True) -> list[FileResult]:
    with _bulk_allocation():
        return [read_file(path, relpath, bodies) for path, relpath in chunk]


def _read_files(files: list[tuple[Path, str]], workers: int, bodies: bool) -> list[FileResult]:
    if workers <= 1 or len(files) < PARALLEL_THRESHOLD:
        return _read_chunk(files, bodies)
    size = max(50, len(files) // (workers * 4))
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=die_with_parent
    ) as pool:
        batches = pool.map(_read_chunk, chunks, [bodies] * len(chunks))
        return [result for results in batches for result in results]


def _read_cached(
    root: Path, files: list[tuple[Path, str]], workers: int, bodies: bool
) -> list[FileResult]:
    """Per-file results, reusing those of unchanged files.

    Body-less results (`portal check`, `show`, `new`) and whole ones (`portal build`, which
    needs every body) are kept apart: the second cache is about as large as the site's text.
    """
    cache = FileCache.open(root, "build" if bodies else "check")
    results: list[FileResult | None] = [cache.lookup(path, rel) for path, rel in files]
    missing = [i for i, result in enumerate(results) if result is None]
    fresh = _read_files([files[i] for i in missing], workers, bodies)
    for index, result in zip(missing, fresh, strict=True):
        results[index] = result
        cache.store(*files[index], result)
    cache.save()
    return results  # type: ignore[return-value]


@contextmanager
def _bulk_allocation() -> Iterator[None]:
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


def read_site(root: Path, workers: int | None = None, bodies: bool = True) -> Site:
    """Load, model and check every file under content/; per-file work runs on every core.

    With ``bodies=False`` the documents come back without their Markdown, for callers such
    as `portal check` that only need the diagnostics and the metadata.
    """
    require_site_root(root)
    site = Site(root)
    inventory = scan_content(root / CONTENT_DIR, root)
    site.assets = inventory.assets
    site.diagnostics.extend(inventory.diagnostics)
    files = [(p, p.relative_to(root).as_posix()) for p in inventory.markdown]
    site.files = len(files)
    with _bulk_allocation():
        for item, diagnostics in _read_cached(root, files, workers or os.cpu_count() or 1, bodies):
            site.diagnostics.extend(diagnostics)
            if isinstance(item, Document):
                site.documents.append(item)
            elif isinstance(item, Page):
                site.pages.append(item)
        site.registry = Registry(site.documents)
        site.diagnostics.extend(check_site(site.documents, site.pages, site.registry, root))
    site.diagnostics.sort(key=sort_key)
    return site
