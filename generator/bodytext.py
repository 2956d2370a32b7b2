"""Helpers for reading a Markdown body: code masked out, offsets turned into file positions."""

from __future__ import annotations

import re

_FENCE = re.compile(
    r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})[^\n]*\n.*?(?:^(?P=indent)?(?P=fence)[ \t]*$|\Z)",
    re.M | re.S,
)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.S)


def mask_code(body: str) -> str:
    """Blank out code blocks and spans, keeping every line and column in place.

    What an editor shows as code is displayed, not run or cited, and must raise no alarm.
    """
    if "`" not in body and "~~~" not in body:
        return body

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    return _CODE_SPAN.sub(blank, _FENCE.sub(blank, body))


class Position:
    """Offsets in a body to 1-based (line, column) in its file."""

    def __init__(self, body: str, first_line: int) -> None:
        self.body = body
        self.first_line = first_line

    def __call__(self, offset: int) -> tuple[int, int]:
        line = self.first_line + self.body.count("\n", 0, offset)
        column = offset - (self.body.rfind("\n", 0, offset) + 1) + 1
        return line, column
