"""`portal build` links from the previous site the data files (open data, feeds, calendars)
whose bytes are unchanged and were left as it wrote them, writes the others, and its site is
byte for byte a clean build's. Through the CLI: the files are written by the build's job, in
a process of its own."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.build import remove_tree
from generator.cache import CACHE_DIR
from generator.cli import main
from tests.conftest import with_repository_site

AS_OF = "2026-06-01"
PLAN = "content/van-ban/2025/ke-hoach-74-kh-vpub.md"
PLAN_DATA = "api/van-ban/2025/kh-74-vpub.json"
OTHER_DATA = "api/van-ban/2025/kh-75-vpub.json"
CATALOGUE = "api/van-ban.json"


@pytest.fixture(autouse=True)
def private_cache_key(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))


def _build(root: Path, site_dir: str, *args: str) -> None:
    assert (
        main(["--root", str(root), "build", "--as-of", AS_OF, "--site-dir", site_dir, *args]) == 0
    )


def _data_files(site: Path) -> dict[str, tuple[int, bytes]]:
    """Every data file of a built site: its inode and bytes."""
    found = {}
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if path.is_file() and (name.startswith("api/") or path.suffix in (".xml", ".ics")):
            found[name] = (path.stat().st_ino, path.read_bytes())
    return found


def _edit_plan(root: Path) -> None:
    path = root / PLAN
    text = path.read_text(encoding="utf-8")
    assert "title: Tổ chức hội nghị" in text
    path.write_text(text.replace("title: Tổ chức hội nghị", "title: Tổ chức Hội nghị", 1), "utf-8")


def _clean_build(root: Path, folder: Path, *args: str) -> dict[str, bytes]:
    shutil.rmtree(root / CACHE_DIR)
    _build(root, str(folder), *args)
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("drafts", [(), ("--drafts",)])
def test_unchanged_data_files_are_linked_and_the_site_equals_a_clean_build(
    make_site, tmp_path, drafts
):
    root = with_repository_site(make_site(context=False), content=True)
    _build(root, "site", *drafts)
    before = _data_files(root / "site")
    assert PLAN_DATA in before and CATALOGUE in before and "feed.xml" in before
    _edit_plan(root)
    _build(root, "site", *drafts)
    after = _data_files(root / "site")
    linked = {name for name in after if name in before and after[name][0] == before[name][0]}
    # A file is linked only with the very bytes it had; those whose bytes changed (the plan's
    # own file, the catalogue listing its title, the feeds showing it) were written anew.
    assert all(after[name][1] == before[name][1] for name in linked)
    changed = {name for name in after if name not in before or after[name][1] != before[name][1]}
    assert {PLAN_DATA, CATALOGUE} <= changed
    assert not changed & linked
    assert OTHER_DATA in linked and len(linked) > len(after) // 2
    clean = _clean_build(root, tmp_path / "clean", *drafts)
    incremental = {
        p.relative_to(root / "site").as_posix(): p.read_bytes()
        for p in sorted((root / "site").rglob("*"))
        if p.is_file()
    }
    assert sorted(incremental) == sorted(clean)
    assert [name for name in clean if incremental[name] != clean[name]] == []


def test_a_data_file_not_left_as_written_is_written_again(make_site, tmp_path):
    """Replaced by a file of the same size and time (as rsync or an editor's safe save does:
    a new file renamed over it), or given other permissions: the bytes recorded no longer
    vouch for it, so the build writes it rather than linking it."""
    root = with_repository_site(make_site(context=False), content=True)
    _build(root, "site")
    site = root / "site"
    replaced, moded = site / OTHER_DATA, site / "api/van-ban/2025/kh-74-vpub.json"
    expected = {replaced: replaced.read_bytes(), moded: moded.read_bytes()}
    status = replaced.stat()
    data = expected[replaced]
    forged = data.replace(b'"title":"', b'"title":"X', 1)[: len(data)]
    assert len(forged) == len(data) and forged != data
    forgery = replaced.with_name("forged.tmp")
    forgery.write_bytes(forged)
    os.utime(forgery, ns=(status.st_atime_ns, status.st_mtime_ns))
    forgery.replace(replaced)
    os.chmod(moded, 0o600)
    _build(root, "site")
    assert replaced.read_bytes() == expected[replaced]
    assert moded.read_bytes() == expected[moded]
    assert moded.stat().st_mode & 0o777 == 0o666 & ~_umask()


def test_another_target_or_a_corrupt_record_links_nothing(make_site, tmp_path):
    root = with_repository_site(make_site(context=False), content=True)
    _build(root, "site")
    _build(root, str(tmp_path / "other"))  # the record now describes the other target
    before = _data_files(root / "site")
    _build(root, "site")
    after = _data_files(root / "site")
    assert not {n for n in after if n in before and after[n][0] == before[n][0]}
    for record in (root / CACHE_DIR).glob("datafiles-*"):
        record.write_bytes(b"\0" * 40 + record.read_bytes()[40:])
    before = after
    _build(root, "site")
    after = _data_files(root / "site")
    assert not {n for n in after if n in before and after[n][0] == before[n][0]}
    assert {n: b for n, (_, b) in after.items()} == {n: b for n, (_, b) in before.items()}


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_remove_tree_removes_links_but_never_what_they_point_to(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("giữ", encoding="utf-8")
    tree = tmp_path / "tree"
    (tree / "a" / "b").mkdir(parents=True)
    (tree / "a" / "b" / "page.html").write_text("x", encoding="utf-8")
    (tree / "a" / "file").write_text("y", encoding="utf-8")
    (tree / "a" / "to-outside").symlink_to(outside, target_is_directory=True)
    (tree / "a" / "dangling").symlink_to(tmp_path / "missing")
    remove_tree(tree)
    assert not tree.exists()
    assert (outside / "keep.txt").read_text(encoding="utf-8") == "giữ"
    remove_tree(tree)  # already gone: nothing to do, no error


def test_a_link_in_the_workspace_s_place_is_removed_not_followed(make_site, tmp_path):
    """`.site-build` is only ever a folder of the build's own: a link there is removed, and
    what it points to is left alone."""
    root = with_repository_site(make_site(context=False), content=True)
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "folders").mkdir(parents=True)
    (elsewhere / "keep.txt").write_text("giữ", encoding="utf-8")
    (root / ".site-build").symlink_to(elsewhere, target_is_directory=True)
    _build(root, "site")
    assert (elsewhere / "keep.txt").read_text(encoding="utf-8") == "giữ"
    assert (elsewhere / "folders").is_dir()
    assert not (root / ".site-build").is_symlink()
    assert (root / "site/index.html").is_file()
