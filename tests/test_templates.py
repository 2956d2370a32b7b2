"""The CI templates for site repositories: valid YAML, calling the portal's real commands."""

from __future__ import annotations

import shlex

import yaml

from generator.cli import _parser
from tests.conftest import REPO

TEMPLATES = [
    REPO / "templates/github/.github/workflows/portal.yml",
    REPO / "templates/gitlab/.gitlab-ci.yml",
    REPO / ".pre-commit-hooks.yaml",
]


def _portal_commands(node: object, runs: bool = False) -> list[str]:
    """Command lines starting with `portal`, under the keys that run commands."""
    if isinstance(node, dict):
        return [
            c
            for key, value in node.items()
            for c in _portal_commands(value, key in ("run", "script", "entry"))
        ]
    if isinstance(node, list):
        return [c for value in node for c in _portal_commands(value, runs)]
    if isinstance(node, str) and runs:
        return [line.strip() for line in node.splitlines() if line.strip().startswith("portal ")]
    return []


def test_templates_are_valid_and_call_commands_that_parse():
    seen = set()
    for template in TEMPLATES:
        commands = _portal_commands(yaml.safe_load(template.read_text(encoding="utf-8")))
        assert commands, template
        for command in commands:
            words = shlex.split(command.split(">")[0].split("\\")[0])[1:]
            words = ["origin/main" if "$" in word else word for word in words]
            seen.add(_parser().parse_args(words).command)
    assert {"check", "build", "diff", "fix"} <= seen
