"""Numbers with nouns (issue 15): every counted string agrees with its number in both
languages, in Python (Babel) and in the browser's code (docs/javascripts/plural.js with
Intl.PluralRules, run in Node), for the numbers 0 to 11.

Welsh puts a singular noun after a number and mutates it after some numbers: un/dwy ddogfen
(feminine, soft mutation after 1 and 2), dau ganlyniad (soft after 2), tri/chwe chanlyniad
(aspirate after 3 and 6). The expected forms below are written out from those rules, not
from exchange/data/strings.yml.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
import yaml

from exchange import DATA_DIR, PROJECT_ROOT
from exchange.core.data_files import load_data
from exchange.core.strings import UnknownString, count_phrase, counted_string_problems, plural_categories, plural_forms, translate

NUMBERS = range(0, 12)
# The Welsh noun after each number, where it is not the radical form.
WELSH_NOUNS = {
    "case_studies.count": ("astudiaeth achos", {}),
    "case_studies.showing": ("astudiaeth achos", {}),
    "resources.count": ("dogfen", {1: "ddogfen", 2: "ddogfen"}),
    "resources.showing": ("dogfen", {1: "ddogfen", 2: "ddogfen"}),
    "contacts.showing": ("cofnod", {2: "gofnod", 3: "chofnod", 6: "chofnod"}),
    "search.results": ("canlyniad", {2: "ganlyniad", 3: "chanlyniad", 6: "chanlyniad"}),
}
ENGLISH_NOUNS = {
    "case_studies.count": ("case study", "case studies"),
    "case_studies.showing": ("case study", "case studies"),
    "resources.count": ("document", "documents"),
    "resources.showing": ("document", "documents"),
    "contacts.showing": ("entry", "entries"),
    "search.results": ("result", "results"),
}
VALUES = {"query": "ysgol"}


def counted_keys() -> list[str]:
    return sorted(key for key, value in load_data("strings").items() if isinstance(value["en"], dict))


def phrase(key: str, language: str, count: int) -> str:
    """The text for `count` items: in a "Showing {n} of {total}" string, the total is the count."""
    return count_phrase(count, key, language, total=count, **VALUES)


def test_every_counted_noun_is_listed_here():
    assert counted_keys() == sorted(WELSH_NOUNS) == sorted(ENGLISH_NOUNS)


def test_every_counted_string_has_exactly_its_languages_categories():
    assert plural_categories("cy") == ("zero", "one", "two", "few", "many", "other")
    assert plural_categories("en") == ("one", "other")
    assert counted_string_problems() == []
    for key in counted_keys():
        for language in ("en", "cy"):
            assert tuple(load_data("strings")[key][language]) == plural_categories(language), (key, language)


@pytest.mark.parametrize("key", sorted(WELSH_NOUNS))
def test_welsh_numbers_0_to_11_take_the_right_form_of_the_noun(key):
    radical, mutated = WELSH_NOUNS[key]
    for count in NUMBERS:
        noun = mutated.get(count, radical)
        text = phrase(key, "cy", count)
        assert re.search(rf"\b{count} {noun}\b", text), (count, text)
        if noun != radical:
            assert f"{count} {radical}" not in text, (count, text)


@pytest.mark.parametrize("key", sorted(ENGLISH_NOUNS))
def test_english_numbers_0_to_11_take_singular_or_plural(key):
    singular, plural = ENGLISH_NOUNS[key]
    for count in NUMBERS:
        text = phrase(key, "en", count)
        assert re.search(rf"\b{count} {singular if count == 1 else plural}\b", text), (count, text)


def test_known_phrases():
    assert count_phrase(2, "resources.count", "cy") == "2 ddogfen"
    assert count_phrase(3, "search.results", "cy", query="ysgol") == "3 chanlyniad ar gyfer “ysgol”"
    assert count_phrase(6, "search.results", "cy", query="ysgol") == "6 chanlyniad ar gyfer “ysgol”"
    assert count_phrase(2, "search.results", "cy", query="ysgol") == "2 ganlyniad ar gyfer “ysgol”"
    assert count_phrase(46, "contacts.showing", "cy", n=3) == "Yn dangos 3 o 46 cofnod."
    assert count_phrase(1, "resources.count", "en") == "1 document"


def test_a_counted_string_cannot_be_used_as_a_plain_one_nor_the_reverse():
    with pytest.raises(UnknownString, match="count_phrase"):
        translate("resources.count", "cy")
    with pytest.raises(UnknownString, match="not a counted string"):
        count_phrase(2, "resources.title", "cy")


def test_no_plain_string_puts_a_noun_after_a_count():
    """A number followed by a noun must be a counted string: '{total} dogfen' in a plain string
    would say '2 dogfen'. Words that may follow a number without agreeing with it are allowed."""
    allowed = {"o", "of", "nod", "characters", "i", "to", "in", "yn", "yma"}  # "{max} nod": max is 120 or 400 (other)
    found = []
    for key, value in load_data("strings").items():
        for language, text in value.items():
            if isinstance(text, str):
                for match in re.finditer(r"\{(?:n|total|count)\} (\w+)", text):
                    if match.group(1) not in allowed:
                        found.append(f"{key} ({language}): {text}")
    assert found == []


def test_a_missing_or_foreign_category_is_reported_at_its_line(tmp_path):
    path = tmp_path / "strings.yml"
    path.write_text(
        "resources.count:\n"
        "  en: {one: \"{n} document\", other: \"{n} documents\"}\n"
        "  cy: {one: \"{n} ddogfen\", other: \"{n} dogfen\"}\n"
        "search.results:\n"
        "  en: {one: \"{n} result\", few: \"{n} results\", other: \"{n} results\"}\n"
        "  cy: {zero: a, one: b, two: c, few: d, many: e, other: f}\n",
        encoding="utf-8",
    )
    problems = [str(problem) for problem in counted_string_problems(path)]
    assert problems == [
        f"{path}:3: 'resources.count' (cy) has no form for zero, two, few, many: a counted string gives one for each of zero, one, two, few, many, other",
        f"{path}:5: 'search.results' (en) has a form for few, which en does not use: keep only one, other",
    ]


NODE_SCRIPT = r"""
const plural = require(process.argv[1]);
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = cases.map(c => plural.fill(plural.pick(c.forms, c.language, c.count), Object.assign({ n: c.count, total: c.count }, c.values)));
process.stdout.write(JSON.stringify(out));
"""


def test_the_browser_code_gives_the_same_forms_as_python_for_0_to_11():
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: the site's browser code is tested with Node (Debian package nodejs)", pytrace=False)
    cases = [{"key": key, "language": language, "count": count, "forms": plural_forms(key, language), "values": VALUES}
             for key in counted_keys() for language in ("en", "cy") for count in NUMBERS]
    finished = subprocess.run([node, "-e", NODE_SCRIPT, str(PROJECT_ROOT / "docs/javascripts/plural.js")],
                              input=json.dumps(cases), capture_output=True, text=True, timeout=60)
    assert finished.returncode == 0, finished.stderr[-2000:]
    got = json.loads(finished.stdout)
    expected = [phrase(case["key"], case["language"], case["count"]) for case in cases]
    assert got == expected
    assert "2 ddogfen" in got and "3 chanlyniad ar gyfer “ysgol”" in got


def test_the_strings_file_is_plain_yaml_the_browser_copy_reads():
    # The templates write each form into an attribute: every form is a non-empty string.
    data = yaml.safe_load((DATA_DIR / "strings.yml").read_text(encoding="utf-8"))
    for key in counted_keys():
        for language in ("en", "cy"):
            assert all(isinstance(form, str) and form.strip() for form in data[key][language].values()), key
