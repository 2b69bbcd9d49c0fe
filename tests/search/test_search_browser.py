"""The header search in Chromium, in both languages, on the built site served on 127.0.0.1:
per-language results, Welsh mutations, synonyms, usable results, keyboard and ARIA, and no
request to another host."""

from __future__ import annotations

import pytest

from exchange.core.strings import count_phrase

pytestmark = pytest.mark.browser

STRINGS = {
    "en": {"label": "Search the site", "results": "results for", "none": "No pages match"},
    "cy": {"label": "Chwilio'r wefan", "results": "anlyniad ar gyfer", "none": "Does dim tudalen yn cyfateb"},
}


def search_for(page, query: str) -> list[dict]:
    page.fill("#x-search-input", query)
    page.wait_for_function("q => document.querySelector('.x-search__status').textContent.includes('“' + q + '”')", arg=query, timeout=20000)
    return page.eval_on_selector_all(
        ".x-search__result",
        """items => items.map(item => ({
            href: item.querySelector('a').getAttribute('href'),
            title: item.querySelector('a').textContent,
            where: item.querySelector('[data-section]') ? item.querySelector('[data-section]').textContent : '',
            excerpt: item.querySelector('.x-search__excerpt').textContent,
            marks: [...item.querySelectorAll('.x-search__excerpt mark')].map(mark => mark.textContent),
        }))""",
    )


@pytest.mark.parametrize(("language", "home", "query", "expected_mark"), [
    ("en", "", "Cardiff", "Cardiff"),
    ("cy", "cy/", "Caerdydd", "Nghaerdydd"),
])
def test_search_returns_usable_results_in_the_sites_own_language(browser_page, site_server, language, home, query, expected_mark):
    page = browser_page
    page.goto(site_server + home + "guidance/")
    box = page.locator("header .x-search")
    assert box.is_visible()
    assert page.get_attribute("header form[role=search]", "aria-label") == STRINGS[language]["label"]
    results = search_for(page, query)
    assert len(results) >= 3
    status = page.text_content(".x-search__status")
    assert STRINGS[language]["results"] in status
    # The count agrees with its noun (Intl.PluralRules in the browser, Babel in Python): "3 chanlyniad".
    total = int(status.split(" ", 1)[0])
    assert status == count_phrase(total, "search.results", language, query=query)
    for result in results:
        assert result["href"].startswith("/cy/") == (language == "cy"), result["href"]
        assert result["title"] and result["where"] and result["marks"], result
    # The excerpt is in the page's own words: a page that says 'yng Nghaerdydd' shows that.
    assert any(expected_mark in result["marks"] for result in results)
    assert page.external_requests == []


def test_synonyms_and_pdg_in_each_language(browser_page, site_server):
    page = browser_page
    page.goto(site_server)
    english = search_for(page, "PEP")
    assert any(mark.casefold() in {"personal", "pep"} for result in english for mark in result["marks"])
    # To the Welsh site by its language switch (language.js remembers the reader's choice).
    page.click(".x-language-switch a[data-language=cy]")
    page.wait_for_url("**/cy/")
    welsh = search_for(page, "PDG")
    assert all(result["href"].startswith("/cy/") for result in welsh)
    marks = {mark.casefold().strip(".,") for result in welsh for mark in result["marks"]}
    assert {"plant", "derbyn", "gofal"} & marks and "grant" not in marks
    assert page.external_requests == []


def test_no_results_says_so_in_the_readers_language(browser_page, site_server):
    page = browser_page
    page.goto(site_server + "cy/")
    page.fill("#x-search-input", "qqzzxq")
    page.wait_for_function("() => document.querySelector('.x-search__status').textContent.includes('qqzzxq')")
    assert STRINGS["cy"]["none"] in page.text_content(".x-search__status")
    assert page.locator(".x-search__result").count() == 0


def test_the_search_works_from_the_keyboard_alone(browser_page, site_server):
    page = browser_page
    page.goto(site_server + "cy/")
    # The search field is reached with Tab, before the language switch.
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "x-search-input":
            break
    assert page.evaluate("document.activeElement.id") == "x-search-input"
    page.keyboard.type("plant")
    page.wait_for_function("() => document.querySelector('.x-search__status').textContent.includes('plant')")
    status = page.locator(".x-search__status")
    assert status.get_attribute("role") == "status"
    assert page.get_attribute("#x-search-input", "aria-controls") == "x-search-panel"
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.className")
    assert "x-search__title" in first
    page.keyboard.press("ArrowDown")
    second_href = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "x-search-input"
    page.keyboard.press("Escape")
    assert page.locator("#x-search-panel").is_hidden()
    assert page.evaluate("document.activeElement.id") == "x-search-input"
    # Enter moves to the first result; Enter on it opens the page.
    page.keyboard.type(" ")
    page.wait_for_selector("#x-search-panel:not([hidden])")
    page.keyboard.press("Enter")
    href = page.evaluate("document.activeElement.getAttribute('href')")
    assert href and href.startswith("/cy/")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.split("#")[0].endswith(href.split("#")[0])
    assert second_href


def test_a_three_letter_query_answers_at_once_then_ranks_fully(browser_page, site_server, built_site):
    """A three-letter query is answered at once by whole words only (Pagefind's quoted search,
    which ranks pages alike), then, once the reader stops typing, ranked as the query engine
    ranks it (the same order as in Node): two drawings, never mixed, no result twice. "law" is
    a word whose seven pages whole words alone rank in another order."""
    from tests.search.test_search import _run_queries

    page = browser_page
    page.goto(site_server + "guidance/")
    search_for(page, "plan")  # the search has loaded (on a cold start, the full answer can come first)
    # Every time the status line changes (after each drawing), the addresses on the page.
    page.evaluate("""() => {
      window.drawings = [];
      const status = document.querySelector('.x-search__status');
      new MutationObserver(() => window.drawings.push([...document.querySelectorAll('.x-search__result a.x-search__title')]
        .map((link) => link.getAttribute('href').split('#')[0]))).observe(status, {childList: true, characterData: true, subtree: true});
    }""")
    page.fill("#x-search-input", "law")
    page.wait_for_function("() => window.drawings.length >= 2", timeout=20000)
    page.wait_for_timeout(300)
    drawings = [drawing for drawing in page.evaluate("window.drawings") if drawing]
    expected = _run_queries(built_site, "en", ["law"])["law"]
    ranked = [result["url"] for result in expected["results"]][:8]
    assert len(drawings) == 2, drawings
    quick, full = drawings
    assert sorted(quick) == sorted(full) and quick != full  # the same pages, ranked the second time
    assert full == ranked and len(full) == len(set(full)) == min(8, expected["count"])
