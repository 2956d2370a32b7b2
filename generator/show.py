"""`portal show NUMBER`: a document's metadata and its relations, for the terminal."""

from __future__ import annotations

from generator.dates import legal_date, short_date
from generator.doctypes import SIGNING_MODES, VALIDITIES
from generator.graph import Graph, Link
from generator.model import Document, Signer

_KINDS = {
    "references": "ghi trong references",
    "amends": "sửa đổi, bổ sung",
    "replaces": "thay thế",
    "cites": "dẫn chiếu trong nội dung",
}


def describe(document: Document) -> str:
    """One line naming a document the way the office does: type, number, date, subject."""
    name = document.doctype.name if document.doctype else "Văn bản"
    number = document.number_text or "(chưa có số)"
    when = short_date(document.issued) if document.issued else "chưa có ngày"
    draft = ", bản nháp" if not document.published else ""
    return f"{name} {number} ({when}{draft}): {document.title}"


def _place_and_date(document: Document) -> str | None:
    if document.issued is None:
        return None
    when = legal_date(document.issued)
    return f"{document.place}, {when}" if document.place else when


def _link_line(link: Link, other: Document) -> str:
    where = ", ".join(_KINDS[k] for k in link.kinds)
    lines = sorted({c.line for c in link.citations})
    if lines:
        where += " (dòng " + ", ".join(map(str, lines)) + ")"
    return f"  - {describe(other)}\n      [{where}]"


def show(document: Document, graph: Graph) -> str:
    out = [describe(document), f"  Tệp: {document.path}"]
    out += [f"  {label}: {value}" for label, value in _facts(document) if value]
    out += _relations(document, graph)
    return "\n".join(out)


def _facts(document: Document) -> list[tuple[str, str | None]]:
    """The metadata, labelled as on the paper form, in its order; None where not given."""
    facts = [
        ("Loại văn bản", document.doctype.name if document.doctype else None),
        ("Số ký hiệu", document.number_text),
        ("Cơ quan ban hành", document.issuer),
        ("Ngày ban hành", _place_and_date(document)),
        ("Ngày có hiệu lực", short_date(document.effective) if document.effective else None),
        ("Tình trạng hiệu lực", VALIDITIES.get(document.validity or "")),
        ("Trạng thái", "đã ban hành" if document.published else "bản nháp (không đăng)"),
        ("Chủ đề", ", ".join(document.topics) or None),
    ]
    facts += _signer_facts(document.signer)
    facts += _dialogue_facts(document)
    if not document.has_text:
        facts.append(("Toàn văn", "chưa có (chỉ có thông tin văn bản)"))
    return facts


def _signer_facts(signer: Signer | None) -> list[tuple[str, str | None]]:
    if not signer:
        return []
    mode = f"{signer.mode} {signer.authority or ''}".strip() if signer.mode else ""
    facts = [("Người ký", " — ".join(x for x in (mode, signer.title, signer.name) if x) or None)]
    if signer.mode:
        facts.append(("Hình thức ký", SIGNING_MODES[signer.mode]))
    return facts


def _dialogue_facts(document: Document) -> list[tuple[str, str | None]]:
    """The petition window and the conference, when the document announces a dialogue."""
    facts: list[tuple[str, str | None]] = []
    window = document.petitions
    if window and window.start and window.end:
        facts.append(("Tiếp nhận kiến nghị", f"{window.start.text} đến {window.end.text}"))
    event = document.event
    if event and event.start:
        when = event.start.text + (f" đến {event.end.text}" if event.end else "")
        facts.append(("Hội nghị", when + (f", {event.location}" if event.location else "")))
    return facts


def _relations(document: Document, graph: Graph) -> list[str]:
    """What the document is based on, what cites it and, for a plan, its timeline."""
    based_on = graph.based_on(document)
    out = [f"\nCăn cứ, văn bản được dẫn chiếu ({len(based_on)}):"]
    out += [_link_line(link, link.target) for link in based_on] or ["  (không có)"]
    cited_by = graph.cited_by(document)
    out.append(f"\nVăn bản liên quan, dẫn chiếu văn bản này ({len(cited_by)}):")
    out += [_link_line(link, link.source) for link in cited_by] or ["  (không có)"]
    if document.doctype and document.doctype.key == "plan":
        timeline = graph.timeline(document)
        out.append(f"\nTiến trình thực hiện kế hoạch ({len(timeline)}):")
        out += [f"  {i}. {describe(d)}" for i, d in enumerate(timeline, 1)] or ["  (chưa có)"]
    return out
