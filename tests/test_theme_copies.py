"""Every piece of Material that overrides/ copies is guarded (tools/theme_copies.py lists them).

A copy does not follow Material's changes as ``super()`` does: when an upgrade of Material
changes a block we copied, these tests fail and say which copy to re-check.
"""

from __future__ import annotations

import shutil
import sys

import pytest

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "tools"))
from theme_copies import (
    COPIES,
    OVERRIDES,
    RELIED_ON,
    Copy,
    material_version,
    missing_from_copy,
    theme_dir,
    unlisted_overrides,
    upstream_changed,
)

by_name = pytest.mark.parametrize("copy", COPIES, ids=[c.name for c in COPIES])


def _what(copy: Copy) -> str:
    block = f" (block {copy.block})" if copy.block else ""
    return f"material/templates/{copy.upstream}{block}"


@by_name
def test_material_still_has_what_we_copied(copy):
    changed = upstream_changed(copy)
    assert not changed, (
        f"mkdocs-material {material_version()} changed {_what(copy)} since overrides/"
        f"{copy.ours} copied it ({copy.why}). Re-check overrides/{copy.ours}: bring the change "
        "below into the copy (or drop the copy if Material now does what we need), build and "
        "look at a page, then store Material's new text with `python tools/theme_copies.py "
        f"--update`.\n{changed}"
    )


@pytest.mark.parametrize("relied", RELIED_ON, ids=[r.name for r in RELIED_ON])
def test_material_still_has_the_partials_a_condition_relies_on(relied):
    # overrides/partials/content.html predicts when these partials print only white space.
    changed = upstream_changed(relied)
    assert not changed, (
        f"mkdocs-material {material_version()} changed {_what(relied)}: overrides/"
        f"{relied.ours} reuses its output under a condition of its own ({relied.why}). "
        "Re-check that condition against the new text, then store it with "
        f"`python tools/theme_copies.py --update`.\n{changed}"
    )


@by_name
def test_the_copy_keeps_everything_it_copied(copy):
    missing = missing_from_copy(copy)
    assert not missing, (
        f"overrides/{copy.ours} has lost part of {_what(copy)} that it copies, beyond the "
        "changes listed for it in tools/theme_copies.py (COPIES). Put it back, or list the "
        "change there with why:\n" + "\n".join(missing)
    )


def test_every_override_of_a_material_block_is_listed():
    # A new copy must be guarded too: a template or block of Material overridden without
    # super() is either a listed copy or listed as the portal's own text.
    assert unlisted_overrides() == [], (
        "tools/theme_copies.py must list these overrides: in COPIES (then store Material's "
        "text with `python tools/theme_copies.py --update`) or in OWN_TEMPLATES/OWN_BLOCKS"
    )


# -- the guards themselves see what they are for -------------------------------------------


def _copy(name: str) -> Copy:
    return next(c for c in COPIES if c.name == name)


def test_a_change_upstream_is_reported_with_a_diff(tmp_path):
    templates = tmp_path / "templates"  # only what is copied: the icons are 10,000 files
    for copy in COPIES:
        (templates / copy.upstream).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(theme_dir() / copy.upstream, templates / copy.upstream)
    header = templates / "partials/header.html"
    header.write_text(
        header.read_text(encoding="utf-8").replace('data-md-component="logo"', "data-x"),
        encoding="utf-8",
    )
    changed = upstream_changed(_copy("header.html"), templates)
    assert '-<a href="{{ config.extra.homepage' in changed and "+<a " in changed
    assert "data-x>" in changed
    # Only what was copied counts: the rest of base.html may change (it does every release).
    base = templates / "base.html"
    base.write_text(base.read_text(encoding="utf-8") + "\n<!-- x -->\n", encoding="utf-8")
    assert upstream_changed(_copy("site_nav.html"), templates) == ""


def test_a_line_lost_from_a_copy_is_reported(tmp_path):
    overrides = tmp_path / "overrides"
    shutil.copytree(OVERRIDES, overrides)
    header = overrides / "partials/header.html"
    text = header.read_text(encoding="utf-8")
    header.write_text(text.replace('{% include "partials/alternate.html" %}', ""))
    assert missing_from_copy(_copy("header.html"), overrides) == [
        '{% include "partials/alternate.html" %}'
    ]
