"""Loader: any bytes give a Source and diagnostics, never an exception, quickly."""

from __future__ import annotations

import os
import re
import time

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import load
from generator.check.body import check_body
from generator.frontmatter import read_model
from generator.load import MAX_DEPTH, Mapping, Scalar, Sequence, load_bytes

GOOD = "---\ntype: plan\ntitle: Kế hoạch\nstatus: draft\n---\nNội dung.\n"


def codes(source):
    return [d.code for d in source.diagnostics]


def test_reads_frontmatter_with_lines_and_body_start():
    source = load_bytes(GOOD.encode(), "content/a.md")
    assert source.diagnostics == []
    assert isinstance(source.front, Mapping)
    keys = {k.value: (v.value, k.line) for k, v in source.front.items}
    assert keys["title"] == ("Kế hoạch", 3)
    assert source.body == "Nội dung.\n"
    assert source.body_line == 6


def test_values_stay_text_not_yaml_implicit_types():
    source = load_bytes(b"---\nnumber: 05\nissued: 2025-02-30\nflag: yes\nempty:\n---\n", "a.md")
    values = {k.value: v.value for k, v in source.front.items}
    assert values == {"number": "05", "issued": "2025-02-30", "flag": "yes", "empty": None}


def test_lists_and_nested_mappings_keep_item_lines():
    text = "---\nreferences:\n  - 74/KH-VPUB\n  - 75/KH-VPUB\nevent:\n  start: 2025-09-26\n---\n"
    front = load_bytes(text.encode(), "a.md").front
    refs = dict((k.value, v) for k, v in front.items)["references"]
    assert isinstance(refs, Sequence)
    assert [(i.value, i.line) for i in refs.items] == [("74/KH-VPUB", 3), ("75/KH-VPUB", 4)]


def test_crlf_line_endings_are_read_like_lf():
    source = load_bytes(GOOD.replace("\n", "\r\n").encode(), "a.md")
    assert source.diagnostics == [] and source.body == "Nội dung.\n"


def test_yaml_syntax_error_points_at_the_parser_line():
    text = "---\ntype: plan\ntitle: [chưa đóng\nstatus: draft\n---\n"
    source = load_bytes(text.encode(), "a.md")
    assert codes(source) == ["F005"]
    assert source.diagnostics[0].line in (3, 4, 5)  # libyaml reports where it gave up
    assert "YAML" in source.diagnostics[0].message


def test_tab_indentation_is_a_syntax_error_at_its_line():
    source = load_bytes(b"---\ntype: plan\nevent:\n\tstart: 2025-01-01\n---\n", "a.md")
    assert codes(source) == ["F005"] and source.diagnostics[0].line == 4


def test_not_utf8_names_line_and_byte():
    data = "---\ntitle: ok\n---\nDòng một\n".encode() + b"N\xf4i dung\n"
    source = load_bytes(data, "a.md")
    assert codes(source) == ["F001"]
    assert source.diagnostics[0].line == 5 and source.diagnostics[0].column == 2
    assert "0xF4" in source.diagnostics[0].message


def test_nfd_text_is_warned_at_its_line_and_normalised():
    data = GOOD.replace("Nội dung", "No\u0302\u0323i dung").encode()
    source = load_bytes(data, "a.md")
    assert codes(source) == ["F002"] and source.diagnostics[0].line == 6
    assert source.body == "Nội dung.\n"


def test_bom_is_warned_and_stripped():
    source = load_bytes(b"\xef\xbb\xbf" + GOOD.encode(), "a.md")
    assert codes(source) == ["F011"] and source.front is not None


def test_empty_binary_and_huge_files():
    assert codes(load_bytes(b"", "a.md")) == ["F006"]
    assert codes(load_bytes(b"\x89PNG\r\n\x1a\n\x00\x00", "a.md")) == ["F008"]
    assert codes(load_bytes(b"x" * (3 * 1024 * 1024), "a.md")) == ["F007"]


def test_frontmatter_missing_unclosed_and_not_a_mapping():
    assert codes(load_bytes("Nội dung.\n".encode(), "a.md")) == ["F003"]
    assert codes(load_bytes(b"---\ntype: plan\n", "a.md")) == ["F004"]
    assert codes(load_bytes(b"---\n- a\n- b\n---\n", "a.md")) == ["F010"]
    assert codes(load_bytes(b"---\njust a sentence\n---\n", "a.md")) == ["F010"]


def test_empty_frontmatter_is_an_empty_mapping():
    source = load_bytes(b"---\n---\nbody\n", "a.md")
    assert source.diagnostics == [] and source.front.items == []


def test_alias_bomb_is_refused_quickly():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    data = ("---\n" + "\n".join(lines) + "\n---\n").encode()
    started = time.perf_counter()
    source = load_bytes(data, "a.md")
    assert codes(source) == ["F009"]
    assert time.perf_counter() - started < 1  # generous: expansion would take minutes


@pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"])
@pytest.mark.parametrize(
    "value",
    [
        "[" * 30_000 + "]" * 30_000,  # libyaml's scanner has its own limit at 1,000 (6.0.4)
        "[" * 500 + "]" * 500,  # below libyaml's limit: our event count sees it
        "{b: " * 25 + "c" + "}" * 25,
        "[{x: [" * 8 + "]}]" * 8,
    ],
)
def test_deep_nesting_is_refused_the_same_whatever_libyaml_does(monkeypatch, loader, value):
    if not hasattr(yaml, loader):
        pytest.skip(f"PyYAML built without {loader}")
    monkeypatch.setattr(load, "_EventLoader", getattr(yaml, loader))
    source = load_bytes(f"---\na: {value}\n---\n".encode(), "a.md")
    assert codes(source) == ["F009"]
    assert source.diagnostics[0].line == 2
    assert f"{MAX_DEPTH}" in source.diagnostics[0].message


@pytest.mark.parametrize(
    "front",
    [
        'title: "' + "[" * 40 + '"',  # brackets inside a quoted value
        "title: Quyết định " + "[" * 40,  # inside a plain value they are letters
        "title: x # " + "{" * 40,  # inside a comment
        "a: [" + "[]," * 40 + "]",  # many lists side by side, none deep
    ],
)
def test_brackets_that_do_not_nest_are_not_refused(front):
    source = load_bytes(f"---\n{front}\n---\n".encode(), "a.md")
    assert "F009" not in codes(source)


def test_huge_frontmatter_is_refused():
    data = ("---\ntitle: " + "x" * 70_000 + "\n---\n").encode()
    assert codes(load_bytes(data, "a.md")) == ["F007"]


def test_complex_keys_do_not_crash():
    source = load_bytes(b"---\n? [a, b]\n: c\n---\n", "a.md")
    _, diagnostics = read_model(source)
    assert "M002" in [d.code for d in diagnostics]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_loader_never_raises_on_arbitrary_bytes(data):
    source = load_bytes(data, "a.md")
    read_model(source)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=1024))
def test_loader_never_raises_on_bytes_after_a_frontmatter_opening(data):
    source = load_bytes(b"---\n" + data + b"\n---\n" + data, "a.md")
    read_model(source)


_yaml_ish = st.text(
    alphabet=st.sampled_from(list("abtype:title- \n\t[]{}&*!|>'\"#%@`,?~0123456789đĐấ")),
    max_size=400,
)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_yaml_ish, st.text(max_size=300))
def test_pipeline_never_raises_on_yaml_like_text(front, body):
    source = load_bytes(f"---\n{front}\n---\n{body}".encode(), "a.md")
    read_model(source)
    list(check_body("a.md", source.body, source.body_line))


def test_scalar_nodes_carry_columns():
    front = load_bytes(b"---\ntitle:   x\n---\n", "a.md").front
    _key, value = front.items[0]
    assert isinstance(value, Scalar) and (value.line, value.column) == (2, 10)


# -- the plain-frontmatter reader must mean exactly what libyaml reads -----------------------

_PIECES = st.sampled_from(
    [
        "a",
        "Đ",
        "ố",
        "1",
        "2019-06-28",
        "14:00",
        ":",
        ": ",
        " ",
        "  ",
        "#",
        " #",
        "-",
        "- ",
        "?",
        ",",
        "[",
        "]",
        "{",
        "}",
        "'",
        '"',
        "&",
        "*",
        "!",
        "|",
        ">",
        "%",
        "@",
        "`",
        "~",
        "null",
        "Null",
        "\t",
        "\u00a0",
        "\u2028",
        "\u200b",
        "\\",
        "/",
        ".",
    ]
)
_VALUES = st.lists(_PIECES, max_size=6).map("".join)
_KEYS = st.sampled_from(["type", "title", "null", "NULL", "a_b", "x1", "from-place", "k :"])
_LINES = st.one_of(
    st.builds(lambda k, v: f"{k}: {v}", _KEYS, _VALUES),
    st.builds(lambda k: f"{k}:", _KEYS),
    st.builds(lambda i, v: f"{' ' * i}- {v}", st.integers(0, 3), _VALUES),
    st.builds(lambda i, k, v: f"{' ' * i}{k}: {v}", st.integers(1, 3), _KEYS, _VALUES),
    st.sampled_from(["", "  ", "# note", "-", "- ", "key:value", "  more text"]),
)


def _libyaml(text: str) -> tuple[object, list[object]]:
    source = load.Source("x.md")
    return load._read_yaml(text, source, first_line=2), source.diagnostics


# Mostly well-formed blocks, so that many examples reach the plain reader's answer.
_SAFE = st.lists(st.sampled_from(["a", "Đ", "ố", "1", "-", " ", "/", ":0", "#"]), min_size=1)
_WORDS = st.one_of(*[_SAFE.map(lambda p: "x" + "".join(p))] * 6, _VALUES)
_NAMES = st.one_of(*[st.sampled_from(["type", "title", "a_b", "x1"])] * 6, _KEYS)
_WELL_FORMED = [
    st.builds(lambda k, v: [f"{k}: {v}"], _NAMES, _WORDS),
    st.builds(
        lambda k, i, vs: [f"{k}:"] + [f"{' ' * i}- {v}" for v in vs],
        _NAMES,
        st.integers(0, 2),
        st.lists(_WORDS, min_size=1, max_size=3),
    ),
    st.builds(
        lambda k, i, kvs: [f"{k}:"] + [f"{' ' * i}{a}: {b}" for a, b in kvs],
        _NAMES,
        st.integers(1, 3),
        st.lists(st.tuples(_NAMES, _WORDS), min_size=1, max_size=3),
    ),
]
# Six well-formed blocks to one arbitrary line: most examples reach the plain reader's answer.
_BLOCKS = st.one_of(*_WELL_FORMED * 2, _LINES.map(lambda line: [line]))


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_BLOCKS, min_size=1, max_size=6))
def test_plain_reader_agrees_with_libyaml(blocks: list[list[str]]) -> None:
    text = "\n".join(line for block in blocks for line in block) + "\n"
    plain = load._read_plain(text, first_line=2)
    if plain is not None:
        nodes, diagnostics = _libyaml(text)
        assert diagnostics == []
        assert plain == nodes


def test_plain_reader_takes_the_usual_frontmatter_and_leaves_the_rest() -> None:
    usual = (
        "type: notice\nnumber: 105/TB-VPUB\nissued: 2019-05-29\ntitle: Tổ chức hội nghị\n"
        "references:\n  - 53/KH-VPUB\ntopics:\n- Thi đua, khen thưởng\n"
        "event:\n  start: 2019-06-28 14:00\n  location: Phòng họp 301, Tầng 3\n"
    )
    plain = load._read_plain(usual, first_line=2)
    assert plain is not None and plain == _libyaml(usual)[0]
    assert plain.items[4][1] == Sequence([Scalar("53/KH-VPUB", 7, 5)], 7, 3)
    for other in (
        'title: "quoted"\n',
        "title: a # comment\n",
        "topics:\ntitle: x\n",  # a null value
        "title: a\n  continued\n",
        "list: [a, b]\n",
        "a: &x 1\nb: *x\n",
        "event:\n  start:\n    day: 1\n",
    ):
        assert load._read_plain(other, first_line=2) is None, other


# -- the fast paths of the loader mean what the slower forms they replaced mean ---------------

# The plain-scalar pattern as first written, a character at a time; `_PLAIN` reads runs
# possessively, which must accept exactly the same lines with the same groups.
_PLAIN_REFERENCE = r"[^\s\-?:,\[\]{}#&*!|>'\"%@`](?:[^\s:]|:(?=\S)| +(?=[^\s#]))*"
_PLAIN_LINE_REFERENCE = re.compile(
    rf"( *)(?:({load._KEY}):(?: +({_PLAIN_REFERENCE}))?|- ({_PLAIN_REFERENCE})) *"
)


@settings(max_examples=1500, deadline=None)
@given(st.one_of(_LINES, st.lists(_PIECES, max_size=12).map("".join)))
def test_possessive_plain_line_reads_as_the_character_at_a_time_pattern(line: str) -> None:
    new, old = load._PLAIN_LINE.fullmatch(line), _PLAIN_LINE_REFERENCE.fullmatch(line)
    assert (new is None) == (old is None)
    if new is not None and old is not None:
        assert new.groups() == old.groups() and new.regs == old.regs


_CLOSING_REFERENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)


@given(st.lists(st.sampled_from(["---", "...", "--- ", "---\t", "----", "a", "", " ---"])))
def test_closing_line_is_found_where_the_line_anchored_search_finds_it(lines: list[str]) -> None:
    text = "---\n" + "\n".join(lines)
    first_end = text.find("\n")
    old, new = _CLOSING_REFERENCE.search(text, first_end), load._CLOSING.search(text, first_end)
    assert (old is None) == (new is None)
    if old is not None and new is not None:
        assert (old.start(), old.end()) == (new.start() + 1, new.end())


def test_reading_a_file_in_several_reads_gives_all_its_bytes(tmp_path, monkeypatch):
    data = ("---\ntitle: Tổ chức hội nghị\n---\n" + "Nội dung. " * 500).encode()
    path = tmp_path / "a.md"
    path.write_bytes(data)
    real_read = os.read
    monkeypatch.setattr(load.os, "read", lambda fd, n: real_read(fd, min(n, 1000)))
    source = load.load_file(path, "a.md")
    assert source.front is not None and source.diagnostics == []
    assert source.stamp is not None and source.stamp[0] == len(data)
    assert source.body == data.decode().split("---\n", 2)[2]
