"""Every catalogued rule: its bad example raises its code, its good example does not."""

from __future__ import annotations

import os

import pytest

from generator import rules
from generator.cli import main
from generator.fix import FIXERS
from generator.site import read_site
from tests.conftest import codes

CONTEXT_ONLY = "content/vi-du.md"


@pytest.mark.parametrize("code", sorted(rules.RULES))
def test_bad_example_raises_its_code(code, make_site):
    rule = rules.RULES[code]
    bad = rule.bad_bytes if rule.bad_bytes is not None else rule.bad
    kind, _, argument = (rule.bad_setup or "").partition(":")
    name = argument if kind == "name" else "vi-du.md"
    root = make_site({} if kind in ("symlink", "fifo") else {name: bad})
    if kind == "symlink":
        (root / "content" / name).symlink_to(root / argument)
    elif kind == "fifo":
        os.mkfifo(root / "content" / name)
    site = read_site(root)
    assert code in codes(site, f"content/{name}"), site.diagnostics


@pytest.mark.parametrize("code", sorted(rules.RULES))
def test_good_example_is_clean(code, check_files):
    site = check_files({"vi-du.md": rules.RULES[code].good})
    assert codes(site, CONTEXT_ONLY) == [], site.diagnostics


def test_context_documents_are_clean(check_files):
    assert check_files({}).diagnostics == []


@pytest.mark.parametrize("code", sorted(rules.RULES))
def test_every_rule_is_documented_in_full(code):
    rule = rules.RULES[code]
    assert rule.code == code
    for text in (rule.name, rule.title, rule.what, rule.why, rule.fix):
        assert text.strip()
    assert rule.bad != rule.good


def test_explain_prints_the_catalogue_entry(capsys):
    assert main(["explain", "n002"]) == 0
    out = capsys.readouterr().out
    assert "N002" in out and "Ví dụ sai" in out and "05/KH-VPUB" in out


def test_explain_lists_every_code(capsys):
    assert main(["explain"]) == 0
    out = capsys.readouterr().out
    assert all(code in out for code in rules.RULES)


def test_explain_unknown_code_is_a_usage_error(capsys):
    assert main(["explain", "Z999"]) == 2
    assert "Z999" in capsys.readouterr().err


def test_fixable_flags_are_what_portal_fix_repairs():
    assert {code for code, rule in rules.RULES.items() if rule.fixable} == set(FIXERS) - {None}


@pytest.mark.parametrize(
    "code", sorted(c for c, r in rules.RULES.items() if r.bad_setup not in ("fifo",))
)
def test_portal_fix_clears_a_bad_example_exactly_when_its_rule_is_fixable(code, make_site):
    """Run as an editor does: `portal fix --write`, then `portal check` sees the file again."""
    rule = rules.RULES[code]
    bad = rule.bad_bytes if rule.bad_bytes is not None else rule.bad
    kind, _, argument = (rule.bad_setup or "").partition(":")
    name = argument if kind == "name" else "vi-du.md"
    root = make_site({} if kind == "symlink" else {name: bad})
    if kind == "symlink":
        (root / "content" / name).symlink_to(root / argument)
    main(["-C", str(root), "fix", "--write"])
    remaining = codes(read_site(root), f"content/{name}")
    assert (code not in remaining) is rule.fixable, remaining


@pytest.mark.parametrize("code", ["N002", "M002"])
def test_explain_says_whether_portal_fix_applies(code, capsys):
    assert main(["explain", code]) == 0
    out = capsys.readouterr().out
    expected = "portal fix --write` sửa được" if rules.RULES[code].fixable else "không sửa"
    assert expected in out
