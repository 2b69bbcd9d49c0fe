"""Listings in pages (exchange/pages/listing_pages.py): the case-study listing shows one page of
entries, links to the other pages and to browse pages (by theme, area and type) for readers
without JavaScript, and the filter (docs/javascripts/listing-filter.js) covers every entry
through the listing's JSON file.

The real site has fewer case studies than one page holds, so these tests build it with four
entries a page (EXCHANGE_LISTING_PAGE_SIZE), which gives the real case studies five pages.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from exchange.pages import case_study_pages
from exchange.pages import listing_pages
from exchange.content.case_studies import load_case_studies
from exchange.core.data_files import load_data
from exchange.bench.benchmark import serve
from tests.listing_paging import HOMES, build_paged_site, choose, clear, html_of, links, open_listing, paged_listing
from tests.page_types import fresh_tab

SIZE = 4


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory) -> Path:
    return build_paged_site(tmp_path_factory.mktemp("paged"), SIZE)


@pytest.fixture(scope="module")
def records():
    return load_case_studies()[0]


def page_count(records) -> int:
    return math.ceil(len(records) / SIZE)


# ------------------------------------------------------------------ the data


def test_a_listing_that_fits_on_one_page_has_no_paging(monkeypatch, records):
    monkeypatch.delenv(listing_pages.SIZE_VARIABLE, raising=False)
    assert len(records) <= listing_pages.PAGE_SIZES["case-studies"]
    view = case_study_pages.listing_view(records, "en")
    assert view["paging"] is None and view["source"] is None
    assert len(view["entries"]) == view["total"] == len(records)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_pages_share_the_entries_out_in_order(monkeypatch, records, language):
    monkeypatch.setenv(listing_pages.SIZE_VARIABLE, str(SIZE))
    everything = case_study_pages.listing_view(records, language)["total"]
    seen = []
    for number in range(1, page_count(records) + 1):
        view = case_study_pages.listing_view(records, language, number)
        assert view["total"] == everything == len(records)
        assert view["paging"]["label"] == load_data("strings")["listing.page_of"][language].format(n=number, count=page_count(records))
        seen += [entry["slug"] for entry in view["entries"]]
    assert seen == [entry["slug"] for entry in case_study_pages._items(records, language)]


def test_paging_links_go_to_the_neighbours_and_every_page():
    paging = listing_pages.paging_view("case-studies", 2, 10, SIZE, "cy")
    assert paging["previous"] == "cy/case-studies/" and paging["next"] == "cy/case-studies/page/3/"
    assert [link["url"] for link in paging["pages"]] == ["cy/case-studies/", "cy/case-studies/page/2/", "cy/case-studies/page/3/"]
    assert [link["current"] for link in paging["pages"]] == [False, True, False]
    assert listing_pages.paging_view("case-studies", 1, SIZE, SIZE, "en") is None


def test_every_new_string_is_in_both_languages():
    strings = load_data("strings")
    for key in ("listing.page_of", "listing.page", "listing.previous", "listing.next", "listing.pages", "case_studies.title",
                "case_studies.browse", "case_studies.browse.title", "case_studies.description"):
        assert strings[key]["en"].strip() and strings[key]["cy"].strip() and strings[key]["en"] != strings[key]["cy"], key


# ------------------------------------------------------------------ the built pages


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_pages_exist_in_both_languages_and_link_to_each_other(paged_site, records, language):
    for number, _, document in paged_listing(paged_site, "case-studies", page_count(records), SIZE, len(records), language):
        if number > 1:  # low in the search: the entries have pages of their own
            assert document.select_one("h1")["data-pagefind-weight"] == "0.1"
            assert str(number) in document.select_one("h1").get_text()


@pytest.mark.parametrize("language", ["en", "cy"])
def test_without_javascript_every_case_study_is_reachable_from_the_listing(paged_site, records, language):
    home = HOMES[language]
    listing = f"{home}case-studies/"
    pages = [listing] + links(html_of(paged_site, listing), "nav[data-listing-paging] a[aria-label]", listing)[1:]
    found = set()
    for url in pages:
        found.update(links(html_of(paged_site, url), "ul[data-listing=case-studies] > li h3 a", url))
    assert found == {f"{home}case-studies/{record.slug}/" for record in records}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_browse_pages_list_every_case_study_by_theme_area_and_type(paged_site, records, language):
    home = HOMES[language]
    listing = f"{home}case-studies/"
    browse = links(html_of(paged_site, listing), "section[aria-labelledby=x-by-browse] a", listing)
    assert {url.split("/")[-3] for url in browse} == {"theme", "area", "type"}
    by_kind: dict[str, set[str]] = {"theme": set(), "area": set(), "type": set()}
    for url in browse:
        document = html_of(paged_site, url)
        assert document.select_one("html")["lang"] == language
        assert document.select_one('meta[name="exchange:template"]')["content"] == "listing-browse.html"
        assert document.select_one("h1")["data-pagefind-weight"] == "0.1"
        entries = links(document, "section[aria-labelledby^=x-by-] li a", url)
        kind, key = url.split("/")[-3:-1]
        expected = {f"{home}case-studies/{record.slug}/" for record in records if key in case_study_pages.summary_view(record, language)["filters"][kind]}
        assert set(entries) == expected and expected
        by_kind[kind].update(entries)
    for kind, seen in by_kind.items():
        assert seen == {f"{home}case-studies/{record.slug}/" for record in records}, kind


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_entries_file_holds_every_case_study_in_order(paged_site, records, language):
    entries = json.loads((paged_site / HOMES[language] / "case-studies" / listing_pages.ENTRIES_FILE).read_text(encoding="utf-8"))
    expected = case_study_pages._items(records, language)
    assert [entry["url"] for entry in entries] == [f"{item['slug']}/" for item in expected]
    assert [entry["title"] for entry in entries] == [item["title"] for item in expected]
    assert all(set(entry["filters"]) == {"theme", "area", "type"} for entry in entries)


# ------------------------------------------------------------------ in a browser


@pytest.fixture(scope="module")
def paged_server(paged_site):
    with serve(paged_site) as base_url:
        yield base_url


def card_links(page) -> list[str]:
    return page.eval_on_selector_all("ul[data-listing=case-studies] > li:not([hidden]) h3 a", "links => links.map(link => new URL(link.href).pathname)")


@pytest.mark.browser
@pytest.mark.parametrize(("language", "showing"), [("en", "Showing {n} of {total} case studies"), ("cy", "Yn dangos {n} o {total} astudiaeth achos")])
def test_the_filter_finds_case_studies_on_every_page(browser, paged_server, records, language, showing):
    home = HOMES[language]
    items = case_study_pages._items(records, language)
    later = items[-1]  # on the last page, not the first
    wanted = later["organisation_type"]
    expected = [f"/{home}case-studies/{item['slug']}/" for item in items if wanted in item["filters"]["type"]]
    with fresh_tab(browser) as page:
        form = open_listing(page, f"{paged_server}{home}case-studies/", "case-studies")
        first_page = card_links(page)
        assert len(first_page) == SIZE and f"/{home}case-studies/{later['slug']}/" not in first_page
        status = form.locator("[role=status]")
        choose(page, "case-studies", "type", wanted, len(expected))
        assert card_links(page) == expected
        assert status.text_content() == showing.format(n=len(expected), total=len(records))
        assert f"type={wanted}" in page.url
        page.click(f"ul[data-listing=case-studies] a[href$='/{later['slug']}/']")
        page.wait_for_url(f"**/{home}case-studies/{later['slug']}/")
        page.go_back()
        form.wait_for(state="visible")  # the address kept the filter: the list comes back filtered
        page.wait_for_function("n => document.querySelectorAll('ul[data-listing=case-studies] > li:not([hidden])').length === n", arg=len(expected))
        assert page.input_value("#x-case-studies-filter-type") == wanted
        clear(page, form)
        assert card_links(page) == first_page
        assert status.text_content() == showing.format(n=SIZE, total=len(records))
