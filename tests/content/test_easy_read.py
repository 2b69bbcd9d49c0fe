"""Easy read: the checker on fixtures (one folder per rule), the shipped pages, the command
line, and the built pages in both languages."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from exchange import PROJECT_ROOT
from exchange.content import easy_read
from exchange.core.frontmatter import read_document
from tests.site_pages import soup

FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "easy_read"
CHECKER = PROJECT_ROOT / "scripts" / "check_easy_read.py"
SECTIONS = ("young-people", "carers")
# The topics every audience gets, in both languages (the list).
TOPICS = {
    "young-people": ["the-plan", "personal-education-plan", "who-can-help", "moving-school", "pupil-development-grant", "your-voice"],
    "carers": ["the-plan", "personal-education-plan", "who-can-help", "moving-school", "pupil-development-grant", "being-heard"],
}


def problems_for(relative: str) -> list:
    return easy_read.check_easy_read_file(FIXTURES / relative)


def lines_and_messages(relative: str) -> list[tuple[int, str]]:
    return [(problem.line, problem.message) for problem in problems_for(relative)]


@pytest.mark.parametrize("relative", ["good/page.md", "good/cy/page.md"])
def test_a_good_page_passes_in_both_languages(relative):
    assert problems_for(relative) == []


@pytest.mark.parametrize("relative, line, limit, count", [("long_sentence/page.md", 10, 15, 18), ("long_sentence/cy/page.md", 10, 20, 22)])
def test_a_long_sentence_is_caught_with_its_line(relative, line, limit, count):
    found = [(number, message) for number, message in lines_and_messages(relative) if "words" in message]
    assert found == [(line, found[0][1])]
    assert f"has {count} words" in found[0][1] and f"{limit} words or fewer" in found[0][1]


def test_initials_the_page_does_not_explain_are_caught():
    found = lines_and_messages("unexplained_initials/page.md")
    assert (8, "the initials 'PEP' are not explained on this page: write 'personal education plan' out, or add a definition box (!!! info \"personal education plan (PEP)\")") in found
    assert any(line == 10 and "'XYZ' are not explained" in message for line, message in found)


def test_welsh_initials_are_checked_against_the_welsh_glossary():
    found = lines_and_messages("unexplained_initials/cy/page.md")
    assert any(line == 8 and "'GDD'" in message and "Grant Datblygu Disgyblion" in message for line, message in found)


def test_initials_explained_by_the_words_or_a_box_pass():
    # good/page.md writes "independent reviewing officer" out before "IRO";
    # good/cy/page.md has "swyddog adolygu annibynnol" for SAA and "(GDD)" after the words.
    assert [problem for problem in problems_for("good/page.md") if "initials" in problem.message] == []
    assert [problem for problem in problems_for("good/cy/page.md") if "initials" in problem.message] == []


def test_a_picture_without_alt_text_is_caught():
    found = lines_and_messages("picture_without_alt/page.md")
    assert any(line == 6 and "has no text alternative" in message for line, message in found)
    assert any(line == 12 and "does not say what it shows" in message for line, message in found)


def test_a_part_without_a_picture_is_caught():
    found = lines_and_messages("no_picture/page.md")
    assert [(line, message) for line, message in found if "no picture" in message] == [(10, "the part 'Your school' has no picture: put a picture from docs/assets/easy-read/ on its own line below the heading, ![what it shows](path/to/picture.svg)")]


def test_two_ideas_joined_by_and_are_caught_but_a_list_of_people_is_not():
    english = lines_and_messages("two_ideas/page.md")
    assert [line for line, message in english if "two ideas" in message] == [8]
    welsh = lines_and_messages("two_ideas/cy/page.md")
    # "ac mae" joins two clauses; the relative "a fydd" on line 10 does not.
    assert [line for line, message in welsh if "two ideas" in message] == [8]


def test_long_words_are_caught_unless_explained_or_everyday():
    english = lines_and_messages("long_word/page.md")
    assert [(line, message.split(":")[0]) for line, message in english if "long word" in message] == [(8, "'comprehensive' is a long word (4 syllables)")]
    welsh = lines_and_messages("long_word/cy/page.md")
    assert [(line, message.split(":")[0]) for line, message in welsh if "long word" in message] == [(8, "'anghydffurfiaethol' is a long word (15 letters)")]


def test_a_hard_english_page_is_caught_by_its_reading_age():
    found = lines_and_messages("reading_age/page.md")
    ages = [message for line, message in found if line == 2 and "reading age" in message]
    assert len(ages) == 1
    assert float(re.search(r"reading age is ([\d.]+)", ages[0]).group(1)) > easy_read.READING_AGE_LIMIT


def test_reading_age_is_measured_for_english_pages_only():
    english = easy_read.measure_page(FIXTURES / "good" / "page.md")
    welsh = easy_read.measure_page(FIXTURES / "good" / "cy" / "page.md")
    assert english.reading_age is not None and english.reading_age <= easy_read.READING_AGE_LIMIT
    assert welsh.reading_age is None


def test_the_command_line_prints_path_line_message_and_exits_1():
    result = subprocess.run([sys.executable, str(CHECKER), str(FIXTURES / "long_sentence"), str(FIXTURES / "picture_without_alt")], capture_output=True, text=True, cwd=PROJECT_ROOT)
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) >= 4
    assert all(re.match(r"^tests/fixtures/easy_read/[\w/]+\.md:\d+: \S", line) for line in lines), lines
    assert "Traceback" not in result.stderr


def test_the_command_line_passes_a_good_page():
    result = subprocess.run([sys.executable, str(CHECKER), str(FIXTURES / "good")], capture_output=True, text=True, cwd=PROJECT_ROOT)
    assert result.returncode == 0, result.stdout


def test_every_shipped_easy_read_page_passes_the_checker():
    problems = easy_read.check_easy_read_paths([])
    assert [str(problem) for problem in problems] == []
    pages = easy_read.easy_read_pages()
    assert len([page for page in pages if "cy" not in page.relative_to(PROJECT_ROOT / "docs").parts]) >= 12
    assert len([page for page in pages if "cy" in page.relative_to(PROJECT_ROOT / "docs").parts]) >= 12


@pytest.mark.parametrize("section", SECTIONS)
def test_easy_read_pages_exist_in_both_languages_with_the_style(section):
    for topic in TOPICS[section]:
        for folder in (PROJECT_ROOT / "docs" / section, PROJECT_ROOT / "docs" / "cy" / section):
            document, problems = read_document(folder / f"{topic}.md")
            assert problems == [] and document is not None, folder / f"{topic}.md"
            assert easy_read.is_easy_read(document.meta), f"{folder / topic}.md has no easy_read: true"
            assert {"title", "description", "sources"} <= set(document.meta)


@pytest.mark.parametrize("language_folder", ["", "cy/"])
@pytest.mark.parametrize("section", SECTIONS)
def test_built_easy_read_pages_carry_the_easy_read_style(built_site: Path, language_folder, section):
    boxes = 0
    for topic in TOPICS[section]:
        page = soup(built_site / f"{language_folder}{section}/{topic}/index.html")
        wrapper = page.select_one("article .x-easy-read")
        assert wrapper is not None, f"{language_folder}{section}/{topic}"
        pictures = wrapper.select("img")
        assert pictures and all(picture.get("alt", "").strip() for picture in pictures)
        boxes += len(wrapper.select(".admonition.info .admonition-title"))  # the definition boxes
    assert boxes >= len(TOPICS[section])
    ordinary = soup(built_site / f"{language_folder}guidance/plans/index.html")
    assert ordinary.select_one(".x-easy-read") is None


@pytest.mark.parametrize("section", SECTIONS)
def test_landing_pages_gather_the_easy_read_pages_and_case_studies(built_site: Path, section):
    for language_folder in ("", "cy/"):
        page = soup(built_site / f"{language_folder}{section}/index.html")
        hrefs = {link["href"] for link in page.select("article a[href]")}
        for topic in TOPICS[section]:
            assert f"{topic}/" in hrefs, f"{language_folder}{section}/ does not link to {topic}"
        case_studies = {href.split("/")[2] for href in hrefs if href.startswith("../case-studies/") and href.count("/") >= 3}
        assert case_studies, f"{language_folder}{section}/ links to no case study"
        for slug in case_studies:
            assert (PROJECT_ROOT / "case_studies" / slug).is_dir() and (built_site / language_folder / "case-studies" / slug / "index.html").is_file(), slug


@pytest.mark.browser
@pytest.mark.parametrize("path", ["young-people/personal-education-plan/", "cy/carers/who-can-help/"])
@pytest.mark.parametrize("width", [1280, 320])
def test_easy_read_text_is_at_least_19px_with_pictures_left_of_the_words(browser, site_server, path, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(site_server + path)
        sizes = page.eval_on_selector_all(".x-easy-read p, .x-easy-read li, .x-easy-read .admonition p", "elements => elements.filter(e => e.textContent.trim()).map(e => parseFloat(getComputedStyle(e).fontSize))")
        assert sizes and min(sizes) >= 19, sizes
        layout = page.evaluate("""() => {
            const picture = document.querySelector('.x-easy-read > p > img');
            const paragraph = picture.parentElement.nextElementSibling;
            const p = picture.getBoundingClientRect(), t = paragraph.getBoundingClientRect();
            return {pictureRight: p.right, textLeft: t.left, pictureTop: p.top, textTop: t.top, textBottom: t.bottom};
        }""")
        assert layout["pictureRight"] <= layout["textLeft"], layout
        assert layout["pictureTop"] < layout["textBottom"], layout  # side by side, not above
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 320, "height": 640}], ids=["desktop", "320px"])
def test_axe_finds_no_violation_on_easy_read_and_glossary_pages(browser, site_server, viewport):
    """Easy-read pages share main.html with every page, but have their own layout (pictures in
    a column), so axe looks at them too, with the same rules as tests/quality/test_accessibility.py."""
    from axe_playwright_python.sync_playwright import Axe

    from tests.quality.test_accessibility import violations_on

    axe = Axe()
    found = {}
    for path in ["young-people/", "young-people/who-can-help/", "cy/carers/being-heard/", "glossary/", "cy/glossary/"]:
        page = browser.new_page(viewport=viewport)
        try:
            page.goto(site_server + path, wait_until="load")
            problems = violations_on(page, axe)  # (sideways scrolling: tests/quality/test_accessibility.py, every page)
            if problems:
                found[path] = problems
        finally:
            page.close()
    assert found == {}
