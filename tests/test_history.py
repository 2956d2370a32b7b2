"""History from git: each document page lists the commits that changed it."""

from __future__ import annotations

import subprocess
from pathlib import Path

from generator.cli import main
from generator.history import read_history
from tests.conftest import with_repository_site

DOC = (
    "---\ntype: notice\nnumber: 50/TB-VPUB\nissued: 2025-03-03\ntitle: Thông báo thử\n"
    "issuer: Văn phòng UBND tỉnh Sơn La\nstatus: published\n---\nNội dung.\n"
)


def git(root: Path, *args: str) -> None:
    subprocess.run(
        [
            "git",
            "-C",
            str(root),
            "-c",
            "user.name=Biên tập",
            "-c",
            "user.email=bt@sonla.gov.vn",
            *args,
        ],
        check=True,
        capture_output=True,
    )


def test_pages_show_history_and_builds_outside_git_still_work(make_site):
    root = with_repository_site(make_site({"tb.md": DOC}))
    assert read_history(root) == {}  # not a checkout yet
    assert main(["--root", str(root), "build", "--as-of", "2025-09-01"]) == 0
    page = root / "site/van-ban/2025/tb-50-vpub/index.html"
    assert "Lịch sử cập nhật" not in page.read_text(encoding="utf-8")

    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Đăng Thông báo 50/TB-VPUB")
    (root / "content/tb.md").write_text(
        DOC.replace("Nội dung.", "Nội dung đã sửa."), encoding="utf-8"
    )
    git(root, "commit", "-q", "-am", "Đính chính nội dung <b>mục 2</b>")
    history = read_history(root)
    assert [c.message for c in history["content/tb.md"]] == [
        "Đính chính nội dung <b>mục 2</b>",
        "Đăng Thông báo 50/TB-VPUB",
    ]
    assert main(["--root", str(root), "build", "--as-of", "2025-09-01"]) == 0
    html = page.read_text(encoding="utf-8")
    assert "Lịch sử cập nhật" in html and "Cập nhật lần cuối ngày" in html
    assert "Đính chính nội dung &lt;b&gt;mục 2&lt;/b&gt;" in html
