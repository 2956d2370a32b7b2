"""Material's stylesheet trimmed to the rules the portal's pages can use.

Material's main.css (135 KB, 22 KB gzipped) styles every feature of the theme: blog, tabs,
admonitions, code annotations, its own search, dark scheme, right-to-left... The portal uses
few of them, and the stylesheet blocks the first paint on a slow phone. This keeps a rule when
each of its selectors names only classes that the built pages contain or that the portal's
JavaScript sets (states such as ``md-header__title--active``; Material's own bundle is not
loaded, see overrides/main.html); rules for the dark scheme and right-to-left layouts go.
Element rules (tables, lists, code in the text) are kept whatever an editor writes.

    python tools/trim_material_css.py SITE_DIR > overrides/assets/stylesheets/material.css

SITE_DIR is a preview build of the repository's content (`portal build --drafts`); the test
suite regenerates the file the same way and fails when it differs (after upgrading Material).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import material

THEME = Path(material.__file__).parent / "templates"
PORTAL_CSS = Path(__file__).parent.parent / "overrides/assets/portal.css"
PORTAL_JS = Path(__file__).parent.parent / "overrides/assets"
_CLASS_ATTR = re.compile(r'class="([^"]*)"')
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_OPTIONAL = re.compile(r":(?:not|is|where|has)\((?:[^()]|\([^()]*\))*\)")
_DROPPED = ("slate", "[dir=rtl]")


def stylesheet() -> Path:
    (path,) = (THEME / "assets/stylesheets").glob("main.*.min.css")
    return path


def known_classes(site: Path) -> set[str]:
    """Classes in the built pages, and every md- class the portal's JavaScript refers to."""
    classes: set[str] = set()
    for page in site.rglob("*.html"):
        for value in _CLASS_ATTR.findall(page.read_text(encoding="utf-8")):
            classes.update(value.split())
    for script in sorted(PORTAL_JS.glob("*.js")):
        classes.update(re.findall(r"md-[\w-]+", script.read_text(encoding="utf-8")))
    return classes


def _blocks(css: str) -> list[tuple[str, str]]:
    """Top-level (prelude, body) pairs of a stylesheet; a statement such as @charset has no
    body. Quotes are honoured: a brace inside a string does not open a block."""
    out: list[tuple[str, str]] = []
    depth, start, prelude_end, quote = 0, 0, 0, ""
    for i, char in enumerate(css):
        if quote:
            if char == quote and css[i - 1] != "\\":
                quote = ""
            continue
        if char in "\"'":
            quote = char
        elif char == "{":
            if depth == 0:
                prelude_end = i
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                out.append((css[start:prelude_end].strip(), css[prelude_end + 1 : i]))
                start = i + 1
        elif char == ";" and depth == 0:
            out.append((css[start : i + 1].strip(), ""))
            start = i + 1
    return out


def _usable(selector: str, classes: set[str]) -> bool:
    if any(token in selector for token in _DROPPED):
        return False
    required = _CLASS.findall(_OPTIONAL.sub("", selector))
    return all(name in classes for name in required)


def trim(css: str, classes: set[str]) -> str:
    kept = []
    for prelude, body in _blocks(css):
        if prelude.startswith("@"):
            if not body:  # @charset, @import
                kept.append(prelude)
            elif prelude.startswith(("@media", "@supports")):
                inner = trim(body, classes)
                if inner:
                    kept.append(f"{prelude}{{{inner}}}")
            elif not any(token in prelude for token in _DROPPED):
                kept.append(f"{prelude}{{{body}}}")  # @keyframes, @font-face, @page
            continue
        selectors = [s for s in _split(prelude) if _usable(s, classes)]
        if selectors:
            kept.append(f"{','.join(selectors)}{{{body}}}")
    return "".join(kept)


def _split_outside(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` where it stands outside strings and parentheses (the
    icons are data: URLs full of semicolons; selectors hold commas inside :is(...))."""
    parts, depth, start, quote = [], 0, 0, ""
    for i, char in enumerate(text):
        if quote:
            if char == quote and text[i - 1] != "\\":
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _split(prelude: str) -> list[str]:
    """Selectors of a list."""
    return [p.strip() for p in _split_outside(prelude, ",") if p.strip()]


def _declarations(body: str) -> list[str]:
    """A rule's declarations."""
    return [p for p in _split_outside(body, ";") if p.strip()]


_VAR = re.compile(r"var\((--[\w-]+)")


def drop_unused_properties(css: str, also_used: str = "") -> str:
    """Remove custom properties nothing reads (mostly the icons of dropped features, as
    data: URLs), until none is left: a property may only be read by another one."""
    while True:
        used = set(_VAR.findall(css)) | set(_VAR.findall(also_used))
        trimmed = "".join(_keep_used(block, used) for block in _blocks(css))
        if trimmed == css:
            return css
        css = trimmed


def _keep_used(block: tuple[str, str], used: set[str]) -> str:
    prelude, body = block
    if not body:
        return prelude
    if prelude.startswith(("@media", "@supports")):
        inner = "".join(_keep_used(b, used) for b in _blocks(body))
        return f"{prelude}{{{inner}}}" if inner else ""
    if prelude.startswith("@"):
        return f"{prelude}{{{body}}}"
    kept = [
        declaration
        for declaration in _declarations(body)
        if not declaration.split(":", 1)[0].strip().startswith("--")
        or declaration.split(":", 1)[0].strip() in used
    ]
    return f"{prelude}{{{';'.join(kept)}}}" if kept else ""


def build(site: Path) -> str:
    source = stylesheet()
    css = trim(source.read_text(encoding="utf-8"), known_classes(site))
    # The palette and the portal's own stylesheet read Material's properties too.
    others = "".join(
        p.read_text(encoding="utf-8")
        for p in [*(THEME / "assets/stylesheets").glob("palette.*.min.css"), PORTAL_CSS]
    )
    css = drop_unused_properties(css, others)
    charset, _, rules = css.partition(";") if css.startswith("@charset") else ("", "", css)
    return (
        (charset + ";" if charset else "")
        + f"/* Trimmed from mkdocs-material's {source.name} (MIT licence, Martin Donath) by "
        f"tools/trim_material_css.py: only the rules the portal's pages use. */\n{rules}\n"
    )


if __name__ == "__main__":
    sys.stdout.write(build(Path(sys.argv[1])))
