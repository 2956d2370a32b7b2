"""The site builds the same with MkDocs and with ProperDocs, its maintained drop-in fork."""

from __future__ import annotations

import gzip
import importlib.util
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.engine import EngineUnavailable, select_engine
from tests.conftest import REPO, with_repository_site

sys.path.insert(0, str(REPO / "tools"))
from compare_engines import build_and_compare, compare

AS_OF = "2025-12-31"
needs_properdocs = pytest.mark.skipif(
    importlib.util.find_spec("properdocs") is None,
    reason="ProperDocs is not installed (the test extra installs it)",
)


@needs_properdocs
def test_properdocs_builds_the_same_site_as_mkdocs(tmp_path):
    # Each engine in a process of its own, through the command line, as an operator runs it.
    root = with_repository_site(tmp_path / "root", content=True)
    result, generators = build_and_compare(root, tmp_path / "out", AS_OF)
    assert result.same, result.report("MkDocs", "ProperDocs")
    assert generators["mkdocs"].startswith("mkdocs-1.")
    assert generators["properdocs"].startswith("mkdocs-ProperDocs 1.")
    # Not two empty folders: every page, the search index and the sitemap were compared.
    built = tmp_path / "out/mkdocs"
    assert result.compared == sum(1 for p in built.rglob("*") if p.is_file())
    assert (built / "sitemap.xml.gz").is_file()
    assert len(list(built.glob("van-ban/*/*/index.html"))) >= 5


def _site(folder: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def test_the_comparison_ignores_only_the_generator_tag_and_gzip_headers(tmp_path):
    page = '<head><meta name="generator" content="{}"><title>Trang</title></head>'
    first = _site(
        tmp_path / "a",
        {
            "index.html": page.format("mkdocs-1.6.1, mkdocs-material-9.8.2").encode(),
            "sitemap.xml.gz": gzip.compress(b"<urlset/>", mtime=1),
        },
    )
    second = _site(
        tmp_path / "b",
        {
            "index.html": page.format("mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.2").encode(),
            "sitemap.xml.gz": gzip.compress(b"<urlset/>", mtime=2),
        },
    )
    assert compare(first, second).same
    (second / "index.html").write_text(page.format("x").replace("Trang", "Khác"))
    (second / "extra.js").write_text("")
    result = compare(first, second)
    assert list(result.differing) == ["index.html"]
    assert "+" in result.differing["index.html"] and "Khác" in result.differing["index.html"]
    assert result.only_second == ["extra.js"]
    assert "extra.js" in result.report("a", "b")


def test_an_engine_that_is_not_installed_is_a_usage_error(make_site, monkeypatch, capsys):
    monkeypatch.setattr("generator.engine.engine_version", lambda engine: None)
    root = make_site()
    assert main(["--root", str(root), "build", "--engine", "properdocs"]) == 2
    err = capsys.readouterr().err
    assert "chưa cài ProperDocs" in err and "pip install -e '.[properdocs]'" in err
    assert not (root / "site").exists()


def test_an_unknown_engine_is_refused_by_the_command_line(make_site, capsys):
    assert main(["--root", str(make_site()), "build", "--engine", "zensical"]) == 2
    assert "chọn một trong: 'mkdocs', 'properdocs'" in capsys.readouterr().err


@needs_properdocs
def test_the_engine_cannot_change_once_mkdocs_is_loaded():
    import mkdocs  # this process (pytest) builds with MkDocs elsewhere

    assert mkdocs.__name__ == "mkdocs"
    with pytest.raises(EngineUnavailable, match="đã nạp MkDocs"):
        select_engine("properdocs")
    assert sys.modules["mkdocs"] is mkdocs  # refused before anything was redirected
