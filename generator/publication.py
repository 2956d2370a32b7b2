"""What feeds, calendars and open data share: the public documents, their dates, absolute links.

These files leave the site (a feed reader, a calendar, an aggregator keeps them), so they carry
only what is public on the build date, even in a preview that shows drafts, and they take
every date from the content and the edition, never from the clock: the same content built
for the same day gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from uuid import NAMESPACE_URL, uuid5
from zoneinfo import ZoneInfo

from generator.history import public_dates
from generator.model import Document
from generator.pages.edition import Edition, is_public

TIMEZONE = "Asia/Ho_Chi_Minh"  # Sơn La keeps Vietnam's time, UTC+07:00
VIETNAM = ZoneInfo(TIMEZONE)


@dataclass(frozen=True)
class Publisher:
    """The site as the outside world names it: from mkdocs.yml's site_name and site_url."""

    name: str
    url: str | None = None  # "https://vpubnd.sonla.gov.vn/"; None when not configured

    def absolute(self, path: str) -> str | None:
        """The public address of a path under the site, when the site's address is known."""
        if not self.url:
            return None
        return self.url.rstrip("/") + "/" + path.lstrip("/")

    def link(self, from_file: str, path: str) -> str:
        """A link written in a file of the site: absolute when the address is known (feeds and
        calendars are read away from the site), else relative to that file."""
        return self.absolute(path) or "../" * from_file.count("/") + path or "./"

    def identifier(self, path: str) -> str:
        """A permanent id for a feed or entry: its address, or a stable URN without one."""
        return self.absolute(path) or f"urn:uuid:{uuid5(NAMESPACE_URL, path)}"

    @property
    def host(self) -> str:
        """The domain that makes calendar UIDs globally unique (RFC 5545 3.8.4.7)."""
        if self.url and "//" in self.url:
            return self.url.split("//", 1)[1].split("/", 1)[0]
        return "cong-thong-tin.invalid"


def public_documents(edition: Edition) -> list[Document]:
    return [d for d in edition.documents if is_public(d, edition.as_of)]


def last_change(edition: Edition, document: Document) -> date:
    """When the document last changed on the portal: its newest commit up to the build date
    (a build "as of" an earlier day does not announce later corrections), never before issue."""
    issued = document.issued or edition.as_of
    # As the page says it: the last change of the text, not of a tag in the frontmatter.
    dates = public_dates(edition.history.get(document.path, []), document.publish_at)
    changed = dates.updated or dates.posted
    return max(min(changed, edition.as_of), issued) if changed else issued


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=VIETNAM)
