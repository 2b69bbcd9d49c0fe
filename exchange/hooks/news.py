"""Build hooks for news: one page per post and language, the listing for docs/news/index.md
(template news.html), and the Atom feed of each language (news/feed.xml, cy/news/feed.xml).

The checks are those of `scripts/check_news.py`: a problem is logged as a warning, so the
strict build fails instead of publishing the news with a post missing.
"""

from __future__ import annotations

import logging

from mkdocs.plugins import event_priority

from exchange.content import news
from exchange.pages import news_pages
from exchange.pages.collection_pages import generated_file, record_page, report_problems, watching
from exchange.core.site import site_language

log = logging.getLogger("mkdocs.plugins.exchange.news")
_state: dict = {}


on_serve = watching(news.news_dir)  # make serve rebuilds when one changes


@event_priority(-110)  # after mkdocs-static-i18n has sorted the docs files into languages
def on_files(files, config):
    """Add this language's post pages and feed (the i18n plugin cannot take generated files)."""
    language = site_language(config)
    records, problems = news.load_news()
    report_problems(log, problems, language, "news")
    _state.update(records=records, by_slug={record.slug: record for record in records})
    for record in records:
        files.append(record_page(config, news.SECTION, record, language, "news-post.html", "news_post"))
    files.append(generated_file(config, news_pages.feed_uri(language), news_pages.atom_feed(records, language, config.site_url)))
    return files


def on_page_context(context, page, config, nav):
    language = site_language(config)
    slug = page.meta.get("news_post")
    if slug:
        context["post"] = news_pages.post_view(_state["by_slug"][slug], language)
    if page.meta.get("template") == "news.html":
        context["listing"] = news_pages.listing_view(_state["records"], language)
        context["feed_url"] = news_pages.feed_uri(language)
    return context
