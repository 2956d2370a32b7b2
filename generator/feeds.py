"""Atom feeds (RFC 4287): the whole site's, one per type of document and one per topic.

Built with feedgen. Each entry is one public document: its address as id, "Thông báo
340/TB-VPUB: …" as title, the issue date as `published`, its last change as `updated`; a
feed's own `updated` is its newest entry's, so nothing depends on when the build ran.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from feedgen.feed import FeedGenerator

from generator.dates import short_date
from generator.model import Document
from generator.pages.edition import Edition
from generator.pages.listings import listed, newest_first
from generator.pages.markup import label
from generator.publication import (
    Publisher,
    last_change,
    local_midnight,
    public_documents,
)
from generator.urls import SITE_FEED, feed_path, topic_src

ENTRIES = 50


@dataclass(frozen=True)
class Feed:
    path: str  # "van-ban/thong-bao/feed.xml"
    title: str  # "Thông báo"
    page: str  # the listing it follows, as a site address: "van-ban/thong-bao/"
    accepts: Callable[[Document], bool]


def feeds_of(edition: Edition) -> list[Feed]:
    """Every feed of this edition: the site's, each type's and each topic's."""
    urls = edition.urls
    feeds = [Feed(SITE_FEED, "Văn bản mới", urls.url("index.md"), lambda d: True)]
    # A type's feed only where its listing exists: an empty listing is not published.
    feeds += [
        Feed(feed_path(c.src), c.title, urls.url(c.src), c.accepts)
        for c in listed(edition.documents)
    ]
    # Every topic listing links its feed, in a preview too; a feed carries public entries only.
    topics = sorted({t for d in edition.documents for t in d.topics})
    feeds += [
        Feed(
            feed_path(topic_src(topic)),
            f"Chủ đề: {topic}",
            urls.url(topic_src(topic)),
            lambda d, topic=topic: topic in d.topics,
        )
        for topic in topics
    ]
    return feeds


def render_feeds(edition: Edition, publisher: Publisher) -> dict[str, bytes]:
    documents = newest_first(public_documents(edition))
    changed = {d.path: last_change(edition, d) for d in documents}
    return {
        feed.path: _atom(
            edition, publisher, feed, [d for d in documents if feed.accepts(d)], changed
        )
        for feed in feeds_of(edition)
    }


def summary(document: Document) -> str:
    issued = f" ngày {short_date(document.issued)}" if document.issued else ""
    issuer = f" của {document.issuer}" if document.issuer else ""
    return document.summary or f"{label(document)}{issued}{issuer}: {document.title}"


def _atom(
    edition: Edition,
    publisher: Publisher,
    feed: Feed,
    documents: list[Document],
    changed: dict[str, date],
) -> bytes:
    chosen = documents[:ENTRIES]
    generator = FeedGenerator()
    generator.id(publisher.identifier(feed.path))
    generator.title(f"{feed.title} — {publisher.name}")
    generator.subtitle(
        f"{ENTRIES} văn bản mới nhất" if len(documents) > ENTRIES else "Văn bản mới nhất"
    )
    generator.link(href=publisher.link(feed.path, feed.path), rel="self")
    generator.link(href=publisher.link(feed.path, feed.page), rel="alternate", type="text/html")
    generator.author({"name": publisher.name})
    generator.language("vi")
    newest = max((changed[d.path] for d in chosen), default=edition.as_of)
    generator.updated(local_midnight(newest))
    for document in chosen:
        page = edition.url_of(document)
        entry = generator.add_entry(order="append")
        entry.id(publisher.identifier(page))
        entry.title(f"{label(document)}: {document.title}")
        entry.link(href=publisher.link(feed.path, page), rel="alternate", type="text/html")
        if document.issued:
            entry.published(local_midnight(document.issued))
        entry.updated(local_midnight(changed[document.path]))
        entry.summary(summary(document))
        if document.issuer:
            entry.author({"name": document.issuer})
        if document.doctype:
            entry.category(term=document.doctype.key, label=document.doctype.name)
        for topic in document.topics:
            entry.category(term=topic, label=topic)
    return generator.atom_str(pretty=True)
