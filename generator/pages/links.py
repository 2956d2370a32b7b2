"""Turn the citations in a body into Markdown links to the cited documents' pages."""

from __future__ import annotations

from collections.abc import Callable

from generator.citations import Citation


def link_citations(
    body: str, citations: list[Citation], target: Callable[[Citation], str | None]
) -> str:
    """Replace each citation with a link to ``target(citation)`` (None: left as text).

    Citations already inside a Markdown link's text are left alone.
    """
    pieces: list[str] = []
    last = 0
    for citation in citations:
        url = target(citation)
        if url is None or citation.start < last or _inside_link(body, citation.start):
            continue
        pieces.append(body[last : citation.start])
        pieces.append(f"[{citation.text}]({url})")
        last = citation.end
    pieces.append(body[last:])
    return "".join(pieces)


def _inside_link(body: str, offset: int) -> bool:
    line_start = body.rfind("\n", 0, offset) + 1
    before = body[line_start:offset]
    return before.rfind("[") > before.rfind("]") or before.rfind("<a ") > before.rfind("</a>")
