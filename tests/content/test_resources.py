"""The resource library: the checker (one fixture folder per rule,
tests/fixtures/resources/<rule>/, with a `good.yml` that passes and a bad file that breaks
the rule), the command line, the repository's records, and the built listing pages."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.rule_fixtures import assert_exactly_these_problems
from exchange import PROJECT_ROOT
from exchange.core import vocabulary
from exchange.content.resources import ENVIRONMENT_VARIABLE, check_paths, load_resources, resources_dir
from exchange.pages.resource_pages import groupings as resource_groupings
from exchange.pages.resource_pages import listing_view
from tests.site_pages import soup

FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "resources"
RELATIVE = "tests/fixtures/resources"
CHECKER = PROJECT_ROOT / "scripts" / "check_resources.py"


@pytest.fixture(autouse=True)
def at_project_root(monkeypatch):
    """Problems name paths relative to the current folder, as an editor running `make check` sees them."""
    monkeypatch.chdir(PROJECT_ROOT)


# rule -> every problem expected in the rule's folder: (file, line, field, words the message must contain).
EXPECTED: dict[str, list[tuple[str, int, str, list[str]]]] = {
    "yaml-syntax": [("bad.yml", 6, "", ["not valid YAML", "no colon"])],
    "not-utf8": [("bad.yml", 12, "", ["not saved as UTF-8"])],
    "required-field-missing": [("bad.yml", 1, "summary", ["field 'summary' is missing", "'en:' and 'cy:'"])],
    "welsh-summary-missing": [("bad.yml", 10, "summary", ["field 'summary' has no Welsh text", "'  cy: ...'"])],
    "unknown-language": [("bad.yml", 13, "summary", ["unknown language 'fr'", "'en' (English) and 'cy' (Welsh)"])],
    "welsh-title-without-welsh-version": [("bad.yml", 3, "title", ["title.cy", "only when welsh_version is yes"])],
    "year-not-a-year": [("bad.yml", 6, "year", ["'2016/17' is not a year", "'unknown'"])],
    "year-future": [("bad.yml", 6, "year", ["2099 is in the future"])],
    "link-not-a-web-address": [("bad.yml", 13, "link", ["'example.org/guide.pdf' is not a web address", "https://"])],
    "link-checked-not-a-day": [("bad.yml", 15, "link_checked", ["'2024-05' must be a full date"])],
    "link-checked-without-link": [("bad.yml", 15, "link_checked", ["link is 'unknown'", "link_checked: null"])],
    "unknown-type": [("bad.yml", 8, "type", ["'guidence'", "did you mean 'guidance'?"])],
    "unknown-country": [("bad.yml", 7, "country", ["'wale'", "did you mean 'wales'?"])],
    "unknown-audience": [("bad.yml", 11, "audiences", ["'carer'", "did you mean 'carers'?"])],
    "unknown-source": [("bad.yml", 16, "sources", ["'one-year-on'", "did you mean 'one-year-on-2017'?"])],
    "welsh-version-not-yes-or-no": [("bad.yml", 14, "welsh_version", ["'maybe' must be yes or no"])],
    "unknown-field": [("bad.yml", 7, "yeer", ["unknown field 'yeer'", "did you mean 'year'?"])],
    "author-not-per-language": [("bad.yml", 3, "author", ["field 'author' must give its text in each language"])],
    "html-in-summary": [("bad.yml", 11, "summary", ["'summary.en' contains HTML"])],
    "duplicate-title": [("bad-second.yml", 2, "title", ["'The Same Guide' is also used by", "bad-first.yml"])],
    "stray-file": [("notes.txt", 1, "", ["'notes.txt' would not be published", "<name>.yml"])],
    "file-name": [("Bad Name.yml", 1, "", ["'Bad Name.yml' must be lowercase words joined by hyphens"])],
}


def test_every_fixture_folder_is_a_rule_with_expectations():
    assert sorted(path.name for path in FIXTURES.iterdir() if path.is_dir()) == sorted(EXPECTED)


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_each_rule_reports_exactly_its_problems_with_path_line_and_field(rule):
    records, problems = load_resources(FIXTURES / rule)
    for problem, (file, line, _, _) in assert_exactly_these_problems(problems, EXPECTED[rule], RELATIVE, rule):
        assert str(problem).startswith(f"{RELATIVE}/{rule}/{file}:{line}: ")
    assert "good" in {record.slug for record in records}, "the good record of each rule must load"
    if rule != "duplicate-title":  # a rule across records: both load, the problem fails the build
        assert not any(record.path.name.startswith("bad") for record in records), "a record with an error of its own is not built"


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_the_good_record_of_each_rule_passes_on_its_own(rule):
    assert check_paths([FIXTURES / rule / "good.yml"], FIXTURES / rule) == []


# ------------------------------------------------------------------ the repository's records


def test_every_resource_file_in_the_repository_loads_without_a_problem():
    records, problems = load_resources()
    assert problems == [], "\n".join(map(str, problems))
    files = sorted(path.stem for path in resources_dir().glob("*.yml"))
    assert sorted(record.slug for record in records) == files, "no record is dropped"
    assert len(records) >= 30


def test_the_library_holds_the_documents_the_issue_names():
    titles = {record.slug: record.title["en"] for record in load_resources()[0]}
    for slug in ("raising-the-ambitions-strategy", "raising-the-ambitions-action-plan", "raising-the-ambitions-easy-read",
                 "one-year-on-summary-report", "one-year-on-young-peoples-summary", "making-a-difference", "estyn-best-practice-report",
                 "estyn-self-assessment-checklists", "cascade-educational-experiences-research", "national-assembly-care-experienced-report",
                 "outcomes-after-final-care-order", "pdg-looked-after-children-evaluation", "childrens-commissioner-annual-report-2018-19",
                 "dfe-designated-teacher-guidance", "dfe-promoting-education-guidance", "ssia-what-works-2007", "cssiw-national-inspection",
                 "nice-looked-after-children-guideline", "social-services-and-well-being-act-2014", "part-6-code-of-practice",
                 "part-8-code-of-practice", "integrated-approach-research-2021", "fostering-network-foster-carers-guide",
                 "fostering-network-making-it-happen", "adoption-uk-schools-guide", "adoption-uk-parents-guide",
                 "care-forum-wales-charter", "buttle-uk-quality-mark"):
        assert slug in titles, slug


def test_facts_the_sources_do_not_give_are_unknown_not_guessed():
    records = {record.slug: record for record in load_resources()[0]}
    # The old policy page names these with no year and no address.
    for slug in ("outcomes-after-final-care-order", "pdg-looked-after-children-evaluation", "cssiw-national-inspection"):
        assert (records[slug].year, records[slug].link) == (None, None), slug
    assert records["outcomes-after-final-care-order"].author is None
    # Nobody has opened the addresses since they were copied from the sources.
    assert {record.link_checked for record in records.values()} == {None}
    # A Welsh title only where a source says a Welsh version exists.
    assert {slug for slug, record in records.items() if "cy" in record.title} == {"making-a-difference", "integrated-approach-research-2021"}
    assert all(record.welsh_version == "yes" for slug, record in records.items() if "cy" in record.title)


# ------------------------------------------------------------------ the command line


def run_checker(*arguments: str, environment: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(CHECKER), *arguments], capture_output=True, text=True, cwd=PROJECT_ROOT,
                          env={**os.environ, **(environment or {})})


def test_the_checker_prints_path_line_message_and_exits_1():
    result = run_checker(f"{RELATIVE}/unknown-type/bad.yml", f"{RELATIVE}/year-future/bad.yml")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{RELATIVE}/unknown-type/bad.yml:8: type: 'guidence' is not one of the allowed values: did you mean 'guidance'? use one of {', '.join(vocabulary.identifiers('resource_types'))}",
        f"{RELATIVE}/year-future/bad.yml:6: year 2099 is in the future: give the year it was published",
    ]
    assert "2 error(s)" in result.stderr


def test_the_checker_compares_a_new_record_with_the_whole_collection():
    result = run_checker(f"{RELATIVE}/duplicate-title/bad-second.yml", environment={ENVIRONMENT_VARIABLE: str(FIXTURES / "duplicate-title")})
    assert result.returncode == 1
    assert result.stdout.startswith(f"{RELATIVE}/duplicate-title/bad-second.yml:2: the title 'The Same Guide' is also used by {RELATIVE}/duplicate-title/bad-first.yml")


def test_the_repository_resources_pass_the_command_line_check():
    result = run_checker(environment={ENVIRONMENT_VARIABLE: ""})
    assert (result.returncode, result.stdout) == (0, "")


# ------------------------------------------------------------------ the listing


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_listing_holds_every_record_in_every_grouping(language):
    records = load_resources()[0]
    view = listing_view(records, language)
    slugs = sorted(record.slug for record in records)
    assert sorted(entry["slug"] for entry in view["entries"]) == slugs
    groupings = resource_groupings(records, language)
    assert [kind for kind, _, _ in groupings] == ["type", "country", "year"]
    assert [grouping["heading"] for grouping in view["browse"]] == [heading for _, heading, _ in groupings]
    for kind, _, groups in groupings:
        assert sorted(entry["slug"] for group in groups for entry in group["entries"]) == slugs, kind
    years = [option["id"] for option in view["filters"][2]["groups"][0]["options"]]
    assert years[-1] == "unknown" and years[:-1] == sorted(years[:-1], reverse=True)


def test_welsh_readers_get_welsh_summaries_and_english_titles_marked_as_english():
    entries = {entry["slug"]: entry for entry in listing_view(load_resources()[0], "cy")["entries"]}
    assert entries["making-a-difference"]["language"] == "cy"
    assert entries["nice-looked-after-children-guideline"]["language"] == "en"
    assert all(entry["summary_language"] == "cy" for entry in entries.values())
    assert "PDG" not in entries["pdg-looked-after-children-evaluation"]["summary"]  # on Welsh pages the grant is GDD


LIBRARY_PAGES = [Path("resources/index.html"), Path("cy/resources/index.html")]


@pytest.mark.parametrize("page", LIBRARY_PAGES, ids=str)
def test_the_built_library_lists_every_record_once_with_its_filter_values(built_site, page):
    records = {record.slug: record for record in load_resources()[0]}
    document = soup(built_site / page)
    cards = document.select("ul[data-listing=resources] > li")
    assert sorted(card["id"] for card in cards) == sorted(records)
    for card in cards:
        record = records[card["id"]]
        assert card["data-filter-type"] == record.type and card["data-filter-country"] == record.country
        assert card["data-filter-year"] == (str(record.year) if record.year else "unknown")
        links = [link["href"] for link in card.select("a[href^='http']")]
        assert links == ([record.link] if record.link else []), card["id"]
    form = document.select_one("form[data-listing-filter=resources]")
    assert form.has_attr("hidden"), "the filter form is shown only by the script"
    assert [select["name"] for select in form.select("select")] == ["type", "country", "year"]


@pytest.mark.parametrize("page", LIBRARY_PAGES, ids=str)
def test_without_javascript_every_record_is_reachable_from_each_grouping(built_site, page):
    """The groupings are browse pages (by type, country and year) linked from the library; their
    links go to each record's card on the library's page."""
    document = soup(built_site / page)
    anchors = {card["id"] for card in document.select("ul[data-listing=resources] > li")}
    browse = [link["href"] for link in document.select("section[aria-labelledby=x-by-browse] a")]
    for kind in ("type", "country", "year"):
        found = set()
        for href in (href for href in browse if href.startswith(f"../{kind}/") or href.startswith(f"{kind}/")):
            browse_page = (built_site / page).parent / href / "index.html"
            for link in soup(browse_page.resolve()).select("section[aria-labelledby^=x-by-] li a"):
                target, _, anchor = link["href"].partition("#")
                assert (browse_page.parent / target / "index.html").resolve() == (built_site / page).resolve(), link["href"]
                found.add(anchor)
        assert found == anchors, kind


def test_the_library_says_honestly_what_it_does_not_know(built_site):
    english = soup(built_site / "resources/index.html")
    card = english.select_one("li#outcomes-after-final-care-order")
    text = card.get_text(" ", strip=True)
    assert "Author not known" in text and "Year not known" in text and "give no web address" in text
    welsh = soup(built_site / "cy/resources/index.html").select_one("li#estyn-best-practice-report")
    assert "Heb ei gwirio eto" in welsh.get_text(" ", strip=True)
    assert welsh.select_one("h3")["lang"] == "en"  # no Welsh title: the English one, marked as English
    assert re.search(r"Pob dogfen \(\d+\)", soup(built_site / "cy/resources/index.html").get_text())


def test_the_checker_takes_a_folder_of_records_too():
    result = run_checker(f"{RELATIVE}/unknown-type")
    assert result.returncode == 1
    assert [line.split(": ", 1)[0] for line in result.stdout.splitlines()] == [f"{RELATIVE}/unknown-type/bad.yml:8"]
