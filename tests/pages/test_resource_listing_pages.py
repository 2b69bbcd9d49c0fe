"""The resource library in pages (exchange/pages/listing_pages.py, as the case-study listing): one page
of documents, links to the other pages and to browse pages (by type, country and year) for
readers without JavaScript, and a filter (docs/javascripts/listing-filter.js) over every
document through the library's JSON file. A document has no page of its own: its address is
its card on the library's page that shows it (`resources/page/3/#slug`), and every page of the
library stays in the site search.

The real library fits on one page, so these tests build the site with ten entries a page
(EXCHANGE_LISTING_PAGE_SIZE), which gives the real resources five pages.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from urllib.parse import urljoin

import pytest

from exchange.pages import listing_pages
from exchange.content import resources
from exchange.pages import resource_pages
from exchange.bench.benchmark import serve
from exchange.core.data_files import load_data
from tests.listing_paging import HOMES, build_paged_site, choose, clear, html_of, links, open_listing, paged_listing
from tests.page_types import fresh_tab
from tests.site_pages import soup

SIZE = 10
SECTION = "resources"


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory) -> Path:
    return build_paged_site(tmp_path_factory.mktemp("paged-resources"), SIZE)


@pytest.fixture(scope="module")
def records():
    return resources.load_resources()[0]


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setenv(listing_pages.SIZE_VARIABLE, str(SIZE))


def page_count(records) -> int:
    return math.ceil(len(records) / SIZE)


def card_ids(document) -> list[str]:
    return [card["id"] for card in document.select("ul[data-listing=resources] > li")]


# ------------------------------------------------------------------ the data


def test_the_real_library_fits_on_one_page_with_no_paging(monkeypatch, records):
    monkeypatch.delenv(listing_pages.SIZE_VARIABLE, raising=False)
    assert len(records) <= listing_pages.PAGE_SIZES[SECTION]
    view = resource_pages.listing_view(records, "en")
    assert view["paging"] is None and view["source"] is None
    assert len(view["entries"]) == view["total"] == len(records)
    assert all(entry["url"] == f"resources/#{entry['slug']}" for entry in view["entries"])


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_pages_share_the_resources_out_in_order_and_know_where_each_one_is(small_pages, records, language):
    seen = []
    for number in range(1, page_count(records) + 1):
        view = resource_pages.listing_view(records, language, number)
        assert view["total"] == len(records)
        assert view["paging"]["label"] == load_data("strings")["listing.page_of"][language].format(n=number, count=page_count(records))
        assert all(entry["url"] == f"{listing_pages.page_url(SECTION, number, language)}#{entry['slug']}" for entry in view["entries"])
        seen += [entry["slug"] for entry in view["entries"]]
    assert sorted(seen) == sorted(record.slug for record in records) and len(seen) == len(set(seen))
    assert seen == [item["slug"] for item in resource_pages._items(records, language)]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_entries_of_the_json_file_carry_what_the_card_shows(records, language):
    by_slug = {record.slug: record for record in records}
    for item in resource_pages._items(records, language):
        fields = resource_pages.entry_fields(item)
        record = by_slug[item["slug"]]
        assert fields["anchor"] == record.slug and fields["title"] and fields["summary"]
        assert fields["author_text"] == (item["author"] or load_data("strings")["resources.author_unknown"][language])
        assert fields["year_text"] == (str(record.year) if record.year else load_data("strings")["resources.year_unknown"][language])
        assert fields["welsh_version_text"] == load_data("strings")[f"resources.welsh_version.{record.welsh_version}"][language]
        assert fields.get("link") == record.link
        assert ("link_missing" in fields) == (record.link is None)
        assert fields["named_in"].startswith(item["sources"][0]["title"])


def test_every_new_string_is_in_both_languages():
    strings = load_data("strings")
    for key in ("resources.title", "resources.browse", "resources.browse.title", "resources.description",
                "resources.count.one", "resources.count.other", "resources.by_type", "resources.by_country", "resources.by_year"):
        assert strings[key]["en"].strip() and strings[key]["cy"].strip() and strings[key]["en"] != strings[key]["cy"], key


# ------------------------------------------------------------------ the built pages


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_pages_exist_in_both_languages_and_link_to_each_other(paged_site, records, language):
    home = HOMES[language]
    for number, url, document in paged_listing(paged_site, SECTION, page_count(records), SIZE, len(records), language):
        form = document.select_one("form[data-listing-filter=resources]")
        assert form.has_attr("hidden")
        assert urljoin("http://x/" + url, form["data-listing-source"]) == f"http://x/{home}resources/entries.json"
        if number > 1:  # in the search, as page 1 is: a resource is found on the page that shows it
            heading = document.select_one("h1")
            assert str(number) in heading.get_text() and not heading.has_attr("data-pagefind-weight")
            assert document.select_one('meta[name="exchange:template"]')["content"] == "resources.html"
            assert document.select("aside.x-sources a[href]"), "every page of the library names its sources"


@pytest.mark.parametrize("language", ["en", "cy"])
def test_without_javascript_every_resource_is_on_one_page_of_the_library(paged_site, records, language):
    home = HOMES[language]
    listing = f"{home}resources/"
    pages = [listing] + links(html_of(paged_site, listing), "nav[data-listing-paging] a[aria-label]", listing)[1:]
    found = []
    for url in pages:
        document = html_of(paged_site, url)
        found += card_ids(document)
        for card in document.select("ul[data-listing=resources] > li"):  # the filter values, for the page's own filtering
            record = next(record for record in records if record.slug == card["id"])
            assert card["data-filter-type"] == record.type and card["data-filter-country"] == record.country
    assert sorted(found) == sorted(record.slug for record in records) and len(found) == len(set(found))


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_browse_pages_link_every_resource_to_its_card_by_type_country_and_year(paged_site, records, language):
    home = HOMES[language]
    listing = f"{home}resources/"
    browse = links(html_of(paged_site, listing), "section[aria-labelledby=x-by-browse] a", listing)
    assert {url.split("/")[-3] for url in browse} == {"type", "country", "year"}
    views = {item["slug"]: item for item in resource_pages._items(records, language)}
    by_kind: dict[str, set[str]] = {"type": set(), "country": set(), "year": set()}
    cards: dict[str, list[str]] = {}
    for url in browse:
        document = html_of(paged_site, url)
        assert document.select_one("html")["lang"] == language
        assert document.select_one('meta[name="exchange:template"]')["content"] == "listing-browse.html"
        assert document.select_one("h1")["data-pagefind-weight"] == "0.1"
        assert document.select("aside.x-sources a[href]"), "a browse page names the library's sources"
        kind, key = url.split("/")[-3:-1]
        entries = links(document, "section[aria-labelledby^=x-by-] li a", url)
        expected = {slug for slug, item in views.items() if key in item["filters"][kind]}
        assert {entry.partition("#")[2] for entry in entries} == expected and expected
        for entry in entries:
            target, _, anchor = entry.partition("#")
            assert target.startswith(f"{home}resources/")
            if target not in cards:
                cards[target] = card_ids(html_of(paged_site, target))
            assert anchor in cards[target], entry  # the link goes to the page that shows the card
        by_kind[kind].update(entry.partition("#")[2] for entry in entries)
    for kind, seen in by_kind.items():
        assert seen == set(views), kind


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_entries_file_holds_every_resource_in_order(paged_site, records, language):
    entries = json.loads((paged_site / HOMES[language] / "resources" / listing_pages.ENTRIES_FILE).read_text(encoding="utf-8"))
    expected = resource_pages._items(records, language)
    assert [entry["anchor"] for entry in entries] == [item["slug"] for item in expected]
    assert [entry["title"] for entry in entries] == [item["title"] for item in expected]
    assert all(set(entry["filters"]) == {"type", "country", "year"} for entry in entries)


def test_the_real_site_has_no_paging_and_no_entries_file(built_site):
    for home in HOMES.values():
        document = soup(built_site / home / "resources" / "index.html")
        assert document.select_one("nav[data-listing-paging]") is None
        assert not (built_site / home / "resources" / "page").exists()
        assert not (built_site / home / "resources" / listing_pages.ENTRIES_FILE).exists()
        assert (built_site / home / "resources" / "type").is_dir()


# ------------------------------------------------------------------ in a browser


@pytest.fixture(scope="module")
def paged_server(paged_site):
    with serve(paged_site) as base_url:
        yield base_url


def visible_cards(page) -> list[str]:
    return page.eval_on_selector_all("ul[data-listing=resources] > li:not([hidden])", "items => items.map(item => item.id)")


@pytest.mark.browser
@pytest.mark.parametrize(("language", "showing"), [("en", "Showing {n} of {total} documents"), ("cy", "Yn dangos {n} o {total} dogfen")])
def test_the_filter_finds_resources_on_every_page(browser, paged_server, records, language, showing):
    home = HOMES[language]
    items = resource_pages._items(records, language)
    later = items[-1]  # on the last page, not the first
    wanted = later["type"]
    expected = [item["slug"] for item in items if item["type"] == wanted]
    with fresh_tab(browser) as page:
        form = open_listing(page, f"{paged_server}{home}resources/", "resources")
        first_page = visible_cards(page)
        assert len(first_page) == SIZE and later["slug"] not in first_page
        status = form.locator("[role=status]")
        choose(page, "resources", "type", wanted, len(expected))
        assert visible_cards(page) == expected
        assert status.text_content() == showing.format(n=len(expected), total=len(records))
        assert f"type={wanted}" in page.url
        # The copy from the JSON file shows what the card on its own page shows.
        card = page.locator(f"ul[data-listing=resources] > li#{later['slug']}")
        assert card.locator("h3").text_content() == later["title"]
        assert card.locator("h3").get_attribute("lang") == later["language"]
        text = " ".join(card.text_content().split())
        for value in (later["author_text"], later["year_text"], later["type_label"], later["country_label"], later["audiences"],
                      later["welsh_version_text"], later["named_in"], " ".join(later["link_note"].split())):
            assert " ".join(value.split()) in text, value
        link = card.locator("a[hreflang=en]")
        if later["link"]:
            assert link.get_attribute("href") == later["link"] and link.is_visible()
        else:
            assert not link.is_visible()
        clear(page, form)
        assert visible_cards(page) == first_page
        assert status.text_content() == showing.format(n=SIZE, total=len(records))


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_filtered_address_lists_resources_from_every_page(browser, paged_server, records, language):
    home = HOMES[language]
    items = resource_pages._items(records, language)
    expected = [item["slug"] for item in items if item["country"] == "england"]
    assert any(item["country"] == "england" for item in items[SIZE:])
    with fresh_tab(browser) as page:
        page.goto(f"{paged_server}{home}resources/page/2/?country=england", wait_until="load")
        page.wait_for_function("n => document.querySelectorAll('ul[data-listing=resources] > li:not([hidden])').length === n && document.querySelector('nav[data-listing-paging]').hidden", arg=len(expected))
        assert visible_cards(page) == expected
