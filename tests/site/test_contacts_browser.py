"""The contact table's sorting and filtering in a real browser (Debian's chromium)."""

from __future__ import annotations


import pytest

from exchange.welsh.order import sort_key

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(site_server):
    """The session's strict build, served on 127.0.0.1 (without the trailing slash)."""
    return site_server.rstrip("/")


def visible_rows(page):
    return page.locator("tr[data-row]:not([hidden])")


def test_filters_show_matching_rows_and_announce_the_count(browser, base_url):
    page = browser.new_page()
    page.goto(f"{base_url}/contacts/")
    status = page.locator("[data-contacts-status]")
    assert page.locator("form[data-contacts-filter]").is_visible()
    assert status.text_content() == "Showing 44 of 44 entries."
    page.select_option("#x-contacts-region", "csc")
    assert visible_rows(page).count() == 10
    assert status.text_content() == "Showing 10 of 44 entries."
    page.select_option("#x-contacts-role", "lace-coordinator")
    assert visible_rows(page).count() == 5
    assert "region=csc" in page.url and "role=lace-coordinator" in page.url
    page.select_option("#x-contacts-authority", "swansea")  # not in that region
    assert visible_rows(page).count() == 0
    assert status.text_content() == "No entries match: clear a filter to see more."
    page.click("button[type=reset]")
    page.wait_for_function("() => document.querySelector('[data-contacts-status]').textContent.startsWith('Showing 44')")
    page.close()


def test_a_filter_in_the_address_is_applied_on_arrival(browser, base_url):
    page = browser.new_page()
    page.goto(f"{base_url}/cy/contacts/?authority=cardiff")
    assert visible_rows(page).count() == 2
    assert page.locator("[data-contacts-status]").text_content() == "Yn dangos 2 o 44 cofnod."
    page.close()


def test_sorting_uses_buttons_in_headers_with_aria_sort_and_welsh_order(browser, base_url):
    page = browser.new_page()
    page.goto(f"{base_url}/cy/contacts/")
    header = page.locator('th[data-sort="authority"]')
    button = header.locator("button")
    assert button.count() == 1
    button.click()
    assert header.get_attribute("aria-sort") == "ascending"
    names = visible_rows(page).locator("th").all_text_contents()
    assert names[0] == "Abertawe" and names[-1] == "Ynys Môn"
    assert [name for i, name in enumerate(names) if i % 2 == 0] == sorted(set(names), key=lambda name: sort_key(name, "cy"))
    assert page.locator("tr[data-group-header]:not([hidden])").count() == 0
    assert "Wedi'u trefnu yn ôl Awdurdod lleol, esgynnol." in page.locator("[data-contacts-status]").text_content()
    button.click()
    assert header.get_attribute("aria-sort") == "descending"
    assert visible_rows(page).locator("th").first.text_content() == "Ynys Môn"
    page.click("[data-contacts-group]")
    assert header.get_attribute("aria-sort") is None
    assert page.locator("tr[data-group-header]:not([hidden])").count() == 4
    page.close()


@pytest.mark.parametrize("path", ["contacts/", "cy/contacts/", "contacts/partners/", "cy/contacts/partners/"])
def test_at_320_pixels_only_the_table_scrolls_sideways(browser, base_url, path):
    page = browser.new_page(viewport={"width": 320, "height": 700})
    page.goto(f"{base_url}/{path}")
    overflow = page.evaluate("""() => {
        const article = document.querySelector('article');
        const limit = article.getBoundingClientRect().right + 1;
        return Array.from(article.querySelectorAll('*'))
            .filter(el => !el.closest('.x-contacts-table-wrap') || el.classList.contains('x-contacts-table-wrap'))
            .filter(el => el.getBoundingClientRect().right > limit)
            .map(el => el.tagName + '.' + el.className);
    }""")
    assert overflow == []
    # nothing on the page, absolutely positioned text for screen readers included, makes it
    # scroll sideways (the header is the site's, checked elsewhere)
    page.evaluate("document.querySelector('header').style.display = 'none'")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.close()
