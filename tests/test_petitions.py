"""Petitions: the P rules, the personal-data patterns, the deadline and the configuration."""

from __future__ import annotations

from datetime import date

import pytest

from generator.check.body import find_personal_data
from generator.cli import main
from generator.petitions import PetitionConfig, add_working_days, load_config
from generator.rules import _PETITION
from tests.conftest import codes

PATH = "content/kien-nghi.md"


def petition(old: str = "", new: str = "") -> str:
    return _PETITION.replace(old, new) if old else _PETITION


# -- personal data (P003) ------------------------------------------------------------------

POSITIVES = [
    "ông Nguyễn Văn Hùng",
    "Ông Lò Văn Pọm ở bản Hụm",
    "bà Cầm Thị Mai",
    "Bà Trần Thị Lan phản ánh",
    "anh Quàng Văn Tuấn",
    "chị Lường Thị Hoa",
    "cô Hà Thị Thu",
    "chú Tòng Văn Xanh",
    "bác Vì Văn Sơn",
    "cụ Điêu Chính Tơi",
    "cháu Mùa A Dính",
    "chị Mai gọi điện",
    "ông Hùng",
    "0912 345 678",
    "0912345678",
    "0987.654.321",
    "+84 912 345 678",
    "0356-789-123",
    "0212 3852 123",
    "02123852123",
    "nguyenvana@gmail.com",
    "hoa.lt@yahoo.com.vn",
    "tuan_lv@sonla.gov.vn",
    "a.b+c@company.vn",
    "CCCD số 014098001234",
    "số định danh 001203004567.",
    "CMND 050123456",
    "số 123456789 cấp ngày",
    "số nhà 12, tổ 3",
    "Nhà số 45A",
    "SN 17/2",
    "ngõ 45 đường Tô Hiệu",
    "hẻm 7",
    "số 25 đường Trường Chinh",
    "12 phố Lò Văn Giá",
    "120/4 Đường Lê Duẩn",
]

NEGATIVES = [
    "ngày 20/8/2025",
    "ngày 26 tháng 9 năm 2025",
    "2025-09-26 14:00",
    "Thông báo số 340/TB-VPUB",
    "Nghị định 30/2020/NĐ-CP",
    "Quy định 429-QĐ/TU",
    "Quyết định 834/QĐ-UBND",
    "150.000.000 đồng",
    "150000000 đồng",
    "1.234.567.890 đồng",
    "anh hùng lao động",
    "Anh hùng lực lượng vũ trang nhân dân",
    "chị em phụ nữ",
    "Bà Rịa - Vũng Tàu",
    "tỉnh Bà Rịa",
    "ông bà tổ tiên",
    "Ông bà ta có câu",
    "Ông/Bà có ý kiến",
    "các ông, các bà",
    "Học tập và làm theo tấm gương Bác Hồ",
    "ông Chủ tịch UBND xã",
    "bà Phó Giám đốc Sở",
    "anh em trong cơ quan",
    "cô giáo, thầy giáo",
    "chú bộ đội",
    "huyện Cô Tô",
    "đường Bà Triệu",
    "2 đường dây nóng",
    "Quốc lộ 6 đoạn qua phường",
    "Phòng họp 219, Tầng 2",
    "Điều 5 Luật Tiếp công dân",
    "15 ngày làm việc",
    "tổng số 1.250 kiến nghị",
    "mã hồ sơ 000.00.23.H48-251009-0001",
    "tiếng Anh và tiếng Pháp",
    "Bà mẹ Việt Nam anh hùng",
]


@pytest.mark.parametrize("text", POSITIVES)
def test_personal_data_is_found(text):
    assert list(find_personal_data(f"Nội dung: {text} ở đây.", everything=True)), text


@pytest.mark.parametrize("text", NEGATIVES)
def test_ordinary_text_is_not_personal_data(text):
    assert list(find_personal_data(f"Nội dung: {text} ở đây.", everything=True)) == []


def test_office_mailbox_is_an_address_in_a_petition_but_not_in_any_body():
    # In a petition file every mailbox is an address to remove; elsewhere (B003) only
    # personal mailboxes are flagged.
    text = "Gửi tới vanphong@sonla.gov.vn."
    assert list(find_personal_data(text, everything=True))
    assert list(find_personal_data(text)) == []


def test_enough_real_shaped_examples():
    assert len(POSITIVES) >= 30 and len(NEGATIVES) >= 30


def test_personal_data_in_frontmatter_comment_is_an_error_with_its_line(check_files):
    text = petition("channel: hotline", "channel: hotline  # gọi từ 0912 345 678")
    site = check_files({"kien-nghi.md": text})
    found = [d for d in site.diagnostics if d.code == "P003"]
    assert len(found) == 1 and found[0].line == 6 and found[0].severity.value == "error"
    assert "B003" not in codes(site, PATH)


def test_personal_data_in_answer_is_p003_not_b003(check_files):
    answer = "Đã gọi lại số 0912 345 678 và gặp bà Lò Thị Hoa. Kết quả được trả"
    site = check_files({"kien-nghi.md": petition("Kết quả được trả", answer)})
    assert codes(site, PATH) == ["P003", "P003"]  # the phone number is not also a B003
    assert {d.line for d in site.diagnostics} == {14}


def test_b003_is_unchanged_outside_petitions(check_files):
    plan = "---\ntype: page\ntitle: Giới thiệu\nstatus: published\n---\nGặp ông Nguyễn Văn A.\n"
    assert codes(check_files({"trang.md": plan}), "content/trang.md") == []


# -- dates and deadline ------------------------------------------------------------------


def test_working_days_skip_weekends():
    # Friday 2025-09-05 + 1 working day is Monday 2025-09-08.
    assert add_working_days(date(2025, 9, 5), 1) == date(2025, 9, 8)
    assert add_working_days(date(2025, 9, 1), 15) == date(2025, 9, 22)


def test_overdue_warning_names_the_deadline(check_files):
    text = petition("state: answered\nanswered: 2025-12-22\nanswer_by: 74/KH-VPUB\n", "")
    text = text.replace("received: 2025-12-16", "received: 2025-09-01")
    text = text.replace("question:", "state: processing\nquestion:").rsplit("---\n", 1)[0]
    site = check_files({"kien-nghi.md": text + "---\n"})
    found = [d for d in site.diagnostics if d.code == "P005"]
    assert len(found) == 1 and "22/9/2025" in found[0].message
    assert found[0].severity.value == "warning"


def test_forwarded_petition_is_not_overdue(check_files):
    text = petition("state: answered\nanswered: 2025-12-22\nanswer_by: 74/KH-VPUB\n", "")
    text = text.replace("question:", "state: forwarded\nquestion:").replace(
        "received: 2025-12-16", "received: 2025-01-02"
    )
    assert "P005" not in codes(check_files({"kien-nghi.md": text}), PATH)


def test_deadline_days_come_from_mkdocs_yml(make_site):
    root = make_site({})
    (root / "mkdocs.yml").write_text(
        "site_name: Thử\nplugins:\n  - search\n  - portal:\n      petition_deadline_days: 30\n"
        "      petition_areas: [Đất đai, Khác]\n",
        encoding="utf-8",
    )
    config = load_config(root)
    assert config.deadline_days == 30 and config.areas == ("Đất đai", "Khác")


def test_unreadable_mkdocs_yml_gives_defaults(make_site):
    root = make_site({})
    (root / "mkdocs.yml").write_text("site_name: [unclosed\n", encoding="utf-8")
    assert load_config(root) == PetitionConfig()


def test_area_list_is_configurable(make_site):
    root = make_site({"kien-nghi.md": petition("area: Thủ tục hành chính", "area: Giao thông")})
    from generator.site import read_site

    assert "P004" in codes(read_site(root), PATH)
    (root / "mkdocs.yml").write_text(
        "site_name: Thử\nplugins:\n  - portal:\n      petition_areas: [Giao thông]\n",
        encoding="utf-8",
    )
    assert "P004" not in codes(read_site(root), PATH)


# -- other rules -------------------------------------------------------------------------


def test_answered_without_answer_text(check_files):
    text = petition().rsplit("---\n", 1)[0] + "---\n"
    site = check_files({"kien-nghi.md": text})
    assert codes(site, PATH) == ["P001"]


def test_petition_needs_no_number_or_issue_date(check_files):
    assert codes(check_files({"kien-nghi.md": petition()}), PATH) == []


def test_answer_by_a_draft_is_reported(check_files):
    text = petition("answer_by: 74/KH-VPUB", "answer_by: 12/TB-VPUB")
    assert "P007" in codes(check_files({"kien-nghi.md": text}), PATH)


def test_wrong_channel_is_reported_with_a_hint(check_files):
    site = check_files({"kien-nghi.md": petition("channel: hotline", "channel: hotlne")})
    found = [d for d in site.diagnostics if d.file == PATH]
    assert [d.code for d in found] == ["M006"] and "hotline" in found[0].message


def test_explain_p003(capsys):
    assert main(["explain", "P003"]) == 0
    assert "Nghị định 13/2023" in capsys.readouterr().out


def test_petition_keys_elsewhere_are_unknown_keys(check_files):
    plan = (
        "---\ntype: plan\nnumber: 76/KH-VPUB\nissued: 2025-12-20\ntitle: Kế hoạch thử\n"
        "status: published\nstate: answered\n---\nNội dung.\n"
    )
    site = check_files({"kh.md": plan})
    assert codes(site, "content/kh.md") == ["M002"]


def test_empty_keys_of_a_new_petition_are_pointed_at(check_files):
    text = petition("channel: hotline", "channel:")
    found = [d for d in check_files({"kien-nghi.md": text}).diagnostics if d.file == PATH]
    assert [(d.code, d.line) for d in found] == [("P006", 6)]


def test_portal_new_petition_writes_a_record_without_personal_data(make_site, capsys):
    root = make_site({})
    assert main(["--root", str(root), "new", "petition", "--title", "Hỏi về hồ sơ"]) == 0
    path = root / capsys.readouterr().out.strip().splitlines()[0]
    text = path.read_text(encoding="utf-8")
    assert path.parent.parent.name == "kien-nghi" and "type: petition" in text
    assert "state: received" in text and "number:" not in text
    from generator.site import read_site

    found = codes(read_site(root), path.relative_to(root).as_posix())
    assert set(found) == {"P006"}  # channel, area and question are the editor's to fill


def test_portal_diff_lists_answered_petitions(make_site):
    from generator.diff import public_pages

    root = make_site({"kien-nghi.md": petition()})
    pages = public_pages(root, date(2026, 1, 31))
    assert any(url.startswith("hoi-dap/2025/kien-nghi/") for url in pages)
    root_unanswered = make_site({"kien-nghi.md": petition("state: answered", "state: processing")})
    assert not any(
        url.startswith("hoi-dap/") for url in public_pages(root_unanswered, date(2026, 1, 31))
    )


def test_a_petition_is_checked_whole_from_the_bytes_read_once(tmp_path, monkeypatch):
    """P003 reads the file as it was read for everything else, never a second time: a file
    changed or replaced (by a pipe, a huge file) in between must not be what is checked."""
    from pathlib import Path

    from generator.site import read_file

    path = tmp_path / "kien-nghi.md"
    text = petition("channel: hotline", "channel: hotline  # gọi từ 0912 345 678")
    path.write_text(text, encoding="utf-8")

    def refused(*args, **kwargs):
        raise AssertionError("the petition was read a second time")

    monkeypatch.setattr(Path, "read_bytes", refused)
    monkeypatch.setattr(Path, "read_text", refused)
    _, diagnostics = read_file(str(path), "content/kien-nghi.md")
    found = [d for d in diagnostics if d.code == "P003"]
    assert len(found) == 1 and found[0].line == 6
