"""From a case-study issue to a pull request (exchange/content/issue_intake.py,
scripts/case_study_from_issue.py), on recorded `issues` event payloads
(tests/fixtures/issue_events/): what is written, what is commented, and that bad input never
makes a pull request and loses nothing."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from exchange import PROJECT_ROOT
from exchange.content.case_studies import check_paths
from exchange.core.frontmatter import read_document
from exchange.content.issue_intake import form_fields, parse_body, process_event
from exchange.welsh.translations import revision_of

EVENTS = Path(__file__).parent.parent / "fixtures" / "issue_events"
TODAY = dt.date(2026, 12, 1)


def event(name: str) -> dict:
    return json.loads((EVENTS / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the real case studies and waiting list: what the workflow's checkout has."""
    shutil.copytree(PROJECT_ROOT / "case_studies", tmp_path / "case_studies")
    shutil.copy(PROJECT_ROOT / "translations-waiting.yml", tmp_path / "translations-waiting.yml")
    return tmp_path


def run(name: str, project: Path):
    return process_event(event(name), root=project / "case_studies", project=project, today=TODAY)


def folders(project: Path) -> set[str]:
    return {path.name for path in (project / "case_studies").iterdir()}


def test_a_good_issue_becomes_a_case_study_that_passes_the_checks(project):
    outcome = run("good", project)
    assert outcome.action == "pull_request", outcome.problems
    assert outcome.slug == "termly-reviews-with-foster-carers"
    folder = project / "case_studies" / outcome.slug
    assert check_paths([folder], project / "case_studies") == []
    document, problems = read_document(folder / "en.md")
    assert not problems
    answers = event("good")["issue"]["body"]
    # Every answer reached the file: nothing lost.
    assert document.meta["title"] == "Termly reviews with foster carers"
    assert document.meta["contact_role"] == "Designated person for looked after children"
    assert document.meta["themes"] == ["leadership", "partnerships"]
    assert document.meta["audiences"] == ["practitioners", "carers"]
    assert document.meta["region"] == "csc"  # from Cardiff
    assert document.meta["no_child_identified"] is True
    assert str(document.meta["published"]) == "2019-05-09"
    assert "A fixed date each term made the reviews happen." in document.body and "A fixed date each term" in answers
    # No Welsh: the English file waits for a translation, as the checks ask.
    assert not (folder / "cy.md").exists()
    waiting = yaml.safe_load((project / "translations-waiting.yml").read_text(encoding="utf-8"))["waiting"]
    assert waiting == [f"case_studies/{outcome.slug}/en.md"]
    assert outcome.files == [f"case_studies/{outcome.slug}/en.md", "translations-waiting.yml"]
    assert outcome.body.startswith("Closes #101.")
    assert outcome.title == "Case study: Termly reviews with foster carers"


def test_the_welsh_version_is_written_and_stamped_with_the_english_revision(project):
    outcome = run("good-both-languages", project)
    assert outcome.action == "pull_request", outcome.problems
    folder = project / "case_studies" / outcome.slug
    welsh, problems = read_document(folder / "cy.md")
    assert not problems
    assert welsh.meta["title"] == "Adolygiadau bob tymor gyda gofalwyr maeth"
    assert welsh.meta["organisation"] == "Ysgol Gynradd Enghreifftiol"
    assert welsh.meta["translated_from"] == revision_of(folder / "en.md")
    assert "Roedd dyddiad penodol bob tymor" in welsh.body
    assert check_paths([folder], project / "case_studies") == []
    assert "translations-waiting.yml" not in outcome.files


@pytest.mark.parametrize("name", ["bad", "welsh-only", "hostile", "empty", "other-template", "slug-exists"])
def test_bad_input_gets_a_comment_and_no_pull_request_and_nothing_is_written(name, project):
    before = folders(project)
    waiting = (project / "translations-waiting.yml").read_text(encoding="utf-8")
    outcome = run(name, project)
    assert outcome.action == "comment"
    assert outcome.problems and outcome.files == [] and outcome.title == ""
    assert folders(project) == before
    assert (project / "translations-waiting.yml").read_text(encoding="utf-8") == waiting
    for problem in outcome.problems:
        assert f"- {problem}" in outcome.body


def test_each_problem_of_a_half_filled_issue_is_named_in_one_comment(project):
    outcome = run("bad", project)
    text = "\n".join(outcome.problems)
    for field in ("Type of organisation", "Themes of the national plan", "Date it was published",
                  "Web address of the source document", "Before you submit"):
        assert f"**{field}**" in text
    assert len(outcome.problems) == 5
    assert outcome.language == "en" and outcome.body.startswith("Thank you for sharing")


def test_a_welsh_submitter_is_answered_in_welsh(project):
    outcome = run("welsh-only", project)
    assert outcome.language == "cy"
    assert outcome.body.startswith("Diolch am rannu'r astudiaeth achos hon.")
    assert any("yn Saesneg" in problem for problem in outcome.problems)
    assert "**Title in English**: mae angen hwn" in outcome.problems


def test_hostile_content_is_refused_and_never_echoed_as_live_html(project):
    outcome = run("hostile", project)
    text = outcome.body
    assert "&lt;script&gt;" in text and "<script" not in text and "<img" not in text
    assert any(problem.startswith("**Title in English**") for problem in outcome.problems)
    assert any(problem.startswith("**What was done**") and "script" in problem for problem in outcome.problems)


def test_an_existing_folder_name_is_never_overwritten(project):
    existing = (project / "case_studies" / "abersychan-intervention-worker" / "en.md").read_bytes()
    outcome = run("slug-exists", project)
    assert outcome.problems == ["**Folder name (optional)**: a case study called 'abersychan-intervention-worker' already exists: write another folder name here (for example with the place or the year)"]
    assert (project / "case_studies" / "abersychan-intervention-worker" / "en.md").read_bytes() == existing


def test_issues_without_the_case_study_label_are_left_alone(project):
    assert run("not-a-case-study", project).action == "ignore"


def test_the_parser_reads_every_field_of_the_form():
    fields = form_fields()
    answers, unknown = parse_body(event("good-both-languages")["issue"]["body"], fields)
    assert unknown == []
    assert set(answers) == {item.id for item in fields}
    assert answers["language"] == "en" and answers["local_authority"] == "cardiff"
    assert answers["region"] == "" and answers["slug"] == ""
    assert len(answers["no_child_identified"]) == 2


def test_the_script_writes_the_result_for_the_workflow(project, tmp_path):
    output = tmp_path / "result.json"
    result = subprocess.run([sys.executable, str(PROJECT_ROOT / "scripts" / "case_study_from_issue.py"), str(EVENTS / "bad.json"), "--output", str(output)],
                            capture_output=True, text=True, cwd=project, env={"EXCHANGE_CASE_STUDIES_DIR": str(project / "case_studies"), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    written = json.loads(output.read_text(encoding="utf-8"))
    assert written["action"] == "comment" and len(written["problems"]) == 5
    broken = subprocess.run([sys.executable, str(PROJECT_ROOT / "scripts" / "case_study_from_issue.py"), str(tmp_path / "missing.json"), "--output", str(output)],
                            capture_output=True, text=True)
    assert broken.returncode == 2 and "cannot read the event" in broken.stderr and "Traceback" not in broken.stderr
