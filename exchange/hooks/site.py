"""Build hooks for both languages: page language, alternates, sources box, 404 pages.

Thin by design: each event calls into the exchange package. mkdocs-static-i18n runs the
whole build once per language, so every hook here runs once per language too.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.plugins import event_priority

from exchange import DATA_DIR, LANGUAGES
from exchange.pages import preview
from exchange.core import site
from exchange.core import strings
from exchange.pages.collection_pages import watching

log = logging.getLogger("mkdocs.plugins.exchange")
_build_state: dict = {}
_navigation = site.NavigationCache()
# make serve rebuilds when the site's data changes (strings, vocabulary, glossary, sources...):
# it is outside docs/, which is all MkDocs watches by itself; exchange/pages/preview.py then
# rebuilds every page.
on_serve = watching(lambda: DATA_DIR)


def on_startup(command, dirty):
    preview.start(command, dirty)


@event_priority(-120)  # after the generated pages have been added (-110)
def on_files(files, config):
    """In a preview (`make serve`), which pages to build again (exchange/pages/preview.py)."""
    preview.begin_build(files, config, site.site_language(config))
    return files


def on_nav(nav, config, files):
    _navigation.new_navigation(nav)
    return nav


def on_env(env, config, files):
    env.filters["t"] = strings.translate
    env.globals["count_phrase"] = strings.count_phrase
    env.globals["cached_navigation"] = _navigation.get
    env.globals["remember_navigation"] = _navigation.remember
    env.bytecode_cache = preview.template_cache()
    return env


def on_page_markdown(markdown, page, config, files):
    _, unknown = site.source_records(page.meta.get("sources") or [])
    for name in unknown:
        log.warning(f"{page.file.src_uri}: source '{name}' is not in exchange/data/sources.yml: use one of its names or add it there")
    return markdown


def on_page_context(context, page, config, nav):
    # Our templates write the alternate links (en, cy, x-default) for every page, generated
    # pages included; the i18n plugin's copy would point generated pages at the home page.
    config.extra.alternate = []
    context.update(_language_context(config, page.url, site.page_language(page, config)))
    context["page_sources"], _ = site.source_records(page.meta.get("sources") or [])
    context["navigation_key"] = _navigation.key(page, site.site_language(config))
    return context


@event_priority(100)  # before mkdocs-static-i18n, whose post-build event runs the Welsh build
def on_post_build(config):
    """Give each language its own 404 page.

    Every language's build renders the theme's 404.html to the site root, and the Welsh
    build (run inside the English build's post-build event) overwrites the English page.
    So the English run keeps its page, and the Welsh run moves its own page to /cy/404.html
    and puts the English one back (pinned by tests/site/test_site_languages.py).
    """
    _no_sitemap_without_an_address(config)
    root_page = Path(config.site_dir) / "404.html"
    language = site.site_language(config)
    if language == site.DEFAULT_LANGUAGE:
        _build_state["default_404"] = root_page.read_bytes()
        return
    target = Path(config.site_dir) / site.language_home(language) / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    root_page.replace(target)
    root_page.write_bytes(_build_state["default_404"])


def _no_sitemap_without_an_address(config) -> None:
    """A sitemap lists full addresses: without `site_url` (a local build) MkDocs writes one
    full of "None", so none is published (the deploy job sets the address: README.md)."""
    if config.site_url:
        return
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        (Path(config.site_dir) / name).unlink(missing_ok=True)


def on_template_context(context, template_name, config):
    """Theme templates with no page (404.html, sitemap.xml) are in the build's language."""
    # As for pages (on_page_context): no <link rel="alternate"> from the i18n plugin, whose
    # links make Material's JavaScript fetch and parse sitemap.xml (errors on every 404 page).
    config.extra.alternate = []
    language = site.site_language(config)
    context.update(_language_context(config, site.language_home(language) + template_name, language))
    return context


def _language_context(config, url: str, page_language: str) -> dict:
    site_language = site.site_language(config)
    return {
        "site_language": site_language,
        "page_language": page_language,
        "page_is_untranslated": page_language != site_language,
        "alternates": site.alternates_for(url, site_language),
        "site_home": site.language_home(site_language),
        "language_homes": {language: site.language_home(language) for language in LANGUAGES},
    }
