"""Citations: find every document a body cites in running text, with its line and column.

"Thực hiện Kế hoạch số 74/KH-VPUB ngày 15/12/2025 của Văn phòng UBND tỉnh về ..." gives the type
word (Kế hoạch), the number (74/KH-VPUB), the date and the issuer phrase. Numbers are read as
officials really write them (``generator.numbers.read_number``: `2927 -TB/TU`, `QĐ-TTG`,
`21/2017/QH14`...) and carry their registered spelling. A number written in a loose form (no
hyphen, spaces, lower case) counts only after a type word, so that form codes and fractions do
not. Unnumbered laws and codes ("Luật Đất đai ngày 29 tháng 11 năm 2013", "Bộ luật Dân sự 2015")
and short references ("Nghị định 178") are citations of their own kinds.

Every search is anchored (on a slash, a type word) and reads a bounded stretch around it, so
the time is linear in the length of the body whatever it contains.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from generator.bodytext import mask_code
from generator.doctypes import TYPES
from generator.model import Citation
from generator.numbers import LOWER, UPPER, WrittenNumber, find_numbers
from generator.patterns import lazy

# Citation words, each with the document type it names; None where the word names no single
# type of ours (Công văn: any letter; Thông tư liên tịch has its own symbol, TTLT).
WORDS: dict[str, str | None] = {
    "Thông báo kết luận": "conclusion",
    "Thông tư liên tịch": None,
    "Nghị quyết liên tịch": None,
    "Văn bản hợp nhất": None,
    "Kế hoạch": "plan",
    "Chương trình": "agenda",
    "Thông báo": "notice",
    "Báo cáo": "report",
    "Quyết định": "decision",
    "Quy định": "regulation",
    "Hướng dẫn": "guidance",
    "Nghị quyết": "resolution",
    "Nghị định": "decree",
    "Chỉ thị": "directive",
    "Quy chế": "rules",
    "Thông tư": "circular",
    "Thông tri": None,
    "Thông cáo": "communique",
    "Kết luận": "conclusion-party",
    "Tờ trình": "submission",
    "Giấy mời": "invitation",
    "Công điện": "dispatch",
    "Phương án": "scheme",
    "Đề án": "proposal",
    "Biên bản": "minutes",
    "Công văn": "letter",
    "Văn bản": None,
    "Bộ luật": "law",
    "Luật": "law",
    "Pháp lệnh": None,
    "Hiến pháp": None,
}

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng


def _toneless(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if c not in _TONES)


# Type words are matched as usually written (in WORDS, in lower case, in capitals) and, when
# none is found, in a folded copy of a short window: lower case, no tone marks, same length so
# offsets carry over, for slips such as "Nghị đinh số 57/2017/NĐ-CP". re.I and a character
# class for every tone would make the regex ten times slower.
def _fold_char(char: str) -> str:
    return unicodedata.normalize("NFC", _toneless(char)).lower()


_FOLD = str.maketrans(
    {c: _fold_char(c) for c in UPPER + LOWER + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if _fold_char(c) != c}
)


def fold(text: str) -> str:
    """Lower case without tone marks, one character for one: "Nghị ĐỊNH" → "nghi đinh"."""
    return text.translate(_FOLD)


def _trie(words: list[list[str]]) -> str:
    """One alternation for many words sharing first syllables ("nghi (?:đinh|quyêt)")."""
    heads: dict[str, list[list[str]]] = {}
    for syllables in words:
        heads.setdefault(syllables[0], []).append(syllables[1:])
    branches = []
    for head, tails in sorted(heads.items(), key=lambda item: -len(item[0])):
        longer = [t for t in tails if t]
        if not longer:
            branches.append(re.escape(head))
            continue
        optional = "?" if len(longer) < len(tails) else ""
        branches.append(f"{re.escape(head)}(?:\\s{{0,8}}(?:{_trie(longer)})){optional}")
    return "|".join(branches)


# Officials break a word across lines ("Tờ" / "trình số") or glue it ("Nghịđịnh").
_WORD_ALTERNATION = _trie([fold(w).split() for w in WORDS])
# The words as usually written (as in WORDS, in lower case, in capitals), matched in the text
# itself first; the folded copy is the fallback for slips.
_FORMS = {form for w in WORDS for form in (w, w.lower(), w.upper())}
_WORD_EXACT = lazy(rf"(?P<word>{_trie([f.split() for f in _FORMS])})")
_WORD_EXACT_ADJACENT = lazy(
    rf"(?P<word>{_trie([f.split() for f in _FORMS])})[ \t]{{0,3}}\n?[ \t]{{0,3}}:?[ \t]{{0,3}}$"
)
_NAME_BY_FORM = {f.replace(" ", ""): w for w in WORDS for f in (w, w.lower(), w.upper())}
_NAME_BY_FOLDED = {fold(w).replace(" ", ""): w for w in WORDS}
_WORD = lazy(rf"(?P<word>{_WORD_ALTERNATION})")  # in folded text
# A type word right before the number: "Nghị định 178/2024/NĐ-CP", "Thông tư: 05/...".
_WORD_ADJACENT = lazy(rf"(?P<word>{_WORD_ALTERNATION})[ \t]{{0,3}}\n?[ \t]{{0,3}}:?[ \t]{{0,3}}$")
# Short references and unnumbered laws start with a capitalised type word: "Nghị định 178",
# "Quyết định số 33", "Luật Đất đai ngày 29 tháng 11 năm 2013". One scan finds those words.
_CAPITALISED = lazy(rf"(?P<word>{_trie([w.split() for w in WORDS])})")
_SHORT_TAIL = lazy(
    r"\s{1,3}(?:số\s{0,3}:?\s{0,3})?"
    r"(?P<serial>\d{2,5})(?:/(?P<year>\d{4}))?(?![\d/_]|[.,]\d|-\s{0,3}[^\W\d_])"
)
_LAW_WORDS = ("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp")
# "số" before the number, perhaps in brackets ("Công văn (số 73/TTg-CN)") or glued ("số30").
_SO = lazy(r"(?:\(\s?)?[sS][ốỐ]\s{0,3}:?\s{0,3}$")
# A form code is no citation: "theo mẫu số 05/KK-TNCN", "Mẫu số 01/ĐNHT".
_FORM_CODE = lazy(
    r"(?:[mM][ẫẪ][uU]|[bB][iI][ểỂ][uU]|[tT][ờỜ]\s[kK][hH][aA][iI])\s{0,3}(?:[sS][ốỐ])?\s{0,3}:?\s{0,3}$"
)
_WORD_WINDOW = 120  # characters before "số" where its type word may stand

_DMY = (
    r"(?:(?P<d>\d{1,2})\s{0,3}[/.-]\s{0,3}(?P<m>\d{1,2})\s{0,3}[/.-]\s{0,3}(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})\s{0,3}(?:tháng|Tháng|THÁNG)\s{0,3}(?P<m2>\d{1,2})\s{0,3}"
    r"(?:(?:năm|Năm|NĂM)\s{0,3})?(?P<y2>\d{4}))"
    r"(?!\d)"
)
_DATE_AFTER = lazy(rf"[\s,]{{0,6}}(?:\(\s?)?(?:ngày|Ngày|NGÀY)\s{{0,3}}{_DMY}")
# "số 84/2017/TT-BTC của Bộ Tài chính ngày 15 tháng 8 năm 2017": the date after the issuer, but
# never past "về ..." (what the document is about, where other dates belong).
_OF = "(?:của|Của|CỦA)"
_DAY = "(?:ngày|Ngày|NGÀY)"
_ISSUER_THEN_DATE = lazy(
    rf"\s{{1,3}}{_OF}\s{{1,3}}(?:(?!\s(?:về|ban\shành|quy\sđịnh|hướng\sdẫn)\s)[^\n,;.:()“”\"\d])"
    rf"{{2,80}}?\s{{0,3}},?\s{{1,3}}{_DAY}\s{{0,3}}{_DMY}"
)
# "Luật Quy hoạch số 21/2017/QH14 được Quốc hội khóa XIV thông qua ngày 24/11/2017".
_PASSED_ON = lazy(rf"\s{{1,3}}được\s[^\n,;.()]{{0,40}}?\sthông\squa\s{_DAY}\s{{0,3}}{_DMY}")
# "Ngày 21/04/2015, Thủ tướng Chính phủ đã ban hành Chỉ thị số 06/CT-TTg": the date first.
# Searched in folded text (no tones, lower case), as "tháng" is then "thang".
_DATE_BEFORE = lazy(
    rf"ngay\s{{0,3}}{_DMY.replace('tháng', 'thang')}\s{{0,3}},?(?:[^.;\n]|\n(?!\n)){{0,120}}?"
    r"\s(?:đa\s)?(?:ky\s)?(?:ban\shanh|ra|co)\s{0,3}$"
)
_HAS_NGAY = lazy("[Nn]gày|NGÀY")
# "của Văn phòng UBND tỉnh về ...": the issuer ends where the subject or the clause begins.
# Read in two steps (``_issuer_after``): a lazy group with this end as its lookahead tests it
# after every character of the issuer (~6 µs a citation); searching for where the issuer ends
# skips in C to the next break or space instead. tests/test_citations.py compares the two.
_ISSUER_ENDS = (
    r"\s{1,3}(?:về|ban hành|hướng dẫn|quy định|triển khai|thực hiện|tổ chức|gửi|ngày)\b"
    r"|[\n,;.:()]|$"
)
_OF_AT = lazy(rf"\s{{1,3}}{_OF}(\s{{1,3}})")
_ISSUER_END = lazy(_ISSUER_ENDS)
_NOT_IN_ISSUER = frozenset("\n,;.:()")

# Unnumbered laws and codes: "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
# "Bộ luật Dân sự 2015", "Hiến pháp năm 2013". The title holds no digit and no clause break.
_TITLE = lazy(
    r"(?P<word>Bộ\s{1,3}luật|Luật|Pháp\s{1,3}lệnh|Hiến\s{1,3}pháp)"
    r"(?P<title>(?:\s{1,3}[^\W\d_][^\d;.:()\[\]“”\"<>]{0,150}?)?)"
    rf"\s{{0,3}},?\s{{0,3}}(?:ngày\s{{0,3}}{_DMY}|năm\s{{1,3}}(?P<y3>\d{{4}})"
    r"|(?P<y4>(?:19|20)\d{2}))(?![\d/])"
)
_TITLE_STOP = lazy(
    r"\b(?:có hiệu lực|hiệu lực|kể từ|từ ngày|được|đã|này|thì|sẽ|quy định|là)\b"
    r"|^(?:sư|gia|pháp|học|nào)\b",
    re.I,
)
_SHORT_YEAR = lazy(r"\s{1,3}năm\s{1,3}(?P<year>\d{4})(?!\d)")
_SHORT_NOT = lazy(
    r"\s{0,3}(?:%|(?:năm|tháng|ngày|giờ|xã|huyện|tỉnh|người|tiêu|triệu|tỷ|đồng|lần|giai"
    r"|khóa|khoá|kỳ|tuổi|ha|km|điều|khoản|[-–])(?![^\W\d_]))",
    re.I,
)


@dataclass
class _Found:
    start: int
    end: int
    number: str
    word: str | None
    number_start: int
    number_end: int
    kind: str
    written: str
    date_match: re.Match[str] | None = None


def _glued_before(text: str, start: int) -> bool:
    """Whether the number follows its "số" with no space: "số30/2020/NĐ-CP"."""
    return text[max(0, start - 2) : start].casefold() == "số"


def _standalone(text: str, number: WrittenNumber) -> bool:
    start, end = number.start, number.end
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if (before.isalnum() and not _glued_before(text, start)) or before in "/-._\\":
        return False  # part of something longer: a URL, a file name, a code
    glued_heading = text.startswith(("NGÀY", "VỀ"), end)  # "HĐNDNGÀY 18/3/2011"
    if after.isdigit() or after in "/_\\" or (after.isupper() and not glued_heading):
        return False
    # A lower-case letter right after is a glued word ("70-TB/TWngày") only after capitals.
    return not (after.isalpha() and not number.written[-1:].isupper())


def _has_so(text: str, start: int) -> bool:
    """A cheap first test for "số" (or "Số", "SỐ") a few characters before ``start``."""
    before = text[max(0, start - 12) : start]
    return "ố" in before or "Ố" in before


def _clause_start(text: str, floor: int, at: int) -> int:
    floor = max(floor, at - 250)  # no clause a type word reaches across is longer
    return max(floor, text.rfind(";", floor, at) + 1, text.rfind("\n\n", floor, at) + 1)


_SPACES = lazy(r"\s+")


def _word_at(match: re.Match[str]) -> str:
    # str.split() splits where `\s` matches (both use Unicode's whitespace): no regex call.
    written = "".join(match["word"].split())
    return _NAME_BY_FORM.get(written) or _NAME_BY_FOLDED[written]


def _last_word(
    text: str, lo: int, hi: int, matches: Iterator[re.Match[str]], offset: int
) -> tuple[str, int, int] | None:
    """The last type word among ``matches`` (offsets shifted by ``offset``) that starts a word
    or is capitalised where glued ("bổ sungNghị quyết"): its name, start and end."""
    last = None
    for candidate in matches:
        at = offset + candidate.start()
        if not (at and text[at - 1].isalpha()) or text[at].isupper():
            last = (_word_at(candidate), at, offset + candidate.end())
    return last


# Kept whole: one pass over the numbers of a body that carries the floor (no word is read
# from before the previous citation) from one to the next; split, that state would travel.
def _find_numbered(text: str) -> list[_Found]:
    found: list[_Found] = []
    floor = 0  # where the previous citation ended: no word is read from before it
    previous: _Found | None = None
    for number in find_numbers(text):
        if not _standalone(text, number):
            continue
        start = number.start
        ahead = text[max(0, start - 20) : start].lower()
        if ("mẫu" in ahead or "biểu" in ahead or "khai" in ahead) and _FORM_CODE.search(
            text, max(0, start - 20), start
        ):
            floor = number.end
            continue
        word = None
        cite_start = start
        so = _SO.search(text, max(floor, start - 12), start) if _has_so(text, start) else None
        if so is not None:
            lo = max(_clause_start(text, floor, so.start()), so.start() - _WORD_WINDOW)
            # The word is most often right before "số": look there first, then further back.
            near = max(lo, so.start() - 24)
            last = _last_word(
                text, near, so.start(), _WORD_EXACT.finditer(text, near, so.start()), 0
            )
            if last is None and near > lo:
                last = _last_word(
                    text, lo, so.start(), _WORD_EXACT.finditer(text, lo, near + 24), 0
                )
            if last is None:
                window = fold(text[lo : so.start()])
                last = _last_word(text, lo, so.start(), _WORD.finditer(window), lo)
            aside = last is not None and _unclosed_bracket(text, last[2], so.start())
            if last is not None and not aside:
                word, cite_start = last[0], last[1]
            elif previous is not None and previous.word and _listed_after(text, previous, so):
                word = previous.word  # "Luật ... số 01/2002/QH11 ...; số 83/2015/QH13"
        else:
            lo = max(floor, start - 40)
            exact = _WORD_EXACT_ADJACENT.search(text, lo, start)
            adjacent = exact or _WORD_ADJACENT.search(fold(text[lo:start]))
            if adjacent is not None:
                word = _word_at(adjacent)
                cite_start = adjacent.start() if exact else lo + adjacent.start()
        if word is None and not number.strict:
            floor = number.end
            continue  # a loose form without a type word: a code, not a citation
        item = _Found(
            cite_start,
            number.end,
            number.registered,
            word,
            start,
            number.end,
            "number",
            number.written,
        )
        _read_date(text, item, max(floor, _clause_start(text, floor, cite_start)))
        found.append(item)
        previous, floor = item, item.end
    return found


def _unclosed_bracket(text: str, start: int, end: int) -> bool:
    """Whether "số" stands in an aside opened after the word: "Nghị quyết Đại hội XIII
    (sau đây gọi tắt là số 19/CT-TTg)" names no resolution 19."""
    between = text[start:end]
    return between.rfind("(") > between.rfind(")")


def _listed_after(text: str, previous: _Found, so: re.Match[str]) -> bool:
    """Whether "số" opens the next item of a list that began with a type word."""
    between = text[previous.end : so.start()]
    return len(between) < 300 and "\n\n" not in between and bool(re.search(r"[;,]\s*$", between))


def _read_date(text: str, item: _Found, floor: int) -> None:
    for pattern in (_DATE_AFTER, _ISSUER_THEN_DATE, _PASSED_ON):
        if match := pattern.match(text, item.end):
            item.date_match = match
            item.end = match.end()
            return
    lo = max(floor, item.start - 200)
    if item.word is not None and item.start > floor and _HAS_NGAY.search(text, lo, item.start):
        before = _DATE_BEFORE.search(fold(text[lo : item.start]))
        if before is not None:
            item.date_match = before


def _find_titles(
    text: str, hits: list[re.Match[str]], taken: list[tuple[int, int]]
) -> list[_Found]:
    found: list[_Found] = []
    last_end = 0
    starts = [h.start() for h in hits if text[h.start()] in "LBPH" and _word_at(h) in _LAW_WORDS]
    for start in starts:
        if start < last_end:
            continue  # "Luật sửa đổi ... của Luật Tổ chức Chính phủ ngày ...": one title
        match = _TITLE.match(text, start)
        if match is None or _word_inside(text, match.start()):
            continue
        last_end = match.end()
        if _overlaps(match.start(), match.end(), taken):
            continue
        word = _SPACES.sub(" ", match["word"])
        title = _SPACES.sub(" ", match["title"]).strip(" ,")
        if not title and word != "Hiến pháp":
            continue
        if _TITLE_STOP.search(title):
            continue
        year = match["y3"] or match["y4"]
        name = f"{word} {title}".strip() + (f" {year}" if year else "")
        start, end = match.span()
        item = _Found(start, end, name, word, start, end, "title", "")
        if not year:
            item.date_match = match
        found.append(item)
    return found


def _find_shorts(
    text: str, hits: list[re.Match[str]], taken: list[tuple[int, int]]
) -> list[_Found]:
    found = []
    for hit in hits:
        start = hit.start()
        match = _SHORT_TAIL.match(text, hit.end())
        if match is None or _word_inside(text, start) or _overlaps(start, match.end(), taken):
            continue
        end, year = match.end(), match["year"]
        if year_match := _SHORT_YEAR.match(text, end):
            year, end = year_match["year"], year_match.end()
        elif _SHORT_NOT.match(text, end):
            continue  # "Kế hoạch 5 năm", "Chương trình 135 giai đoạn II": names, not documents
        word = _word_at(hit)
        name = f"{word} {match['serial']}" + (f"/{year}" if year else "")
        item = _Found(
            start,
            end,
            name,
            word,
            match.start("serial"),
            match.end("serial"),
            "short",
            match["serial"],
        )
        if date_match := _DATE_AFTER.match(text, end):
            item.date_match, item.end = date_match, date_match.end()
        found.append(item)
    return found


def _word_inside(text: str, start: int) -> bool:
    """Whether ``start`` is inside a word: "Luật" of "pháp Luật" is a word, of "XLuật" not."""
    return start > 0 and text[start - 1].isalpha()


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    """Whether [start, end) meets a span of ``taken`` (sorted, not overlapping): a bisection,
    as a line may hold thousands of citations."""
    index = bisect_left(taken, (end, -1)) - 1
    return index >= 0 and taken[index][1] > start


def extract_citations(body: str, first_line: int = 1, masked: str | None = None) -> list[Citation]:
    """Every citation in a Markdown body, in order. NFD input gives the same result as NFC.

    ``masked`` is ``mask_code(body)`` of an NFC body when the caller has it already (the site
    reader does: load normalises every file, and the body rules mask the same text).
    """
    if masked is None:
        if not unicodedata.is_normalized("NFC", body):
            body = unicodedata.normalize("NFC", body)
        masked = mask_code(body)
    # Ð (Icelandic eth) passes for Đ in many old files: "17/2006/QÐ-BTNMT". Same length, so
    # every offset stays valid.
    text = masked.replace("Ð", "Đ").replace("ð", "đ")
    items = _find_numbered(text)
    taken = [(i.start, i.end) for i in items]
    hits = list(_CAPITALISED.finditer(text))
    titles = _find_titles(text, hits, taken)
    taken = sorted(taken + [(i.start, i.end) for i in titles])
    items += titles + _find_shorts(text, hits, taken)
    items.sort(key=lambda i: i.start)
    # Lines and columns counted once along the text, not from its start for every citation: a
    # long line of citations would otherwise cost the square of its length.
    citations, line, line_start, at = [], first_line, 0, 0
    for item in items:
        line += text.count("\n", at, item.start)
        line_start = max(line_start, text.rfind("\n", at, item.start) + 1)
        at = item.start
        citations.append(_citation(body, text, line, item.start - line_start + 1, item))
    return citations


def _issuer_after(text: str, at: int) -> str | None:
    r"""The issuer after "của" at ``at``: the ``issuer`` group of the lazy regex
    ``\s{1,3}<của>\s{1,3}(?P<issuer>[^\n,;.:()]{2,80}?)(?=<_ISSUER_ENDS>)`` matched there, or
    None when it does not match.

    The regex tries the spaces after "của" longest first (its issuer may then begin with the
    spaces left over), and for each the shortest issuer of 2 to 80 characters that a break or
    "về", "ngày"... follows; a character that may not stand in an issuer is itself a break, so
    the first end found after two characters is the one the lazy group would stop at.
    """
    of = _OF_AT.match(text, at)
    if of is None:
        return None
    gap_start, gap_end = of.span(1)
    for start in range(gap_end, gap_start, -1):
        if start + 2 > len(text) or text[start] in _NOT_IN_ISSUER:
            continue
        if text[start + 1] in _NOT_IN_ISSUER:
            continue
        end = _ISSUER_END.search(text, start + 2)
        if end is not None and end.start() - start <= 80:
            return text[start : end.start()]
    return None


def _citation(body: str, text: str, line: int, column: int, item: _Found) -> Citation:
    cited_date = date_text = None
    date_ok = True
    if (m := item.date_match) is not None and (m["y"] or m["y2"]):
        day, month, year = m["d"] or m["d2"], m["m"] or m["m2"], m["y"] or m["y2"]
        date_text = f"{day}/{month}/{year}"
        try:
            cited_date = date(int(year), int(month), int(day))
        except ValueError:
            date_ok = False
    issuer = None
    written = _issuer_after(text, item.end)
    if written is None and item.number_end != item.end:  # else the same search again
        written = _issuer_after(text, item.number_end)
    if written is not None:
        # Interned, as the type word below: the same few strings recur across a site, and
        # the results' pickles (workers → parent, the cache) then hold and rebuild each once.
        issuer = sys.intern(written.strip())
    type_key = WORDS.get(item.word) if item.word else None
    return Citation(
        text=body[item.start : item.end],
        number=item.number,
        word=sys.intern(item.word) if item.word else item.word,
        doctype=TYPES.get(type_key) if type_key else None,
        cited_date=cited_date,
        date_text=date_text,
        issuer=issuer,
        line=line,
        column=column,
        start=item.start,
        end=item.end,
        number_start=item.number_start,
        number_end=item.number_end,
        date_ok=date_ok,
        kind=item.kind,
        written=body[item.number_start : item.number_end],
    )


def respell(body: str, registered: Callable[[Citation], str | None]) -> str:
    """The body with each numbered citation's number spelled as ``registered`` gives it (C004).

    Only the number changes: `2927 -TB/TU` becomes `2927-TB/TU`, every other character stays.
    """
    for citation in reversed(extract_citations(body)):
        spelling = registered(citation) if citation.numbered else None
        if spelling and spelling != citation.written:
            body = body[: citation.number_start] + spelling + body[citation.number_end :]
    return body
