"""Build hooks for the glossary: initials explained on every page, and the glossary page.

Thin by design (the work is in exchange/content/glossary.py). mkdocs-static-i18n runs every hook once
per language; each page gets the expansions of its own language, so a Welsh page explains
its initials in Welsh (and PDG there means "plant sy'n derbyn gofal", never the grant).
Problems are logged as warnings, so the strict build fails instead of publishing initials
that nobody explains.
"""

from __future__ import annotations

import logging

from exchange.content import glossary
from exchange.core.frontmatter import read_document
from exchange.core.site import page_language, site_language

log = logging.getLogger("mkdocs.plugins.exchange.glossary")
_logged: set[str] = set()


def on_config(config):
    if site_language(config) == "en":  # a new build (the Welsh build runs inside the English one)
        _logged.clear()
    _, problems = glossary.load_glossary()
    for problem in problems:
        if str(problem) not in _logged:  # once, not once per language
            _logged.add(str(problem))
            log.warning(f"glossary problem: {problem}")
    return config


def _first_body_line(page) -> int:
    """The line of the source file on which the page's Markdown starts (after front matter)."""
    path = page.file.abs_src_path
    if not path or not path.endswith(".md"):
        return 1
    document, _ = read_document(path)
    return document.body_line if document else 1


def on_page_markdown(markdown, page, config, files):
    language = page_language(page, config)
    shown = page.file.src_uri if not page.file.abs_src_path else page.file.abs_src_path
    problems = list(glossary.check_page_initials(markdown, language, glossary.display_path(shown)))
    if problems:  # the file is read again for its lines only when there is something to report
        problems = glossary.check_page_initials(markdown, language, glossary.display_path(shown), _first_body_line(page))
    for problem in problems:
        log.warning(f"glossary problem: {problem}")
    return markdown + glossary.abbreviation_definitions(markdown, language)


def on_page_context(context, page, config, nav):
    if page.meta.get("template") == "glossary.html":
        context["glossary_groups"] = glossary.glossary_view(site_language(config))
    return context
