"""The focus pages: LACE coordinators, #MessagesToSchools, care leavers and getting more
involved, with their landing page. Each exists in English and in Welsh, names the source
documents it is written from, is in the navigation, and is built in its own language."""

from __future__ import annotations

from pathlib import Path

import pytest

from exchange import LANGUAGES, PROJECT_ROOT
from exchange.core.data_files import load_data
from exchange.core.frontmatter import read_document
from exchange.welsh.translations import CURRENT, Pair, PAGE, translation_statuses
from tests.site_pages import soup

FOCUS_PAGES = ["index", "lace-coordinators", "messages-to-schools", "care-leavers", "getting-involved"]
SOURCE_FILE = {"en": PROJECT_ROOT / "docs" / "focus", "cy": PROJECT_ROOT / "docs" / "cy" / "focus"}
BUILT = {"en": Path("focus"), "cy": Path("cy", "focus")}
SECTION_NAME = {"en": "Focus pages", "cy": "Tudalennau ffocws"}


def _source(language: str, name: str) -> Path:
    return SOURCE_FILE[language] / f"{name}.md"


def _built(language: str, name: str) -> Path:
    return BUILT[language] / ("index.html" if name == "index" else f"{name}/index.html")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", FOCUS_PAGES)
def test_each_focus_page_has_a_title_a_description_and_known_sources(language, name):
    document, problems = read_document(_source(language, name))
    assert problems == [] and document is not None, [str(problem) for problem in problems]
    assert isinstance(document.meta.get("title"), str) and document.meta["title"].strip()
    assert isinstance(document.meta.get("description"), str) and len(document.meta["description"]) >= 40
    sources = document.meta.get("sources")
    assert isinstance(sources, list) and sources, "every focus page names the documents it is written from"
    assert set(sources) <= set(load_data("sources")), sources


@pytest.mark.parametrize("name", FOCUS_PAGES)
def test_the_welsh_page_is_a_translation_of_the_current_english_page(name):
    english, welsh = (read_document(_source(language, name))[0] for language in LANGUAGES)
    assert welsh.meta["title"] != english.meta["title"] or name == "messages-to-schools"
    assert welsh.meta["sources"] == english.meta["sources"]
    [status] = translation_statuses([Pair(PAGE, _source("en", name), _source("cy", name))], waiting={})
    assert status.state == CURRENT, f"run scripts/check_translations.py --stamp {_source('cy', name)}"


def test_messages_to_schools_keeps_the_hashtag_and_explains_it_in_welsh():
    for language in LANGUAGES:
        assert read_document(_source(language, "messages-to-schools"))[0].meta["title"].startswith("#MessagesToSchools")
    welsh = read_document(_source("cy", "messages-to-schools"))[0].body
    assert "negeseuon i ysgolion" in welsh


@pytest.mark.parametrize("language", LANGUAGES)
def test_focus_pages_are_built_in_their_language_with_their_sources(built_site: Path, language):
    registry = load_data("sources")
    for name in FOCUS_PAGES:
        page = soup(built_site / _built(language, name))
        assert page.html["lang"] == language, name
        title = read_document(_source(language, name))[0].meta["title"]
        assert page.select_one("article h1").get_text(" ", strip=True) == title, name
        cited = [item.cite.get_text(strip=True) for item in page.select("aside.x-sources li")]
        expected = [registry[source]["title"][language] for source in read_document(_source(language, name))[0].meta["sources"]]
        assert cited == expected, name


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_focus_section_is_in_the_navigation_and_its_landing_page_lists_every_page(built_site: Path, language):
    landing = soup(built_site / _built(language, "index"))
    navigation = landing.select_one("nav.md-nav--primary").get_text(" ", strip=True)
    assert SECTION_NAME[language] in navigation
    listed = {link["href"].rstrip("/").split("/")[-1] for link in landing.select("article li a")}
    assert set(FOCUS_PAGES) - {"index"} <= listed
    for name in FOCUS_PAGES[1:]:
        title = read_document(_source(language, name))[0].meta["title"]
        assert title.split(":")[0] in navigation, name
