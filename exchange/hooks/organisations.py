"""Build hook: Welsh pages name each organisation by its Welsh name (issue 15).

Thin by design (the work is in exchange/content/organisation_names.py, which `make check` runs on
the Markdown and data files as scripts/check_organisation_names.py). Here the HTML of each
Welsh page is checked as built, so that a name written by a template or a generated page is
checked too; text marked lang="en" is left out. Problems are logged as warnings, so the strict
build fails instead of publishing them.
"""

from __future__ import annotations

import logging

from exchange.content import organisation_names
from exchange.core.problems import display_path
from exchange.core.site import page_language, site_language

log = logging.getLogger("mkdocs.plugins.exchange.organisations")
_logged: set[str] = set()


def on_config(config):
    if site_language(config) == "en":  # a new build (the Welsh build runs inside the English one)
        _logged.clear()
        organisation_names.organisation_names.cache_clear()
        organisation_names._pattern.cache_clear()
    for problem in organisation_names.glossary_agreement_problems():
        if str(problem) not in _logged:  # once, not once per language
            _logged.add(str(problem))
            log.warning(f"organisation name problem: {problem}")
    return config


def on_page_content(html, page, config, files):
    if page_language(page, config) != "cy":
        return html
    source = page.file.abs_src_path
    shown = display_path(source) if source else page.file.src_uri
    for _, form, name in organisation_names.english_names_in_html(html):
        log.warning(f"organisation name problem: {shown}:{organisation_names.source_line(source, form)}: {organisation_names.message(form, name)}")
    return html
