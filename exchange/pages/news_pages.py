"""What the news pages show: a post's view, the listing and the Atom feed of each language,
made from the records of exchange/content/news.py."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from exchange.content.collections import (
    PartialDate,
    build_date,
)
from exchange.content.news import (
    FEED_NAME,
    FEED_NAMESPACE,
    SECTION,
    NewsPost,
    newest_first,
)
from exchange.core.data_files import load_data


def post_view(record: NewsPost, language: str) -> dict[str, Any]:
    from exchange.pages.collection_pages import display_date, page_url

    text = record.text(language)
    registry = load_data("sources")
    return {
        "slug": record.slug,
        "url": page_url(SECTION, record.slug, language),
        "title": text.title,
        "summary": text.summary,
        "language": text.language,
        "date": display_date(record.date, language),
        "date_iso": record.date.isoformat(),
        "sources": [dict(registry[name], id=name) for name in record.sources],
        "filters": {},
    }


def listing_view(records: list[NewsPost], language: str) -> dict[str, Any]:
    from exchange.pages.collection_pages import listing

    return listing("news", [post_view(record, language) for record in newest_first(records)], language, "news")


def feed_uri(language: str) -> str:
    from exchange.core.site import language_home

    return f"{language_home(language)}{SECTION}/{FEED_NAME}"


def entry_id(record: NewsPost, language: str) -> str:
    return uuid.uuid5(FEED_NAMESPACE, f"{language}/{record.slug}").urn


def feed_timestamp(date: PartialDate) -> dt.datetime:
    return dt.datetime.combine(date.first_day(), dt.time(0, 0), tzinfo=dt.timezone.utc)


def atom_feed(records: list[NewsPost], language: str, site_url: str | None = None) -> bytes:
    """The Atom feed of a language's news, newest first.

    Links are absolute when the site's address (`site_url` in mkdocs.yml) is set, otherwise
    relative to the feed itself (news/feed.xml), which Atom allows (RFC 4287, section 4.2.7).
    """
    from feedgen.feed import FeedGenerator

    from exchange.core.strings import translate

    base = f"{site_url.rstrip('/')}/{feed_uri(language).rsplit('/', 1)[0]}/" if site_url else ""
    generator = FeedGenerator()
    generator.id(uuid.uuid5(FEED_NAMESPACE, language).urn)
    generator.title(translate("news.feed.title", language))
    generator.subtitle(translate("news.feed.subtitle", language))
    generator.author({"name": translate("site.name", language)})
    generator.language(language)
    generator.link(href=f"{base}{FEED_NAME}", rel="self", type="application/atom+xml")
    generator.link(href=base or "./", rel="alternate", type="text/html", hreflang=language)
    ordered = newest_first(records)
    generator.updated(feed_timestamp(ordered[0].date if ordered else PartialDate(*build_date().timetuple()[:3])))
    for record in reversed(ordered):  # feedgen puts the last entry added first
        text = record.text(language)
        entry = generator.add_entry()
        entry.id(entry_id(record, language))
        entry.title(text.title)
        entry.summary(text.summary)
        entry.link(href=f"{base}{record.slug}/", rel="alternate", type="text/html", hreflang=text.language)
        entry.published(feed_timestamp(record.date))
        entry.updated(feed_timestamp(record.date))
    return generator.atom_str(pretty=True)
