"""Shared fixtures: a temporary site root holding a few context documents."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.site import Site, read_site

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent

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
