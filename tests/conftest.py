"""Shared fixtures: a temporary site root holding a few context documents."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.site import Site, read_site

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent

# The browser harness is shared with the benchmarks: one set of Chromium flags, one server.
sys.path.insert(0, str(REPO / "benchmarks"))
from search_probe import ARGS, CHROMIUM, serve_folder  # noqa: E402

__all__ = ["ARGS", "CHROMIUM", "REPO", "serve_folder"]


def with_repository_site(root: Path, content: bool = False) -> Path:
    """Give a temporary site root the repository's mkdocs.yml and theme (and its content)."""
    for name in ("overrides", "content") if content else ("overrides",):
        shutil.copytree(REPO / name, root / name, dirs_exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def needs_chromium() -> None:
    """Skip a browser test module where Debian's chromium is missing; CI installs it."""
    if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
        pytest.skip("Debian's chromium is not installed (CI installs it)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


MakeSite = Callable[..., Path]


@pytest.fixture
def make_site(tmp_path: Path) -> MakeSite:
    """Write a site root with mkdocs.yml, the context documents and the given files."""

    def make(files: dict[str, str | bytes] | None = None, context: bool = True) -> Path:
        root = tmp_path / "site-root"
        content = root / "content"
        content.mkdir(parents=True, exist_ok=True)
        (root / "mkdocs.yml").write_text("site_name: Thử\ndocs_dir: content\n", encoding="utf-8")
        if context:
            for fixture in (FIXTURES / "context").iterdir():
                shutil.copy(fixture, content / fixture.name)
        for name, data in (files or {}).items():
            path = content / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data, encoding="utf-8")
        return root

    return make


@pytest.fixture
def check_files(make_site: MakeSite) -> Callable[..., Site]:
    def run(files: dict[str, str | bytes], context: bool = True) -> Site:
        return read_site(make_site(files, context=context))

    return run


def codes(site: Site, path: str | None = None) -> list[str]:
    return [d.code for d in site.diagnostics if path is None or d.file == path]
