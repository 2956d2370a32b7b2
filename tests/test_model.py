"""Model: frontmatter becomes typed documents; mistakes are reported at their line."""

from __future__ import annotations

from datetime import date, time

from generator.frontmatter import read_model
from generator.load import load_bytes
from generator.model import Document, Page


def model(text: str):
    return read_model(load_bytes(text.encode(), "content/a.md"))


FULL = """---
type: notice
number: 340/TB-VPUB
issued: 2025-08-20
title: Tổ chức Hội nghị đối thoại trực tiếp năm 2025 (lần 2)
issuer: Văn phòng UBND tỉnh Sơn La
place: Sơn La
status: published
references:
  - 62/KH-VPUB
signer:
  mode: KT.
  authority: Chánh Văn phòng
  title: Phó Chánh Văn phòng
  name: Nguyễn Văn Mạnh
recipients:
  - Sở Nội vụ
topics:
  - Đối thoại trực tiếp
attachments:
  - file: ban-goc.pdf
    title: Bản ký số
  - https://example.gov.vn/van-ban.pdf
effective: 2025-08-20
validity: in-force
petitions:
  start: 2025-08-25
  end: 2025-09-15
  channels:
    - Cổng thông tin điện tử
event:
  start: 2025-09-26 14:00
  end: 2025-09-26T17:00
  location: Phòng họp 219
publish_at: 2025-08-21
summary: Thông báo thời gian, địa điểm đối thoại.
---
Nội dung.
"""


def test_every_modelled_key_is_read():
    document, diagnostics = model(FULL)
    assert diagnostics == []
    assert isinstance(document, Document)
    assert document.doctype.name == "Thông báo"
    assert document.number.serial == 340 and document.issued == date(2025, 8, 20)
    assert [r.number for r in document.references] == ["62/KH-VPUB"]
    assert document.references[0].line == 10
    assert document.signer.mode == "KT." and document.signer.name == "Nguyễn Văn Mạnh"
    assert [a.file for a in document.attachments] == [
        "ban-goc.pdf",
        "https://example.gov.vn/van-ban.pdf",
    ]
    assert document.event.start.at == time(14, 0) and document.event.end.at == time(17, 0)
    assert document.petitions.end.day == date(2025, 9, 15)
    assert document.petitions.channels == ("Cổng thông tin điện tử",)
    assert document.validity == "in-force" and document.publish_at == date(2025, 8, 21)
    assert document.body_line == 38 and document.has_text
    assert document.line_of("event.end") == 33


def test_a_page_is_not_a_document():
    page, diagnostics = model("---\ntype: page\ntitle: Giới thiệu\norder: 2\n---\nXin chào.\n")
    assert diagnostics == [] and isinstance(page, Page) and page.order == 2


def test_draft_needs_no_number_or_date():
    document, diagnostics = model(
        "---\ntype: report\nnumber: /BC-VPUB\ntitle: Kết quả\nstatus: draft\n---\n"
    )
    assert diagnostics == [] and not document.number.numbered


def test_published_needs_number_and_issued():
    _, diagnostics = model("---\ntype: plan\ntitle: Kế hoạch\nstatus: published\n---\n")
    assert sorted(d.code for d in diagnostics) == ["M005", "M005"]
    assert {"`number`" in d.message or "`issued`" in d.message for d in diagnostics} == {True}


def test_empty_required_value_counts_as_missing():
    _, diagnostics = model("---\ntype: plan\ntitle:\nstatus: draft\n---\n")
    assert [(d.code, d.line) for d in diagnostics] == [("M005", 3)]


def test_unknown_key_suggests_the_right_one():
    _, diagnostics = model(
        "---\ntype: plan\ntitle: A\nstatus: draft\nreferneces: []\nso_ky_hieu: 1/KH-VPUB\n---\n"
    )
    assert [(d.code, d.line) for d in diagnostics] == [("M002", 5), ("M002", 6)]
    assert "`references`" in diagnostics[0].message and "`number`" in diagnostics[1].message


def test_unknown_nested_key_is_reported_with_its_path():
    _, diagnostics = model("---\ntype: plan\ntitle: A\nstatus: draft\nevent:\n  locaton: X\n---\n")
    assert diagnostics[0].code == "M002" and "`event.locaton`" in diagnostics[0].message
    assert "`location`" in diagnostics[0].message


def test_key_given_twice_points_at_the_second_and_names_the_first():
    _, diagnostics = model("---\ntype: plan\ntitle: A\nstatus: draft\ntitle: B\n---\n")
    assert [(d.code, d.line) for d in diagnostics] == [("M001", 5)]
    assert "dòng 3" in diagnostics[0].message


def test_vietnamese_date_order_gets_a_hint():
    _, diagnostics = model("---\ntype: plan\ntitle: A\nstatus: draft\nissued: 5/2/2026\n---\n")
    assert diagnostics[0].code == "M003" and "`2026-02-05`" in diagnostics[0].message


def test_impossible_date_and_time():
    _, diagnostics = model(
        "---\ntype: plan\ntitle: A\nstatus: draft\nissued: 2025-02-30\nevent:\n  start: 2025-09-26 25:00\n---\n"
    )
    assert [(d.code, d.line) for d in diagnostics] == [("M004", 5), ("M004", 7)]


def test_wrong_types():
    _, diagnostics = model(
        "---\ntype: plan\ntitle:\n  - A\nstatus: draft\nreferences: 74/KH-VPUB\nsigner: Nguyễn Văn A\n---\n"
    )
    assert [(d.code, d.line) for d in diagnostics] == [("M003", 4), ("M003", 6), ("M003", 7)]
    assert "- 74/KH-VPUB" in diagnostics[1].message


def test_invalid_choice_suggests_the_closest():
    _, diagnostics = model("---\ntype: plann\ntitle: A\nstatus: publised\n---\n")
    assert [d.code for d in diagnostics] == ["M006", "M006"]
    assert "`plan`" in diagnostics[0].message and "`published`" in diagnostics[1].message


def test_citation_written_by_hand_is_the_dataclass_it_declares():
    """Citation's own __init__ (one dict update: the frozen dataclass's costs ~5 µs) takes the
    fields in their declared order with their defaults, and builds an equal, equally hashed,
    equally pickled, still frozen object."""
    import dataclasses
    import inspect
    import pickle

    from generator.model import Citation

    fields = dataclasses.fields(Citation)
    parameters = list(inspect.signature(Citation.__init__).parameters.values())[1:]
    assert [p.name for p in parameters] == [f.name for f in fields]
    for parameter, declared in zip(parameters, fields, strict=True):
        assert parameter.default == (
            inspect.Parameter.empty if declared.default is dataclasses.MISSING else declared.default
        )
    values = ("Kế hoạch số 74/KH-VPUB", "74/KH-VPUB", "Kế hoạch", None, date(2025, 1, 2))
    citation = Citation(*values, "2/1/2025", None, 3, 4, 5, 27, 17, 27, True, "number", "74")
    by_name = Citation(**{f.name: getattr(citation, f.name) for f in fields})
    assert citation == by_name and hash(citation) == hash(by_name)
    assert pickle.loads(pickle.dumps(citation)) == citation
    assert dataclasses.replace(citation, line=9).line == 9
    try:
        citation.line = 1  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("Citation must stay frozen")
    assert Citation("a", "b", None, None, None, None, None, 1, 1, 0, 1, 0, 1).kind == "number"


def test_dates_read_by_the_fast_path_and_the_full_one_agree():
    for value, expected in (("2025-08-20", date(2025, 8, 20)), (" 2025-08-20 ", date(2025, 8, 20))):
        document, diagnostics = read_model(
            load_bytes(
                f"---\ntype: plan\ntitle: A\nstatus: draft\nissued: {value}\n---\n".encode(), "a.md"
            )
        )
        assert diagnostics == [] and document.issued == expected
    for value, code in (("2025-02-30", "M004"), ("20/8/2025", "M003"), ("2025-8-20", "M003")):
        _, diagnostics = read_model(
            load_bytes(
                f"---\ntype: plan\ntitle: A\nstatus: draft\nissued: {value}\n---\n".encode(), "a.md"
            )
        )
        assert [d.code for d in diagnostics] == [code], value
