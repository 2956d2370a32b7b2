"""Số, ký hiệu: parsing the number and symbol of a document as printed (Nghị định 30/2020)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache


class Form(str, Enum):
    STATE = "state"  # 340/TB-VPUB
    PARTY = "party"  # 429-QĐ/TU
    LEGAL = "legal"  # 30/2020/NĐ-CP: normative documents carry their year


_SYMBOL = r"[A-ZĐ][A-Za-zĐđ]*"
_ISSUER = r"[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ0-9]+)*"
_STATE = re.compile(rf"(?P<serial>[0-9]*)/(?P<symbol>{_SYMBOL})-(?P<issuer>{_ISSUER})")
_PARTY = re.compile(rf"(?P<serial>[0-9]*)-(?P<symbol>{_SYMBOL})/(?P<issuer>{_ISSUER})")
_LEGAL = re.compile(
    rf"(?P<serial>[0-9]+)/(?P<year>[0-9]{{4}})/(?P<symbol>{_SYMBOL})-(?P<issuer>{_ISSUER})"
)


@dataclass(frozen=True)
class DocNumber:
    """A parsed số ký hiệu. ``serial`` is None for a draft not numbered yet ("Số: /TB-VPUB")."""

    text: str
    form: Form
    serial: int | None
    digits: str  # the serial as printed, to see a missing leading zero
    symbol: str  # type abbreviation (KH, TB...); for a công văn, the issuer
    issuer: str
    year: int | None = None  # only the legal form prints its year

    @property
    def numbered(self) -> bool:
        return self.serial is not None


@lru_cache(maxsize=8192)
def parse_number(text: str) -> DocNumber | None:
    """Parse a number exactly as printed; None when it follows none of the three forms.

    Cached: an archive cites the same few hundred numbers thousands of times over.
    """
    text = unicodedata.normalize("NFC", text)
    if m := _LEGAL.fullmatch(text):
        return DocNumber(
            text,
            Form.LEGAL,
            int(m["serial"]),
            m["serial"],
            m["symbol"],
            m["issuer"],
            int(m["year"]),
        )
    for form, pattern in ((Form.STATE, _STATE), (Form.PARTY, _PARTY)):
        if m := pattern.fullmatch(text):
            digits = m["serial"]
            return DocNumber(
                text, form, int(digits) if digits else None, digits, m["symbol"], m["issuer"]
            )
    return None


def suggest_number(text: str) -> str | None:
    """A corrected spelling of a malformed number, when one is obvious (spaces, "Số:", case)."""
    candidate = unicodedata.normalize("NFC", text)
    candidate = re.sub(r"^\s*(?:số|Số|SỐ)\s*:?\s*", "", candidate)
    candidate = re.sub(r"\s+", "", candidate)
    if parse_number(candidate):
        return candidate
    # Upper-case everything except the mixed-case symbols the decree itself prints (CTr, QyĐ...).
    upper = candidate.upper()
    for mixed in ("CTr", "QyĐ", "TTr", "QĐi"):
        upper = upper.replace(mixed.upper(), mixed)
    if parse_number(upper):
        return upper
    return None


def number_key(text: str) -> str:
    """How numbers are compared: NFC, no surrounding spaces; case is significant (CTr)."""
    return unicodedata.normalize("NFC", text).strip()
