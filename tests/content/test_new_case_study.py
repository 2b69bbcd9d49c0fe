"""scripts/new_case_study.py (`make new-case-study`): questions or flags, the two files from
the template, never overwriting, the checker run on the new folder."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from exchange import PROJECT_ROOT
from exchange.content.case_studies import check_paths, load_case_studies
from exchange.core.frontmatter import read_document

SCRIPT = PROJECT_ROOT / "scripts" / "new_case_study.py"
sys.path.insert(0, str(SCRIPT.parent))
import new_case_study  # noqa: E402

ESSENTIALS = [
    "--title", 'Café mornings for foster carers: "a warm welcome"',
    "--summary", "A secondary school held a café morning each term where foster carers met the designated person and teachers.",
    "--organisation", "Example High School, Swansea",
    "--type", "school",
    "--authority", "swansea",
    "--themes", "partnerships,participation",
    "--audiences", "carers,practitioners",
    "--source-document", "School newsletter, spring 2024",
    "--source-url", "https://example.org/newsletter",
]


def run(root: Path, *arguments: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--root", str(root), *arguments],
        input=stdin, capture_output=True, text=True, cwd=PROJECT_ROOT,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"}, timeout=60,
    )


def finish(folder: Path) -> None:
    """What the editor does next: write the text, confirm, translate."""
    english = (folder / "en.md").read_text(encoding="utf-8")
    english = "\n".join("Carers met teachers over coffee." if line.startswith("TODO:") else line for line in english.splitlines()) + "\n"
    (folder / "en.md").write_text(english.replace("no_child_identified: false", "no_child_identified: true"), encoding="utf-8")
    welsh = (folder / "cy.md").read_text(encoding="utf-8")
    welsh = welsh.replace('"TODO: teitl yn Gymraeg (Welsh title)"', '"Boreau coffi i ofalwyr maeth"')
    welsh = welsh.replace('"TODO: crynodeb yn Gymraeg (Welsh summary)"', '"Roedd ysgol uwchradd yn cynnal bore coffi bob tymor i ofalwyr maeth."')
    welsh = welsh.replace("\"TODO: enw'r sefydliad yn Gymraeg (the organisation's name in Welsh)\"", '"Ysgol Uwchradd Enghreifftiol, Abertawe"')
    welsh = "\n".join("Roedd gofalwyr yn cwrdd ag athrawon dros goffi." if line.startswith("TODO:") else line for line in welsh.splitlines()) + "\n"
    (folder / "cy.md").write_text(welsh, encoding="utf-8")


def test_flags_write_both_files_from_the_template(tmp_path):
    result = run(tmp_path, "--no-input", *ESSENTIALS, "--contact-role", "Designated person", "--published", "2024-03")
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "cafe-mornings-for-foster-carers-a-warm-welcome"
    english, problems = read_document(folder / "en.md")
    assert problems == []
    assert english.meta == {
        "title": 'Café mornings for foster carers: "a warm welcome"',
        "summary": ESSENTIALS[3],
        "organisation": "Example High School, Swansea",
        "contact_role": "Designated person",
        "organisation_type": "school",
        "local_authority": "swansea",
        "region": "erw",  # from the local authority
        "themes": ["partnerships", "participation"],
        "audiences": ["carers", "practitioners"],
        "published": "2024-03",
        "source": {"document": "School newsletter, spring 2024", "url": "https://example.org/newsletter"},
        "no_child_identified": False,
    }
    welsh, problems = read_document(folder / "cy.md")
    assert problems == []
    assert set(welsh.meta) == {"title", "summary", "organisation", "contact_role"}
    assert all(value.startswith("TODO:") for value in welsh.meta.values())


def test_it_runs_the_checker_on_the_new_folder_and_says_what_to_do_next(tmp_path):
    result = run(tmp_path, "--no-input", *ESSENTIALS)
    folder = tmp_path / "cafe-mornings-for-foster-carers-a-warm-welcome"
    out = result.stdout
    assert f"{folder}/en.md:16: field 'no_child_identified' must be true" in out
    assert f"{folder}/cy.md:4: field 'title' still has the template's 'TODO' note" in out
    assert f"{folder}/en.md:19: the text still has the template's 'TODO' note" in out
    assert "What to do next" in out and "make check" in out and "make serve" in out
    assert "http://127.0.0.1:8000/case-studies/cafe-mornings-for-foster-carers-a-warm-welcome/" in out


def test_once_the_editor_finishes_the_template_the_checker_passes(tmp_path):
    assert run(tmp_path, "--no-input", *ESSENTIALS, "--contact-role", "Designated person", "--contact-role-cy", "Person dynodedig").returncode == 0
    folder = tmp_path / "cafe-mornings-for-foster-carers-a-warm-welcome"
    assert check_paths([folder], tmp_path) != []
    finish(folder)
    assert check_paths([folder], tmp_path) == []
    records, problems = load_case_studies(tmp_path)
    assert problems == [] and records[0].texts["cy"].contact_role == "Person dynodedig"


def test_a_welsh_title_goes_into_cy_md(tmp_path):
    result = run(tmp_path, "--no-input", *ESSENTIALS, "--title-cy", "Boreau coffi i ofalwyr maeth", "--organisation-cy", "Ysgol Uwchradd Enghreifftiol")
    assert result.returncode == 0, result.stderr
    welsh, _ = read_document(next(tmp_path.iterdir()) / "cy.md")
    assert welsh.meta["title"] == "Boreau coffi i ofalwyr maeth"
    assert welsh.meta["organisation"] == "Ysgol Uwchradd Enghreifftiol"
    assert welsh.meta["summary"].startswith("TODO:")


def test_it_never_overwrites_a_case_study(tmp_path):
    assert run(tmp_path, "--no-input", *ESSENTIALS, "--slug", "cafe-mornings").returncode == 0
    english = tmp_path / "cafe-mornings" / "en.md"
    english.write_text("edited by hand\n", encoding="utf-8")
    result = run(tmp_path, "--no-input", *ESSENTIALS, "--slug", "cafe-mornings")
    assert result.returncode != 0
    assert "already exists" in result.stderr
    assert english.read_text(encoding="utf-8") == "edited by hand\n"


@pytest.mark.parametrize(
    ("flag", "value", "words"),
    [
        ("--themes", "leadrship", ["--themes", "did you mean 'leadership'?"]),
        ("--authority", "cardif", ["--authority", "did you mean 'cardiff'?"]),
        ("--type", "scool", ["--type", "did you mean 'school'?"]),
        ("--audiences", "carers,goverors", ["--audiences", "did you mean 'governors'?"]),
        ("--source-url", "ftp://example.org/x", ["--source-url", "not a web address"]),
        ("--published", "2099-01-01", ["--published", "in the future"]),
        ("--published", "2019-13-45", ["--published", "not a date"]),
        ("--title", "A <b>bold</b> title", ["--title", "contains HTML"]),
        ("--title", "x" * 121, ["--title", "121 characters long"]),
        ("--slug", "Not A Slug", ["--slug", "not a valid folder name"]),
        ("--slug", "share", ["--slug", "reserved"]),
        ("--region", "csc", ["--region", "swansea was in 'erw'"]),
    ],
)
def test_wrong_flags_are_refused_with_the_checkers_message(tmp_path, flag, value, words):
    arguments = list(ESSENTIALS)
    if flag in arguments:
        arguments[arguments.index(flag) + 1] = value
    else:
        arguments += [flag, value]
    result = run(tmp_path, "--no-input", *arguments)
    assert result.returncode == 2
    for word in words:
        assert word in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_missing_flag_is_named_without_input(tmp_path):
    arguments = ESSENTIALS[:ESSENTIALS.index("--themes")] + ESSENTIALS[ESSENTIALS.index("--audiences"):]
    result = run(tmp_path, "--no-input", *arguments)
    assert result.returncode == 2 and "--themes is needed" in result.stderr


def test_wales_wide_work_needs_a_region(tmp_path):
    arguments = list(ESSENTIALS)
    arguments[arguments.index("--authority") + 1] = "wales"
    assert "--region is needed" in run(tmp_path, "--no-input", *arguments).stderr
    result = run(tmp_path, "--no-input", *arguments, "--region", "erw")
    assert result.returncode == 0, result.stderr
    english, _ = read_document(next(tmp_path.iterdir()) / "en.md")
    assert (english.meta["local_authority"], english.meta["region"]) == ("wales", "erw")


def test_questions_with_numbered_menus_ask_again_after_a_wrong_answer(tmp_path):
    answers = [
        "",                                   # title: empty, asked again
        "Termly reviews with foster carers",  # title
        "",                                   # Welsh title: skipped
        "The school reviewed each pupil's progress every term with their carers.",
        "Example Primary School",             # organisation
        "",                                   # contact role: skipped
        "9",                                  # type: no such number
        "1",                                  # type: school
        "cardiff",                            # authority, typed as identifier
        "1, 4",                               # themes: leadership, data
        "2",                                  # audiences: governors
        "2018",                               # published
        "making-a-difference",                # source document
        "gov.wales",                          # URL: not in full, asked again
        "https://gov.wales/making-a-difference",
        "",                                   # folder name: the suggestion
    ]
    result = run(tmp_path, stdin="\n".join(answers) + "\n")
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "   1. School / Ysgol  (school)" in out
    assert "Sorry: field 'title' is empty" in out
    assert "Sorry: type a number from 1 to 5" in out
    assert "Sorry: source.url 'gov.wales' is not a web address" in out
    assert "Region: Central South Consortium (csc), from the local authority" in out
    english, _ = read_document(tmp_path / "termly-reviews-with-foster-carers" / "en.md")
    assert english.meta["themes"] == ["leadership", "data"]
    assert english.meta["audiences"] == ["governors"]
    assert (english.meta["organisation_type"], english.meta["local_authority"], english.meta["region"], english.meta["published"]) == ("school", "cardiff", "csc", "2018")


def test_stopping_half_way_writes_nothing(tmp_path):
    result = run(tmp_path, stdin="A title\n\n")
    assert result.returncode == 1
    assert "Stopped: nothing was written" in result.stdout
    assert list(tmp_path.iterdir()) == []


def test_the_published_date_defaults_to_today(tmp_path):
    assert run(tmp_path, "--no-input", *ESSENTIALS).returncode == 0
    english, _ = read_document(next(tmp_path.iterdir()) / "en.md")
    assert english.meta["published"] == dt.date.today()


@pytest.mark.parametrize(
    ("title", "slug"),
    [("Café mornings for carers", "cafe-mornings-for-carers"), ("Gŵyl Ddysgu'r Sir – 2019!", "gwyl-ddysgu-r-sir-2019"),
     ("A very long title " * 6, "a-very-long-title-a-very-long-title-a-very-long-title-a-very"), ("x" * 70, "x" * 60)],
)
def test_the_folder_name_is_made_from_the_title(title, slug):
    made = new_case_study.suggest_slug(title)
    assert made == slug and len(made) <= 60


@pytest.mark.parametrize("value", ['He said "yes": it worked', "it's a back\\slash", "Ysgol Gymraeg Bro Morgannwg – “ein stori”", "# not a comment", "- not a list", "true", "2019-05-09"])
def test_text_is_quoted_so_that_yaml_reads_it_back_unchanged(value):
    import yaml

    assert yaml.safe_load(f"title: {new_case_study.yaml_text(value)}") == {"title": value}


def test_make_new_case_study_runs_the_script():
    result = subprocess.run(["make", "-n", "new-case-study"], capture_output=True, text=True, cwd=PROJECT_ROOT)
    assert result.returncode == 0
    assert "scripts/new_case_study.py" in result.stdout
