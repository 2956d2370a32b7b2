"""N rules: the số ký hiệu of each document, and number series across documents."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from generator.diagnostics import Diagnostic
from generator.doctypes import DocType
from generator.model import Document
from generator.numbers import DocNumber, Form, suggest_number
from generator.registry import Registry
from generator.rules import diagnostic

if TYPE_CHECKING:
    from generator.check.facts import Facts


def _at_number(document: Document, code: str, message: str) -> Diagnostic:
    return diagnostic(
        code, document.path, document.line_of("number"), message, document.column_of("number")
    )


_DROP_ASCII = dict.fromkeys(range(128))


def _foreign_digits(text: str) -> str:
    if text.isascii():
        return ""  # most numbers, and references to them
    # Only the few non-ASCII characters (the Đ of QĐ) are looked at one by one.
    return "".join(c for c in text.translate(_DROP_ASCII) if c.isdigit())


def number_form(document: Document, registry: Registry) -> Iterator[Diagnostic]:
    text = document.number_text
    if not text or _foreign_digits(text):
        return  # N007 says what is wrong
    if document.number is None:
        fixed = suggest_number(text)
        hint = f" Có phải là `{fixed}`?" if fixed else ""
        yield _at_number(
            document,
            "N001",
            f"Số ký hiệu `{text}` sai thể thức.{hint} Văn bản nhà nước: `340/TB-VPUB`; văn bản "
            "của Đảng: `429-QĐ/TU`; văn bản quy phạm: `30/2020/NĐ-CP`; không có dấu cách.",
        )
    elif document.number.serial == 0:
        yield _at_number(
            document,
            "N001",
            f"Số ký hiệu `{text}` mang số 0: sổ văn bản đánh số từ 01 (Nghị định 30/2020/NĐ-CP). "
            "Ghi số đã cấp cho văn bản.",
        )
    elif not document.number.numbered and document.published:
        yield _at_number(
            document,
            "N001",
            f"Văn bản đã ban hành nhưng số ký hiệu `{text}` chưa có số. Ghi số đã cấp (ví dụ "
            f"`340{text}`), hoặc để `status: draft`.",
        )


def number_leading_zero(document: Document, registry: Registry) -> Iterator[Diagnostic]:
    number = document.number
    if number and number.serial and len(number.digits) == 1:  # serial 0 is N001
        fixed = "0" + number.text
        yield _at_number(
            document,
            "N002",
            f"Số nhỏ hơn 10 phải có số 0 ở đầu: `{fixed}`, không phải `{number.text}` "
            "(Nghị định 30/2020/NĐ-CP). `portal fix --write` sửa được lỗi này.",
        )


def wrong_symbol(doctype: DocType | None, number: DocNumber | None) -> str | None:
    """The symbols ``doctype`` allows ("`KH`", "`QĐ` hoặc `QyĐ`") when ``number`` carries
    another; None when it fits or nothing can be said: no type, a công văn (whose symbol is its
    issuer's), a type without a symbol of its own. The one test behind N003 and C002."""
    if number is None or doctype is None or doctype.key == "letter":
        return None
    allowed = doctype.party_abbreviations if number.form is Form.PARTY else doctype.abbreviations
    if not allowed or number.symbol in allowed:
        return None
    return " hoặc ".join(f"`{a}`" for a in allowed)


def number_type_mismatch(document: Document, registry: Registry) -> Iterator[Diagnostic]:
    number, doctype = document.number, document.doctype
    expected = wrong_symbol(doctype, number)
    if expected is None:
        return
    assert number is not None and doctype is not None
    yield _at_number(
        document,
        "N003",
        f"Số ký hiệu `{number.text}` mang ký hiệu `{number.symbol}` nhưng `type: {doctype.key}` "
        f"({doctype.name}) phải mang {expected}. Sửa `type` hoặc số ký hiệu cho khớp.",
    )


def _party_term(document: Document) -> int | None:
    """Party committees number per term; Sơn La's provincial congresses meet in October of
    2020, 2025, 2030..., so a term runs from October of those years."""
    if document.issued is None:
        return None
    months = document.issued.year * 12 + document.issued.month - 1
    return (months - (2020 * 12 + 9)) // 60


def series_key(document: Document) -> tuple[object, ...] | None:
    """The numbering series and serial a document takes (N004: one serial, one document)."""
    number = document.number
    if number is None or number.serial is None:
        return None
    if number.form is Form.LEGAL:
        period: int | None = number.year
    elif number.form is Form.PARTY:
        period = _party_term(document)
    else:
        period = document.issued.year if document.issued else None
    if period is None:
        return None
    # The form's value, not the enum: these keys are pickled in `portal check`'s cache.
    return (number.form.value, number.issuer, number.symbol, period, number.serial)


def number_duplicate(documents: list[Facts]) -> Iterator[Diagnostic]:
    """N004, over the documents' facts (``check.facts``)."""
    by_series: dict[tuple[object, ...], list[Facts]] = {}
    for document in documents:
        if document.series is not None:
            by_series.setdefault(document.series, []).append(document)
    for group in by_series.values():
        if len(group) < 2:
            continue
        for document in group:
            others = ", ".join(f"{o.path} (`{o.number_text}`)" for o in group if o is not document)
            line, column = document.number_at
            yield diagnostic(
                "N004",
                document.path,
                line,
                f"Số {document.digits} trong sổ {document.symbol}-"
                f"{document.issuer} đã dùng cho {others}. Mỗi số chỉ cấp một lần trong "
                "năm (văn bản của Đảng: trong nhiệm kỳ); kiểm tra số trên bản đã ký.",
                column,
            )


_NUMBERED = ("references", "amends", "replaces", "previous_numbers")


def number_digits(document: Document, registry: Registry) -> Iterator[Diagnostic]:
    """Fullwidth (１０１) or Arabic-Indic (١٠١) digits look like 101 but are other characters:
    the number would not be found, and its address would lose them."""
    # Nearly every number is ASCII: said without building the list of where each is written
    # (this rule runs for every document of every cold check).
    if (document.number_text or "").isascii() and all(
        reference.number.isascii() for key in _NUMBERED for reference in getattr(document, key)
    ):
        return
    # Most of the rest are written with Đ (`QĐ`): said before looking up where each is.
    if not _foreign_digits(document.number_text or "") and not any(
        _foreign_digits(reference.number)
        for key in _NUMBERED
        for reference in getattr(document, key)
    ):
        return
    named = [
        (
            "number",
            document.number_text or "",
            document.line_of("number"),
            document.column_of("number"),
        )
    ]
    for key in _NUMBERED:
        named += [(key, r.number, r.line, r.column) for r in getattr(document, key)]
    for key, text, line, column in named:
        foreign = _foreign_digits(text)
        if not foreign:
            continue
        plain = "".join(str(int(c)) if c.isdigit() and not c.isascii() else c for c in text)
        yield diagnostic(
            "N007",
            document.path,
            line,
            f"`{key}` ghi `{text}` với chữ số lạ ({foreign}), không phải chữ số thường 0–9 "
            f"(thường do gõ bằng bộ gõ toàn độ rộng hoặc dán từ nơi khác). Gõ lại: `{plain}`.",
            column,
        )
