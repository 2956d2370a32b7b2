"""Patterns compiled on first use (``patterns.lazy``), and their programs kept between runs
(``patterns.compile_kept``): the same patterns ``re.compile`` makes, however they were made."""

from __future__ import annotations

import ast
import pickle
import re
from pathlib import Path

from generator import citations, frontmatter, load, numbers, patterns
from generator.check import body

# Every module whose patterns are lazy: the number grammar, the citations, the loader, the
# frontmatter and the body checks.
MODULES = (numbers, citations, load, frontmatter, body)


def test_lazily_compiled_patterns_behave_as_compiled_ones():
    pattern = patterns.lazy(r"(?P<n>\d+)/(?P<s>[A-Z]+)")
    compiled = re.compile(pattern.pattern)  # reading an attribute compiles it
    text = "số 74/KH và 5/TB"
    assert pattern.search(text)[0] == compiled.search(text)[0] == "74/KH"
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert pattern.fullmatch("5/TB")["s"] == "TB" and pattern.match(text) is None
    assert pattern.sub("#", text) == compiled.sub("#", text) and pattern.groupindex == {
        "n": 1,
        "s": 2,
    }


def _grammars() -> list[tuple[str, int]]:
    return [
        value._source
        for module in MODULES
        for value in vars(module).values()
        if isinstance(value, patterns._Lazy)
    ]


def test_every_module_with_lazy_patterns_is_held_here():
    """A module that starts using ``lazy`` joins ``MODULES``, so that its patterns are held
    to ``re.compile``'s below."""
    users = set()
    for path in sorted(Path(patterns.__file__).parent.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module == "generator.patterns"
                and any(alias.name == "lazy" for alias in node.names)
            ):
                users.add(path.stem)
    assert users == {module.__name__.rsplit(".", 1)[1] for module in MODULES}


def test_kept_programs_compile_the_patterns_re_compiles(monkeypatch):
    """The programs `portal check` keeps between runs make the very patterns `re` makes
    (a pattern's equality compares its compiled program), fresh and handed back."""
    monkeypatch.setattr(patterns, "_PROGRAMS", {})
    grammars = _grammars()
    assert len(grammars) > 40
    assert any(flags for _, flags in grammars)  # flags are kept too (load's re.M)
    fresh = [patterns.compile_kept(*source) for source in grammars]
    assert fresh == [re.compile(*source) for source in grammars]
    kept = pickle.loads(pickle.dumps(patterns.kept_programs()))  # as the snapshot keeps them
    assert set(kept) == set(grammars)
    monkeypatch.setattr(patterns, "_PROGRAMS", {})
    patterns.keep_programs(kept)
    again = [patterns.compile_kept(*source) for source in grammars]
    assert again == fresh
    assert [p.groupindex for p in again] == [p.groupindex for p in fresh]
    assert [p.flags for p in again] == [p.flags for p in fresh]


def test_a_foreign_program_is_compiled_again(monkeypatch):
    monkeypatch.setattr(patterns, "_PROGRAMS", {})
    patterns.keep_programs({("a+", 0): (32, [1, 2, 3], 0, {}, (None,)), "junk": 1})
    assert patterns.compile_kept("a+") == re.compile("a+")
    assert patterns.kept_programs()[("a+", 0)] != (32, [1, 2, 3], 0, {}, (None,))
