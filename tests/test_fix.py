"""`portal fix`: only the safe fixes, a diff by default, files written only with --write."""

from __future__ import annotations

from generator.cli import main
from generator.fix import fix_text

FRONT = "---\ntype: plan\nnumber: 5/KH-VPUB\ntitle: Kế hoạch\nstatus: draft\nreferences:\n  - '7-QĐ/TU'\n  - 74/KH-VPUB\n---\n"


def test_each_safe_fix():
    assert fix_text("\ufeff" + "---\n---\n") == "---\n---\n"
    assert fix_text("---\n---\nNo\u0302\u0323i dung\n") == "---\n---\nNội dung\n"
    fixed = fix_text(FRONT)
    assert "number: 05/KH-VPUB\n" in fixed
    assert "  - '7-QĐ/TU'\n  - 74/KH-VPUB\n" in fixed  # references resolve as written
    assert fix_text("---\ntitle: A   \n---\nDòng một. \n\n") == "---\ntitle: A\n---\nDòng một.\n\n"


def test_markdown_hard_breaks_and_body_numbers_are_kept():
    body = "---\n---\nKT. CHÁNH VĂN PHÒNG  \nPHÓ CHÁNH VĂN PHÒNG\nSố 5/KH-VPUB trong câu.\n"
    assert fix_text(body) == body


def test_crlf_files_keep_their_line_endings():
    assert fix_text("---\r\ntitle: A \r\n---\r\n") == "---\r\ntitle: A\r\n---\r\n"


def test_fix_is_idempotent():
    once = fix_text("\ufeff" + FRONT + "No\u0302\u0323i dung  \n")
    assert fix_text(once) == once


def test_diff_by_default_write_only_when_asked(make_site, capsys):
    root = make_site({"a.md": FRONT + "Nội dung.  \n"})
    path = root / "content/a.md"
    before = path.read_bytes()
    assert main(["--root", str(root), "fix"]) == 1
    out = capsys.readouterr().out
    assert (
        "--- a/content/a.md" in out and "+number: 05/KH-VPUB" in out and "-number: 5/KH-VPUB" in out
    )
    assert path.read_bytes() == before
    assert main(["--root", str(root), "fix", "--write"]) == 0
    assert b"number: 05/KH-VPUB" in path.read_bytes()
    assert main(["--root", str(root), "fix"]) == 0
    assert "Không có gì" in capsys.readouterr().out


def test_files_that_are_not_utf8_are_left_alone(make_site, capsys):
    root = make_site({"a.md": b"---\ntitle: N\xf4i\n---\n"})
    assert main(["--root", str(root), "fix", "--write"]) == 0
    assert (root / "content/a.md").read_bytes() == b"---\ntitle: N\xf4i\n---\n"
    assert "không phải UTF-8" in capsys.readouterr().err


def test_fixed_files_pass_the_rules_they_fixed(make_site):
    from generator.site import read_site

    root = make_site(
        {"a.md": "\ufeff" + FRONT.replace("  - '7-QĐ/TU'\n", "") + "No\u0302\u0323i dung.\n"}
    )
    codes = {d.code for d in read_site(root).diagnostics}
    assert {"F011", "F002", "N002"} <= codes
    main(["--root", str(root), "fix", "--write"])
    assert not {"F011", "F002", "N002"} & {d.code for d in read_site(root).diagnostics}


def test_fix_changes_only_the_number_n002_reports():
    front = (
        "---\ntype: notice\nnumber: 0/KH-VPUB\ntitle: 5/KH-VPUB\nstatus: draft\n"
        "previous_numbers:\n  - 8/TB-VPUB\n---\n"
    )
    # 0 is no number at all (N001), the old number keeps its published address, and a title is
    # the editor's text even when it looks like a number.
    assert fix_text(front) == front


def test_fix_keeps_a_symlinked_document_a_link(make_site):
    root = make_site(
        {"that.md": "---\ntype: plan\nnumber: 5/KH-VPUB\ntitle: A\nstatus: draft\n---\n"}
    )
    link = root / "content" / "link.md"
    link.symlink_to("that.md")
    assert main(["-C", str(root), "fix", "--write"]) == 0
    assert link.is_symlink() and "number: 05/KH-VPUB" in link.read_text(encoding="utf-8")
