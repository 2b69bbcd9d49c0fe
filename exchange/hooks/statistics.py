"""Build hooks for the statistics page: the figures' charts and tables, and their headings in
the page's table of contents.

Thin by design (the work is in exchange/content/statistics.py). The checks are the same as
`scripts/check_statistics.py`: any problem is logged as a warning, so the strict build fails
instead of publishing a page with figures missing. mkdocs-static-i18n runs every hook once
per language: problems are logged by the English build only.
"""

from __future__ import annotations

import html as html_text
import logging

from mkdocs.structure.toc import AnchorLink

from exchange.content import statistics
from exchange.core.site import DEFAULT_LANGUAGE, site_language

log = logging.getLogger("mkdocs.plugins.exchange.statistics")
TEMPLATE = "statistics.html"
_state: dict = {}


def on_config(config):
    records, problems = statistics.load_statistics()
    if site_language(config) == DEFAULT_LANGUAGE:  # the Welsh build reads the same file: say each problem once
        for problem in problems:
            log.warning(f"statistics problem: {problem}")
    _state["records"] = records
    return config


def on_page_content(html, page, config, files):
    """Put the template's section and table headings into the page's table of contents."""
    if page.meta.get("template") != TEMPLATE:
        return html
    view = statistics.statistics_view(_state["records"], site_language(config))
    _state[page.file.src_uri] = view
    top = page.toc.items[0].children if page.toc.items and page.toc.items[0].level == 1 else page.toc.items
    for section_id, section_title, tables in statistics.outline(view):
        section = AnchorLink(html_text.escape(section_title), section_id, 2)
        section.children = [AnchorLink(html_text.escape(title), table_id, 3) for table_id, title in tables]
        top.append(section)
    return html


def on_page_context(context, page, config, nav):
    if page.meta.get("template") == TEMPLATE:
        context["statistics"] = _state.pop(page.file.src_uri)
    return context
