"""`portal check`: the output formats and exit codes other tools rely on."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from generator.cli import main

BAD = "---\ntype: plan\nnumber: 5/KH-VPUB\nissued: 2025-01-05\ntitle: A\nstatus: published\n---\n"
WARN = "---\ntype: plan\ntitle: A\nstatus: draft\n---\nkiến nghị kiến nghị\n"


def run(root, *args, capsys):
    code = main(["--root", str(root), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_clean_site_exits_zero(make_site, capsys):
    code, out, _ = run(make_site(), "check", capsys=capsys)
    assert code == 0 and "không có lỗi" in out


def test_errors_exit_one_with_file_line_code(make_site, capsys):
    code, out, _ = run(make_site({"a.md": BAD}), "check", capsys=capsys)
    assert code == 1
    assert "content/a.md:3: lỗi N002 " in out and "05/KH-VPUB" in out


def test_warnings_pass_unless_strict(make_site, capsys):
    root = make_site({"a.md": WARN})
    assert run(root, "check", capsys=capsys)[0] == 0
    assert run(root, "check", "--strict", capsys=capsys)[0] == 1


def test_json_shape_is_the_contract(make_site, capsys):
    code, out, _ = run(
        make_site({"a.md": BAD, "b.md": WARN}), "check", "--format", "json", capsys=capsys
    )
    payload = json.loads(out)
    assert code == 1
    assert set(payload) == {"documents", "diagnostics"}
    assert payload["documents"] == 5  # three context documents and two files here
    for item in payload["diagnostics"]:
        assert set(item) == {"file", "line", "column", "code", "severity", "message"}
        assert isinstance(item["line"], int) and item["line"] >= 1
        assert item["column"] is None or isinstance(item["column"], int)
        assert item["severity"] in ("error", "warning")
    assert [(d["file"], d["code"], d["severity"]) for d in payload["diagnostics"]] == [
        ("content/a.md", "N002", "error"),
        ("content/b.md", "B002", "warning"),
    ]


def test_github_annotations_escape_properties_and_messages(make_site, capsys):
    code, out, _ = run(make_site({"a, b.md": BAD}), "check", "--format", "github", capsys=capsys)
    assert code == 1
    assert out.startswith("::error file=content/a%2C b.md,line=3,title=N002 number-leading-zero::")
    assert out.count("\n") == 1


def test_usage_errors_exit_two_in_vietnamese(make_site, capsys):
    code = None
    with pytest.raises(SystemExit) as exit_info:
        main(["--root", str(make_site()), "check", "--format", "xml"])
    code = exit_info.value.code
    assert code == 2 and "không hợp lệ" in capsys.readouterr().err


def test_outside_a_site_root_exits_two(tmp_path, capsys):
    assert main(["--root", str(tmp_path), "check"]) == 2
    assert "mkdocs.yml" in capsys.readouterr().err


def test_console_script_runs_from_the_site_root(make_site):
    root = make_site({"a.md": BAD})
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "check", "--format", "json"],
        cwd=root,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert result.returncode == 1
    assert json.loads(result.stdout)["diagnostics"][0]["code"] == "N002"
