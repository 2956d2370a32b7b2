"""The shortcuts of page rendering give the very pages the long way gives.

`portal build` makes each document's page only when MkDocs reaches it and drops what it has
written (``PortalPlugin.lazy_pages``); the preview's next edition reuses the relations and
the listing pages of the documents a save did not touch (``pages.edition._graph``,
``pages.listings.ListingMemo``). Each is compared here with the way that renders everything.
"""

from __future__ import annotations

import re
import shutil
import sys
from datetime import date
from pathlib import Path

import markdown
import pytest

from generator.cache import CACHE_DIR
from generator.cli import main
from generator.graph import Graph
from generator.live import LiveSite
from generator.mkdocs_plugin import PortalPlugin
from generator.pages import ListingMemo, make_edition, render_pages, update_pages
from tests.conftest import with_repository_site

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from corpus import Corpus

AS_OF = "2026-06-01"
AS_OF_DATE = date.fromisoformat(AS_OF)


@pytest.fixture(autouse=True)
def private_cache_key(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _both_ways(monkeypatch, root: Path, tmp_path: Path, *args: str) -> None:
    """Build ``root`` with every page made up front, then lazily; compare every byte."""
    built = {}
    for lazy in (False, True):
        monkeypatch.setattr(PortalPlugin, "lazy_pages", lazy)
        target = tmp_path / f"site-{lazy}"
        command = ["--root", str(root), "build", "--as-of", AS_OF, "--site-dir", str(target)]
        shutil.rmtree(root / CACHE_DIR, ignore_errors=True)  # no page taken from the other
        assert main([*command, *args]) == 0
        built[lazy] = _snapshot(target)
    assert sorted(built[True]) == sorted(built[False])
    assert [name for name in built[False] if built[True][name] != built[False][name]] == []


@pytest.mark.parametrize("drafts", [(), ("--drafts",)])
def test_lazy_document_pages_build_the_shipped_site_byte_for_byte(
    make_site, tmp_path, monkeypatch, drafts
):
    root = with_repository_site(make_site(context=False), content=True)
    _both_ways(monkeypatch, root, tmp_path, *drafts)
    if not drafts:  # drafts never reach a public build, lazily or not
        assert not list((tmp_path / "site-True").rglob("*du-thao*/index.html"))


def test_lazy_document_pages_build_a_corpus_byte_for_byte(tmp_path, monkeypatch):
    corpus = Corpus(150)
    corpus.generate()
    corpus.write(tmp_path / "corpus")
    _both_ways(monkeypatch, tmp_path / "corpus" / "site", tmp_path)


def test_one_markdown_converter_builds_what_one_a_page_builds(make_site, tmp_path, monkeypatch):
    """`portal build` converts every page with one Markdown converter, reset between pages
    (``mkdocs_plugin._ReusedMarkdown``): the same bytes as MkDocs' converter a page, on the
    shipped site (drafts shown: every kind of page) and on a corpus."""
    corpus = Corpus(150)
    corpus.generate()
    corpus.write(tmp_path / "corpus")
    shipped = with_repository_site(make_site(context=False), content=True)
    made: list[int] = []
    original = markdown.Markdown.__init__

    def counted(self, *args, **kwargs) -> None:
        made.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(markdown.Markdown, "__init__", counted)
    for root, args in ((shipped, ["--drafts"]), (tmp_path / "corpus" / "site", [])):
        built, converters = {}, {}
        for one in (False, True):
            monkeypatch.setattr(PortalPlugin, "one_converter", one)
            target = tmp_path / f"site-{root.name}-{one}"
            shutil.rmtree(root / CACHE_DIR, ignore_errors=True)
            made.clear()
            command = ["--root", str(root), "build", "--as-of", AS_OF, "--site-dir", str(target)]
            assert main([*command, *args]) == 0
            built[one], converters[one] = _snapshot(target), len(made)
        assert sorted(built[True]) == sorted(built[False])
        assert [name for name in built[False] if built[True][name] != built[False][name]] == []
        # One converter a page, against a few for the whole build.
        assert converters[False] > 20
        assert converters[True] <= 3


def _corpus_live(tmp_path: Path, count: int = 120) -> LiveSite:
    corpus = Corpus(count)
    corpus.generate()
    corpus.write(tmp_path / "corpus")
    return LiveSite.read(tmp_path / "corpus" / "site", workers=1)


def _shape(graph: Graph) -> tuple[object, ...]:
    """A graph as plain values, with the objects its links hold."""

    def links(table: dict) -> dict:
        return {
            path: [(id(x.source), id(x.target), x.kinds, x.citations) for x in found]
            for path, found in table.items()
            if found
        }

    return links(graph.outgoing), links(graph.incoming)


def _edit(live: LiveSite, relpath: str, old: str, new: str) -> None:
    path = live.root / relpath
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert live.refresh() == {relpath}


def _cited_plan(live: LiveSite) -> str:
    """A plan that other documents cite, and that cites others."""
    edition = make_edition(live.site(), AS_OF_DATE, drafts=True, history=False)
    for document in edition.documents:
        plan = document.doctype is not None and document.doctype.key == "plan"
        if plan and edition.graph.cited_by(document) and edition.graph.based_on(document):
            return document.path
    raise AssertionError("the corpus has no cited plan")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("title: ", "title: Sửa tên "),  # the text and title: the same registry entry
        ("\n---\n", "\n---\n\nĐoạn thêm không dẫn chiếu.\n"),
    ],
)
def test_the_next_editions_relations_are_those_found_afresh(tmp_path, old, new):
    live = _corpus_live(tmp_path)
    path = _cited_plan(live)
    before = make_edition(live.site(), AS_OF_DATE, drafts=True, history=False)
    _edit(live, path, old, new)
    site = live.site()
    after = make_edition(site, AS_OF_DATE, drafts=True, history=False, previous=before)
    fresh = Graph(after.documents, after.registry)
    assert after.graph is not before.graph
    assert _shape(after.graph) == _shape(fresh)
    # Every link holds the documents of this edition, not those the save replaced.
    shown = {id(d) for d in after.documents}
    for links in after.graph.outgoing.values():
        assert all(id(x.source) in shown and id(x.target) in shown for x in links)


def test_a_new_number_or_date_finds_every_relation_again(tmp_path):
    live = _corpus_live(tmp_path)
    path = _cited_plan(live)
    before = make_edition(live.site(), AS_OF_DATE, drafts=True, history=False)
    text = (live.root / path).read_text(encoding="utf-8")
    issued = next(line for line in text.splitlines() if line.startswith("issued:"))
    _edit(live, path, issued, "issued: 2019-01-02")
    after = make_edition(live.site(), AS_OF_DATE, drafts=True, history=False, previous=before)
    assert _shape(after.graph) == _shape(Graph(after.documents, after.registry))


def _earlier(text: str) -> str:
    """The document dated the first working day of its year: it moves down its listings."""
    return re.sub(r"^issued: (\d{4})-\d\d-\d\d$", r"issued: \1-01-02", text, count=1, flags=re.M)


def _retitled(text: str) -> str:
    return text.replace("title: ", "title: Sửa tên ", 1)


@pytest.mark.parametrize("change", [_retitled, _earlier])
def test_listing_pages_kept_between_saves_are_those_rendered_afresh(tmp_path, change):
    live = _corpus_live(tmp_path)
    path = _cited_plan(live)
    root = live.root
    memo = ListingMemo()
    before = make_edition(live.site(), AS_OF_DATE, drafts=True, history=False)
    pages = render_pages(before, root, memo)
    text = (root / path).read_text(encoding="utf-8")
    assert change(text) != text
    (root / path).write_text(change(text), encoding="utf-8")
    assert live.refresh() == {path}
    after = make_edition(live.site(), AS_OF_DATE, drafts=True, history=False, previous=before)
    updated = update_pages(before, pages, after, {path}, root, memo)
    assert updated is not None
    fresh = render_pages(after, root)
    assert sorted(updated) == sorted(fresh)
    assert [src for src in fresh if updated[src] != fresh[src]] == []
    # The listing pages that do not show the document were kept as they were.
    collections = set(pages) - set(before.src.values())
    rendered = sorted(src for src in collections if updated[src] is not pages[src])
    assert len(rendered) < len(collections) / 2, rendered
