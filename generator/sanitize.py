"""The HTML that a body may publish: one allow-list, the sanitiser that applies it, and a review
that says what the sanitiser would remove (B001, B004) so the check and the site cannot disagree.

Bodies are Markdown with embedded HTML written by many hands; linting the source is an early
warning, not the defence. Every rendered body goes through ``sanitize`` (nh3, i.e. ammonia on
html5ever, the parser a browser uses) before it reaches a page. ``review`` runs the same
allow-list over the same parse: the HTML is first normalised by nh3 with everything allowed,
and whatever differs from the sanitised output is what gets reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

import nh3

# -- the allow-list ------------------------------------------------------------------------
# What an official document needs: paragraphs, headings, emphasis, lists, tables, quotations,
# links and images of the site itself. Nothing that runs, loads from elsewhere or restyles.

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
TAGS = frozenset(
    {"a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del"}
    | {"div", "dl", "dt", "em", "figcaption", "figure", "hr", "i", "img", "ins", "kbd", "li"}
    | {"mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup", "table"}
    | {"tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul"}
    | HEADINGS
)
_CELL = frozenset({"colspan", "rowspan", "align"})
ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"title", "lang"}),  # on every allowed tag: text, harmless
    "a": frozenset({"href", "title"}),
    "img": frozenset({"src", "alt", "title", "width", "height"}),
    "abbr": frozenset({"title"}),
    "td": _CELL,
    "th": _CELL | {"scope"},
    "ol": frozenset({"start"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "code": frozenset({"class"}),  # fenced code's "language-xxx"
    **{h: frozenset({"id"}) for h in HEADINGS},  # the table of contents links to them
}
URL_ATTRIBUTES = frozenset({"href", "src"})
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Elements removed together with what they hold: their content is code, a form's state or
# foreign (SVG, MathML) markup, never text a reader should see.
CLEAN_CONTENT_TAGS = frozenset(
    {"script", "style", "template", "textarea", "noscript", "iframe", "svg", "math", "object"}
    | {"title", "xmp", "noembed", "noframes", "select"}
)

# Removed markup that could run code, load something or change the page: an error (B001).
DANGEROUS_TAGS = frozenset(
    CLEAN_CONTENT_TAGS
    | {"embed", "applet", "base", "meta", "link", "form", "input", "button", "frame"}
    | {"frameset", "portal", "dialog", "marquee", "video", "audio", "source", "track"}
    | {"area", "map", "image", "animate", "set", "use", "plaintext"}
)
_DANGEROUS_SCHEMES = frozenset({"javascript", "vbscript", "data", "file"})
_DANGEROUS_ATTRIBUTES = frozenset({"style", "srcdoc", "formaction", "action", "xlink:href"})

# Material's and the portal's own ids (`__drawer`, `__config`, `vb-search-input`...) must not
# be shadowed by a heading's id: scripts look them up by id.
_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")
_RESERVED_ID_PREFIXES = ("__", "md-", "vb-")
_LANGUAGE_CLASS = re.compile(r"language-[A-Za-z0-9_+#.-]+")
_DIGITS = re.compile(r"[0-9]{1,4}")
_VALUES = {
    "align": frozenset({"left", "center", "right"}),
    "scope": frozenset({"row", "col", "rowgroup", "colgroup"}),
}
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_URL_NOISE = re.compile(r"[\t\n\r]")


def url_scheme(value: str) -> str | None:
    """The scheme a browser reads in a URL (tabs and newlines inside it are ignored), or None
    for a relative URL."""
    cleaned = _URL_NOISE.sub("", value).strip(
        "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c "
        "\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19"
        "\x1a\x1b\x1c\x1d\x1e\x1f"
    )
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def _keep_value(tag: str, name: str, value: str) -> bool:
    """The rules on values that a list of names cannot say (the sanitiser's attribute filter)."""
    if name == "id":
        return bool(_ID.fullmatch(value)) and not value.startswith(_RESERVED_ID_PREFIXES)
    if name == "class":
        return bool(_LANGUAGE_CLASS.fullmatch(value))
    if name in _VALUES:
        return value.lower() in _VALUES[name]
    if name in {"width", "height", "start", "span", "colspan", "rowspan"}:
        return bool(_DIGITS.fullmatch(value.strip()))
    if tag == "img" and name == "src":
        # Images of the site only: nothing fetched from elsewhere (tracking, hot-linking).
        stripped = value.strip()
        return url_scheme(stripped) is None and not stripped.startswith(("//", "\\", "/\\"))
    return True


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    return value if _keep_value(tag, name, value) else None


def allowed_attribute(tag: str, name: str, value: str) -> bool:
    """Whether the sanitiser keeps this attribute on this (allowed) tag."""
    if name not in ATTRIBUTES.get(tag, ()) and name not in ATTRIBUTES["*"]:
        return False
    if name in URL_ATTRIBUTES:
        scheme = url_scheme(value)
        if scheme is not None and scheme not in URL_SCHEMES:
            return False
    return _keep_value(tag, name, value)


_STRICT = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(CLEAN_CONTENT_TAGS),
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    attribute_filter=_attribute_filter,
    strip_comments=True,
    link_rel=None,
    url_schemes=set(URL_SCHEMES),
)

# -- Markdown that the renderer cannot choke on ----------------------------------------------
# `<![` followed by anything but a known keyword makes the HTML parser that MkDocs runs over
# every page raise (CPython's _markupbase before 3.13), which stopped `portal build` with a
# traceback and hung `portal serve`. Markdown renders such text as text, so `shield_markup` swaps
# it for a placeholder that no parser reads as markup, and `sanitize` puts the text back.
_PLACEHOLDER = "\ufdd0"  # a Unicode noncharacter: never in a document, inert to every parser
_MARKED_SECTION = "<!["


def shield_markup(markdown: str) -> str:
    if _MARKED_SECTION not in markdown and _PLACEHOLDER not in markdown:
        return markdown
    return markdown.replace(_PLACEHOLDER, "").replace(_MARKED_SECTION, _PLACEHOLDER)


def _unshield(html: str) -> str:
    return html.replace(_PLACEHOLDER, "&lt;![") if _PLACEHOLDER in html else html


def sanitize(html: str) -> str:
    """The rendered HTML of a body, with only what the allow-list permits."""
    return _STRICT.clean(_unshield(html))


# -- review: what the sanitiser removes, for the check ---------------------------------------


@dataclass(frozen=True)
class Removal:
    """Something in a body's rendered HTML that the sanitiser removes."""

    dangerous: bool  # could run code, load something or change the page: B001, else B004
    tag: str
    attribute: str | None = None
    value: str = ""

    @property
    def what(self) -> str:
        if self.attribute is None:
            return f"thẻ `<{self.tag}>`"
        if self.attribute in URL_ATTRIBUTES and self.value:
            return f"địa chỉ `{self.value.strip()[:40]}` trong `<{self.tag}>`"
        return f"thuộc tính `{self.attribute}=` trong thẻ `<{self.tag}>`"


# Every element name a body could use to run or restyle something, so the permissive pass
# keeps it (and the review sees it); tags it does not know are added from the text itself.
_KNOWN_TAGS = TAGS | DANGEROUS_TAGS | {"font", "center", "big", "strike", "tt", "nobr", "body"}
_TAG_NAMES = re.compile(r"</?([A-Za-z][A-Za-z0-9:-]*)")
_ALL_SCHEMES = URL_SCHEMES | _DANGEROUS_SCHEMES | {"ftp", "ftps", "ws", "wss", "blob", "about"}


@lru_cache(maxsize=64)
def _permissive(tags: frozenset[str], schemes: frozenset[str]) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(tags),
        clean_content_tags=set(),
        attributes={},
        generic_attribute_prefixes={""},
        strip_comments=True,
        link_rel=None,
        url_schemes=set(schemes),
    )


def normalize(html: str) -> str:
    """The HTML as html5ever parses it, comments dropped and everything else kept."""
    html = _unshield(html)
    extra = {name.lower() for name in _TAG_NAMES.findall(html)} - _KNOWN_TAGS
    schemes = {m.lower() for m in _SCHEME.findall(html)} - _ALL_SCHEMES
    cleaner = _permissive(frozenset(_KNOWN_TAGS | extra), frozenset(_ALL_SCHEMES | schemes))
    return cleaner.clean(html)


def _dangerous(name: str, value: str) -> bool:
    return (
        name.startswith("on")
        or name in _DANGEROUS_ATTRIBUTES
        or (name in URL_ATTRIBUTES and url_scheme(value) in _DANGEROUS_SCHEMES)
    )


class _Scanner(HTMLParser):
    """Walks normalised HTML (well-formed: html5ever wrote it) applying the allow-list."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.removals: list[Removal] = []
        self.dropped: list[str] = []  # open elements whose content is removed with them

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropped:
            if tag == self.dropped[-1]:
                self.dropped.append(tag)
            return
        if tag not in TAGS:
            # The element goes, with its attributes; a handler on it still says what was meant.
            handler = next((n for n, v in attrs if _dangerous(n, v or "")), None)
            self.removals.append(
                Removal(tag in DANGEROUS_TAGS or handler is not None, tag, handler)
            )
            if tag in CLEAN_CONTENT_TAGS:
                self.dropped.append(tag)
            return
        for name, value in attrs:
            value = value or ""
            if not allowed_attribute(tag, name, value):
                self.removals.append(Removal(_dangerous(name, value), tag, name, value))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if self.dropped and self.dropped[-1] == tag:
            self.dropped.pop()

    def handle_endtag(self, tag: str) -> None:
        if self.dropped and tag == self.dropped[-1]:
            self.dropped.pop()


def review(html: str) -> list[Removal]:
    """What ``sanitize`` removes from this HTML; empty exactly when it removes nothing."""
    normalised = normalize(html)
    if _STRICT.clean(normalised) == normalised:
        return []
    scanner = _Scanner()
    scanner.feed(normalised)
    scanner.close()
    # The two parsers agree on html5ever's own output; should they ever not, the difference
    # is still reported rather than published silently.
    return scanner.removals or [Removal(False, "html")]


# -- the page around the body ----------------------------------------------------------------

# Only the site's own scripts, styles, images and fonts; nothing inline, nothing framed.
# The portal loads none of Material's JavaScript, whose inline scripts would need 'unsafe-inline'.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; "
    "frame-src 'none'; base-uri 'self'; form-action 'self'"
)
