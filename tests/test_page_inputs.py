"""A document page's key from its inputs (``pages.document.document_inputs``) is sound: where
the key of a page is unchanged, so is the page.

`portal build` keeps a document's page from its previous build, without rendering it, when
that key is unchanged; an input the key missed would publish a stale page. Each test here
changes one kind of input between two readings of a site, renders every document's page both
times, and checks that every page that changed has a different key (and that the change did
show somewhere, so that the check is not vacuous). The build itself is compared with a clean
build after such changes in tests/test_build_reuse.py.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from generator.pages import make_edition
from generator.pages.document import document_inputs, fingerprint, render_document
from generator.pages.markup import PageSource
from generator.site import read_site
from generator.urls import UrlScheme
from tests.conftest import with_repository_site

AS_OF = date(2026, 6, 1)
PLAN_74 = "content/van-ban/2025/ke-hoach-74-kh-vpub.md"
PLAN_62 = "content/van-ban/2024/ke-hoach-62-kh-vpub.md"
NOTICE_340 = "content/van-ban/2025/thong-bao-340-tb-vpub.md"
CONCLUSION = "content/van-ban/2025/thong-bao-ket-luan-doi-thoai-cong-chuc.md"
REGULATION_429 = "content/dan-chieu/quy-dinh-429-qd-tu.md"

Pages = dict[str, tuple[str, PageSource]]


@pytest.fixture(autouse=True)
def private_cache_key(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))


@pytest.fixture
def root(make_site) -> Path:
    return with_repository_site(make_site(context=False), content=True)


def _pages(root: Path, as_of: date = AS_OF, drafts: bool = False, **options: object) -> Pages:
    """Every document's page key inputs and page, by page source."""
    site = read_site(root, workers=1)
    edition = make_edition(site, as_of, drafts=drafts, **options)  # type: ignore[arg-type]
    return {
        edition.src_of(d): (
            repr(document_inputs(edition, d, root, fingerprint)),
            render_document(edition, d, root),
        )
        for d in edition.documents
    }


def _assert_keys_follow_pages(before: Pages, after: Pages, shown: bool = True) -> list[str]:
    """Every page present both times that changed has a changed key; returns those pages
    (``shown``: there must be some, else the test proves nothing)."""
    common = sorted(before.keys() & after.keys())
    changed = [src for src in common if before[src][1] != after[src][1]]
    assert changed or not shown, "the change shows on no page"
    stale = [src for src in changed if before[src][0] == after[src][0]]
    assert stale == []
    return changed


def _edit(root: Path, path: str, pattern: str, replacement: str) -> None:
    file = root / path
    text = file.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert count == 1, (path, pattern)
    file.write_text(changed, encoding="utf-8")


def _attach(root: Path, path: str, name: str, data: bytes) -> None:
    (root / path).parent.joinpath(name).write_bytes(data)
    _edit(root, path, r"^status: published$", f"status: published\nattachments:\n  - file: {name}")


EDITS: dict[str, Callable[[Path], None]] = {
    # A citer's title shows in the panels of what it cites (and its banners, if it replaces).
    "a citer's title": lambda root: _edit(root, NOTICE_340, r"^title: .*$", "title: Tên mới"),
    "a citer's issuer": lambda root: _edit(
        root, NOTICE_340, r"^issuer: .*$", "issuer: Ủy ban nhân dân tỉnh Sơn La"
    ),
    # The date of a cited document shows in its citers' "căn cứ" lists, and orders timelines.
    "a neighbour's date": lambda root: _edit(
        root, NOTICE_340, r"^issued: .*$", "issued: 2025-08-21"
    ),
    # A cited number that no longer resolves: the links to it go, in text and panels.
    "a cited document's number": lambda root: _edit(
        root, REGULATION_429, r"^number: .*$", "number: 430-QĐ/TU"
    ),
    "a draft becoming published": lambda root: _edit(
        root, CONCLUSION, r"^status: draft$", "status: published"
    ),
    "a document becoming a draft": lambda root: _edit(
        root, PLAN_62, r"^status: published$", "status: draft"
    ),
    "a replacement": lambda root: _edit(
        root, NOTICE_340, r"^references:$", "replaces:\n  - 62/KH-VPUB\nreferences:"
    ),
    "a body's text": lambda root: _edit(root, PLAN_62, r"\Z", "\nĐoạn thêm cuối văn bản.\n"),
    "a new citer": lambda root: (root / "content/van-ban/2025/moi.md").write_text(
        "---\ntype: notice\nnumber: 999/TB-VPUB\nissued: 2025-12-20\ntitle: Thông báo mới\n"
        "issuer: Văn phòng UBND tỉnh Sơn La\nstatus: published\nreferences:\n  - 74/KH-VPUB\n"
        "---\nThực hiện Kế hoạch số 74/KH-VPUB ngày 15/12/2025.\n",
        encoding="utf-8",
    ),
    # An agenda carrying out the notice that carries out plan 62: a step of its timeline.
    "a step two citations down a plan": lambda root: (
        root / "content/van-ban/2025/ct.md"
    ).write_text(
        "---\ntype: agenda\nnumber: 998/CTr-VPUB\nissued: 2025-09-20\ntitle: Chương trình\n"
        "issuer: Văn phòng UBND tỉnh Sơn La\nstatus: published\nreferences:\n  - 340/TB-VPUB\n"
        "---\nThực hiện Thông báo số 340/TB-VPUB ngày 20/8/2025.\n",
        encoding="utf-8",
    ),
    "an attachment added": lambda root: _attach(root, PLAN_74, "ban-goc.pdf", b"%PDF" * 600),
}


@pytest.mark.parametrize("drafts", [False, True], ids=["public", "drafts"])
@pytest.mark.parametrize("edit", sorted(EDITS))
def test_a_changed_input_changes_the_key_of_every_page_it_changes(root, edit, drafts):
    if edit == "a draft becoming published" and drafts:
        pytest.skip("the draft is shown either way")
    before = _pages(root, drafts=drafts)
    EDITS[edit](root)
    _assert_keys_follow_pages(before, _pages(root, drafts=drafts))


@pytest.mark.parametrize("change", ["size", "removed"])
def test_an_attachment_changed_on_disk_changes_the_key(root, change):
    _attach(root, PLAN_74, "ban-goc.pdf", b"%PDF" * 600)
    before = _pages(root)
    attachment = root / PLAN_74
    attachment = attachment.parent / "ban-goc.pdf"
    if change == "size":
        attachment.write_bytes(b"%PDF" * 60_000)
    else:
        attachment.unlink()
    changed = _assert_keys_follow_pages(before, _pages(root))
    assert changed == ["van-ban/2025/kh-74-vpub.md"]


def test_the_build_date_changes_the_key_of_the_pages_it_changes(root):
    """Validity (an effective date passed), a dialogue's petition window (before, during,
    after), a document held back until a later date."""
    _edit(root, REGULATION_429, r"^status: published$", "status: published\neffective: 2025-09-01")
    _edit(root, PLAN_74, r"^status: published$", "status: published\npublish_at: 2025-09-20")
    days = [date(2025, 8, 1), date(2025, 8, 30), date(2025, 9, 10), date(2025, 9, 30), AS_OF]
    pages = [_pages(root, as_of=day) for day in days]
    changed: set[str] = set()
    for index, before in enumerate(pages):
        for after in pages[index + 1 :]:
            changed.update(_assert_keys_follow_pages(before, after, shown=False))
    # The regulation's validity, the notice's petition window.
    assert {"van-ban/2022/qd-429-tu.md", "van-ban/2025/tb-340-vpub.md"} <= changed
    # Neither date decides anything on a page of a day between two of them: same keys.
    assert _pages(root, as_of=date(2026, 6, 2)) == pages[-1]
    # Drafts shown: the notice's calendar is offered once it is public (publish_at passed).
    _edit(root, NOTICE_340, r"^status: published$", "status: published\npublish_at: 2025-08-22")
    # (Both days before its petition window opens: the calendar link is all that differs.)
    before, after = (_pages(root, as_of=date(2025, 8, day), drafts=True) for day in (21, 23))
    assert "van-ban/2025/tb-340-vpub.md" in _assert_keys_follow_pages(before, after)


@pytest.mark.parametrize(
    "options",
    [
        {"place": "Mộc Châu"},
        {"site_url": "https://example.gov.vn/"},
        {"urls": UrlScheme(directory_urls=False)},
    ],
    ids=["place", "site address", "address scheme"],
)
def test_the_sites_settings_change_the_key(root, options):
    before = _pages(root)
    _assert_keys_follow_pages(before, _pages(root, **options))


def test_the_history_changes_the_key(root):
    """A commit changes a page (its last update) without changing any file."""

    def git(*args: str, day: str = "2025-12-16T08:00:00") -> None:
        author = ["-c", "user.name=A", "-c", "user.email=a@b"]
        dates = {"GIT_AUTHOR_DATE": day, "GIT_COMMITTER_DATE": day}
        run = ["git", *author, *args]
        subprocess.run(run, cwd=root, check=True, capture_output=True, env=os.environ | dates)

    git("init", "-q")
    git("add", "content")
    git("commit", "-qm", "một")
    _edit(root, PLAN_74, r"\Z", "\nĐính chính một câu.\n")
    before = _pages(root)
    git("commit", "-qam", "hai", day="2026-01-05T08:00:00")
    after = _pages(root)
    assert "van-ban/2025/kh-74-vpub.md" in _assert_keys_follow_pages(before, after)


def test_an_unchanged_site_keeps_every_key(root):
    """Read twice (the second time from the file cache), nothing changes."""
    assert _pages(root) == _pages(root)


def test_a_cited_documents_text_leaves_its_citers_keys(root):
    """Its citers show its number, type, date, title and issuer, not its text: their pages
    are kept when only its text changes (the edit most builds follow)."""
    before = _pages(root)
    EDITS["a body's text"](root)
    after = _pages(root)
    keys = [src for src in before if before[src][0] != after[src][0]]
    assert keys == ["van-ban/2024/kh-62-vpub.md"]
