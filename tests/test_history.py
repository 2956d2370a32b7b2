"""History on document pages: the day a document was posted, the day its text last changed,
and the corrections an editor recorded; never the repository's commit messages."""

from __future__ import annotations

import os
import re
import subprocess
from datetime import date
from pathlib import Path

from generator.cli import main
from generator.history import Change, public_dates, read_history
from generator.siteroot import SiteRoot
from tests.conftest import with_repository_site

DOC = (
    "---\ntype: notice\nnumber: 50/TB-VPUB\nissued: 2025-03-03\ntitle: Thông báo thử\n"
    "issuer: Văn phòng UBND tỉnh Sơn La\nstatus: published\n---\nNội dung.\n"
)
PAGE = "site/van-ban/2025/tb-50-vpub/index.html"


def git(root: Path, *args: str, day: str = "2025-03-04") -> None:
    # Commits dated as an editor made them, so the page's dates can be asserted.
    stamp = f"{day}T09:00:00+07:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(
        [
            "git",
            *("-C", str(root), "-c", "user.name=Biên tập", "-c", "user.email=bt@sonla.gov.vn"),
            *args,
        ],
        check=True,
        capture_output=True,
        env=env,
    )


def build(root: Path) -> str:
    assert main(["--root", str(root), "build", "--as-of", "2025-09-01"]) == 0
    return (root / PAGE).read_text(encoding="utf-8")


def history_panel(html: str) -> str:
    if 'id="lich-su"' not in html:
        return ""
    start = html.index('<section class="vb-panel vb-history"')
    return re.sub(r"<[^>]+>", " ", html[start : html.index("</section>", start)])


def test_outside_git_there_is_no_history(make_site):
    root = with_repository_site(make_site({"tb.md": DOC}))
    assert read_history(SiteRoot(root)) == {}
    assert history_panel(build(root)) == ""


def test_posted_date_and_last_change_of_the_text_never_the_commit_messages(make_site):
    root = with_repository_site(make_site({"tb.md": DOC}))
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Add notice 50 (internal note)", day="2025-03-04")
    panel = " ".join(history_panel(build(root)).split())
    assert "Ngày đăng 04/3/2025" in panel or "Ngày đăng 4/3/2025" in panel
    assert "Cập nhật lần cuối" not in panel  # one version: nothing changed after posting

    # Only the frontmatter changes (a topic): the public text is the same, no update shown.
    tb = root / "content/tb.md"
    tb.write_text(DOC.replace("status: published\n", "status: published\ntopics:\n  - Thử\n"))
    git(root, "commit", "-q", "-am", "Tag it", day="2025-03-10")
    assert "Cập nhật lần cuối" not in build(root)

    # The text changes: the page says when, and only the date.
    tb.write_text(tb.read_text(encoding="utf-8").replace("Nội dung.", "Nội dung đã sửa."))
    git(root, "commit", "-q", "-am", "Fix <b>typo</b> per Mr. X's call", day="2025-03-20")
    html = build(root)
    panel = " ".join(history_panel(html).split())
    assert re.search(r"Ngày đăng 0?4/3/2025 Cập nhật lần cuối 20/3/2025", panel), panel
    for message in ("Add notice 50", "Tag it", "typo", "Mr. X"):
        assert message not in html
    history = read_history(SiteRoot(root))["content/tb.md"]
    assert [c.day for c in history] == [date(2025, 3, 20), date(2025, 3, 10), date(2025, 3, 4)]
    assert not any(hasattr(c, "message") for c in history)


def test_a_draft_is_posted_the_day_it_is_published(make_site):
    root = with_repository_site(make_site({"tb.md": DOC.replace("published", "draft")}))
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Draft", day="2025-02-20")
    tb = root / "content/tb.md"
    tb.write_text(DOC.replace("Nội dung.", "Nội dung, bản cuối."))
    git(root, "commit", "-q", "-am", "Publish", day="2025-03-04")
    panel = " ".join(history_panel(build(root)).split())
    assert re.search(r"Ngày đăng 0?4/3/2025$", panel), panel


def test_public_dates_follow_publish_at_and_ignore_drafts():
    changes = [
        Change(date(2025, 4, 1), "c", True, "v2"),
        Change(date(2025, 3, 1), "b", True, "v1"),
        Change(date(2025, 2, 1), "a", False, "v0"),
    ]
    assert public_dates(changes) == public_dates(changes, None)
    dates = public_dates(changes)
    assert (dates.posted, dates.updated) == (date(2025, 3, 1), date(2025, 4, 1))
    # Held back until 10 April: posted then, and the change of 1 April was before posting.
    held = public_dates(changes, publish_at=date(2025, 4, 10))
    assert (held.posted, held.updated) == (date(2025, 4, 10), None)
    assert public_dates([Change(date(2025, 2, 1), "a", False, "v0")]).posted is None


CORRECTED = DOC.replace(
    "status: published\n",
    "status: published\ncorrections:\n"
    "  - date: 2025-03-05\n    note: Sửa thời gian hội nghị thành 14 giờ.\n"
    "  - date: 2025-03-12\n    note: Bổ sung địa điểm <Phòng 219>.\n",
)


def test_corrections_recorded_by_the_editor_are_shown_newest_first(make_site):
    root = with_repository_site(make_site({"tb.md": CORRECTED}))
    html = build(root)
    panel = " ".join(history_panel(html).split())
    assert re.search(
        r"Đính chính 12/3/2025 : Bổ sung địa điểm &lt;Phòng 219&gt;\. "
        r"0?5/3/2025 : Sửa thời gian hội nghị thành 14 giờ\.",
        panel,
    ), panel
    assert '<time datetime="2025-03-12">' in html


def test_corrections_are_checked(make_site, capsys):
    bad = DOC.replace(
        "status: published\n",
        "status: published\ncorrections:\n  - Sửa thời gian\n"
        "  - date: 2025-03-01\n    note: Trước ngày ban hành.\n"
        "  - date: 2025-03-05\n",
    )
    root = with_repository_site(make_site({"tb.md": bad}))
    assert main(["--root", str(root), "check"]) == 1
    out = capsys.readouterr().out
    assert re.search(r"tb\.md:9:\d+: lỗi M010", out), out
    assert re.search(r"tb\.md:10(:\d+)?: lỗi M011", out), out
    assert re.search(r"tb\.md:12:\d+: lỗi M010", out), out
