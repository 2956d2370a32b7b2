"""Frontmatter reader: the declared keys, and typed documents and pages read from them (M codes).

The loader (``generator.load``) has already split the file and parsed its frontmatter into our
own positioned YAML nodes, so every key and list item keeps its line and column for
diagnostics, and no YAML implicit typing surprises an editor: ``number: 05`` or ``title: 2025``
stay text, and dates are parsed here, where an impossible one can be reported. What comes out
is the plain typed objects of ``generator.model``.

The keys are declared once (``DOCUMENT_KEYS``, ``PETITION_KEYS``, ``PAGE_KEYS``): ``_Reader``
reads by them and ``generator.schema`` turns them into the JSON Schema editors' tools use.
"""

from __future__ import annotations

import difflib
import re
import sys
from dataclasses import dataclass, field
from datetime import date, time
from enum import Enum
from typing import Any

from generator.dates import short_date
from generator.diagnostics import Diagnostic
from generator.doctypes import (
    PETITION_CHANNELS,
    PETITION_STATES,
    SIGNING_MODES,
    STATUSES,
    TYPES,
    VALIDITIES,
)
from generator.load import Mapping, Node, Scalar, Sequence, Source
from generator.model import (
    Attachment,
    Correction,
    Document,
    Event,
    Moment,
    Page,
    Reference,
    Signer,
    Window,
)
from generator.numbers import parse_number
from generator.patterns import lazy
from generator.rules import diagnostic

# -- the frontmatter keys ------------------------------------------------------------------
# One declaration per key, read by `_Reader.keys` below and turned into the JSON Schema that
# editors' tools use (`generator.schema`, `portal schema`): the two read the same table, so
# what `portal check` accepts and what an editor's tool completes cannot drift apart.


class Kind(Enum):
    TEXT = "text"  # any scalar, kept as text: `number: 05` stays "05"
    DATE = "date"  # YYYY-MM-DD
    MOMENT = "moment"  # YYYY-MM-DD, or YYYY-MM-DD HH:MM
    INTEGER = "integer"
    CHOICE = "choice"  # one of `choices`
    NUMBERS = "numbers"  # a list of số ký hiệu, each keeping its line
    TEXTS = "texts"  # a list of texts
    MAPPING = "mapping"  # the sub-keys in `keys`
    FILES = "files"  # a list of `file:` (+ `title:`) mappings, or bare file names
    CORRECTIONS = "corrections"  # a list of `date:` + `note:` mappings
    REFERENCE = "reference"  # one số ký hiệu, keeping its line and column


@dataclass(frozen=True)
class Key:
    kind: Kind
    help: str  # Vietnamese: editors' tools show it on hover
    choices: tuple[str, ...] = ()
    keys: dict[str, Key] = field(default_factory=dict)


_MOMENT_HELP = "dạng `YYYY-MM-DD HH:MM` (ví dụ `2025-09-26 14:00`) hoặc chỉ ngày `YYYY-MM-DD`"

DOCUMENT_KEYS: dict[str, Key] = {
    "type": Key(
        Kind.CHOICE,
        "Loại văn bản: `plan` (Kế hoạch), `notice` (Thông báo), `report` (Báo cáo)...; "
        "`page` cho trang thường.",
        (*TYPES, "page"),
    ),
    "number": Key(Kind.TEXT, "Số ký hiệu đúng như in, ví dụ `340/TB-VPUB`, `429-QĐ/TU`."),
    "issued": Key(Kind.DATE, "Ngày ban hành, dạng `YYYY-MM-DD`, ví dụ `2025-08-20`."),
    "title": Key(Kind.TEXT, "Trích yếu nội dung, không ghi tên loại văn bản."),
    "status": Key(
        Kind.CHOICE, "`draft`: bản nháp, không đăng; `published`: đã ban hành.", STATUSES
    ),
    "references": Key(Kind.NUMBERS, "Số ký hiệu các văn bản làm căn cứ hoặc được thực hiện."),
    "issuer": Key(Kind.TEXT, "Cơ quan ban hành, ví dụ `Văn phòng UBND tỉnh Sơn La`."),
    "place": Key(Kind.TEXT, "Địa danh ghi trước ngày ban hành, ví dụ `Sơn La`."),
    "signer": Key(
        Kind.MAPPING,
        "Người ký: `mode`, `authority`, `title`, `name`.",
        keys={
            "name": Key(Kind.TEXT, "Họ và tên người ký."),
            "title": Key(Kind.TEXT, "Chức vụ của người ký, ví dụ `Phó Chánh Văn phòng`."),
            "mode": Key(
                Kind.CHOICE,
                "Thẩm quyền ký: `KT.` (ký thay), `TM.` (thay mặt), `TL.` (thừa lệnh), "
                "`TUQ.` (thừa ủy quyền), `Q.` (quyền).",
                tuple(SIGNING_MODES),
            ),
            "authority": Key(Kind.TEXT, "Ký thay cho ai, ví dụ `Chánh Văn phòng`."),
        },
    ),
    "recipients": Key(Kind.TEXTS, "Nơi nhận, mỗi nơi một dòng."),
    "topics": Key(Kind.TEXTS, "Chủ đề, ví dụ `Đối thoại trực tiếp`."),
    "attachments": Key(
        Kind.FILES,
        "Bản gốc và phụ lục: mỗi mục `- file: ban-goc.pdf` kèm `title:`; tệp đặt cạnh văn bản.",
        keys={
            "file": Key(Kind.TEXT, "Tên tệp cạnh văn bản, hoặc địa chỉ http(s)."),
            "title": Key(Kind.TEXT, "Tên hiển thị của tệp, ví dụ `Bản ký số`."),
        },
    ),
    "effective": Key(Kind.DATE, "Ngày có hiệu lực, dạng `YYYY-MM-DD`."),
    "validity": Key(
        Kind.CHOICE,
        "Tình trạng hiệu lực: `in-force` (còn hiệu lực), `not-yet-in-force` (chưa có hiệu "
        "lực), `partly-expired` (hết hiệu lực một phần), `expired` (hết hiệu lực toàn bộ).",
        tuple(VALIDITIES),
    ),
    "amends": Key(Kind.NUMBERS, "Số ký hiệu các văn bản được văn bản này sửa đổi, bổ sung."),
    "replaces": Key(Kind.NUMBERS, "Số ký hiệu các văn bản được văn bản này thay thế."),
    "previous_numbers": Key(
        Kind.NUMBERS, "Số ký hiệu cũ khi văn bản đổi số: địa chỉ cũ tự chuyển sang địa chỉ mới."
    ),
    "event": Key(
        Kind.MAPPING,
        "Hội nghị đối thoại: `start`, `end`, `location`.",
        keys={
            "start": Key(Kind.MOMENT, f"Giờ bắt đầu, {_MOMENT_HELP}."),
            "end": Key(Kind.MOMENT, f"Giờ kết thúc, {_MOMENT_HELP}."),
            "location": Key(Kind.TEXT, "Địa điểm tổ chức."),
        },
    ),
    "petitions": Key(
        Kind.MAPPING,
        "Thời gian tiếp nhận kiến nghị: `start`, `end`, `channels`.",
        keys={
            "start": Key(Kind.MOMENT, f"Ngày bắt đầu nhận kiến nghị, {_MOMENT_HELP}."),
            "end": Key(Kind.MOMENT, f"Ngày cuối nhận kiến nghị, {_MOMENT_HELP}."),
            "channels": Key(Kind.TEXTS, "Nơi, cách gửi kiến nghị, mỗi cách một dòng."),
        },
    ),
    "publish_at": Key(
        Kind.DATE, "Ngày bắt đầu đăng, dạng `YYYY-MM-DD`: văn bản được giữ lại đến ngày đó."
    ),
    "summary": Key(Kind.TEXT, "Tóm tắt một câu cho danh sách."),
    "corrections": Key(
        Kind.CORRECTIONS,
        "Các lần đính chính, công khai trên trang: mỗi mục `- date: YYYY-MM-DD` kèm `note:`.",
        keys={
            "date": Key(Kind.DATE, "Ngày đính chính, dạng `YYYY-MM-DD`."),
            "note": Key(Kind.TEXT, "Đính chính gì, viết cho người đọc."),
        },
    ),
    "aliases": Key(
        Kind.TEXTS,
        "Các tên văn bản được gọi trong câu dẫn chiếu không ghi số, ví dụ `Luật Đất đai năm 2013`.",
    ),
}
# A petition's own keys (type: petition; see generator/petitions.py). On any other document
# they are unknown keys (M002), not silently ignored.
PETITION_KEYS: dict[str, Key] = {
    "received": Key(Kind.DATE, "Ngày tiếp nhận kiến nghị, dạng `YYYY-MM-DD`."),
    "channel": Key(Kind.CHOICE, "Kênh tiếp nhận.", tuple(PETITION_CHANNELS)),
    "area": Key(Kind.TEXT, "Lĩnh vực, theo danh sách `petition_areas` trong mkdocs.yml."),
    "from_place": Key(Kind.TEXT, "Xã, phường nơi người gửi ở (không ghi địa chỉ nhà)."),
    "question": Key(Kind.TEXT, "Nội dung kiến nghị, tóm tắt bằng lời của biên tập viên."),
    "state": Key(Kind.CHOICE, "Tình trạng xử lý.", tuple(PETITION_STATES)),
    "answered": Key(Kind.DATE, "Ngày trả lời, dạng `YYYY-MM-DD`."),
    "answer_by": Key(Kind.REFERENCE, "Số ký hiệu văn bản trả lời, ví dụ `340/TB-VPUB`."),
    "dialogue": Key(
        Kind.REFERENCE, "Số ký hiệu thông báo hội nghị đối thoại nơi kiến nghị được nêu."
    ),
}
DOCUMENT_REQUIRED = ("type", "title", "status")
PUBLISHED_REQUIRED = ("number", "issued")  # a published document has a number and a date

PAGE_KEYS: dict[str, Key] = {
    "type": Key(Kind.CHOICE, '`page`: trang thường như "Giới thiệu", không có số.', ("page",)),
    "title": Key(Kind.TEXT, "Tên trang."),
    "status": DOCUMENT_KEYS["status"],
    "summary": Key(Kind.TEXT, "Tóm tắt một câu."),
    "order": Key(Kind.INTEGER, "Thứ tự trong trình đơn, ví dụ `1`."),
    "publish_at": DOCUMENT_KEYS["publish_at"],
}
PAGE_REQUIRED = ("title",)


# -- value readers -------------------------------------------------------------------------
# Each reader takes a node, returns the value or None, and reports what is wrong.


class _Reader:
    def __init__(self, path: str) -> None:
        self.path = path
        self.diagnostics: list[Diagnostic] = []
        self.lines: dict[str, int] = {}
        self.columns: dict[str, int] = {}  # of each key's value
        self.key_columns: dict[str, int] = {}
        self.invalid: set[str] = set()  # keys whose value was reported as wrong

    def report(self, code: str, node: Node, message: str) -> None:
        self.diagnostics.append(diagnostic(code, self.path, node.line, message, node.column))

    def text(self, node: Node, key: str) -> str | None:
        if isinstance(node, Scalar):
            return node.value.strip() if node.value is not None else None
        self.report("M003", node, f"`{key}` cần một đoạn chữ, không phải danh sách hay khóa con.")
        return None

    def texts(self, node: Node, key: str) -> list[str]:
        return [r.number for r in self.references(node, key)]

    def references(self, node: Node, key: str) -> list[Reference]:
        if isinstance(node, Scalar):
            if node.value is None:
                return []
            # One item written inline is the commonest slip; accept it but say how to list.
            self.report(
                "M003",
                node,
                f"`{key}` là danh sách: viết mỗi mục trên một dòng bắt đầu bằng `- `, ví dụ\n"
                f"{key}:\n  - {node.value}",
            )
            return []
        if isinstance(node, Mapping):
            self.report("M003", node, f"`{key}` là danh sách các mục bắt đầu bằng `- `.")
            return []
        found: list[Reference] = []
        for index, item in enumerate(node.items):
            if isinstance(item, Scalar):  # the usual item: no path to name, no report
                value = item.value.strip() if item.value is not None else None
            else:
                value = self.text(item, f"{key}[{index + 1}]")
            if value:
                found.append(Reference(value, item.line, item.column))
        return found

    def day(self, node: Node, key: str) -> date | None:
        # The usual case first: a well-formed date of the calendar, read without a Moment.
        if isinstance(node, Scalar) and node.value is not None:
            match = DATE_FORM.fullmatch(node.value.strip())
            if match is not None:
                try:
                    return date(int(match["y"]), int(match["m"]), int(match["d"]))
                except ValueError:
                    pass  # not on the calendar: reported below
        moment = self.moment(node, key, with_time=False)
        return moment.day if moment else None

    def moment(self, node: Node, key: str, with_time: bool = True) -> Moment | None:
        value = self.text(node, key)
        if not value:
            return None
        pattern = MOMENT_FORM if with_time else DATE_FORM
        match = pattern.fullmatch(value)
        if not match:
            hint = _vietnamese_date_hint(value)
            example = "2025-09-26 14:00" if with_time else "2025-12-16"
            form = "`YYYY-MM-DD` hoặc `YYYY-MM-DD HH:MM`" if with_time else "`YYYY-MM-DD`"
            message = f"`{key}` phải ghi theo mẫu {form} (ví dụ `{example}`), không phải `{value}`."
            self.report("M003", node, message + (f" Có phải là `{hint}`?" if hint else ""))
            return None
        year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
        try:
            result = Moment(date(year, month, day))
        except ValueError:
            self.report(
                "M004",
                node,
                f"Ngày `{value}` không có trên lịch (tháng {month} năm {year} không có ngày "
                f"{day}). Kiểm tra lại ngày trên bản đã ký.",
            )
            return None
        if with_time and match["hh"] is not None:
            hour, minute = int(match["hh"]), int(match["mm"])
            if hour > 23 or minute > 59:
                self.report("M004", node, f"Giờ `{match['hh']}:{match['mm']}` không có thật.")
                return None
            result = Moment(result.day, time(hour, minute))
        return result

    def choice(self, node: Node, key: str, allowed: dict[str, str] | tuple[str, ...]) -> str | None:
        value = self.text(node, key)
        if value is None:
            return None
        if value in allowed:
            return value
        names = list(allowed)
        close = difflib.get_close_matches(value, names, n=1, cutoff=0.5)
        hint = f" Có phải ý bạn là `{close[0]}`?" if close else ""
        listing = ", ".join(f"`{n}`" for n in names[:12]) + (", ..." if len(names) > 12 else "")
        self.report(
            "M006", node, f"`{key}: {value}` không hợp lệ.{hint} Giá trị cho phép: {listing}."
        )
        return None

    def integer(self, node: Node, key: str) -> int | None:
        value = self.text(node, key)
        if value is None:
            return None
        if not re.fullmatch(r"-?\d+", value):
            self.report("M003", node, f"`{key}` là một số nguyên, ví dụ `{key}: 1`.")
            return None
        return int(value)

    def mapping(self, node: Node, key: str, fields: dict[str, Key]) -> dict[str, Any] | None:
        if isinstance(node, Scalar) and node.value is None:
            return None
        if not isinstance(node, Mapping):
            keys = ", ".join(f"`{k}`" for k in fields)
            self.report("M003", node, f"`{key}` cần các khóa con: {keys}.")
            return None
        return self.keys(node, fields, prefix=f"{key}.")

    def files(self, node: Node, key: str, fields: dict[str, Key]) -> list[Attachment]:
        if isinstance(node, Scalar) and node.value is None:
            return []
        if not isinstance(node, Sequence):
            self.report(
                "M003", node, f"`{key}` là danh sách, mỗi mục `- file: ...` kèm `title: ...`."
            )
            return []
        found = []
        for index, item in enumerate(node.items):
            if isinstance(item, Scalar):
                if item.value:
                    found.append(Attachment(item.value.strip(), None, item.line, item.column))
                continue
            values = self.mapping(item, f"{key}[{index + 1}]", fields)
            if values and values.get("file"):
                column = self.columns.get(f"{key}[{index + 1}].file", item.column)
                found.append(Attachment(values["file"], values.get("title"), item.line, column))
            elif values is not None:
                self.report("M005", item, f"Mục `{key}[{index + 1}]` thiếu `file`.")
        return found

    def value(self, node: Node, path: str, key: Key) -> Any:
        """Read one value as its declaration says."""
        kind = key.kind
        if kind is Kind.TEXT:
            return self.text(node, path)
        if kind is Kind.DATE:
            return self.day(node, path)
        if kind is Kind.MOMENT:
            return self.moment(node, path)
        if kind is Kind.INTEGER:
            return self.integer(node, path)
        if kind is Kind.CHOICE:
            return self.choice(node, path, key.choices)
        if kind is Kind.NUMBERS:
            return self.references(node, path)
        if kind is Kind.TEXTS:
            return self.texts(node, path)
        if kind is Kind.MAPPING:
            return self.mapping(node, path, key.keys)
        if kind is Kind.CORRECTIONS:
            return self.corrections(node, path, key.keys)
        if kind is Kind.REFERENCE:
            value = self.text(node, path)
            return Reference(value, node.line, node.column) if value else None
        return self.files(node, path, key.keys)

    def corrections(self, node: Node, key: str, fields: dict[str, Key]) -> list[Correction]:
        if isinstance(node, Scalar) and node.value is None:
            return []
        if not isinstance(node, Sequence):
            self.report("M010", node, _CORRECTION_FORM)
            return []
        found = []
        for index, item in enumerate(node.items):
            path = f"{key}[{index + 1}]"
            values = self.mapping(item, path, fields) if isinstance(item, Mapping) else None
            if values and values.get("date") and values.get("note"):
                found.append(Correction(values["date"], values["note"], item.line, item.column))
            elif not self.invalid & {f"{path}.date", f"{path}.note"}:
                self.report("M010", item, _CORRECTION_FORM)
        return found

    def keys(self, node: Mapping, fields: dict[str, Key], prefix: str = "") -> dict[str, Any]:
        """Read known keys; report keys given twice and unknown keys (with "did you mean")."""
        values: dict[str, Any] = {}
        seen: dict[str, int] = {}
        # Read once: this loop runs for every key of every file.
        lines, columns, key_columns, text = self.lines, self.columns, self.key_columns, Kind.TEXT
        for key_node, value_node in node.items:
            name = key_node.value
            if name is None:
                self.report("M002", key_node, "Khóa rỗng hoặc không phải chữ.")
                continue
            # Interned: every document then shares its key strings, which the results' pickles
            # (workers → parent, and the cache) write and rebuild once instead of per document.
            path = sys.intern(prefix + name)
            if name in seen:
                self.report(
                    "M001",
                    key_node,
                    f"Khóa `{path}` đã khai báo ở dòng {seen[name]}; YAML sẽ bỏ giá trị trước mà "
                    "không báo. Giữ một dòng, xóa dòng còn lại.",
                )
                continue
            seen[name] = key_node.line
            declared = fields.get(name)
            if declared is None:
                self.report("M002", key_node, _unknown_key_message(path, name, fields))
                continue
            lines[path] = key_node.line
            columns[path] = value_node.column
            key_columns[path] = key_node.column
            if declared.kind is text and isinstance(value_node, Scalar):
                # The commonest value, read inline: `self.text` would give the same.
                value = value_node.value
                values[name] = value.strip() if value is not None else None
                continue
            before = len(self.diagnostics)
            values[name] = self.value(value_node, path, declared)
            if len(self.diagnostics) > before:
                self.invalid.add(path)
        return values


DATE_FORM = lazy(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})")
MOMENT_FORM = lazy(
    r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[ T](?P<hh>\d{1,2}):(?P<mm>\d{2})(?::00)?)?"
)
_VN_DATE = lazy(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")

# Keys editors reach for from the paper form or another tool, and what they mean here.
_KEY_ALIASES = {
    "so": "number",
    "so_ky_hieu": "number",
    "sokyhieu": "number",
    "symbol": "number",
    "ngay": "issued",
    "ngay_ban_hanh": "issued",
    "date": "issued",
    "trich_yeu": "title",
    "subject": "title",
    "loai": "type",
    "trang_thai": "status",
    "can_cu": "references",
    "refs": "references",
    "tags": "topics",
    "chu_de": "topics",
    "noi_nhan": "recipients",
    "nguoi_ky": "signer",
    "co_quan": "issuer",
}


def _unknown_key_message(path: str, name: str, fields: dict[str, Any]) -> str:
    suggestion = _KEY_ALIASES.get(name.lower())
    if suggestion not in fields:
        close = difflib.get_close_matches(name, list(fields), n=1, cutoff=0.6)
        suggestion = close[0] if close else None
    hint = f" Có phải ý bạn là `{suggestion}`?" if suggestion else ""
    return f"Khóa `{path}` không được hỗ trợ: thông tin ghi ở đây sẽ không hiện trên trang.{hint}"


def _vietnamese_date_hint(value: str) -> str | None:
    match = _VN_DATE.fullmatch(value.strip())
    if not match:
        return None
    day, month, year = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"


# -- building ------------------------------------------------------------------------------


def read_model(source: Source) -> tuple[Document | Page | None, list[Diagnostic]]:
    """Build the typed object for a loaded source; None when its frontmatter was unreadable."""
    if source.front is None:
        return None, []
    reader = _Reader(source.path)
    front = source.front
    type_node = next((v for k, v in front.items if k.value == "type"), None)
    type_key = type_node.value if isinstance(type_node, Scalar) else None
    if type_key == "page":
        return _read_page(reader, source), reader.diagnostics
    return _read_document(reader, source, type_key == "petition"), reader.diagnostics


def _read_page(reader: _Reader, source: Source) -> Page:
    values = reader.keys(source.front, PAGE_KEYS)  # type: ignore[arg-type]
    title = values.get("title")
    if not (title or "").strip():
        # `title: ~` or `title: ""` is as missing as no key: the page would have no name.
        line = reader.lines.get("title", source.front.line)  # type: ignore[union-attr]
        reader.diagnostics.append(
            diagnostic(
                "M005",
                source.path,
                line,
                "Trang thiếu `title` (tên trang trên menu).",
                reader.columns.get("title", source.front.column),  # type: ignore[union-attr]
            )
        )
    return Page(
        path=source.path,
        title=title or "",
        status=values.get("status") or "published",
        summary=values.get("summary"),
        order=values.get("order"),
        publish_at=values.get("publish_at"),
        body=source.body,
        body_line=source.body_line,
        lines=reader.lines,
    )


def _read_document(reader: _Reader, source: Source, is_petition: bool) -> Document:
    front = source.front
    assert front is not None
    values = reader.keys(
        front, {**DOCUMENT_KEYS, **PETITION_KEYS} if is_petition else DOCUMENT_KEYS
    )
    _check_corrections(reader, source, values)
    _check_required(reader, front, source.path, values, is_petition)
    return _document(reader, source, values)


def _check_corrections(reader: _Reader, source: Source, values: dict[str, Any]) -> None:
    """M011: a correction dated before the document was issued."""
    issued = values.get("issued")
    for correction in values.get("corrections") or []:
        if issued and correction.day < issued:
            reader.diagnostics.append(
                diagnostic(
                    "M011",
                    source.path,
                    correction.line,
                    f"Đính chính ngày {short_date(correction.day)} sớm hơn ngày ban hành "
                    f"{short_date(issued)}: văn bản chỉ được đính chính sau khi ban hành.",
                    correction.column,
                )
            )


def _check_required(
    reader: _Reader, front: Mapping, path: str, values: dict[str, Any], is_petition: bool
) -> None:
    """M005: a required key missing or empty (number and date once published)."""
    required = list(DOCUMENT_REQUIRED)
    # A petition has no number or date of issue: its own keys are checked by the P rules.
    if values.get("status") == "published" and not is_petition:
        required += PUBLISHED_REQUIRED
    for key in required:
        if values.get(key) or key in reader.invalid:
            continue  # present, or present but wrong and already reported with its own code
        # An empty key is pointed at; a missing one, where the frontmatter's keys start.
        line = reader.lines.get(key, front.line)
        column = reader.key_columns.get(key, front.column)
        reader.diagnostics.append(diagnostic("M005", path, line, _MISSING[key], column))


def _document(reader: _Reader, source: Source, values: dict[str, Any]) -> Document:
    """The typed document from the values read (None or empty where a key was wrong)."""
    signer, event, petitions = values.get("signer"), values.get("event"), values.get("petitions")
    number_text = values.get("number")
    return Document(
        path=source.path,
        doctype=TYPES.get(values.get("type") or ""),
        title=values.get("title") or "",
        status=values.get("status") or "draft",
        number=parse_number(number_text) if number_text else None,
        number_text=number_text,
        issued=values.get("issued"),
        references=values.get("references") or [],
        issuer=values.get("issuer"),
        place=values.get("place"),
        signer=Signer(**signer) if signer else None,
        recipients=values.get("recipients") or [],
        topics=values.get("topics") or [],
        attachments=values.get("attachments") or [],
        effective=values.get("effective"),
        validity=values.get("validity"),
        amends=values.get("amends") or [],
        replaces=values.get("replaces") or [],
        previous_numbers=values.get("previous_numbers") or [],
        event=Event(**event) if event else None,
        petitions=Window(
            petitions.get("start"), petitions.get("end"), tuple(petitions.get("channels") or ())
        )
        if petitions
        else None,
        publish_at=values.get("publish_at"),
        summary=values.get("summary"),
        corrections=values.get("corrections") or [],
        received=values.get("received"),
        channel=values.get("channel"),
        area=values.get("area"),
        from_place=values.get("from_place"),
        question=values.get("question"),
        state=values.get("state"),
        answered=values.get("answered"),
        answer_by=values.get("answer_by"),
        dialogue=values.get("dialogue"),
        aliases=values.get("aliases") or [],
        body=source.body,
        body_line=source.body_line,
        has_text=bool(source.body) and not source.body.isspace(),  # no copy of the body
        lines=reader.lines,
        columns=reader.columns,
        invalid=frozenset(reader.invalid),
    )


_CORRECTION_FORM = (
    "`corrections` là danh sách các lần đính chính, mỗi mục có `date` (ngày đính chính, "
    "`YYYY-MM-DD`) và `note` (nội dung đính chính cho người đọc), ví dụ\n"
    "corrections:\n  - date: 2025-08-22\n    note: Sửa thời gian hội nghị thành 14 giờ."
)

_MISSING = {
    "type": "Thiếu `type` (loại văn bản), ví dụ `type: plan` cho Kế hoạch, `type: notice` cho "
    "Thông báo, `type: page` cho trang thường.",
    "title": "Thiếu `title` (trích yếu, không ghi tên loại văn bản), ví dụ `title: Tổ chức hội "
    "nghị đối thoại năm 2026`.",
    "status": "Thiếu `status`: `draft` (bản nháp, chưa đăng) hoặc `published` (đã ban hành).",
    "number": "Văn bản đã ban hành (`status: published`) phải có `number`, ví dụ `number: "
    "340/TB-VPUB`. Chưa có số thì để `status: draft`.",
    "issued": "Văn bản đã ban hành (`status: published`) phải có `issued` (ngày ban hành), ví dụ "
    "`issued: 2025-08-20`. Chưa có ngày thì để `status: draft`.",
}
