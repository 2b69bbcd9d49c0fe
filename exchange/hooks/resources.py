"""Build hooks for the resource library: the checks (those of `scripts/check_resources.py`),
and the listing for docs/resources/index.md (template resources.html): its further pages, its
browse pages and the JSON file of every resource for the filter (exchange/pages/listing_pages.py).

A resource has no page of its own, so the listing's further pages stay in the site search
(`index=True`), as its first page is: a resource is found on the page that shows it.

A problem is logged as a warning, so the strict build fails instead of publishing a library
with a resource missing.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from exchange.pages import listing_pages
from exchange.content import resources
from exchange.pages import resource_pages
from exchange.pages.collection_pages import generated_page, watching
from exchange.core.frontmatter import read_document
from exchange.core.site import DEFAULT_LANGUAGE, site_language

log = logging.getLogger("mkdocs.plugins.exchange.resources")
_state: dict = {}
SECTION = resource_pages.SECTION


on_serve = watching(resources.resources_dir)  # make serve rebuilds when one changes


@event_priority(-110)  # after mkdocs-static-i18n has sorted the docs files into languages
def on_files(files, config):
    language = site_language(config)
    records, problems = resources.load_resources()
    if language == DEFAULT_LANGUAGE:  # the Welsh build reads the same files: say each problem once
        for problem in problems:
            log.warning(f"resource problem: {problem}")
    _state["records"] = records
    folder = resources.resources_dir()
    size = listing_pages.page_size(SECTION)
    sources = library_sources(config, language)  # the further pages and browse pages name the library's sources too
    for number in range(2, listing_pages.page_count(len(records), size) + 1):
        markdown = listing_pages.paging_markdown(SECTION, "resources", number, len(records), language, index=True, sources=sources)
        files.append(generated_page(config, listing_pages.page_uri(SECTION, number, language), markdown, language, language, collection=folder))
    for kind, group in resource_pages.browse_groups(records, language):
        markdown = listing_pages.browse_markdown(SECTION, "resources", kind, group, language, sources=sources)
        files.append(generated_page(config, listing_pages.browse_uri(SECTION, kind, group["key"], language), markdown, language, language, collection=folder))
    if len(records) > size:
        files.append(File.generated(config, listing_pages.entries_url(SECTION, language), content=resource_pages.entries_json(records, language)))
    return files


def library_sources(config, language: str) -> list[str]:
    """The sources the library's page names (front matter `sources` of docs/[cy/]resources/index.md)."""
    document, _ = read_document(Path(config["docs_dir"]) / listing_pages.page_uri(SECTION, 1, language))
    return list((document.meta.get("sources") if document else None) or [])


def on_page_context(context, page, config, nav):
    language = site_language(config)
    if page.meta.get("template") == "resources.html":
        context["listing"] = resource_pages.listing_view(_state["records"], language, page.meta.get("listing_page", 1))
    browse = page.meta.get("listing_browse")
    if browse and browse["section"] == SECTION:
        context["listing"] = resource_pages.browse_view(_state["records"], language, browse["kind"], browse["key"])
    return context
