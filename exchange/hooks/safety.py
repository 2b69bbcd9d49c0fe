"""Build hooks that keep contributed content safe: the HTML allow-list on every page, escaped
titles, contributors' files and pictures, and the Content-Security-Policy of every page.

Thin by design (the work is in exchange/content/html_safety.py, exchange/content/pictures.py and
exchange/pages/csp.py). Every problem is logged as a warning `path:line: message` naming the source
file, so the strict build fails and reports them all in one run; `make check` runs the same
checks (scripts/check_safety.py, and the strict build itself). Each problem is said once,
although mkdocs-static-i18n runs every hook once per language.
"""

from __future__ import annotations

import html as html_text
import logging
from pathlib import Path

from markupsafe import Markup
from mkdocs.plugins import event_priority

from exchange.pages import csp
from exchange.content import html_safety
from exchange.content import pictures
from exchange.core.problems import Problem, display_path
from exchange.core.site import DEFAULT_LANGUAGE, page_language, site_language

log = logging.getLogger("mkdocs.plugins.exchange.safety")
_said: set[str] = set()
_refused: set[str] = set()  # contributors' files that are not published (their problems are logged)


def _say(problem: Problem) -> None:
    if str(problem) not in _said:  # once, not once per language
        _said.add(str(problem))
        log.warning(f"safety problem: {problem}")


def on_config(config):
    if site_language(config) == DEFAULT_LANGUAGE:
        _refused.clear()
        for problem in pictures.check_docs_files(Path(config.docs_dir)) + pictures.check_record_pictures(_record_files()):
            _say(problem)
            _refused.add(str(Path(problem.path).resolve()))
    return config


@event_priority(-1000)  # after mkdocs-static-i18n's post-build (-100), which runs the Welsh build
def on_post_build(config):
    """The build (both languages) is over: the next one (make serve) says every problem again."""
    if site_language(config) == DEFAULT_LANGUAGE:
        _said.clear()


def on_build_error(error):
    _said.clear()


@event_priority(-115)  # after the collections have added their pages and pictures (-110)
def on_files(files, config):
    """A refused file is never published, even by a build that is not strict (make serve)."""
    for file in list(files):
        if file.abs_src_path and str(Path(file.abs_src_path).resolve()) in _refused:
            files.remove(file)
    return files


def _record_files():
    from exchange.content.case_studies import case_studies_dir
    from exchange.content.events import events_dir
    from exchange.content.news import news_dir

    for folder in (case_studies_dir(), news_dir(), events_dir()):
        if folder.is_dir():
            yield from (path for path in folder.rglob("*") if path.is_file())


def source_of(page, config) -> Path | None:
    """The file an editor wrote a page's content in: docs/... or a record's en.md / cy.md."""
    records = getattr(page.file, "records", ())
    if records:
        text = records[0].text(page_language(page, config))
        return Path(text.path) if getattr(text, "path", None) else None
    return Path(page.file.abs_src_path) if page.file.abs_src_path else None


def _shown(page, source: Path | None) -> str:
    return display_path(source) if source is not None else page.file.src_uri


@event_priority(100)  # the front matter as written, before any other hook reads the title
def on_page_markdown(markdown, page, config, files):
    """A title is text: markup in it is a problem, and it is escaped wherever it is shown."""
    for key in ("title", "subtitle"):
        value = page.meta.get(key)
        if not isinstance(value, str):
            continue
        if html_safety.text_has_markup(value):
            source = source_of(page, config)
            _say(html_safety.title_problem(_shown(page, source), _front_matter_line(source, key), key, value))
        # Markup: HTML-escaped once, so a template's `| e` leaves it as it is (never "&amp;amp;").
        page.meta[key] = Markup(html_text.escape(value))
    return markdown


def _front_matter_line(source: Path | None, key: str) -> int:
    if source is None or not source.is_file():
        return 1
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return 1
    return html_safety.line_of(text, [f"\n{key}:"]) + 1 if f"\n{key}:" in text else 1


@event_priority(100)  # the content as the Markdown made it, before the site's own hooks add to it
def on_page_content(html, page, config, files):
    source = source_of(page, config)
    found, clean = html_safety.problems(html, source, _shown(page, source))
    for problem in found:
        _say(problem)
    # A title taken from the page's first heading (no title in the front matter) is that
    # heading's text as MkDocs gives it: tags stripped, entities kept, so already escaped.
    if page._title_from_render and "title" not in page.meta:
        page._title_from_render = Markup(page._title_from_render)
    return html if clean is None else clean


@event_priority(-900)  # the page as written by the theme and every hook; before the search index (-1000)
def on_post_page(output, page, config):
    return csp.add_policy(output)


def on_post_template(output_content, template_name, config):
    """Pages without a Markdown source (404.html) get the policy too."""
    return csp.add_policy(output_content) if template_name.endswith(".html") else output_content
