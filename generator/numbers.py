"""Số, ký hiệu: the one grammar of document numbers, as registered and as officials write them.

Nghị định 30/2020/NĐ-CP prints a number three ways: state `340/TB-VPUB`, Party `429-QĐ/TU`,
normative `30/2020/NĐ-CP` (laws: `21/2017/QH14`). ``parse_number`` reads a number exactly as
registered (frontmatter); ``read_number`` reads one as it is written in running text, where
officials drop hyphens, add spaces, slashes and line breaks, glue words on, or write the issuer
code in another case, and gives its registered spelling. Both use the same tokens below, so the
grammar is defined once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from generator.patterns import lazy

# Vietnamese capitals other than Đ occur in issuer codes: UBTƯMTTQVN, /TƯ.
UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LOWER = UPPER.lower()
# The only mixed-case tokens the registers print: Thủ tướng (TTg), Chương trình (CTr), Tờ trình
# (TTr), Quy định (QyĐ; QĐi of the Party's inspection committees). Any other case is a slip:
# `QĐ-TTG`, `nđ-cp` are the same documents.
MIXED = ("TTg", "CTr", "TTr", "QyĐ", "QĐi")
_MIXED_BY_UPPER = {m.upper(): m for m in MIXED}

# A token of a symbol or issuer code. Lengths are bounded so that no input, however long its
# run of letters, makes a match attempt longer than a few dozen characters.
_TOKEN_STRICT = rf"(?:{'|'.join(MIXED)}|[{UPPER}][{UPPER}0-9&]{{0,19}})"
_CHAIN_STRICT = rf"{_TOKEN_STRICT}(?:[-.]{_TOKEN_STRICT}){{0,7}}"
# Digits are spelled [0-9], not \d: \d also matches fullwidth and Arabic-Indic digits, which
# would give different numbers one address (N007 reports them).
_SERIAL = r"(?P<serial>[0-9]{1,5})(?P<suffix>[a-z]?)"
_STATE = lazy(rf"(?:{_SERIAL})?/(?P<symbol>{_TOKEN_STRICT})[-.](?P<issuer>{_CHAIN_STRICT})")
_PARTY = lazy(rf"(?:{_SERIAL})?-(?P<symbol>{_TOKEN_STRICT})/(?P<issuer>{_CHAIN_STRICT})")
_LEGAL = lazy(
    rf"{_SERIAL}/(?P<year>[0-9]{{4}})/(?:(?P<symbol>{_TOKEN_STRICT})[-.])?(?P<issuer>{_CHAIN_STRICT})"
)
# Laws and resolutions of the National Assembly and its Standing Committee name no type:
# 21/2017/QH14, 76/2025/UBTVQH15. Any other bare code after a year lacks its hyphen (NĐCP).
_ASSEMBLY = lazy(r"(?:UBTV)?QH[0-9]{1,2}")


class Form(str, Enum):
    STATE = "state"  # 340/TB-VPUB
    PARTY = "party"  # 429-QĐ/TU
    LEGAL = "legal"  # 30/2020/NĐ-CP: normative documents carry their year


@dataclass(frozen=True)
class DocNumber:
    """A parsed số ký hiệu. ``serial`` is None for a draft not numbered yet ("Số: /TB-VPUB")."""

    text: str
    form: Form
    serial: int | None
    digits: str  # the serial as printed, to see a missing leading zero: "5", "30c"
    symbol: str  # type abbreviation (KH, TB...); for a công văn, the issuer; "" for QH14
    issuer: str
    year: int | None = None  # only the legal form prints its year

    @property
    def numbered(self) -> bool:
        return self.serial is not None


@lru_cache(maxsize=8192)
def parse_number(text: str) -> DocNumber | None:
    """Parse a number exactly as registered; None when it follows none of the three forms.

    Cached: an archive cites the same few hundred numbers thousands of times over.
    """
    text = unicodedata.normalize("NFC", text)
    if m := _LEGAL.fullmatch(text):
        if m["symbol"] is None and not _ASSEMBLY.fullmatch(m["issuer"]):
            return None
        return DocNumber(
            text,
            Form.LEGAL,
            int(m["serial"]),
            m["serial"] + m["suffix"],
            m["symbol"] or "",
            m["issuer"],
            int(m["year"]),
        )
    for form, pattern in ((Form.STATE, _STATE), (Form.PARTY, _PARTY)):
        if m := pattern.fullmatch(text):
            digits = (m["serial"] or "") + (m["suffix"] or "")
            serial = int(m["serial"]) if m["serial"] else None
            return DocNumber(text, form, serial, digits, m["symbol"], m["issuer"])
    return None


def suggest_number(text: str) -> str | None:
    """A corrected spelling of a malformed number, when one is obvious (spaces, "Số:", case)."""
    candidate = unicodedata.normalize("NFC", text)
    candidate = re.sub(r"^\s*(?:số|Số|SỐ)\s*:?\s*", "", candidate)
    candidate = re.sub(r"\s+", "", candidate)
    if parse_number(candidate):
        return candidate
    found = read_number(candidate, 0)
    if found is not None and found.end == len(candidate) and parse_number(found.registered):
        return found.registered
    return None


@lru_cache(maxsize=65536)
def number_key(text: str) -> str:
    """How numbers are compared: NFC, no spaces, any case (`QĐ-TTG` is `QĐ-TTg`; CTr's case
    tells nothing apart, as no register has both `CTR` and `CTr`).

    Cached: the check looks each number up several times (its document, every reference and
    citation to it), 120,000 times for a site of 10,000 documents.
    """
    return _SPACES.sub("", unicodedata.normalize("NFC", text).replace("Ð", "Đ")).casefold()


_SPACES = lazy(r"\s+")


# -- numbers as written in running text ----------------------------------------------------

_SP = r"[ \t]{0,3}"  # officials put a space or two; never more, and a bound keeps scans short
_LETTERS = f"{UPPER}{LOWER}"
# One written token: a known mixed-case one, an upper-case one, or an all lower-case one
# (`30/2020/nđ-cp`). An upper-case token stops where lower case begins, so a glued word
# (`70-TB/TWngày`, `35-NQ/TWvề`) is left out of the number.
_TOKEN = (
    rf"(?:(?:{'|'.join(MIXED)})(?![{LOWER}])|[{UPPER}][{UPPER}0-9&]{{0,19}}"
    rf"|[{LOWER}][{LOWER}0-9&]{{0,19}})"
)
# Between tokens: a hyphen, a dot or a stray slash, with spaces around it or a line break
# after it (`30/2020/NĐ-` + newline + `CP`, `13/2013/ TT- BYT`).
_SEP = rf"(?:{_SP}[-/.](?:{_SP}\n)?{_SP})"  # any separator, to split a matched chain
_SYMBOL_UPPER = rf"(?:(?:{'|'.join(MIXED)})(?![{LOWER}])|[{UPPER}]{{1,6}})"
# After a separator with a space or line break, only a real code may follow, not the start of
# the next phrase: `05/KH-VPUB - Sở Nội vụ` ends at VPUB.
_SPACED = (
    r"(?:[ \t]{1,3}[-/.](?:[ \t]{0,3}\n)?[ \t]{0,3}|[-/.](?:[ \t]{0,3}\n[ \t]{0,3}|[ \t]{1,3}))"
)
_AFTER_SPACE = (
    rf"(?:(?:{'|'.join(MIXED)})(?![{LOWER}])|[{UPPER}][{UPPER}0-9&]{{1,19}}(?![{LOWER}]))"
)
_LINK = rf"(?:[-/.]{_TOKEN}|{_SPACED}{_AFTER_SPACE})"
_SYMBOL_WRITTEN = rf"(?:{_SYMBOL_UPPER}|[{LOWER}]{{1,6}})"
_WRITTEN = lazy(
    rf"(?P<serial>[0-9]{{1,5}})(?P<suffix>[a-z]?)"
    rf"(?:"
    # normative: 30/2020/NĐ-CP, 21/2017/QH14, 1018/2011/NQ/UBTVQH12
    rf"{_SP}/{_SP}(?P<year>[0-9]{{4}}){_SP}/{_SP}(?P<legal>{_TOKEN}{_LINK}{{0,7}})"
    # Party: 429-QĐ/TU, 2927 -TB/TU, 100 - KL/TW; without the hyphen only in capitals:
    # 84 QĐ/TWĐTN, 15KH/ĐTNK-BTG (never `5 xã/phường`)
    rf"|(?:{_SP}-{_SP}(?P<psymbol>{_SYMBOL_WRITTEN})|[ \t]{{0,3}}(?P<bare>{_SYMBOL_UPPER}))"
    rf"{_SP}/{_SP}(?P<pissuer>{_TOKEN}{_LINK}{{0,7}})"
    # state: 340/TB-VPUB, 126/SKHĐT, 02/KH/CCB-VSP, 146/TT.HĐND
    rf"|{_SP}/{_SP}(?P<state>{_TOKEN}{_LINK}{{0,7}})"
    rf")"
)
_TOKEN_SPLIT = lazy(rf"({_SEP})")
# A bare code right after a year that is a type glued to its issuer: 61/2018/NĐCP, 30c/NQCP.
_GLUED_TYPE = lazy(r"(NĐ|NQ|QĐ|CT)(CP|TTG)")


@dataclass(frozen=True)
class WrittenNumber:
    """A number as found in text: where it is, how it was written, how it is registered."""

    start: int
    end: int
    written: str  # exactly as in the text, spaces and line breaks included
    registered: str  # the register's spelling: 2927-TB/TU, 1896/QĐ-TTg, 30/2020/NĐ-CP
    strict: bool  # written exactly as registered would be; loose forms need a type word

    def __init__(self, start: int, end: int, written: str, registered: str, strict: bool) -> None:
        # A frozen dataclass's own __init__ sets each field through object.__setattr__; one
        # update of the instance's dict is the same object at a third of the cost, for every
        # number of every body (as ``model.Citation``).
        self.__dict__.update(
            start=start, end=end, written=written, registered=registered, strict=strict
        )


# Most numbers are written as registered: read those with the strict grammar alone, which is
# several times cheaper than the written one.
_STRICT = lazy(
    rf"[0-9]{{1,5}}[a-z]?(?:/[0-9]{{4}}/(?:{_TOKEN_STRICT}[-.])?{_CHAIN_STRICT}"
    rf"|/{_TOKEN_STRICT}[-.]{_CHAIN_STRICT}|-{_TOKEN_STRICT}/{_CHAIN_STRICT})"
)
# A mixed-case token in capitals, as a heading writes it: QĐ-TTG.
_HAS_MIXED_UPPER = lazy("|".join(_MIXED_BY_UPPER))
_AFTER_STRICT = lazy(rf"[ \t]{{0,3}}[-/.\n]|[{LOWER}]")


# Kept whole: a strict fast path, then the tolerant reading of the forms officials really
# write, each a bounded step; it runs at every slash of every body (see benchmarks/).
def read_number(text: str, start: int) -> WrittenNumber | None:
    """The number written at ``start``, or None. Never scans more than a bounded stretch."""
    fast = _STRICT.match(text, start)
    if (
        fast is not None
        and not _AFTER_STRICT.match(text, fast.end())
        and not fast.group().endswith(("NGÀY", "VỀ", "-TW"))
    ):
        written = fast.group()
        registered = written
        if _HAS_MIXED_UPPER.search(written) is not None:
            registered = _upper_registered(written)  # a heading in capitals: QĐ-TTG
        if parse_number(registered) is not None:
            return WrittenNumber(start, fast.end(), written, registered, True)
    m = _WRITTEN.match(text, start)
    if m is None:
        return None
    serial = m["serial"] + m["suffix"]
    end = m.end()
    if m["year"] is not None:
        tokens, seps = _tokens(m["legal"])
        if len(tokens) == 1 and (glued := _GLUED_TYPE.fullmatch(tokens[0].upper())):
            tokens, seps = [glued[1], glued[2]], ["-"]
        head = f"{serial}/{m['year']}/"
        if len(tokens) == 1 and not _ASSEMBLY.fullmatch(tokens[0].upper()):
            return None  # 99/2021/ABC: a year and a bare code is no number we know
        registered = head + _join(tokens, seps)
    elif m["pissuer"] is not None:
        tokens, seps = _tokens(m["pissuer"])
        symbol = m["psymbol"] or m["bare"]
        registered = f"{serial}-{_case(symbol)}/{_join(tokens, seps)}"
    else:
        tokens, seps = _tokens(m["state"])
        if len(tokens) == 1 and (glued := _GLUED_TYPE.fullmatch(tokens[0].upper())):
            tokens, seps = [glued[1], glued[2]], ["-"]
        if len(tokens) == 2 and tokens[1].upper() == "TW" and seps[0] != ".":
            # No state body signs as TW: `60/NQ-TW` is the Party's 60-NQ/TW written backwards.
            registered = f"{serial}-{_case(tokens[0])}/TW"
        else:
            registered = f"{serial}/{_join(tokens, seps)}"
    written = text[start:end]
    # An upper-case code glued to the next word in an upper-case heading: `HĐNDNGÀY 18/3`.
    for glued_word in ("NGÀY", "VỀ"):
        if registered.endswith(glued_word) and len(tokens[-1]) > len(glued_word) + 1:
            cut = len(glued_word)
            registered, written, end = registered[:-cut], written[:-cut], end - cut
    # Strict: the registered spelling of a well-formed number, or it in capitals (headings).
    strict = parse_number(registered) is not None and (
        written == registered or written == registered.upper()
    )
    return WrittenNumber(start, end, written, registered, strict)


def _upper_registered(written: str) -> str:
    """A number in capitals (a heading) with its mixed-case tokens restored: QĐ-TTG → QĐ-TTg."""
    parts = re.split(r"([-/.])", written)
    return "".join(_case(p) if p and p[0].isalpha() else p for p in parts)


def _tokens(chain: str) -> tuple[list[str], list[str]]:
    parts = _TOKEN_SPLIT.split(chain)
    tokens = [p for p in parts[0::2]]
    seps = ["." if "." in s else "-" for s in parts[1::2]]
    return tokens, seps


def _join(tokens: list[str], seps: list[str]) -> str:
    out = _case(tokens[0])
    for sep, token in zip(seps, tokens[1:], strict=True):
        out += sep + _case(token)
    return out


def _case(token: str) -> str:
    upper = token.upper().replace("Ð", "Đ")
    return _MIXED_BY_UPPER.get(upper, upper)


# -- finding numbers in running text -------------------------------------------------------

# Every number has a slash; a pattern starting with a literal lets the regex engine use its fast
# substring search. The serial (and a Party symbol) are then read backwards from it.
_SLASH = lazy(rf"/(?={_SP}(?:\d{{4}}{_SP}/|[{UPPER}{LOWER}]))")
_LEFT_OF_SLASH = lazy(
    rf"\d{{1,5}}[a-z]?(?:{_SP}-{_SP}[{UPPER}{LOWER}]{{1,6}}"
    rf"|{_SP}[{UPPER}][{UPPER}y]{{0,5}}|{_SP}-?{_SP}){_SP}$"
)
_LEFT_WINDOW = 16  # serial, a space or two, a hyphen, a Party symbol


def find_numbers(text: str) -> Iterator[WrittenNumber]:
    """Every number-shaped span of the text, in order, found from its slash. Linear: each
    slash is looked at once, and the scan moves past every span it read, kept or not."""
    last_end = 0
    for slash in _SLASH.finditer(text):
        position = slash.start()
        if position < last_end:
            continue  # the second slash of 30/2020/NĐ-CP
        left = _LEFT_OF_SLASH.search(text, max(last_end, position - _LEFT_WINDOW), position)
        if left is None:
            continue
        number = read_number(text, left.start())
        if number is not None and number.end > position:
            # Moving on past a rejected span too keeps the scan linear on slash-ridden input.
            last_end = number.end
            yield number
