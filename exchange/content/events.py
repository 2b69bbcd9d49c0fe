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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from exchange import PROJECT_ROOT
from exchange.content.collections import (
    FOLDERS,
    Field,
    PartialDate,
    RecordFiles,
    Schema,
    build_date,
    collection_dir,
    load_collection,
    parse_partial_date,
)
from exchange.content.collections import (
    check_paths as check_collection_paths,
)
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
