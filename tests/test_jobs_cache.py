"""The index and data-file jobs: their fast paths give what the plain definitions give, and what
they keep between builds (`.portal-cache/`) never changes a byte of what they write."""

from __future__ import annotations

import base64
import gc
import itertools
import multiprocessing
import random
import re
import shutil
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import search
from generator.cache import CACHE_DIR
from generator.cli import main
from generator.datafiles import render_data_files, write_data_files
from generator.pages.edition import make_edition
from generator.processes import start_forked
from generator.site import read_site
from tests.conftest import with_repository_site

AS_OF = "2026-06-01"
NOTICE = "content/van-ban/2025/thong-bao-340-tb-vpub.md"


@pytest.fixture(autouse=True)
def private_cache_key(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))


# -- the fast paths against the plain definitions --------------------------------------------

_TEXT = st.text(
    st.one_of(
        st.sampled_from(list("aăâđeêioôơuưy0123456789 _-/.,\n\t\u00a0\u2028")),
        st.sampled_from(["\u0301", "\u0323", "Ệ", "Đ", "ǅ", "İ", "Σ", "²", "α", "０", "ﬁ"]),
        st.characters(codec="utf-8"),
    ),
    max_size=60,
)


def _plain_keys(text: str) -> set[str]:
    found = [s.decode() for s in search.syllables(text)]
    return set(found) | {f"{a}_{b}" for a, b in itertools.pairwise(found)}


def _plain_words(texts: list[str]) -> set[str]:
    found: set[str] = set()
    for text in texts:
        found.update(search._WORD.findall(unicodedata.normalize("NFC", text.lower())))
    return {word for word in found if not word.isascii()}


@settings(deadline=None)  # no timed assertion: a loaded machine took 300 ms once
@given(st.lists(_TEXT, min_size=1, max_size=3), st.lists(_TEXT, max_size=3))
def test_a_documents_keys_from_its_tokens_are_those_of_its_texts(heading, other):
    """`_Terms.read` cuts each text into tokens and looks each token up once: what it finds
    is what the plain definitions find in the whole texts (syllables as `syllables` cuts
    them, pairs of adjacent syllables within a text, accented words in NFC)."""
    head = set().union(*map(_plain_keys, heading))
    rest = set().union(*map(_plain_keys, other)) - head
    expected = (head, rest, _plain_words(heading + other))
    terms = search._Terms()
    for _ in range(2):  # the second time, every token is known
        found = terms.read(heading, other)
        assert tuple({terms.vocabulary[n] for n in ids} for ids in found) == expected
    assert len(set(terms.vocabulary)) == len(terms.vocabulary)


def _reference_encoding(ids: list[int]) -> str:
    """encode_set as first written: every form built id by id (the format search.js reads)."""
    if not ids:
        return ""
    groups, start, previous = [], ids[0], ids[0]
    for doc_id in ids[1:]:
        if doc_id != previous + 1:
            groups.append((start, previous + 1))
            start = doc_id
        previous = doc_id
    groups.append((start, previous + 1))
    lengths, position = [], 0
    for first, end in groups:
        lengths += [first - position, end - first]
        position = end
    best = "!" + ",".join(map(search._b36, lengths))
    bitmap_length = 1 + ((ids[-1] >> 3) + 1) * 4 // 3
    if 2 * len(ids) - 1 < min(len(best), bitmap_length):
        gaps = ",".join(search._b36(b - a) for a, b in itertools.pairwise([0, *ids]))
        best = min(best, gaps, key=len)
    if bitmap_length < len(best):
        raw = bytearray((ids[-1] >> 3) + 1)
        for doc_id in ids:
            raw[doc_id >> 3] |= 1 << (doc_id & 7)
        best = min(best, "~" + base64.urlsafe_b64encode(raw).decode().rstrip("="), key=len)
    return best


def _dense(seed: int, span: int, share: float) -> set[int]:
    """Most ids of a span: the bitmap's ground."""
    chance = random.Random(seed)
    return {i for i in range(span) if chance.random() < share}


_SETS = st.one_of(
    st.sets(st.integers(0, 3000)),
    st.builds(_dense, st.integers(0, 2**32), st.integers(1, 500), st.floats(0.2, 0.97)),
    st.lists(st.tuples(st.integers(0, 40), st.integers(1, 40)), max_size=30).map(
        lambda runs: {
            i for n, (gap, run) in enumerate(runs) for i in range(n * 90 + gap, n * 90 + gap + run)
        }
    ),
)


@settings(max_examples=300)
@given(_SETS, _SETS)
def test_sets_are_written_as_the_plain_definition_writes_them(ids, base):
    ids_list = sorted(ids)
    assert search.encode_set(ids_list) == _reference_encoding(ids_list)
    within = sorted(ids | base)
    base_bits = search._bits_of(within) if within else 0
    text = search.encode_within(ids_list, base_bits)
    assert search.decode_within(text, within) == ids_list
    direct = _reference_encoding(ids_list)
    lacking = sorted(set(within) - ids)
    if len(lacking) < len(ids_list):
        assert text == min(direct, "^" + _reference_encoding(lacking), key=len)
    else:
        assert text == direct


def test_forking_freezes_the_heap_for_the_child_only():
    process = start_forked(gc.collect, ())
    process.join()
    assert process.exitcode == 0
    assert gc.get_freeze_count() == 0  # the parent's objects are collectable again


# -- what is kept between builds ---------------------------------------------------------------


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _edit(root: Path, path: str, old: str, new: str) -> None:
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _build(root: Path, site_dir: str) -> None:
    assert main(["--root", str(root), "build", "--as-of", AS_OF, "--site-dir", site_dir]) == 0


def test_index_and_data_after_edits_equal_those_of_a_clean_build(make_site, tmp_path, monkeypatch):
    root = with_repository_site(make_site(context=False), content=True)
    _build(root, "site")
    assert list((root / CACHE_DIR).glob("search-*.pickle"))
    assert list((root / CACHE_DIR).glob("calendar-*.pickle"))
    read: list[list[str]] = []
    original = search._Terms.read

    def spy(self: search._Terms, heading: list[str], other: list[str]) -> object:
        read.append(heading)
        return original(self, heading, other)

    monkeypatch.setattr(search._Terms, "read", spy)
    # The jobs run in this process, where the spy sees them (as where fork is missing).
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    # A new time for the dialogue, a new word in the title and the body, and a new document,
    # the newest: every search id moves by one.
    _edit(root, NOTICE, "start: 2025-09-26 14:00", "start: 2025-09-26 14:30")
    (root / "content/van-ban/2026").mkdir(parents=True, exist_ok=True)
    (root / "content/van-ban/2026/thong-bao-12-tb-vpub.md").write_text(
        "---\ntype: notice\nnumber: 12/TB-VPUB\nissued: 2026-01-05\ntitle: Lịch tiếp công dân "
        "tháng 01/2026\nissuer: Văn phòng UBND tỉnh Sơn La\nstatus: published\n---\n\n"
        "Văn phòng tiếp công dân vào thứ Năm hằng tuần.\n",
        encoding="utf-8",
    )
    _edit(root, NOTICE, "(lần 2)", "(lần 2, Quỳnh Nhai)")
    topics = "  - Đối thoại trực tiếp\n---\n"
    _edit(root, NOTICE, topics, topics + "\nNgười dân hỏi về giải phóng mặt bằng Quỳnh Nhai.\n")
    _build(root, "site")
    # Only the edited document and the new one were read again (by their headings: number,
    # type, title).
    assert sorted(heading[0] for heading in read) == ["12/TB-VPUB", "340/TB-VPUB"]
    incremental = _snapshot(root / "site")
    monkeypatch.undo()
    shutil.rmtree(root / CACHE_DIR)
    _build(root, str(tmp_path / "clean"))
    clean = _snapshot(tmp_path / "clean")
    assert sorted(incremental) == sorted(clean)
    assert [name for name in clean if incremental[name] != clean[name]] == []


def test_a_corrupt_or_foreign_cache_is_ignored(make_site, tmp_path):
    root = with_repository_site(make_site(context=False), content=True)
    _build(root, "site")
    expected = _snapshot(root / "site")
    for cached in (root / CACHE_DIR).glob("*.pickle"):
        cached.write_bytes(b"\0" * 40 + cached.read_bytes()[40:])
    _build(root, "site")
    assert _snapshot(root / "site") == expected


def test_kept_calendar_events_give_the_same_files(make_site, tmp_path):
    root = with_repository_site(make_site(context=False), content=True)
    edition = make_edition(read_site(root), date(2026, 6, 1), history=False)
    plain = render_data_files(edition, "Thử", "https://example.gov.vn/")
    for _ in range(2):  # the first fills the memo, the second reads it
        out = tmp_path / "out"
        shutil.rmtree(out, ignore_errors=True)
        write_data_files(edition, "Thử", "https://example.gov.vn/", out, cache=True)
        assert _snapshot(out) == plain
    assert list((root / CACHE_DIR).glob("calendar-*.pickle"))


def test_the_index_cache_forgets_documents_no_longer_built(make_site, tmp_path):
    root = with_repository_site(make_site(context=False), content=True)
    edition = make_edition(read_site(root), date(2026, 6, 1), history=False)
    documents = edition.documents
    urls = {d.path: edition.url_of(d) for d in documents}
    # Fewer documents, then all again: keys forgotten, then numbered afresh.
    for number, chosen in enumerate([documents, documents[:2], documents[:1], documents]):
        search.build_index(chosen, urls, tmp_path / f"kept{number}", cache=root)
        assert len(search._Terms.load(root).records) == len(chosen)
        search.build_index(chosen, urls, tmp_path / f"plain{number}")
        assert _snapshot(tmp_path / f"kept{number}") == _snapshot(tmp_path / f"plain{number}")
    terms = search._Terms.load(root)
    held = set().union(*(set().union(*r[:2], r[3]) for r in terms.records.values()))
    assert len(held) * 2 >= len(terms.vocabulary)
    assert re.fullmatch(r"search-[0-9a-f]+\.pickle", search._cache_name(root))
