"""`portal check`: the output formats and exit codes other tools rely on."""

from __future__ import annotations

import argparse
import ast
import functools
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from generator.cli import main
from generator.rules import RULES

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
    assert "content/a.md:3:9: lỗi N002 " in out and "05/KH-VPUB" in out


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
    assert out.startswith(
        "::error file=content/a%2C b.md,line=3,col=9,title=N002 number-leading-zero::"
    )
    assert out.count("\n") == 1


def test_usage_errors_exit_two_in_vietnamese(make_site, capsys):
    assert main(["--root", str(make_site()), "check", "--format", "xml"]) == 2
    err = capsys.readouterr().err
    assert "Cách dùng: portal check" in err
    assert "portal check: lỗi cách dùng: tham số --format: giá trị 'xml' không hợp lệ" in err


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


# -- the command as a user meets it: a real process, real pipes --------------------------


def portal(*args: str, cwd: Path, **options) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        **options,
    )


COMMANDS = ("check", "build", "new", "fix", "serve", "diff", "show", "explain")


def _english_words(text: str, english: set[str]) -> set[str]:
    """The words of ``text`` that argparse's English uses, leaving out what the user types
    (option names, command names, literal values such as {text,json}) and proper names."""
    prose = re.sub(r"(?<![\w/])--?[\w-]+|\{[^}]*\}|GitHub Actions", " ", text)
    return {w.lower() for w in re.findall(r"[\w']+", prose)} & english - set(COMMANDS)


@functools.cache
def _help(command: str) -> str:
    """`portal COMMAND --help` as printed, asked once per test run."""
    result = portal(*([command] if command else []), "--help", cwd=Path(tempfile.gettempdir()))
    assert result.returncode == 0 and result.stderr == ""
    return result.stdout


def _argparse_english() -> set[str]:
    """Every word of argparse's own messages (its gettext calls), to be found in no help."""
    words: set[str] = set()
    for node in ast.walk(ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("_", "ngettext"):
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    text = re.sub(r"%\(\w+\)[sr]|%[sr]", " ", arg.value)
                    words.update(w.lower() for w in re.findall(r"[A-Za-z']{3,}", text))
    # The -h and --version help texts are default arguments in some Python versions.
    return words | {"show", "help", "message", "program's", "version", "number", "exit"}


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_is_vietnamese_to_the_last_word(command):
    english = _argparse_english()
    assert {"usage", "positional", "arguments", "options", "show", "exit"} <= english
    text = _help(command)
    assert text.startswith(f"Cách dùng: portal {command}".rstrip() + " ")
    assert not _english_words(text, english), text
    # Placeholders: one style, Vietnamese capitals.
    usage = text.split("\n\n")[0]
    placeholders = {t for t in re.findall(r"\w+", usage) if t.isupper() and len(t) > 1}
    assert all(not p.isascii() for p in placeholders), placeholders
    assert placeholders <= {"THƯ_MỤC", "LỆNH", "NGÀY", "LOẠI", "TRÍCH_YẾU", "SỐ", "CỔNG"} | {
        "GỐC",
        "MỚI",
        "NĂM",
        "MÃ",
    }


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_describes_itself(command):
    listing = _help("")
    summary = re.search(rf"^    {command} +(\S.*)$", listing, re.MULTILINE)
    assert summary, listing
    paragraphs = _help(command).split("\n\n")
    # After the usage, a paragraph that says more than the one-line summary in the listing.
    description = " ".join(paragraphs[1].split())
    assert not description.endswith(":") and len(description) > len(summary[1]) + 20


def test_usage_errors_name_the_problem_in_vietnamese(tmp_path):
    for args, expected in (
        ((), "thiếu tham số bắt buộc: LỆNH"),
        (("kiemtra",), "giá trị 'kiemtra' không hợp lệ (chọn một trong: 'check'"),
        (("check", "--strcit"), "không hiểu tham số: --strcit"),
        (("show", "--year", "25", "74/KH-VPUB"), "năm phải có bốn chữ số"),
        (("build", "--as-of", "15/01/2026"), "ngày phải có dạng YYYY-MM-DD"),
        (("new", "plan"), "thiếu tham số bắt buộc: --title"),
    ):
        result = portal(*args, cwd=tmp_path)
        assert result.returncode == 2, args
        assert expected in result.stderr, result.stderr
        assert result.stderr.startswith("Cách dùng: portal")
        assert not _english_words(result.stderr, _argparse_english()), result.stderr


@pytest.mark.parametrize("port", ["-1", "99999", "tám", "80.5"])
def test_impossible_ports_are_refused_before_anything_runs(port, make_site):
    result = portal("serve", "--port", port, cwd=make_site())
    assert result.returncode == 2
    assert "tham số --port: cổng phải là một số từ 1 đến 65535" in result.stderr
    assert f"không phải '{port}'" in result.stderr and "Traceback" not in result.stderr


def test_check_json_is_utf8_whatever_the_locale(make_site):
    root = make_site({"a.md": BAD})
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHONIO"))}
    env.update(LC_ALL="C", PYTHONUTF8="0")
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "check", "--format", "json"],
        cwd=root,
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1
    assert b"\\u" not in result.stdout
    assert "Số nhỏ hơn 10 phải có số 0 ở đầu".encode() in result.stdout
    assert json.loads(result.stdout.decode("utf-8"))["diagnostics"][0]["code"] == "N002"


# -- a reader that goes away ------------------------------------------------------------


@pytest.mark.parametrize(
    "args", [("explain",), ("explain", "N002"), ("--help",), ("check", "--format", "json")]
)
def test_a_closed_pipe_ends_quietly_with_141(args, make_site):
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first byte: every write fails
    try:
        result = subprocess.run(
            [sys.executable, "-m", "generator.cli", *args],
            cwd=make_site({"a.md": BAD}),
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert result.returncode == 141
    assert result.stderr == b""


@pytest.fixture
def noisy_site(make_site):
    """A site whose `check --format json` is far larger than a pipe's buffer."""
    lines = "".join(f"Dòng {n}: kiến nghị kiến nghị.\n\n" for n in range(2000))
    return make_site({"a.md": WARN.replace("kiến nghị kiến nghị\n", lines)})


def test_head_of_the_json_output_through_a_shell_pipe(noisy_site):
    result = subprocess.run(
        [
            "bash",
            "-c",
            'set -o pipefail; "$0" -m generator.cli check --format json | head -c 10',
            sys.executable,
        ],
        cwd=noisy_site,
        capture_output=True,
        timeout=120,
    )
    assert result.stdout == b'{\n  "docum'
    assert result.returncode == 141 and result.stderr == b""


def test_head_of_explain_through_a_shell_pipe(tmp_path):
    result = subprocess.run(
        ["bash", "-c", 'set -o pipefail; "$0" -m generator.cli explain | head -1', sys.executable],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.startswith("F001 ") and result.stdout.count("\n") == 1
    # Whether explain wrote everything before head exited is up to the scheduler: both end
    # quietly, with 0 or with 141.
    assert result.returncode in (0, 141) and result.stderr == ""


# -- where the site root is ------------------------------------------------------------------


def test_the_site_root_is_found_upwards_like_git(make_site):
    root = make_site({"van-ban/2025/a.md": BAD})
    expected = portal("check", cwd=root)
    assert expected.returncode == 1 and "content/van-ban/2025/a.md:3:9: lỗi N002" in expected.stdout
    for folder in (root / "content", root / "content/van-ban/2025"):
        assert portal("check", cwd=folder).stdout == expected.stdout
    # -C names the folder to start from, as with git.
    assert portal("-C", "content/van-ban", "check", cwd=root).stdout == expected.stdout


def test_new_from_a_subfolder_prints_a_path_that_works_from_there(make_site):
    folder = make_site() / "content"
    result = portal("new", "report", "--title", "Kết quả thử", cwd=folder)
    assert result.returncode == 0, result.stderr
    printed = result.stdout.strip()
    assert printed.startswith("van-ban/") and (folder / printed).is_file()


def test_a_missing_folder_is_named(make_site):
    missing = make_site() / "khong-co"
    result = portal("-C", str(missing), "check", cwd=missing.parent)
    assert result.returncode == 2
    assert result.stderr == f"portal: Thư mục {missing} không tồn tại.\n"


def test_a_folder_that_is_no_site_root_says_what_is_missing(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: Thử\n", encoding="utf-8")
    result = portal("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "Không tìm thấy thư mục gốc của trang" in result.stderr
    assert "chỉ có mkdocs.yml" in result.stderr and "portal -C THƯ_MỤC" in result.stderr
    assert "Traceback" not in result.stderr


# -- columns -----------------------------------------------------------------------------------

# Diagnostics about the file as a whole, which have no place in a line (F012-F015: what the
# file is and where it lies).
PLACELESS = {"F003", "F004", "F006", "F007", "F012", "F013", "F014", "F015"}


@pytest.mark.parametrize("code", sorted(set(RULES) - PLACELESS))
def test_every_diagnostic_with_a_place_has_a_column(code, make_site, capsys):
    rule = RULES[code]
    root = make_site({"vi-du.md": rule.bad_bytes if rule.bad_bytes is not None else rule.bad})
    main(["--root", str(root), "check", "--format", "json"])
    found = [d for d in json.loads(capsys.readouterr().out)["diagnostics"] if d["code"] == code]
    assert found and all(isinstance(d["column"], int) and d["column"] >= 1 for d in found)


def test_n002_and_m005_point_at_the_column(make_site):
    root = make_site(
        {
            "a.md": BAD.replace("number: 5/", 'number: "5/').replace("-VPUB\n", '-VPUB"\n', 1),
            "p.md": "---\ntype: page\n---\nTrang.\n",
            "t.md": "---\ntype: plan\ntitle:\nstatus: draft\nattachments:\n  - title: Bản gốc\n---\n",
        }
    )
    out = portal("check", cwd=root).stdout
    assert "content/a.md:3:9: lỗi N002" in out  # the opening quote of the value
    assert "content/p.md:2:1: lỗi M005 Trang thiếu `title` (tên trang trên menu)." in out
    assert "content/t.md:3:1: lỗi M005 Thiếu `title`" in out
    assert "content/t.md:6:5: lỗi M005 Mục `attachments[1]` thiếu `file`." in out


def test_a_current_folder_deleted_under_the_shell_is_named(tmp_path):
    result = subprocess.run(
        [
            "bash",
            "-c",
            'mkdir gone && cd gone && rmdir ../gone && "$0" -m generator.cli check',
            sys.executable,
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr == "portal: Thư mục hiện tại không còn tồn tại (đã bị xóa hoặc đổi tên).\n"
