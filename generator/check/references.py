"""R rules: the documents a document names in `references`, `amends` and `replaces`."""

from __future__ import annotations

from collections.abc import Iterator

from generator.diagnostics import Diagnostic
from generator.model import Document, Reference
from generator.numbers import number_key
from generator.registry import Registry
from generator.rules import diagnostic


def _named(document: Document) -> Iterator[tuple[str, Reference]]:
    for key in ("references", "amends", "replaces"):
        for reference in getattr(document, key):
            yield key, reference


def remember_suggestions(registry: Registry) -> None:
    """Make ``registry.suggest`` answer each number once: "did you mean" compares the number
    with every known one (difflib, ~10 ms at 10,000 documents), and a mistyped number is
    often cited by many documents. Only for a registry that no longer changes and is not
    pickled (a check worker's): the answers are kept on the instance.

    Each later call with the same number key answers as the first did and notes the same
    question in ``registry.asked``, as ``Registry.suggest`` would (tests/test_check.py)."""
    ask = registry.suggest
    answers: dict[str, tuple[str | None, tuple[str, str | None]]] = {}

    def suggest(number: str) -> str | None:
        key = number_key(number)
        known = answers.get(key)
        if known is None:
            asked, registry.asked = registry.asked, []
            try:
                answer, noted = ask(number), registry.asked
            finally:
                registry.asked = asked
            if len(noted) != 1:  # not the one question it notes now: nothing to reuse
                if asked is not None:
                    asked.extend(noted)
                return answer
            known = answers[key] = (answer, noted[0])
        if registry.asked is not None:
            registry.asked.append(known[1])
        return known[0]

    registry.suggest = suggest  # type: ignore[method-assign]


def unknown_hint(registry: Registry, number: str) -> str:
    """ " Có phải là `340/TB-VPUB`?" when a known number is close to an unknown one, else "".
    The one hint of R001 (frontmatter) and C003 (running text)."""
    close = registry.suggest(number)
    return f" Có phải là `{close}`?" if close else ""


def reference_unresolved(document: Document, registry: Registry) -> Iterator[Diagnostic]:
    for key, reference in _named(document):
        if registry.candidates(reference.number):
            continue
        hint = unknown_hint(registry, reference.number)
        yield diagnostic(
            "R001",
            document.path,
            reference.line,
            f"`{key}` ghi `{reference.number}` nhưng không có văn bản nào mang số ký hiệu này."
            f"{hint} Nếu số đúng, thêm một tệp trong content/ ghi thông tin văn bản đó "
            "(type, number, issued, title, issuer, status: published), không cần nội dung.",
            reference.column,
        )


def reference_to_draft(document: Document, registry: Registry) -> Iterator[Diagnostic]:
    if not document.published:
        return
    for _key, reference in _named(document):
        target = registry.resolve(reference.number, before=document.issued)
        if target is not None and not target.published:
            yield diagnostic(
                "R002",
                document.path,
                reference.line,
                f"Văn bản đã ban hành dẫn chiếu `{reference.number}` ({target.path}) còn là bản "
                "nháp: liên kết trên trang công khai sẽ hỏng. Ban hành văn bản đó trước, hoặc "
                "để văn bản này ở `status: draft`.",
                reference.column,
            )


def reference_to_later(document: Document, registry: Registry) -> Iterator[Diagnostic]:
    if document.issued is None:
        return
    for _key, reference in _named(document):
        target = registry.resolve(reference.number, before=document.issued)
        if target is None or target.issued is None or target.issued <= document.issued:
            continue
        yield diagnostic(
            "R003",
            document.path,
            reference.line,
            f"Văn bản ban hành ngày {document.issued:%d/%m/%Y} không thể dẫn chiếu "
            f"`{reference.number}` ban hành sau nó (ngày {target.issued:%d/%m/%Y}). Kiểm tra "
            "`issued` của hai văn bản.",
            reference.column,
        )
