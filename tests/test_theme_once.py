"""Fragments of the theme rendered once a build (overrides/, through the portal plugin's
portal_menu_once) give every page exactly the bytes that rendering them for each page gives.

The theme reuses the translations, the stylesheets' links, the start of the header, an empty
table of contents, the partials around a page's text that print only white space, the footer,
the analytics and the "back to top" button: each is keyed by everything it depends on. Built
here twice, once as shipped and once with every fragment rendered anew for each page, with
directory URLs and without, with drafts, and with pages at addresses that reuse cannot serve
(under "assets/", and at the top level next to the home page): the two sites must be
identical, file for file and byte for byte.
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import with_repository_site

AS_OF = "2025-09-01"


def _plain(title: str) -> str:
    return f"---\ntype: page\ntitle: {title}\nsummary: Trang thử.\n---\nNội dung.\n\n## Mục một\n"


def _root(tmp: Path, directory_urls: bool) -> Path:
    root = with_repository_site(tmp, content=True)
    # A page where every theme link has a shorter relative address (no reuse of the styles)
    # and pages at the top level, beside the home page.
    (root / "content/assets").mkdir()
    (root / "content/assets/trang.md").write_text(_plain("Trang trong assets"), encoding="utf-8")
    (root / "content/lien-he.md").write_text(_plain("Liên hệ"), encoding="utf-8")
    if not directory_urls:
        config = root / "mkdocs.yml"
        config.write_text(
            config.read_text(encoding="utf-8") + "\nuse_directory_urls: false\n", encoding="utf-8"
        )
    return root


def _differences(left: Path, right: Path) -> list[str]:
    """Files that are not in both trees or whose bytes differ."""
    found: list[str] = []
    compared = filecmp.dircmp(left, right)
    found += [f"only in one: {name}" for name in compared.left_only + compared.right_only]
    _, mismatch, errors = filecmp.cmpfiles(left, right, compared.common_files, shallow=False)
    found += [f"differs: {name}" for name in mismatch + errors]
    for name in compared.common_dirs:
        found += [f"{name}/{d}" for d in _differences(left / name, right / name)]
    return found


@pytest.mark.parametrize("directory_urls", [True, False], ids=["directory-urls", "flat-urls"])
@pytest.mark.parametrize("drafts", [False, True], ids=["public", "drafts"])
def test_fragments_rendered_once_give_the_same_bytes(tmp_path, monkeypatch, directory_urls, drafts):
    from generator.mkdocs_plugin import PortalPlugin

    flags = ["--drafts"] if drafts else []
    once = _root(tmp_path / "once", directory_urls)
    assert main(["--root", str(once), "build", "--as-of", AS_OF, *flags]) == 0

    reused: list[object] = []
    menu_once = PortalPlugin._menu_once

    def every_time(self, key, caller):
        reused.append(key)
        return caller()  # no reuse: the fragment is rendered for this page

    fresh = _root(tmp_path / "fresh", directory_urls)
    with monkeypatch.context() as patch:
        patch.setattr(PortalPlugin, "_menu_once", every_time)
        assert main(["--root", str(fresh), "build", "--as-of", AS_OF, *flags]) == 0
    assert PortalPlugin._menu_once is menu_once
    # Every kind of fragment was asked for (so the comparison covers it).
    kinds = {key[1] for key in reused if isinstance(key, tuple) and key and key[0] is None}
    assert kinds >= {"t", "styles", "header", "toc", "content", "footer", "analytics", "top"}
    # And each is reusable: its keys name nothing of one page ("top" is asked once a page),
    # so a key that grew a page's value would show here, not only in the build's time.
    ours = [key for key in reused if isinstance(key, tuple) and key and key[0] is None]
    pages = sum(1 for key in ours if key[1] == "top")
    distinct = {kind: len({key for key in ours if key[1] == kind}) for kind in kinds}
    assert pages > 20
    assert all(distinct[kind] == 1 for kind in ("top", "toc", "footer", "analytics"))
    assert all(distinct[kind] <= 6 for kind in ("styles", "header")), distinct
    assert _differences(once / "site", fresh / "site") == []
    shutil.rmtree(tmp_path, ignore_errors=True)
