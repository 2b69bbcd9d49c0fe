"""Every built page is valid HTML (the Nu HTML Checker, run once over the whole built site)
and no two pages of one language share a title."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
from pathlib import Path

import pytest

from exchange import PROJECT_ROOT
from exchange.quality.html_validity import check_html_validity, check_unique_titles

PAGE = '<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head><body><main>{body}</main></body></html>'


def write_page(site: Path, relative: str, title: str, body: str = "<p>Text</p>", lang: str = "en") -> None:
    path = site / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(lang=lang, title=title, body=body), encoding="utf-8")


def test_every_built_page_is_valid_html(built_site):
    assert [str(problem) for problem in check_html_validity(built_site)] == []


def test_the_validator_reports_invalid_html_at_its_page_and_line(tmp_path):
    write_page(tmp_path, "index.html", "Home", '<p>Fine</p>\n<label for="nothing" tabindex="">Label</label>\n<p><div>block in a paragraph</div></p>')
    write_page(tmp_path, "about/index.html", "About")
    problems = check_html_validity(tmp_path)
    assert {Path(problem.path).relative_to(tmp_path).as_posix() for problem in problems} == {"index.html"}
    messages = " ".join(problem.message for problem in problems)
    assert "tabindex" in messages and "“for” attribute" in messages
    assert {problem.line for problem in problems} >= {2}


def test_titles_must_differ_within_a_language_but_may_repeat_across_languages(tmp_path):
    write_page(tmp_path, "index.html", "ExChange")
    write_page(tmp_path, "guidance/index.html", "Guidance - ExChange")
    write_page(tmp_path, "guidance/plans/index.html", "Guidance - ExChange")
    write_page(tmp_path, "cy/index.html", "ExChange", lang="cy")
    write_page(tmp_path, "cy/glossary/index.html", "", lang="cy")
    problems = sorted(check_unique_titles(tmp_path))
    assert [(Path(problem.path).relative_to(tmp_path).as_posix(), problem.message.split(":")[0]) for problem in problems] == [
        ("cy/glossary/index.html", "the page has no <title>"),
        ("guidance/plans/index.html", "the title 'Guidance - ExChange' is also the title of /guidance/"),
    ]


def test_the_html_command_fails_on_an_invalid_page(tmp_path):
    write_page(tmp_path, "index.html", "Home", "<p><div>block in a paragraph</div></p>")
    completed = subprocess.run([sys.executable, str(PROJECT_ROOT / "scripts" / "check_html.py"), str(tmp_path)], capture_output=True, text=True)
    assert completed.returncode == 1 and f"{tmp_path}/index.html:1: invalid HTML" in completed.stdout


@pytest.mark.parametrize("template", ["base.html", "partials/nav-item.html", "partials/toc.html"])
def test_our_copies_of_material_templates_match_the_installed_material(template):
    """overrides/ holds changed copies of three Material templates (for valid, accessible HTML).
    On another Material version, copy them again from it and redo the changes their headers list."""
    assert importlib.metadata.version("mkdocs-material") == "9.8.1"
    assert "Material for MkDocs 9.8.1" in (PROJECT_ROOT / "overrides" / template).read_text(encoding="utf-8").splitlines()[0]
