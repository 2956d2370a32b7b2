"""Reading a Markdown body: code masked out, offsets turned into file positions, and the body
rendered to HTML exactly as the site renders it (for the check, which must see what is
published). Everything here is linear in the length of the body, whatever its content.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from urllib.parse import unquote

# What MkDocs always adds (it is configured with nothing more in mkdocs.yml), with table
# alignment as an attribute: a `style=` attribute would be removed by the sanitiser and
# blocked by the Content-Security-Policy. The MkDocs adapter applies the same settings.
MARKDOWN_EXTENSIONS = ("toc", "tables", "fenced_code")
MARKDOWN_CONFIGS: dict[str, dict[str, object]] = {"tables": {"use_align_attribute": True}}

# Python-Markdown's fenced code: a fence at the start of a line, optionally a language, and
# the same fence alone on a later line. An unclosed fence is not code.
_FENCE_OPEN = re.compile(r"(`{3,}|~{3,})[ ]*(?:\{[^\n]*\}|\.?[\w#.+\-]*)[ ]*(?:hl_lines=.*)?")
_FENCE_ALONE = re.compile(r"(`{3,}|~{3,})[ ]*")
_BACKTICKS = re.compile(r"`+")
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n")
_NOT_NEWLINE = re.compile(r"[^\n]")


def _blank(text: str) -> str:
    return _NOT_NEWLINE.sub(" ", text)


def _fenced_lines(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) line index of each fenced code block, as Python-Markdown finds them."""
    closers: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        match = _FENCE_ALONE.fullmatch(line)
        if match:
            closers.setdefault(match.group(1), []).append(index)
    if not closers:
        return []
    blocks = []
    index = 0
    while index < len(lines):
        match = _FENCE_OPEN.fullmatch(lines[index])
        if match:
            later = closers.get(match.group(1), [])
            position = bisect_right(later, index)
            if position < len(later):
                blocks.append((index, later[position]))
                index = later[position] + 1
                continue
        index += 1
    return blocks


def _code_spans(block: str) -> list[tuple[int, int]]:
    """(start, end) of each code span in one block: a run of backticks up to the next run of
    the same length. A backslash escapes the first backtick of a run. Runs are paired in one
    pass from the right, so the cost is linear however many runs never close."""
    runs: list[tuple[int, int, bool]] = []  # (start, length, may open) of each run
    for match in _BACKTICKS.finditer(block):
        start, end = match.span()
        if start and block[start - 1] == "\\":
            # An escaped backtick opens nothing, but still closes a span; in a longer run the
            # rest of the run may open one.
            if end - start == 1:
                runs.append((start, 1, False))
                continue
            start += 1
        runs.append((start, end - start, True))
    following: list[int | None] = [None] * len(runs)
    seen: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1]
        following[index] = seen.get(length)
        seen[length] = index
    spans = []
    index = 0
    while index < len(runs):
        closer = following[index]
        if closer is not None and runs[index][2]:
            start, length, _ = runs[index]
            close_start, close_length, _ = runs[closer]
            if close_start > start + length:  # a span holds at least one character
                spans.append((start, close_start + close_length))
                index = closer + 1
                continue
        index += 1
    return spans


def mask_code(body: str) -> str:
    """Blank out code blocks and spans, keeping every line and column in place.

    What an editor shows as code is displayed, not run or cited, and must raise no alarm.
    Code spans do not cross a blank line, as in Python-Markdown, which renders paragraph by
    paragraph.
    """
    # A one-character search first: on Vietnamese text (two bytes a character) `in` finds one
    # character a few times faster than it finds three (~0.2 against ~4 µs a body).
    if "`" not in body and ("~" not in body or "~~~" not in body):
        return body
    lines = body.split("\n")
    for first, last in _fenced_lines(lines):
        for index in range(first, last + 1):
            lines[index] = " " * len(lines[index])
    text = "\n".join(lines)
    if "`" not in text:
        return text
    pieces: list[str] = []
    position = 0
    block_start = 0
    for separator in [*_BLOCK_BREAK.finditer(text), None]:
        block_end = separator.start() if separator else len(text)
        block = text[block_start:block_end]
        if "`" in block:
            for start, end in _code_spans(block):
                pieces.append(text[position : block_start + start])
                pieces.append(_blank(block[start:end]))
                position = block_start + end
        if separator is None:
            break
        block_start = separator.end()
    pieces.append(text[position:])
    return "".join(pieces)


_LINK_TARGETS = re.compile(
    r"\]\(\s*<?(?P<inline>[^)\s>]+)"  # [text](target), ![alt](target)
    r"|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?(?P<definition>[^\s>]+)"  # [label]: target
    r"|\b(?:src|href)\s*=\s*(?:\"(?P<double>[^\"]*)\"|'(?P<single>[^']*)'|(?P<bare>[^\s>]+))",
    re.M | re.I,
)
_HAS_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


def local_targets(body: str) -> list[str]:
    """Files a body links to or shows, as written (relative to the body's own folder): links,
    images, reference definitions and raw HTML `src`/`href`. Addresses elsewhere are left out."""
    # `]` first: a one-character search costs a body ~0.2 µs, `](` and `]:` ~9 and ~5 µs.
    if "=" not in body and ("]" not in body or ("](" not in body and "]:" not in body)):
        return []
    found = []
    for match in _LINK_TARGETS.finditer(mask_code(body)):
        target = next(value for value in match.groups() if value is not None)
        target = unquote(target.split("#", 1)[0].split("?", 1)[0]).strip()
        if target and not target.startswith("/") and not _HAS_SCHEME.match(target):
            found.append(target)
    return found


class Position:
    """Offsets in a body to 1-based (line, column) in its file."""

    def __init__(self, body: str, first_line: int) -> None:
        self.body = body
        self.first_line = first_line
        self._starts: list[int] | None = None

    def __call__(self, offset: int) -> tuple[int, int]:
        if self._starts is None:
            # Line starts once, then each offset by bisection: many findings stay linear.
            self._starts = [0] + [m.end() for m in re.finditer("\n", self.body)]
        index = bisect_right(self._starts, offset) - 1
        return self.first_line + index, offset - self._starts[index] + 1


# -- what the renderer can afford --------------------------------------------------------------
# Python-Markdown looks for the end of a link, an image or a code span from each `[` and each
# run of backticks to the end of the paragraph, and searches the whole text again after each
# fenced block: a paragraph of 50 KB of "[a](" takes it more than a minute. The work is about
# (openers in a paragraph) × (its length), summed; below OPENERS_PER_CHARACTER times the body's
# length it stays linear. Real documents use a few links per paragraph: about 1 to 5.
OPENERS_PER_CHARACTER = 64
_OPENERS = re.compile(r"(?<!\\)\[|`+")  # an escaped `[` opens nothing


def render_cost(body: str) -> int:
    """Python-Markdown's work on this body, in character visits (an upper bound)."""
    openers = body.count("[") - body.count("\\[") + body.count("`")
    if openers * len(body) <= OPENERS_PER_CHARACTER * len(body):
        return openers * len(body)
    cost = 0
    start = 0
    for separator in [*_BLOCK_BREAK.finditer(body), None]:
        end = separator.start() if separator else len(body)
        block = body[start:end]
        if "[" in block or "`" in block:
            cost += len(_OPENERS.findall(block)) * len(block)
        if separator is None:
            break
        start = separator.end()
    fences = sum(1 for line in body.split("\n") if line.startswith(("```", "~~~")))
    return cost + fences * len(body)


def renderable(body: str, lowered: bytes | None = None) -> bool:
    """Whether Python-Markdown can afford the body. ``lowered`` is the body lowered and
    encoded as UTF-8, when the caller has it: its `[` and backticks are the body's, and a body
    with few of them (nearly all) is told apart by two byte counts, without `render_cost`."""
    if lowered is not None:
        if b"[" not in lowered and b"`" not in lowered:
            return True  # no opener at all: two memchr scans, cheaper than counting
        if lowered.count(b"[") + lowered.count(b"`") <= OPENERS_PER_CHARACTER:
            return True  # openers ≤ 64, so the cost is at most 64 × the length
    return render_cost(body) <= OPENERS_PER_CHARACTER * max(len(body), 1024)


_ESCAPE = str.maketrans({c: "\\" + c for c in "[]()`<"})


def defuse(body: str) -> str:
    """A body too costly to render, as literal text (for the preview, which shows bodies with
    errors): every character that opens a link, a code span or HTML is backslash-escaped."""
    return body.translate(_ESCAPE)


def render_body(body: str) -> str:
    """The body's HTML as the site renders it (before MkDocs rewrites links between pages)."""
    # Imported here: a check renders only the few bodies that may hold HTML or links, and
    # Markdown (with the XML and HTML parsers it loads) and the sanitiser cost ~45 ms to
    # import, in the parent of a cold check before any worker starts.
    import markdown

    from generator.sanitize import shield_markup

    renderer = markdown.Markdown(
        extensions=list(MARKDOWN_EXTENSIONS), extension_configs=MARKDOWN_CONFIGS
    )
    return renderer.convert(shield_markup(body))
