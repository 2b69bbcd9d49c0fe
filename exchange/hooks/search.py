"""Build hooks for the site search (the work is in exchange/search.py).

mkdocs-static-i18n runs the Welsh build inside the English build's post-build event, so
every hook here runs once per language. The index is written once, when the outermost
build finishes and both languages are on disk.
"""

from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from exchange import preview, search
from exchange.site import site_language
from exchange.welsh_folding import MissingDictionary

log = logging.getLogger("mkdocs.plugins.exchange.search")
# Material copies its lunr search (which has no Welsh) into every build, even without its
# search plugin: our search replaces it, so those files are not published.
LUNR_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")
_state: dict = {"sections": {}}


def on_config(config):
    _, problems = search.synonym_groups(site_language(config))
    for problem in problems:
        log.warning(f"search synonyms problem: {problem}")
    return config


def on_files(files, config):
    for file in [file for file in files if file.src_uri.startswith(LUNR_FILES)]:
        files.remove(file)
    return files


@event_priority(-150)  # after mkdocs-static-i18n (-100) has translated the navigation's titles
def on_nav(nav, config, files):
    _state["titles"] = search.section_titles(nav)
    return nav


def on_page_context(context, page, config, nav):
    language = site_language(config)
    _state["sections"][page.url] = search.page_section(page.url, language, _state["titles"])
    return context


@event_priority(-200)  # after mkdocs-static-i18n's (-100), which builds the Welsh site
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # the nested Welsh build: the English build's post-build indexes both
    if preview.is_rebuild():
        log.info("search: preview rebuild, so the search index of the preview's first build is kept (restart `make serve` to index the changes)")
        return
    try:
        counts, index = search.build_search(config.site_dir, _state["sections"])
    except (MissingDictionary, search.IndexingFailed) as error:
        raise PluginError(str(error)) from None
    log.info("search: indexed " + ", ".join(f"{count} pages in '{language}'" for language, count in counts.items()))
    for path, why in index.left_out:
        log.debug(f"search: left out {path}: {why}")
