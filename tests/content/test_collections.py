"""The shared collection layer (exchange/content/collections.py, exchange/pages/collection_pages.py): the
field checks every collection uses, the loader's rules on files, the build date, listings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from exchange import PROJECT_ROOT
from exchange.pages.collection_pages import display_date, filter_spec, group_entries, listing
from exchange.content.collections import (
    BUILD_DATE_VARIABLE, FOLDERS, YAML_FILES, Field, PartialDate, Schema, build_date, check_field,
    check_unique_titles, parse_partial_date, read_collection,
)
from exchange.core.frontmatter import parse_yaml_file

TODAY = dt.date(2026, 11, 23)


def messages(name: str, spec: Field, value, today: dt.date = TODAY) -> list[str]:
    return [problem.message for problem in check_field(name, spec, value, "x.yml", 3, today=today)]


@pytest.fixture(autouse=True)
def at_project_root(monkeypatch):
    monkeypatch.chdir(PROJECT_ROOT)


# ------------------------------------------------------------------ one check per kind of field


@pytest.mark.parametrize(("value", "words"), [
    (2016, None), ("unknown", None), ("Unknown", None),
    ("2016/17", "is not a year"), (16, "is not a year"), (True, "is not a year"), (2099, "in the future"),
])
def test_a_year_is_four_digits_or_unknown(value, words):
    found = messages("year", Field("year", unknown=True), value)
    assert (found == []) if words is None else (len(found) == 1 and words in found[0]), found


def test_unknown_is_refused_where_the_field_does_not_allow_it():
    assert "is not a year" in messages("year", Field("year"), "unknown")[0]


@pytest.mark.parametrize(("value", "ok"), [
    ("https://gov.wales/guide", True), ("http://www.estyn.gov.wales/a%20b.pdf", True), ("unknown", True),
    ("gov.wales/guide", False), ("https://gov wales", False), ('https://example.org/"onclick', False), (None, False),
])
def test_a_link_is_a_full_web_address_or_unknown(value, ok):
    found = messages("link", Field("url", unknown=True), value)
    assert (found == []) is ok, found


@pytest.mark.parametrize(("value", "ok"), [("09:30", True), ("23:59", True), ("24:00", False), ("9:30", False), (570, False)])
def test_a_time_is_hh_mm_in_quotes(value, ok):
    found = messages("start_time", Field("time"), value)
    assert (found == []) is ok, found
    if not ok:
        assert "in quotes" in found[0]


@pytest.mark.parametrize(("value", "ok"), [(True, True), (False, True), ("unknown", True), ("maybe", False), (1, False)])
def test_a_flag_is_yes_or_no(value, ok):
    assert (messages("welsh_version", Field("flag", unknown=True), value) == []) is ok


@pytest.mark.parametrize(("value", "ok"), [(dt.date(2024, 5, 1), True), (None, True), ("2024-05", False), ("2024", False), ("soon", False)])
def test_a_day_precise_date_may_be_empty_when_the_field_says_what_empty_means(value, ok):
    spec = Field("date", precision="day", none_means="not yet checked")
    assert (messages("link_checked", spec, value) == []) is ok


def test_a_future_date_is_allowed_only_where_the_field_says_so():
    assert "in the future" in messages("date", Field("date"), "2099-01")[0]
    assert messages("date", Field("date", future=True), "2099-01") == []


def test_an_empty_field_names_the_help_and_the_unknown_escape():
    [message] = messages("author", Field("text", unknown=True, help="who wrote it"), "")
    assert message == "field 'author' is empty: fill it in (who wrote it, or 'unknown' if the sources do not say)"


def test_a_choice_from_fixed_values_suggests_the_nearest():
    [message] = messages("kind", Field("choice", values=("alpha", "beta")), "alpah")
    assert "did you mean 'alpha'?" in message and "use one of alpha, beta" in message


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize(("value", "last"), [("2016", dt.date(2016, 12, 31)), ("2016-02", dt.date(2016, 2, 29)), (dt.date(2017, 3, 9), dt.date(2017, 3, 9))])
def test_a_partial_date_knows_the_last_day_it_can_mean(value, last):
    assert parse_partial_date(value).last_day() == last


@pytest.mark.parametrize(("date", "language", "words"), [
    (PartialDate(2017, 5), "en", "May 2017"), (PartialDate(2017, 5), "cy", "Mai 2017"),
    (PartialDate(2017), "cy", "2017"), (PartialDate(2017, 3, 9), "en", "9 March 2017"),
])
def test_dates_are_shown_as_precisely_as_they_are_known(date, language, words):
    assert display_date(date, language) == words


def test_the_build_date_is_today_unless_the_environment_says_otherwise(monkeypatch):
    monkeypatch.delenv(BUILD_DATE_VARIABLE, raising=False)
    assert build_date() == dt.date.today()
    monkeypatch.setenv(BUILD_DATE_VARIABLE, "2030-06-01")
    assert build_date() == dt.date(2030, 6, 1)
    monkeypatch.setenv(BUILD_DATE_VARIABLE, "June 2030")
    with pytest.raises(ValueError, match="is not a date: write it as YYYY-MM-DD"):
        build_date()


# ------------------------------------------------------------------ files and collections


def test_a_yaml_record_keeps_the_line_of_every_field_and_language(tmp_path):
    document, problems = parse_yaml_file(tmp_path / "a.yml", "# a comment\ntitle:\n  en: A\n  cy: B\nyear: 2016\ntitle: again\n".encode())
    assert document.line_of("year") == 5
    assert document.nested_line("title", "cy") == 4
    assert [(problem.line, problem.field) for problem in problems] == [(6, "title")]


@pytest.mark.parametrize("layout", [FOLDERS, YAML_FILES])
def test_nothing_under_a_collection_is_skipped_silently(tmp_path, layout):
    schema = Schema(noun="thing", plural="things", fields={"title": Field("text", shared=False)}, layout=layout)
    (tmp_path / "README.md").write_text("Notes for editors.\n")  # allowed beside the records
    (tmp_path / "stray.txt").write_text("?\n")
    if layout == YAML_FILES:
        unexpected = "a-folder"  # a YAML_FILES collection holds files only
        (tmp_path / unexpected).mkdir()
    else:
        unexpected = "record.yml"  # a FOLDERS collection holds folders only
        (tmp_path / unexpected).write_text("title: x\n")
    records, problems = read_collection(tmp_path, schema)
    assert records == []
    assert sorted(Path(problem.path).name for problem in problems) == sorted(["stray.txt", unexpected])


def test_titles_are_compared_without_case_within_one_language():
    entries = [("en", "A Guide", Path("a.yml"), 2), ("cy", "A Guide", Path("b.yml"), 3), ("en", "a guide", Path("c.yml"), 4)]
    [problem] = check_unique_titles(entries, "resource")
    assert (problem.path, problem.line, problem.field) == ("c.yml", 4, "title")
    assert "also used by a.yml: give each resource its own title" in problem.message


def test_a_missing_collection_folder_is_a_problem(tmp_path):
    schema = Schema(noun="thing", plural="things", fields={})
    records, [problem] = read_collection(tmp_path / "nowhere", schema)
    assert records == [] and "the things folder does not exist" in problem.message


# ------------------------------------------------------------------ listings


def test_a_listing_groups_entries_in_order_and_leaves_out_empty_groups():
    entries = [{"slug": "a", "filters": {"type": ["x"]}}, {"slug": "b", "filters": {"type": ["y", "x"]}}]
    groups = group_entries(entries, lambda entry: entry["filters"]["type"], ["y", "z", "x"], str.upper, "type")
    assert [(group["id"], group["label"], [entry["slug"] for entry in group["entries"]]) for group in groups] == [("type-y", "Y", ["b"]), ("type-x", "X", ["a", "b"])]


def test_a_listing_takes_its_words_from_the_interface_strings():
    view = listing("resources", [], "cy", "resources", [filter_spec("type", "Math", [])])
    assert (view["heading"], view["filter_heading"]) == ("Pob dogfen", "Hidlo'r dogfennau")
    assert "{n}" in view["showing"] and "{total}" in view["showing"]
    assert listing("upcoming", [], "en", "events.upcoming")["empty"] == "events.upcoming.empty"
    assert listing("x", [], "en", "news")["empty"] == "news.empty"


# ------------------------------------------------------------------ the strict build


def test_a_broken_resource_news_post_or_event_makes_the_strict_build_fail(tmp_path):
    """The site with one broken record in each collection must not build, and says why once."""
    import shutil

    from exchange.content import events
    from exchange.content import news
    from exchange.content import resources
    from tests.conftest import build_site

    fixtures = PROJECT_ROOT / "tests" / "fixtures"
    copies = {}
    for name in ("resources", "news", "events"):
        copies[name] = tmp_path / name
        shutil.copytree(PROJECT_ROOT / name, copies[name])
    shutil.copy(fixtures / "resources" / "unknown-type" / "bad.yml", copies["resources"] / "a-broken-resource.yml")
    shutil.copytree(fixtures / "news" / "no-welsh-file" / "2017-05-bad", copies["news"] / "2017-05-a-broken-post")
    shutil.copytree(fixtures / "events" / "unknown-region" / "bad", copies["events"] / "a-broken-event")
    result = build_site(tmp_path / "site", {
        resources.ENVIRONMENT_VARIABLE: str(copies["resources"]),
        news.ENVIRONMENT_VARIABLE: str(copies["news"]),
        events.ENVIRONMENT_VARIABLE: str(copies["events"]),
    })
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"resource problem: {copies['resources'] / 'a-broken-resource.yml'}:8: type: 'guidence' is not one of the allowed values" in output
    assert f"news problem: {copies['news'] / '2017-05-a-broken-post' / 'en.md'}:1: this news post has no Welsh file" in output
    assert f"event problem: {copies['events'] / 'a-broken-event' / 'en.md'}:6: region: 'erww' is not one of the allowed values" in output
    for kind in ("resource problem:", "news problem:", "event problem:"):
        assert output.count(kind) == 1, kind  # once, not once per language
    assert "Aborted with" in output and "in strict mode" in output
