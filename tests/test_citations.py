"""Citations: extraction from the seeds and other real phrasings, and their verification."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from generator.citations import extract_citations
from generator.registry import Registry
from generator.site import read_site
from tests.conftest import REPO, codes

NOTICE = REPO / "content/van-ban/2025/thong-bao-ket-luan-doi-thoai-cong-chuc.md"
REPORT = REPO / "content/van-ban/2025/bao-cao-doi-thoai-nhan-dan-2025-lan-2.md"


def found(text: str) -> list[tuple[str | None, str, date | None]]:
    return [(c.word, c.number, c.cited_date) for c in extract_citations(text)]


def body_of(path):
    site = read_site(REPO)
    document = next(d for d in site.documents if d.path == path.relative_to(REPO).as_posix())
    return document


def test_every_citation_of_the_conclusion_notice():
    document = body_of(NOTICE)
    assert [(c.word, c.number, c.cited_date, c.line) for c in document.citations] == [
        ("Quy định", "429-QĐ/TU", date(2022, 7, 1), 32),
        ("Kế hoạch", "74/KH-VPUB", date(2025, 12, 15), 32),
        ("Kế hoạch", "75/KH-VPUB", date(2025, 12, 16), 32),
    ]
    first = document.citations[0]
    assert first.text == "Quy định số 429-QĐ/TU ngày 01/7/2022"
    assert first.issuer == "Ban Thường vụ Tỉnh ủy" and first.column == 11


def test_every_citation_of_the_report():
    document = body_of(REPORT)
    assert [(c.word, c.number, c.cited_date) for c in document.citations] == [
        ("Quy định", "429-QĐ/TU", date(2022, 7, 1)),
        ("Hướng dẫn", "09-HD/BDVTU", date(2022, 7, 20)),
        ("Quy định", "429-QĐ/TU", date(2022, 7, 1)),
        ("Quy định", "349-QĐ/TU", date(2022, 3, 17)),
        ("Quyết định", "834/QĐ-UBND", date(2019, 4, 10)),
        ("Kế hoạch", "62/KH-VPUB", date(2024, 12, 19)),
        # "Ngày 20/8/2025, Văn phòng ... đã có Thông báo số 340/TB-VPUB": the date comes first.
        ("Thông báo", "340/TB-VPUB", date(2025, 8, 20)),
        ("Thông báo", "340/TB-VPUB", date(2025, 8, 20)),
    ]
    issuers = [c.issuer for c in document.citations]
    assert issuers[:2] == ["Tỉnh ủy", "Ban Dân vận"]
    assert issuers[5] == "Văn phòng"


def test_shipped_citations_all_resolve_cleanly():
    site = read_site(REPO)
    assert not [d for d in site.diagnostics if d.code.startswith("C")]


def test_nfd_input_gives_the_same_citations():
    text = "Thực hiện Kế hoạch số 74/KH-VPUB ngày 15/12/2025 của Văn phòng UBND tỉnh."
    nfc = extract_citations(text)
    nfd = extract_citations(unicodedata.normalize("NFD", text))
    assert [(c.word, c.number, c.cited_date, c.column) for c in nfd] == [
        (c.word, c.number, c.cited_date, c.column) for c in nfc
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("theo Kế hoạch 74/KH-VPUB", [("Kế hoạch", "74/KH-VPUB", None)]),
        ("Thông báo số: 340/TB-VPUB", [("Thông báo", "340/TB-VPUB", None)]),
        (
            "Kế hoạch số 74/KH-VPUB ngày 15 tháng 12 năm 2025",
            [("Kế hoạch", "74/KH-VPUB", date(2025, 12, 15))],
        ),
        (
            "ngày 05/02/2026 theo Chương trình số 05/CTr-VPUB ngày 05/02/2026",
            [("Chương trình", "05/CTr-VPUB", date(2026, 2, 5))],
        ),
        (
            "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020",
            [("Nghị định", "30/2020/NĐ-CP", date(2020, 3, 5))],
        ),
        (
            "Thông báo kết luận số 12/TB-VPUB ngày 20/12/2025",
            [("Thông báo kết luận", "12/TB-VPUB", date(2025, 12, 20))],
        ),
        ("đã gửi kèm 340/TB-VPUB.", [(None, "340/TB-VPUB", None)]),
        ("xem https://sonla.gov.vn/vb/340/TB-VPUB-2025 hoặc `74/KH-VPUB`", []),
        ("ngày 15/12/2025, lúc 14h00'", []),
    ],
)
def test_phrasings(text, expected):
    assert found(text) == expected


def test_several_citations_in_one_sentence_with_positions():
    text = "Dòng đầu.\nKế hoạch số 74/KH-VPUB ngày 15/12/2025 …; Kế hoạch số 75/KH-VPUB ngày 16/12/2025 …"
    citations = extract_citations(text, first_line=7)
    assert [(c.number, c.line, c.column) for c in citations] == [
        ("74/KH-VPUB", 8, 1),
        ("75/KH-VPUB", 8, 43),
    ]
    assert text[citations[1].start : citations[1].end] == "Kế hoạch số 75/KH-VPUB ngày 16/12/2025"


def test_wrong_date_is_caught_at_its_line(check_files):
    body = "Mở đầu.\n\nThực hiện Kế hoạch số 74/KH-VPUB ngày 16/12/2025 của Văn phòng.\n"
    site = check_files({"a.md": "---\ntype: report\ntitle: A\nstatus: draft\n---\n" + body})
    [d] = site.diagnostics
    assert (d.code, d.line, d.column) == ("C001", 8, 11)
    assert "15/12/2025" in d.message and "16/12/2025" in d.message


def test_impossible_cited_date(check_files):
    body = "Thực hiện Kế hoạch số 74/KH-VPUB ngày 31/11/2025.\n"
    site = check_files({"a.md": "---\ntype: report\ntitle: A\nstatus: draft\n---\n" + body})
    assert codes(site) == ["C001"] and "không có" in site.diagnostics[0].message


def test_wrong_type_word_is_caught_at_its_line(check_files):
    body = "Một.\nHai.\nThực hiện Kế hoạch số 340/TB-VPUB.\n"
    site = check_files({"a.md": "---\ntype: report\ntitle: A\nstatus: draft\n---\n" + body})
    assert [(d.code, d.line) for d in site.diagnostics] == [("C002", 8), ("C003", 8)]


def test_party_regulation_may_be_called_quy_dinh_or_quyet_dinh(check_files):
    body = "Căn cứ Quy định số 429-QĐ/TU ngày 01/7/2022; Quyết định số 429-QĐ/TU ngày 01/7/2022.\n"
    site = check_files({"a.md": "---\ntype: report\ntitle: A\nstatus: draft\n---\n" + body})
    assert codes(site) == []


def test_unknown_number_names_the_text_and_how_to_add_it(check_files):
    body = "Căn cứ Quyết định số 99/QĐ-UBND ngày 02/01/2025.\n"
    site = check_files({"a.md": "---\ntype: report\ntitle: A\nstatus: draft\n---\n" + body})
    [d] = site.diagnostics
    assert d.code == "C003" and d.severity.value == "warning"
    assert (
        "Quyết định số 99/QĐ-UBND ngày 02/01/2025" in d.message and "content/dan-chieu" in d.message
    )


def test_pages_citations_are_checked(check_files):
    page = "---\ntype: page\ntitle: Giới thiệu\n---\nTheo Nghị định số 42/2022/NĐ-CP.\n"
    assert codes(check_files({"p.md": page})) == ["C003"]


def test_citation_date_picks_the_right_year(check_files):
    again = "---\ntype: plan\nnumber: 74/KH-VPUB\nissued: 2024-03-01\ntitle: Khác\nstatus: published\n---\n"
    body = "Thực hiện Kế hoạch số 74/KH-VPUB ngày 01/3/2024 và Kế hoạch số 74/KH-VPUB ngày 15/12/2025.\n"
    site = check_files(
        {"k.md": again, "a.md": "---\ntype: report\ntitle: A\nstatus: draft\n---\n" + body}
    )
    assert codes(site) == []


def test_registry_resolves_a_yearly_number_in_context(check_files):
    older = "---\ntype: plan\nnumber: 74/KH-VPUB\nissued: 2024-03-01\ntitle: Khác\nstatus: published\n---\n"
    registry = check_files({"k.md": older}).registry
    assert registry.resolve("74/KH-VPUB", before=date(2024, 6, 1)).issued == date(2024, 3, 1)
    assert registry.resolve("74/KH-VPUB", before=date(2026, 1, 1)).issued == date(2025, 12, 15)
    assert registry.resolve("74/KH-VPUB", on=date(2024, 5, 5)).issued == date(2024, 3, 1)
    assert registry.resolve("74/KH-VPUB").issued == date(2025, 12, 15)
    assert registry.resolve("74/KH-VPUB", before=date(2020, 1, 1)).issued == date(2024, 3, 1)
    assert Registry([]).resolve("74/KH-VPUB") is None


def test_an_undated_draft_is_not_taken_for_an_earlier_document(check_files):
    draft = "---\ntype: plan\nnumber: 74/KH-VPUB\ntitle: Dự thảo\nstatus: draft\n---\n"
    registry = check_files({"d.md": draft}).registry
    assert registry.resolve("74/KH-VPUB", before=date(2026, 6, 1)).issued == date(2025, 12, 15)
    assert registry.resolve("74/KH-VPUB", before=date(2020, 1, 1)).issued == date(2025, 12, 15)
