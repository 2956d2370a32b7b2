"""Số ký hiệu: the three printed forms, drafts without a number, and corrections."""

from __future__ import annotations

import pytest

from generator.numbers import Form, parse_number, suggest_number


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
