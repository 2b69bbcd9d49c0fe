"""Events: the checker (one fixture folder per rule, tests/fixtures/events/<rule>/, with a
`good` event that passes and a `bad` one), upcoming and past by the build date, iCalendar
files written and read back with the icalendar library, and the built pages: the site's own
build, and a build from fictional fixture events (tests/fixtures/events/site/) on a chosen day."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.rule_fixtures import assert_exactly_these_problems
from exchange import PROJECT_ROOT
from exchange.content.collections import BUILD_DATE_VARIABLE
from exchange.pages.event_pages import calendar
from exchange.content.events import (
    ENVIRONMENT_VARIABLE, TIME_ZONE, check_paths, events_dir, load_events, split_by_date,
)
from tests.conftest import build_site
from tests.site_pages import soup

FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "events"
SITE_FIXTURES = FIXTURES / "site"  # valid fictional events the site is built from in this module
RELATIVE = "tests/fixtures/events"
BUILD_DAY = dt.date(2030, 6, 1)


@pytest.fixture(autouse=True)
def at_project_root(monkeypatch):
    monkeypatch.chdir(PROJECT_ROOT)


EXPECTED: dict[str, list[tuple[str, int, str, list[str]]]] = {
    "until-before-date": [("bad/en.md", 6, "until", ["until 2017-03-09 is before the date 2017-03-10"])],
    "time-without-day": [("bad/en.md", 6, "start_time", ["start_time needs a full date"])],
    "end-time-before-start": [("bad/en.md", 7, "end_time", ["end_time 09:30 is not after start_time 14:00"])],
    "end-time-without-start": [("bad/en.md", 6, "end_time", ["end_time is given without start_time"])],
    "time-not-quoted": [("bad/en.md", 6, "start_time", ["'870' is not a time", "in quotes"])],  # YAML reads 14:30 as 870
    "date-not-a-date": [("bad/en.md", 5, "date", ["'March 2017' is not a date"])],
    "unknown-region": [("bad/en.md", 6, "region", ["'erww'", "did you mean 'erw'?"])],
    "no-welsh-file": [("bad/en.md", 1, "", ["no Welsh file"])],
    "reserved-name": [("calendar/en.md", 1, "", ["folder name 'calendar'", "not assets, calendar"])],
}


def test_every_fixture_folder_is_a_rule_with_expectations():
    rules = sorted(path.name for path in FIXTURES.iterdir() if path.is_dir() and path != SITE_FIXTURES)
    assert rules == sorted(EXPECTED)


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_each_rule_reports_exactly_its_problems_with_path_line_and_field(rule):
    records, problems = load_events(FIXTURES / rule)
    assert_exactly_these_problems(problems, EXPECTED[rule], RELATIVE, rule)
    assert [record.slug for record in records] == ["good"], "a record with an error is not built"


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_the_good_event_of_each_rule_passes_on_its_own(rule):
    assert check_paths([FIXTURES / rule / "good"], FIXTURES / rule) == []


# ------------------------------------------------------------------ upcoming and past


def test_upcoming_or_past_is_decided_by_the_last_day_an_event_can_mean():
    records = load_events(SITE_FIXTURES)[0]
    upcoming, past = split_by_date(records, BUILD_DAY)
    assert [record.slug for record in upcoming] == ["ongoing-month", "future-open-day"]  # soonest first
    assert [record.slug for record in past] == ["past-month-only", "past-two-day-conference"]  # most recent first
    upcoming, past = split_by_date(records, dt.date(2030, 7, 1))  # June 2030 is over
    assert [record.slug for record in upcoming] == ["future-open-day"]
    upcoming, past = split_by_date(records, dt.date(2030, 9, 15))  # the day of the open day itself
    assert [record.slug for record in upcoming] == ["future-open-day"]


def test_the_build_date_comes_from_the_environment(monkeypatch):
    records = load_events(SITE_FIXTURES)[0]
    monkeypatch.setenv(BUILD_DATE_VARIABLE, "2031-01-01")
    assert split_by_date(records)[0] == []


# ------------------------------------------------------------------ iCalendar


def parsed(data: bytes) -> Calendar:
    result = Calendar.from_ical(data)
    assert result["version"] == "2.0" and result["prodid"]
    return result


def test_only_events_whose_day_is_known_go_in_a_calendar():
    records = load_events(SITE_FIXTURES)[0]
    result = parsed(calendar(records, "en", "Events", today=BUILD_DAY))
    events = {event["uid"]: event for event in result.walk("VEVENT")}
    assert sorted(events) == ["future-open-day@exchange-care-education", "past-two-day-conference@exchange-care-education"]
    timed = events["future-open-day@exchange-care-education"]
    zone = zoneinfo.ZoneInfo(TIME_ZONE)
    assert timed.decoded("dtstart") == dt.datetime(2030, 9, 15, 9, 30, tzinfo=zone)
    assert timed.decoded("dtend") == dt.datetime(2030, 9, 15, 15, 0, tzinfo=zone)
    assert str(timed["location"]) == "Example Hall, Example Street"
    assert [str(component["tzid"]) for component in result.walk("VTIMEZONE")] == [TIME_ZONE]
    all_day = events["past-two-day-conference@exchange-care-education"]
    assert all_day.decoded("dtstart") == dt.date(2029, 3, 1)
    assert all_day.decoded("dtend") == dt.date(2029, 3, 3)  # the day after the last day (RFC 5545)
    assert all(event.decoded("dtstamp") == dt.datetime(2030, 6, 1, tzinfo=dt.timezone.utc) for event in events.values())


def test_a_calendar_is_written_in_the_readers_language():
    records = load_events(SITE_FIXTURES)[0]
    summaries = {str(event["summary"]) for event in parsed(calendar(records, "cy", "Digwyddiadau", today=BUILD_DAY)).walk("VEVENT")}
    assert summaries == {"Diwrnod agored enghreifftiol", "Cynhadledd ddeuddydd enghreifftiol"}


def test_a_calendar_with_no_event_still_has_a_component():
    result = parsed(calendar([], "en", "Events", today=BUILD_DAY))
    assert result.walk("VEVENT") == [] and len(result.subcomponents) == 1  # RFC 5545 asks for one at least


# ------------------------------------------------------------------ the repository's events


def test_the_repository_events_load_and_none_is_given_a_day_the_sources_do_not_give():
    records, problems = load_events()
    assert problems == [], "\n".join(map(str, problems))
    assert sorted(record.slug for record in records) == sorted(path.name for path in events_dir().iterdir() if path.is_dir())
    by_slug = {record.slug: record for record in records}
    assert by_slug["erw-attachment-awareness-event-2017"].date.isoformat() == "2017-03"
    assert not any(record.exact for record in records)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_built_events_pages_say_when_the_day_is_not_known(built_site, language):
    home = Path("cy") if language == "cy" else Path()
    records = load_events()[0]
    listing = soup(built_site / home / "events" / "index.html")
    past = [item.select_one("a")["href"].strip("/").split("/")[-1] for item in listing.select("ul[data-listing=past] > li")]
    assert sorted(past) == sorted(record.slug for record in records)
    assert listing.select("ul[data-listing=upcoming]") == []  # nothing upcoming: the listing says so
    for record in records:
        folder = built_site / home / "events" / record.slug
        assert not list(folder.glob("*.ics")), "no calendar file without a day"
        page = soup(folder / "index.html")
        assert not page.select("a[href$='.ics']")
        assert ("exact date not known" if language == "en" else "nid yw'r union ddyddiad yn hysbys") in page.get_text()
    feed = parsed((built_site / home / "events" / "calendar.ics").read_bytes())
    assert feed.walk("VEVENT") == []


# ------------------------------------------------------------------ a site built from fixture events


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("events") / "site"
    result = build_site(site, {ENVIRONMENT_VARIABLE: str(SITE_FIXTURES), BUILD_DATE_VARIABLE: BUILD_DAY.isoformat()})
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return site


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_built_listing_puts_events_in_the_right_list_for_the_build_date(fixture_site, language):
    home = Path("cy") if language == "cy" else Path()
    listing = soup(fixture_site / home / "events" / "index.html")

    def slugs(name: str) -> list[str]:
        return [item.select_one("a")["href"].strip("/").split("/")[-1] for item in listing.select(f"ul[data-listing={name}] > li")]

    assert slugs("upcoming") == ["ongoing-month", "future-open-day"]
    assert slugs("past") == ["past-month-only", "past-two-day-conference"]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_each_event_with_a_known_day_has_a_calendar_file_that_parses(fixture_site, language):
    home = Path("cy") if language == "cy" else Path()
    for slug, exact in (("future-open-day", True), ("past-two-day-conference", True), ("past-month-only", False), ("ongoing-month", False)):
        folder = fixture_site / home / "events" / slug
        links = [link["href"] for link in soup(folder / "index.html").select("a[href$='.ics']")]
        assert links == ([f"{slug}.ics"] if exact else []), slug
        if exact:
            [event] = parsed((folder / f"{slug}.ics").read_bytes()).walk("VEVENT")
            assert event["uid"] == f"{slug}@exchange-care-education"
            assert str(event["summary"]) == soup(folder / "index.html").select_one("h1").get_text(strip=True)
    feed = parsed((fixture_site / home / "events" / "calendar.ics").read_bytes())
    assert sorted(str(event["uid"]) for event in feed.walk("VEVENT")) == ["future-open-day@exchange-care-education", "past-two-day-conference@exchange-care-education"]
