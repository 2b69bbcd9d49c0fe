"""The page types of the built site, found from the site itself, and a clean browser tab.

A page's type is the template it is built with, which overrides/main.html writes into
`<meta name="exchange:template">`; a new template (a new kind of page) is covered by the
accessibility and keyboard tests without anyone having to list it.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

from tests.site_pages import is_welsh_path, page_paths, page_url

DESKTOP = {"width": 1280, "height": 900}
# 320 CSS pixels wide is a 1280-pixel screen zoomed to 400% (WCAG 1.4.10 Reflow).
NARROW = {"width": 320, "height": 640}


TEMPLATE_META = re.compile(r'<meta name="exchange:template" content="([^"]+)">')


def page_type(site: Path, relative: Path) -> str:
    # A regular expression, not an HTML parser: it runs on every page and the tag is ours.
    found = TEMPLATE_META.search((site / relative).read_text(encoding="utf-8"))
    return found.group(1) if found else "unknown"


def language_of(relative: Path) -> str:
    return "cy" if is_welsh_path(relative) else "en"


def pages_by_type(site: Path) -> dict[tuple[str, str], list[Path]]:
    """Every page, grouped by (template, language)."""
    groups: dict[tuple[str, str], list[Path]] = {}
    for relative in page_paths(site):
        groups.setdefault((page_type(site, relative), language_of(relative)), []).append(relative)
    return groups


def one_page_of_each_type(site: Path) -> list[Path]:
    """For each template and language, its biggest page: the most content for the checks to see."""
    return sorted(max(pages, key=lambda relative: ((site / relative).stat().st_size, str(relative))) for pages in pages_by_type(site).values())


def address(base_url: str, relative: Path) -> str:
    return base_url.rstrip("/") + page_url(relative)


@contextmanager
def fresh_tab(browser, viewport: dict = DESKTOP) -> Iterator:
    """A tab in a new browser profile: language.js remembers the last language in local
    storage and would otherwise send a Welsh page to English (or the reverse)."""
    context = browser.new_context(viewport=viewport)
    # Tests never reach the internet: anything not served by this machine is refused.
    context.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).hostname in ("127.0.0.1", None) else route.abort())
    try:
        yield context.new_page()
    finally:
        context.close()
