"""Citations: find every document a body cites in running text, with its line and column.

"Thực hiện Kế hoạch số 74/KH-VPUB ngày 15/12/2025 của Văn phòng UBND tỉnh về ..." gives the type
word (Kế hoạch), the number (74/KH-VPUB), the date and the issuer phrase. The search anchors on
the number, whose pattern starts with a digit, so the regex engine skips ahead in C; the type
word before it and the date and issuer after it are read around each hit.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from generator.bodytext import Position, mask_code
from generator.doctypes import TYPES, DocType

# Citation words, longest first so "Thông báo kết luận" wins over "Thông báo". Each maps to the
# document type it names; None where the word names no single type (Công văn: any letter).
WORDS: dict[str, str | None] = {
    "thông báo kết luận": "conclusion",
    "kế hoạch": "plan",
    "chương trình": "agenda",
    "thông báo": "notice",
    "báo cáo": "report",
    "quyết định": "decision",
    "quy định": "regulation",
    "hướng dẫn": "guidance",
    "nghị quyết": "resolution",
    "nghị định": "decree",
    "chỉ thị": "directive",
    "quy chế": "rules",
    "thông tư": "circular",
    "kết luận": "conclusion-party",
    "tờ trình": "submission",
    "giấy mời": "invitation",
    "công điện": "dispatch",
    "phương án": "scheme",
    "đề án": "proposal",
    "biên bản": "minutes",
    "công văn": "letter",
    "văn bản": None,
}

_SYMBOL = r"[A-ZĐ][A-Za-zĐđ]*"
_ISSUER = r"[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ0-9]+)*"
_NUMBER = re.compile(
    rf"\d+(?:/\d{{4}}/{_SYMBOL}-{_ISSUER}|/{_SYMBOL}-{_ISSUER}|-{_SYMBOL}/{_ISSUER})"
)
# Every number has a slash; a pattern starting with a literal lets the regex engine use its fast
# substring search, where one starting with \d tests every character. The digits (and, in a
# Party number, the symbol) before the slash are then read backwards from it.
_SLASH = re.compile(r"/(?=\d{4}/[A-ZĐ]|[A-ZĐ])")
_LEFT_OF_SLASH = re.compile(rf"\d+(?:-{_SYMBOL})?$")
_LEFT_WINDOW = 24
_WORD_BEFORE = re.compile(
    r"(?P<word>" + "|".join(sorted(WORDS, key=len, reverse=True)) + r")"
    r"(?:\s+(?:số|Số|SỐ))?\s*:?\s*$",
    re.I,
)
_DATE_AFTER = re.compile(
    r",?\s+ngày\s+(?:(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4}))",
    re.I,
)
# "của Văn phòng UBND tỉnh về ...": the issuer ends where the subject or the clause begins.
_ISSUER_AFTER = re.compile(
    r"\s+của\s+(?P<issuer>[^\n,;.:()]{2,80}?)"
    r"(?=\s+(?:về|ban hành|hướng dẫn|quy định|triển khai|thực hiện|tổ chức|gửi)\b|[\n,;.:()]|$)",
    re.I,
)
_LOOKBEHIND = 40  # characters before a number where its type word may stand


@dataclass(frozen=True)
class Citation:
    text: str  # exactly as written: "Kế hoạch số 74/KH-VPUB ngày 15/12/2025"
    number: str  # "74/KH-VPUB"
    word: str | None  # "Kế hoạch", as written; None for a bare number
    doctype: DocType | None  # the type the word names
    cited_date: date | None
    date_text: str | None  # "15/12/2025" as written, for messages
    issuer: str | None  # "Văn phòng UBND tỉnh"
    line: int
    column: int
    start: int  # offsets in the body, for turning the citation into a link
    end: int
    number_start: int
    number_end: int
    date_ok: bool = True  # False when the written date does not exist (30/02/2025)


def _numbers(text: str) -> Iterator[re.Match[str]]:
    """Every number-shaped span of the text, in order, found from its slash."""
    last_end = 0
    for slash in _SLASH.finditer(text):
        position = slash.start()
        if position < last_end:
            continue  # the second slash of 30/2020/NĐ-CP
        left = _LEFT_OF_SLASH.search(text, max(last_end, position - _LEFT_WINDOW), position)
        if left is None:
            continue
        match = _NUMBER.match(text, left.start())
        if match is not None and match.end() > position:
            last_end = match.end()
            yield match


def extract_citations(body: str, first_line: int = 1) -> list[Citation]:
    """Every citation in a Markdown body, in order. NFD input gives the same result as NFC."""
    if not unicodedata.is_normalized("NFC", body):
        body = unicodedata.normalize("NFC", body)
    text = mask_code(body)
    where = Position(text, first_line)
    found: list[Citation] = []
    for match in _numbers(text):
        start, end = match.span()
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if before.isalnum() or before in "/-." or after.isalnum() or after in "/-":
            continue  # part of something longer: a URL, a file name, a code
        word_match = _WORD_BEFORE.search(text, max(0, start - _LOOKBEHIND), start)
        cite_start = word_match.start() if word_match else start
        word = word_match["word"] if word_match else None
        cite_end = end
        cited_date = date_text = None
        date_ok = True
        if date_match := _DATE_AFTER.match(text, end):
            day, month, year = (
                date_match["d"] or date_match["d2"],
                date_match["m"] or date_match["m2"],
                date_match["y"] or date_match["y2"],
            )
            date_text = f"{day}/{month}/{year}"
            try:
                cited_date = date(int(year), int(month), int(day))
            except ValueError:
                date_ok = False
            cite_end = date_match.end()
        issuer = None
        if issuer_match := _ISSUER_AFTER.match(text, cite_end):
            issuer = issuer_match["issuer"].strip()
        line, column = where(cite_start)
        type_key = WORDS.get(word.lower()) if word else None
        found.append(
            Citation(
                text=body[cite_start:cite_end],
                number=match.group(0),
                word=word,
                doctype=TYPES.get(type_key) if type_key else None,
                cited_date=cited_date,
                date_text=date_text,
                issuer=issuer,
                line=line,
                column=column,
                start=cite_start,
                end=cite_end,
                number_start=start,
                number_end=end,
                date_ok=date_ok,
            )
        )
    return found
