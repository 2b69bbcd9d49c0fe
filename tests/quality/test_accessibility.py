"""Accessibility of the built site in a real browser (Debian's Chromium): axe-core finds no
violation of WCAG 2.2 A and AA or of axe's best practices, on a desktop screen and at 320 CSS
pixels wide (400% zoom), and no page scrolls sideways at that width.

`make test` runs axe on one page of every page type (template) in each language; `make
check-all` (EXCHANGE_AXE_ALL_PAGES=1) runs it on every page. Page types are read from the
built site (tests/page_types.py), so a new kind of page is covered as soon as it exists.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.page_types import DESKTOP, NARROW, address, fresh_tab, language_of, one_page_of_each_type, pages_by_type
from tests.site_pages import page_paths

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Rules switched off, each with the reason. Empty: every rule of those tags runs.
EXCLUDED_RULES: dict[str, str] = {}
ALL_PAGES = os.environ.get("EXCHANGE_AXE_ALL_PAGES") == "1"


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def axe_options() -> dict:
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    if EXCLUDED_RULES:
        options["rules"] = {rule: {"enabled": False} for rule in EXCLUDED_RULES}
    return options


def violations_on(page, axe: Axe) -> list[str]:
    """axe's violations on the page as it is now, one line per rule, with where and how to fix."""
    results = axe.run(page, options=axe_options()).response
    lines = []
    for violation in results["violations"]:
        where = "; ".join(" ".join(map(str, node["target"])) for node in violation["nodes"][:3])
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} – {len(violation['nodes'])} element(s), e.g. {where}")
    return lines


def pages_to_check(site):
    return page_paths(site) if ALL_PAGES else one_page_of_each_type(site)


def check_pages(browser, axe, site, base_url, viewport) -> dict[str, list[str]]:
    """axe on each page, one tab per language (so language.js never switches language)."""
    found = {}
    pages = pages_to_check(site)
    for language in ("en", "cy"):
        with fresh_tab(browser, viewport) as page:
            for relative in (relative for relative in pages if language_of(relative) == language):
                page.goto(address(base_url, relative), wait_until="load")
                problems = violations_on(page, axe)
                if problems:
                    found[str(relative)] = problems
    return found


def test_page_types_are_found_in_both_languages(built_site):
    """The discovery the tests below rely on sees the templates we know of, in both languages."""
    types = pages_by_type(built_site)
    for template in ("main.html", "case-studies.html", "case-study.html", "404.html"):
        assert (template, "en") in types and (template, "cy") in types, f"no {template} page found"
    assert ("unknown", "en") not in types and ("unknown", "cy") not in types


def test_axe_finds_no_violation_on_a_desktop_screen(browser, axe, built_site, site_server):
    assert check_pages(browser, axe, built_site, site_server, DESKTOP) == {}


def test_axe_finds_no_violation_at_320_css_pixels(browser, axe, built_site, site_server):
    assert check_pages(browser, axe, built_site, site_server, NARROW) == {}


def test_axe_finds_no_violation_in_the_open_menu_at_320_css_pixels(browser, axe, built_site, site_server):
    """On a narrow screen the navigation is a drawer; once open, it is what the reader uses."""
    found = {}
    for relative in (Path("guidance/plans/index.html"), Path("cy/guidance/plans/index.html")):
        with fresh_tab(browser, NARROW) as page:
            page.goto(address(site_server, relative), wait_until="load")
            page.locator("label.x-menu-button").click()
            page.wait_for_function("() => document.getElementById('__drawer').checked")
            problems = violations_on(page, axe)
        if problems:
            found[str(relative)] = problems
    assert found == {}


def test_no_page_scrolls_sideways_at_320_css_pixels(browser, built_site, site_server):
    """WCAG 1.4.10 Reflow: at 400% zoom the page fits the width; wide tables scroll inside themselves."""
    too_wide = []
    with fresh_tab(browser, NARROW) as page:
        for relative in page_paths(built_site):
            page.goto(address(site_server, relative), wait_until="load")
            page.evaluate("localStorage.clear()")  # so that language.js never switches language
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > NARROW["width"]:
                widest = page.evaluate(
                    """() => { let best = null; for (const element of document.querySelectorAll('body *')) {
                         const box = element.getBoundingClientRect();
                         if (box.right > innerWidth + 1 && (!best || box.right > best.right)) best = {right: Math.round(box.right), tag: element.tagName.toLowerCase(), cls: element.className.toString().slice(0, 60)}; }
                       return best; }"""
                )
                too_wide.append(f"{relative}: {width}px wide, widest element {widest}")
    assert too_wide == []


def test_axe_reports_violations_when_there_are_some(browser, axe):
    """The harness is not blind: a page with known faults gives their rules."""
    with fresh_tab(browser) as page:
        page.set_content('<!doctype html><html><head><title>t</title></head><body><main><img src="x.png"><a href="/"></a><p style="color:#777;background:#888">faint</p></main></body></html>')
        found = " ".join(violations_on(page, axe))
    for rule in ("html-has-lang", "image-alt", "link-name", "color-contrast"):
        assert rule in found
