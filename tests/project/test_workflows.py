"""The GitHub side of the project: every workflow, issue form and the Dependabot configuration
validate against their schemas (check-jsonschema's bundled schemas, offline), every action is
pinned to a full commit with its version in a comment, and the issue-to-pull-request workflow
has only the permissions it needs and never puts the issue's text into a command."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from exchange import PROJECT_ROOT

GITHUB = PROJECT_ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted(path for path in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if path.name != "config.yml")
PINNED = re.compile(r"^\s*-?\s*uses:\s*([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # v\d+(\.\d+)*\s*$")


def validate(schema: str, *paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, paths)],
                          capture_output=True, text=True)


def test_there_are_workflows_and_issue_forms():
    assert {path.name for path in WORKFLOWS} >= {"ci.yml", "links.yml", "case-study-issue.yml"}
    assert [path.name for path in ISSUE_FORMS] == ["case-study.yml"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_each_workflow_validates_against_the_github_workflow_schema(path):
    result = validate("vendor.github-workflows", path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", ISSUE_FORMS, ids=lambda path: path.name)
def test_each_issue_form_validates_against_the_issue_form_schema(path):
    result = validate("vendor.github-issue-forms", path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_issue_chooser_and_dependabot_validate():
    assert validate("vendor.github-issue-config", GITHUB / "ISSUE_TEMPLATE" / "config.yml").returncode == 0
    result = validate("vendor.dependabot", GITHUB / "dependabot.yml")
    assert result.returncode == 0, result.stdout


def test_the_schema_check_refuses_a_broken_workflow_and_issue_form(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("name: broken\non: push\njobs:\n  one:\n    steps: not-a-list\n", encoding="utf-8")
    assert validate("vendor.github-workflows", broken).returncode != 0
    form = tmp_path / "form.yml"
    form.write_text("name: x\ndescription: y\nbody:\n  - type: dropdown\n    id: a\n    attributes:\n      label: A\n", encoding="utf-8")
    assert validate("vendor.github-issue-forms", form).returncode != 0


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_full_commit_with_its_version(path):
    uses = [line for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"^\s*-?\s*uses:", line)]
    assert uses
    assert [line for line in uses if not PINNED.match(line)] == []


def test_dependabot_keeps_pip_npm_and_actions_up_to_date():
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))
    assert {update["package-ecosystem"] for update in config["updates"]} == {"pip", "npm", "github-actions"}


def test_the_issue_workflow_has_minimal_permissions_and_keeps_the_issue_out_of_commands():
    text = (GITHUB / "workflows" / "case-study-issue.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert workflow["permissions"] == {}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    assert "'case study'" in job["if"]
    for step in job["steps"]:
        command = step.get("run", "") + str(step.get("env", ""))
        assert not re.search(r"github\.event\.issue\.(title|body|user)|github\.event\.comment", command), step.get("name")
    # The label the workflow listens for is the one the form sets.
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "case-study.yml").read_text(encoding="utf-8"))
    assert "case study" in form["labels"]


def test_ci_tests_every_supported_python_and_publishes_a_preview():
    workflow = yaml.safe_load((GITHUB / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["test"]
    assert job["strategy"]["matrix"]["python"] == ["3.11", "3.12", "3.13"]
    steps = {step.get("name", ""): step for step in job["steps"]}
    assert any("upload-artifact" in step.get("uses", "") for step in steps.values())
    assert "GITHUB_STEP_SUMMARY" in steps["List the pages this pull request changes"]["run"]
    build = steps["Build the site"]["env"]
    assert build["EXCHANGE_REPOSITORY_URL"] == "${{ github.server_url }}/${{ github.repository }}"
