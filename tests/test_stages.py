"""The imports in generator/ follow the documented stage order (``generator.STAGES``).

Every ``import`` and ``from ... import`` is read from the source with ``ast`` (those inside
functions and under ``TYPE_CHECKING`` too: a type is a dependency as well), so an edge against
the order fails here, not in a reviewer's head.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import generator
from generator import STAGES

PACKAGE = Path(generator.__file__).parent
RANK = {module: rank for rank, (_, modules) in enumerate(STAGES) for module in modules}
NAMES = [name for name, _ in STAGES]


def module_name(path: Path) -> str:
    parts = ["generator", *path.relative_to(PACKAGE).with_suffix("").parts]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def stage_of(module: str) -> int | None:
    """The rank of a module's stage: its own line, or its package's."""
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        rank = RANK.get(".".join(parts[:end]))
        if rank is not None:
            return rank
    return None


def imported(path: Path) -> list[tuple[str, int]]:
    """The generator modules a file imports, with the line of each import."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                # `from generator.check import body` imports the submodule generator.check.body
                submodule = f"{node.module}.{alias.name}"
                found.append((submodule if submodule in MODULES else node.module, node.lineno))
    return [(name, line) for name, line in found if name.split(".")[0] == "generator"]


def test_every_module_has_a_stage():
    assert [m for m in MODULES if stage_of(m) is None] == []


def test_stage_table_names_only_real_modules():
    assert [m for m in RANK if m not in MODULES] == []


def test_imports_follow_the_stage_order():
    against = []
    for module, path in MODULES.items():
        own = stage_of(module)
        for target, line in imported(path):
            rank = stage_of(target)
            assert rank is not None, f"{path}:{line}: {target} has no stage"
            if own is not None and rank > own:
                against.append(
                    f"{path.relative_to(PACKAGE.parent)}:{line}: {module} ({NAMES[own]}) "
                    f"imports {target} ({NAMES[rank]})"
                )
    assert against == []


def test_the_walker_sees_an_edge_against_the_order(tmp_path):
    """The check itself: an import of a later stage, even inside a function, is found."""
    source = tmp_path / "sample.py"
    source.write_text("def f():\n    from generator.check import body\n", encoding="utf-8")
    assert imported(source) == [("generator.check.body", 2)]
    assert stage_of("generator.check.body") > stage_of("generator.model")


def test_only_the_adapter_and_build_import_mkdocs():
    importers = set()
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name.split(".")[0] in {"mkdocs", "material"} for name in names):
                importers.add(module)
    assert importers <= {"generator.mkdocs_plugin", "generator.build"}


@pytest.mark.parametrize(
    "module",
    ["generator.pages", "generator.datafiles", "generator.search", "generator.show"],
)
def test_rendering_does_not_load_the_checks(module):
    """Page rendering is handed a checked site; it never runs (or imports) the checks."""
    code = (
        f"import sys, {module}\n"
        "print(sorted(m for m in sys.modules if m == 'generator.site' "
        "or m.startswith('generator.check')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
