"""`portal new`: a draft an editor can fill, which `portal check` accepts as written."""

from __future__ import annotations

from datetime import date

from generator.cli import main
from generator.scaffold import make_draft, next_free_number
from generator.site import read_site
from generator.siteroot import SiteRoot


def test_new_notice_carrying_out_a_plan_passes_check(make_site, capsys):
    root = make_site()
    assert (
        main(
            [
                "--root",
                str(root),
                "new",
                "notice",
                "--title",
                "Tổ chức Hội nghị đối thoại năm 2026",
                "--plan",
                "74/KH-VPUB",
            ]
        )
        == 0
    )
    written = capsys.readouterr().out.strip()
    site = read_site(root)
    assert site.diagnostics == []
    draft = next(d for d in site.documents if d.title == "Tổ chức Hội nghị đối thoại năm 2026")
    assert written.endswith(
        f"content/van-ban/{date.today().year}/thong-bao-to-chuc-hoi-nghi-doi-thoai-nam-2026.md"
    )
    assert draft.status == "draft" and draft.number_text == "/TB-VPUB"
    assert [r.number for r in draft.references] == ["74/KH-VPUB"]
    [citation] = draft.citations
    assert citation.text == "Kế hoạch số 74/KH-VPUB ngày 15/12/2025"


def test_the_draft_names_every_key_to_fill(make_site):
    root = make_site()
    draft = make_draft(
        read_site(root).layout,
        read_site(root).registry,
        "notice",
        "Thông báo thử",
        [],
        None,
        date(2025, 12, 20),
    )
    for key in (
        "number:",
        "issued:",
        "signer:",
        "mode:",
        "recipients:",
        "topics:",
        "event:",
        "petitions:",
    ):
        assert key in draft.text


def test_next_free_number_follows_the_year_series(make_site):
    registry = read_site(make_site()).registry
    from generator.doctypes import TYPES

    assert next_free_number(registry, TYPES["plan"], 2025) == "75/KH-VPUB"
    assert next_free_number(registry, TYPES["plan"], 2026) == "01/KH-VPUB"
    draft = make_draft(
        SiteRoot(make_site()), registry, "plan", "Kế hoạch thử", [], None, date(2025, 12, 20)
    )
    assert "# Số tiếp theo còn trống trong sổ KH-VPUB năm 2025: 75/KH-VPUB" in draft.text


def test_a_second_draft_of_the_same_title_gets_its_own_file(make_site, capsys):
    root = make_site()
    args = ["--root", str(root), "new", "report", "--title", "Kết quả"]
    assert main(args) == 0 and main(args) == 0
    first, second = capsys.readouterr().out.split()
    assert first != second and second.endswith("-2.md")


def test_unknown_type_or_reference_writes_nothing(make_site, capsys):
    root = make_site()
    before = sorted(root.rglob("*.md"))
    assert main(["--root", str(root), "new", "plann", "--title", "A"]) == 2
    assert "`plan`" in capsys.readouterr().err
    assert (
        main(["--root", str(root), "new", "plan", "--title", "A", "--references", "99/KH-VPUB"])
        == 2
    )
    assert "99/KH-VPUB" in capsys.readouterr().err
    assert sorted(root.rglob("*.md")) == before
