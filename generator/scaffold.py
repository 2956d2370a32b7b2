"""`portal new`: a draft with every key an editor must fill, that `portal check` accepts.

The number stays "/TB-VPUB" until the document is signed; a comment suggests the next free
number of this year's series. With `--plan`, the text opens with the citation of the plan it
carries out, with the plan's real date, so the link and the date check work from the start.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.dates import short_date
from generator.doctypes import TYPES, DocType
from generator.model import Document
from generator.numbers import Form
from generator.registry import Registry
from generator.siteroot import SiteRoot
from generator.urls import ascii_slug

OFFICE = "VPUB"
OFFICE_NAME = "Văn phòng UBND tỉnh Sơn La"
# Documents announcing or concluding a dialogue carry its time and place.
_DIALOGUE_TYPES = ("notice", "agenda", "conclusion", "invitation")


class ScaffoldError(Exception):
    """What the editor asked for cannot be written (unknown type or number, file exists)."""


@dataclass(frozen=True)
class Draft:
    path: Path
    text: str


def next_free_number(registry: Registry, doctype: DocType, year: int) -> str | None:
    if not doctype.abbreviations:
        return None
    symbol = doctype.abbreviations[0]
    used = [
        d.number.serial
        for d in registry.documents
        if d.number
        and d.number.serial is not None
        and d.number.form is Form.STATE
        and d.number.issuer == OFFICE
        and d.number.symbol == symbol
        and d.issued is not None
        and d.issued.year == year
    ]
    return f"{max(used, default=0) + 1:02d}/{symbol}-{OFFICE}"


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # JSON strings are valid YAML, quotes and all


def _citation(plan: Document) -> str:
    when = f" ngày {short_date(plan.issued)}" if plan.issued else ""
    subject = plan.title[:1].lower() + plan.title[1:]
    return f"Thực hiện Kế hoạch số {plan.number_text}{when} của Văn phòng UBND tỉnh về {subject}."


def make_draft(
    layout: SiteRoot,
    registry: Registry,
    type_key: str,
    title: str,
    references: list[str],
    plan: str | None,
    today: date,
) -> Draft:
    doctype = TYPES.get(type_key)
    if doctype is None or not title.strip():
        raise ScaffoldError(
            f"Không có loại văn bản `{type_key}`. Chọn: " + ", ".join(f"`{t}`" for t in TYPES)
            if doctype is None
            else "Cần `--title` (trích yếu văn bản)."
        )
    plan_document = _plan(registry, plan, today)
    _require_known(registry, references)
    numbers = ([plan_document.number_text] if plan_document else []) + [
        n for n in references if not plan_document or n != plan_document.number_text
    ]
    if doctype.key == "petition":
        return _petition_draft(layout, title.strip(), today)
    lines = _frontmatter(registry, doctype, title.strip(), numbers, today)
    body = [_citation(plan_document)] if plan_document else []
    body.append("(Nội dung văn bản.)")
    folder = layout.content / "van-ban" / str(today.year)
    path = _free_path(folder, ascii_slug(f"{doctype.name} {title}")[:80].rstrip("-"))
    return Draft(path, "\n".join(lines) + "\n" + "\n\n".join(body) + "\n")


def _plan(registry: Registry, plan: str | None, today: date) -> Document | None:
    """The plan a `--plan` number names, or None without one; an error when it names none."""
    if plan is None:
        return None
    found = registry.resolve(plan, before=today)
    if found is None or not found.doctype or found.doctype.key != "plan":
        raise ScaffoldError(f"Không có kế hoạch số {plan} trong content/.")
    return found


def _require_known(registry: Registry, references: list[str]) -> None:
    unknown = [number for number in references if not registry.candidates(number)]
    if unknown:
        raise ScaffoldError(
            "Chưa có văn bản số " + ", ".join(unknown) + " trong content/: thêm tệp ghi thông tin "
            "văn bản đó trước, hoặc bỏ khỏi --references."
        )


def _frontmatter(
    registry: Registry, doctype: DocType, title: str, numbers: list[str], today: date
) -> list[str]:
    """The draft's frontmatter lines, fences included, with a hint for the next free number."""
    symbol = doctype.abbreviations[0] if doctype.abbreviations else ""
    suggestion = next_free_number(registry, doctype, today.year)
    lines = ["---", f"type: {doctype.key}"]
    if suggestion:
        lines.append(
            f"# Số tiếp theo còn trống trong sổ {symbol}-{OFFICE} năm {today.year}: {suggestion}"
        )
    lines += [
        f"number: /{symbol}-{OFFICE}" if symbol else "number:",
        "# Ngày ban hành, điền khi ký: YYYY-MM-DD",
        "issued:",
        f"title: {_quoted(title)}",
        f"issuer: {OFFICE_NAME}",
        "place: Sơn La",
        "status: draft",
        "references:" if numbers else "references: []",
        *(f"  - {_quoted(number)}" for number in numbers),
        "signer:",
        "  mode:  # KT., TM., TL., TUQ. hoặc Q.",
        "  authority:  # ký thay cho ai, ví dụ Chánh Văn phòng",
        "  title:  # chức vụ người ký",
        "  name:",
        "recipients: []",
        "topics: []",
    ]
    if doctype.key in _DIALOGUE_TYPES:
        lines += ["event:", "  start:  # YYYY-MM-DD HH:MM", "  end:", "  location:"]
    if doctype.key == "notice":
        lines += ["petitions:", "  start:  # YYYY-MM-DD", "  end:", "  channels: []"]
    lines.append("---")
    return lines


def _free_path(folder: Path, stem: str) -> Path:
    """``stem.md`` in the folder, or ``stem-2.md``, ``stem-3.md``...: never an existing file."""
    path = folder / f"{stem}.md"
    counter = 2
    while path.exists():
        path = folder / f"{stem}-{counter}.md"
        counter += 1
    return path


def _petition_draft(layout: SiteRoot, title: str, today: date) -> Draft:
    """A petition as the editor records it: no number, no signer, no personal data."""
    lines = [
        "---",
        "# Không ghi họ tên, số điện thoại, thư điện tử, số CCCD hay địa chỉ nhà của người gửi",
        "# (P003): các thông tin đó chỉ lưu ở sổ tiếp nhận của cơ quan.",
        "type: petition",
        f"title: {_quoted(title)}",
        "status: draft",
        f"received: {today.isoformat()}",
        "channel:  # hotline, email, letter, dialogue, portal hoặc in-person",
        "area:  # lĩnh vực, ví dụ Thủ tục hành chính",
        "from_place:  # xã, phường (không bắt buộc)",
        "question:  # tóm tắt nội dung kiến nghị",
        "state: received  # received, processing, forwarded hoặc answered",
        "# Khi trả lời: answered: YYYY-MM-DD, answer_by: số văn bản trả lời, và nội dung trả lời",
        "# ở dưới; đổi thành status: published để đăng.",
        "---",
    ]
    folder = layout.content / "kien-nghi" / str(today.year)
    path = _free_path(folder, ascii_slug(title)[:80].rstrip("-") or "kien-nghi")
    return Draft(path, "\n".join(lines) + "\n")
