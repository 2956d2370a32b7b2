"""The frontmatter's JSON Schema agrees with `portal check`: same keys, same values."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator import rules
from generator.cli import main
from generator.schema import frontmatter_schema, schema_text
from tests.conftest import REPO

# A key given twice is lost by every YAML parser before a schema sees it (editors' YAML tools
# report it themselves); every other M-rule's bad example must fail the schema.
# M001: a key written twice is lost by any YAML parser before a schema sees it; M007 and M011
# compare values (two spellings of a topic, a correction's date with `issued`).
NOT_EXPRESSIBLE = {"M001", "M007", "M011"}


class _EditorLoader(yaml.SafeLoader):
    """YAML as an editor's tool reads it (YAML 1.2): dates stay text."""


_EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if not tag.endswith(":timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def frontmatter(text: str) -> object:
    _, front, _ = text.split("---\n", 2)
    return yaml.load(front, Loader=_EditorLoader)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = frontmatter_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("code", sorted(rules.RULES))
def test_every_good_example_of_the_catalogue_validates(code, validator):
    errors = [e.message for e in validator.iter_errors(frontmatter(rules.RULES[code].good))]
    assert errors == []


@pytest.mark.parametrize("code", sorted(c for c in rules.RULES if c.startswith("M")))
def test_every_bad_metadata_example_fails_unless_a_schema_cannot_say_it(code, validator):
    valid = validator.is_valid(frontmatter(rules.RULES[code].bad))
    assert valid is (code in NOT_EXPRESSIBLE)


def test_the_shipped_content_validates(validator):
    for path in sorted((REPO / "content").rglob("*.md")):
        errors = [e.message for e in validator.iter_errors(frontmatter(path.read_text("utf-8")))]
        assert errors == [], path


@pytest.mark.parametrize(
    ("front", "wrong"),
    [
        ("type: page\ntitle: Giới thiệu\norder: một", "order"),
        ("type: page\ntitle: Giới thiệu\nnumber: 1/TB-VPUB", "number"),
        ("type: notice\ntitle: X\nstatus: draft\nsigner:\n  mode: KT", "signer.mode"),
        ("type: notice\ntitle: X\nstatus: draft\nevent:\n  start: 26/9/2025", "event.start"),
        ("type: notice\ntitle: X\nstatus: draft\ntopics: Đối thoại", "topics"),
        ("type: notice\ntitle: X\nstatus: draft\nattachments:\n  - title: Bản gốc", "file"),
        ("type: notice\ntitle: X\nstatus: published\nnumber: 1/TB-VPUB\nissued:", "issued"),
        ("type: notice\ntitle: ''\nstatus: draft", "title"),
        ("type: notice\ntitle: X\nstatus: published\nnumber: ''\nissued: 2025-01-02", "number"),
    ],
)
def test_what_check_rejects_the_schema_rejects(front, wrong, validator, check_files):
    text = f"---\n{front}\n---\nNội dung.\n"
    assert not validator.is_valid(frontmatter(text)), wrong
    site = check_files({"vi-du.md": text}, context=False)
    assert any(d.code.startswith("M") for d in site.diagnostics), wrong


def test_editors_see_vietnamese_help_on_every_key(validator):
    schema = frontmatter_schema()
    for branch in schema["definitions"].values():
        for name, value in branch["properties"].items():
            assert value["description"].strip(), name
    assert "Số ký hiệu" in schema["definitions"]["document"]["properties"]["number"]["description"]


def test_portal_schema_prints_the_schema(capsys):
    assert main(["schema"]) == 0
    out = capsys.readouterr().out
    assert out == schema_text()
    assert json.loads(out) == frontmatter_schema()


def test_readme_shows_the_schema_hooked_into_vs_code():
    readme = (Path(REPO) / "README.md").read_text(encoding="utf-8")
    assert "yaml.schemas" in readme and "portal schema" in readme
