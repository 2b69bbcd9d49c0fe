"""Build hooks for the resource library: the checks (those of `scripts/check_resources.py`),
and the listing's data for docs/resources/index.md (template resources.html).

A problem is logged as a warning, so the strict build fails instead of publishing a library
with a resource missing.
"""

from __future__ import annotations

import logging

from exchange import resources
from exchange.site import DEFAULT_LANGUAGE, site_language

log = logging.getLogger("mkdocs.plugins.exchange.resources")
_state: dict = {}


def on_serve(server, config, builder):
    """`make serve` rebuilds when a record changes: they live outside docs/, which is all MkDocs
    watches by itself."""
    server.watch(str(resources.resources_dir()))
    return server


def on_files(files, config):
    records, problems = resources.load_resources()
    if site_language(config) == DEFAULT_LANGUAGE:  # the Welsh build reads the same files: say each problem once
        for problem in problems:
            log.warning(f"resource problem: {problem}")
    _state["records"] = records
    return files


def on_page_context(context, page, config, nav):
    if page.meta.get("template") == "resources.html":
        context["listing"] = resources.listing_view(_state["records"], site_language(config))
    return context
