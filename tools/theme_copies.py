"""Every piece of Material's templates that overrides/ copies, and the upstream text it copied.

Overriding a Material block with ``super()`` follows Material's changes by itself; a *copy* of
a block (or of a whole partial) silently keeps the old version when Material changes it. Each
copy is listed in COPIES with the upstream text it was made from, stored in
tests/fixtures/material/.
tests/test_theme_copies.py fails when the installed Material's text differs from that stored
text (Material changed what we copied: re-check the copy), and when the copy has drifted from
it beyond the changes listed here.

    python tools/theme_copies.py            # which copies are out of step, with a diff
    python tools/theme_copies.py --update   # after re-checking the copies: store the new text

Texts are compared normalised: Jinja comments dropped, runs of white space made one space,
one tag or statement a line (so that a diff shows what changed).
"""

from __future__ import annotations

import difflib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OVERRIDES = REPO / "overrides"
SNAPSHOTS = REPO / "tests/fixtures/material"


@dataclass(frozen=True)
class Copy:
    """A piece of Material copied into overrides/."""

    name: str  # the snapshot's file name in tests/fixtures/material/
    upstream: str  # the file in material/templates/
    block: str | None  # a `{% block %}` of it, or None for the whole file
    ours: str  # the copy, in overrides/
    why: str  # why a copy and not super()
    # Runs of upstream lines (normalised) that the copy deliberately leaves out or changes;
    # every other line of the upstream text must be in the copy, in the same order.
    left_out: tuple[tuple[str, ...], ...] = ()


COPIES: tuple[Copy, ...] = (
    Copy(
        name="site_nav.html",
        upstream="base.html",
        block="site_nav",
        ours="main.html",
        why="the menu is rendered once for all the pages that share it (portal_menu_once)",
    ),
    Copy(
        name="header.html",
        upstream="partials/header.html",
        block=None,
        ours="partials/header.html",
        why="the portal's search box where Material's search sits; a real menu button",
        left_out=(
            # The menu label gets a class of ours (assets/portal.js swaps it for a button).
            ('<label class="md-header__button md-icon" for="__drawer">',),
            # Material's own search (the portal has its own, assets/search.js).
            (
                '{% if "material/search" in config.plugins %}',
                '{% set search = config.plugins["material/search"] | attr("config") %}',
                "{% if search.enabled %}",
                '<label class="md-header__button md-icon" for="__search">',
                '{% set icon = config.theme.icon.search or "material/magnify" %}',
                '{% include ".icons/" ~ icon ~ ".svg" %}',
                "</label>",
                '{% include "partials/search.html" %}',
                "{% endif %}",
                "{% endif %}",
            ),
        ),
    ),
    Copy(
        name="language.html",
        upstream="partials/language.html",
        block=None,
        ours="partials/language.html",
        why="each translation is looked up once a build (portal_menu_once), not six times a page",
        # The imports move into the macro, where they run on a translation's first use.
        left_out=(("{% macro t(key) %}",),),
    ),
    Copy(
        name="content.html",
        upstream="partials/content.html",
        block=None,
        ours="partials/content.html",
        why="partials that print only white space on the portal's pages are rendered once",
    ),
    Copy(
        name="top.html",
        upstream="partials/top.html",
        block=None,
        ours="partials/top.html",
        why="the same on every page: rendered once a build (portal_menu_once)",
    ),
)

# Material partials that overrides/ does not copy, but whose output a condition of ours
# predicts: overrides/partials/content.html reuses what each prints where the condition says it
# prints only white space. Stored and compared like the copies: when Material changes one, the
# condition there must be re-checked.
RELIED_ON: tuple[Copy, ...] = tuple(
    Copy(
        name=f"{name}.html",
        upstream=f"partials/{name}.html",
        block=None,
        ours="partials/content.html",
        why=f"content.html reuses its output {when}",
    )
    for name, when in (
        ("tags", "on a page without tags"),
        ("actions", "on a page without an edit link"),
        ("source-file", "on a page without dates or authors from git"),
        ("feedback", "on a site without analytics and a page without feedback"),
    )
)

# Material templates that overrides/ replaces with text of its own (nothing copied), and blocks
# overridden without super() that are not copies either: with why. Every other override of a
# Material template or non-empty block must be a copy listed above (the test checks).
OWN_TEMPLATES = {
    "main.html": "Material's main.html only extends base.html; ours extends it with our blocks",
    "404.html": "the portal's own Vietnamese page, with links to the listings",
    # Material's inline scripts serve only its JavaScript bundle, which the portal does not
    # load (overrides/main.html): these render nothing.
    "partials/javascripts/base.html": "renders nothing (no Material bundle to configure)",
    "partials/javascripts/announce.html": "renders nothing (no Material bundle to configure)",
    "partials/javascripts/content.html": "renders nothing (no Material bundle to configure)",
}
OWN_BLOCKS = {
    ("404.html", "htmltitle"): "the page's own title",
    ("404.html", "content"): "the page's own text",
    ("main.html", "config"): "no __config for Material's JavaScript bundle, which is not loaded",
    ("main.html", "scripts"): "only the portal's own deferred scripts, not Material's bundle",
}

_COMMENT = re.compile(r"{#.*?#}", re.S)
# A line break around every HTML tag and every Jinja statement.
_BREAK = re.compile(r"\s*(<[^>]*>|{%.*?%})\s*", re.S)
# Jinja's white-space control ({%- -%}) changes no page the tests look at.
_TRIM = re.compile(r"{%-|-%}")


def theme_dir() -> Path:
    import material

    return Path(material.__file__).parent / "templates"


def material_version() -> str:
    from importlib.metadata import version

    return version("mkdocs-material")


def block_of(template: str, name: str) -> str:
    """The text of ``{% block name %}``, up to its ``{% endblock %}`` (blocks we copy hold no
    nested block)."""
    start = template.index(f"{{% block {name} %}}")
    return template[start : template.index("{% endblock %}", start) + len("{% endblock %}")]


def normalise(text: str) -> str:
    """One tag or Jinja statement a line, comments dropped, white space made single spaces."""
    text = _TRIM.sub(lambda m: m[0].replace("-", ""), _COMMENT.sub("", text))
    text = _BREAK.sub(lambda m: "\n" + " ".join(m[1].split()) + "\n", text)
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line) + "\n"


def upstream_text(copy: Copy, templates: Path | None = None) -> str:
    """The piece of the installed Material that ``copy`` copies: the whole partial, or the
    block."""
    text = ((templates or theme_dir()) / copy.upstream).read_text(encoding="utf-8")
    return block_of(text, copy.block) + "\n" if copy.block is not None else text


def snapshot(copy: Copy) -> str:
    """The upstream text the copy was made from, as stored in tests/fixtures/material/."""
    return (SNAPSHOTS / copy.name).read_text(encoding="utf-8")


def our_text(copy: Copy, overrides: Path = OVERRIDES) -> str:
    text = (overrides / copy.ours).read_text(encoding="utf-8")
    if copy.block is not None:
        text = block_of(text, copy.block)
    return normalise(text)


def diff(old: str, new: str, old_name: str, new_name: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(), new.splitlines(), old_name, new_name, lineterm="", n=1
    )
    return "\n".join(lines)


def upstream_changed(copy: Copy, templates: Path | None = None) -> str:
    """Empty when the installed Material still has the text the copy was made from; else a
    diff from the stored text to the installed one."""
    stored, installed = normalise(snapshot(copy)), normalise(upstream_text(copy, templates))
    if stored == installed:
        return ""
    return diff(
        stored,
        installed,
        f"tests/fixtures/material/{copy.name} (what overrides/{copy.ours} copies)",
        f"material/templates/{copy.upstream} (mkdocs-material {material_version()})",
    )


def missing_from_copy(copy: Copy, overrides: Path = OVERRIDES) -> list[str]:
    """The lines of the stored upstream text that the copy lost without saying so.

    Every upstream line not listed in ``left_out`` must be in the copy, in order (the copy
    may add lines of its own).
    """
    stored, ours = normalise(snapshot(copy)), our_text(copy, overrides)
    expected = list(stored.splitlines())
    missing = []
    for run in copy.left_out:
        start = next(
            (i for i in range(len(expected)) if tuple(expected[i : i + len(run)]) == run), None
        )
        if start is None:
            missing.append(f"(the lines said to be left out are no longer upstream: {run[0]})")
        else:
            del expected[start : start + len(run)]
    ours_lines = ours.splitlines()
    at = 0
    for line in expected:
        try:
            at = ours_lines.index(line, at) + 1
        except ValueError:
            missing.append(line)
    return missing


_BLOCK = re.compile(r"{%-?\s*block\s+(\w+)\s*-?%}")


def unlisted_overrides(overrides: Path = OVERRIDES, templates: Path | None = None) -> list[str]:
    """Overrides of Material's templates and blocks that are neither a listed copy nor listed
    as our own: each needs a decision (copy to guard, or own text), so none is missed."""
    templates = templates or theme_dir()
    copied_files = {c.upstream for c in COPIES if c.block is None} | {c.ours for c in COPIES}
    copied_blocks = {(c.ours, c.block) for c in COPIES if c.block is not None}
    base = (templates / "base.html").read_text(encoding="utf-8")
    found = []
    for path in sorted(overrides.rglob("*.html")):
        name = path.relative_to(overrides).as_posix()
        if (templates / name).is_file() and name not in copied_files | OWN_TEMPLATES.keys():
            found.append(f"overrides/{name} replaces material/templates/{name}")
        text = path.read_text(encoding="utf-8")
        for block in _BLOCK.findall(text):
            if block not in _BLOCK.findall(base) or "super()" in inside_block(text, block):
                continue
            if not normalise(inside_block(base, block)).strip():
                continue  # Material's block is empty: nothing of it could be copied
            if (name, block) not in copied_blocks | OWN_BLOCKS.keys():
                found.append(f"overrides/{name} overrides the block {block} without super()")
    return found


def inside_block(template: str, name: str) -> str:
    """What ``{% block name %}`` holds (either spelling, {% %} or {%- -%}), tags excluded."""
    start = re.search(r"{%-?\s*block\s+" + name + r"\s*-?%}", template)
    assert start is not None
    end = re.compile(r"{%-?\s*endblock\b").search(template, start.end())
    assert end is not None
    return template[start.end() : end.start()]


def update() -> None:
    SNAPSHOTS.mkdir(parents=True, exist_ok=True)
    for copy in COPIES + RELIED_ON:
        (SNAPSHOTS / copy.name).write_text(upstream_text(copy), encoding="utf-8")


def main(argv: list[str]) -> int:
    if argv == ["--update"]:
        update()
        print(
            f"Stored Material {material_version()}'s text of {len(COPIES)} copies "
            f"and {len(RELIED_ON)} partials they rely on."
        )
        return 0
    stale = 0
    for copy in COPIES:
        changed = upstream_changed(copy)
        missing = missing_from_copy(copy)
        if changed or missing:
            stale += 1
            print(f"overrides/{copy.ours} ({copy.why}):")
            if changed:
                print(changed)
            for line in missing:
                print(f"  missing from the copy: {line}")
    for relied in RELIED_ON:
        changed = upstream_changed(relied)
        if changed:
            stale += 1
            print(f"overrides/{relied.ours} ({relied.why}): re-check its condition")
            print(changed)
    print(
        f"{len(COPIES) - stale} of {len(COPIES)} copies (and the {len(RELIED_ON)} partials "
        f"they rely on) in step with mkdocs-material {material_version()}."
    )
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
