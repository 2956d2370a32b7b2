"""The graph of relations, a plan's timeline, and `portal show`."""

from __future__ import annotations

from datetime import date

import pytest

from generator.cli import main
from generator.dates import legal_date, short_date
from generator.graph import Graph
from generator.site import read_site
from tests.conftest import REPO


@pytest.fixture(scope="module")
def shipped():
    site = read_site(REPO)
    return site, Graph(site.documents, site.registry)


def numbers(documents):
    return [d.number_text for d in documents]


def test_report_is_based_on_everything_it_cites_in_order(shipped):
    site, graph = shipped
    report = next(d for d in site.documents if d.number_text == "/BC-VPUB")
    assert numbers(link.target for link in graph.based_on(report)) == [
        "429-QĐ/TU",
        "09-HD/BDVTU",
        "349-QĐ/TU",
        "834/QĐ-UBND",
        "62/KH-VPUB",
        "340/TB-VPUB",
    ]
    cited = {link.target.number_text: link for link in graph.based_on(report)}
    assert cited["340/TB-VPUB"].kinds == ["references", "cites"]
    assert len(cited["429-QĐ/TU"].citations) == 2  # cited twice in the text


def test_cited_by_is_the_inverse(shipped):
    site, graph = shipped
    regulation = site.registry.resolve("429-QĐ/TU")
    assert numbers(link.source for link in graph.cited_by(regulation)) == [
        "09-HD/BDVTU",
        "62/KH-VPUB",
        "75/KH-VPUB",
        "/TB-VPUB",
        "/BC-VPUB",
    ]


def test_plan_timeline_runs_announcement_then_report(shipped):
    site, graph = shipped
    plan = site.registry.resolve("62/KH-VPUB")
    assert numbers(graph.timeline(plan)) == ["340/TB-VPUB", "/BC-VPUB"]


def test_timeline_orders_a_whole_chain_and_reaches_an_agenda_citing_only_the_notice(check_files):
    def doc(type_, number, issued, refs, name):
        refs = "".join(f"  - {r}\n" for r in refs)
        return (
            f"---\ntype: {type_}\nnumber: {number}\nissued: {issued}\ntitle: {name}\n"
            f"status: published\nreferences:\n{refs}---\n"
        )

    site = check_files(
        {
            "kh.md": doc("plan", "05/KH-VPUB", "2026-01-10", [], "Kế hoạch"),
            "bc.md": doc("report", "20/BC-VPUB", "2026-04-01", ["05/KH-VPUB"], "Báo cáo"),
            "tb.md": doc("notice", "30/TB-VPUB", "2026-02-01", ["05/KH-VPUB"], "Thông báo"),
            "kl.md": doc("conclusion", "45/TB-VPUB", "2026-03-05", ["05/KH-VPUB"], "Kết luận"),
            "ctr.md": doc("agenda", "03/CTr-VPUB", "2026-03-01", ["30/TB-VPUB"], "Chương trình"),
        }
    )
    assert [d.code for d in site.diagnostics] == []
    graph = Graph(site.documents, site.registry)
    timeline = graph.timeline(site.registry.resolve("05/KH-VPUB"))
    assert numbers(timeline) == ["30/TB-VPUB", "03/CTr-VPUB", "45/TB-VPUB", "20/BC-VPUB"]


def test_a_document_citing_its_own_number_is_not_its_own_basis(check_files):
    text = "---\ntype: plan\nnumber: 05/KH-VPUB\nissued: 2026-01-10\ntitle: A\nstatus: published\n---\nKế hoạch số 05/KH-VPUB này...\n"
    site = check_files({"a.md": text})
    graph = Graph(site.documents, site.registry)
    assert graph.based_on(site.registry.resolve("05/KH-VPUB")) == []


def test_legal_dates():
    assert legal_date(date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"
    assert legal_date(date(2025, 8, 20)) == "ngày 20 tháng 8 năm 2025"
    assert short_date(date(2022, 7, 1)) == "01/7/2022"
    assert short_date(date(2026, 1, 15)) == "15/01/2026"


def test_show_prints_metadata_graph_and_timeline(capsys):
    assert main(["--root", str(REPO), "show", "62/KH-VPUB"]) == 0
    out = capsys.readouterr().out
    assert "Kế hoạch 62/KH-VPUB (19/12/2024)" in out
    assert "ngày 19 tháng 12 năm 2024" in out
    assert "Tiến trình thực hiện kế hoạch (2):" in out
    assert "1. Thông báo 340/TB-VPUB (20/8/2025)" in out
    assert "dẫn chiếu trong nội dung (dòng 34)" in out


def test_show_dialogue_facts(capsys):
    assert main(["--root", str(REPO), "show", "340/TB-VPUB"]) == 0
    out = capsys.readouterr().out
    assert "Tiếp nhận kiến nghị: ngày 25/8/2025 đến ngày 15/9/2025" in out
    assert "14:00 ngày 26/9/2025 đến 17:00 ngày 26/9/2025, Phòng họp 219" in out


def test_show_unknown_number_suggests(capsys):
    assert main(["--root", str(REPO), "show", "340/TB-VPUP"]) == 1
    assert "340/TB-VPUB" in capsys.readouterr().err
