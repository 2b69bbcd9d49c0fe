"""The Content-Security-Policy in Chromium: no page breaks it. Every page type in both
languages is opened, and the parts of the site that run code are used: search typed, a
listing filtered, the language switch clicked, the share form checked and its files made.
A `securitypolicyviolation` event (or Chromium's console report of one) fails the test."""

from __future__ import annotations

import re

import pytest

from exchange.pages import csp
from tests.page_types import address, fresh_tab, one_page_of_each_type

pytestmark = pytest.mark.browser

LISTEN = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', function (event) {
  window.__violations.push(event.violatedDirective + ' ' + (event.blockedURI || 'inline') + ' ' + (event.sourceFile || '') + ':' + event.lineNumber);
});
"""


def _watch(page) -> list[str]:
    reports: list[str] = []
    page.add_init_script(LISTEN)
    page.on("console", lambda message: reports.append(message.text) if "Content Security Policy" in message.text else None)
    page.on("pageerror", lambda error: reports.append(str(error)) if "Content Security Policy" in str(error) else None)
    return reports


def _violations(page, reports: list[str]) -> list[str]:
    return page.evaluate("window.__violations || []") + reports


def test_every_page_type_in_both_languages_keeps_to_the_policy(browser, built_site, site_server):
    pages = one_page_of_each_type(built_site)
    assert len(pages) >= 20
    with fresh_tab(browser) as page:
        reports = _watch(page)
        for relative in pages:
            page.goto(address(site_server, relative), wait_until="load")
            page.wait_for_timeout(150)  # scripts that run after load (Material's, the site's)
            policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
            assert policy and "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";")[0], relative
            assert _violations(page, reports) == [], relative


@pytest.mark.parametrize(("home", "query"), [("", "Cardiff"), ("cy/", "Caerdydd")])
def test_search_runs_under_the_policy(browser, site_server, home, query):
    with fresh_tab(browser) as page:
        reports = _watch(page)
        page.goto(site_server + home, wait_until="load")
        page.fill("#x-search-input", query)
        page.wait_for_function("q => document.querySelector('.x-search__status').textContent.includes('“' + q + '”')", arg=query, timeout=20000)
        assert page.locator(".x-search__result").count() > 0
        assert _violations(page, reports) == []


@pytest.mark.parametrize("home", ["", "cy/"])
def test_a_listing_filter_and_the_language_switch_run_under_the_policy(browser, site_server, home):
    with fresh_tab(browser) as page:
        reports = _watch(page)
        page.goto(f"{site_server}{home}resources/", wait_until="load")
        page.locator("form[data-listing-filter=resources]").wait_for(state="visible")
        page.select_option("#x-resources-filter-type", "research")
        page.wait_for_function("() => location.search.includes('type=research')")
        other = "en" if home else "cy"
        page.click(f".x-language-switch a[data-language={other}]")
        page.wait_for_load_state("load")
        page.wait_for_timeout(150)
        assert ("/cy/" in page.url) == (other == "cy")
        assert _violations(page, reports) == []


@pytest.mark.parametrize("home", ["", "cy/"])
def test_the_share_form_runs_under_the_policy(browser, site_server, home):
    from tests.pages.test_share_form import ANSWERS, fill

    with fresh_tab(browser) as page:
        reports = _watch(page)
        page.goto(f"{site_server}{home}case-studies/share/", wait_until="load")
        page.wait_for_selector("form[data-share-form]:not([hidden])", timeout=10_000)
        page.click("button[type=submit]")  # empty: the error summary
        page.wait_for_selector("[data-error-summary]:not([hidden])")
        fill(page, {**ANSWERS["en"], "body_en": '<a href="java\nscript:alert(1)">x</a>'})
        page.click("button[type=submit]")
        assert "javascript" in page.inner_text("#x-share-body-en-error")
        fill(page, ANSWERS["en"])
        page.check("#x-share-no-child-identified")
        page.click("button[type=submit]")
        page.wait_for_selector("[data-share-output]:not([hidden])")
        assert _violations(page, reports) == []


def test_the_policy_names_each_inline_script_by_its_hash(built_site):
    page = (built_site / "index.html").read_text(encoding="utf-8")
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page).group(1)
    scripts = csp.inline_scripts(page)
    assert scripts, "the theme writes inline scripts: the test would prove nothing"
    for script in scripts:
        assert csp.source_hash(script) in policy
    assert page.index("Content-Security-Policy") < page.index("<script")
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'none'", "img-src 'self' data:"):
        assert directive in policy
