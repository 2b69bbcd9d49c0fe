"""What the tests of listings in pages share (tests/pages/test_listing_pages.py for case studies,
tests/pages/test_resource_listing_pages.py for the resource library): a site built with a small
page size, reading its pages, and the paging links every paged listing must have."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator
from urllib.parse import urljoin, urlsplit

import pytest

from exchange.pages import listing_pages
from exchange.core.data_files import load_data
from tests.conftest import build_site
from tests.site_pages import soup

HOMES = {"en": "", "cy": "cy/"}


def build_paged_site(folder: Path, size: int) -> Path:
    site = folder / "site"
    result = build_site(site, {listing_pages.SIZE_VARIABLE: str(size)})
    if result.returncode != 0:
        pytest.fail("mkdocs build --strict failed:\n" + (result.stderr + result.stdout)[-4000:], pytrace=False)
    return site


def html_of(site: Path, url: str):
    return soup(site / url.lstrip("/") / "index.html") if not url.endswith(".html") else soup(site / url)


def links(document, selector: str, base: str) -> list[str]:
    """The targets of the links matched, as site paths, with their fragment if any
    ("case-studies/x/", "resources/page/2/#x")."""
    targets = []
    for anchor in document.select(selector):
        parts = urlsplit(urljoin("http://x/" + base, anchor["href"]))
        targets.append(parts.path.lstrip("/") + (f"#{parts.fragment}" if parts.fragment else ""))
    return targets


def paged_listing(site: Path, section: str, count: int, size: int, total: int, language: str) -> Iterator[tuple[int, str, object]]:
    """Every page of a listing in pages, checked for what all of them share: the page's
    language, links to every page, the current page marked, previous and next, "Page n of
    count", and `size` entries a page (the last page the rest of `total`). Yields (number,
    url, document) for the checks of each listing's own."""
    home = HOMES[language]
    urls = [f"{home}{section}/"] + [f"{home}{section}/page/{number}/" for number in range(2, count + 1)]
    for number, url in enumerate(urls, start=1):
        document = html_of(site, url)
        assert document.select_one("html")["lang"] == language
        nav = document.select_one(f"nav[data-listing-paging={section}]")
        assert links(document, f"nav[data-listing-paging={section}] a[aria-label]", url) == urls
        assert links(document, "nav a[aria-current=page]", url) == [url]
        assert links(document, "nav a[rel=prev]", url) == ([urls[number - 2]] if number > 1 else [])
        assert links(document, "nav a[rel=next]", url) == ([urls[number]] if number < count else [])
        assert load_data("strings")["listing.page_of"][language].format(n=number, count=count) in nav.get_text()
        assert len(document.select(f"ul[data-listing={section}] > li")) == min(size, total - (number - 1) * size)
        yield number, url, document


# ---------------------------------------------------------------- in a browser


def open_listing(page, url: str, section: str):
    """Open a listing page and wait for its filter form (shown by the script): the form."""
    page.goto(url, wait_until="load")
    form = page.locator(f"form[data-listing-filter={section}]")
    form.wait_for(state="visible")
    return form


def choose(page, section: str, name: str, value: str, count: int) -> None:
    """Choose a filter's value and wait for `count` entries from every page, paging hidden."""
    page.select_option(f"#x-{section}-filter-{name}", value)
    page.wait_for_function(
        f"n => document.querySelectorAll('ul[data-listing={section}] > li:not([hidden])').length === n"
        " && document.querySelector('nav[data-listing-paging]').hidden", arg=count)


def clear(page, form) -> None:
    """Clear the filter and wait for the page's own entries and paging to come back."""
    form.locator("button[type=reset]").click()
    page.wait_for_function("() => !location.search && !document.querySelector('nav[data-listing-paging]').hidden")
