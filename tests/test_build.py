"""`portal build` as an operator meets it: where it may write, what it leaves, what it reads.

Each test runs the real command on a small site root; the kill tests run it as a subprocess.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.build import MARKER, _swap_in
from generator.cli import main
from tests.conftest import REPO, with_repository_site

AS_OF = "2025-09-01"
NOTICE = (
    "---\ntype: notice\nnumber: 52/TB-VPUB\nissued: 2025-08-01\ntitle: Thông báo thử\n"
    "issuer: Văn phòng UBND tỉnh Sơn La\nstatus: published\n{extra}---\nNội dung.\n"
)


def build(root: Path, *args: str) -> int:
    return main(["--root", str(root), "build", "--as-of", AS_OF, *args])


@pytest.fixture
def site_root(make_site) -> Path:
    return with_repository_site(make_site({"tb.md": NOTICE.format(extra="")}))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".site-build" not in p.parts
    }


@pytest.mark.parametrize(
    "target", ["content", ".", "overrides", "..", ".git", "content/ra", "overrides/x", "/"]
)
def test_a_target_that_holds_or_lies_in_the_sources_is_refused(site_root, target, capsys):
    (site_root / ".git").mkdir()
    before = snapshot(site_root)
    assert build(site_root, "--site-dir", target) == 2
    err = capsys.readouterr().err
    assert "không dựng trang vào" in err and "Traceback" not in err
    assert snapshot(site_root) == before
    assert [p.name for p in site_root.parent.iterdir() if "-build" in p.name] == []


def test_the_home_folder_is_refused(site_root, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path / "nha"))
    (tmp_path / "nha").mkdir()
    assert build(site_root, "--site-dir", str(tmp_path / "nha")) == 2
    assert "thư mục nhà" in capsys.readouterr().err


def test_a_folder_the_portal_did_not_build_needs_force(site_root, tmp_path, capsys):
    other = tmp_path / "khac"
    other.mkdir()
    (other / "ghi-chu.txt").write_text("của người khác", encoding="utf-8")
    assert build(site_root, "--site-dir", str(other)) == 2
    assert "--force" in capsys.readouterr().err
    assert (other / "ghi-chu.txt").exists()
    assert build(site_root, "--site-dir", str(other), "--force") == 0
    assert (other / MARKER).is_file() and not (other / "ghi-chu.txt").exists()
    # Once it is a portal build, later builds replace it without --force; an empty folder too.
    assert build(site_root, "--site-dir", str(other)) == 0
    empty = tmp_path / "rong"
    empty.mkdir()
    assert build(site_root, "--site-dir", str(empty)) == 0


def test_the_site_is_readable_by_a_web_server_running_as_another_user(site_root):
    previous = os.umask(0o022)
    try:
        assert build(site_root) == 0
    finally:
        os.umask(previous)
    site = site_root / "site"
    modes = {stat.S_IMODE(p.stat().st_mode) for p in [site, *site.rglob("*")] if p.is_dir()}
    assert modes == {0o755}
    assert {stat.S_IMODE(p.stat().st_mode) for p in site.rglob("*") if p.is_file()} == {0o644}
    assert (site / "search").is_dir()  # the index job's folder too


def test_mkdocs_build_gives_the_same_modes(site_root, tmp_path):
    out = tmp_path / "mk"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)],
        cwd=site_root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    for path in [out, *out.rglob("*")]:
        want = 0o755 if path.is_dir() else 0o644
        assert stat.S_IMODE(path.stat().st_mode) & 0o755 == want & 0o755, path


def test_the_swap_puts_the_new_site_in_place_and_keeps_the_old_one_aside(tmp_path):
    target, staging = tmp_path / "site", tmp_path / "new"
    target.mkdir()
    (target / "cu.html").write_text("cũ")
    staging.mkdir()
    (staging / "moi.html").write_text("mới")
    _swap_in(staging, target)
    assert [p.name for p in target.iterdir()] == ["moi.html"]
    assert [p.name for p in staging.iterdir()] == ["cu.html"]


def _portal(root: Path, temporary: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "-C", str(root), "build", "--as-of", AS_OF],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "TMPDIR": str(temporary)},
    )


def _alive_with(marker: str) -> list[int]:
    """Processes whose command line names ``marker`` (forked workers keep their parent's)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
                state = (entry / "stat").read_text().split(") ")[-1][:1]
            except OSError:
                continue
            if marker.encode() in cmdline and state != "Z":
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs Linux /proc")
def test_a_killed_build_never_leaves_the_site_missing_nor_workers_alive(site_root, tmp_path):
    temporary = tmp_path / "tmp"  # the build's TMPDIR: it must stay empty
    temporary.mkdir()
    assert build(site_root) == 0
    # Killed at different moments: reading, rendering, indexing, swapping.
    for delay in (0.3, 0.8, 1.5, 2.5, 4.0):
        process = _portal(site_root, temporary)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        site = site_root / "site"
        assert (site / MARKER).is_file() and (site / "index.html").is_file(), delay
        deadline = time.monotonic() + 10
        while _alive_with(str(site_root)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _alive_with(str(site_root)) == [], f"workers outlived a build killed at {delay}s"
    # The next build removes what the killed ones left: all that stays is the previous site's
    # folders, emptied of every file, for the build after (build._new_staging).
    assert build(site_root) == 0
    workspace = site_root / ".site-build"
    assert [p.name for p in workspace.iterdir()] == ["folders"]
    assert [p for p in workspace.rglob("*") if not p.is_dir()] == []
    assert list(temporary.iterdir()) == []


# -- what content/ holds --------------------------------------------------------------------


def check(root: Path, capsys) -> tuple[int, str]:
    code = main(["--root", str(root), "check"])
    return code, capsys.readouterr().out


def test_links_out_of_content_are_never_read_nor_published(site_root, tmp_path, capsys):
    secret = tmp_path / "bi-mat.txt"
    secret.write_text("MAT_KHAU=123", encoding="utf-8")
    outside = tmp_path / "ngoai"
    outside.mkdir()
    (outside / "a.pdf").write_bytes(b"%PDF-1.4 ngoai")
    content = site_root / "content"
    (content / "passwd.txt").symlink_to(secret)
    (content / "thu-muc").symlink_to(outside)
    (content / "trang.md").symlink_to(secret)
    code, out = check(site_root, capsys)
    assert code == 1
    for name in ("passwd.txt", "thu-muc", "trang.md"):
        assert f"content/{name}:1: lỗi F012" in out
    assert build(site_root) == 1
    assert not (site_root / "site").exists()


def test_links_inside_content_are_followed_once_and_loops_skipped(site_root, capsys):
    content = site_root / "content"
    (content / "anh").mkdir()
    (content / "anh" / "so-do.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (content / "anh-2").symlink_to("anh")
    (content / "anh" / "vong").symlink_to("..")
    (content / "a").symlink_to("b")
    (content / "b").symlink_to("a")
    code, out = check(site_root, capsys)
    assert code == 0
    assert "content/anh/vong:1: cảnh báo F013" in out and "content/a:1: cảnh báo F013" in out
    assert build(site_root) == 0
    site = site_root / "site"
    assert (site / "anh/so-do.png").is_file() and (site / "anh-2/so-do.png").is_file()
    assert not (site / "anh/vong").exists()


def test_a_fifo_is_skipped_not_waited_on(site_root):
    os.mkfifo(site_root / "content" / "x.md")
    os.mkfifo(site_root / "content" / "y.pdf")
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "-C", str(site_root), "check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert "content/x.md:1: cảnh báo F013" in result.stdout
    assert "content/y.pdf:1: cảnh báo F013" in result.stdout
    built = subprocess.run(
        [sys.executable, "-m", "generator.cli", "-C", str(site_root), "build", "--as-of", AS_OF],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert built.returncode == 0, built.stderr


def test_only_known_asset_types_are_published(site_root, capsys):
    content = site_root / "content"
    for name in ("ban-goc.pdf", "bang.xlsx", "anh.jpg"):
        (content / name).write_bytes(b"tep")
    (content / "trang.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (content / "hinh.svg").write_text("<svg onload=alert(1)>", encoding="utf-8")
    (content / ".env").write_text("SECRET=1", encoding="utf-8")
    (content / ".an").mkdir()
    (content / ".an" / "x.pdf").write_bytes(b"tep")
    code, out = check(site_root, capsys)
    assert code == 0
    assert (
        "content/trang.html:1: cảnh báo F014" in out and "content/hinh.svg:1: cảnh báo F014" in out
    )
    assert ".env" not in out
    assert build(site_root) == 0
    published = {p.name for p in (site_root / "site").iterdir()}
    assert {"ban-goc.pdf", "bang.xlsx", "anh.jpg"} <= published
    assert not {"trang.html", "hinh.svg", ".env", ".an"} & published


PAGE = "---\ntype: page\ntitle: {title}\nstatus: published\n---\nNội dung trang.\n"


@pytest.mark.parametrize("path", ["index.md", "van-ban/index.md", "chu-de/x.md"])
def test_a_plain_page_where_the_portal_generates_one_is_an_error(site_root, path, capsys):
    (site_root / "content" / path).parent.mkdir(parents=True, exist_ok=True)
    (site_root / "content" / path).write_text(PAGE.format(title="Trang chủ riêng"))
    code, out = check(site_root, capsys)
    assert code == 1 and f"content/{path}:1: lỗi F015" in out


def test_titles_are_the_text_the_editor_wrote(site_root, capsys):
    (site_root / "content" / "co.md").write_text(PAGE.format(title="yes"), encoding="utf-8")
    assert build(site_root) == 0
    page = (site_root / "site" / "co" / "index.html").read_text(encoding="utf-8")
    assert "<title>yes" in page and "True" not in page
    (site_root / "content" / "rong.md").write_text(PAGE.format(title="~"), encoding="utf-8")
    code, out = check(site_root, capsys)
    assert code == 1 and "content/rong.md:3:8: lỗi M005" in out


def test_topics_without_latin_letters_keep_pages_of_their_own(make_site, capsys):
    files = {
        "a.md": NOTICE.format(extra="topics:\n  - 中文\n"),
        "b.md": NOTICE.replace("52/", "53/").format(extra="topics:\n  - '!!!'\n"),
    }
    root = with_repository_site(make_site(files))
    assert build(root) == 0
    pages = sorted((root / "site" / "chu-de").glob("*/index.html"))
    assert len(pages) == 2
    titles = sorted(p.read_text(encoding="utf-8").split("<h1")[1].split("</h1>")[0] for p in pages)
    assert "中文" in titles[0] + titles[1] and "!!!" in titles[0] + titles[1]
