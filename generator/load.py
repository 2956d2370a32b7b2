"""Load: turn a file's bytes into frontmatter nodes (with line numbers) and a Markdown body.

Every failure becomes a diagnostic; nothing here raises on any input. The YAML is read as a
stream of libyaml events into a small node tree of our own instead of being constructed into
Python objects, because that (1) keeps the line of every key and list item, (2) keeps keys given
twice visible, (3) never expands aliases (billion laughs) and (4) stops at a nesting limit before
libyaml's composer would recurse into a crash.
"""

from __future__ import annotations

import hashlib
import operator
import os
import re
import stat
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from generator.diagnostics import Diagnostic
from generator.patterns import lazy
from generator.rules import diagnostic

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_FRONTMATTER_BYTES = 64 * 1024
MAX_DEPTH = 20

_BOM = b"\xef\xbb\xbf"
# The line closing the frontmatter: "---" (or YAML's "..."), trailing spaces allowed. Searched
# with its line break: a pattern that starts with a literal lets the engine skip ahead in C.
_CLOSING = lazy(r"\n(?:---|\.\.\.)[ \t]*$", re.M)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
# The event parser: None for libyaml's (CSafeLoader) where PyYAML has it, else PyYAML's own.
_EventLoader: type | None = None


@dataclass(slots=True)
class Scalar:
    value: str | None  # None for a YAML null; every other scalar stays text
    line: int
    column: int


@dataclass(slots=True)
class Mapping:
    items: list[tuple[Scalar, Node]]
    line: int
    column: int


@dataclass(slots=True)
class Sequence:
    items: list[Node]
    line: int
    column: int


Node = Scalar | Mapping | Sequence


@dataclass
class Source:
    """One Markdown file as read: frontmatter nodes, body text and what went wrong."""

    path: str  # relative to the site root, with forward slashes
    front: Mapping | None = None
    body: str = ""
    body_line: int = 1  # the 1-based line on which the body starts
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # (size, modification time, SHA-256) of the bytes read, for the check's cache; None when
    # nothing was read from a regular file.
    stamp: tuple[int, int, str] | None = None
    # The bytes read, as they are: a petition is checked whole (P003), from these very bytes,
    # never from a second read of a file that may have changed or been replaced meanwhile.
    data: bytes = b""

    @property
    def readable(self) -> bool:
        return self.front is not None


def load_file(path: str | Path, relpath: str) -> Source:
    """Read one file, reading at most MAX_FILE_BYTES + 1 bytes so memory stays bounded."""
    try:
        # Non-blocking, then checked: a FIFO put in place of a file must not stall the read.
        # Read with os.read on the descriptor: a buffered file object costs more to set up
        # (~10 µs) than reading a document does.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode):
                source = Source(relpath)
                source.diagnostics.append(
                    diagnostic("F013", relpath, 1, f"Bỏ qua `{relpath}`: không phải tệp thường.")
                )
                return source
            data = _read_bounded(descriptor, status.st_size)
        finally:
            os.close(descriptor)
    except OSError as error:
        source = Source(relpath)
        source.diagnostics.append(
            diagnostic("F001", relpath, 1, f"Không đọc được tệp: {error.strerror or error}.")
        )
        return source
    source = load_bytes(data, relpath)
    source.stamp = (status.st_size, status.st_mtime_ns, hashlib.sha256(data).hexdigest())
    source.data = data
    return source


def _read_bounded(descriptor: int, size: int) -> bytes:
    """At most MAX_FILE_BYTES + 1 bytes, asking for the size the file has: a read of 2 MiB
    allocates (and faults in) a 2 MiB buffer, which cost more than the rest of loading a file.
    A file that grows meanwhile is read on, up to the same bound."""
    limit = MAX_FILE_BYTES + 1
    want = min(size + 1, limit)
    data = os.read(descriptor, want)
    # A read may return less than asked: read on until the size asked for, or the end.
    while len(data) < want and (more := os.read(descriptor, want - len(data))):
        data += more
    if len(data) <= size:
        return data  # the whole file: the usual case
    while len(data) < limit and (more := os.read(descriptor, min(64 * 1024, limit - len(data)))):
        data += more
    return data


# Kept whole: one guard per F rule in the order the bytes must be examined (size before
# anything, NUL and BOM before decoding, NFC after); the length is their Vietnamese messages.
def load_bytes(data: bytes, relpath: str) -> Source:
    source = Source(relpath)
    report = source.diagnostics
    if len(data) > MAX_FILE_BYTES:
        report.append(
            diagnostic(
                "F007",
                relpath,
                1,
                "Tệp lớn hơn 2 MiB, không phải một văn bản Markdown. Đưa bản gốc vào "
                "`attachments` và chỉ giữ nội dung chữ trong tệp .md.",
            )
        )
        return source
    if not data:
        report.append(diagnostic("F006", relpath, 1, "Tệp rỗng. Xóa tệp hoặc khôi phục nội dung."))
        return source
    if b"\x00" in data:
        at = data.index(b"\x00")
        line = data.count(b"\n", 0, at) + 1
        report.append(
            diagnostic(
                "F008",
                relpath,
                line,
                "Tệp chứa byte NUL: đây là tệp nhị phân (ảnh, PDF, DOCX...), không phải văn bản "
                "Markdown. Đổi đuôi tệp và khai báo nó trong `attachments`.",
                column=at - (data.rfind(b"\n", 0, at) + 1) + 1,
            )
        )
        return source
    if data.startswith(_BOM):
        report.append(
            diagnostic(
                "F011",
                relpath,
                1,
                "Tệp bắt đầu bằng ký tự BOM vô hình. Lưu lại với bảng mã UTF-8 (không BOM) "
                "hoặc chạy `portal fix --write`.",
                column=1,
            )
        )
        data = data[len(_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        report.append(
            diagnostic(
                "F001",
                relpath,
                line,
                f"Tệp không phải UTF-8 (byte 0x{data[error.start]:02X} không hợp lệ). Lưu lại "
                "tệp với bảng mã UTF-8; nếu gõ bằng phông TCVN3/VNI, chuyển mã sang Unicode.",
                column=column,
            )
        )
        return source
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        line, column = _first_not_nfc(text)
        report.append(
            diagnostic(
                "F002",
                relpath,
                line,
                "Chữ có dấu được gõ ở dạng tổ hợp (NFD), không phải dạng dựng sẵn (NFC): tìm "
                "kiếm sẽ không khớp. Chạy `portal fix --write` để chuẩn hóa.",
                column=column,
            )
        )
        text = unicodedata.normalize("NFC", text)
    _split(text, source)
    return source


def _first_not_nfc(text: str) -> tuple[int, int]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not unicodedata.is_normalized("NFC", line):
            for column, char in enumerate(line, start=1):
                if unicodedata.combining(char):
                    return number, max(column - 1, 1)
            return number, 1
    return 1, 1


# Kept whole: the frontmatter's checks (fences, size, nesting, shape) in the order they must
# run, each ending the split; the length is their Vietnamese messages.
def _split(text: str, source: Source) -> None:
    """Separate the frontmatter from the body, keeping exact line numbers.

    python-frontmatter's splitter loses the line at which the body starts, which every body
    diagnostic needs, so the split is done here with a line-anchored search.
    """
    relpath = source.path
    first_end = text.find("\n")
    if text[: first_end if first_end >= 0 else len(text)].rstrip() != "---":
        source.diagnostics.append(
            diagnostic(
                "F003",
                relpath,
                1,
                "Tệp không bắt đầu bằng dòng `---` của phần thông tin (frontmatter). Thêm ở đầu "
                "tệp một khối `---` ... `---` ghi `type`, `title`, `status`.",
            )
        )
        return
    closing = _CLOSING.search(text, first_end) if first_end >= 0 else None
    if closing is None:
        source.diagnostics.append(
            diagnostic(
                "F004",
                relpath,
                1,
                "Phần thông tin mở bằng `---` ở dòng 1 nhưng không có dòng `---` đóng lại. Thêm "
                "dòng `---` sau khóa cuối cùng, trước nội dung văn bản.",
            )
        )
        return
    front_text = text[first_end + 1 : closing.start() + 1]
    source.body = text[closing.end() + 1 :]
    source.body_line = front_text.count("\n") + 3
    if len(front_text) > MAX_FRONTMATTER_BYTES:
        source.diagnostics.append(
            diagnostic(
                "F007",
                relpath,
                2,
                "Phần thông tin đầu tệp lớn hơn 64 KiB. Chỉ ghi thông tin văn bản ở đây; nội dung "
                "đặt sau dòng `---` đóng.",
            )
        )
        return
    before = len(source.diagnostics)
    root: Node | None = _read_plain(front_text, first_line=2)
    if root is None:
        too_deep = _flow_too_deep(front_text)
        if too_deep is not None:
            line, column = too_deep
            _refuse(source, line + 2, column, _TOO_DEEP)
            return
        root = _read_yaml(front_text, source, first_line=2)
    if len(source.diagnostics) > before:
        return
    if root is None or (isinstance(root, Scalar) and root.value is None):
        source.front = Mapping([], 2, 1)  # empty frontmatter: required keys will be reported
    elif isinstance(root, Mapping):
        source.front = root
    else:
        source.diagnostics.append(
            diagnostic(
                "F010",
                relpath,
                root.line,
                "Phần thông tin phải gồm các dòng `khóa: giá trị` (ví dụ `title: ...`), không "
                "phải một danh sách hay một câu.",
                column=root.column,
            )
        )


# -- the common case without libyaml -----------------------------------------------------------
# Nearly every frontmatter is a few `key: value` lines and lists of `- value` under a key.
# libyaml costs ~0.1 ms a file even then (an event object with two position marks per token);
# reading that plain subset here costs a tenth of it. The subset is chosen so that it means
# the same in YAML whatever it holds: a plain scalar that starts with no indicator, holds no
# `: `, ` #` or tab, and is not continued on the next line. Anything else (quotes, comments,
# blank lines, deeper nesting, flow collections, anchors, tags, block scalars...) goes to
# libyaml; tests/test_load.py checks both readers give the same nodes, lines and columns.
_KEY = r"[A-Za-z_][A-Za-z0-9_]*"
# Runs of characters are read possessively: the three alternatives start with different
# characters (not a space or `:`, `:`, a space), so nothing is lost by never giving back a run,
# and the engine takes a run of text in one step instead of a character at a time.
_PLAIN = r"[^\s\-?:,\[\]{}#&*!|>'\"%@`](?:[^\s:]++|:(?=\S)| ++(?=[^\s#]))*+"
_PLAIN_LINE = lazy(rf"( *)(?:({_KEY}):(?: +({_PLAIN}))?|- ({_PLAIN})) *")


# Kept whole: the hot loop of every check (one pass per frontmatter line); splitting it into
# calls per line would cost a measurable share of the saving it exists for.
def _read_plain(text: str, first_line: int) -> Mapping | None:
    """The frontmatter's nodes when it is plain `key: value` lines with one level of plain
    lists or mappings under a key; None when it is anything else (libyaml reads it then)."""
    if not text or not text.endswith("\n") or not text.replace("\n", "").isprintable():
        return None
    lines = text[:-1].split("\n")
    root: Mapping | None = None
    # The collection under the last `key:` that had no value, and the indentation of its lines.
    inner: Mapping | Sequence | None = None
    inner_indent = -1
    pending: Scalar | None = None  # a `key:` still waiting for its collection
    nulls, fullmatch = _NULLS, _PLAIN_LINE.fullmatch  # this loop runs for every file
    for number, line in enumerate(lines, start=first_line):
        match = fullmatch(line)
        if match is None:
            return None
        spaces, key, value, item = match.groups()
        indent = len(spaces)
        if indent == 0 and key is not None:
            # A key of the top-level mapping.
            if pending is not None:
                return None  # `key:` with nothing under it: a null, left to libyaml
            if root is None:
                root = Mapping([], number, 1)
            inner = None
            name = Scalar(None if key in nulls else key, number, 1)
            if value is None:
                pending = name
            else:
                column = match.start(3) + 1
                root.items.append((name, Scalar(None if value in nulls else value, number, column)))
            continue
        if root is None:
            return None
        if pending is not None:
            # The first line under `key:` opens its list or mapping.
            if item is not None:
                inner = Sequence([], number, indent + 1)
            elif indent > 0 and value is not None:
                inner = Mapping([], number, indent + 1)
            else:
                return None
            inner_indent = indent
            root.items.append((pending, inner))
            pending = None
        if inner is None or indent != inner_indent:
            return None
        if isinstance(inner, Sequence):
            if item is None:
                return None
            column = match.start(4) + 1
            inner.items.append(Scalar(None if item in nulls else item, number, column))
        else:
            if key is None or value is None:
                return None
            name = Scalar(None if key in nulls else key, number, indent + 1)
            column = match.start(3) + 1
            inner.items.append((name, Scalar(None if value in nulls else value, number, column)))
    if pending is not None:
        return None
    return root


def _refuse(source: Source, line: int, column: int, message: str) -> None:
    source.diagnostics.append(diagnostic("F009", source.path, line, message, column=column))


_TOO_DEEP = f"Phần thông tin lồng nhau quá {MAX_DEPTH} tầng. Bỏ các tầng lồng thừa."
# What can open or close a flow collection, or hide brackets from it: quotes and comments.
_FLOW_TOKEN = lazy(r"[\[\]{}\n#'\"]")


def _flow_too_deep(text: str) -> tuple[int, int] | None:
    """The (0-based line, 1-based column) where flow collections nest past MAX_DEPTH, if any.

    The limit is ours, not libyaml's: libyaml's scanner has its own (1,000 levels since PyYAML
    6.0.4, none before) and reports it as a syntax error before any event is seen, so the depth
    is measured here, in one linear pass, before the parser runs. A bracket counts only where
    YAML reads it as a flow indicator: at the start of a value, or inside a flow collection.
    """
    depth = 0
    position = 0
    while (match := _FLOW_TOKEN.search(text, position)) is not None:
        char, at = match.group(), match.start()
        position = at + 1
        if char == "\n" or char == "#":
            if char == "#" and (depth or at == 0 or text[at - 1] in " \t"):
                end = text.find("\n", at)
                position = len(text) if end < 0 else end
            continue
        if char in "'\"":
            if depth or _starts_value(text, at):
                position = _end_of_quoted(text, at)
            continue
        if char in "[{":
            if depth or _starts_value(text, at):
                depth += 1
                if depth > MAX_DEPTH:
                    line = text.count("\n", 0, at)
                    return line, at - (text.rfind("\n", 0, at) + 1) + 1
        elif depth:
            depth -= 1
    return None


def _starts_value(text: str, at: int) -> bool:
    """Whether only indentation, a key's `:`, or a list's `-` precede ``at`` on its line.

    Looks back over blanks only, so the whole scan stays linear however long the line.
    """
    before = at - 1
    while before >= 0 and text[before] in " \t":
        before -= 1
    if before < 0 or text[before] in "\n:":
        return True
    return text[before] in "-?" and (before == 0 or text[before - 1] in " \t\n")


def _end_of_quoted(text: str, at: int) -> int:
    """The index after a quoted scalar that opens at ``at`` (YAML: '' escapes ', \\ escapes ")."""
    quote = text[at]
    position = at + 1
    while True:
        end = text.find(quote, position)
        if end < 0:
            return len(text)
        if quote == "'" and text.startswith("''", end):
            position = end + 2
        elif quote == '"' and _escaped(text, end):
            position = end + 1
        else:
            return end + 1


def _escaped(text: str, at: int) -> bool:
    """Whether an odd number of backslashes precede ``at``."""
    start = at
    while start > 0 and text[start - 1] == "\\":
        start -= 1
    return (at - start) % 2 == 1


# Kept whole: one loop over libyaml's events with a branch per event kind; it runs for every
# file, and a call per event would cost more than the loop itself (see benchmarks/).
def _read_yaml(text: str, source: Source, first_line: int) -> Node | None:
    """Build nodes from libyaml's event stream; None (with a diagnostic) when it cannot.

    PyYAML is imported here, when a frontmatter first needs it: most are read without it
    (``_read_plain``), and its import (~20 ms) was a tenth of a check after one edit."""
    import yaml

    skipped = (yaml.StreamStartEvent, yaml.DocumentStartEvent)
    ends = (yaml.DocumentEndEvent, yaml.StreamEndEvent)
    closers = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    stack: list[Mapping | Sequence] = []
    pending_keys: list[Scalar | None] = []
    root: Node | None = None
    # Pull events straight from the parser: yaml.parse() adds a Python call per event.
    parser = (_EventLoader or getattr(yaml, "CSafeLoader", yaml.SafeLoader))(text)
    try:
        while (event := parser.get_event()) is not None:
            kind = type(event)
            if kind in skipped:
                continue
            if kind in ends:
                break
            if kind in closers:
                node: Node = stack.pop()
                pending_keys.pop()
                if not stack:
                    return node
                continue
            mark = event.start_mark
            line, column = mark.line + first_line, mark.column + 1
            if kind is yaml.AliasEvent or event.anchor:
                _refuse(
                    source,
                    line,
                    column,
                    "Không dùng neo `&` hay tham chiếu `*` của YAML trong phần thông tin: viết "
                    "trực tiếp giá trị.",
                )
                return None
            if kind is yaml.ScalarEvent:
                value = event.value
                if not event.style and value in _NULLS:  # plain style: None (Python) or ""
                    value = None
                node = Scalar(value, line, column)
                if not stack:
                    return node
                _attach(node, stack, pending_keys)
                continue
            # A mapping or a sequence opens.
            if len(stack) >= MAX_DEPTH:
                _refuse(source, line, column, _TOO_DEEP)
                return None
            opened = (
                Mapping([], line, column)
                if kind is yaml.MappingStartEvent
                else Sequence([], line, column)
            )
            _attach(opened, stack, pending_keys)
            if not stack:
                root = opened
            stack.append(opened)
            pending_keys.append(None)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + first_line if mark else first_line
        column = mark.column + 1 if mark else None
        if "nesting depth" in (error.problem or ""):  # libyaml's own limit: still ours to say
            _refuse(source, line, column or 1, _TOO_DEEP)
            return None
        problem = error.problem or error.context or "cú pháp không hợp lệ"
        source.diagnostics.append(
            diagnostic(
                "F005",
                source.path,
                line,
                f"Lỗi cú pháp YAML ({problem}). Thường do thiếu dấu cách sau dấu `:`, thụt lề "
                "không đều, hoặc giá trị chứa `: ` hay `#` mà chưa đặt trong dấu ngoặc kép.",
                column=column,
            )
        )
        return None
    except yaml.YAMLError as error:
        source.diagnostics.append(
            diagnostic(
                "F005",
                source.path,
                first_line,
                f"Lỗi YAML ({error}). Kiểm tra các ký tự lạ trong phần thông tin.",
            )
        )
        return None
    finally:
        parser.dispose()
    return root


def _attach(node: Node, stack: list[Mapping | Sequence], pending_keys: list[Scalar | None]) -> None:
    if not stack:
        return
    parent = stack[-1]
    if isinstance(parent, Sequence):
        parent.items.append(node)
    elif pending_keys[-1] is None:
        # A mapping's key: YAML allows a list or a mapping here, the model will reject it.
        key = node if isinstance(node, Scalar) else Scalar(None, node.line, node.column)
        pending_keys[-1] = key
    else:
        parent.items.append((pending_keys[-1], node))
        pending_keys[-1] = None


# What may be published beside the documents: the originals (PDF, office formats), images and
# recordings. Anything else in content/ (HTML, SVG, scripts, archives...) could run code in the
# portal's name or carry what nobody meant to publish, so it is reported and left out.
ASSET_SUFFIXES = frozenset(
    {
        ".pdf",
        ".doc",
        ".docx",
        ".odt",
        ".rtf",
        ".xls",
        ".xlsx",
        ".ods",
        ".csv",
        ".ppt",
        ".pptx",
        ".odp",
        ".txt",
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".webp",
        ".avif",
        ".mp3",
        ".mp4",
        ".webm",
    }
)


# A Markdown file found in content/: its path as the walk reached it, and relative to the site
# root with forward slashes. Strings, not `Path`s: building and sorting 10,000 `Path` objects
# cost a tenth of a second, a fifth of a check after one edit.
SourceFile = tuple[str, str]


@dataclass
class Inventory:
    """What content/ holds that the portal may read: Markdown files and publishable assets."""

    files: list[SourceFile] = field(default_factory=list)  # in the order of their paths' parts
    assets: list[str] = field(default_factory=list)  # relative to content/, forward slashes
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Every folder walked, with its modification time, and when the walk began: set when the
    # walk met only folders and plain files inside the site root (no link, nothing skipped
    # or reported), for ``unchanged_inventory``.
    listing: Listing | None = None

    @property
    def markdown(self) -> list[Path]:
        return [Path(path) for path, _ in self.files]


# Folders (as walked) and their modification times (ns), then when the walk began (ns).
Listing = tuple[tuple[tuple[str, int], ...], int]
# A folder changed less than this long before a walk may change again within the same tick
# of the file system's clock, leaving its time as the walk saw it: its listing is not reused.
_SETTLED_NS = 2_000_000_000


def unchanged_inventory(
    content_dir: Path, root: Path, order: list[str], assets: list[str], listing: Listing
) -> Inventory | None:
    """The inventory a walk gave (its files' relative paths in ``order``), if no folder it
    walked has changed since, else None. Adding, removing or renaming an entry changes its
    folder's time; editing a file does not, and is for the caller to see (by each file's
    stamp). A folder that had changed just before that walk is not trusted: a change in the
    same tick of the clock would have left its time as it was."""
    folders, began = listing
    if not folders or folders[0][0] != str(content_dir):
        return None
    for folder, mtime in folders:
        if mtime >= began - _SETTLED_NS:
            return None
        try:
            if os.stat(folder).st_mtime_ns != mtime:
                return None
        except OSError:
            return None
    prefix = str(root) + os.sep
    return Inventory([(prefix + rel, rel) for rel in order], list(assets), listing=listing)


def scan_content(content_dir: Path, root: Path) -> Inventory:
    """Walk content/ once: only what really lies inside it is read or published.

    A symbolic link is followed only when its target resolves inside content/ (an error
    otherwise, and never followed: `/etc/passwd` or `/proc/self/environ` must not reach the
    site), and a folder only once (a link back to a parent is a loop, skipped). FIFOs, sockets
    and devices are skipped with a warning: opening a FIFO would wait forever. Hidden files
    and folders are not content.
    """
    walker = _Walker(content_dir, root)
    try:
        real_content = content_dir.resolve(strict=True)
    except OSError:
        return walker.inventory
    walker.real_content = real_content
    walker.prefix = str(root) + os.sep
    began = time.time_ns()
    walker.walk(content_dir, {real_content})
    if walker.plain and not walker.inventory.diagnostics:
        walker.inventory.listing = (tuple(walker.folders), began)
    # The files come in the order `Path`s sort in (part by part, which is not the strings':
    # '-' < '/'): each folder is walked in the order of its entries' names, a subfolder where
    # its name falls, which is that order.
    walker.inventory.assets.sort()
    return walker.inventory


@dataclass
class _Walker:
    content_dir: Path
    root: Path
    real_content: Path = Path()
    inventory: Inventory = field(default_factory=Inventory)
    prefix: str = ""  # the site root and a separator, to make paths relative by string
    folders: list[tuple[str, int]] = field(default_factory=list)  # each walked, its time
    plain: bool = True  # only folders and plain files inside the root met (see ``Listing``)

    def walk(self, folder: Path, seen: set[Path]) -> None:
        try:
            # Its time before its entries: a change in between is seen by the next check.
            self.folders.append((str(folder), os.stat(folder).st_mtime_ns))
        except OSError:
            self.plain = False
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=_name)
        except OSError as error:
            self.skip(folder, f"không đọc được thư mục ({error.strerror}).")
            return
        # The common case costs no system call (the folder listing tells a plain file) and
        # one step a file: a folder of visible Markdown files only (a year of documents).
        plain = [
            e.path
            for e in entries
            if e.name[-3:] == ".md" and e.name[0] != "." and e.is_file(follow_symlinks=False)
        ]
        if len(plain) == len(entries) and plain and _plainly_inside(plain[0], self.prefix):
            cut = len(self.prefix)
            self.inventory.files.extend([(path, path[cut:]) for path in plain])
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_file(follow_symlinks=False):
                if entry.name.endswith(".md"):
                    self.add_markdown(entry.path)
                else:
                    self.add_file(Path(entry.path))
            else:
                self.visit(Path(entry.path), entry.is_symlink(), seen)

    def visit(self, path: Path, link: bool, seen: set[Path]) -> None:
        real = path
        self.plain = self.plain and not link
        if link:
            try:
                real = path.resolve(strict=True)
            except (OSError, RuntimeError):
                self.skip(path, "liên kết tượng trưng hỏng hoặc tự trỏ vòng.")
                return
            if not real.is_relative_to(self.real_content):
                where = self.relative(path)
                self.inventory.diagnostics.append(
                    diagnostic(
                        "F012",
                        where,
                        1,
                        f"`{where}` là liên kết tượng trưng trỏ ra ngoài content/; portal không "
                        "đọc và không đăng nó. Chép tệp thật vào content/ thay cho liên kết, "
                        "hoặc xóa liên kết.",
                    )
                )
                return
        try:
            mode = path.stat().st_mode
        except OSError as error:
            self.skip(path, f"không đọc được ({error.strerror}).")
            return
        if stat.S_ISDIR(mode):
            real = real if link else path.resolve()
            if real in seen:
                self.skip(path, "thư mục đã được đọc (liên kết tạo vòng lặp).")
            else:
                self.walk(path, seen | {real})
        elif not stat.S_ISREG(mode):
            self.skip(path, "không phải tệp thường (FIFO, socket, thiết bị).")
        else:
            self.add_file(path)

    def add_markdown(self, path: str) -> None:
        if _plainly_inside(path, self.prefix):
            relpath = path[len(self.prefix) :]
        else:
            relpath = self.relative(Path(path))
            self.plain = False
        self.inventory.files.append((path, relpath))

    def add_file(self, path: Path) -> None:
        if path.suffix == ".md":
            self.add_markdown(str(path))
        elif path.suffix.lower() in ASSET_SUFFIXES:
            self.inventory.assets.append(path.relative_to(self.content_dir).as_posix())
        else:
            self.inventory.diagnostics.append(
                diagnostic(
                    "F014",
                    self.relative(path),
                    1,
                    f"Tệp `{path.name}` không thuộc loại được đăng ({_asset_list()}) nên không "
                    "được đưa lên trang. Đổi sang PDF nếu đó là bản gốc, hoặc đưa tệp ra khỏi "
                    "content/.",
                )
            )

    def relative(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def skip(self, path: Path, why: str) -> None:
        where = self.relative(path)
        self.inventory.diagnostics.append(diagnostic("F013", where, 1, f"Bỏ qua `{where}`: {why}"))


_name = operator.attrgetter("name")


def _plainly_inside(path: str, prefix: str) -> bool:
    """Whether ``path`` is the site root's prefix then a relative path with no hidden part
    (made relative by cutting the prefix off)."""
    return os.sep == "/" and path.startswith(prefix) and "/." not in path


def _asset_list() -> str:
    return ", ".join(sorted(suffix.removeprefix(".") for suffix in ASSET_SUFFIXES))


def iter_markdown(content_dir: Path) -> list[Path]:
    """Every .md file that really lies in content/, sorted (see `scan_content`)."""
    return scan_content(content_dir, content_dir.parent).markdown
