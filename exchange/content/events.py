"""Events: one folder each, `events/<words>/en.md` and `cy.md`, published in both languages
at once; upcoming or past by the build date; an iCalendar file for each event whose day is
known, and a calendar feed per language.

A date is as precise as the source gives it. When a source gives only a month or a year,
the event has no calendar file: a calendar needs a day, and inventing one would put a wrong
date in people's diaries. Its page says that the exact date is not known. A source that
gives only a period ("between January 2016 and February 2017") is written as `date` and
`until` at that precision.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from exchange import PROJECT_ROOT
from exchange.core import vocabulary
from exchange.content.collections import (
    FOLDERS, Field, PartialDate, RecordFiles, Schema, build_date, check_paths as check_collection_paths,
    collection_dir, load_collection, parse_partial_date,
)
from exchange.core.data_files import load_data
from exchange.core.problems import Problem, display_path

ENVIRONMENT_VARIABLE = "EXCHANGE_EVENTS_DIR"
SECTION = "events"
CALENDAR_NAME = "calendar.ics"
TIME_ZONE = "Europe/London"
PRODUCT_ID = "-//ExChange Care and Education//Events//EN"
UID_DOMAIN = "exchange-care-education"


def events_dir() -> Path:
    """events/, or the folder EXCHANGE_EVENTS_DIR names (tests use fixtures that way)."""
    return collection_dir(PROJECT_ROOT / "events", ENVIRONMENT_VARIABLE)


DATE_HELP = "YYYY-MM-DD, or \"YYYY-MM\" or \"YYYY\" in quotes if the source gives no day"
FIELDS: dict[str, Field] = {
    "title": Field("text", shared=False, max_length=150, help="the event's name"),
    "summary": Field("text", shared=False, max_length=400, help="one or two sentences on what the event is for"),
    "organiser": Field("text", shared=False, required=False, max_length=150, help="who held the event, as the source names them"),
    "location": Field("text", shared=False, required=False, max_length=200, help="where it is held, as the source says"),
    "date": Field("date", future=True, help=f"the day it is held: {DATE_HELP}"),
    "until": Field("date", required=False, future=True, help=f"the last day, for an event over several days, or the end of the period a source gives: {DATE_HELP}"),
    "start_time": Field("time", required=False, help="the time it starts, HH:MM in quotes (Welsh time)"),
    "end_time": Field("time", required=False, help="the time it ends, HH:MM in quotes (Welsh time)"),
    "region": Field("choice", required=False, vocabulary="regions"),
    "sources": Field("choices", vocabulary="sources", help="the ids (in exchange/data/sources.yml) of the sources that tell of the event"),
}


def _dates_in_order(files: RecordFiles, schema: Schema) -> Iterator[Problem]:
    meta, document = files.meta, files.main
    start, until = parse_partial_date(meta.get("date")), parse_partial_date(meta.get("until"))
    shown = display_path(document.path)
    if start and until and until.last_day() < start.first_day():
        yield Problem(shown, document.line_of("until"), f"until {until.isoformat()} is before the date {start.isoformat()}: give the last day of the event, or delete 'until'", field="until")
    for name in ("start_time", "end_time"):
        if name in meta and start and (not start.is_day or (until and not until.is_day)):
            yield Problem(shown, document.line_of(name), f"{name} needs a full date: a time means nothing without the day (write date as YYYY-MM-DD, or delete {name})", field=name)
    if "end_time" in meta and "start_time" not in meta:
        yield Problem(shown, document.line_of("end_time"), "end_time is given without start_time: add start_time, or delete end_time", field="end_time")
    elif "end_time" in meta and until is None and str(meta["end_time"]) <= str(meta["start_time"]):
        yield Problem(shown, document.line_of("end_time"), f"end_time {meta['end_time']} is not after start_time {meta['start_time']}: correct one of them", field="end_time")


SCHEMA = Schema(
    noun="event", plural="events", fields=FIELDS, layout=FOLDERS,
    body_hint="write what happens (or happened) at the event",
    welsh_required=True,
    slug_hint="lowercase words joined by hyphens (like 'erw-attachment-awareness-event-2017')",
    reserved_slugs=frozenset({"index", "search", "share", "assets", "calendar"}),
    record_checks=(_dates_in_order,),
)


@dataclass
class EventText:
    language: str
    path: Path
    title: str
    summary: str
    organiser: str | None
    location: str | None
    body: str


@dataclass
class Event:
    slug: str
    folder: Path
    date: PartialDate
    until: PartialDate | None
    start_time: dt.time | None
    end_time: dt.time | None
    region: str | None
    sources: list[str]
    texts: dict[str, EventText] = field(default_factory=dict)

    def text(self, language: str) -> EventText:
        return self.texts.get(language) or self.texts["en"]

    @property
    def exact(self) -> bool:
        """Its day (and last day) is known: it can go in a calendar."""
        return self.date.is_day and (self.until is None or self.until.is_day)

    @property
    def last_day(self) -> dt.date:
        return (self.until or self.date).last_day()

    def is_upcoming(self, today: dt.date) -> bool:
        """Not over on the build date: its last possible day is today or later."""
        return self.last_day >= today


def _optional(document, name: str) -> str | None:
    value = document.meta.get(name)
    return str(value).strip() if value else None


def build_event(files: RecordFiles) -> Event:
    meta = files.meta
    return Event(
        slug=files.slug,
        folder=files.path,
        date=parse_partial_date(meta["date"]),
        until=parse_partial_date(meta["until"]) if meta.get("until") else None,
        start_time=dt.time.fromisoformat(meta["start_time"]) if meta.get("start_time") else None,
        end_time=dt.time.fromisoformat(meta["end_time"]) if meta.get("end_time") else None,
        region=meta.get("region"),
        sources=list(meta["sources"]),
        texts={
            language: EventText(language, document.path, str(document.meta["title"]).strip(), str(document.meta["summary"]).strip(),
                                _optional(document, "organiser"), _optional(document, "location"), document.body)
            for language, document in files.documents.items()
        },
    )


def _date_order(record: Event) -> tuple:
    return (record.date.sort_key, record.slug)


def in_date_order(records: list[Event]) -> list[Event]:
    return sorted(records, key=_date_order)


def load_events(root: Path | None = None, today: dt.date | None = None) -> tuple[list[Event], list[Problem]]:
    """Every event under root (default: `events_dir()`), soonest first, and every problem."""
    return load_collection(Path(root) if root is not None else events_dir(), SCHEMA, build_event, today, order=_date_order)


def check_paths(paths: list[Path], root: Path | None = None) -> list[Problem]:
    return check_collection_paths(paths, Path(root) if root is not None else events_dir(), SCHEMA)


def split_by_date(records: list[Event], today: dt.date | None = None) -> tuple[list[Event], list[Event]]:
    """(upcoming, soonest first; past, most recent first) on the build date."""
    today = today or build_date()
    ordered = in_date_order(records)
    upcoming = [record for record in ordered if record.is_upcoming(today)]
    past = [record for record in reversed(ordered) if not record.is_upcoming(today)]
    return upcoming, past


# ---------------------------------------------------------------- pages


def calendar_file_name(record: Event) -> str:
    return f"{record.slug}.ics"


def when(record: Event, language: str) -> str:
    """The event's date in words, as precisely as it is known."""
    from exchange.pages.collection_pages import display_date
    from exchange.core.strings import translate

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
