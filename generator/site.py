"""Site: run load → model → check over a site root and hold the result for every later stage."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.check import check_site
from generator.diagnostics import Diagnostic, Severity, sort_key
from generator.load import iter_markdown, load_file
from generator.model import Document, Page, read_model
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


def read_site(root: Path) -> Site:
    require_site_root(root)
    site = Site(root)
    for path in iter_markdown(root / CONTENT_DIR):
        relpath = path.relative_to(root).as_posix()
        source = load_file(path, relpath)
        site.files += 1
        site.diagnostics.extend(source.diagnostics)
        item, diagnostics = read_model(source)
        site.diagnostics.extend(diagnostics)
        if isinstance(item, Document):
            site.documents.append(item)
        elif isinstance(item, Page):
            site.pages.append(item)
    site.registry = Registry(site.documents)
    site.diagnostics.extend(check_site(site.documents, site.pages, site.registry, root))
    site.diagnostics.sort(key=sort_key)
    return site
