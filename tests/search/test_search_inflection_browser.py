"""Welsh plurals and verb forms in the header search, in Chromium (issue 18).

A small site of test pages, each holding one form of a word only (the singular, the plural,
the verb-noun or a past tense), indexed by the site's own indexer (exchange/search/index.py) and
searched through the real search box (the built site's page-not-found page, which carries the
box and is not indexed itself): each page is found by the word's other forms, and the page with
the form as typed comes first.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from exchange.search import index as search
from exchange.bench.benchmark import serve

pytestmark = pytest.mark.browser

PAGE = """<!doctype html><html lang="{language}"><head><meta charset="utf-8"><title>{title}</title></head>
<body><article class="md-content__inner md-typeset"><h1>{title}</h1><p>{text}</p></article></body></html>"""

# Each page holds one form of its word and nothing else of it.
WELSH_PAGES = {
    "ysgol-unigol": ("Un ysgol", "Mae'r ysgol ar y bryn ger yr afon."),
    "ysgolion-lluosog": ("Sawl ysgol", "Mae ysgolion y dref yn cydweithio."),
    "cynlluniau-treigledig": ("Ein gwaith", "Rydyn ni'n sôn am ein nghynlluniau ar gyfer y flwyddyn."),
    "cefnogi-berfenw": ("Helpu", "Rydyn ni yma i gefnogi'r teulu bob dydd."),
    "trefnodd-gorffennol": ("Y daith", "Trefnodd y pennaeth daith i'r amgueddfa."),
    "athro-unigol": ("Yr athro", "Siaradodd yr athro â'r dosbarth."),
    "plentyn-unigol": ("Un plentyn", "Mae'r plentyn yn hapus yn y dosbarth."),
    "plant-lluosog": ("Llawer o blant", "Roedd y plant yn chwarae ar y cae."),
}
# An English page that uses Welsh words: never in the Welsh results.
ENGLISH_PAGES = {"welsh-words": ("Welsh words", "The words ysgol, ysgolion and cynllun are Welsh.")}


@pytest.fixture(scope="module")
def inflection_site(built_site: Path, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("inflection") / "site"
    for folder in ("javascripts", "assets", "stylesheets"):
        shutil.copytree(built_site / folder, site / folder)
    (site / "cy").mkdir()
    for name in ("404.html", "cy/404.html"):
        shutil.copy(built_site / name, site / name)
    for language, home, pages in (("cy", "cy/", WELSH_PAGES), ("en", "", ENGLISH_PAGES)):
        for slug, (title, text) in pages.items():
            target = site / home / "prawf" / slug / "index.html"
            target.parent.mkdir(parents=True)
            target.write_text(PAGE.format(language=language, title=title, text=text), encoding="utf-8")
    counts, _ = search.build_search(site)
    assert counts == {"en": len(ENGLISH_PAGES), "cy": len(WELSH_PAGES)}
    return site


@pytest.fixture(scope="module")
def inflection_server(inflection_site: Path):
    with serve(inflection_site) as base_url:
        yield base_url


def found(page, query: str) -> list[str]:
    """The test pages a query finds, in the order shown."""
    page.fill("#x-search-input", query)
    page.wait_for_function("q => document.querySelector('.x-search__status').textContent.includes('“' + q + '”')", arg=query, timeout=20000)
    hrefs = page.eval_on_selector_all(".x-search__result .x-search__title", "links => links.map(link => link.getAttribute('href'))")
    return [href.split("/prawf/")[1].split("/")[0] for href in hrefs]


@pytest.fixture
def welsh_search(browser_page, inflection_server):
    browser_page.goto(inflection_server + "cy/404.html")
    yield browser_page
    assert browser_page.external_requests == []


def test_a_plural_finds_the_page_with_the_singular_after_the_page_with_the_plural(welsh_search):
    assert found(welsh_search, "ysgolion") == ["ysgolion-lluosog", "ysgol-unigol"]
    assert found(welsh_search, "athrawon") == ["athro-unigol"]  # a vowel change: athro, athrawon


def test_the_singular_finds_the_page_with_the_plural(welsh_search):
    # Mutation and inflection together: the page says 'nghynlluniau' only.
    assert found(welsh_search, "cynllun") == ["cynlluniau-treigledig"]
    assert found(welsh_search, "Cynlluniau") == ["cynlluniau-treigledig"]


def test_plant_and_plentyn_find_each_other_exact_form_first(welsh_search):
    assert found(welsh_search, "plentyn") == ["plentyn-unigol", "plant-lluosog"]
    assert found(welsh_search, "plant") == ["plant-lluosog", "plentyn-unigol"]


def test_a_past_tense_finds_the_verb_noun_and_the_reverse(welsh_search):
    assert found(welsh_search, "cefnogodd") == ["cefnogi-berfenw"]  # the page says 'i gefnogi'
    assert found(welsh_search, "trefnu") == ["trefnodd-gorffennol"]


def test_the_excerpt_marks_the_pages_own_word(welsh_search):
    found(welsh_search, "ysgolion")
    marks = welsh_search.eval_on_selector_all(".x-search__excerpt mark", "marks => marks.map(mark => mark.textContent)")
    assert "ysgolion" in marks and "ysgol" in marks


def test_english_pages_are_not_in_the_welsh_search_nor_inflected(browser_page, inflection_server):
    browser_page.goto(inflection_server + "404.html")
    assert found(browser_page, "ysgolion") == ["welsh-words"]
    # English has no Welsh inflection: the singular does not find the English page's plural.
    assert found(browser_page, "cynlluniau") == []
    assert browser_page.external_requests == []
