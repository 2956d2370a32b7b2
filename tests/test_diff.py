"""`portal diff`: what a change does to the public site, from temporary git repositories."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from generator.cli import main


def doc(number: str, title: str, status: str = "published", body: str = "Nội dung.") -> str:
    return (
        f"---\ntype: notice\nnumber: {number}\nissued: 2025-03-03\ntitle: {title}\n"
        f"issuer: Văn phòng UBND tỉnh Sơn La\nstatus: {status}\n---\n{body}\n"
    )


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=BT", "-c", "user.email=bt@sonla.gov.vn", *args],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def test_added_changed_removed_moved_and_no_drafts(make_site, capsys):
    root = make_site(
        {
            "a.md": doc("50/TB-VPUB", "Thông báo A"),
            "b.md": doc("51/TB-VPUB", "Thông báo B"),
            "d.md": doc("53/TB-VPUB", "Thông báo D"),
        },
        context=False,
    )
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Gốc")
    (root / "content/a.md").write_text(
        doc("50/TB-VPUB", "Thông báo A", body="Đã sửa."), encoding="utf-8"
    )
    (root / "content/b.md").unlink()
    (root / "content/c.md").write_text(doc("52/TB-VPUB", "Thông báo C"), encoding="utf-8")
    (root / "content/d.md").write_text(doc("63/TB-VPUB", "Thông báo D"), encoding="utf-8")
    (root / "content/e.md").write_text(
        doc("/TB-VPUB", "Bản nháp E", status="draft"), encoding="utf-8"
    )

    assert main(["--root", str(root), "diff", "HEAD", "--format", "json"]) == 0
    changes = json.loads(capsys.readouterr().out)
    assert set(changes) == {"added", "changed", "removed", "moved"}
    assert changes["added"] == [
        {"url": "/van-ban/2025/tb-52-vpub/", "number": "52/TB-VPUB", "title": "Thông báo C"}
    ]
    assert changes["changed"] == [
        {"url": "/van-ban/2025/tb-50-vpub/", "number": "50/TB-VPUB", "title": "Thông báo A"}
    ]
    assert changes["removed"] == [
        {"url": "/van-ban/2025/tb-51-vpub/", "number": "51/TB-VPUB", "title": "Thông báo B"}
    ]
    assert [(m["from"], m["url"]) for m in changes["moved"]] == [
        ("/van-ban/2025/tb-53-vpub/", "/van-ban/2025/tb-63-vpub/")
    ]
    assert "Bản nháp E" not in json.dumps(changes, ensure_ascii=False)

    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Sửa")
    assert main(["--root", str(root), "diff", "HEAD~1", "HEAD", "--format", "markdown"]) == 0
    markdown = capsys.readouterr().out
    assert (
        "### Thay đổi trên Cổng thông tin" in markdown
        and "| `/van-ban/2025/tb-52-vpub/` | 52/TB-VPUB | Thông báo C |" in markdown
        and "`/van-ban/2025/tb-63-vpub/` (từ `/van-ban/2025/tb-53-vpub/`)" in markdown
    )
    # One address form in every format: the text output writes the move as JSON does.
    assert main(["--root", str(root), "diff", "HEAD~1", "HEAD"]) == 0
    assert "  /van-ban/2025/tb-53-vpub/ → /van-ban/2025/tb-63-vpub/  63/TB-VPUB" in (
        capsys.readouterr().out
    )
    assert main(["--root", str(root), "diff", "HEAD"]) == 0
    assert "không làm đổi trang công khai nào" in capsys.readouterr().out


def test_unknown_revision_is_a_usage_error(make_site, capsys):
    root = make_site()
    git(root, "init", "-q")
    assert main(["--root", str(root), "diff", "khong-co"]) == 2
    assert "git" in capsys.readouterr().err


def test_works_in_a_shallow_clone_once_the_base_is_fetched(make_site, tmp_path, capsys):
    origin = make_site({"a.md": doc("50/TB-VPUB", "Thông báo A")}, context=False)
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", ".")
    git(origin, "commit", "-q", "-m", "Gốc")
    base = git(origin, "rev-parse", "HEAD").strip()
    (origin / "content/c.md").write_text(doc("52/TB-VPUB", "Thông báo C"), encoding="utf-8")
    git(origin, "add", ".")
    git(origin, "commit", "-q", "-m", "Thêm C")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(clone)], check=True
    )
    git(clone, "fetch", "-q", "--depth", "1", "origin", base)
    assert main(["--root", str(clone), "diff", base, "--format", "json"]) == 0
    changes = json.loads(capsys.readouterr().out)
    assert [a["number"] for a in changes["added"]] == ["52/TB-VPUB"]
