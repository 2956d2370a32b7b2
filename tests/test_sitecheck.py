"""`portal check` through its snapshot (``generator.checkrun``) prints exactly what a full read
of the site (``site.read_site``, one process, no cache) prints: cold, in one process or in
workers, warm, and after every kind of change — an edited body, an edited number that other
documents cite, a deleted or renamed file, a new file that changes a "did you mean", another
day for the petitions' deadlines. And it re-checks only what a change can affect."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from corpus import Corpus

from generator import checkrun
from generator import site as site_module
from generator.cache import CACHE_DIR
from generator.cli import print_json
from generator.rules import _PETITION
from generator.site import PARALLEL_THRESHOLD, read_site

# Files that make every kind of rule fire, among the corpus' documents.
EXTRA = {
    "content/2025/quoted.md": (
        '---\ntype: plan\nnumber: "91/KH-VPUB"\nissued: 2025-03-03  # ngày ký\n'
        "title: Kế hoạch kế hoạch có từ lặp lặp\nstatus: published\ntopics:\n  - Đất Đai\n"
        "---\nThực hiện Kế hoạch số 178/KH-VPUB ngày 31/02/2019 của Văn phòng.\n"
        "Theo Kế hoạch số 9199/KH-VPUB và Thông báo số 9/TB-VPUB. Từ lặp lặp.\n"
    ),
    "content/2025/d1.md": (
        "---\ntype: notice\nnumber: 101/TB-ĐU\nissued: 2025-03-01\ntitle: Một\n"
        "status: published\n---\nNội dung.\n"
    ),
    "content/2025/d2.md": (
        "---\ntype: notice\nnumber: 101/TB-DU\nissued: 2025-04-01\ntitle: Hai\n"
        "status: published\n---\nNội dung.\n"
    ),
    "content/2025/twin.md": (
        "---\ntype: plan\nnumber: 91/KH-VPUB\nissued: 2025-05-03\ntitle: Trùng số\n"
        "status: published\ntopics:\n  - Đất đai\nprevious_numbers:\n  - 74/KH-VPUB\n"
        "references:\n  - 9198/KH-VPUB\nattachments:\n  - file: thieu.pdf\n---\nNội dung.\n"
    ),
    "content/2025/broken.md": "---\ntype: plan\ntitle: [unclosed\n---\nNội dung.\n",
    "content/2025/nobody.md": "Không có phần thông tin.\n",
    "content/2025/page.md": "---\ntype: page\ntitle: Giới thiệu\n---\nXem Kế hoạch số 9199/KH-VPUB.\n",
    "content/kien-nghi/a.md": _PETITION.replace("received: 2025-12-16", "received: 2026-01-05")
    .replace("state: answered\nanswered: 2025-12-22\nanswer_by: 74/KH-VPUB\n", "state: received\n")
    .replace("Kết quả được trả", "Chưa trả"),
    "content/ke-hoach-74.md": (
        "---\ntype: plan\nnumber: 74/KH-VPUB\nissued: 2025-12-15\ntitle: Kế hoạch\n"
        "status: published\n---\nNội dung.\n"
    ),
}


@pytest.fixture
def root(tmp_path_factory: pytest.TempPathFactory, tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))  # a signing key of its own
    out = tmp_path_factory.mktemp("corpus")
    corpus = Corpus(PARALLEL_THRESHOLD + 40)
    corpus.generate()
    corpus.write(out)
    site = out / "site"
    for relpath, text in EXTRA.items():
        (site / relpath).parent.mkdir(parents=True, exist_ok=True)
        (site / relpath).write_text(text, encoding="utf-8")
    return site


def full(root: Path) -> str:
    """The reference: every file read and every rule run, in one process, with no cache."""
    out = io.StringIO()
    saved = site_module.FileCache.open
    site_module.FileCache.open = _no_cache(saved)  # type: ignore[method-assign]
    try:
        print_json(read_site(root, workers=1, bodies=False), out)
    finally:
        site_module.FileCache.open = saved  # type: ignore[method-assign]
    return out.getvalue()


def _no_cache(real_open):  # type: ignore[no-untyped-def]
    def open_without_key(root: Path, kind: str):  # type: ignore[no-untyped-def]
        cache = real_open(root, kind)
        cache.key = None
        cache.entries, cache.packs, cache.sizes = {}, [], []
        return cache

    return staticmethod(open_without_key)


def snap(root: Path, workers: int = 2) -> str:
    out = io.StringIO()
    print_json(checkrun.check_root(root, workers=workers), out)
    return out.getvalue()


def same(root: Path, workers: int = 2) -> str:
    expected = full(root)
    assert snap(root, workers) == expected
    return expected


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def cited(root: Path) -> tuple[Path, str, str]:
    """A corpus document that other documents cite by number and date: its path, its
    number and its date as written in its frontmatter."""
    site = read_site(root, workers=1, bodies=False)
    numbers = {c.number for d in site.documents for c in d.citations if c.cited_date}
    for document in site.documents:
        if document.number_text in numbers and document.issued and "2025/" not in document.path:
            return root / document.path, document.number_text, document.issued.isoformat()
    raise AssertionError("no cited document in the corpus")


def test_cold_in_workers_and_in_one_process_then_warm(root):
    expected = same(root, workers=2)
    for code in ("B002", "C001", "C003", "N004", "N005", "N006", "M007", "R001", "A001", "P005"):
        assert f'"code": "{code}"' in expected, code  # every kind of rule fired
    assert (root / CACHE_DIR).is_dir()
    assert snap(root) == expected  # warm, nothing changed
    (root / CACHE_DIR).joinpath(".gitignore").unlink()
    for path in (root / CACHE_DIR).glob("sitecheck-*"):
        path.unlink()
    assert snap(root, workers=1) == expected  # cold, in one process


def test_edits_deletes_renames_and_new_files(root, monkeypatch):
    same(root)
    calls = _count_checks(monkeypatch)
    # An edit to a body: that file alone is checked again.
    edit(root / "content/2025/quoted.md", "Từ lặp lặp.", "")
    same(root)
    assert calls == ["content/2025/quoted.md"]
    # A number that other documents cite changes: they are checked again (C003 for them).
    path, number, issued = cited(root)
    calls.clear()
    edit(path, f"number: {number}", "number: 9197/KH-VPUB")
    after = same(root)
    assert len(calls) > 1 and len(calls) < 100
    # Its date changes back and forth: the citers' C001 follow.
    edit(path, "number: 9197/KH-VPUB", f"number: {number}")
    edit(path, f"issued: {issued}", "issued: 2014-01-02")
    same(root)
    edit(path, "issued: 2014-01-02", f"issued: {issued}")
    same(root)
    # A new file takes a number close to one nobody has: "did you mean" now names it.
    (root / "content/2025/new.md").write_text(
        "---\ntype: plan\nnumber: 9189/KH-VPUB\nissued: 2025-06-01\ntitle: Mới\n"
        "status: published\n---\nNội dung.\n",
        encoding="utf-8",
    )
    assert "Có phải là `9189/KH-VPUB`?" in same(root) and "9189" not in after
    # Renamed, then deleted; a document cited by others, deleted.
    (root / "content/2025/new.md").rename(root / "content/2025/moi.md")
    same(root)
    (root / "content/2025/moi.md").unlink()
    (root / "content/2025/twin.md").unlink()
    same(root)
    path.unlink()
    same(root)
    # A file that cannot be read as a document, and one put right.
    (root / "content/2025/page.md").write_bytes(b"\xff\xfe not utf-8")
    same(root)
    (root / "content/2025/broken.md").write_text(
        EXTRA["content/ke-hoach-74.md"].replace("74/KH", "75/KH"), encoding="utf-8"
    )
    same(root)


def test_another_day_checks_the_petitions_again(root, monkeypatch):
    expected = same(root)
    assert '"code": "P005"' in expected

    class Earlier(date):
        @classmethod
        def today(cls) -> date:  # type: ignore[override]
            return date(2026, 1, 6)

    for module in (checkrun, site_module):
        monkeypatch.setattr(module, "date", Earlier)
    import generator.check as check_module

    monkeypatch.setattr(check_module, "date", Earlier)
    calls = _count_checks(monkeypatch)
    earlier = same(root)
    assert '"code": "P005"' not in earlier  # not overdue yet on that day
    assert calls == ["content/kien-nghi/a.md"]


def test_shards_of_another_snapshot_are_not_trusted(root):
    """A shard left by an earlier snapshot (a check stopped between writing its files, or a
    copy from elsewhere) is signed, but does not belong: the check starts afresh."""
    same(root)
    shard = sorted((root / CACHE_DIR).glob("sitecheck-*-*.pickle"))[0]
    earlier = shard.read_bytes()
    for path in (root / CACHE_DIR).glob("sitecheck-*.pickle"):
        if path != shard:
            path.unlink()
    same(root)  # cold: a new snapshot
    shard.write_bytes(earlier)
    edit(root / "content/2025/quoted.md", "Từ lặp lặp.", "")
    same(root)


def test_an_unchanged_site_is_checked_without_the_reading_stages(root):
    same(root)
    code = (
        "import sys; from generator.cli import main; main(['check']); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'markdown', 'mkdocs', 'nh3', 'jinja2', 'feedgen', 'generator.citations'}))"
    )
    env_python = [sys.executable, "-c", code]
    result = subprocess.run(env_python, cwd=root, capture_output=True, text=True, check=False)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stderr
    loaded = subprocess.run(
        [sys.executable, "-c", code.replace("m.split('.')[0]", "m")],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert loaded.stdout.strip().splitlines()[-1] == "[]", loaded.stderr


def _count_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = checkrun.check_item

    def counting(item, registry, config, today):  # type: ignore[no-untyped-def]
        calls.append(item.path)
        return real(item, registry, config, today)

    monkeypatch.setattr(checkrun, "check_item", counting)
    return calls


def test_the_preview_rechecks_only_what_an_edit_affects(root, monkeypatch):
    """LiveSite (`portal serve`) runs the same incremental rules in memory: after each save its
    site has the diagnostics of a full read, and its registry the documents as saved."""
    from generator import live as live_module
    from generator.live import LiveSite

    live = LiveSite.read(root, workers=2)
    out = io.StringIO()
    print_json(live.site(), out)
    assert out.getvalue() == full(root)
    calls: list[str] = []
    real = live_module.check_item

    def counting(item, registry, config, today):  # type: ignore[no-untyped-def]
        calls.append(item.path)
        return real(item, registry, config, today)

    monkeypatch.setattr(live_module, "check_item", counting)

    def saved() -> None:
        assert live.refresh() is not None
        out = io.StringIO()
        site = live.site()
        print_json(site, out)
        assert out.getvalue() == full(root)
        for document in site.documents:  # the registry holds the versions as saved
            if document.number_text and not document.path.startswith("content/2025/"):
                found = site.registry.candidates(document.number_text)
                assert any(d is document for d in found), document.path

    # A title: the registry keeps its keys, and only that file is checked again.
    path, number, issued = cited(root)
    edit(path, "title: ", "title: Sửa ")
    saved()
    assert calls == [path.relative_to(root).as_posix()]
    # Twice before one update (the registry must hold the latest version), then numbers.
    edit(path, "title: Sửa ", "title: Sửa lại ")
    live.refresh()
    edit(path, "title: Sửa lại ", "title: ")
    saved()
    calls.clear()
    edit(path, f"number: {number}", "number: 9197/KH-VPUB")
    saved()
    assert 1 < len(calls) < 100
    edit(path, "number: 9197/KH-VPUB", f"number: {number}")
    edit(path, f"issued: {issued}", "issued: 2014-01-02")
    saved()
    edit(root / "content/2025/twin.md", "number: 91/KH-VPUB", "number: 9189/KH-VPUB")
    saved()
    edit(root / "content/2025/quoted.md", "Từ lặp lặp.", "")
    saved()


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The snapshot's files a check reads, by the end of their names ("rg" the registry,
    two digits a shard, "" the summary)."""
    read: list[str] = []
    real = checkrun.load_signed

    def counting(root: Path, name: str):  # type: ignore[no-untyped-def]
        part = name.removesuffix(".pickle").split("-")[2:]
        read.append(part[0] if part else "")
        return real(root, name)

    monkeypatch.setattr(checkrun, "load_signed", counting)
    return read


def _count_filings(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each time a check files every document in a new registry."""
    filed: list[int] = []
    real = checkrun.State.listed

    def counting(state: checkrun.State):  # type: ignore[no-untyped-def]
        filed.append(1)
        return real(state)

    monkeypatch.setattr(checkrun.State, "listed", counting)
    return filed


def test_an_edit_reads_only_what_it_can_change(root, monkeypatch):
    """A body edit reads the summary, the kept registry and the edited file's shard; an edit
    to a document's facts reads every shard (the rules across documents compare them all) and
    files the registry again only when what the registry files it under changed. Each gives
    the answer of a full read."""
    same(root)
    read, filed = _count_reads(monkeypatch), _count_filings(monkeypatch)
    quoted = "content/2025/quoted.md"
    edit(root / quoted, "Từ lặp lặp.", "")
    same(root)
    assert sorted(read) == sorted(["", "rg", f"{checkrun._shard_of(quoted):02d}"])
    assert filed == []
    twin = root / "content/2025/twin.md"
    # A line above `number` (N004 and N005 report the lines of both twins), then the topics
    # (M007's collision goes), then the attachments (A001 names the other file).
    for old, new in (
        ("type: plan\n", "type: plan\n# chú thích\n"),
        ("  - Đất đai\n", "  - Xây dựng\n"),
        ("file: thieu.pdf", "file: van-thieu.pdf"),
    ):
        read.clear()
        edit(twin, old, new)
        same(root)
        assert len(read) == 2 + checkrun.SHARDS and filed == []
    # A cited document becomes a draft: the registry files it otherwise (R002 for citers).
    path, _, _ = cited(root)
    edit(path, "status: published", "status: draft")
    same(root)
    assert filed == [1]


def test_a_save_whose_summary_was_never_written_is_not_trusted(root):
    """A check stopped after writing its shards and registry but before its summary (or two
    checks at once) leaves parts newer than the summary: they are not mixed with it."""
    same(root)
    summary = root / CACHE_DIR / checkrun.Snapshot(root).name()
    earlier = summary.read_bytes()
    path, number, _ = cited(root)
    edit(path, f"number: {number}", "number: 9197/KH-VPUB")
    same(root)
    summary.write_bytes(earlier)  # the summary as it was before that check
    same(root)  # the citers' C003 are there, as in a cold check


def test_the_petition_options_come_from_this_mkdocs_yml(root):
    """The summary keeps mkdocs.yml's petition options; an edited mkdocs.yml is another
    snapshot, so the options read are always the file's."""
    assert '"code": "P005"' in same(root)
    edit(root / "mkdocs.yml", "petition_deadline_days: 15", "petition_deadline_days: 500")
    assert '"code": "P005"' not in same(root)
    edit(root / "mkdocs.yml", "petition_deadline_days: 500", "petition_deadline_days: 15")
    assert '"code": "P005"' in same(root)


def test_a_corrupt_registry_means_a_cold_check(root, monkeypatch):
    same(root)
    registry = root / CACHE_DIR / checkrun.Snapshot(root).name(checkrun.SHARDS)
    registry.write_bytes(registry.read_bytes()[:-100])
    filed = _count_filings(monkeypatch)
    edit(root / "content/2025/quoted.md", "Từ lặp lặp.", "")
    same(root)
    assert filed == [1]  # filed afresh, and kept again
    filed.clear()
    edit(root / "content/2025/quoted.md", "Thực hiện", "Để thực hiện")
    same(root)
    assert filed == []


NEW_PLAN = (
    "---\ntype: plan\nnumber: 9189/KH-VPUB\nissued: 2025-06-01\ntitle: Mới\n"
    "status: published\n---\nNội dung.\n"
)


def _set_folder_times(root: Path, ns: int) -> None:
    content = root / "content"
    for folder in [content, *(p for p in content.rglob("*") if p.is_dir())]:
        os.utime(folder, ns=(ns, ns))


def _count_walks(monkeypatch) -> list[Path]:
    walks: list[Path] = []
    real = checkrun.scan_content

    def counted(content: Path, root: Path):  # type: ignore[no-untyped-def]
        walks.append(content)
        return real(content, root)

    monkeypatch.setattr(checkrun, "scan_content", counted)
    return walks


def test_an_edit_walks_no_folder_and_a_new_or_removed_file_is_seen(root, monkeypatch):
    """A check after a body edit reuses the last walk of content/ (no folder changed);
    adding, renaming or removing a file changes its folder's time, and content/ is walked."""
    _set_folder_times(root, time.time_ns() - 60 * 1_000_000_000)
    same(root)
    walks = _count_walks(monkeypatch)
    edit(root / "content/2025/quoted.md", "Từ lặp lặp.", "")
    same(root)
    assert walks == []
    (root / "content/2025/new.md").write_text(NEW_PLAN, encoding="utf-8")
    assert "9189/KH-VPUB" in same(root)
    assert len(walks) == 1
    (root / "content/2025/new.md").rename(root / "content/2025/moi.md")
    same(root)
    (root / "content/2025/moi.md").unlink()
    assert "9189/KH-VPUB" not in same(root)
    assert len(walks) == 3


def test_a_folder_changed_just_before_a_walk_is_walked_again(root, monkeypatch):
    """A file added in the same tick of the clock as the walk before it leaves its folder's
    time as that walk saw it: a folder that had just changed is never trusted."""
    folder = root / "content/2025"
    _set_folder_times(root, time.time_ns())
    snap(root)
    seen = folder.stat().st_mtime_ns
    (folder / "late.md").write_text(NEW_PLAN, encoding="utf-8")
    os.utime(folder, ns=(seen, seen))  # as if in the same tick
    walks = _count_walks(monkeypatch)
    assert "9189/KH-VPUB" in same(root)
    assert len(walks) == 1


def test_a_link_out_of_content_is_seen_and_never_lets_a_walk_be_reused(root, monkeypatch, tmp_path):
    """A symbolic link added after a reused walk changes its folder's time: it is walked and
    reported (F012); a walk that reported anything is not kept, so every check walks again."""
    _set_folder_times(root, time.time_ns() - 60 * 1_000_000_000)
    same(root)
    outside = tmp_path / "outside.md"
    outside.write_text(NEW_PLAN, encoding="utf-8")
    (root / "content/2025/link.md").symlink_to(outside)
    walks = _count_walks(monkeypatch)
    answer = same(root)
    assert "F012" in answer and "9189/KH-VPUB" not in answer
    _set_folder_times(root, time.time_ns() - 60 * 1_000_000_000)
    assert same(root) == answer
    assert len(walks) == 2
