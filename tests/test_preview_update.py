"""The preview's quick update after a save gives the very site a full build gives.

`portal serve` renders again only the pages an edit can change (the edited page, those whose
panels show it, listings, home); these tests edit files the way an editor does and compare
the preview's folder, byte for byte, with a full build of the edited site.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.build import Preview
from tests.conftest import with_repository_site

PLAN = "content/van-ban/2025/ke-hoach-74-kh-vpub.md"


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _build_in_child(root: Path, folder: Path) -> None:
    fresh = Preview(root, folder, "http://127.0.0.1:8000/")
    fresh.build_all()
    fresh.plugin.finish_data_jobs()


def _full_build(root: Path, folder: Path) -> dict[str, bytes]:
    """A full build in a forked process: MkDocs keeps one plugin object per process, which
    must stay the preview's."""
    folder.mkdir()
    child = multiprocessing.get_context("fork").Process(target=_build_in_child, args=(root, folder))
    child.start()
    child.join()
    assert child.exitcode == 0
    return _files(folder)


@pytest.fixture
def preview(make_site, tmp_path) -> Iterator[Preview]:
    root = with_repository_site(make_site(context=False), content=True)
    folder = tmp_path / "preview"
    folder.mkdir()
    server = Preview(root, folder, "http://127.0.0.1:8000/")
    server.build_all()
    server.plugin.finish_data_jobs()
    try:
        yield server
    finally:
        server.close()


def _same_as_full_build(preview: Preview, tmp_path: Path) -> None:
    preview.plugin.finish_data_jobs()
    ours = _files(preview.site_dir)
    theirs = _full_build(preview.root, tmp_path / "full")
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_cited_plans_new_title_reaches_every_page_that_shows_it(preview, tmp_path):
    before = _files(preview.site_dir)
    _edit(preview.root, PLAN, "title: Tổ chức hội nghị", "title: Tổ chức Hội nghị thường niên")
    first: list[str] = []
    own = preview.site_dir / "van-ban/2025/kh-74-vpub/index.html"
    preview.shown = lambda: first.append(own.read_text("utf-8"))  # the reload before the rest
    assert preview.update()  # the quick way, not a full build
    assert len(first) == 1 and "Hội nghị thường niên" in first[0]
    after = _files(preview.site_dir)
    changed = {name for name in after if after[name] != before.get(name)}
    assert "van-ban/2025/kh-74-vpub/index.html" in changed
    # The conclusion notice cites the plan: its panel shows the new title.
    citing = after["van-ban/du-thao/thong-bao-ket-luan-doi-thoai-cong-chuc/index.html"]
    assert "Hội nghị thường niên" in citing.decode()
    _same_as_full_build(preview, tmp_path)


def test_a_problem_made_and_fixed_shows_and_goes(preview, tmp_path):
    _edit(preview.root, PLAN, "status: published", "status: published\nsigner: 42")
    assert preview.update()
    page = (preview.site_dir / "van-ban/2025/kh-74-vpub/index.html").read_text("utf-8")
    assert "vb-problems" in page
    _same_as_full_build(preview, tmp_path)
    _edit(preview.root, PLAN, "status: published\nsigner: 42", "status: published")
    assert preview.update()
    page = (preview.site_dir / "van-ban/2025/kh-74-vpub/index.html").read_text("utf-8")
    assert "vb-problems" not in page
    (tmp_path / "full").rename(tmp_path / "full-1")
    _same_as_full_build(preview, tmp_path)


def test_a_plain_page_is_read_again(preview, tmp_path):
    _edit(preview.root, "content/gioi-thieu.md", "\n\n", "\n\nMột đoạn mới của trang.\n\n")
    assert preview.update()
    page = (preview.site_dir / "gioi-thieu/index.html").read_text(encoding="utf-8")
    assert "Một đoạn mới của trang." in page
    _same_as_full_build(preview, tmp_path)


def test_a_saved_file_without_a_change_renders_nothing(preview):
    before = {p: p.stat().st_mtime_ns for p in preview.site_dir.rglob("*.html")}
    path = preview.root / PLAN
    path.write_bytes(path.read_bytes())
    assert preview.update()
    assert {p: p.stat().st_mtime_ns for p in preview.site_dir.rglob("*.html")} == before


def test_mkdocs_yml_or_a_new_file_needs_a_full_build(preview, tmp_path):
    with (preview.root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\n# a comment\n")
    assert not preview.update()
    preview.rebuild()  # the full build the server then runs
    assert preview.update()
    (preview.root / "content/trang-moi.md").write_text(
        "---\ntitle: Trang mới\n---\nNội dung.\n", encoding="utf-8"
    )
    assert not preview.update()
    preview.rebuild()
    _same_as_full_build(preview, tmp_path)


def test_a_page_that_moves_is_built_in_full(preview, tmp_path):
    _edit(preview.root, PLAN, "number: 74/KH-VPUB", "number: 76/KH-VPUB")
    preview.rebuild()
    assert (preview.site_dir / "van-ban/2025/kh-76-vpub/index.html").exists()
    _same_as_full_build(preview, tmp_path)


def test_a_newer_save_stops_the_rest_and_both_are_done_next(preview, tmp_path):
    own = preview.site_dir / "van-ban/2025/kh-74-vpub/index.html"
    citing = preview.site_dir / "van-ban/du-thao/thong-bao-ket-luan-doi-thoai-cong-chuc/index.html"
    _edit(preview.root, PLAN, "title: Tổ chức hội nghị", "title: Tổ chức Hội nghị thường niên")
    preview.superseded = lambda: True  # another save arrives meanwhile
    assert preview.update()
    assert "Hội nghị thường niên" in own.read_text("utf-8")
    assert "Hội nghị thường niên" not in citing.read_text("utf-8")  # not yet
    preview.superseded = lambda: False
    _edit(preview.root, "content/gioi-thieu.md", "\n\n", "\n\nMột đoạn mới của trang.\n\n")
    assert preview.update()
    assert "Hội nghị thường niên" in citing.read_text("utf-8")
    _same_as_full_build(preview, tmp_path)
