"""Every file a build publishes besides its pages: Atom feeds, iCalendar files, open data.

Returned as {path under the site: bytes} for an edition, without MkDocs: the adapter only
writes them, so another generator could do the same.
"""

from __future__ import annotations

from generator.calendars import render_calendars
from generator.feeds import render_feeds
from generator.opendata import render_open_data
from generator.pages.edition import Edition
from generator.publication import Publisher


def render_data_files(edition: Edition, site_name: str, site_url: str | None) -> dict[str, bytes]:
    publisher = Publisher(site_name, site_url or None)
    files = render_feeds(edition, publisher)
    files.update(render_calendars(edition, publisher))
    files.update(render_open_data(edition, publisher))
    return files
