"""Stable ASCII addresses derived from a document's number and year.

"340/TB-VPUB" of 2025 lives at van-ban/2025/tb-340-vpub/: editing a document never moves it;
changing its number does, and `previous_numbers` keeps a redirect from the old address.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePosixPath

from generator.model import Document
from generator.numbers import DocNumber, parse_number

DOCUMENTS = "van-ban"
TOPICS = "chu-de"


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


# Cached: a check asks for every document's address several times (N005, N006), and every
# document of a topic asks for the topic's; the slug is a pure function of the text.
@lru_cache(maxsize=1 << 16)
def ascii_slug(text: str) -> str:
    """ "Đối thoại trực tiếp" → "doi-thoai-truc-tiep" (đ has no decomposition: map it first)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", text.lower()).strip("-")


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


@dataclass(frozen=True)
class UrlScheme:
    """Where each page is served and written, and how pages link to each other and to files.

    The one place that knows MkDocs' `use_directory_urls` (built by the adapter from the
    configuration, or read from mkdocs.yml by the commands that run without MkDocs). With
    directory URLs (the default), "van-ban/2025/x.md" is served at "van-ban/2025/x/" from
    "van-ban/2025/x/index.html"; without them, at "van-ban/2025/x.html", and every link names
    the file, so the site also works opened from disk or from a server with no folder index.
    Pages are named by their source path under the docs folder ("van-ban/index.md").
    """

    directory_urls: bool = True

    @classmethod
    def from_config(cls, config: Mapping[str, object]) -> UrlScheme:
        """From mkdocs.yml's keys (MkDocs' default when `use_directory_urls` is absent)."""
        return cls(directory_urls=config.get("use_directory_urls", True) is not False)

    def url(self, src: str) -> str:
        """A page's address under the site: "van-ban/2025/x/" ("" for the home page), or
        "van-ban/2025/x.html" ("index.html") without directory URLs."""
        return _url(src, self.directory_urls)

    def file(self, src: str) -> str:
        """The file a page is written to under the site folder."""
        url = self.url(src)
        return url + "index.html" if url == "" or url.endswith("/") else url

    def absolute(self, site_url: str, src: str) -> str:
        """A page's public address under ``site_url`` ("https://…/")."""
        return site_url.rstrip("/") + "/" + self.url(src)

    def up(self, from_src: str) -> str:
        """The way from a page's folder up to the site's root ("../" a folder): what every
        relative link from that page starts with, worked out once for a page's many links."""
        return "../" * self.url(from_src).count("/")

    def asset_href(self, from_src: str, asset: str) -> str:
        """A relative link from a page to a file of the site ("assets/x.js"), valid under any
        sub-path: up from the page's folder, then down."""
        return self.up(from_src) + asset

    def href(self, from_src: str, to_src: str) -> str:
        """A relative link from one page to another."""
        return self.href_up(self.up(from_src), to_src)

    def href_up(self, up: str, to_src: str) -> str:
        """``href`` from a page whose way up (``up``) is known."""
        return (up + self.url(to_src)) or "./"

    def self_href(self, src: str) -> str:
        """A page's link to itself (a form that submits to its own page): "./" or "x.html"."""
        return "./" if self.directory_urls else PurePosixPath(self.url(src)).name

    def calendar_path(self, src: str) -> str:
        """One document's calendar, beside its page, named after it: "…/tb-340-vpub.ics"
        (in the page's own folder with directory URLs)."""
        stem = PurePosixPath(src).stem
        folder = self.url(src) if self.directory_urls else folder_of(src)
        return f"{folder}{stem}.ics"


# A page's address is asked for again and again (each link to it from every page, its feed
# entry, its data): worked out once per page and scheme.
@lru_cache(maxsize=1 << 17)
def _url(src: str, directory_urls: bool) -> str:
    path = src.removesuffix(".md")
    folder, stem = posixpath.split(path)
    if stem in ("index", "README"):  # MkDocs serves a folder's README as its index
        folder = folder + "/" if folder else ""
        return folder if directory_urls else folder + "index.html"
    return path + "/" if directory_urls else path + ".html"


DIRECTORY_URLS = UrlScheme()


def url_of(src: str) -> str:
    """A page's address with directory URLs, as diagnostics name it ("van-ban/2025/x/"): a
    message means the same whatever the site's scheme. Pages, feeds and data ask the site's
    `UrlScheme` instead."""
    return DIRECTORY_URLS.url(src)


def folder_of(src: str) -> str:
    """The folder of a page's source, ending in "/": "van-ban/thong-bao/index.md" →
    "van-ban/thong-bao/" (where a listing's later pages and feed go)."""
    folder = posixpath.dirname(src)
    return folder + "/" if folder else ""


def numbered_src(base_src: str, number: int) -> str:
    """Page ``number`` (2, 3…) of a listing that starts at ``base_src``, in the first page's
    folder: "van-ban/thong-bao/index.md" → "van-ban/thong-bao/trang-2.md",
    "…/x/duoc-dan-chieu.md" → "…/x/duoc-dan-chieu/trang-2.md"."""
    stem = base_src.removesuffix(".md")
    folder = stem.removesuffix("index") if posixpath.basename(stem) == "index" else stem + "/"
    return f"{folder}trang-{number}.md"


def relative(from_src: str, to_src: str) -> str:
    """A Markdown link from one page's source to another's, which the generator validates and
    rewrites to the target's address (so it does not depend on the URL scheme)."""
    if from_src.startswith("/") or to_src.startswith("/"):
        source_parts, target_parts = (
            PurePosixPath(from_src).parent.parts,
            PurePosixPath(to_src).parts,
        )
    else:
        # PurePosixPath's parts, by string operations (a link for every citation of every
        # document): empty and "." parts dropped, ".." kept.
        source_parts = _parts(from_src)[:-1]
        target_parts = _parts(to_src)
    common = 0
    for a, b in zip(source_parts, target_parts, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(source_parts) - common) + list(target_parts[common:]))


def _parts(path: str) -> list[str]:
    return [part for part in path.split("/") if part and part != "."]


# -- files other than pages: feeds, calendars, open data ------------------------------------

FEED = "feed.xml"
SITE_FEED = FEED  # the whole site's feed, at its root
CALENDAR = "lich/doi-thoai.ics"
CATALOGUE = "api/van-ban.json"
API_SCHEMAS = "api/schema"
FRONTMATTER_SCHEMA = "api/frontmatter.schema.json"


def feed_path(listing_src: str) -> str:
    """A listing's Atom feed in its folder: "van-ban/thong-bao/index.md" → ".../feed.xml"."""
    return folder_of(listing_src) + FEED


def api_path(src: str) -> str:
    """One document as data: "van-ban/2025/tb-340-vpub.md" → "api/van-ban/2025/tb-340-vpub.json"."""
    return f"api/{src[: -len('.md')]}.json"


def catalogue_page_path(number: int) -> str:
    """The catalogue's pages after the first, when it is split: "api/van-ban/trang-2.json"."""
    return CATALOGUE if number == 1 else f"api/van-ban/trang-{number}.json"
