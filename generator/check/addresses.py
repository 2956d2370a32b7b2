"""N rules on addresses: one address, one document — no two documents, and no old number kept
in `previous_numbers`, may claim the same public address (van-ban/2025/tb-340-vpub/)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.diagnostics import Diagnostic
from generator.model import Document
from generator.numbers import parse_number
from generator.registry import Registry
from generator.rules import diagnostic
from generator.urls import document_src, url_of


def _named(document: Document) -> str:
    return f"{document.path} (`{document.number_text or 'chưa có số'}`)"


def document_srcs(documents: list[Document]) -> list[str]:
    """Each document's address, in order: computed once for both rules below."""
    return [document_src(document) for document in documents]


def address_collision(
    documents: list[Document], srcs: list[str] | None = None
) -> Iterator[Diagnostic]:
    """Two documents whose addresses are the same: one would silently replace the other.

    (A plain page where the portal writes its own pages is F015, `check.pages`.) ``srcs`` is
    `document_srcs(documents)` when the caller has it already."""
    by_src: dict[str, list[Document]] = {}
    for document, src in zip(documents, srcs or document_srcs(documents), strict=True):
        by_src.setdefault(src, []).append(document)
    for src, group in by_src.items():
        texts = {d.number_text for d in group}
        if len(group) < 2 or (len(texts) == 1 and None not in texts):
            continue  # the same number twice in a year is N004's to report
        for document in group:
            others = ", ".join(_named(o) for o in group if o is not document)
            yield diagnostic(
                "N005",
                document.path,
                document.line_of("number"),
                f"Văn bản {_named(document)} và {others} cùng có địa chỉ /{url_of(src)}: chỉ "
                "một văn bản được đăng, văn bản kia mất. Địa chỉ bỏ dấu (Đ và D là một), nên "
                "hai số ký hiệu chỉ khác nhau ở dấu là trùng địa chỉ; kiểm tra lại số ký hiệu "
                "(hoặc, với bản nháp, đổi tên tệp).",
                document.column_of("number"),
            )


def previous_number_taken(
    documents: list[Document], registry: Registry, srcs: list[str] | None = None
) -> Iterator[Diagnostic]:
    """An old number whose address is another document's, now or formerly: its redirect
    would replace that document's page. ``srcs`` as for `address_collision`."""
    srcs = srcs or document_srcs(documents)
    current = dict(zip(srcs, documents, strict=True))
    former: dict[str, list[tuple[Document, str, int]]] = {}
    for document, own in zip(documents, srcs, strict=True):
        for previous in document.previous_numbers:
            if parse_number(previous.number) is None:
                continue  # not a number: no address to take (N001 reads numbers' form)
            old = document_src(document, previous.number)
            if old != own:
                former.setdefault(old, []).append((document, previous.number, previous))
    for old, claims in former.items():
        owner = current.get(old)
        for document, number, where in claims:
            if owner is not None and owner is not document:
                yield diagnostic(
                    "N006",
                    document.path,
                    where.line,
                    f"`previous_numbers` ghi `{number}`, nhưng địa chỉ /{url_of(old)} là của "
                    f"văn bản {_named(owner)} đang đăng: trang chuyển hướng sẽ thay mất văn bản "
                    "đó. Xóa dòng này nếu văn bản chưa từng mang số ấy.",
                    where.column,
                )
            for other, other_number, _ in claims:
                if other is not document:
                    yield diagnostic(
                        "N006",
                        document.path,
                        where.line,
                        f"`previous_numbers` ghi `{number}`, và {_named(other)} cũng ghi số cũ "
                        f"`{other_number}` cùng địa chỉ /{url_of(old)}: địa chỉ cũ chỉ chuyển "
                        "được về một văn bản. Giữ số cũ ở văn bản thật sự đã mang số ấy.",
                        where.column,
                    )
