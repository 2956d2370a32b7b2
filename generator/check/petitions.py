"""P rules: citizens' petitions (`type: petition`), recorded without personal data.

P003 reads the whole file (frontmatter, comments and body), so it runs per file from
``site.read_file``; the others need the registry or the configuration and run per site.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from generator.dates import short_date
from generator.diagnostics import Diagnostic
from generator.model import Document, Reference
from generator.petitions import PetitionConfig, deadline, is_overdue
from generator.registry import Registry, announces
from generator.rules import diagnostic

_REQUIRED = {
    "received": "`received` (ngày tiếp nhận, ví dụ `received: 2025-09-03`)",
    "channel": "`channel` (kênh tiếp nhận: `hotline`, `email`, `letter`, `dialogue`, `portal`, "
    "`in-person`)",
    "area": "`area` (lĩnh vực, ví dụ `area: Thủ tục hành chính`)",
    "question": "`question` (tóm tắt nội dung kiến nghị, không ghi thông tin cá nhân)",
    "state": "`state` (`received`, `processing`, `forwarded` hoặc `answered`)",
}


def check_petitions(
    documents: list[Document], registry: Registry, config: PetitionConfig, today: date
) -> Iterator[Diagnostic]:
    for petition in documents:
        if not petition.is_petition:
            continue
        yield from petition_answer_missing(petition)
        yield from petition_answered_before_received(petition)
        yield from petition_unknown_area(petition, config)
        yield from petition_overdue(petition, config, today)
        yield from petition_key_missing(petition)
        yield from petition_answer_by_unknown(petition, registry)
        yield from petition_dialogue_unknown(petition, registry)
        yield from petition_state_mismatch(petition)


def petition_answer_missing(petition: Document) -> Iterator[Diagnostic]:
    if petition.state != "answered":
        return
    if petition.answered is None and "answered" not in petition.lines:
        yield diagnostic(
            "P001",
            petition.path,
            petition.line_of("state"),
            "Kiến nghị đã trả lời (`state: answered`) phải có `answered` (ngày trả lời), ví dụ "
            "`answered: 2025-09-20`.",
            petition.column_of("state"),
        )
    if not petition.has_text:
        yield diagnostic(
            "P001",
            petition.path,
            petition.line_of("state"),
            "Kiến nghị đã trả lời (`state: answered`) nhưng chưa có nội dung trả lời: ghi câu "
            "trả lời sau dòng `---` cuối phần thông tin.",
            petition.column_of("state"),
        )


def petition_answered_before_received(petition: Document) -> Iterator[Diagnostic]:
    if petition.answered and petition.received and petition.answered < petition.received:
        yield diagnostic(
            "P002",
            petition.path,
            petition.line_of("answered"),
            f"Ngày trả lời ({short_date(petition.answered)}) trước ngày tiếp nhận "
            f"({short_date(petition.received)}). Kiểm tra `answered` và `received`.",
            petition.column_of("answered"),
        )


def petition_personal_data(path: str, text: str) -> Iterator[Diagnostic]:
    # Imported here: only reading a file needs the body rules (and Markdown, which they use).
    from generator.bodytext import Position
    from generator.check.body import find_personal_data

    where = Position(text, 1)
    for finding in find_personal_data(text, everything=True):
        line, column = where(finding.start)
        yield diagnostic(
            "P003",
            path,
            line,
            f"Có {finding.what} trong hồ sơ kiến nghị: `{finding.found}`. Hồ sơ kiến nghị không "
            "được chứa thông tin cá nhân của người gửi hay người khác (Nghị định "
            f"13/2023/NĐ-CP): xóa, hoặc viết chung (ví dụ {finding.masked}).",
            column=column,
        )


def petition_unknown_area(petition: Document, config: PetitionConfig) -> Iterator[Diagnostic]:
    if petition.area and petition.area not in config.areas:
        listing = ", ".join(f"“{a}”" for a in config.areas)
        yield diagnostic(
            "P004",
            petition.path,
            petition.line_of("area"),
            f"Lĩnh vực “{petition.area}” không có trong danh sách (`petition_areas` trong "
            f"mkdocs.yml): {listing}. Chọn một lĩnh vực có sẵn hoặc thêm vào danh sách.",
            petition.column_of("area"),
        )


def petition_overdue(
    petition: Document, config: PetitionConfig, today: date
) -> Iterator[Diagnostic]:
    if not is_overdue(petition, config, today):
        return
    due = deadline(petition, config)
    assert due is not None and petition.received is not None
    yield diagnostic(
        "P005",
        petition.path,
        petition.line_of("state"),
        f"Kiến nghị tiếp nhận ngày {short_date(petition.received)} đã quá hạn trả lời "
        f"(hạn {config.deadline_days} ngày làm việc: ngày {short_date(due)}) mà chưa trả lời. "
        "Trả lời, hoặc chuyển cơ quan có thẩm quyền (`state: forwarded`).",
        petition.column_of("state"),
    )


def petition_key_missing(petition: Document) -> Iterator[Diagnostic]:
    for key, what in _REQUIRED.items():
        if getattr(petition, key) or key in petition.invalid:
            continue  # present, or present but wrong and reported by the model
        # An empty key is pointed at; a missing one, at `type`.
        where = key if key in petition.lines else "type"
        yield diagnostic(
            "P006",
            petition.path,
            petition.line_of(where),
            f"Kiến nghị thiếu {what}.",
            petition.column_of(where),
        )


def _resolve(petition: Document, reference: Reference, registry: Registry) -> Document | None:
    return registry.resolve(reference.number, before=petition.answered or petition.received)


def petition_answer_by_unknown(petition: Document, registry: Registry) -> Iterator[Diagnostic]:
    reference = petition.answer_by
    if reference is None:
        return
    target = _resolve(petition, reference, registry)
    if target is not None and (target.published or not petition.published):
        return
    if target is None:
        close = registry.suggest(reference.number)
        problem = "không có văn bản nào mang số ký hiệu này" + (
            f" (có phải `{close}`?)" if close else ""
        )
    else:
        problem = "văn bản đó còn là bản nháp, trang hỏi đáp sẽ liên kết tới trang không có"
    yield diagnostic(
        "P007",
        petition.path,
        reference.line,
        f"`answer_by: {reference.number}`: {problem}. Ghi số ký hiệu của văn bản trả lời đã "
        "đăng trên Cổng (văn bản của cơ quan khác: thêm một tệp trong content/dan-chieu/).",
        reference.column,
    )


def petition_dialogue_unknown(petition: Document, registry: Registry) -> Iterator[Diagnostic]:
    reference = petition.dialogue
    if reference is None:
        return
    target = _resolve(petition, reference, registry)
    if target is not None and announces(target):
        return
    problem = (
        "không có văn bản nào mang số ký hiệu này"
        if target is None
        else "văn bản đó không phải thông báo hội nghị đối thoại (không có `event` hay `petitions`)"
    )
    yield diagnostic(
        "P008",
        petition.path,
        reference.line,
        f"`dialogue: {reference.number}`: {problem}. Ghi số của thông báo tổ chức hội nghị đối "
        "thoại mà kiến nghị được nêu, ví dụ `dialogue: 340/TB-VPUB`.",
        reference.column,
    )


def petition_state_mismatch(petition: Document) -> Iterator[Diagnostic]:
    if petition.answered is not None and petition.state not in (None, "answered"):
        yield diagnostic(
            "P009",
            petition.path,
            petition.line_of("state"),
            f"Có ngày trả lời (`answered`) nhưng `state: {petition.state}`: kiến nghị sẽ không "
            "được đăng. Đã trả lời thì ghi `state: answered`; chưa thì xóa `answered`.",
            petition.column_of("state"),
        )


def petition_text(data: bytes) -> str:
    """The whole file as text, for P003 (a file that is not UTF-8 is reported by F001)."""
    return data.decode("utf-8", "replace")
