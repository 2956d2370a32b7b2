"""`portal digest`: the monthly summary of petitions, as a draft report and a Word file."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from generator.cli import main
from generator.digest import period_of

PETITION = """---
type: petition
title: {title}
status: published
received: {received}
channel: {channel}
area: {area}
question: Nội dung {title}.
state: {state}
{extra}---
{body}"""


def _petition(title, received, channel="hotline", area="Đất đai", state="processing", **kw):
    answered = kw.get("answered")
    extra = f"answered: {answered}\nanswer_by: 74/KH-VPUB\n" if answered else ""
    body = "Đã trả lời theo kế hoạch.\n" if answered else ""
    return PETITION.format(
        title=title,
        received=received,
        channel=channel,
        area=area,
        state=state,
        extra=extra,
        body=body,
    )


FIXTURE = {
    # before the period: received 2025-12-05, answered in it
    "kn-01.md": _petition("Kiến nghị một", "2025-12-05", state="answered", answered="2025-12-22"),
    # in the period (20/12/2025 to 19/01/2026)
    "kn-02.md": _petition(
        "Kiến nghị hai",
        "2025-12-20",
        channel="email",
        area="Xây dựng",
        state="answered",
        answered="2026-01-05",
    ),
    "kn-03.md": _petition("Kiến nghị ba", "2025-12-22", channel="email", state="forwarded"),
    "kn-04.md": _petition("Kiến nghị bốn", "2026-01-19", channel="portal"),
    # received 2025-11-03: deadline 24/11/2025, still processing: overdue
    "kn-05.md": _petition("Kiến nghị năm", "2025-11-03", area="Khác"),
    # after the period
    "kn-06.md": _petition("Kiến nghị sáu", "2026-01-20"),
}


def test_period_runs_from_the_20th_to_the_19th():
    assert period_of("2026-01") == (date(2025, 12, 20), date(2026, 1, 19))
    assert period_of("2025-03") == (date(2025, 2, 20), date(2025, 3, 19))


@pytest.fixture
def root(make_site) -> Path:
    return make_site(FIXTURE)


def _digest(root: Path, *args: str) -> int:
    return main(["--root", str(root), "digest", *args])


def test_counts_and_lists_against_the_fixture(root, capsys):
    assert _digest(root, "--month", "2026-01") == 0
    out = capsys.readouterr().out
    assert "tiếp nhận 3, trả lời 2, chuyển 1, quá hạn 1" in out
    report = (root / "content/van-ban/2026/bao-cao-kien-nghi-2026-01.md").read_text("utf-8")
    assert "status: draft" in report and "number: /BC-VPUB" in report
    assert "Phòng Tổ chức - Hành chính - Quản trị" in report
    assert "| Thư điện tử | 2 |" in report and "| Cổng Dịch vụ công quốc gia | 1 |" in report
    assert "| Đất đai | 2 |" in report and "| Xây dựng | 1 |" in report
    assert "| Đang xử lý | 1 |" in report and "| Đã chuyển cơ quan có thẩm quyền | 1 |" in report
    answered = report.split("2\\. Kiến nghị đã trả lời")[1].split("3\\.")[0]
    assert "kn-01" in answered and "kn-02" in answered and "theo 74/KH-VPUB" in answered
    overdue = report.split("4\\. Kiến nghị quá hạn")[1]
    assert "kn-05" in overdue and "24/11/2025" in overdue and "kn-04" not in overdue
    assert "kn-06" not in report
    # The draft passes the checker like any document an editor writes.
    assert main(["--root", str(root), "check"]) == 0


def test_from_and_to_override_the_period(root, capsys):
    assert _digest(root, "--month", "2026-01", "--from", "2026-01-01", "--to", "2026-01-31") == 0
    assert "tiếp nhận 2, trả lời 1, chuyển 0, quá hạn 1" in capsys.readouterr().out


def test_a_second_run_changes_nothing_and_an_edited_report_is_never_overwritten(root, capsys):
    assert _digest(root, "--month", "2026-01", "--format", "docx") == 0
    report = root / "content/van-ban/2026/bao-cao-kien-nghi-2026-01.md"
    word = root / "bao-cao/bao-cao-kien-nghi-2026-01.docx"
    first = (report.read_bytes(), word.read_bytes())
    assert _digest(root, "--month", "2026-01", "--format", "docx") == 0
    assert "đã có, không thay đổi" in capsys.readouterr().out
    assert (report.read_bytes(), word.read_bytes()) == first
    report.write_text(report.read_text("utf-8") + "Ý kiến bổ sung.\n", encoding="utf-8")
    assert _digest(root, "--month", "2026-01") == 1
    assert "không ghi đè" in capsys.readouterr().err
    assert report.read_text("utf-8").endswith("Ý kiến bổ sung.\n")


def test_the_word_file_follows_decree_30(root):
    from docx import Document as Word
    from docx.shared import Mm

    assert _digest(root, "--month", "2026-01", "--format", "docx") == 0
    word = Word(str(root / "bao-cao/bao-cao-kien-nghi-2026-01.docx"))
    section = word.sections[0]
    assert (round(section.page_width / Mm(1)), round(section.page_height / Mm(1))) == (210, 297)
    assert 20 <= round(section.top_margin / Mm(1)) <= 25
    assert 20 <= round(section.bottom_margin / Mm(1)) <= 25
    assert 30 <= round(section.left_margin / Mm(1)) <= 35
    assert 15 <= round(section.right_margin / Mm(1)) <= 20
    normal = word.styles["Normal"].font
    assert normal.name == "Times New Roman" and 13 <= normal.size.pt <= 14
    header = word.tables[0]
    left, right = (cell.text for cell in header.rows[0].cells)
    assert left.splitlines() == ["ỦY BAN NHÂN DÂN TỈNH SƠN LA", "VĂN PHÒNG", "Số:      /BC-VPUB"]
    assert right.splitlines()[:2] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert right.splitlines()[2].startswith("Sơn La, ngày")
    texts = [p.text for p in word.paragraphs]
    assert "BÁO CÁO" in texts and any(t.startswith("Tổng hợp kiến nghị") for t in texts)
    assert "Phòng Tổ chức - Hành chính - Quản trị" in word.tables[-1].rows[0].cells[0].text
    # The Word file is not in content/: a draft's Word file must not be published.
    assert not list((root / "content").rglob("*.docx"))


@pytest.mark.parametrize("month", ["2026-13", "2026-1", "tháng 1"])
def test_a_wrong_month_is_a_usage_error(root, month, capsys):
    assert _digest(root, "--month", month) == 2
    assert "YYYY-MM" in capsys.readouterr().err


def test_a_period_that_ends_before_it_starts(root, capsys):
    assert _digest(root, "--month", "2026-01", "--from", "2026-02-01") == 2
    assert "trước khi bắt đầu" in capsys.readouterr().err


@pytest.mark.parametrize("directory_urls", [True, False])
def test_links_to_answers_follow_the_site_s_url_scheme(root, directory_urls):
    config = root / "mkdocs.yml"
    setting = "" if directory_urls else "use_directory_urls: false\n"
    config.write_text(
        config.read_text(encoding="utf-8") + "site_url: https://example.gov.vn/\n" + setting,
        encoding="utf-8",
    )
    assert _digest(root, "--month", "2026-01") == 0
    report = (root / "content/van-ban/2026/bao-cao-kien-nghi-2026-01.md").read_text("utf-8")
    links = re.findall(r"\]\((https://example\.gov\.vn/[^)]*)\)", report)
    assert links
    for link in links:
        assert link.endswith("/" if directory_urls else ".html"), link
