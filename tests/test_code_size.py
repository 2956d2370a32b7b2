"""No function in generator/ is longer than 60 lines or of radon grade D or worse (cyclomatic
complexity above 20) unless a comment right above it, starting "# Kept whole:", says why."""

from __future__ import annotations

from pathlib import Path

import pytest
from radon.complexity import cc_visit

import generator

PACKAGE = Path(generator.__file__).parent
MAX_LINES = 60
MAX_COMPLEXITY = 20  # radon: A 1-5, B 6-10, C 11-20, D 21-30, E 31-40, F 41 and more
MARK = "# Kept whole:"


def _functions(source: str) -> list:
    """Every function and method, closures included."""
    found, pending = [], list(cc_visit(source))
    while pending:
        block = pending.pop()
        pending += getattr(block, "methods", []) + getattr(block, "closures", [])
        if not hasattr(block, "methods"):  # a class carries its methods, not a body of its own
            found.append(block)
    return found


def _explained(lines: list[str], lineno: int) -> bool:
    """Whether the comment block above the def (and its decorators) holds the mark."""
    index = lineno - 2
    while index >= 0 and lines[index].lstrip().startswith("@"):
        index -= 1
    while index >= 0 and lines[index].lstrip().startswith("#"):
        if lines[index].lstrip().startswith(MARK):
            return True
        index -= 1
    return False


def oversized(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    lines = source.split("\n")
    found = []
    for block in _functions(source):
        length = block.endline - block.lineno + 1
        if length <= MAX_LINES and block.complexity <= MAX_COMPLEXITY:
            continue
        if not _explained(lines, block.lineno):
            found.append(f"{path}:{block.lineno} {block.name}: {length} lines, {block.complexity}")
    return found


@pytest.mark.parametrize(
    "path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_long_or_complex_functions_say_why(path):
    assert oversized(path) == []


def test_the_measure_finds_an_unexplained_long_function(tmp_path):
    body = "".join(f"    x = {n}\n" for n in range(MAX_LINES))
    sample = tmp_path / "sample.py"
    sample.write_text(f"def long():\n{body}", encoding="utf-8")
    assert len(oversized(sample)) == 1
    sample.write_text(f"{MARK} a reason.\ndef long():\n{body}", encoding="utf-8")
    assert oversized(sample) == []
