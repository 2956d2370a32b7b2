"""N rules on addresses: one address, one document — no two documents, and no old number kept
in `previous_numbers`, may claim the same public address (van-ban/2025/tb-340-vpub/)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from generator.diagnostics import Diagnostic
from generator.rules import diagnostic
from generator.urls import url_of

if TYPE_CHECKING:
    from generator.check.facts import Facts


def _named(document: Facts) -> str:
    return f"{document.path} (`{document.number_text or 'chưa có số'}`)"


def address_collision(documents: list[Facts]) -> Iterator[Diagnostic]:
    """Two documents whose addresses are the same: one would silently replace the other.

    (A plain page where the portal writes its own pages is F015, `check.pages`.) Over the
    documents' facts (``check.facts``), which hold each address computed once."""
    by_src: dict[str, list[Facts]] = {}
    for document in documents:
        by_src.setdefault(document.src, []).append(document)
    for src, group in by_src.items():
        texts = {d.number_text for d in group}
        if len(group) < 2 or (len(texts) == 1 and None not in texts):
            continue  # the same number twice in a year is N004's to report
        for document in group:
            others = ", ".join(_named(o) for o in group if o is not document)
            line, column = document.number_at
            yield diagnostic(
                "N005",
                document.path,
                line,
                f"Văn bản {_named(document)} và {others} cùng có địa chỉ /{url_of(src)}: chỉ "
                "một văn bản được đăng, văn bản kia mất. Địa chỉ bỏ dấu (Đ và D là một), nên "
                "hai số ký hiệu chỉ khác nhau ở dấu là trùng địa chỉ; kiểm tra lại số ký hiệu "
                "(hoặc, với bản nháp, đổi tên tệp).",
                column,
            )


def previous_number_taken(documents: list[Facts]) -> Iterator[Diagnostic]:
    """An old number whose address is another document's, now or formerly: its redirect
    would replace that document's page."""
    current = {document.src: document for document in documents}
    former: dict[str, list[tuple[Facts, str, int, int | None]]] = {}
    for document in documents:
        for old, number, line, column in document.previous:
            former.setdefault(old, []).append((document, number, line, column))
    for old, claims in former.items():
        owner = current.get(old)
        for document, number, line, column in claims:
            if owner is not None and owner is not document:
                yield diagnostic(
                    "N006",
                    document.path,
                    line,
                    f"`previous_numbers` ghi `{number}`, nhưng địa chỉ /{url_of(old)} là của "
                    f"văn bản {_named(owner)} đang đăng: trang chuyển hướng sẽ thay mất văn bản "
                    "đó. Xóa dòng này nếu văn bản chưa từng mang số ấy.",
                    column,
                )
            for other, other_number, _, _ in claims:
                if other is not document:
                    yield diagnostic(
                        "N006",
                        document.path,
                        line,
                        f"`previous_numbers` ghi `{number}`, và {_named(other)} cũng ghi số cũ "
                        f"`{other_number}` cùng địa chỉ /{url_of(old)}: địa chỉ cũ chỉ chuyển "
                        "được về một văn bản. Giữ số cũ ở văn bản thật sự đã mang số ấy.",
                        column,
                    )
