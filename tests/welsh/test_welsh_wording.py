"""Smaller points of Welsh on the built site (issue 15): the home page's title, Material's
"back to top" button, "fis" before a month after a preposition, and mutated nouns after numbers."""

from __future__ import annotations

import re

from exchange.core.data_files import load_data
from tests.site_pages import is_welsh_path, page_paths, soup

MONTHS = "Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr"
# A number and the radical form of a noun that mutates after it: "2 dogfen", "3 canlyniad".
UNMUTATED = re.compile(r"(?<![\d,.])(?:[12] dogfen|2 canlyniad|[36] canlyniad|2 cofnod|[36] cofnod|[12] tudalen|6 tudalen)\b")


def welsh_pages(site):
    return [relative for relative in page_paths(site) if is_welsh_path(relative)]


def test_each_home_page_title_is_the_site_name_once(built_site):
    for relative, language in (("index.html", "en"), ("cy/index.html", "cy")):
        assert soup(built_site / relative).title.get_text() == load_data("strings")["site.name"][language]


def test_the_back_to_top_button_says_yn_ol_i_r_brig(built_site):
    for relative in welsh_pages(built_site):
        document = soup(built_site / relative)
        button = document.select_one(".md-top")
        assert button is not None and "Yn ôl i'r brig" in button.get_text(), relative
        assert "Nôl i'r brig" not in document.get_text()
    assert "Back to top" in soup(built_site / "index.html").select_one(".md-top").get_text()


def test_no_welsh_page_puts_a_bare_month_after_a_preposition_or_a_radical_noun_after_a_number(built_site):
    bare_month = re.compile(rf"\b(?:hyd at|o) (?:{MONTHS}) \d{{4}}")
    found = []
    for relative in welsh_pages(built_site):
        text = soup(built_site / relative).get_text(" ")
        found += [f"{relative}: {match.group(0)}" for pattern in (bare_month, UNMUTATED) for match in pattern.finditer(text)]
    assert found == []
