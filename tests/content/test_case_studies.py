"""The case-study checker: one fixture folder per rule (tests/fixtures/case_studies/<rule>/),
each with a `good` case study that passes and a `bad` one that breaks the rule; the command
line; the strict build; the CI annotations; the contributors' documents kept in step.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
import yaml

from tests.rule_fixtures import LIVE_CODE_BODIES, assert_exactly_these_problems
from exchange import PROJECT_ROOT
from exchange.core import vocabulary
from exchange.content.case_studies import (
    ENVIRONMENT_VARIABLE, FIELDS, RESERVED_FOLDER_NAMES, case_studies_dir, check_paths, check_value, load_case_studies,
)
from exchange.core.frontmatter import parse_document
from exchange.content.markdown_safety import check_body
from exchange.core.problems import Problem
from tests.conftest import build_site

FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "case_studies"
RELATIVE = "tests/fixtures/case_studies"
CHECKER = PROJECT_ROOT / "scripts" / "check_case_studies.py"
ANNOTATE = PROJECT_ROOT / ".github" / "scripts" / "problems_to_annotations.py"


@pytest.fixture(autouse=True)
def at_project_root(monkeypatch):
    """Problems name paths relative to the current folder, as an editor running `make check` sees them."""
    monkeypatch.chdir(PROJECT_ROOT)


# rule -> every problem expected in the rule's folder: (file, line, field, words the message must contain).
# The field is "" for problems about a whole file.
EXPECTED: dict[str, list[tuple[str, int, str, list[str]]]] = {
    "front-matter-missing": [("bad/en.md", 1, "", ["must start with front matter", "'---'"])],
    "front-matter-not-closed": [("bad/en.md", 1, "", ["front matter is not closed"])],
    "yaml-syntax": [("bad/en.md", 4, "", ["not valid YAML", "quotation mark", "never closed"])],
    "yaml-syntax-colon": [("bad/en.md", 5, "", ["not valid YAML", "double quotes"])],
    "required-field-missing": [("bad/en.md", 1, "summary", ["field 'summary' is missing"])],
    "required-field-empty": [("bad/en.md", 4, "organisation", ["field 'organisation' is empty"])],
    "unknown-theme": [("bad/en.md", 9, "themes", ["themes", "'leadrship'", "did you mean 'leadership'?"])],
    "unknown-authority": [("bad/en.md", 7, "local_authority", ["local_authority", "'cardif'", "did you mean 'cardiff'?"])],
    "unknown-region": [("bad/en.md", 8, "region", ["region", "'cscc'", "did you mean 'csc'?"])],
    "unknown-type": [("bad/en.md", 6, "organisation_type", ["organisation_type", "'scool'", "did you mean 'school'?"])],
    "unknown-audience": [("bad/en.md", 12, "audiences", ["audiences", "'goverors'", "did you mean 'governors'?"])],
    "date-not-a-date": [("bad/en.md", 13, "published", ["published", "'2019-13-45' is not a date"])],
    "date-future": [("bad/en.md", 13, "published", ["published", "2099-01-01 is in the future"])],
    "no-english-file": [("bad/en.md", 1, "", ["no English file"])],
    "other-markdown-name": [("bad/fr.md", 1, "", ["'fr.md' would not be published", "en.md", "cy.md"])],
    "english-file-wrong-case": [
        ("bad/EN.md", 1, "", ["'EN.md' would not be published"]),
        ("bad/en.md", 1, "", ["no English file"]),
    ],
    "shared-field-in-welsh": [("bad/cy.md", 5, "local_authority", ["field 'local_authority' is shared", "en.md only"])],
    "unknown-field": [
        ("bad/en.md", 1, "organisation", ["field 'organisation' is missing"]),
        ("bad/en.md", 4, "organisaton", ["unknown field 'organisaton'", "did you mean 'organisation'?"]),
    ],
    "duplicate-title": [("bad-second/en.md", 2, "title", ["title", "'Termly Reviews With Carers'", "bad-first/en.md"])],
    "html-script": [("bad/en.md", 23, "body", ["<script>"])],
    "html-iframe": [("bad/en.md", 23, "body", ["<iframe>"])],
    "html-style": [("bad/en.md", 23, "body", ["<style>"])],
    "html-object": [("bad/en.md", 23, "body", ["<object>"])],
    "html-event-attribute": [("bad/en.md", 23, "body", ["event attribute", "onerror="])],
    "html-javascript-link": [("bad/en.md", 23, "body", ["'javascript:'"])],
    "html-tricks": [
        ("bad/en.md", 23, "body", ["'javascript:'"]),    # [x](&#106;avascript:...)
        ("bad/en.md", 26, "body", ["event attribute"]),  # onclick= on the second line of a tag
        ("bad/en.md", 29, "body", ["event attribute"]),  # {: onmouseover=... } attribute list
        ("bad/en.md", 33, "body", ["'vbscript:'"]),      # reference-style link definition
        ("bad/en.md", 37, "body", ["<script>"]),         # between ``` lines, which this site does not treat as code
        ("bad/en.md", 41, "body", ["'javascript:'"]),    # java&#x09;script: in an href
    ],
    "picture-missing": [("bad/en.md", 23, "body", ["'room.png' does not exist"])],
    "picture-no-alt": [("bad/en.md", 23, "body", ["'room.png' has no text alternative"])],
    "picture-elsewhere": [
        ("bad/en.md", 23, "body", ["'https://example.org/room.png' is on another website"]),
        ("bad/en.md", 25, "body", ["'../good/room.png' must be in the case study folder"]),
    ],
    "not-utf8": [("bad/en.md", 2, "", ["not saved as UTF-8"])],
    "no-child-identified": [("bad/en.md", 17, "no_child_identified", ["field 'no_child_identified' must be true"])],
    "region-authority": [("bad/en.md", 8, "region", ["region 'erw' does not match the local authority", "use region: csc"])],
    "html-in-text-field": [("bad/en.md", 4, "organisation", ["field 'organisation' contains HTML"])],
    "source-url": [("bad/en.md", 14, "source", ["source.url", "is not a web address"])],
    "template-placeholder": [("bad/en.md", 25, "body", ["'TODO' note"])],
    "heading-level-one": [("bad/en.md", 23, "body", ["first-level heading", "'## '"])],
    "stray-file": [("new-case-study.md", 1, "", ["'new-case-study.md' is not in a case study folder"])],
    "reserved-folder-name": [("page/en.md", 1, "", ["folder name 'page'", "case-studies/page/", "rename the folder"])],
}


def test_the_reserved_folder_names_are_every_address_the_section_uses():
    """The browse pages' kinds and the pages written in docs/case-studies/ are all reserved."""
    from exchange.pages.case_study_pages import groupings

    kinds = {kind for kind, _, _ in groupings([], "en")}
    written = {path.stem for path in (PROJECT_ROOT / "docs" / "case-studies").glob("*.md") if path.stem != "index"}
    assert kinds | written | {"page"} <= set(RESERVED_FOLDER_NAMES)


def test_every_fixture_folder_is_a_rule_with_expectations():
    assert sorted(path.name for path in FIXTURES.iterdir() if path.is_dir()) == sorted(EXPECTED)


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_each_rule_reports_exactly_its_problems_with_path_line_and_field(rule):
    records, problems = load_case_studies(FIXTURES / rule)
    for problem, (file, line, field, _) in assert_exactly_these_problems(problems, EXPECTED[rule], RELATIVE, rule):
        if field and field != "body":
            assert field in problem.message, f"{problem} should name the field {field!r}"
        assert str(problem).startswith(f"{RELATIVE}/{rule}/{file}:{line}: ")
    assert "good" in {record.slug for record in records}, "the good case study of each rule must load"


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_the_good_case_study_of_each_rule_passes_on_its_own(rule):
    assert check_paths([FIXTURES / rule / "good"], FIXTURES / rule) == []


def test_the_repository_case_studies_pass():
    records, problems = load_case_studies()
    assert problems == []
    assert len(records) >= 10


# ------------------------------------------------------------------ front matter and YAML lines


@pytest.mark.parametrize(
    ("front_matter", "line", "words"),
    [
        ('title: ok\nsummary: "no end\norganisation: x\n', 3, ["quotation mark"]),
        ("title: ok\nsummary: Lead: a role\n", 3, ["double quotes"]),
        ("title: ok\nsummary\norganisation: x\n", 3, ["no colon"]),
        ("title: ok\nthemes: [data, funding\norganisation: x\n", 3, ["'['"]),
        ("title: ok\n\tsummary: x\n", 3, ["tabs"]),
        ("title: ok\nsource:\n  document: a\n url: b\n", 5, ["not valid YAML"]),
        ("title: 'It's here'\n", 2, ["not valid YAML"]),
    ],
)
def test_yaml_errors_point_at_the_line_to_fix(tmp_path, front_matter, line, words):
    document, problems = parse_document(tmp_path / "en.md", f"---\n{front_matter}---\n\nText.\n".encode())
    assert document is None
    assert [problem.line for problem in problems] == [line]
    for word in words:
        assert word in problems[0].message


def test_an_impossible_date_is_a_problem_on_its_line_not_a_crash(tmp_path):
    document, problems = parse_document(tmp_path / "en.md", b"---\ntitle: x\npublished: 2017-02-30\n---\n")
    assert problems == []
    assert document.meta["published"] == "2017-02-30"
    assert check_value("published", document.meta["published"])[0].startswith("published '2017-02-30' is not a date")


def test_a_field_given_twice_is_reported_on_its_second_line(tmp_path):
    _, problems = parse_document(tmp_path / "en.md", b"---\ntitle: a\nsummary: b\ntitle: c\n---\n")
    assert [(problem.line, problem.field) for problem in problems] == [(4, "title")]


def test_list_items_on_their_own_lines_are_reported_on_their_line(tmp_path):
    folder = tmp_path / "block-list"
    folder.mkdir()
    text = (FIXTURES / "unknown-theme" / "good" / "en.md").read_text(encoding="utf-8")
    (folder / "en.md").write_text(text.replace("themes: [leadership, data]", "themes:\n  - leadership\n  - fundng"), encoding="utf-8")
    _, problems = load_case_studies(tmp_path)
    assert [(problem.line, problem.field) for problem in problems] == [(11, "themes")]
    assert "did you mean 'funding'?" in problems[0].message


@pytest.mark.parametrize(
    ("value", "today", "future"),
    [("2026-11", dt.date(2026, 11, 23), False), ("2026-12", dt.date(2026, 11, 23), True), ("2026", dt.date(2026, 1, 1), False),
     ("2027", dt.date(2026, 12, 31), True), (dt.date(2026, 11, 24), dt.date(2026, 11, 23), True), (dt.date(2026, 11, 23), dt.date(2026, 11, 23), False)],
)
def test_a_date_is_in_the_future_only_beyond_its_own_precision(value, today, future):
    problems = check_value("published", value, today=today)
    assert bool(problems) is future
    if future:
        assert "in the future" in problems[0]


@pytest.mark.parametrize("value", ["2017-5-9", "17/05/2017", "May 2017", "2017-13", "soon"])
def test_text_that_is_not_a_date_is_refused(value):
    assert "is not a date" in check_value("published", value)[0]


# ------------------------------------------------------------------ the body, as the site renders it

SITE_MARKDOWN = yaml.safe_load((PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))["markdown_extensions"]
LIVE_CODE = re.compile(r"<(script|iframe|style|object)\b|\son[a-z]+=|(href|src)=\"\s*(javascript|vbscript):", re.IGNORECASE)


def render(text: str) -> str:
    extensions = [next(iter(item)) if isinstance(item, dict) else item for item in SITE_MARKDOWN]
    return markdown.markdown(text, extensions=extensions)


def body_problems(tmp_path: Path, body: str) -> list[Problem]:
    document, _ = parse_document(tmp_path / "en.md", f"---\ntitle: x\n---\n{body}\n".encode())
    return list(check_body(document))


@pytest.mark.parametrize("body", LIVE_CODE_BODIES)
def test_every_body_the_site_would_render_as_live_code_is_refused(tmp_path, body):
    rendered = html.unescape(render(body)).replace("\t", "")
    assert LIVE_CODE.search(rendered), f"the example is not live code once rendered: {rendered}"
    assert body_problems(tmp_path, body), "the checker let it through"


@pytest.mark.parametrize(
    "body",
    [
        "## Making better use of data: what we did\n\nThe school used data: attendance and progress.",
        "Children aged <5 and pupils in years 7–9 took part. Carry on = keep going.",
        "[The guide](https://gov.wales/guide) says what to do. We used JavaScript-free forms.",
        "A table:\n\n| a | b |\n|---|---|\n| 1 | 2 |",
        '!!! note "A note"\n    Admonitions are fine.',
    ],
)
def test_ordinary_writing_is_not_refused(tmp_path, body):
    assert body_problems(tmp_path, body) == []


def test_a_picture_with_the_wrong_case_gets_a_suggestion(tmp_path):
    (tmp_path / "Room.PNG").write_bytes((FIXTURES / "picture-no-alt" / "good" / "room.png").read_bytes())
    problems = body_problems(tmp_path, "![A quiet room](room.png)")
    assert len(problems) == 1 and "did you mean 'Room.PNG'?" in problems[0].message


def test_reference_style_pictures_are_checked_too(tmp_path):
    problems = body_problems(tmp_path, "![][room]\n\n[room]: missing.png")
    assert {("no text alternative" in problem.message, "does not exist" in problem.message) for problem in problems} == {(True, False), (False, True)}


# ------------------------------------------------------------------ the command line

def run_checker(*arguments: str, environment: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(CHECKER), *arguments], capture_output=True, text=True, cwd=PROJECT_ROOT, env={**os.environ, **(environment or {})})


def test_the_checker_prints_one_line_per_problem_and_exits_1():
    result = run_checker(f"{RELATIVE}/html-tricks/bad")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == len(EXPECTED["html-tricks"])
    assert all(re.match(rf"^{RELATIVE}/html-tricks/bad/en\.md:\d+: \S", line) for line in lines), lines
    assert "6 error(s)" in result.stderr


def test_the_checker_exits_0_and_prints_nothing_on_a_good_case_study():
    result = run_checker(f"{RELATIVE}/html-tricks/good")
    assert (result.returncode, result.stdout) == (0, "")


def test_the_checker_accepts_a_file_of_a_case_study():
    result = run_checker(f"{RELATIVE}/unknown-theme/bad/en.md")
    assert result.returncode == 1
    assert result.stdout.startswith(f"{RELATIVE}/unknown-theme/bad/en.md:9: themes: 'leadrship'")


def test_the_checker_gives_json_for_ci():
    result = run_checker("--format", "json", f"{RELATIVE}/english-file-wrong-case/bad", f"{RELATIVE}/unknown-theme/bad")
    assert result.returncode == 1
    problems = json.loads(result.stdout)
    assert {(problem["path"], problem["line"], problem["field"], problem["severity"]) for problem in problems} == {
        (f"{RELATIVE}/english-file-wrong-case/bad/EN.md", 1, "", "error"),
        (f"{RELATIVE}/english-file-wrong-case/bad/en.md", 1, "", "error"),
        (f"{RELATIVE}/unknown-theme/bad/en.md", 9, "themes", "error"),
    }


def test_with_no_path_the_checker_reads_the_folder_the_environment_names():
    result = run_checker(environment={ENVIRONMENT_VARIABLE: str(FIXTURES / "region-authority")})
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"{RELATIVE}/region-authority/bad/en.md:8: region 'erw' does not match the local authority: cardiff was in 'csc' (2017-2021); use region: csc"]


def test_the_repository_case_studies_pass_the_command_line_check():
    result = run_checker(environment={ENVIRONMENT_VARIABLE: ""})
    assert (result.returncode, result.stdout) == (0, "")


def test_a_new_folder_is_compared_with_the_whole_collection_for_titles():
    result = run_checker(f"{RELATIVE}/duplicate-title/bad-second", environment={ENVIRONMENT_VARIABLE: str(FIXTURES / "duplicate-title")})
    assert result.returncode == 1
    assert result.stdout.startswith(f"{RELATIVE}/duplicate-title/bad-second/en.md:2: the title 'Termly Reviews With Carers' is also used by {RELATIVE}/duplicate-title/bad-first/en.md")


def test_a_missing_path_is_an_error_of_its_own():
    result = run_checker("case_studies/no-such-case-study")
    assert result.returncode == 2 and "no such file or folder" in result.stderr


def test_the_environment_variable_chooses_the_folder(monkeypatch):
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, str(FIXTURES / "date-future"))
    assert case_studies_dir() == FIXTURES / "date-future"
    assert [problem.line for problem in load_case_studies()[1]] == [13]
    monkeypatch.delenv(ENVIRONMENT_VARIABLE)
    assert case_studies_dir() == PROJECT_ROOT / "case_studies"


# ------------------------------------------------------------------ the strict build


def test_a_broken_case_study_makes_the_strict_build_fail(tmp_path, built_site):
    """The same site as `built_site` (which builds), with one case study broken, must not build."""
    collection = tmp_path / "case_studies"
    shutil.copytree(PROJECT_ROOT / "case_studies", collection)
    shutil.copytree(FIXTURES / "unknown-theme" / "bad", collection / "a-broken-case-study")
    result = build_site(tmp_path / "site", {ENVIRONMENT_VARIABLE: str(collection)})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    broken = collection / "a-broken-case-study" / "en.md"
    assert f"case study problem: {broken}:9: themes: 'leadrship' is not one of the allowed values: did you mean 'leadership'?" in output
    assert output.count("case study problem:") == 1
    assert "Aborted with" in output and "in strict mode" in output


# ------------------------------------------------------------------ CI annotations


def test_problems_become_github_annotations_on_their_line():
    checked = run_checker("--format", "json", f"{RELATIVE}/unknown-field/bad")
    result = subprocess.run([sys.executable, str(ANNOTATE)], input=checked.stdout, capture_output=True, text=True)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"::error file={RELATIVE}/unknown-field/bad/en.md,line=1,title=Case study check::field 'organisation' is missing: add a line 'organisation: ...' to the front matter (the organisation's name in the file's language)"
    assert lines[1].startswith(f"::error file={RELATIVE}/unknown-field/bad/en.md,line=4,title=Case study check::unknown field 'organisaton'")
    assert len(lines) == 2


def test_annotation_properties_and_messages_are_escaped():
    sys.path.insert(0, str(ANNOTATE.parent))
    try:
        from problems_to_annotations import annotations
    finally:
        sys.path.pop(0)
    [line] = annotations([{"path": "a,b:c.md", "line": 3, "message": "50% done\nnext", "severity": "warning"}])
    assert line == "::warning file=a%2Cb%3Ac.md,line=3,title=Case study check::50%25 done%0Anext"


def test_the_ci_workflow_runs_the_tests_annotates_and_deploys_from_main():
    workflow = yaml.safe_load((PROJECT_ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on") or workflow.get(True)
    assert {"pull_request", "push"} <= set(triggers)
    steps = workflow["jobs"]["test"]["steps"]
    commands = "\n".join(step.get("run", "") for step in steps)
    assert "make test" in commands
    assert "check_case_studies.py --format json" in commands and "problems_to_annotations.py" in commands
    uses = [step.get("uses", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert any(use.startswith("actions/upload-pages-artifact") for use in uses)
    assert any(use.startswith("actions/deploy-pages") for use in uses)
    assert "refs/heads/main" in workflow["jobs"]["deploy"]["if"]
    # The published site knows its address (full hreflang alternates, sitemap, feeds).
    build = next(step for step in steps if step.get("run") == "make build")
    assert "steps.pages.outputs.base_url" in build["env"]["EXCHANGE_SITE_URL"]
    assert any(step.get("uses", "").startswith("actions/configure-pages") and step.get("id") == "pages" for step in steps)


def test_the_site_address_comes_from_the_environment(monkeypatch):
    from mkdocs.config import load_config

    monkeypatch.delenv("EXCHANGE_SITE_URL", raising=False)
    assert load_config(str(PROJECT_ROOT / "mkdocs.yml"))["site_url"] is None
    monkeypatch.setenv("EXCHANGE_SITE_URL", "https://example.org/exchange/")
    monkeypatch.setenv("EXCHANGE_REPORT_CHANGE_URL", "https://example.org/issues/new?title={subject}")
    config = load_config(str(PROJECT_ROOT / "mkdocs.yml"))
    assert config["site_url"] == "https://example.org/exchange/"
    assert config["extra"]["report_change_url"] == "https://example.org/issues/new?title={subject}"


# ------------------------------------------------------------------ contributors' documents


def test_contributing_lists_every_field_and_allowed_value():
    text = (PROJECT_ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for name in FIELDS:
        assert f"`{name}`" in text, name
    for kind in vocabulary.KINDS:
        for identifier in vocabulary.identifiers(kind):
            assert f"`{identifier}`" in text, identifier
            assert vocabulary.label(kind, identifier, "en") in text, identifier
    for authority in vocabulary.identifiers("local_authorities"):
        region = vocabulary.entry("local_authorities", authority)["region"]
        assert re.search(rf"`{authority}` \|[^\n|]*\| `{region}`", text), f"{authority} should be listed with region {region}"


def test_the_issue_form_offers_exactly_the_allowed_values():
    form = yaml.safe_load((PROJECT_ROOT / ".github" / "ISSUE_TEMPLATE" / "case-study.yml").read_text(encoding="utf-8"))
    items = {item.get("id"): item for item in form["body"]}

    def identifiers(options: list) -> list[str]:
        return [re.search(r"\(([a-z0-9-]+)\)$", option["label"] if isinstance(option, dict) else option).group(1) for option in options]

    assert identifiers(items["organisation_type"]["attributes"]["options"]) == vocabulary.identifiers("organisation_types")
    assert identifiers(items["local_authority"]["attributes"]["options"]) == vocabulary.identifiers("local_authorities")
    assert identifiers(items["themes"]["attributes"]["options"]) == vocabulary.identifiers("themes")
    assert identifiers(items["audiences"]["attributes"]["options"]) == vocabulary.identifiers("audiences")
    confirmations = items["no_child_identified"]["attributes"]["options"]
    assert all(option["required"] for option in confirmations)


def test_the_pull_request_template_has_a_checklist_for_case_studies():
    text = (PROJECT_ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", text, re.MULTILINE)
    assert len(boxes) >= 5
    assert any("make check" in box for box in boxes)
    assert any("no_child_identified" in box or "identif" in box for box in boxes)
