"""News: the checker (one fixture folder per rule, tests/fixtures/news/<rule>/, with a
`2017-05-good` post that passes and a bad one), the command line, the repository's posts, the
built pages in both languages and the Atom feed of each language, read back with feedparser."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import feedparser
import pytest

from tests.rule_fixtures import assert_exactly_these_problems
from exchange import PROJECT_ROOT
from exchange.content.news import ENVIRONMENT_VARIABLE, check_paths, load_news, news_dir
from exchange.pages.news_pages import atom_feed
from tests.site_pages import soup

FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "news"
RELATIVE = "tests/fixtures/news"
CHECKER = PROJECT_ROOT / "scripts" / "check_news.py"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def at_project_root(monkeypatch):
    monkeypatch.chdir(PROJECT_ROOT)


EXPECTED: dict[str, list[tuple[str, int, str, list[str]]]] = {
    "folder-date-mismatch": [("2017-06-bad/en.md", 4, "date", ["folder name starts with 2017-06 but the date is 2017-05", "rename the folder to 2017-05-bad"])],
    "folder-without-date": [("bad-news/en.md", 1, "", ["folder name 'bad-news' must be the post's date"])],
    "no-welsh-file": [("2017-05-bad/en.md", 1, "", ["no Welsh file", "cy.md"])],
    "date-future": [("2099-01-01-bad/en.md", 4, "date", ["2099-01-01 is in the future"])],
    "date-not-a-date": [("2017-05-bad/en.md", 4, "date", ["'May 2017' is not a date", "YYYY-MM"])],
    "unknown-source": [("2017-05-bad/en.md", 5, "sources", ["'one-year-on'", "did you mean 'one-year-on-2017'?"])],
    "shared-field-in-welsh": [("2017-05-bad/cy.md", 3, "date", ["field 'date' is shared by both languages", "en.md only"])],
    "body-missing": [("2017-05-bad/en.md", 7, "body", ["no text below the front matter"])],
    "html-script": [("2017-05-bad/en.md", 10, "body", ["<script>"])],
    "duplicate-title": [
        ("2017-05-bad-second/en.md", 2, "title", ["'The same news' is also used by", "2017-05-bad-first/en.md"]),
        ("2017-05-bad-second/cy.md", 2, "title", ["'The same news (cy)' is also used by", "2017-05-bad-first/cy.md"]),
    ],
    "required-field-missing": [("2017-05-bad/en.md", 1, "summary", ["field 'summary' is missing"])],
}


def test_every_fixture_folder_is_a_rule_with_expectations():
    assert sorted(path.name for path in FIXTURES.iterdir() if path.is_dir()) == sorted(EXPECTED)


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_each_rule_reports_exactly_its_problems_with_path_line_and_field(rule):
    records, problems = load_news(FIXTURES / rule)
    assert_exactly_these_problems(problems, EXPECTED[rule], RELATIVE, rule)
    assert "2017-05-good" in {record.slug for record in records}


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_the_good_post_of_each_rule_passes_on_its_own(rule):
    assert check_paths([FIXTURES / rule / "2017-05-good"], FIXTURES / rule) == []


def test_the_checker_prints_path_line_message_and_exits_1():
    result = subprocess.run([sys.executable, str(CHECKER), f"{RELATIVE}/shared-field-in-welsh/2017-05-bad/cy.md"], capture_output=True, text=True, cwd=PROJECT_ROOT)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"{RELATIVE}/shared-field-in-welsh/2017-05-bad/cy.md:3: field 'date' is shared by both languages: set it in en.md only and delete it here"]


def test_the_repository_news_passes_the_command_line_check():
    result = subprocess.run([sys.executable, str(CHECKER)], capture_output=True, text=True, cwd=PROJECT_ROOT, env={**os.environ, ENVIRONMENT_VARIABLE: ""})
    assert (result.returncode, result.stdout) == (0, "")


# ------------------------------------------------------------------ the repository's posts


def test_every_post_loads_in_both_languages_newest_first():
    records, problems = load_news()
    assert problems == [], "\n".join(map(str, problems))
    assert sorted(record.slug for record in records) == sorted(path.name for path in news_dir().iterdir() if path.is_dir())
    assert all(set(record.texts) == {"en", "cy"} for record in records)
    keys = [record.date.sort_key for record in records]
    assert keys == sorted(keys, reverse=True)


def test_posts_are_dated_no_more_precisely_than_their_sources():
    dates = {record.slug: record.date.isoformat() for record in load_news()[0]}
    assert dates["2017-making-a-difference-published"] == "2017"  # the guide gives no date of its own
    assert dates["2018-11-national-assembly-report"] == "2018-11"
    assert dates["2021-integrated-approach-research"] == "2021"


# ------------------------------------------------------------------ the feed


def parsed_feed(data: bytes):
    feed = feedparser.parse(data)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_feed_has_every_element_atom_requires(language):
    records = load_news()[0]
    feed = parsed_feed(atom_feed(records, language))
    assert feed.feed.id.startswith("urn:uuid:") and feed.feed.title and feed.feed.updated_parsed
    assert feed.feed.language == language
    assert any(link.rel == "self" for link in feed.feed.links)
    assert len(feed.entries) == len(records)
    for entry, record in zip(feed.entries, records):  # newest first, like the page
        assert entry.id.startswith("urn:uuid:") and entry.updated_parsed and entry.link
        assert entry.title == record.texts[language].title
        assert entry.summary == record.texts[language].summary
    assert len({entry.id for entry in feed.entries}) == len(records)


def test_entry_ids_differ_by_language_and_stay_the_same_from_build_to_build():
    records = load_news()[0]
    first, again, welsh = (parsed_feed(atom_feed(records, language)) for language in ("en", "en", "cy"))
    assert [entry.id for entry in first.entries] == [entry.id for entry in again.entries]
    assert not {entry.id for entry in first.entries} & {entry.id for entry in welsh.entries}


def test_a_month_only_date_becomes_the_first_moment_of_that_month_in_the_feed():
    feed = parsed_feed(atom_feed(load_news()[0], "en"))
    entry = next(entry for entry in feed.entries if entry.link.endswith("2018-11-national-assembly-report/"))
    assert dt.datetime(*entry.updated_parsed[:6]) == dt.datetime(2018, 11, 1)


def test_with_a_site_address_the_links_are_absolute():
    feed = parsed_feed(atom_feed(load_news()[0], "cy", "https://example.org/exchange/"))
    assert feed.entries[0].link.startswith("https://example.org/exchange/cy/news/")
    assert next(link.href for link in feed.feed.links if link.rel == "self") == "https://example.org/exchange/cy/news/feed.xml"


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_built_feed_parses_and_every_entry_links_to_a_built_page(built_site, language):
    home = "" if language == "en" else "cy/"
    path = built_site / home / "news" / "feed.xml"
    feed = feedparser.parse(path.read_bytes(), response_headers={"content-location": f"http://site.test/{home}news/feed.xml", "content-type": "application/atom+xml"})
    assert not feed.bozo and feed.version == "atom10"
    records = load_news()[0]
    assert len(feed.entries) == len(records)
    for entry in feed.entries:
        relative = entry.link.removeprefix("http://site.test/")
        assert (built_site / relative / "index.html").is_file(), entry.link
        assert soup(built_site / relative / "index.html").select_one("html")["lang"] == language


# ------------------------------------------------------------------ the pages


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_news_page_lists_every_post_and_links_its_feed(built_site, language):
    home = "" if language == "en" else "cy/"
    document = soup(built_site / home / "news" / "index.html")
    records = load_news()[0]
    links = [item.select_one("a")["href"] for item in document.select("ul[data-listing=news] > li")]
    assert [link.strip("/").split("/")[-1] for link in links] == [record.slug for record in records]
    assert document.select_one("main a[type='application/atom+xml']")["href"] == "feed.xml"
    for record in records:
        page = soup(built_site / home / "news" / record.slug / "index.html")
        assert page.select_one("h1").get_text(strip=True) == record.texts[language].title
        assert page.select_one("time")["datetime"] == record.date.isoformat()
        assert page.select_one(".x-sources"), "a post names its sources"
