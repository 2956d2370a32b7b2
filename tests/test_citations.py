"""Citations: extraction from the seeds and other real phrasings, and their verification."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


# -- as officials really write them (issue 15) ------------------------------------------------
# Every example is quoted from a real public text; benchmarks/citations/eval.txt gives its
# address. Those marked "issue" are quoted in issue 15 from its own sample.

D = date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A lower-case letter or a Vietnamese capital other than Đ in the issuer code.
        (
            "Thực hiện Quyết định số 1896/QĐ-TTg\nngày 25/12/2019 của Thủ tướng Chính phủ",
            [("Quyết định", "1896/QĐ-TTg", D(2019, 12, 25))],
        ),
        (
            "Nghị quyết liên tịch 01/2023/NQLT-CP-ĐCTUBTƯMTTQVN của Chính phủ",
            [("Nghị quyết liên tịch", "01/2023/NQLT-CP-ĐCTUBTƯMTTQVN", None)],
        ),
        (
            "Sau 10 năm thực hiện Nghị quyết 13-NQ/TƯ của Tỉnh ủy",
            [("Nghị quyết", "13-NQ/TƯ", None)],
        ),
        (
            "THỰC HIỆN CHỈ THỊ SỐ 19/CT-TTG NGÀY 16 THÁNG 7 NĂM 2021 CỦA THỦ TƯỚNG",
            [("Chỉ thị", "19/CT-TTg", D(2021, 7, 16))],
        ),
        # National Assembly numbers: no hyphen after the year.
        (
            "Căn cứ Luật Tổ chức chính quyền địa phương số 77/2015/QH13 ngày 19 tháng 6 năm 2015;",
            [("Luật", "77/2015/QH13", D(2015, 6, 19))],
        ),
        (
            "Luật Quy hoạch số 21/2017/QH14 được Quốc hội khóa XIV thông qua ngày 24/11/2017.",
            [("Luật", "21/2017/QH14", D(2017, 11, 24))],
        ),
        # Symbols with no hyphen, after a type word.
        (
            "tại Tờ trình số 126/SKHĐT ngày 23/01/2007,",
            [("Tờ trình", "126/SKHĐT", D(2007, 1, 23))],
        ),
        (
            "Căn cứ Công văn 285/CCTTHC ngày 08 tháng 9 năm 2009 của Tổ công tác",
            [("Công văn", "285/CCTTHC", D(2009, 9, 8))],
        ),
        (
            "Nghị định số 106/2013/NĐCP ngày 17/9/2013",
            [("Nghị định", "106/2013/NĐ-CP", D(2013, 9, 17))],
        ),
        # A space or a line break inside the number.
        ("Kết luận số 100 - KL/TW ngày 18/8/2014", [("Kết luận", "100-KL/TW", D(2014, 8, 18))]),
        (
            "Quyết định số 84 QĐ/TWĐTN ngày 22/02/2013",
            [("Quyết định", "84-QĐ/TWĐTN", D(2013, 2, 22))],
        ),
        (
            "Thông báo kết luận số 2927 -TB/TU",
            [("Thông báo kết luận", "2927-TB/TU", None)],
        ),  # issue
        (
            "Nghị định số 30/2020/NĐ-\nCP ngày 05/3/2020",
            [("Nghị định", "30/2020/NĐ-CP", D(2020, 3, 5))],
        ),
        # An extra slash.
        (
            "Căn cứ Nghị quyết số 1018/2011/NQ/UBTVQH12 ngày 21/01/2011 của Uỷ ban thường vụ",
            [("Nghị quyết", "1018/2011/NQ-UBTVQH12", D(2011, 1, 21))],
        ),
        (
            "Căn cứ Thông tư liên tịch số: 183/2010/TTLT/BTC-BNN, ngày 15 tháng 11 năm 2010 giữa",
            [("Thông tư liên tịch", "183/2010/TTLT-BTC-BNN", D(2010, 11, 15))],
        ),
        ("Kế hoạch liên tịch số 02/KH/CCB-VSP", [("Kế hoạch", "02/KH-CCB-VSP", None)]),  # issue
        # Glued to a neighbouring word.
        (
            "Điều 1 Nghị quyết số363/2011/NQ-HĐND ngày 18/3/2011 của HĐND tỉnh",
            [("Nghị quyết", "363/2011/NQ-HĐND", D(2011, 3, 18))],
        ),
        (
            "NGHỊ QUYẾT SỐ 363/2011/NQ-HĐNDNGÀY 18/3/2011 CỦA HĐND TỈNH",
            [("Nghị quyết", "363/2011/NQ-HĐND", D(2011, 3, 18))],
        ),
        (
            "Thông báo số 70-TB/TWngày 12/5/2022",
            [("Thông báo", "70-TB/TW", D(2022, 5, 12))],
        ),  # issue
        ("Nghị quyết số 35-NQ/TWvề bảo vệ nền tảng", [("Nghị quyết", "35-NQ/TW", None)]),  # issue
        ("Căn cứ Nghị định số30/2020/NĐ-CP", [("Nghị định", "30/2020/NĐ-CP", None)]),  # issue
        # Single cases: lower case, a dot, a letter after the serial.
        ("thông tư 40/2016/tt-bct", [("Thông tư", "40/2016/TT-BCT", None)]),
        (
            "tại Công văn số 146/TT.HĐND ngày 30/6/2008;",
            [("Công văn", "146/TT.HĐND", D(2008, 6, 30))],
        ),
        ("Quyết định số 01/1999/QĐ.UB", [("Quyết định", "01/1999/QĐ.UB", None)]),  # issue
        (
            "Căn cứ Nghị quyết số 30c/NQ-CP ngày 08 tháng\n11 năm 2011 của Chính phủ",
            [("Nghị quyết", "30c/NQ-CP", D(2011, 11, 8))],
        ),
        ("theo Nghị quyết 30c/NQCP", [("Nghị quyết", "30c/NQ-CP", None)]),  # issue
        # The type word: broken across a line, shared by a list, before brackets, qualified.
        (
            "Theo đề nghị của Giám đốc Sở Tài chính tại Tờ\ntrình số 160/TTr-STC ngày 30 tháng 12 năm 2022.",
            [("Tờ trình", "160/TTr-STC", D(2022, 12, 30))],
        ),
        (
            "Thực hiện Chỉ\nthị số 8008/CT-TCTL ngày 25/10/2019 của Bộ trưởng",
            [("Chỉ thị", "8008/CT-TCTL", D(2019, 10, 25))],
        ),
        (
            "Căn cứ Luật Ngân sách nhà nước số 01/2002/QH11 ngày 16 tháng 12 năm 2002; "
            "số 83/2015/QH13 ngày 25 tháng 6 năm 2015;",
            [
                ("Luật", "01/2002/QH11", D(2002, 12, 16)),
                ("Luật", "83/2015/QH13", D(2015, 6, 25)),
            ],
        ),
        (
            "các Nghị định của Chính phủ: số 78/2025/NĐ-CP ngày 01/4/2025 quy định chi tiết; "
            "số 187/2025/NĐ-CP ngày 01/7/2025",
            [
                ("Nghị định", "78/2025/NĐ-CP", D(2025, 4, 1)),
                ("Nghị định", "187/2025/NĐ-CP", D(2025, 7, 1)),
            ],
        ),  # issue
        (
            "Thủ tướng Chính phủ đã có Công văn (số 73/TTg-CN) chỉ đạo các Bộ",
            [("Công văn", "73/TTg-CN", None)],
        ),
        ("Kế hoạch phối hợp số 129/KH-XNDV", [("Kế hoạch", "129/KH-XNDV", None)]),  # issue
        (
            "Báo cáo thẩm định số 18/BCTĐ-STP ngày 25 tháng 5 năm 2018 của Sở Tư pháp.",
            [("Báo cáo", "18/BCTĐ-STP", D(2018, 5, 25))],
        ),
        (
            "Nghị đinh số 57/2017/NĐ-CP",  # a slipped tone
            [("Nghị định", "57/2017/NĐ-CP", None)],
        ),
        # The date: dashed, glued, after the issuer, before the type word.
        (
            "Chỉ thị số 15-CT/TW, ngày 24-02-2012, Kế hoạch số 08-KH/TW, ngày 12-3-2012",
            [("Chỉ thị", "15-CT/TW", D(2012, 2, 24)), ("Kế hoạch", "08-KH/TW", D(2012, 3, 12))],
        ),
        (
            "Quyết định số 99/QĐ-UBND ngày22 tháng 7 năm 2010",
            [("Quyết định", "99/QĐ-UBND", D(2010, 7, 22))],
        ),  # issue
        (
            "Chỉ thị số 47/CT-TTg của Thủ tướng Chính phủ ngày 27 tháng 12 năm 2017 về việc",
            [("Chỉ thị", "47/CT-TTg", D(2017, 12, 27))],
        ),
        (
            "Thông tư số 84/2017/TT-BTC của Bộ Tài chính ngày 15 tháng 8 năm 2017 về việc",
            [("Thông tư", "84/2017/TT-BTC", D(2017, 8, 15))],
        ),  # issue
        (
            "Ngày 21/04/2015, Thủ tướng Chính\nphủ đã ban hành Chỉ thị số 06/CT-TTg về việc",
            [("Chỉ thị", "06/CT-TTg", D(2015, 4, 21))],
        ),
        # Never past "về": the date of what the document is about is not its date.
        (
            "Nghị quyết số 23-NQ/TW của Ban Chấp hành Trung ương về “Phát huy sức mạnh” làm việc "
            "với Đảng đoàn ngày 1/12/2022",
            [("Nghị quyết", "23-NQ/TW", None)],
        ),
    ],
)
def test_numbered_citations_as_written(text, expected):
    assert [c for c in found(text) if c[1][0].isdigit()] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Tờ khai quyết toán thuế theo mẫu số 05/KK-TNCN.",  # issue: the tax form false alarm
        "Giấy đề nghị hoàn trả khoản thu NSNN theo mẫu số 01/ĐNHT ban hành kèm theo Thông tư này.",
        "cả nước có 5.775/8.227 xã (chiếm 70,2%) đạt chuẩn nông thôn mới",
        "đạt 10/14 xã; 2/3 tổng số đại biểu; 1.286 tiêu chí/92 xã",
        "thu ngân sách 45.799/36.875 tỷ đồng; tỷ lệ 83,2%/50% tổng số xã",
        "Vào lúc 14h00 hôm nay (31/3), hội nghị khai mạc; Thời gian: 16h30 ngày 31/3/2014",
        "Liên hệ: 0313840668-0934563996",
        "Số: 10 - Đường 3 Tháng 2 - Quận 10 – TP Hồ Chí Minh",
        "Căn cứ Tiêu chuẩn Việt Nam TCVN: 4586-1997 quy định vật liệu nổ",
        "thiendang.net/thidaco/tieu-chuan/thong-tu/Thong tu 56_2023_TT-BCA.pdf",
        "https://docs.google.com/document/d/1jqDamugRe-AHVHo427rr4T_7KajqLSlO/edit?usp=sharing",
        "để xử lý 5 xã/phường và 2 vận đơn/tờ khai",
        "Ký hiệu thủ tục: 2.001218.000.00.00.H38",
        "Mức hỗ trợ:150.000 đồng/học sinh/tháng.",
        "Thông báo kết luận số 159-TB của Bộ Chính trị",  # no issuer: not a full number
    ],
)
def test_numbers_that_are_no_citations(text):
    assert [c for c in extract_citations(text) if c.numbered] == []


def test_the_written_form_is_kept_beside_the_registered_one():
    [c] = extract_citations("Căn cứ Thông báo số 2927 -TB/TU ngày 05/3/2024 của Tỉnh ủy.")
    assert (c.number, c.written) == ("2927-TB/TU", "2927 -TB/TU")
    assert c.text == "Thông báo số 2927 -TB/TU ngày 05/3/2024"
    assert c.issuer == "Tỉnh ủy"


def test_the_eth_lookalike_of_d_with_stroke_is_read_as_such():
    [c] = extract_citations("Căn cứ Quyết định số 17/2006/Q\u00d0-BTNMT ngày 12 tháng 10 năm 2006")
    assert (c.number, c.written) == ("17/2006/QĐ-BTNMT", "17/2006/Q\u00d0-BTNMT")


# -- unnumbered laws and short references -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Căn cứ Luật Đất đai ngày 29 tháng 11 năm 2013;",
            [("Luật", "Luật Đất đai", D(2013, 11, 29))],
        ),
        ("theo Bộ luật Dân sự 2015", [("Bộ luật", "Bộ luật Dân sự 2015", None)]),
        ("- Căn cứ Hiến pháp nước Cộng hoà xã hội chủ\nnghĩa Việt Nam năm 1992;", None),
        (
            "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một\n"
            "số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22\n"
            "tháng 11 năm 2019;",
            [
                ("Luật", "Luật Tổ chức Chính phủ", D(2015, 6, 19)),
                (
                    "Luật",
                    "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ "
                    "chức chính quyền địa phương",
                    D(2019, 11, 22),
                ),
            ],
        ),
        ("Luật Quy hoạch có hiệu lực từ ngày 01/01/2019", []),
        ("Luật sư Nguyễn Văn A ngày 5/5/2020 cho biết", []),
    ],
)
def test_unnumbered_laws_and_codes(text, expected):
    titles = [
        (c.word, c.number, c.cited_date) for c in extract_citations(text) if c.kind == "title"
    ]
    if expected is None:
        assert titles == [
            ("Hiến pháp", "Hiến pháp nước Cộng hoà xã hội chủ nghĩa Việt Nam 1992", None)
        ]
    else:
        assert titles == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("chế độ theo Nghị định 116 nêu trên", ["Nghị định 116"]),
        ("ban hành Chỉ thị số 17 về việc tăng cường", ["Chỉ thị 17"]),
        ("tại Nghị định 178 năm 2024?", ["Nghị định 178/2024"]),
        ("nghiêm túc thực hiện Thông tư 15 và Quyết định 573.", ["Thông tư 15", "Quyết định 573"]),
        ("Kế hoạch 5 năm (2021 - 2025)", []),
        ("Chương trình 135 giai đoạn II", []),
        ("Thông tư 10_2016_BGD quy định", []),
        ("Quyết định 2156/QĐ-TTg ngày 25/11/2010", []),  # a full number, not a short reference
    ],
)
def test_short_references(text, expected):
    assert [c.number for c in extract_citations(text) if c.kind == "short"] == expected


# -- resolving, checking, fixing ----------------------------------------------------------------

LAW = """---
type: law
number: 45/2013/QH13
issued: 2013-11-29
title: Đất đai
issuer: Quốc hội
status: published
aliases:
  - Luật Đất đai năm 2013
---
"""
DECREE = """---
type: decree
number: {number}
issued: {issued}
title: Chính sách, chế độ đối với cán bộ
issuer: Chính phủ
status: published
---
"""
REPORT_HEAD = "---\ntype: report\ntitle: A\nstatus: draft\n---\n"


def test_an_unnumbered_law_links_by_its_title_or_an_alias(check_files):
    body = "Căn cứ Luật Đất đai ngày 29 tháng 11 năm 2013; Luật Đất đai năm 2013.\n"
    site = check_files({"luat.md": LAW, "a.md": REPORT_HEAD + body})
    assert codes(site) == []
    [document] = [d for d in site.documents if d.path.endswith("a.md")]
    [first, second] = document.citations
    assert first.kind == second.kind == "title"
    for citation in (first, second):
        assert site.registry.resolve(citation.number, on=citation.cited_date).number_text == (
            "45/2013/QH13"
        )


def test_a_wrong_date_on_an_unnumbered_law_is_caught(check_files):
    body = "Căn cứ Luật Đất đai ngày 26 tháng 11 năm 2013;\n"
    site = check_files({"luat.md": LAW, "a.md": REPORT_HEAD + body})
    assert codes(site) == ["C001"] and "29/11/2013" in site.diagnostics[0].message


def test_an_unknown_law_or_short_reference_raises_no_warning(check_files):
    body = "Căn cứ Luật Thống kê ngày 23 tháng 11 năm 2015 và Nghị định 178.\n"
    assert codes(check_files({"a.md": REPORT_HEAD + body})) == []


def test_a_short_reference_resolves_only_when_one_document_fits(check_files):
    one = DECREE.format(number="178/2024/NĐ-CP", issued="2024-12-31")
    registry = check_files({"nd.md": one}).registry
    assert registry.resolve("Nghị định 178").number_text == "178/2024/NĐ-CP"
    assert registry.resolve("Nghị định 178/2024").number_text == "178/2024/NĐ-CP"
    assert registry.resolve("Nghị định 178/2023") is None
    assert registry.resolve("Quyết định 178") is None
    other = DECREE.format(number="178/2007/NĐ-CP", issued="2007-12-03")
    registry = check_files({"nd.md": one, "nd2.md": other}).registry
    assert registry.resolve("Nghị định 178") is None  # two decrees 178: no guess
    assert registry.resolve("Nghị định 178/2024").number_text == "178/2024/NĐ-CP"


def test_case_in_the_issuer_code_names_the_same_document(check_files):
    decision = (
        "---\ntype: decision\nnumber: 1896/QĐ-TTg\nissued: 2019-12-25\ntitle: Chương trình\n"
        "issuer: Thủ tướng Chính phủ\nstatus: published\n---\n"
    )
    body = "Thực hiện Quyết định số 1896/QĐ-TTG ngày 25/12/2019 của Thủ tướng Chính phủ.\n"
    site = check_files({"qd.md": decision, "a.md": REPORT_HEAD + body})
    [d] = site.diagnostics
    assert d.code == "C004" and d.severity.value == "warning"
    assert "`1896/QĐ-TTG`" in d.message and "`1896/QĐ-TTg`" in d.message
    assert site.registry.resolve("1896/QĐ-TTG").number_text == "1896/QĐ-TTg"


def test_a_number_written_otherwise_than_registered_is_warned_at_its_line(check_files):
    body = "Mở đầu.\n\nThực hiện Kế hoạch số 74 /KH-VPUB ngày 15/12/2025 của Văn phòng.\n"
    site = check_files({"a.md": REPORT_HEAD + body})
    [d] = site.diagnostics
    assert (d.code, d.line, d.column) == ("C004", 8, 11)
    assert "`74 /KH-VPUB`" in d.message and "`74/KH-VPUB`" in d.message


def test_portal_fix_writes_cited_numbers_as_registered(make_site, capsys):
    from generator.cli import main

    body = "Thực hiện Kế hoạch số 74 /KH-VPUB ngày 15/12/2025 và Quy định số 429 - QĐ/TU.\n"
    root = make_site({"a.md": REPORT_HEAD + body})
    path = root / "content/a.md"
    assert main(["--root", str(root), "fix"]) == 1
    out = capsys.readouterr().out
    assert "+Thực hiện Kế hoạch số 74/KH-VPUB ngày 15/12/2025 và Quy định số 429-QĐ/TU." in out
    assert "74 /KH-VPUB" in path.read_text(encoding="utf-8")  # nothing written yet
    assert main(["--root", str(root), "fix", "--write"]) == 0
    assert path.read_text(encoding="utf-8") == REPORT_HEAD + body.replace(
        "74 /KH-VPUB", "74/KH-VPUB"
    ).replace("429 - QĐ/TU", "429-QĐ/TU")
    assert main(["--root", str(root), "fix"]) == 0  # nothing left to fix
    assert main(["--root", str(root), "check"]) == 0


# -- bad input: linear, and never raises --------------------------------------------------------

_ALPHABET = "0123456789/-. \n\tKHTBQĐNCPUVđgsốàngyáợệTTgxã:;,()“”" + "Жж日本ÅçÐ"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=_ALPHABET, max_size=3000))
def test_any_text_gives_citations_inside_it_and_never_raises(text):
    for citation in extract_citations(text):
        assert 0 <= citation.start <= citation.number_start < citation.number_end <= len(text)
        assert citation.start < citation.end <= len(text)


class _Counting:
    """A compiled pattern that counts how much text its bounded searches may look at."""

    def __init__(self, pattern, tally):
        self.pattern, self.tally = pattern, tally

    def __getattr__(self, name):
        method = getattr(self.pattern, name)

        def counted(string, pos=0, endpos=None):
            self.tally["calls"] += 1
            if name in ("search", "finditer"):
                # A window is either bounded by endpos or cut out of the text (folded copies).
                span = (len(string) if endpos is None else endpos) - pos
                if endpos is None and span > 1000:
                    self.tally["full scans"] += 1
                else:
                    self.tally["window"] = max(self.tally["window"], span)
            return method(string, pos) if endpos is None else method(string, pos, endpos)

        return counted


@pytest.mark.parametrize(
    "unit",
    [
        "/",  # thousands of slashes
        "1/",
        "1/A",
        "7",  # digits without end
        "Nghị định ",
        "Luật A ",
        "số 1/KH-",
        "30/2020/NĐ-CP ngày 5/3/2020; ",
        "Жж日本 QĐ/TTg 12-",  # mixed scripts
    ],
)
def test_work_grows_linearly_with_the_text(monkeypatch, unit):
    """No input makes the finder more than linear: every full scan runs a fixed number of
    times, every other search looks at a bounded window, and the number of searches grows
    no faster than the text. (Times are measured in benchmarks/, never asserted here.)"""
    import generator.citations as module

    tallies = []
    for size in (20_000, 100_000):
        tally = {"calls": 0, "window": 0, "full scans": 0}
        for name in dir(module):
            value = getattr(module, name)
            if isinstance(value, re.Pattern):
                monkeypatch.setattr(module, name, _Counting(value, tally))
        text = (unit * (size // len(unit) + 1))[:size]
        extract_citations(text)
        tallies.append(tally)
        monkeypatch.undo()
    small, large = tallies
    assert large["full scans"] == small["full scans"] <= 3
    assert large["window"] <= 300
    assert large["calls"] <= 5 * small["calls"] + 10


def test_unnumbered_laws_and_unique_short_references_join_the_graph(check_files):
    from generator.graph import Graph

    decree = DECREE.format(number="178/2024/NĐ-CP", issued="2024-12-31")
    body = "Căn cứ Luật Đất đai ngày 29 tháng 11 năm 2013 và Nghị định 178.\n"
    site = check_files({"luat.md": LAW, "nd.md": decree, "a.md": REPORT_HEAD + body})
    [report] = [d for d in site.documents if d.path.endswith("a.md")]
    cited = Graph(site.documents, site.registry).based_on(report)
    assert sorted(link.target.number_text for link in cited) == ["178/2024/NĐ-CP", "45/2013/QH13"]


_ISSUER_PIECES = st.sampled_from(
    ["của", "Của", "CỦA", " ", "  ", "\n", "\t", "\u00a0", ",", ".", ":", "(", ")", ";", "về",
     " về ", "vềx", "ban hành", " ngày", "gửi", "a", "Bộ Tài chính", "x" * 30, "Sở"]
)  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(_ISSUER_PIECES, max_size=14).map("".join), st.integers(0, 3))
def test_issuer_read_in_two_steps_is_the_lazy_regex_reading(text: str, at: int) -> None:
    from generator.citations import _ISSUER_ENDS, _OF, _issuer_after

    lazy_group = re.compile(
        rf"\s{{1,3}}{_OF}\s{{1,3}}(?P<issuer>[^\n,;.:()]{{2,80}}?)(?={_ISSUER_ENDS})"
    )
    match = lazy_group.match(text, at)
    assert _issuer_after(text, at) == (match["issuer"] if match else None)
