"""Translations: every English page, case study and record has its Welsh counterpart (or is
listed as waiting), each Welsh file records the English revision it translates and is reported
when the English changes, pairs have the same headings and links, and Welsh text passes
Hunspell with the Welsh dictionary and the project's word list."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from exchange import PROJECT_ROOT
from exchange.core.problems import Problem
from exchange.welsh.translations import (
    CASE_STUDY, CURRENT, MISSING, NEWS_POST, NO_ENGLISH, OUTDATED, PAGE, UNSTAMPED, WAITING, Pair,
    check_pairs, check_records, check_structure, check_translations, load_waiting_list,
    revision_of, stamp, translation_pairs, translation_statuses,
)
from exchange.welsh.spelling import check_welsh_spelling, load_word_list, words_to_check
from tests.site_pages import soup


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- the project itself


def test_every_translation_of_the_project_is_complete_current_and_spelled_right():
    """The gate: `make check` runs the same check. When an English file changes, update its
    Welsh file and run `scripts/check_translations.py --stamp` on it."""
    assert [str(problem) for problem in check_translations()] == []


def test_every_welsh_file_records_its_english_revision():
    pairs = [pair for pair in translation_pairs() if pair.welsh.is_file()]
    assert len(pairs) >= 40
    assert {status.state for status in translation_statuses(pairs)} <= {CURRENT, OUTDATED}


def test_the_translation_status_page_lists_every_pair_in_both_languages(built_site):
    pairs = translation_pairs()
    for page, language in (("about/translation-status/index.html", "en"), ("cy/about/translation-status/index.html", "cy")):
        document = soup(built_site / page)
        assert document.html["lang"] == language
        rows = document.select("table tbody tr")
        assert len(rows) == len(pairs)
        assert {row["data-state"] for row in rows} <= {CURRENT, OUTDATED, UNSTAMPED, WAITING, MISSING, NO_ENGLISH}
        named = {row.select("td code")[0].get_text() for row in rows}
        assert named == {pair.name for pair in pairs}
    welsh_state = soup(built_site / "cy/about/translation-status/index.html").select_one("table tbody tr td").get_text(strip=True)
    assert welsh_state in {"Cyfredol", "Mae'r Saesneg wedi newid ers y cyfieithiad", "Heb gofnodi'r fersiwn Saesneg", "Yn aros am gyfieithiad", "Dim fersiwn Gymraeg, a heb ei rhestru fel un sy'n aros", "Dim fersiwn Saesneg"}


# ---------------------------------------------------------------- pairs, revisions, waiting list


def test_a_revision_is_the_files_git_blob_id_so_git_can_show_what_changed(tmp_path):
    english = write(tmp_path / "page.md", "---\ntitle: Plans\n---\n\n# Plans\n\nText – with ŵ and ŷ.\n")
    if shutil.which("git"):
        expected = subprocess.run(["git", "hash-object", str(english)], capture_output=True, text=True, check=True).stdout.strip()
        assert expected.startswith(revision_of(english)) and len(revision_of(english)) == 12


@pytest.fixture
def project(tmp_path):
    """A small project: docs in both languages and case studies in every state."""
    docs, case_studies = tmp_path / "docs", tmp_path / "case_studies"
    current = write(docs / "guidance" / "plans.md", "---\ntitle: Plans\n---\n\n# Plans\n")
    write(docs / "cy" / "guidance" / "plans.md", f"---\ntitle: Cynlluniau\ntranslated_from: {revision_of(current)}\n---\n\n# Cynlluniau\n")
    changed = write(docs / "about.md", "---\ntitle: About\n---\n\n# About\n")
    write(docs / "cy" / "about.md", f"---\ntitle: Amdanom ni\ntranslated_from: {revision_of(changed)}\n---\n\n# Amdanom ni\n")
    write(changed, "---\ntitle: About\n---\n\n# About\n\nA new sentence.\n")
    write(docs / "index.md", "---\ntitle: Home\n---\n")
    write(docs / "cy" / "index.md", "---\ntitle: Hafan\n---\n")  # no translated_from
    write(docs / "glossary.md", "---\ntitle: Glossary\n---\n")  # Welsh waiting
    write(docs / "contacts.md", "---\ntitle: Contacts\n---\n")  # Welsh missing, not listed
    write(docs / "cy" / "orphan.md", "---\ntitle: Amddifad\n---\n")  # no English
    write(case_studies / "rumney" / "en.md", "---\ntitle: Rumney\n---\n")
    news = write(tmp_path / "news" / "2016-01-plan" / "en.md", "---\ntitle: The plan\n---\n")
    write(tmp_path / "news" / "2016-01-plan" / "cy.md", f"---\ntitle: Y cynllun\ntranslated_from: {revision_of(news)}\n---\n")
    return docs, case_studies


def states(docs, case_studies, waiting):
    return {status.pair.english.relative_to(docs.parent).as_posix(): status.state for status in translation_statuses(translation_pairs(docs, docs.parent), waiting)}


def test_each_pair_gets_its_state(project):
    docs, case_studies = project
    assert states(docs, case_studies, {}) == {
        "docs/guidance/plans.md": CURRENT,
        "docs/about.md": OUTDATED,
        "docs/index.md": UNSTAMPED,
        "docs/glossary.md": MISSING,
        "docs/contacts.md": MISSING,
        "docs/orphan.md": NO_ENGLISH,
        "case_studies/rumney/en.md": MISSING,
        "news/2016-01-plan/en.md": CURRENT,
    }
    kinds = {pair.english.relative_to(docs.parent).parts[0]: pair.kind for pair in translation_pairs(docs, docs.parent)}
    assert kinds == {"docs": PAGE, "case_studies": CASE_STUDY, "news": NEWS_POST}


def test_missing_welsh_fails_unless_listed_as_waiting(project):
    docs, case_studies = project
    pairs = translation_pairs(docs, docs.parent)
    waiting = {pair.name: 3 for pair in pairs if pair.english.name == "glossary.md" or pair.kind == CASE_STUDY}
    found = {status.pair.english.relative_to(docs.parent).as_posix(): status.state for status in translation_statuses(pairs, waiting)}
    assert found["docs/glossary.md"] == WAITING and found["case_studies/rumney/en.md"] == WAITING and found["docs/contacts.md"] == MISSING
    messages = [problem.message for problem in check_pairs(translation_statuses(pairs, waiting), waiting)]
    assert sum("has no Welsh version" in message and "translations-waiting.yml" in message for message in messages) == 1
    assert sum("has no English counterpart" in message for message in messages) == 1
    assert sum("has changed since this translation" in message and "git diff" in message for message in messages) == 1
    assert sum("field 'translated_from' is missing" in message for message in messages) == 1


def test_the_waiting_list_names_real_files_whose_welsh_is_missing(tmp_path):
    pair = Pair(PAGE, PROJECT_ROOT / "docs" / "index.md", PROJECT_ROOT / "docs" / "cy" / "index.md")
    statuses = translation_statuses([pair], {})
    problems = list(check_pairs(statuses, {pair.name: 4, "docs/no-such-page.md": 5}))
    assert [(problem.line, problem.message.split(":")[0]) for problem in sorted(problems, key=lambda problem: problem.line) if "translations-waiting" in problem.path] == [
        (4, "'docs/index.md' has its Welsh version now"),
        (5, "'docs/no-such-page.md' is not an English page or record file"),
    ]


def test_the_waiting_list_file_format(tmp_path):
    good = write(tmp_path / "good.yml", "# comment\nwaiting:\n  - docs/guidance/plans.md\n  - case_studies/rumney/en.md\n")
    assert load_waiting_list(good) == ({"docs/guidance/plans.md": 3, "case_studies/rumney/en.md": 4}, [])
    assert load_waiting_list(write(tmp_path / "empty.yml", "waiting: []\n")) == ({}, [])
    wrong = load_waiting_list(write(tmp_path / "wrong.yml", "- docs/guidance/plans.md\n"))[1]
    assert wrong and "list 'waiting:'" in wrong[0].message
    twice = load_waiting_list(write(tmp_path / "twice.yml", "waiting:\n  - docs/a.md\n  - docs/a.md\n"))[1]
    assert [(problem.line, problem.message) for problem in twice] == [(3, "'docs/a.md' is listed twice: keep one")]


def test_stamping_records_the_english_revision_once(project):
    docs, case_studies = project
    pairs = translation_pairs(docs, docs.parent)
    welsh = docs / "cy" / "about.md"
    message, problem = stamp(welsh, pairs)
    assert problem is None and revision_of(docs / "about.md") in message
    text = welsh.read_text(encoding="utf-8")
    assert text.count("translated_from:") == 1 and f"translated_from: {revision_of(docs / 'about.md')}\n---\n" in text
    assert {status.pair.welsh: status.state for status in translation_statuses(pairs, {})}[welsh] == CURRENT
    assert "already stamped" in stamp(docs / "about.md", pairs)[0]  # the English file's path works too
    index = docs / "cy" / "index.md"
    stamp(index, pairs)
    assert index.read_text(encoding="utf-8") == f"---\ntitle: Hafan\ntranslated_from: {revision_of(docs / 'index.md')}\n---\n"
    assert stamp(docs / "contacts.md", pairs)[1] is not None  # no Welsh file to stamp


def test_the_stamp_command_refuses_a_file_that_is_not_a_translation(tmp_path):
    stray = write(tmp_path / "notes.md", "---\ntitle: Notes\n---\n")
    completed = subprocess.run([sys.executable, str(PROJECT_ROOT / "scripts" / "check_translations.py"), "--stamp", str(stray)], capture_output=True, text=True)
    assert completed.returncode == 1 and "not a page or record file with a Welsh counterpart" in completed.stderr


# ---------------------------------------------------------------- same headings and links


def test_pairs_need_the_same_headings_and_links(tmp_path):
    english = write(tmp_path / "en.md", "---\ntitle: Plans\n---\n\n# Plans\n\n## Who\n\nSee [roles](roles.md).\n\n!!! note \"Tip\"\n    Read [the guide](https://example.org/).\n\n## When\n")
    welsh = write(tmp_path / "cy.md", "---\ntitle: Cynlluniau\n---\n\n# Cynlluniau\n\n## Pwy\n\nGweler [rolau](roles.md).\n\n!!! note \"Awgrym\"\n    Darllenwch y canllaw.\n\n### Pryd\n\n## Ychwanegol\n")
    problems = list(check_structure(Pair(PAGE, english, welsh)))
    assert [(problem.field, problem.line) for problem in problems] == [("headings", 14), ("links", 4)]
    assert "4 headings, but" in problems[0].message and "has 3" in problems[0].message
    assert "1 links, but" in problems[1].message and "has 2" in problems[1].message
    same = write(tmp_path / "same.md", "---\ntitle: Cynlluniau\n---\n\n# Cynlluniau\n\n## Pwy\n\n[rolau](roles.md)\n\n!!! note \"Awgrym\"\n    [y canllaw](https://example.org/)\n\n## Pryd\n")
    assert list(check_structure(Pair(PAGE, english, same))) == []


# ---------------------------------------------------------------- records


def test_records_need_both_languages(tmp_path):
    data = write(tmp_path / "vocabulary.yml", "themes:\n  leadership:\n    en: Leadership\n    cy: Arweinyddiaeth\n  data:\n    en: Data\n  funding:\n    en: Funding\n    cy: ''\nnames:\n  - {en: Wales, cy: Cymru}\n  - {cy: Caerdydd}\n")
    problems = sorted(check_records([data]))
    assert [(problem.line, problem.field) for problem in problems] == [(6, "themes.data.cy"), (9, "themes.funding.cy"), (12, "names[1].en")]
    assert "has English ('en') but no Welsh ('cy')" in problems[0].message


# ---------------------------------------------------------------- Welsh spelling


def test_apostrophes_leave_the_word_hunspell_can_judge():
    assert words_to_check("sy'n") == ["sy"]
    assert words_to_check("wedi'i") == ["wedi"]
    assert words_to_check("children's") == ["children", "s"]


def test_english_and_misspellings_on_a_welsh_page_are_errors_at_their_lines(tmp_path):
    page = write(tmp_path / "cy.md", "\n".join([
        "---",
        "title: Cynlluniau addysg",
        "description: This page explains plans.",
        "translated_from: 0123456789ab",
        "---",
        "",
        "Mae'r cynllun addysg personol yn bwysig i blant sy'n derbyn gofal yng Nghymru.",
        "Mae'r ysgol yn helpu pob plentyn yn Gymrag.",
        "Darllenwch [*Making a difference*{lang=en} (Saesneg)](https://gov.wales/docs/guide-en.pdf) neu *Raising the",
        "ambitions of children*{lang=en}, gyda'r `make check` a https://example.org/page.",
        "Mae Voices From Care yn helpu, a'r GDD hefyd.",
        "From now on.",
        "```",
        "code is not checked",
        "```",
    ]))
    word_list = write(tmp_path / "words.txt", "# names\nVoices From Care  # an organisation\nGDD\n")
    problems = check_welsh_spelling([page], include_records=False, word_list_path=word_list)
    found = sorted((problem.line, problem.message.split("'")[1]) for problem in problems)
    assert found == [(3, "This"), (3, "explains"), (3, "page"), (3, "plans"), (8, "Gymrag"), (12, "From"), (12, "now"), (12, "on")]
    english = next(problem for problem in problems if "'This'" in problem.message)
    assert "is English, not Welsh" in english.message and "{lang=en}" in english.message and english.field == "description"
    misspelled = next(problem for problem in problems if "Gymrag" in problem.message)
    assert "not in the Welsh dictionary" in misspelled.message and "did you mean" in misspelled.message


def test_the_word_list_format(tmp_path):
    words, problems = load_word_list(write(tmp_path / "words.txt", "# comment\ngellir  # a real word\nGDD\nButtle UK\nGDD\nnot/a word\n"))
    assert words.knows("gellir") and words.knows("Gellir") and words.knows("GDD") and not words.knows("gdd")
    assert words.without_phrases("Mae Buttle UK yn elusen") == "Mae   yn elusen"
    assert [(problem.line, problem.message.split(":")[0]) for problem in problems] == [(5, "'GDD' is already on line 3"), (6, "'not/a word' is not a word or a name")]


def test_the_project_word_list_is_well_formed_and_commented():
    words, problems = load_word_list()
    assert problems == []
    lines = (PROJECT_ROOT / "exchange" / "data" / "welsh-wordlist.txt").read_text(encoding="utf-8").splitlines()
    assert sum(line.startswith("#") for line in lines) >= 10


def test_problems_speak_in_the_shared_shape():
    problem = Problem("docs/cy/x.md", 3, "message")
    assert str(problem) == "docs/cy/x.md:3: message"
