"""B rules: the Markdown body — HTML the site removes, doubled words, personal data.

HTML is judged on the rendered body by the sanitiser's allow-list (``sanitize.review``); the
other rules read the source with code blocks and inline code masked (``bodytext.mask_code``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.bodytext import Position, mask_code, render_body, renderable
from generator.diagnostics import Diagnostic
from generator.patterns import lazy
from generator.rules import diagnostic

if TYPE_CHECKING:
    from generator.sanitize import Removal


def check_body(
    path: str, body: str, first_line: int, masked: str | None = None
) -> Iterator[Diagnostic]:
    """The B rules; ``masked`` is ``mask_code(body)`` when the caller has it already."""
    if not body or body.isspace():  # as `not body.strip()`, without copying the body
        return
    text = mask_code(body) if masked is None else masked
    where = Position(text, first_line)
    # Lowered and encoded once for all the rules' first passes (each costs ~20 µs a body).
    lowered = text.lower().encode()
    body_lowered = lowered if text is body else body.lower().encode()
    yield from rendered_html(path, body, text, where, body_lowered)
    yield from unclosed_comment(path, text, where)
    yield from doubled_word(path, text, where, lowered)
    yield from personal_data(path, text, where, lowered)


# -- B001, B004, B006: what the rendered body would lose ------------------------------------

# Markdown alone, without these, produces only markup the allow-list keeps: no HTML (`<`), no
# link or image address (`](`, `]:`), no heading id or code class that could be refused
# (`md-`, `vb-`, `__`), no fenced code (```, ~~~).
_MAY_PRODUCE_REMOVED = re.compile(rb"<|\]\(|\]:|__|md-|vb-|```|~~~")
# The same markers, looked for by their rarest byte first: a one-byte `in` is a memchr, while
# the alternation above tries every `m`, `v` and `_` of the body (~30 µs a body).
# One literal first, the alternatives behind it: the engine then skips from hyphen to hyphen
# (`-(?<=md-)|-(?<=vb-)`, an alternation, made it test every byte of the body against a set).
_HYPHENED = re.compile(rb"-(?<=md-|vb-)")
_BRACKETED = re.compile(rb"\](?=[(:])")


def may_produce_removed(lowered: bytes) -> bool:
    """Whether the lowered UTF-8 body holds a marker of ``_MAY_PRODUCE_REMOVED`` (same answer,
    a few times faster: tests/test_check.py compares them)."""
    return (
        b"<" in lowered
        or (b"]" in lowered and _BRACKETED.search(lowered) is not None)
        or (b"_" in lowered and b"__" in lowered)
        or (b"`" in lowered and b"```" in lowered)
        or (b"~" in lowered and b"~~~" in lowered)
        or (b"-" in lowered and _HYPHENED.search(lowered) is not None)
    )


_FIX_B001 = "Xóa đoạn này; nội dung cần nhúng (video, bản đồ) thì nhờ quản trị kỹ thuật."


def _needles(removal: Removal) -> list[str]:
    """Text to look for in the source to place a removal on its line, most precise first."""
    found = []
    if removal.value.strip():
        found.append(removal.value.strip()[:40].lower())
    if removal.attribute:
        found.append(removal.attribute.lower())
    found.append("<" + removal.tag.lower())
    return found


def _earliest(text: str, needles: list[str], start: int) -> int:
    found = [offset for needle in needles if (offset := text.find(needle, start)) >= 0]
    return min(found, default=-1)


def rendered_html(
    path: str, body: str, text: str, where: Position, lowered: bytes | None = None
) -> Iterator[Diagnostic]:
    """B001 and B004 are read off the body's rendered HTML, the same the site publishes, by
    the sanitiser's own allow-list: what the check reports is exactly what the site removes.

    ``lowered`` is the body in lower case, UTF-8, when the caller has it already.
    """
    if not renderable(body, lowered):
        yield diagnostic(
            "B006",
            path,
            where.first_line,
            "Nội dung có quá nhiều dấu `[` hoặc dấu `` ` `` chưa khép trong cùng một đoạn: dựng "
            "trang sẽ mất rất lâu. Tách thành các đoạn ngắn (cách nhau một dòng trống), hoặc "
            "thêm dấu `\\` trước các dấu `[` và `` ` `` không dùng để tạo liên kết hay mã.",
            1,
        )
        return
    # Over bytes: this runs on every body of the site, most of which have no marker.
    if not may_produce_removed(body.lower().encode() if lowered is None else lowered):
        return
    from generator.sanitize import review  # imported by the few bodies that need it

    searchable = text.lower()
    if len(searchable) != len(text):  # a letter whose lower case is longer ("İ"): keep offsets
        searchable = text
    cursor = 0
    for removal in review(render_body(body)):
        # The earliest of the removal's traces after the previous one: findings come in the
        # order of the HTML, which is the order of the source.
        offset = _earliest(searchable, _needles(removal), cursor)
        if offset < 0:
            offset = _earliest(searchable, _needles(removal), 0)
        line, column = where(offset) if offset >= 0 else (where.first_line, None)
        cursor = offset + 1 if offset >= 0 else cursor
        if removal.dangerous:
            yield diagnostic(
                "B001",
                path,
                line,
                f"Nội dung có {removal.what}, có thể chạy mã hoặc thay đổi trang của cơ quan; "
                f"phần này bị lược bỏ khi đăng. {_FIX_B001}",
                column=column,
            )
        elif removal.tag == "html":
            yield diagnostic(
                "B004", path, line, "Một phần HTML trong nội dung bị lược bỏ khi đăng."
            )
        else:
            yield diagnostic(
                "B004",
                path,
                line,
                f"Nội dung có {removal.what}, không được phép trên Cổng nên bị lược bỏ khi đăng "
                "(chữ vẫn giữ). Dùng Markdown: **đậm**, *nghiêng*, bảng, danh sách, liên kết "
                "http(s), hình ảnh đặt trong content/.",
                column=column,
            )


# -- B005 ----------------------------------------------------------------------------------

_COMMENT_ENDS = lazy(r"--!?>")


def unclosed_comment(path: str, text: str, where: Position) -> Iterator[Diagnostic]:
    """`<!--` with no `-->` after it: the rest of the body is either hidden by the browser or
    shown with the editor's note in it, depending on the renderer. Either way, not meant."""
    if "<" not in text or "<!--" not in text:  # one character first: ~0.3 against ~3 µs
        return
    last_end = None
    for last_end in _COMMENT_ENDS.finditer(text):  # noqa: B007 - only the last one matters
        pass
    start = text.find("<!--", last_end.end() if last_end else 0)
    while start >= 0 and text.startswith(("<!-->", "<!--->"), start):
        start = text.find("<!--", start + 4)  # an empty comment closes itself
    if start < 0:
        return
    line, column = where(start)
    yield diagnostic(
        "B005",
        path,
        line,
        "Chú thích HTML `<!--` mở ở đây nhưng không có `-->` đóng lại: phần còn lại của nội "
        "dung bị ẩn khỏi trang, hoặc ghi chú hiện ra cho người đọc. Thêm `-->` ở cuối ghi chú.",
        column=column,
    )


# -- B002 ----------------------------------------------------------------------------------

# One or two syllables written twice; letters only, so "1 1" or "2025 2025" in tables pass.
_DOUBLED = lazy(r"(?<!\w)([^\W\d_]+(?: [^\W\d_]+)?) \1(?!\w)", re.I)
# Reduplication that Vietnamese uses on purpose ("người người thi đua", "ngày ngày").
_REDUPLICATIONS = frozenset(
    {"ngày", "người", "nhà", "đời", "năm", "tháng", "lớp", "đâu", "ai", "từng", "mỗi", "cứ"}
    | {"xa", "dần", "rất", "hơi", "vừa", "chầm", "khe", "thật", "đi", "lại", "nhè", "tít"}
)


# The first pass works on lowercased UTF-8 bytes in which punctuation and line breaks have
# become spaces: a word repeated after exactly one space is then " w w ", while "ý kiến, kiến
# nghị" becomes "ý kiến  kiến nghị" (two spaces) and does not match. Punctuation after the
# repeat is allowed ("kiến nghị kiến nghị."), as in the precise regex.
_SEPARATORS = b".,;:!?()[]{}\"'*_\n\t"
_TO_SPACE = bytes.maketrans(_SEPARATORS, b" " * len(_SEPARATORS))
# " w w " or " w v w v "; `++` is possessive: a word once read is never given back.
_REPEATED = re.compile(rb" ([^ ]++) (?:\1 |([^ ]++) \1 \2 )")
# A looser form, " w w " or " w v w ", found first: without the second group and its
# back-reference the engine spends ~40% less at each space. Every match of ``_REPEATED`` starts
# where one of this pattern does, so trying ``_REPEATED`` only there gives the same answer (a
# few bodies in ten have a " w v w ", "tiếp tục tiếp"; none of the corpus has a " w v w v ").
_REPEATED_LOOSE = re.compile(rb" ([^ ]++) (?:\1 |[^ ]++ \1 )")


def _may_have_doubled_words(text: str, lowered: bytes | None = None) -> bool:
    """A fast first pass: is a word, or a pair of words, repeated right after itself?

    Most bodies have none, and the precise regex below costs ~70 ns a character because it
    tries every position with backtracking. Here the engine jumps from space to space and never
    backtracks into a word; bytes spare it Unicode case rules. ``lowered`` is
    ``text.lower().encode()`` when the caller has it already.
    """
    if lowered is None:
        lowered = text.lower().encode()
    spaced = b" " + lowered.translate(_TO_SPACE) + b" "
    search, exact = _REPEATED_LOOSE.search, _REPEATED.match
    position = 0
    while (loose := search(spaced, position)) is not None:
        if exact(spaced, loose.start()) is not None:
            return True
        position = loose.start() + 1
    return False


def doubled_word(
    path: str, text: str, where: Position, lowered: bytes | None = None
) -> Iterator[Diagnostic]:
    if not _may_have_doubled_words(text, lowered):
        return
    for match in _DOUBLED.finditer(text):
        word = match.group(1)
        if word.lower() in _REDUPLICATIONS:
            continue
        line, column = where(match.start())
        yield diagnostic(
            "B002",
            path,
            line,
            f"Từ \u201c{word}\u201d bị lặp liền nhau (\u201c{match.group(0)}\u201d). "
            "Xóa một lần lặp.",
            column=column,
        )


# -- B003 ----------------------------------------------------------------------------------

# Each pattern starts with a plain character class so the regex engine skips ahead in C;
# what must not come before a match is checked in Python, on the few candidates.
_MOBILE = lazy(r"(?:\+84[ .]?|0)[35789]\d(?:[ .\-]?\d){7}(?!\d)")
_PERSONAL_MAIL = lazy(
    r"(?<![\w.+\-])[\w.+\-]+@(?:gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|icloud|me|aol|"
    r"proton|protonmail|zoho|yandex|gmx)\.[a-z.]{2,6}\b",
    re.I,
)
# Not part of a longer code (2025-000000000001) or a decimal; a full stop may follow.
_CITIZEN_ID = lazy(r"\d{12}(?!\d|[/.\-]\d)")
_NOT_BEFORE = {_MOBILE: "+", _CITIZEN_ID: "/.-"}


# Every digit becomes 0 in a bytes copy (bytes.translate runs in C), so "is there a run of
# twelve digits / a 10-digit phone shape / an @" is a substring search; most bodies have none.
_DIGITS_TO_ZERO = bytes.maketrans(b"123456789", b"000000000")
_PHONE_SHAPE = re.compile(rb"000[ .\-]?000")


def _personal_data_candidates(
    text: str, encoded: bytes | None = None
) -> tuple[bool, bool, bool, bool]:
    # Lower case or not, the digits and `@` are the same: the caller's lowered bytes will do.
    digits = (text.encode() if encoded is None else encoded).translate(_DIGITS_TO_ZERO)
    nine = b"000000000" in digits
    return (
        _PHONE_SHAPE.search(digits) is not None,
        b"@" in digits,
        nine and b"000000000000" in digits,  # twelve zeros hold nine
        nine,
    )


@dataclass(frozen=True)
class Finding:
    """A piece of text that looks like a citizen's personal data."""

    start: int
    found: str
    what: str
    masked: str  # how to write it instead


def find_personal_data(
    text: str, everything: bool = False, encoded: bytes | None = None
) -> Iterator[Finding]:
    """Mobile numbers, personal mailboxes and 12-digit ID numbers; with ``everything`` (a
    petition file, where no personal data may stand at all) also landlines, any e-mail address,
    9-digit ID cards, names after a form of address and street addresses with house numbers.

    The one implementation behind B003 (a warning in any body) and P003 (an error anywhere in a
    petition file). ``encoded`` is the text as UTF-8 (in any case) when the caller has it.
    """
    candidates = _personal_data_candidates(text, encoded)
    checks = [
        (_MOBILE, "số điện thoại di động", "0912 xxx xxx", candidates[0]),
        (_PERSONAL_MAIL, "địa chỉ thư điện tử cá nhân", "n***@gmail.com", candidates[1]),
        (
            _CITIZEN_ID,
            "dãy 12 chữ số giống số định danh cá nhân (CCCD)",
            "001xxxxxxxxx",
            candidates[2],
        ),
    ]
    if everything:
        checks = [
            checks[0],
            (_LANDLINE, "số điện thoại", "0212 xxx xxxx", candidates[0]),
            (_ANY_MAIL, "địa chỉ thư điện tử", "n***@...", candidates[1]),
            checks[2],
            (
                _OLD_ID,
                "dãy 9 chữ số giống số chứng minh nhân dân (CMND)",
                "xxxxxxxxx",
                candidates[3],
            ),
            (_HOUSE_WORD, "địa chỉ nhà (có số nhà)", '"trên địa bàn phường ..."', True),
            (_HOUSE, "địa chỉ nhà (có số nhà)", '"trên địa bàn phường ..."', True),
            (_NAMED, "họ tên người dân", '"một công dân"', True),
        ]
    seen: set[int] = set()
    for pattern, what, masked, candidate in checks:
        if not candidate:
            continue
        for match in pattern.finditer(text):
            start = match.start()
            before = text[start - 1] if start else " "
            if before.isalnum() or before in _NOT_BEFORE.get(pattern, ""):
                continue  # inside a longer number or word
            if start in seen or not _looks_personal(pattern, match, text):
                continue
            seen.add(start)
            yield Finding(start, match.group(0).strip(), what, masked)


def personal_data(
    path: str, text: str, where: Position, encoded: bytes | None = None
) -> Iterator[Diagnostic]:
    for finding in find_personal_data(text, encoded=encoded):
        line, column = where(finding.start)
        yield diagnostic(
            "B003",
            path,
            line,
            f"Có thể là {finding.what}: `{finding.found}`. Không công khai thông tin cá nhân của "
            f"người dân (Nghị định 13/2023/NĐ-CP); xóa hoặc che bớt (ví dụ {finding.masked}).",
            column=column,
        )


# -- the stricter patterns of petition files (P003) -----------------------------------------

_LANDLINE = lazy(r"(?:\+84[ .]?|0)2\d(?:[ .\-]?\d){8}(?!\d)")
_ANY_MAIL = lazy(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", re.I)
# Nine digits alone (not 150.000.000, not part of 340/TB or a date), unless an amount.
_OLD_ID = lazy(r"\d{9}(?!\d|[/.,\-]\d)")
_AMOUNT_AFTER = lazy(r"\s*(?:đồng|đ\b|vnđ|vnd|usd|triệu|tỷ|m2|m²|ha\b|kg|tấn)", re.I)
_UPPER = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ"
# Each pattern starts with a plain character class, so the engine skips ahead in C (a leading
# alternation of words or a \b costs ten times as much); the word it began is checked after.
_HOUSE_WORD = lazy(r"[SsNnHhKk](?:ố nhà|hà số|N|gõ|gách|ẻm|iệt)\s*(?:số\s+)?\d+[A-Za-z]?(?:/\d+)*")
_HOUSE_WORDS = ("số nhà", "nhà số", "sn", "ngõ", "ngách", "hẻm", "kiệt")
# The capital after "đường" is what tells a street from "đường dây".
_HOUSE = lazy(rf"\d+[A-Za-z]?(?:/\d+)*,?\s+(?:[Đđ]ường|[Pp]hố)\s+[{_UPPER}]")
# A form of address, then a capitalised word: "ông Nguyễn Văn A", "chị Lan", "Bà Lò Thị B".
_NAMED = lazy(
    rf"[ÔôBbAaCcEe](?:ng|à|nh|hị|ô|hú|ác|ụ|háu|m)"
    rf"\s+([{_UPPER}][^\W\d_]*)(?:\s+[{_UPPER}][^\W\d_]*)*"
)
_FORMS_OF_ADDRESS = frozenset({"ông", "bà", "anh", "chị", "cô", "chú", "bác", "cụ", "cháu", "em"})
# Capitalised words after a form of address that are not a person's name: offices ("ông Chủ
# tịch"), and places and figures named after one ("Bà Rịa", "Cô Tô", "Bác Hồ", "Anh Sơn").
_NOT_NAMES = frozenset(
    {"Chủ", "Phó", "Chánh", "Giám", "Trưởng", "Bí", "Tổ", "Thủ", "Cán", "Công", "Đại", "Tổng"}
    | {"Chi", "Hội", "Ban", "Ủy", "Văn", "Sở", "Phòng", "Trung", "Thanh", "Kiểm", "Nhân"}
)
_PLACES = frozenset(
    {"bà rịa", "bà chiểu", "bà điểm", "bà đen", "bà triệu", "bà nà", "bà quẹo", "bà hom"}
    | {"bà huyện", "ông lãnh", "ông tạ", "ông ích", "ông đình", "cô tô", "anh sơn", "bác ái"}
    | {"bác hồ", "bác tôn", "cụ hồ", "chú cuội", "bà trưng", "bà chúa", "ông gióng", "bà âu"}
    | {"ông địa", "ông táo", "ông công", "bà mẹ", "ông trời"}
)
_PLACE_BEFORE = lazy(
    r"(?:tỉnh|thành phố|thị xã|huyện|quận|xã|phường|thị trấn|đường|phố|chợ|núi|cầu|bến|"
    r"sông|đảo|đền|chùa|hồ|trường|bệnh viện|Bà mẹ|mẹ)\s*$",
    re.I,
)


_NOT_BEFORE.update({_LANDLINE: "+", _OLD_ID: "/.,-"})


def _looks_personal(pattern: re.Pattern[str], match: re.Match[str], text: str) -> bool:
    if pattern is _OLD_ID:
        return not _AMOUNT_AFTER.match(text, match.end())
    if pattern is _HOUSE_WORD:
        return match.group(0).lower().startswith(_HOUSE_WORDS)
    if pattern is _NAMED:
        first = match.group(1)
        honorific = match.group(0).split()[0]
        if honorific.lower() not in _FORMS_OF_ADDRESS:
            return False
        if first in _NOT_NAMES or f"{honorific} {first}".lower() in _PLACES:
            return False
        return not _PLACE_BEFORE.search(text[max(0, match.start() - 20) : match.start()])
    return True
