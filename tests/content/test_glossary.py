"""The glossary: the data file and its checks, initials on pages, the glossary pages sorted in
each language's order, the <abbr> titles in both languages, and the search synonyms."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from exchange import LANGUAGES, PROJECT_ROOT
from exchange.content import glossary
from exchange.welsh.order import WELSH_ALPHABET
from tests.site_pages import is_welsh_path, page_paths, soup

FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "glossary"


@pytest.fixture(scope="module")
def records():
    found, problems = glossary.load_glossary()
    assert [str(problem) for problem in problems] == []
    return found


def test_the_glossary_has_every_term_in_both_languages(records):
    assert len(records) >= 60
    for record in records:
        for language in LANGUAGES:
            text = record.text(language)
            assert text.term and text.explanation, (record.id, language)


def test_the_terms_of_the_terminology_list_are_in_the_glossary(records):
    english = {record.text("en").term.casefold() for record in records}
    welsh = {record.text("cy").term.casefold() for record in records}
    for term in ["personal education plan", "designated person", "lace coordinator", "pupil development grant", "independent reviewing officer", "advocate", "corporate parent", "pathway plan", "personal adviser"]:
        assert term in english, term
    for term in ["cynllun addysg personol", "person dynodedig", "grant datblygu disgyblion", "swyddog adolygu annibynnol", "eiriolwr", "rhiant corfforaethol", "cynllun llwybr"]:
        assert term in welsh, term
    initials = {language: {item for record in records for item in record.text(language).initials} for language in LANGUAGES}
    assert {"PEP", "PDG", "IDP", "ALN", "ALNCo", "SENCo", "DSP", "EOTAS", "EPC", "EWO", "FEI", "PRU", "NEET", "CAMHS", "CLA", "LAC", "EMA", "ILP", "YEPF", "IRO"} <= initials["en"]
    assert {"GDD", "CDU", "ADY", "SAA", "PDG"} <= initials["cy"]


def test_in_welsh_pdg_means_looked_after_children_and_the_grant_is_gdd(records):
    assert glossary.expansion("PDG", "cy", records) == "plant sy'n derbyn gofal"
    assert glossary.expansion("GDD", "cy", records) == "Grant Datblygu Disgyblion"
    assert glossary.expansion("PDG", "en", records) == "Pupil Development Grant"


def test_problems_in_the_glossary_file_are_reported_with_their_lines():
    _, problems = glossary.load_glossary(FIXTURES / "problems.yml")
    found = {(problem.line, problem.message.split(":")[0]) for problem in problems}
    assert found == {
        (11, "pupil-development-grant"),  # PDG among the grant's Welsh initials
        (21, "no-welsh"),
        (29, "bad-initials"),
        (36, "same-initials"),
        (52, "unknown-field"),
        (54, "unexplained-in-explanation"),
    }
    assert all(str(problem).startswith("tests/fixtures/glossary/problems.yml:") for problem in problems)
    assert any("the grant is GDD" in problem.message for problem in problems)


def test_a_glossary_that_is_not_yaml_is_a_problem_not_a_traceback(tmp_path):
    broken = tmp_path / "glossary.yml"
    broken.write_text("- id: one\n  en: {term: 'unclosed\n", encoding="utf-8")
    records, problems = glossary.load_glossary(broken)
    assert records == [] and len(problems) == 1 and "not valid YAML" in problems[0].message


def test_abbreviation_definitions_are_in_the_page_language(records):
    markdown = "The PEP and the PDG. Two PEPs. [A link](https://example.org/IRO.pdf) `CDU`"
    english = glossary.abbreviation_definitions(markdown, "en", records)
    assert "*[PEP]: personal education plan" in english
    assert "*[PEPs]: personal education plans" in english
    assert "*[PDG]: Pupil Development Grant" in english
    assert "IRO" not in english and "CDU" not in english  # in a link address and in code
    welsh = glossary.abbreviation_definitions("Mae'r GDD yn helpu. Mae'r PDG yn cael help.", "cy", records)
    assert "*[GDD]: Grant Datblygu Disgyblion" in welsh
    assert "*[PDG]: plant sy'n derbyn gofal" in welsh
    assert "Pupil Development Grant" not in welsh


def test_initials_missing_from_the_glossary_are_caught_on_pages(records):
    problems = list(glossary.check_page_initials("Line one.\nAsk the QZX.\n", "en", "docs/page.md", 5, records))
    assert [(problem.line, problem.message.split(":")[0]) for problem in problems] == [(6, "the initials 'QZX' are not in the glossary for English pages")]
    welsh = list(glossary.check_page_initials("Mae'r grant PDG yn helpu.\n", "cy", "docs/cy/page.md", 1, records))
    assert any("Grant Datblygu Disgyblion (GDD)" in problem.message for problem in welsh)
    english_only = list(glossary.check_page_initials("Your PEP.\n", "cy", "docs/cy/page.md", 1, records))
    assert [problem.message.split(":")[0] for problem in english_only] == ["the initials 'PEP' are not in the glossary for Welsh pages"]


def test_every_page_of_the_site_uses_only_initials_the_glossary_explains():
    assert [str(problem) for problem in glossary.check_glossary_and_pages([])] == []


def test_the_glossary_command_line_exits_1_on_unknown_initials(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("---\ntitle: A page\n---\n\nAsk the QZX.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(PROJECT_ROOT / "scripts" / "check_glossary.py"), str(page)], capture_output=True, text=True, cwd=PROJECT_ROOT)
    assert result.returncode == 1
    assert result.stdout.strip().endswith("page.md:5: the initials 'QZX' are not in the glossary for English pages: write the words out, or add them to exchange/data/glossary.yml with their meaning in English and Welsh")


def test_welsh_glossary_order_treats_digraphs_as_letters(records):
    groups = glossary.glossary_view("cy", records)
    letters = [group.letter.casefold() for group in groups]
    assert letters == sorted(letters, key=WELSH_ALPHABET.index)
    assert "ll" in letters and "l" in letters and letters.index("l") < letters.index("ll")
    assert "rh" in letters and "ff" in letters
    terms = [entry.term for group in groups for entry in group.entries]
    keys = [glossary.term_sort_key(term, "cy") for term in terms]
    assert keys == sorted(keys)
    # "Lwfans" (L) comes before "Llywodraeth" (Ll), though ASCII order says the opposite.
    assert terms.index("Lwfans Cynhaliaeth Addysg") < terms.index("Llywodraeth Cymru")


def test_english_glossary_order_is_alphabetical(records):
    terms = [entry.term.casefold() for group in glossary.glossary_view("en", records) for entry in group.entries]
    assert terms == sorted(terms, key=lambda term: glossary.term_sort_key(term, "en"))
    assert terms.index("advocate") < terms.index("care leaver") < terms.index("welsh government")


def test_synonym_groups_link_initials_and_terms_for_search(records):
    english = glossary.synonym_groups("en", records)
    assert any({"PEP", "personal education plan"} <= group for group in english)
    welsh = glossary.synonym_groups("cy", records)
    assert any({"GDD", "Grant Datblygu Disgyblion"} <= group for group in welsh)
    assert not any("PDG" in group and "Grant Datblygu Disgyblion" in group for group in welsh)


@pytest.mark.parametrize("path, initials, title", [
    ("guidance/plans/index.html", "PEP", "personal education plan"),
    ("guidance/pupil-development-grant/index.html", "PDG", "Pupil Development Grant"),
    ("cy/guidance/pupil-development-grant/index.html", "GDD", "Grant Datblygu Disgyblion"),
    ("cy/guidance/roles/index.html", "SAA", "swyddog adolygu annibynnol"),
])
def test_initials_render_as_abbr_with_their_expansion(built_site: Path, path, initials, title):
    abbreviations = soup(built_site / path).select(f'article abbr[title="{title}"]')
    assert abbreviations and {abbr.get_text() for abbr in abbreviations} == {initials}


def test_welsh_pages_explain_initials_in_welsh_and_never_pdg_as_the_grant(built_site: Path, records):
    welsh_terms = {record.text("cy").term for record in records}
    english_terms = {record.text("en").term for record in records} - welsh_terms
    seen = 0
    for relative in page_paths(built_site):
        if not is_welsh_path(relative) or soup(built_site / relative).select_one(".x-untranslated"):
            continue
        for abbr in soup(built_site / relative).select("article abbr"):
            seen += 1
            assert abbr["title"] in welsh_terms and abbr["title"] not in english_terms, (str(relative), abbr)
            if abbr.get_text() == "PDG":
                assert abbr["title"] == "plant sy'n derbyn gofal", str(relative)
    assert seen > 20


def test_abbreviations_do_not_change_heading_anchors(built_site: Path):
    page = soup(built_site / "guidance/roles/index.html")
    heading = page.select_one("h2#lace-coordinator")
    assert heading is not None and heading.select_one("abbr") is not None
    assert page.select_one('a[href="#lace-coordinator"]') is not None


@pytest.mark.parametrize("path, language", [("glossary/index.html", "en"), ("cy/glossary/index.html", "cy")])
def test_the_glossary_page_lists_every_term_in_order(built_site: Path, records, path, language):
    page = soup(built_site / path)
    assert page.html["lang"] == language
    entries = page.select("dl.x-glossary .x-glossary__entry")
    assert len(entries) == len(records)
    terms = [entry.select_one("dfn").get_text() for entry in entries]
    expected = [entry.term for group in glossary.glossary_view(language, records) for entry in group.entries]
    assert terms == expected
    ids = {entry["id"] for entry in entries}
    assert ids == {record.id for record in records}
    letters = [link.get_text() for link in page.select("nav.x-glossary-letters a")]
    assert letters == [heading.get_text() for heading in page.select("section.x-glossary-group > h2")]
