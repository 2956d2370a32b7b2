"""The allow-list: what a body may publish, whatever Markdown and HTML it is written in."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.bodytext import mask_code, render_body, render_cost, renderable
from generator.check.body import check_body
from generator.sanitize import (
    TAGS,
    allowed_attribute,
    normalize,
    review,
    sanitize,
    url_scheme,
)


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag


def elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.tags


_NAMES = ["a", "img", "script", "style", "svg", "math", "iframe", "p", "td", "h2", "details"]
_NAMES += ["animate", "object", "form", "table", "code", "font", "noscript", "textarea", "x-y"]
_ATTRIBUTES = ["href", "src", "onerror", "onload", "style", "id", "class", "align", "title"]
_ATTRIBUTES += ["xlink:href", "srcdoc", "formaction", "values", "attributeName", "width"]
_VALUES = ["javascript:alert(1)", "JaVa\tScRiPt:x", " javascript:x", "data:text/html,x", "x"]
_VALUES += ["https://sonla.gov.vn", "../anh.png", "//evil.example/x", "__config", "center"]
_VALUES += ["vbscript:x", "&#106;avascript:x", "jav&#x0A;ascript:x", "mailto:a@b.vn", '"><x']


@st.composite
def html_fragments(draw: st.DrawFn) -> str:
    tag = draw(st.sampled_from(_NAMES))
    attributes = draw(
        st.lists(st.tuples(st.sampled_from(_ATTRIBUTES), st.sampled_from(_VALUES)), max_size=3)
    )
    quoted = "".join(f' {name}="{value}"' for name, value in attributes)
    inner = draw(st.sampled_from(["", "chữ", "<b>đậm</b>", "<!-- x --!>", "</style>", "<![CDATA["]))
    close = draw(st.sampled_from([f"</{tag}>", "", f"</{tag}"]))
    return f"<{tag}{quoted}>{inner}{close}"


_MARKDOWN = st.sampled_from(
    [
        *("\n\n", "`", "``", "\\`", "```\n", "[x](", ")", "](", "![a](", "[r]: ", "# "),
        *("| a |\n", "<!--", "-->", "*", "**", "<", ">", "&", "&#", "Văn bản ", "\n    "),
        "javascript:x",
    ]
)
bodies = st.lists(st.one_of(html_fragments(), _MARKDOWN, st.text(max_size=8)), max_size=14).map(
    "".join
)


@settings(max_examples=300, deadline=None)
@given(bodies)
def test_nothing_outside_the_allow_list_is_ever_published(body):
    published = sanitize(render_body(body))
    for tag, attributes in elements(published):
        assert tag in TAGS, (tag, body)
        for name, value in attributes:
            assert allowed_attribute(tag, name, value or ""), (tag, name, value, body)
            if name in ("href", "src"):
                assert url_scheme(value or "") in (None, "http", "https", "mailto", "tel")


@settings(max_examples=300, deadline=None)
@given(bodies)
def test_the_review_names_every_removal_the_sanitiser_makes(body):
    html = render_body(body)
    removals = review(html)
    changed = sanitize(html) != normalize(html)
    assert bool(removals) == changed
    # The review's own reading found each one: its fallback, an unnamed removal, never served.
    assert all(removal.tag != "html" for removal in removals), body


def test_table_alignment_survives_as_an_attribute():
    html = sanitize(render_body("| a | b |\n|:-:|--:|\n| 1 | 2 |\n"))
    assert '<td align="center">1</td>' in html and "style" not in html


def test_headings_keep_their_ids_but_not_the_themes():
    html = sanitize(render_body("## Điều 1. Phạm vi\n\n## __config\n"))
    assert 'id="ieu-1-pham-vi"' in html and "__config" not in html.split(">")[2]


def test_images_only_from_the_site():
    html = sanitize(render_body("![a](anh.png) ![b](https://evil.example/t.png)"))
    assert 'src="anh.png"' in html and "evil.example" not in html


# -- the renderer's budget and the code mask ---------------------------------------------------

adversarial = st.lists(
    st.sampled_from(["`", "``", "```", "\\`", "[", "]", "(", ")", "](", "\n", "\n\n", " ", "a"]),
    max_size=400,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(adversarial)
def test_adversarial_backticks_and_brackets_keep_positions_and_never_break_the_check(body):
    masked = mask_code(body)
    assert len(masked) == len(body)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [
        i for i, c in enumerate(body) if c == "\n"
    ]
    found = list(check_body("a.md", body, 5))
    lines = body.count("\n") + 5
    assert all(5 <= d.line <= lines for d in found)
    assert ("B006" in [d.code for d in found]) == (not renderable(body))


def test_render_cost_counts_openers_per_paragraph():
    spread = "\n\n".join(["[a](b) `c`"] * 100)
    assert render_cost(spread) < 10 * len(spread) and renderable(spread)
    assert not renderable("[a](" * 2000)
    assert renderable("\\[a](" * 2000)  # escaped: Markdown looks for no end


def test_code_spans_stop_at_a_blank_line_and_fences_must_close():
    assert mask_code("`a\n\nb` <x>") == "`a\n\nb` <x>"
    assert mask_code("```\n<x>\n") == "```\n<x>\n"
    assert mask_code("```\n<x>\n```\n") == "   \n   \n   \n"


def test_unclosed_comment_is_an_error_with_its_place():
    found = [(d.code, d.line, d.column) for d in check_body("a.md", "Một.\n\nHai <!-- ghi\n", 3)]
    assert found == [("B005", 5, 5)]
    assert list(check_body("a.md", "Một <!-- a --> hai <!--> ba `<!--`\n", 3)) == []
