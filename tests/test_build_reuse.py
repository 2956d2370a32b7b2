"""`portal build` after an edit reuses the pages it can from the previous build, and its output
is byte for byte the output of a clean build of the edited site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import build as build_module
from generator.cache import CACHE_DIR
from generator.cli import main
from tests.conftest import with_repository_site

AS_OF = "2026-06-01"
PLAN = "content/van-ban/2025/ke-hoach-74-kh-vpub.md"


@pytest.fixture(autouse=True)
def private_cache_key(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))


@pytest.fixture
def restored(monkeypatch) -> list[str]:
    """The pages each build copied from the previous one."""
    found: list[str] = []
    original = build_module.PageCache.restore

    def spy(self, src, key, dest_uri, site_dir):  # type: ignore[no-untyped-def]
        reused = original(self, src, key, dest_uri, site_dir)
        if reused:
            found.append(src)
        return reused

    monkeypatch.setattr(build_module.PageCache, "restore", spy)
    return found


def _build(root: Path, site_dir: str, *args: str) -> None:
    assert (
        main(["--root", str(root), "build", "--as-of", AS_OF, "--site-dir", site_dir, *args]) == 0
    )


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _edit(root: Path, old: str, new: str) -> None:
    path = root / PLAN
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("drafts", [(), ("--drafts",)])
def test_a_rebuild_after_an_edit_equals_a_clean_build(make_site, tmp_path, restored, drafts):
    root = with_repository_site(make_site(context=False), content=True)
    _build(root, "site", *drafts)
    assert restored == []  # nothing to reuse the first time
    _edit(root, "title: Tổ chức hội nghị", "title: Tổ chức Hội nghị thường niên")
    _build(root, "site", *drafts)
    # Most pages came from the previous build; the edited one did not.
    assert len(restored) > 10
    assert "van-ban/2025/kh-74-vpub.md" not in restored
    # The notice citing the plan shows its title: rendered again too.
    assert "van-ban/du-thao/thong-bao-ket-luan-doi-thoai-cong-chuc.md" not in restored
    incremental = _snapshot(root / "site")
    shutil.rmtree(root / CACHE_DIR)
    _build(root, str(tmp_path / "clean"), *drafts)
    clean = _snapshot(tmp_path / "clean")
    assert sorted(incremental) == sorted(clean)
    assert [name for name in clean if incremental[name] != clean[name]] == []


def test_a_page_changed_in_the_site_or_a_corrupt_cache_is_rendered_again(
    make_site, tmp_path, restored
):
    root = with_repository_site(make_site(context=False), content=True)
    _build(root, "site")
    page = root / "site/van-ban/2025/kh-75-vpub/index.html"
    expected = page.read_bytes()
    page.write_bytes(expected.replace(b"</body>", "<p>sửa tay</p></body>".encode()))
    _build(root, "site")
    assert "van-ban/2025/kh-75-vpub.md" not in restored
    assert page.read_bytes() == expected
    restored.clear()
    for cached in (root / CACHE_DIR).glob("pages-*"):
        cached.write_bytes(b"\0" * 40 + cached.read_bytes()[40:])
    _build(root, "site")
    assert restored == []
    assert page.read_bytes() == expected


def test_a_draft_is_never_taken_from_a_preview_build(make_site, tmp_path, restored):
    root = with_repository_site(make_site(context=False), content=True)
    _edit(root, "status: published", "status: draft")
    _build(root, "site", "--drafts")
    assert (root / "site/van-ban/2025/kh-74-vpub/index.html").exists()
    _build(root, "site")
    # Not even its folder, which the drafts build's site had (see build._new_staging).
    assert not (root / "site/van-ban/2025/kh-74-vpub").exists()
    assert restored == []  # the drafts build's pages are not the public build's
    _build(root, str(tmp_path / "clean"))
    assert _folders(root / "site") == _folders(tmp_path / "clean")
    assert _snapshot(root / "site") == _snapshot(tmp_path / "clean")


def _folders(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_dir())


def test_the_folders_kept_between_builds_hold_no_file_and_leave_none_empty(make_site, tmp_path):
    """The previous site's folders are kept for the next build (build._new_staging), emptied
    of every file; the folders nothing fills again are gone before the site is swapped in."""
    root = with_repository_site(make_site(context=False), content=True)
    _build(root, "site")
    _build(root, "site")  # the first build replaced no site: the second keeps the folders
    workspace = root / ".site-build"
    assert [p for p in workspace.rglob("*") if not p.is_dir()] == []
    assert (workspace / "folders/van-ban/2025/kh-74-vpub").is_dir()
    kept = (workspace / "folders/van-ban/2025/kh-75-vpub").stat().st_ino
    _edit(root, "status: published", "status: draft")
    _build(root, "site")
    assert not (root / "site/van-ban/2025/kh-74-vpub").exists()
    # A kept page went back into the very folder it had, not a new one.
    assert (root / "site/van-ban/2025/kh-75-vpub").stat().st_ino == kept
    assert [p for p in (root / "site").rglob("*") if p.is_dir() and not any(p.iterdir())] == []
    _build(root, str(tmp_path / "clean"))
    assert _folders(root / "site") == _folders(tmp_path / "clean")
    assert _snapshot(root / "site") == _snapshot(tmp_path / "clean")


def test_a_build_without_its_page_cache_fills_the_kept_folders_as_a_clean_build(
    make_site, tmp_path, restored
):
    """Without a page cache nothing is kept, yet the previous site's folders are filled as
    they are (MkDocs no longer empties the staging folder first): the same site."""
    root = with_repository_site(make_site(context=False), content=True)
    _build(root, "site", "--drafts")
    _build(root, "site", "--drafts")
    kept = (root / ".site-build/folders/van-ban/2025/kh-75-vpub").stat().st_ino
    shutil.rmtree(root / CACHE_DIR)
    restored.clear()
    _edit(root, "status: published", "status: draft")
    _build(root, "site")  # public: the draft's folder, kept, is not filled, and goes
    assert restored == []
    assert (root / "site/van-ban/2025/kh-75-vpub").stat().st_ino == kept
    assert not (root / "site/van-ban/2025/kh-74-vpub").exists()
    shutil.rmtree(root / CACHE_DIR)
    _build(root, str(tmp_path / "clean"))
    assert _folders(root / "site") == _folders(tmp_path / "clean")
    assert _snapshot(root / "site") == _snapshot(tmp_path / "clean")


def test_a_page_encoded_once_gives_its_bytes_only_as_mkdocs_asks_for_them():
    text = "Văn bản \udcff <p>"
    data = text.encode("utf-8", errors="xmlcharrefreplace")
    page = build_module.EncodedPage(text, b"given")
    assert page == text and hash(page) == hash(text) and page.strip() == text.strip()
    assert page.encode("utf-8", errors="xmlcharrefreplace") == b"given"
    assert page.encode("utf-8", "surrogatepass") == text.encode("utf-8", "surrogatepass")
    assert build_module.EncodedPage(text, data).encode("utf-8", "xmlcharrefreplace") == data


def test_a_preview_earlier_in_the_same_process_leaves_nothing_to_a_build(make_site, tmp_path):
    """MkDocs keeps one plugin object per process: a draft the preview showed stays out."""
    root = with_repository_site(make_site(context=False), content=True)
    _edit(root, "status: published", "status: draft")
    folder = tmp_path / "preview"
    folder.mkdir()
    preview = build_module.Preview(root, folder, "http://127.0.0.1:8000/")
    preview.build_all()
    preview.close()
    assert (folder / "van-ban/2025/kh-74-vpub/index.html").exists()
    _build(root, "site")
    assert not (root / "site/van-ban/2025/kh-74-vpub/index.html").exists()
    index = "".join(p.read_text("utf-8") for p in (root / "site/search").rglob("*.json"))
    assert "kh-74-vpub" not in index and "vb-problems" not in index


def _attach(root: Path, size: int) -> None:
    (root / PLAN).parent.joinpath("ban-goc.pdf").write_bytes(b"%" * size)
    if "ban-goc.pdf" not in (root / PLAN).read_text(encoding="utf-8"):
        _edit(root, "status: published", "status: published\nattachments:\n  - file: ban-goc.pdf")


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


NOTICE = "content/van-ban/2025/thong-bao-340-tb-vpub.md"
NEW = "content/van-ban/2025/thong-bao-999.md"
DRAFT = (
    "---\ntype: notice\nnumber: 999/TB-VPUB\nissued: 2025-12-20\ntitle: Thông báo mới\n"
    "issuer: Văn phòng UBND tỉnh Sơn La\nstatus: draft\nreferences:\n  - 74/KH-VPUB\n"
    "---\nThực hiện Kế hoạch số 74/KH-VPUB ngày 15/12/2025.\n"
)
# Between two builds: (what changes before the first, what changes before the second, the
# build dates). Each kind of input of a document's page key (pages.document.document_inputs)
# and of what every page shares (build.PageCache.start).
CHANGES = {
    "a citer's title": (
        None,
        lambda r: _replace(r, NOTICE, "title: Tổ chức", "title: Tổ chức lại"),
    ),
    "a draft becoming published": (
        lambda r: (r / NEW).write_text(DRAFT, encoding="utf-8"),
        lambda r: _replace(r, NEW, "status: draft", "status: published"),
    ),
    "an attachment's size": (lambda r: _attach(r, 2000), lambda r: _attach(r, 900_000)),
    "mkdocs.yml": (None, lambda r: _replace(r, "mkdocs.yml", "place: Sơn La", "place: Mộc Châu")),
    "the overrides": (
        None,
        lambda r: _append(r / "overrides/main.html", "\n{# a comment changes nothing #}\n"),
    ),
    "the build date": (None, "2025-09-10"),
}


def _replace(root: Path, path: str, old: str, new: str) -> None:
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_each_kind_of_input_rebuilds_what_it_changes(make_site, tmp_path, restored, change):
    """After each kind of change, an edited build equals a clean build byte for byte."""
    root = with_repository_site(make_site(context=False), content=True)
    first, second = CHANGES[change]
    if first is not None:
        first(root)
    _build(root, "site")
    as_of = AS_OF
    if isinstance(second, str):
        as_of = second
    else:
        second(root)
    command = ["--root", str(root), "build", "--as-of", as_of]
    assert main([*command, "--site-dir", "site"]) == 0
    # Some pages were kept (the key is not simply always new), except where every page changes.
    assert bool(restored) == (change not in ("mkdocs.yml", "the overrides"))
    incremental = _snapshot(root / "site")
    shutil.rmtree(root / CACHE_DIR)
    assert main([*command, "--site-dir", str(tmp_path / "clean")]) == 0
    clean = _snapshot(tmp_path / "clean")
    assert sorted(incremental) == sorted(clean)
    assert [name for name in clean if incremental[name] != clean[name]] == []
