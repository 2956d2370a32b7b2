"""Stable ASCII addresses derived from a document's number and year.

"340/TB-VPUB" of 2025 lives at van-ban/2025/tb-340-vpub/: editing a document never moves it;
changing its number does, and `previous_numbers` keeps a redirect from the old address.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import PurePosixPath

from generator.model import Document
from generator.numbers import DocNumber, parse_number

DOCUMENTS = "van-ban"
TOPICS = "chu-de"


def ascii_slug(text: str) -> str:
    """ "Đối thoại trực tiếp" → "doi-thoai-truc-tiep" (đ has no decomposition: map it first)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def number_slug(number: DocNumber) -> str:
    parts = [
        number.symbol,
        number.digits,
        *([str(number.year)] if number.year else []),
        number.issuer,
    ]
    return ascii_slug("-".join(parts))


def document_src(document: Document, number_text: str | None = None) -> str:
    """The generated page's path under the docs folder: "van-ban/2025/tb-340-vpub.md"."""
    number = parse_number(number_text) if number_text else document.number
    if number is not None and number.numbered:
        year = number.year or (document.issued.year if document.issued else None)
        if year is not None:
            return f"{DOCUMENTS}/{year}/{number_slug(number)}.md"
    # Only drafts get here (a published document has a number and a date): keyed by file name.
    return f"{DOCUMENTS}/du-thao/{ascii_slug(PurePosixPath(document.path).stem)}.md"


def topic_slug(topic: str) -> str:
    """ "Đất đai" → "dat-dai"; a topic with no Latin letter or digit ("中文", "!!!") gets a
    short stable hash instead of an empty slug, so it keeps a page of its own."""
    slug = ascii_slug(topic)
    if slug:
        return slug
    return "cd-" + hashlib.sha1(topic.encode("utf-8")).hexdigest()[:8]


def topic_src(topic: str) -> str:
    return f"{TOPICS}/{topic_slug(topic)}/index.md"


# Folders and pages the portal generates: a plain page there would be overwritten (F015).
RESERVED_PAGES = ("index.md",)
RESERVED_FOLDERS = (DOCUMENTS, TOPICS, "tim-kiem", "api", "lich", "search")
# The Q&A section and the page on sending petitions (generator/pages/petitions.py).
RESERVED_FOLDERS += ("hoi-dap", "gui-kien-nghi")


def is_reserved(src: str) -> bool:
    """Whether a content-relative page path is one the portal generates itself."""
    return src in RESERVED_PAGES or src.split("/", 1)[0] in RESERVED_FOLDERS


def url_of(src: str) -> str:
    """The address a page's source path is served at, with directory URLs: "van-ban/2025/x/"."""
    path = src[: -len(".md")]
    if path == "index" or path.endswith("/index"):
        return path[: -len("index")]
    return path + "/"


def relative(from_src: str, to_src: str) -> str:
    """A link from one page to another, relative, as MkDocs validates and rewrites it."""
    source = PurePosixPath(from_src).parent
    target = PurePosixPath(to_src)
    up = len(source.parts)
    common = 0
    for a, b in zip(source.parts, target.parts, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (up - common) + list(target.parts[common:]))


# -- files other than pages: feeds, calendars, open data ------------------------------------

FEED = "feed.xml"
SITE_FEED = FEED  # the whole site's feed, at its root
CALENDAR = "lich/doi-thoai.ics"
CATALOGUE = "api/van-ban.json"
API_SCHEMAS = "api/schema"
FRONTMATTER_SCHEMA = "api/frontmatter.schema.json"


def feed_path(listing_src: str) -> str:
    """A listing's Atom feed beside its page: "van-ban/thong-bao/index.md" → ".../feed.xml"."""
    return url_of(listing_src) + FEED


def calendar_path(src: str) -> str:
    """One document's calendar, in its folder, named after it: ".../tb-340-vpub.ics"."""
    url = url_of(src)
    return f"{url}{url.rstrip('/').rsplit('/', 1)[-1]}.ics"


def api_path(src: str) -> str:
    """One document as data: "van-ban/2025/tb-340-vpub.md" → "api/van-ban/2025/tb-340-vpub.json"."""
    return f"api/{src[: -len('.md')]}.json"


def catalogue_page_path(number: int) -> str:
    """The catalogue's pages after the first, when it is split: "api/van-ban/trang-2.json"."""
    return CATALOGUE if number == 1 else f"api/van-ban/trang-{number}.json"
