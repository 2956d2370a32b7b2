"""The per-file cache of `portal check`: reused when nothing changed, never trusted blindly."""

from __future__ import annotations

import os
import pickle

import pytest

from generator.cache import CACHE_DIR
from generator.cli import main

GOOD = "---\ntype: plan\nnumber: 80/KH-VPUB\nissued: 2025-03-03\ntitle: Kế hoạch\nstatus: published\n---\nNội dung.\n"


@pytest.fixture(autouse=True)
def private_key(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))


def check(root, capsys) -> tuple[int, str]:
    code = main(["--root", str(root), "check", "--format", "json"])
    return code, capsys.readouterr().out


def test_a_second_check_gives_the_same_answer_and_sees_every_edit(make_site, capsys):
    root = make_site({"a.md": GOOD})
    first = check(root, capsys)
    assert list((root / CACHE_DIR).glob("sitecheck-*.pickle"))
    assert check(root, capsys) == first
    path = root / "content" / "a.md"
    path.write_text(GOOD.replace("80/KH", "8/KH"), encoding="utf-8")
    code, out = check(root, capsys)
    assert code == 1 and "N002" in out
    # Same size, same time: only the hash can tell (an editor's tool that keeps the mtime).
    stat = path.stat()
    path.write_text(GOOD.replace("80/KH", "81/KH"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    code, out = check(root, capsys)
    assert code == 0 and "N002" not in out
    path.unlink()
    assert check(root, capsys)[1] != out


def test_a_corrupt_cache_is_ignored(make_site, capsys):
    root = make_site({"a.md": GOOD.replace("80/KH", "8/KH")})
    first = check(root, capsys)
    cached = list((root / CACHE_DIR).glob("*.pickle"))
    assert cached
    for path in cached:
        path.write_bytes(path.read_bytes()[:100])
    assert check(root, capsys) == first


class Planted:
    def __reduce__(self):
        return (os.mkdir, ("/tmp/portal-cache-planted-by-a-pull-request",))


def test_a_cache_file_planted_in_the_repository_is_never_unpickled(make_site, capsys):
    root = make_site({"a.md": GOOD})
    check(root, capsys)
    cached = list((root / CACHE_DIR).glob("*.pickle"))
    assert cached
    for path in cached:
        path.write_bytes(b"\0" * 32 + pickle.dumps(Planted()))
    check(root, capsys)
    assert not os.path.exists("/tmp/portal-cache-planted-by-a-pull-request")
