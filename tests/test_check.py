"""Checks across documents: series, references, dialogues and bodies, beyond the catalogue."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.bodytext import mask_code, renderable
from generator.check.body import (
    _DOUBLED,
    _MAY_PRODUCE_REMOVED,
    _REPEATED,
    _may_have_doubled_words,
    check_body,
    may_produce_removed,
)
from generator.site import read_site
from tests.conftest import codes


def doc(
    number: str,
    issued: str,
    type_: str = "plan",
    extra: str = "",
    status: str = "published",
    body: str = "",
) -> str:
    return (
        f"---\ntype: {type_}\nnumber: {number}\nissued: {issued}\ntitle: Văn bản {number}\n"
        f"status: {status}\n{extra}---\n{body}"
    )


def body_codes(body: str) -> list[tuple[str, int, int | None]]:
    return [(d.code, d.line, d.column) for d in check_body("a.md", body, 10)]


# -- numbers -------------------------------------------------------------------------------


def test_same_number_in_another_year_is_a_new_series(check_files):
    site = check_files({"a.md": doc("74/KH-VPUB", "2024-03-01")})
    assert codes(site) == []


def test_duplicate_is_reported_on_both_files(check_files):
    site = check_files({"a.md": doc("74/KH-VPUB", "2025-01-10")})
    assert sorted((d.file, d.code) for d in site.diagnostics) == [
        ("content/a.md", "N004"),
        ("content/ke-hoach-74.md", "N004"),
    ]


def test_other_types_have_their_own_series(check_files):
    assert codes(check_files({"a.md": doc("74/TB-VPUB", "2025-01-10", "notice")})) == []


def test_party_numbers_run_over_a_term(check_files):
    # 429-QĐ/TU was issued in July 2022; the term runs from October 2020 to October 2025.
    same_term = check_files({"a.md": doc("429-QĐ/TU", "2024-05-01", "regulation")})
    assert codes(same_term, "content/a.md") == ["N004"]
    next_term = check_files({"a.md": doc("429-QĐ/TU", "2026-05-01", "regulation")})
    assert codes(next_term) == []


def test_party_regulation_may_carry_qd(check_files):
    assert codes(check_files({"a.md": doc("500-QĐ/TU", "2023-01-05", "regulation")})) == []
    state = check_files({"a.md": doc("500/QĐ-UBND", "2023-01-05", "regulation")})
    assert codes(state) == ["N003"]


def test_letter_symbol_is_not_a_type(check_files):
    assert codes(check_files({"a.md": doc("1234/UBND-KT", "2025-01-05", "letter")})) == []


def test_unnumbered_published_document(check_files):
    site = check_files({"a.md": doc("/TB-VPUB", "2025-01-05", "notice")})
    assert codes(site) == ["N001"] and "chưa có số" in site.diagnostics[0].message


def test_number_with_so_prefix_unquoted_is_a_yaml_error_with_a_hint(check_files):
    site = check_files({"a.md": doc("Số: 75/KH-VPUB", "2025-12-16")})
    assert [(d.code, d.line) for d in site.diagnostics] == [("F005", 3)]
    assert "ngoặc kép" in site.diagnostics[0].message


def test_malformed_number_suggests_a_fix(check_files):
    site = check_files({"a.md": doc("Số 75/KH-VPUB", "2025-12-16")})
    assert codes(site) == ["N001"] and "`75/KH-VPUB`" in site.diagnostics[0].message


# -- references ----------------------------------------------------------------------------


def test_unresolved_reference_suggests_a_known_number_at_its_line(check_files):
    site = check_files(
        {"a.md": doc("75/KH-VPUB", "2025-12-16", extra="references:\n  - 74/KH-VPUP\n")}
    )
    [d] = site.diagnostics
    assert (d.code, d.line) == ("R001", 8) and "`74/KH-VPUB`" in d.message


def test_amends_and_replaces_must_resolve_too(check_files):
    site = check_files(
        {"a.md": doc("75/KH-VPUB", "2025-12-16", extra="replaces:\n  - 70/KH-VPUB\n")}
    )
    assert codes(site) == ["R001"] and "`replaces`" in site.diagnostics[0].message


def test_draft_may_reference_a_draft(check_files):
    site = check_files(
        {
            "a.md": doc(
                "76/KH-VPUB", "2025-12-20", status="draft", extra="references:\n  - 12/TB-VPUB\n"
            )
        }
    )
    assert codes(site) == []


def test_reference_issued_the_same_day_is_fine(check_files):
    site = check_files(
        {"a.md": doc("76/KH-VPUB", "2025-12-15", extra="references:\n  - 74/KH-VPUB\n")}
    )
    assert codes(site) == []


# -- dialogues -----------------------------------------------------------------------------


def test_petitions_may_close_the_day_before_a_dialogue_that_has_no_time(check_files):
    extra = "event:\n  start: 2025-09-26\npetitions:\n  start: 2025-08-25\n  end: 2025-09-25\n"
    assert codes(check_files({"a.md": doc("75/KH-VPUB", "2025-12-16", extra=extra)})) == []


def test_petitions_closing_on_the_dialogue_day_is_too_late(check_files):
    extra = (
        "event:\n  start: 2025-09-26 14:00\npetitions:\n  start: 2025-08-25\n  end: 2025-09-26\n"
    )
    site = check_files({"a.md": doc("75/KH-VPUB", "2025-12-16", extra=extra)})
    assert [(d.code, d.line) for d in site.diagnostics] == [("D002", 11)]


def test_event_of_one_whole_day_is_fine(check_files):
    extra = "event:\n  start: 2025-09-26\n  end: 2025-09-26\n"
    assert codes(check_files({"a.md": doc("75/KH-VPUB", "2025-12-16", extra=extra)})) == []


# -- attachments ---------------------------------------------------------------------------


def test_attachment_outside_content_is_refused(check_files):
    extra = "attachments:\n  - file: ../mkdocs.yml\n"
    site = check_files({"a.md": doc("75/KH-VPUB", "2025-12-16", extra=extra)})
    assert codes(site) == ["A001"]


# -- body ----------------------------------------------------------------------------------


def test_body_positions_are_file_lines_and_columns():
    assert body_codes("Dòng một.\nTiếp nhận kiến nghị kiến nghị.\n") == [("B002", 11, 11)]


def test_script_in_code_is_shown_not_run():
    body = "Ví dụ:\n\n```html\n<script>alert(1)</script>\n```\n\nvà `<iframe src=x>`.\n"
    assert body_codes(body) == []
    assert mask_code(body).count("\n") == body.count("\n")


def test_unsafe_html_variants():
    found = body_codes(
        '<img src=x onerror="alert(1)">\n'
        '<a href="java&#115;cript:alert(1)">x</a>\n'
        "[bấm](javascript:alert(1))\n"
        "[ref]: JavaScript:alert(1)\n"
        "<IFRAME src=//evil></IFRAME>\n"
        '<a href="https://sonla.gov.vn">ok</a>\n'
    )
    # Read off the rendered HTML: a reference definition no link uses publishes nothing.
    assert [c for c, _, _ in found] == ["B001"] * 4
    assert {line for _, line, _ in found} >= {10, 11, 14}


def test_intended_reduplication_and_numbers_are_not_doubled_words():
    assert body_codes("Người người thi đua, ngày ngày thi đua. Bảng: 1 1 2025 2025.\n") == []
    assert body_codes("các các phòng\n") == [("B002", 10, 1)]


def test_doubled_words_at_line_ends_in_brackets_and_after_punctuation():
    body = "(Kiến kiến)\nĐối thoại đối thoại:\n**nghị nghị**\nkiến\nkiến, ý kiến, kiến nghị.\n"
    assert [line for _, line, _ in body_codes(body)] == [10, 11, 12]


# Letters (both cases, with Vietnamese marks), digits, spaces and the punctuation the first
# pass knows; in such text every doubled word the precise regex finds must pass the first pass.
_TEXT = st.text(
    alphabet=st.sampled_from(list("aAkKđĐêếỆnghịNGHỊ 0 \n.,;:!?()[]\"'*_")), max_size=80
)


@given(_TEXT)
def test_the_fast_pass_never_hides_a_doubled_word(text):
    if _DOUBLED.search(text):
        assert _may_have_doubled_words(text)


def test_office_contacts_are_not_personal_data():
    assert body_codes("Gọi 0212 3852 000 hoặc gửi vanphong@sonla.gov.vn.\n") == []


def test_personal_data_variants():
    found = body_codes(
        "Gọi 0912.345.678 hoặc +84 912 345 678; thư abc@gmail.com; CCCD 001203004567.\n"
    )
    assert [c for c, _, _ in found] == ["B003"] * 4


def test_document_numbers_and_dates_are_not_personal_data():
    assert body_codes("Số 340/TB-VPUB ngày 20/8/2025; mã 2025-000000000001.\n") == []


# The markers of HTML work, found byte by byte, must be found exactly where the one regex
# over the lowered body finds them (the fast form decides whether a body is rendered at all).
_MARKUP = st.text(alphabet=st.sampled_from(list("<>]([):_-`~mdvbMDVBa đ\n")), max_size=40)


@given(_MARKUP)
def test_fast_marker_test_agrees_with_the_marker_regex(text):
    lowered = text.lower().encode()
    assert may_produce_removed(lowered) == (_MAY_PRODUCE_REMOVED.search(lowered) is not None)


@given(st.text(alphabet=st.sampled_from(list("[]`\\a \n")), max_size=300))
def test_renderable_from_byte_counts_agrees_with_the_cost(body):
    assert renderable(body, body.lower().encode()) == renderable(body)


# The one-character pre-tests (`]` before `](`, `~` before `~~~`, `<` before `<!--`, nine
# zeros before twelve) may only skip what the longer search would not have found.
_MARKED = st.text(alphabet=st.sampled_from(list("[]():=`~<!-0@ aầ\n")), max_size=60)


@given(_MARKED)
def test_one_character_pre_tests_skip_only_what_finds_nothing(body):
    from generator.bodytext import local_targets
    from generator.check.body import _personal_data_candidates, unclosed_comment

    if "`" not in body and "~~~" not in body:
        assert mask_code(body) is body
    if "](" not in body and "]:" not in body and "=" not in body:
        assert local_targets(body) == []
    if "<!--" not in body:
        assert list(unclosed_comment("a.md", body, None)) == []  # type: ignore[arg-type]
    digits = body.encode().translate(bytes.maketrans(b"123456789", b"000000000"))
    assert _personal_data_candidates(body)[2:] == (
        b"000000000000" in digits,
        b"000000000" in digits,
    )


def test_markers_of_every_kind_still_reach_the_renderer():
    for body in ("<b>x</b>", "[a](b)", "[a]: b", "a__b", "MD-x", "vb-y", "```\nx\n```", "~~~"):
        assert may_produce_removed(body.lower().encode()), body
    assert not may_produce_removed("Kế hoạch số 74/KH-VPUB - thực hiện.".lower().encode())


# The first pass tries its exact pattern only where the looser one matches: on any text of
# spaced words it must answer as one search with the exact pattern does.
_SPACED = st.lists(st.sampled_from(["a", "b", "ab", "đ", "", "a b"]), max_size=30).map(" ".join)


@given(_SPACED)
def test_the_two_step_first_pass_answers_as_the_exact_pattern(text):
    spaced = b" " + text.encode() + b" "
    assert _may_have_doubled_words(text) == (_REPEATED.search(spaced) is not None)


def test_remembered_suggestions_answer_and_note_as_the_registry_does(check_files):
    from generator.check.references import remember_suggestions

    site = check_files(
        {
            "a.md": doc("74/KH-VPUB", "2025-03-01"),
            "b.md": doc("75/KH-VPUB", "2025-03-02"),
            "c.md": doc("12/QĐ-UBND", "2025-03-03", "decision"),
        }
    )
    asked = ["74/KH-VPUV", "12/QĐ-UBDN", "999/XYZ-ABC", "74/kh-vpuv", "74/KH-VPUV"]
    plain = site.registry
    plain.asked = []
    expected = [plain.suggest(number) for number in asked]
    expected_asked = plain.asked
    remembered = read_site(site.root).registry
    remember_suggestions(remembered)
    remembered.asked = None  # asked nothing on the first call: still noted on the next
    assert remembered.suggest(asked[0]) == expected[0]
    remembered.asked = []
    assert [remembered.suggest(number) for number in asked] == expected
    assert remembered.asked == expected_asked
    assert expected[0] == "74/KH-VPUB" and expected[2] is None
