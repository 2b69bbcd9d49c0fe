"""Build hooks for the site search (the work is in exchange/search/index.py).

mkdocs-static-i18n runs the Welsh build inside the English build's post-build event, so
every hook here runs once per language. Each page goes to a second process as it is written
(exchange/search/index.py `BackgroundIndexer`); the bundles are collected once, when the outermost
build finishes.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from exchange.pages import preview
from exchange.search import index as search
from exchange.core.site import DEFAULT_LANGUAGE, site_language
from exchange.welsh.folding import MissingDictionary

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


def _nested(config) -> bool:
    """Is this the Welsh build, which mkdocs-static-i18n runs inside the English one?"""
    i18n = config.plugins.get("i18n")
    return i18n is not None and bool(getattr(i18n, "building", False))


def _close_indexer() -> None:
    indexer = _state.pop("indexer", None)
    if indexer is not None:
        indexer.close()


def on_pre_build(config):
    if not _nested(config):  # a new build: nothing left over from the last one (make serve)
        _close_indexer()
    elif "indexer" in _state:  # the Welsh build starts: every English page has been written
        _state["indexer"].language_done(DEFAULT_LANGUAGE)


@event_priority(-1000)  # the page as it is written, after every other hook has had it
def on_post_page(output, page, config):
    indexer = _state.get("indexer")
    if indexer is None:
        if _nested(config) or preview.is_rebuild():
            return output  # a preview rebuild keeps the first build's index (see on_post_build)
        indexer = _state["indexer"] = search.BackgroundIndexer(config.site_dir)
    relative = Path(page.file.abs_dest_path).relative_to(indexer.site_dir).as_posix()
    indexer.add(relative, output, _state["sections"].get(page.url))
    return output


@event_priority(-200)  # after mkdocs-static-i18n's (-100), which builds the Welsh site
def on_post_build(config):
    if _nested(config):
        return  # the English build's post-build collects both languages' bundles
    if preview.is_rebuild():
        log.info("search: preview rebuild, so the search index of the preview's first build is kept (restart `make serve` to index the changes)")
        return
    indexer = _state.pop("indexer", None)
    if indexer is None:
        return
    try:
        counts = indexer.finish()
    except (MissingDictionary, search.IndexingFailed, ValueError) as error:  # ValueError: a page without <article>
        raise PluginError(str(error)) from None
    log.info("search: indexed " + ", ".join(f"{count} pages in '{language}'" for language, count in counts.items()))
    for path, why in indexer.left_out:
        log.debug(f"search: left out {path}: {why}")


def on_build_error(error):
    _close_indexer()
