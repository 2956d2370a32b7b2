"""The monthly digest of petitions: "tổng hợp các kiến nghị, phản ánh ... vào ngày 20 hằng
tháng, gửi về Phòng Tổ chức - Hành chính - Quản trị" (the conclusion notice of the dialogue
with staff). Written as a draft report in content/ (rendered in the office-report layout by
the document page) and, on request, as a Word file laid out after Nghị định 30/2020/NĐ-CP.

Everything here is a function of the content and the period: two runs give the same files.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from generator.dates import short_date
from generator.doctypes import PETITION_CHANNELS, PETITION_STATES
from generator.model import Document
from generator.petitions import (
    PetitionConfig,
    deadline,
    petition_sources,
    public_petitions,
)
from generator.siteroot import SiteRoot
from generator.urls import UrlScheme

if TYPE_CHECKING:  # only a type here: importing `site` at run time would load every check
    from generator.site import Site

ISSUER = "Văn phòng UBND tỉnh Sơn La"
INTRO = (
    "Thực hiện chỉ đạo của Chánh Văn phòng tại Hội nghị đối thoại với công chức, viên chức, "
    "người lao động về việc tổng hợp các kiến nghị, phản ánh của nhân dân liên quan đến công "
    "tác Văn phòng trên Cổng thông tin điện tử Văn phòng vào ngày 20 hằng tháng, Trung tâm "
    "Thông tin báo cáo kết quả như sau:"
)
RECIPIENTS = (
    "Phòng Tổ chức - Hành chính - Quản trị",
    "Lãnh đạo Văn phòng (b/c)",
    "Lưu: VT, TTTT",
)


@dataclass
class Digest:
    start: date
    end: date
    received: list[Document] = field(default_factory=list)
    answered: list[Document] = field(default_factory=list)
    forwarded: list[Document] = field(default_factory=list)
    overdue: list[Document] = field(default_factory=list)
    by_channel: Counter[str] = field(default_factory=Counter)
    by_area: Counter[str] = field(default_factory=Counter)
    by_state: Counter[str] = field(default_factory=Counter)
    links: dict[str, str] = field(default_factory=dict)  # petition path → public address
    deadlines: dict[str, date] = field(default_factory=dict)
    areas: tuple[str, ...] = ()  # in the order of the configuration

    @property
    def title(self) -> str:
        return (
            "Tổng hợp kiến nghị, phản ánh của nhân dân liên quan đến công tác Văn phòng từ ngày "
            f"{short_date(self.start)} đến ngày {short_date(self.end)}"
        )


def period_of(month: str) -> tuple[date, date]:
    """ "2025-09" → 20/8/2025 to 19/9/2025: the digest is made on the 20th of each month."""
    year, number = (int(part) for part in month.split("-"))
    end = date(year, number, 19)
    first = date(year, number, 1) - timedelta(days=1)
    return date(first.year, first.month, 20), end


def make_digest(
    site: Site,
    start: date,
    end: date,
    config: PetitionConfig,
    site_url: str = "",
    urls: UrlScheme | None = None,
) -> Digest:
    petitions = sorted((d for d in site.documents if d.is_petition), key=_order)
    digest = Digest(start, end, areas=config.areas)
    public = public_petitions(petitions, end, drafts=False)
    sources = petition_sources(public)
    urls = urls or UrlScheme()
    digest.links = {p.path: site_url + urls.url(sources[p.path]) for p in public}
    for petition in petitions:
        due = deadline(petition, config)
        if due:
            digest.deadlines[petition.path] = due
        _tally(digest, petition, due)
    return digest


def _tally(digest: Digest, petition: Document, due: date | None) -> None:
    """Count one petition into the period's figures and lists."""
    start, end = digest.start, digest.end
    received = petition.received
    if received and start <= received <= end:
        digest.received.append(petition)
        digest.by_channel[petition.channel or ""] += 1
        digest.by_area[petition.area or "Khác"] += 1
        digest.by_state[petition.state or ""] += 1
        if petition.state == "forwarded":
            digest.forwarded.append(petition)
    answered = petition.answered if petition.state == "answered" else None
    if answered and start <= answered <= end:
        digest.answered.append(petition)
    if _overdue(petition, due, answered, end):
        digest.overdue.append(petition)


def _overdue(petition: Document, due: date | None, answered: date | None, end: date) -> bool:
    """Received by the end of the period and due before it, yet neither answered by then nor
    forwarded to the competent body."""
    answered_in_time = answered is not None and answered <= end
    received = petition.received
    return bool(
        received
        and received <= end
        and due
        and due < end
        and not answered_in_time
        and petition.state != "forwarded"
    )


def _order(petition: Document) -> tuple[date, str]:
    return (petition.received or date.min, petition.path)


def petition_id(petition: Document) -> str:
    """How the digest names a petition: its file name, which the editor chose and keeps."""
    return PurePosixPath(petition.path).stem


def report_path(layout: SiteRoot, month: str) -> Path:
    return layout.content / "van-ban" / month[:4] / f"bao-cao-kien-nghi-{month}.md"


def docx_path(root: Path, month: str) -> Path:
    # Outside content/: a Word file there would be published as it is, draft or not.
    return root / "bao-cao" / f"bao-cao-kien-nghi-{month}.docx"


# -- the report as Markdown ---------------------------------------------------------------


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _count_tables(digest: Digest) -> tuple[list[list[str]], ...]:
    """The received petitions counted by channel, by area and by state, each with its header."""
    channel_rows = [["Kênh tiếp nhận", "Số kiến nghị"]] + [
        [PETITION_CHANNELS[c], str(digest.by_channel[c])]
        for c in PETITION_CHANNELS
        if digest.by_channel[c]
    ]
    area_rows = [["Lĩnh vực", "Số kiến nghị"]] + [
        [area, str(digest.by_area[area])]
        for area in [*digest.areas, *sorted(set(digest.by_area) - set(digest.areas))]
        if digest.by_area[area]
    ]
    state_rows = [["Tình trạng", "Số kiến nghị"]] + [
        [PETITION_STATES[s], str(digest.by_state[s])] for s in PETITION_STATES if digest.by_state[s]
    ]
    return channel_rows, area_rows, state_rows


def _listing(digest: Digest, petitions: list[Document], last: str) -> list[list[str]]:
    """A numbered table of petitions whose last column is ``last``."""
    rows = [["STT", "Mã", "Ngày tiếp nhận", "Lĩnh vực", "Nội dung", last]]
    for n, p in enumerate(petitions, start=1):
        rows.append(
            [
                str(n),
                petition_id(p),
                short_date(p.received) if p.received else "",
                p.area or "",
                p.title,
                _last_column(digest, p, last),
            ]
        )
    return rows


def sections(digest: Digest) -> list[tuple[str, list[str], list[list[str]]]]:
    """The body as (heading, paragraphs, table rows) shared by the Markdown and Word forms;
    the first table row is the header."""
    total = len(digest.received)
    channel_rows, area_rows, state_rows = _count_tables(digest)

    def listing(petitions: list[Document], last: str) -> list[list[str]]:
        return _listing(digest, petitions, last)

    none = ["Không có."]
    return [
        (
            "I. TÌNH HÌNH TIẾP NHẬN",
            [
                f"Từ ngày {short_date(digest.start)} đến ngày {short_date(digest.end)}, Văn "
                f"phòng tiếp nhận {total} kiến nghị, phản ánh; trả lời {len(digest.answered)} "
                f"kiến nghị; chuyển cơ quan có thẩm quyền {len(digest.forwarded)} kiến nghị; "
                f"{len(digest.overdue)} kiến nghị quá hạn chưa trả lời.",
                "1. Theo kênh tiếp nhận:",
            ],
            channel_rows if total else [],
        ),
        ("", ["2. Theo lĩnh vực:"], area_rows if total else []),
        ("", ["3. Theo tình trạng giải quyết:"], state_rows if total else []),
        (
            "II. DANH SÁCH KIẾN NGHỊ",
            ["1. Kiến nghị tiếp nhận trong kỳ:"] + ([] if digest.received else none),
            listing(digest.received, "Tình trạng") if digest.received else [],
        ),
        (
            "",
            ["2. Kiến nghị đã trả lời trong kỳ:"] + ([] if digest.answered else none),
            listing(digest.answered, "Trả lời") if digest.answered else [],
        ),
        (
            "",
            ["3. Kiến nghị chuyển cơ quan có thẩm quyền:"] + ([] if digest.forwarded else none),
            listing(digest.forwarded, "Tình trạng") if digest.forwarded else [],
        ),
        (
            "",
            [f"4. Kiến nghị quá hạn chưa trả lời (đến ngày {short_date(digest.end)}):"]
            + ([] if digest.overdue else none),
            listing(digest.overdue, "Hạn trả lời") if digest.overdue else [],
        ),
    ]


def _last_column(digest: Digest, petition: Document, kind: str) -> str:
    if kind == "Hạn trả lời":
        due = digest.deadlines.get(petition.path)
        return short_date(due) if due else ""
    if kind == "Trả lời":
        parts = [short_date(petition.answered)] if petition.answered else []
        if petition.answer_by:
            parts.append(f"theo {petition.answer_by.number}")
        return ", ".join(parts)
    return PETITION_STATES.get(petition.state or "", "")


def render_markdown(digest: Digest, month: str) -> str:
    front = [
        "---",
        f"# Written by `portal digest --month {month}`: a draft to check, number and sign.",
        "type: report",
        "number: /BC-VPUB",
        f"title: {_yaml(digest.title)}",
        f"issuer: {ISSUER}",
        "place: Sơn La",
        "status: draft",
        "recipients:",
        *(f"  - {_yaml(r)}" for r in RECIPIENTS),
        "topics:",
        "  - Kiến nghị, phản ánh",
        "---",
    ]
    body = [INTRO, ""]
    for heading, paragraphs, rows in sections(digest):
        if heading:
            body += [f"**{heading}**", ""]
        for paragraph in paragraphs:
            # "1. Theo ..." is a numbered heading of the report, not a Markdown list.
            body += [re.sub(r"^(\d+)\. ", r"\1\\. ", paragraph), ""]
        if rows:
            body.append("| " + " | ".join(rows[0]) + " |")
            body.append("|" + " --- |" * len(rows[0]))
            for row in rows[1:]:
                body.append("| " + " | ".join(_cell(c) for c in row) + " |")
            body.append("")
    linked = [p for p in digest.answered if p.path in digest.links]
    if linked:
        body += ["Câu trả lời đã đăng tại mục Hỏi đáp – Kiến nghị của Cổng:", ""]
        body += [f"- [{_cell(p.title)}]({digest.links[p.path]})" for p in linked]
        body.append("")
    body.append("Trung tâm Thông tin trân trọng báo cáo./.")
    return "\n".join(front) + "\n" + "\n".join(body) + "\n"


# -- the report as a Word file -------------------------------------------------------------


def render_docx(digest: Digest) -> bytes:
    """A4, Times New Roman 14, margins 20/20/30/15 mm, the two-column header of Nghị định 30."""
    from docx import Document as Word
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    word = Word()
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = word.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    # Word takes Vietnamese letters from the East Asian slot unless it is set as well.
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    word.core_properties.title = digest.title
    word.core_properties.author = ISSUER

    _docx_header(word)
    _line(word, "")
    _line(word, "BÁO CÁO", bold=True)
    _line(word, digest.title, bold=True)
    _line(word, "")
    word.add_paragraph(INTRO).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for heading, paragraphs, rows in sections(digest):
        if heading:
            _line(word, heading, bold=True, center=False)
        for paragraph in paragraphs:
            word.add_paragraph(paragraph).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if rows:
            _docx_table(word, rows)
    word.add_paragraph("Trung tâm Thông tin trân trọng báo cáo./.")
    _docx_footer(word)

    raw = io.BytesIO()
    word.save(raw)
    return _fixed_zip(raw.getvalue())


def _line(
    target: Any,  # the document or a table cell: both add paragraphs
    text: str,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    center: bool = True,
) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = target.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)
    paragraph.paragraph_format.space_after = Pt(0)
    return paragraph


def _docx_header(word: Any) -> None:
    """The issuing body on the left, the national motto on the right (Nghị định 30)."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Mm

    header = word.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = header.rows[0].cells
    left.width, right.width = Mm(65), Mm(100)
    left.paragraphs[0].text = ""
    _line(left, "ỦY BAN NHÂN DÂN TỈNH SƠN LA", size=13)
    _line(left, "VĂN PHÒNG", bold=True, size=13)
    _line(left, "Số:      /BC-VPUB", size=13)
    _line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=13)
    _line(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=14)
    _line(right, "Sơn La, ngày      tháng      năm      ", italic=True, size=14)
    for cell in (left, right):  # python-docx starts each cell with an empty paragraph
        first = cell.paragraphs[0]
        if not first.text:
            first._element.getparent().remove(first._element)


def _docx_table(word: Any, rows: list[list[str]]) -> None:
    """A grid table in 12 points, its first row (the header) in bold."""
    from docx.shared import Pt

    table = word.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            cell.text = value
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(12)
                run.bold = r == 0


def _docx_footer(word: Any) -> None:
    """The recipients on the left, the signer's title on the right."""
    from docx.shared import Pt

    footer = word.add_table(rows=1, cols=2)
    to, sign = footer.rows[0].cells
    to.paragraphs[0].text = ""
    run = to.paragraphs[0].add_run("Nơi nhận:")
    run.bold, run.italic, run.font.size = True, True, Pt(12)
    for recipient in RECIPIENTS:
        paragraph = to.add_paragraph(f"- {recipient}.")
        paragraph.runs[0].font.size = Pt(11)
    sign.paragraphs[0].text = ""
    _line(sign, "CHÁNH VĂN PHÒNG", bold=True)


def _fixed_zip(data: bytes) -> bytes:
    """The same parts with a fixed time stamp: two runs give the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
