"""The listing filter (docs/javascripts/listing-filter.js) on the resource library, in a
browser: it narrows the list, says how many it shows, keeps the choice in the address, and
clears. Without JavaScript the form stays hidden (tests/test_resources.py)."""

from __future__ import annotations

import pytest

from exchange.content.resources import load_resources
from tests.page_types import fresh_tab

pytestmark = pytest.mark.browser


def visible_slugs(page) -> list[str]:
    return page.eval_on_selector_all("ul[data-listing=resources] > li", "items => items.filter(item => !item.hidden).map(item => item.id)")


@pytest.mark.parametrize(("language", "showing"), [("en", "Showing {n} of {total} documents"), ("cy", "Yn dangos {n} o {total} dogfen")])
def test_the_filter_narrows_the_library_and_keeps_the_choice_in_the_address(browser, site_server, language, showing):
    records = load_resources()[0]
    home = "" if language == "en" else "cy/"
    english = sorted(record.slug for record in records if record.country == "england")
    with fresh_tab(browser) as page:
        page.goto(f"{site_server}{home}resources/?country=england", wait_until="load")
        form = page.locator("form[data-listing-filter=resources]")
        form.wait_for(state="visible")
        assert sorted(visible_slugs(page)) == english
        status = form.locator("[role=status]")
        assert status.text_content() == showing.format(n=len(english), total=len(records))
        page.select_option("#x-resources-filter-type", "research")  # no research from England among our sources
        assert visible_slugs(page) == []
        assert status.text_content() == form.locator("[role=status]").get_attribute("data-none")
        assert "type=research" in page.url and "country=england" in page.url
        page.select_option("#x-resources-filter-country", "")
        research = sorted(record.slug for record in records if record.type == "research")
        assert sorted(visible_slugs(page)) == research
        form.locator("button[type=reset]").click()
        page.wait_for_function("() => !location.search")
        assert len(visible_slugs(page)) == len(records)
