"""`portal check` gives the same diagnostics, byte for byte, however it runs: in one process or
in worker processes, cold or from its cache, after edits. The speed work must change nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from corpus import Corpus

from generator import site as site_module
from generator.cli import print_json
from generator.site import PARALLEL_THRESHOLD, read_site

# Files that take the slower paths: YAML that only libyaml reads, rules that fire, a bad file.
EXTRA = {
    "content/2025/quoted.md": (
        '---\ntype: plan\nnumber: "91/KH-VPUB"\nissued: 2025-03-03  # ngày ký\n'
        "title: Kế hoạch kế hoạch có từ lặp lặp\nstatus: published\n---\n"
        "Thực hiện Kế hoạch số 178/KH-VPUB ngày 31/02/2019 của Văn phòng.\n"
        "Liên hệ 0912345678.\n"
    ),
    "content/2025/broken.md": "---\ntype: plan\ntitle: [unclosed\n---\nNội dung.\n",
    "content/2025/nobody.md": "Không có phần thông tin.\n",
    "content/2025/html.md": (
        "---\ntype: plan\nnumber: 92/KH-VPUB\nissued: 2025-03-04\ntitle: Có HTML\n"
        "status: published\n---\nĐoạn <script>alert(1)</script> và <b>đậm</b>.\n"
    ),
}


@pytest.fixture(scope="module")
def corpus_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    corpus = Corpus(PARALLEL_THRESHOLD + 60)
    corpus.generate()
    corpus.write(out)
    root = out / "site"
    for relpath, text in EXTRA.items():
        (root / relpath).parent.mkdir(parents=True, exist_ok=True)
        (root / relpath).write_text(text, encoding="utf-8")
    return root


def _json(root: Path, workers: int) -> str:
    out = io.StringIO()
    print_json(read_site(root, workers=workers, bodies=False), out)
    return out.getvalue()


def test_workers_and_cache_give_the_serial_diagnostics(corpus_root, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))  # a cache of this test's own
    monkeypatch.setattr(site_module.FileCache, "open", _no_cache(site_module.FileCache.open))
    # The per-document rules go to workers too, as on a large site.
    monkeypatch.setattr(site_module, "PARALLEL_RULES_THRESHOLD", 100)
    serial = _json(corpus_root, workers=1)
    assert '"code": "B001"' in serial and '"code": "C001"' in serial  # the extras did fire
    assert _json(corpus_root, workers=2) == serial
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(site_module, "PARALLEL_RULES_THRESHOLD", 100)
    cache = corpus_root / ".portal-cache"
    assert not cache.exists()
    assert _json(corpus_root, workers=2) == serial  # cold, filling the cache
    assert cache.exists()
    assert _json(corpus_root, workers=2) == serial  # warm
    # Edit a few files, then put them back: the answers follow the files.
    edited = sorted((corpus_root / "content").rglob("*.md"))[:3]
    originals = [path.read_text(encoding="utf-8") for path in edited]
    for path in edited:
        path.write_text(path.read_text(encoding="utf-8") + "\nTừ lặp lặp.\n", encoding="utf-8")
    changed = _json(corpus_root, workers=2)
    assert changed.count('"code": "B002"') == serial.count('"code": "B002"') + 3
    for path, text in zip(edited, originals, strict=True):
        path.write_text(text, encoding="utf-8")
    assert _json(corpus_root, workers=1) == serial
    assert _json(corpus_root, workers=2) == serial


def _no_cache(real_open):  # type: ignore[no-untyped-def]
    def open_without_key(root: Path, kind: str):  # type: ignore[no-untyped-def]
        cache = real_open(root, kind)
        cache.key = None  # nothing is read or written: every file is read afresh
        cache.entries, cache.packs, cache.sizes = {}, [], []
        return cache

    return staticmethod(open_without_key)


def test_documents_share_their_key_and_type_word_strings(corpus_root):
    """The frontmatter keys and the citations' type words and issuers are interned: a
    worker's results pickle each string once, not once a document, for the parent to rebuild."""
    import pickle

    documents = read_site(corpus_root, workers=1, bodies=False).documents
    first, second = documents[0], documents[1]
    for key in first.lines.keys() & second.lines.keys():
        assert next(k for k in first.lines if k == key) is next(k for k in second.lines if k == key)
    words = [c.word for d in documents for c in d.citations if c.word]
    issuers = [c.issuer for d in documents for c in d.citations if c.issuer]
    assert len({id(w) for w in words}) == len(set(words))
    assert len({id(i) for i in issuers}) == len(set(issuers))
    # And the documents survive the round trip through pickle unchanged.
    assert pickle.loads(pickle.dumps(documents, protocol=pickle.HIGHEST_PROTOCOL)) == documents
