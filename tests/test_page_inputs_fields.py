"""Every field of a document that another document's page shows is in that page's key.

`portal build` keeps a document's page without rendering it while its key
(``pages.document.document_inputs``) is unchanged; of the other documents a page shows (its
bases, its citers, a plan's timeline) the key holds only what ``face`` lists. The tests in
tests/test_page_inputs.py change the inputs they name; this one changes **every field** of
``model.Document``, one at a time, on the documents that other pages show, so that a field a
renderer starts to show of a neighbour, and that nobody added to ``face``, fails here.

The changes are made on the documents as read (not in their files), and the pages that show
the changed document are rendered again with their keys: a page that changed must have a new
key.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, timedelta

import pytest

from generator.model import Document
from generator.pages import make_edition
from generator.pages.document import document_inputs, fingerprint, render_document
from generator.site import Site, read_site
from tests.conftest import with_repository_site

AS_OF = date(2026, 6, 1)

# A document's place in the graph and its own text: changing them in memory alone would not
# be a site that can be read (the registry, the citations and the lines are derived from
# them). Tests in tests/test_page_inputs.py change them in the files instead.
NOT_CHANGED_HERE = {
    "path",
    "number",
    "references",
    "amends",
    "replaces",
    "previous_numbers",
    "answer_by",
    "dialogue",
    "body",
    "body_line",
    "has_text",
    "citations",
    "lines",
    "columns",
    "targets",
    "invalid",
}
FIELDS = [f.name for f in dataclasses.fields(Document) if f.name not in NOT_CHANGED_HERE]
HINTS = typing.get_type_hints(Document)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    root = tmp_path_factory.mktemp("site")
    with_repository_site(root, content=True)
    return read_site(root, workers=1)


def _pages(site: Site, shown_on: list[Document]) -> dict[str, tuple[str, object]]:
    edition = make_edition(site, AS_OF, drafts=True)
    by_path = {d.path: d for d in edition.documents}
    pages = {}
    for document in shown_on:
        if document.path in by_path:
            mine = by_path[document.path]
            key = repr(document_inputs(edition, mine, site.root, fingerprint))
            pages[document.path] = (key, render_document(edition, mine, site.root))
    return pages


def _sample(site: Site, name: str, value: object) -> object:
    """Another value of the field, as some other document of the site has it, if any."""
    for other in site.documents:
        candidate = getattr(other, name)
        if candidate not in (None, [], (), "") and candidate != value:
            return candidate
    return None


def _changed(site: Site, name: str, value: object, hint: object) -> object:
    """A different value of the field's type: changed in place where it has one, else
    borrowed from another document."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        hint = next(h for h in typing.get_args(hint) if h is not type(None))
    if isinstance(value, bool):
        return not value
    if isinstance(value, str):
        return value + " (đã sửa)"
    if isinstance(value, date):
        return value + timedelta(days=3)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for inner in dataclasses.fields(value):
            changed = _changed(site, inner.name, getattr(value, inner.name), inner.type)
            if changed is not None:
                return dataclasses.replace(value, **{inner.name: changed})  # type: ignore[misc]
    if isinstance(value, list) and value:
        first = _changed(site, name, value[0], type(value[0]))
        return [first, *value[1:]] if first is not None else None
    borrowed = _sample(site, name, value)
    if borrowed is not None:
        return borrowed
    if hint is str:
        return "Giá trị mới"
    if hint is date:
        return date(2025, 10, 1)
    if typing.get_origin(hint) is list and typing.get_args(hint) == (str,):
        return ["Giá trị mới"]
    return None


def _neighbours(site: Site) -> dict[str, list[Document]]:
    """The documents other pages show, each with the documents whose pages show it."""
    edition = make_edition(site, AS_OF, drafts=True)
    graph = edition.graph
    shown: dict[str, list[Document]] = {}
    for document in edition.documents:
        others = [link.target for link in graph.based_on(document)]
        others += [link.source for link in graph.cited_by(document)]
        if document.doctype is not None and document.doctype.key == "plan":
            others += list(graph.timeline(document))
        for other in others:
            if other is not document:
                shown.setdefault(other.path, []).append(document)
    return shown


def test_every_field_shown_of_another_document_is_in_the_key(site):
    shown = _neighbours(site)
    assert len(shown) >= 5, "the shipped site has too few linked documents to test this"
    # The documents shown on the most pages, and one of each type among the rest.
    order = sorted(shown, key=lambda path: (-len(shown[path]), path))
    by_type: dict[object, str] = {}
    for path in order:
        document = next(d for d in site.documents if d.path == path)
        by_type.setdefault(document.doctype, path)
    chosen = list(dict.fromkeys([*order[:3], *by_type.values()]))
    stale: list[tuple[str, str, str]] = []
    changes_shown: set[str] = set()
    for path in chosen:
        before = _pages(site, shown[path])
        index = next(i for i, d in enumerate(site.documents) if d.path == path)
        original = site.documents[index]
        for name in FIELDS:
            value = _changed(site, name, getattr(original, name), HINTS[name])
            if value is None:
                continue
            documents = list(site.documents)
            documents[index] = dataclasses.replace(original, **{name: value})
            after = _pages(dataclasses.replace(site, documents=documents), shown[path])
            for page in before.keys() & after.keys():
                if before[page][1] != after[page][1]:
                    changes_shown.add(name)
                    if before[page][0] == after[page][0]:
                        stale.append((name, path, page))
    # Not vacuous: what every entry of a panel shows did change the pages.
    assert {"title", "issued", "issuer", "status"} <= changes_shown
    assert stale == [], "fields shown of a neighbour but not in its face (pages.document.face)"
