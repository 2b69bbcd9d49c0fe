"""Build hooks for the national contact list: page data, the CSV download and the vCards.

The checks are those of `scripts/check_contacts.py`: each error is logged as a warning, so
the strict build fails rather than publish a wrong list; a warning of the checker (an entry
last verified more than 12 months ago) is logged at INFO level, shown but not failing.

The link behind "Report a change" is set in mkdocs.yml as `extra.report_change_url`, a URL
with {subject} (and optionally {body}) placeholders, for example
  https://github.com/OWNER/REPO/issues/new?title={subject}&body={body}
Without it, the link goes to the About page's contact section, with the text to quote.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from exchange.pages import contact_pages as pages
from exchange.pages.collection_pages import watching
from exchange.content.contacts import CONTACTS_DIR, load_contacts
from exchange.core.site import DEFAULT_LANGUAGE, site_language

log = logging.getLogger("mkdocs.plugins.exchange.contacts")
_state: dict = {}
on_serve = watching(lambda: CONTACTS_DIR)  # make serve rebuilds when a contact file changes


def on_files(files, config):
    """Read and check the list once per language's build; report the problems once per build.

    mkdocs-static-i18n runs the other language's build inside the default language's, so
    the default language's run reports (and fails a strict build); the other only reads.
    """
    today = dt.date.today()
    data, problems = load_contacts(today=today)
    _state.update(data=data, today=today)
    if site_language(config) != DEFAULT_LANGUAGE:
        return files
    for problem in problems:
        if problem.severity == "error":
            log.warning(f"contact list problem: {problem}")
        else:
            log.info(f"contact list: {problem}")
    message = pages.check_report_template(config.extra.get("report_change_url"))
    if message:
        log.warning(message)
    return files


def _settings(config) -> pages.ViewSettings:
    return pages.ViewSettings(site_language(config), _state["today"], config.extra.get("report_change_url"))


def on_page_context(context, page, config, nav):
    template = page.meta.get("template")
    if template == "contacts.html":
        context["contacts"] = pages.national_view(_state["data"], _settings(config))
    elif template == "contacts-partners.html":
        context["partners"] = pages.partners_view(_state["data"], _settings(config))
    return context


def on_post_build(config):
    """Write the CSV (both languages' names in one file) and this language's vCards."""
    for relative, text in pages.download_files(_state["data"], site_language(config), _state["today"]).items():
        target = Path(config.site_dir) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="")
