"""Build hooks for events: one page per event and language, the upcoming and past lists for
docs/events/index.md (template events.html), an iCalendar file for each event whose day is
known, and the calendar feed of each language (events/calendar.ics, cy/events/calendar.ics).

Upcoming or past is decided on the build date (EXCHANGE_BUILD_DATE, or today). The checks
are those of `scripts/check_events.py`: a problem is logged as a warning, so the strict
build fails instead of publishing the events with one missing.
"""

from __future__ import annotations

import logging

from mkdocs.plugins import event_priority

from exchange.content import events
from exchange.pages import event_pages
from exchange.pages.collection_pages import generated_file, page_url, record_page, report_problems, watching
from exchange.content.collections import build_date
from exchange.core.site import site_language
from exchange.core.strings import translate

log = logging.getLogger("mkdocs.plugins.exchange.events")
_state: dict = {}


on_serve = watching(events.events_dir)  # make serve rebuilds when one changes


@event_priority(-110)  # after mkdocs-static-i18n has sorted the docs files into languages
def on_files(files, config):
    """Add this language's event pages and calendars (the i18n plugin cannot take generated files)."""
    language = site_language(config)
    records, problems = events.load_events()
    report_problems(log, problems, language, "event")
    today = build_date()
    _state.update(records=records, by_slug={record.slug: record for record in records}, today=today)
    for record in records:
        files.append(record_page(config, events.SECTION, record, language, "event.html", "event"))
        if record.exact:
            ics = event_pages.calendar([record], language, record.text(language).title, config.site_url, today)
            files.append(generated_file(config, page_url(events.SECTION, record.slug, language) + event_pages.calendar_file_name(record), ics))
    feed = event_pages.calendar(records, language, translate("events.calendar.name", language), config.site_url, today)
    files.append(generated_file(config, event_pages.calendar_uri(language), feed))
    return files


def on_page_context(context, page, config, nav):
    language = site_language(config)
    slug = page.meta.get("event")
    if slug:
        context["event"] = event_pages.event_view(_state["by_slug"][slug], language, _state["today"])
    if page.meta.get("template") == "events.html":
        context["events"] = event_pages.listing_views(_state["records"], language, _state["today"])
    return context
