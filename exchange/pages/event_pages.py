"""What the event pages show: an event's view, the listings of coming and past events and the
iCalendar files, made from the records of exchange/content/events.py."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from exchange.content.collections import (
    build_date,
)
from exchange.content.events import (
    CALENDAR_NAME,
    PRODUCT_ID,
    SECTION,
    TIME_ZONE,
    UID_DOMAIN,
    Event,
    in_date_order,
    split_by_date,
)
from exchange.core import vocabulary
from exchange.core.data_files import load_data


def calendar_file_name(record: Event) -> str:
    return f"{record.slug}.ics"


def when(record: Event, language: str) -> str:
    """The event's date in words, as precisely as it is known."""
    from exchange.core.strings import translate
    from exchange.pages.collection_pages import display_date

    start = display_date(record.date, language)
    if record.until and record.until != record.date:
        end = display_date(record.until, language)
        key = "events.when.range" if record.exact else "events.when.between"
        text = translate(key, language, start=start, end=end)
    else:
        text = start
    if record.start_time:
        times = record.start_time.strftime("%H:%M") + (f"–{record.end_time.strftime('%H:%M')}" if record.end_time else "")
        text = f"{text}, {times}"
    return text


def event_view(record: Event, language: str, today: dt.date | None = None) -> dict[str, Any]:
    from exchange.pages.collection_pages import page_url

    text = record.text(language)
    registry = load_data("sources")
    url = page_url(SECTION, record.slug, language)
    return {
        "slug": record.slug,
        "url": url,
        "title": text.title,
        "summary": text.summary,
        "language": text.language,
        "organiser": text.organiser,
        "location": text.location,
        "when": when(record, language),
        "date_iso": record.date.isoformat(),
        "exact": record.exact,
        "upcoming": record.is_upcoming(today or build_date()),
        "calendar_url": f"{url}{calendar_file_name(record)}" if record.exact else None,
        "region_label": vocabulary.label("regions", record.region, language) if record.region else None,
        "sources": [dict(registry[name], id=name) for name in record.sources],
        "filters": {},
    }


def listing_views(records: list[Event], language: str, today: dt.date | None = None) -> dict[str, Any]:
    """The events page: upcoming events, then past ones, each a listing of its own."""
    from exchange.pages.collection_pages import listing

    upcoming, past = split_by_date(records, today)
    return {
        "upcoming": listing("upcoming", [event_view(record, language, today) for record in upcoming], language, "events.upcoming"),
        "past": listing("past", [event_view(record, language, today) for record in past], language, "events.past"),
        "calendar_url": calendar_uri(language),
    }


def calendar_uri(language: str) -> str:
    from exchange.core.site import language_home

    return f"{language_home(language)}{SECTION}/{CALENDAR_NAME}"


# ---------------------------------------------------------------- iCalendar


def _vevent(record: Event, language: str, stamp: dt.datetime, site_url: str | None):
    from icalendar import Event as CalendarEvent

    from exchange.pages.collection_pages import page_url

    text = record.text(language)
    zone = zoneinfo.ZoneInfo(TIME_ZONE)
    entry = CalendarEvent()
    entry.add("uid", f"{record.slug}@{UID_DOMAIN}")
    entry.add("dtstamp", stamp)
    entry.add("summary", text.title)
    last = (record.until or record.date).first_day()
    if record.start_time:
        entry.add("dtstart", dt.datetime.combine(record.date.first_day(), record.start_time, tzinfo=zone))
        if record.end_time:
            entry.add("dtend", dt.datetime.combine(last, record.end_time, tzinfo=zone))
    else:
        entry.add("dtstart", record.date.first_day())
        entry.add("dtend", last + dt.timedelta(days=1))  # an all-day event ends the next day (RFC 5545)
    description = text.summary
    if text.organiser:
        description += f"\n\n{text.organiser}"
    entry.add("description", description)
    if text.location:
        entry.add("location", text.location)
    if site_url:
        entry.add("url", f"{site_url.rstrip('/')}/{page_url(SECTION, record.slug, language)}")
    return entry


def calendar(records: list[Event], language: str, name: str, site_url: str | None = None, today: dt.date | None = None) -> bytes:
    """An iCalendar file of the events whose day is known.

    It always holds the Welsh time zone (Europe/London), which the events' times use, so that
    even a calendar with no event yet has the component RFC 5545 asks for.
    """
    from icalendar import Calendar, Timezone

    stamp = dt.datetime.combine(today or build_date(), dt.time(0, 0), tzinfo=dt.timezone.utc)
    result = Calendar()
    result.add("prodid", PRODUCT_ID)
    result.add("version", "2.0")
    result.add("calscale", "GREGORIAN")
    result.add("method", "PUBLISH")
    result.add("x-wr-calname", name)
    result.add("x-wr-timezone", TIME_ZONE)
    result.add_component(Timezone.from_tzid(TIME_ZONE))
    for record in in_date_order(records):
        if record.exact:
            result.add_component(_vevent(record, language, stamp, site_url))
    return result.to_ical()
