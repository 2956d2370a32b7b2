"""`portal fix`: the safe automatic fixes, and nothing else.

A byte-order mark, text not in NFC, a document number below 10 without its leading zero (the
`number:` key only), trailing spaces, and a number cited in the body as the cited record spells
it (C004). Markdown reads two or more trailing spaces before a following line as a hard line
break, so those are kept: removing them would change the page. A file that is not UTF-8 is never
touched: what it means cannot be known for sure.
"""

from __future__ import annotations

import difflib
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.citations import respell
from generator.load import iter_markdown
from generator.numbers import parse_number
from generator.registry import Registry
from generator.rules import RULES
from generator.siteroot import SiteRoot

_BOM = "\ufeff"
# The document's own number, the one value N002 reports: "number: 5/KH-VPUB". Other keys are
# left alone: `previous_numbers` must keep the old address as it was published (changing it
# would break the redirect), references resolve either way, and a title is the editor's text.
_NUMBER = re.compile(
    r"^(?P<head>number:[ \t]+)(?P<quote>[\"']?)(?P<value>[^\"'#\s]+)(?P=quote)(?P<tail>\s*)$"
)
_HARD_BREAK = re.compile(r" {2,}$")


@dataclass(frozen=True)
class Fix:
    path: Path
    relpath: str
    before: str
    after: str

    def diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                self.before.splitlines(keepends=True),
                self.after.splitlines(keepends=True),
                fromfile=f"a/{self.relpath}",
                tofile=f"b/{self.relpath}",
            )
        )


def _without_bom(text: str, registry: Registry) -> str:
    return text.removeprefix(_BOM)


def _nfc(text: str, registry: Registry) -> str:
    return unicodedata.normalize("NFC", text)


def _leading_zeros(text: str, registry: Registry) -> str:
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    closing = _frontmatter_end(lines)
    if closing is None:
        return text
    lines[1:closing] = [_leading_zero(line) for line in lines[1:closing]]
    return newline.join(lines)


# What `portal fix` repairs, by the code that reports it, in the order it applies them. Only
# rules marked `fixable` in the catalogue are here (tests/test_rules.py checks both ways, and
# that each one's bad example really comes out clean), so `portal explain` tells the truth.
# Trailing spaces (None: no rule reports them) go before the citations, as they always have.
FIXERS: dict[str | None, Callable[[str, Registry], str]] = {
    "F011": _without_bom,
    "F002": _nfc,
    "N002": _leading_zeros,
    None: lambda text, registry: _trailing_spaces(text),
    "C004": lambda text, registry: respell_citations(text, registry),
}


def fix_text(text: str, registry: Registry | None = None) -> str:
    """The text with the safe fixes applied; unchanged when there is nothing to fix.

    Without a registry, numbers cited in the body (C004) are left as they are.
    """
    for code, fixer in FIXERS.items():
        if code is not None and not RULES[code].fixable:
            continue  # the catalogue is the authority on what may be changed unasked
        if registry is not None or code != "C004":
            text = fixer(text, registry or Registry([]))
    return text


def _trailing_spaces(text: str) -> str:
    """Spaces at the ends of lines, which no rule reports: noise in every diff of the file.

    Two or more before a following line are a Markdown hard line break, and stay."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    closing = _frontmatter_end(lines)
    fixed = []
    for index, line in enumerate(lines):
        in_front = closing is not None and 0 < index < closing
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if not in_front and _HARD_BREAK.search(line) and line.strip() and following.strip():
            fixed.append(line)  # a Markdown hard line break
        else:
            fixed.append(line.rstrip(" \t"))
    return newline.join(fixed)


def _frontmatter_end(lines: list[str]) -> int | None:
    if not lines or lines[0].rstrip() != "---":
        return None
    return next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)


def _leading_zero(line: str) -> str:
    match = _NUMBER.match(line)
    if not match:
        return line
    number = parse_number(match["value"])
    if number is None or not number.serial or len(number.digits) != 1:  # never "0" → "00"
        return line
    value = "0" + match["value"]
    return f"{match['head']}{match['quote']}{value}{match['quote']}{match['tail']}"


def find_fixes(root: Path) -> tuple[list[Fix], list[str]]:
    """Fixes for every Markdown file under content/, and the files left alone (not UTF-8)."""
    fixes, skipped = [], []
    registry = _registry(root)
    for path in iter_markdown(SiteRoot(root).content):
        relpath = path.relative_to(root).as_posix()
        if path.is_symlink():
            continue  # its target lies in content/ too (or it is refused): fixed there
        try:
            before = path.read_bytes().decode("utf-8")
        except (UnicodeDecodeError, OSError):
            skipped.append(relpath)
            continue
        after = fix_text(before, registry)
        if after != before:
            fixes.append(Fix(path, relpath, before, after))
    return fixes, skipped


def _registry(root: Path) -> Registry:
    from generator.site import NotASiteRoot, read_site  # the whole pipeline, for fix only

    try:
        return read_site(root, bodies=False).registry
    except NotASiteRoot:
        return Registry([])


def respell_citations(text: str, registry: Registry) -> str:
    """C004: the numbers cited in the body written as the cited records register them."""
    lines = text.split("\n")
    closing = _frontmatter_end(lines)
    head = "\n".join(lines[: closing + 1]) + "\n" if closing is not None else ""
    body = respell(text[len(head) :], lambda citation: registry.registered(citation.number))
    return head + body


def write(fix: Fix) -> None:
    """Replace the file in one step, so an interruption never leaves half a document."""
    handle, temporary = tempfile.mkstemp(dir=fix.path.parent, prefix=".portal-fix-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(fix.after.encode("utf-8"))
        os.chmod(temporary, fix.path.stat().st_mode & 0o7777)
        os.replace(temporary, fix.path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
