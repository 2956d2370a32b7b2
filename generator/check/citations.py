"""C rules: citations in running text must name a known document by its right type and date."""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.numbers import wrong_symbol
from generator.check.references import unknown_hint
from generator.diagnostics import Diagnostic
from generator.model import Citation, Document, Page
from generator.numbers import parse_number
from generator.registry import Registry
from generator.rules import diagnostic


def _at(document: Document | Page, citation: Citation, code: str, message: str) -> Diagnostic:
    return diagnostic(code, document.path, citation.line, message, citation.column)


def citation_date_mismatch(document: Document | Page, registry: Registry) -> Iterator[Diagnostic]:
    for citation in document.citations:
        if citation.date_text is None:
            continue
        if not citation.date_ok:
            yield _at(
                document,
                citation,
                "C001",
                f"\u201c{citation.text}\u201d ghi ngày {citation.date_text}, một ngày không có "
                "trên lịch. Kiểm tra lại ngày ban hành của văn bản được dẫn chiếu.",
            )
            continue
        if citation.cited_date is None or registry.issued_on(citation.number, citation.cited_date):
            continue
        target = registry.resolve(citation.number, on=citation.cited_date, before=document.issued)
        if target is None or target.issued is None:
            continue
        yield _at(
            document,
            citation,
            "C001",
            f"\u201c{citation.text}\u201d: văn bản {citation.number} ban hành ngày "
            f"{target.issued:%d/%m/%Y} ({target.path}), không phải ngày {citation.date_text}. "
            "Sửa ngày trong câu dẫn chiếu, hoặc `issued` của văn bản kia nếu nó sai.",
        )


def citation_type_mismatch(document: Document | Page, registry: Registry) -> Iterator[Diagnostic]:
    for citation in document.citations:
        if not citation.numbered:
            continue
        doctype, number = citation.doctype, parse_number(citation.number)
        expected = wrong_symbol(doctype, number)
        if expected is None:
            continue
        assert doctype is not None and number is not None
        yield _at(
            document,
            citation,
            "C002",
            f"\u201c{citation.text}\u201d: ký hiệu `{number.symbol}` không phải của "
            f"{doctype.name.lower()} (phải là {expected}). Sửa tên loại văn bản hoặc số ký hiệu "
            "cho khớp với bản gốc.",
        )


def citation_unknown(document: Document | Page, registry: Registry) -> Iterator[Diagnostic]:
    for citation in document.citations:
        # An unnumbered law or a short reference links when a record is found, but its absence
        # proves nothing: "Nghị định 178" may mean any of several decrees.
        if not citation.numbered or registry.candidates(citation.number):
            continue
        hint = unknown_hint(registry, citation.number)
        yield _at(
            document,
            citation,
            "C003",
            f"\u201c{citation.text}\u201d dẫn chiếu `{citation.number}`, văn bản chưa có trong "
            f"kho nên không tạo được liên kết.{hint} Nếu số đúng, thêm tệp content/dan-chieu/... "
            "chỉ gồm phần thông tin: type, number, issued, title, issuer, status: published.",
        )


def citation_spelling(document: Document | Page, registry: Registry) -> Iterator[Diagnostic]:
    """C004: the number is written otherwise than the record registers it (`2927 -TB/TU`,
    `QĐ-TTG`). The citation still links; `portal fix` rewrites it as registered."""
    for citation in document.citations:
        if not citation.numbered:
            continue
        registered = registry.registered(citation.number)
        if registered is None or citation.written == registered:
            continue
        written = " ".join(citation.written.split())
        yield _at(
            document,
            citation,
            "C004",
            f"\u201c{' '.join(citation.text.split())}\u201d ghi số ký hiệu `{written}`; văn bản "
            f"được dẫn chiếu đăng ký là `{registered}`. Viết đúng như bản gốc (`portal fix "
            "--write` sửa được).",
        )
