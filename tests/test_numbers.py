"""Số ký hiệu: the three printed forms, drafts without a number, and corrections."""

from __future__ import annotations

import pytest

from generator.numbers import Form, number_key, parse_number, read_number, suggest_number


@pytest.mark.parametrize(
    ("text", "form", "serial", "symbol", "issuer", "year"),
    [
        ("340/TB-VPUB", Form.STATE, 340, "TB", "VPUB", None),
        ("05/KH-VPUB", Form.STATE, 5, "KH", "VPUB", None),
        ("834/QĐ-UBND", Form.STATE, 834, "QĐ", "UBND", None),
        ("12/CTr-VPUB", Form.STATE, 12, "CTr", "VPUB", None),
        ("429-QĐ/TU", Form.PARTY, 429, "QĐ", "TU", None),
        ("09-HD/BDVTU", Form.PARTY, 9, "HD", "BDVTU", None),
        ("30/2020/NĐ-CP", Form.LEGAL, 30, "NĐ", "CP", 2020),
        ("/TB-VPUB", Form.STATE, None, "TB", "VPUB", None),
    ],
)
def test_parses_each_printed_form(text, form, serial, symbol, issuer, year):
    number = parse_number(text)
    assert number is not None
    assert (number.form, number.serial, number.symbol, number.issuer, number.year) == (
        form,
        serial,
        symbol,
        issuer,
        year,
    )


def test_nfd_input_parses_like_nfc():
    assert parse_number("429-Q\u0110/TU") == parse_number("429-QĐ/TU")
    assert parse_number("834/QĐ-UBND".replace("Đ", "D\u0335")) is None  # not a real Đ


@pytest.mark.parametrize("text", ["340 /TB-VPUB", "340/tb-vpub", "Số: 340/TB-VPUB", "TB-340", ""])
def test_rejects_malformed_numbers(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("340 / TB-VPUB", "340/TB-VPUB"),
        ("Số: 340/TB-VPUB", "340/TB-VPUB"),
        ("12/ctr-vpub", "12/CTr-VPUB"),
        ("429 - QĐ/TU", "429-QĐ/TU"),
        ("hello", None),
    ],
)
def test_suggests_the_obvious_correction(text, fixed):
    assert suggest_number(text) == fixed


@pytest.mark.parametrize(
    ("text", "form", "serial", "digits", "symbol", "issuer", "year"),
    [
        # Laws of the National Assembly name no type: Luật Quy hoạch 21/2017/QH14.
        ("21/2017/QH14", Form.LEGAL, 21, "21", "", "QH14", 2017),
        ("76/2025/UBTVQH15", Form.LEGAL, 76, "76", "", "UBTVQH15", 2025),
        ("1896/QĐ-TTg", Form.STATE, 1896, "1896", "QĐ", "TTg", None),
        ("30c/NQ-CP", Form.STATE, 30, "30c", "NQ", "CP", None),
        ("01/2023/NQLT-CP-ĐCTUBTƯMTTQVN", Form.LEGAL, 1, "01", "NQLT", "CP-ĐCTUBTƯMTTQVN", 2023),
        ("13-NQ/TƯ", Form.PARTY, 13, "13", "NQ", "TƯ", None),
        ("01-QĐi/UBKTTW", Form.PARTY, 1, "01", "QĐi", "UBKTTW", None),
        ("146/TT.HĐND", Form.STATE, 146, "146", "TT", "HĐND", None),
        ("16/2013/TTLT-BYT-BNN&PTNT", Form.LEGAL, 16, "16", "TTLT", "BYT-BNN&PTNT", 2013),
    ],
)
def test_parses_what_registers_print(text, form, serial, digits, symbol, issuer, year):
    number = parse_number(text)
    assert number is not None
    assert (number.form, number.serial, number.digits, number.symbol, number.issuer) == (
        form,
        serial,
        digits,
        symbol,
        issuer,
    )
    assert number.year == year


@pytest.mark.parametrize("text", ["99/2021/ABC", "21/2017/QH", "30/2020/NĐCP", "1/2/3"])
def test_a_year_and_a_bare_code_is_no_number(text):
    assert parse_number(text) is None


# Each number below is quoted from a real public text (benchmarks/citations/eval.txt gives the
# address) or from issue 15: how it was written, and how its register spells it.
@pytest.mark.parametrize(
    ("written", "registered", "strict"),
    [
        ("30/2020/NĐ-CP", "30/2020/NĐ-CP", True),
        ("19/CT-TTG", "19/CT-TTg", True),  # a heading in capitals
        ("21/2017/QH14", "21/2017/QH14", True),
        ("126/SKHĐT", "126/SKHĐT", False),  # no hyphen: a type word must come first
        ("285/CCTTHC", "285/CCTTHC", False),
        ("61/2018/NĐCP", "61/2018/NĐ-CP", False),
        ("30c/NQCP", "30c/NQ-CP", False),
        ("2927 -TB/TU", "2927-TB/TU", False),
        ("84 QĐ/TWĐTN", "84-QĐ/TWĐTN", False),
        ("100 - KL/TW", "100-KL/TW", False),
        ("15KH/ĐTNK-BTG", "15-KH/ĐTNK-BTG", False),
        ("30/2020/NĐ-\nCP", "30/2020/NĐ-CP", False),
        ("13/2013/ TT- BYT", "13/2013/TT-BYT", False),
        ("22 /2023/TT-BYT", "22/2023/TT-BYT", False),
        ("02/KH/CCB-VSP", "02/KH-CCB-VSP", False),
        ("1018/2011/NQ/UBTVQH12", "1018/2011/NQ-UBTVQH12", False),
        ("183/2010/TTLT/BTC-BNN", "183/2010/TTLT-BTC-BNN", False),
        ("30/2020/nđ-cp", "30/2020/NĐ-CP", False),
        ("01/1999/QĐ.UB", "01/1999/QĐ.UB", True),
        ("60/NQ-TW", "60-NQ/TW", False),  # no state body signs as TW
    ],
)
def test_reads_numbers_as_officials_write_them(written, registered, strict):
    found = read_number(written + " ngày", 0)
    assert found is not None
    assert (found.written, found.registered, found.strict) == (written, registered, strict)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("70-TB/TWngày 5", "70-TB/TW"),  # a glued word is not part of the code
        ("35-NQ/TWvề", "35-NQ/TW"),
        ("363/2011/NQ-HĐNDNGÀY 18/3", "363/2011/NQ-HĐND"),
        ("05/KH-VPUB - Sở Nội vụ", "05/KH-VPUB"),  # the next phrase is not the issuer's
        ("05/KH-VPUB\n- Như trên;", "05/KH-VPUB"),
    ],
)
def test_a_number_ends_where_the_code_ends(text, number):
    assert read_number(text, 0).registered == number


@pytest.mark.parametrize("text", ["10/14 xã", "5.775/8.227 xã", "20/10/1930", "5 xã/phường"])
def test_fractions_and_dates_are_no_numbers(text):
    assert read_number(text, 0) is None


def test_number_key_ignores_case_spaces_and_the_eth_lookalike():
    assert number_key("1896/QĐ-TTG") == number_key("1896/QĐ-TTg")
    assert number_key(" 74/KH-VPUB ") == number_key("74/KH-VPUB")
    assert number_key("17/2006/Q\u00d0-BTNMT") == number_key("17/2006/QĐ-BTNMT")


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("2927 -TB/TU", "2927-TB/TU"),
        ("61/2018/NĐCP", "61/2018/NĐ-CP"),
    ],
)
def test_suggests_the_registered_spelling(text, fixed):
    assert suggest_number(text) == fixed
