"""Check that every internal link of a built site resolves: file and #anchor.

Knows nothing of the generator: it reads the HTML (and the feeds, calendars and data files) in
a site folder as a browser or a crawler meets them. Checked:

- every href, src and form action of every HTML page, and a redirect page's
  ``<meta http-equiv="refresh">`` target, resolved against the page's own address;
- every absolute address under the site's public address (``--site-url``), wherever it
  appears: canonical links, sitemap.xml, Atom feeds, calendars, JSON data, JSON-LD;
- every #anchor into an HTML page: an element with that id (or an ``<a name>``) must exist.

An address ending in "/" needs the folder's index.html, which a web server serves but a
browser opening files from disk does not: ``directory_index=False`` counts such links as
broken, as a site built with ``use_directory_urls: false`` promises to work from disk.

    python benchmarks/linkcheck.py site --site-url https://vpubnd.sonla.gov.vn/
"""

from __future__ import annotations

import argparse
import html
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

TEXT_FILES = (".html", ".xml", ".json", ".ics", ".txt", ".webmanifest")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
# The contents of these elements are not markup; their opening tag still is (script src).
_RAW = re.compile(r"(<(script|style|textarea)\b[^>]*>).*?(</\2\s*>)", re.S | re.I)
_TAG = re.compile(r"<([a-zA-Z][\w-]*)(\s[^>]*)?>", re.S)
_ATTR = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")
_LINK_ATTRS = {"href", "src", "action", "poster", "data"}
_REFRESH_URL = re.compile(r"^\s*\d+\s*;\s*url\s*=\s*(.*)$", re.I | re.S)


@dataclass(frozen=True)
class Problem:
    page: str  # the file, relative to the site folder
    link: str  # the address as written
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.link} — {self.reason}"


@dataclass
class _Page:
    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


def _attributes(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for m in _ATTR.finditer(text or ""):
        value = next((v for v in m.group(2, 3, 4) if v is not None), "")
        found.setdefault(m.group(1).lower(), html.unescape(value))
    return found


def parse_html(text: str) -> _Page:
    """The links a page makes and the anchors it offers."""
    page = _Page()
    text = _COMMENT.sub("", text)
    # Keep scripts' text for the absolute-address scan (JSON-LD), but not as markup.
    text = _RAW.sub(lambda m: m.group(1) + m.group(3), text)
    for tag in _TAG.finditer(text):
        name = tag.group(1).lower()
        attrs = _attributes(tag.group(2) or "")
        if "id" in attrs:
            page.ids.add(attrs["id"])
        if name == "a" and "name" in attrs:
            page.ids.add(attrs["name"])
        if name == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            m = _REFRESH_URL.match(attrs.get("content", ""))
            if m:
                page.links.append(m.group(1).strip().strip("'\""))
        for key in _LINK_ATTRS & attrs.keys():
            if key == "data" and name != "object":
                continue
            page.links.append(attrs[key])
    return page


class LinkChecker:
    def __init__(
        self, site: Path, site_url: str | None = None, directory_index: bool = True
    ) -> None:
        self.site = site.resolve()
        self.site_url = (site_url.rstrip("/") + "/") if site_url else None
        # The path the site is served under ("/" or "/cong/"): absolute paths start there.
        self.prefix = urlsplit(self.site_url).path if self.site_url else "/"
        self.directory_index = directory_index
        self._pages: dict[Path, _Page | None] = {}
        self._absolute = (
            re.compile(re.escape(self.site_url) + r"[^\s\"'<>\\)\]]*") if self.site_url else None
        )

    def page(self, path: Path) -> _Page | None:
        if path not in self._pages:
            try:
                self._pages[path] = parse_html(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                self._pages[path] = None
        return self._pages[path]

    def check(self) -> list[Problem]:
        problems: list[Problem] = []
        for path in sorted(self._files()):
            problems += self.check_file(path)
        return problems

    def _files(self) -> list[Path]:
        found = []
        for folder, _dirs, names in os.walk(self.site):
            found += [Path(folder) / n for n in names if n.endswith(TEXT_FILES)]
        return found

    def check_file(self, path: Path) -> list[Problem]:
        name = path.relative_to(self.site).as_posix()
        problems = []
        links: list[str] = []
        if path.suffix == ".html":
            parsed = self.page(path)
            links += parsed.links if parsed else []
        if self._absolute is not None:
            text = path.read_text(encoding="utf-8", errors="replace")
            if path.suffix == ".ics":  # RFC 5545 folds long lines: a space starts a continuation
                text = text.replace("\r\n ", "").replace("\n ", "")
            links += [html.unescape(m.group(0)) for m in self._absolute.finditer(text)]
        for link in dict.fromkeys(links):
            reason = self.resolve(name, link)
            if reason:
                problems.append(Problem(name, link, reason))
        return problems

    def resolve(self, page: str, link: str) -> str | None:
        """Why ``link`` written in ``page`` does not resolve, or None."""
        link = link.strip()
        # A public address is served by a web server, which answers "x/" with x/index.html.
        served = bool(self.site_url) and link.startswith(self.site_url)
        if served:
            link = self.prefix + link[len(self.site_url) :]
        parts = urlsplit(link)
        if parts.scheme or link.startswith("//"):
            return None  # another site, mailto:, data:...
        if not parts.path:  # "#anchor" or "?q=": this page
            target = self.site / page
        elif parts.path.startswith("/"):
            if not parts.path.startswith(self.prefix):
                return f"ngoài đường dẫn của trang ({self.prefix})"
            target = self.site / unquote(parts.path[len(self.prefix) :])
        else:
            target = (self.site / page).parent / unquote(parts.path)
        try:
            target = Path(os.path.normpath(target))
            target.relative_to(self.site)
        except ValueError:
            return "trỏ ra ngoài thư mục trang"
        if target.is_dir() or (parts.path.endswith("/") and parts.path):
            if not (self.directory_index or served):
                return "cần máy chủ trả index.html của thư mục"
            target = target / "index.html"
        if not target.is_file():
            return "không có tệp"
        if parts.fragment and target.suffix == ".html":
            fragment = unquote(parts.fragment)
            parsed = self.page(target)
            if parsed is None or fragment not in parsed.ids:
                return f"không có neo #{fragment}"
        return None


def check_site(
    site: Path, site_url: str | None = None, directory_index: bool = True
) -> list[Problem]:
    return LinkChecker(site, site_url, directory_index).check()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--site-url", help="the public address, e.g. https://example.org/")
    parser.add_argument(
        "--no-directory-index",
        action="store_true",
        help='count links to a folder ("x/") as broken (use_directory_urls: false)',
    )
    args = parser.parse_args(argv)
    problems = check_site(args.site, args.site_url, not args.no_directory_index)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} broken", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
