"""From a case-study issue to a pull request (.github/workflows/case-study-issue.yml).

GitHub writes the answers of an issue form (.github/ISSUE_TEMPLATE/case-study.yml) into the
issue's text as `### <label>` headings, each followed by the answer ("_No response_" when
empty; "- [X] <option>" for ticked boxes). This module reads them back with the form itself
(labels to field ids, options to vocabulary ids), checks every answer with the case-study
checker's rules, writes case_studies/<folder>/en.md (and cy.md when the Welsh version is
complete) with the same code as `make new-case-study` (exchange/content/case_study_files.py), runs the
case-study checks on the new folder, and says what the workflow should do:

- `pull_request`: the files are written and pass the checks; the pull request's title and
  text (which closes the issue) are given;
- `comment`: something must be fixed; nothing is written (a folder written for the checks is
  removed again), and the comment lists each problem in plain words, in the language the
  submitter chose (or wrote in). The issue stays open, so nothing is lost: the submitter edits
  the issue and the workflow runs again.

Nothing from the issue reaches the comment unescaped: the problems quote no raw HTML.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from exchange import PROJECT_ROOT
from exchange.core import vocabulary
from exchange.content.case_studies import case_studies_dir, check_paths, check_value
from exchange.core.frontmatter import Document
from exchange.content.markdown_safety import check_body
from exchange.content.case_study_files import english_file, slug_problems, suggest_slug, welsh_file
from exchange.core.problems import Problem
from exchange.core.strings import translate
from exchange.welsh.translations import revision_of

ISSUE_FORM = PROJECT_ROOT / ".github" / "ISSUE_TEMPLATE" / "case-study.yml"
WAITING_LIST = PROJECT_ROOT / "translations-waiting.yml"
LABEL = "case study"
NO_RESPONSE = "_No response_"
OPTION_ID = re.compile(r"\(([a-z0-9-]+)\)\s*$")
TICKED = re.compile(r"^\s*[-*]\s*\[([ xX])\]\s*(.*?)\s*$")
HEADING = re.compile(r"^###\s+(.*?)\s*#*\s*$")
LONGEST_TITLE = 200  # characters of a pull request's title taken from the issue

# The form's fields whose answers go straight into the files, by the checker's field names.
ENGLISH_TEXT = {"title_en": "title", "summary": "summary", "organisation": "organisation", "contact_role": "contact_role"}
WELSH_TEXT = {"title_cy": "title", "summary_cy": "summary", "organisation_cy": "organisation", "contact_role_cy": "contact_role"}
REQUIRED = ("title_en", "summary", "organisation", "organisation_type", "local_authority", "published",
            "source_document", "source_url", "text")


@dataclass(frozen=True)
class FormField:
    id: str
    kind: str               # input, textarea, dropdown, checkboxes
    label: str
    options: tuple[str, ...] = ()   # option labels (dropdown, checkboxes)


@dataclass
class Outcome:
    action: str                     # "pull_request", "comment" or "ignore"
    language: str = "en"
    slug: str = ""
    files: list[str] = field(default_factory=list)   # written, relative to the project
    problems: list[str] = field(default_factory=list)
    title: str = ""                 # the pull request's
    body: str = ""                  # the pull request's text, or the comment
    thanks: str = ""                # the comment on the issue once the pull request is open (+ its address)

    def as_dict(self) -> dict[str, Any]:
        return {"action": self.action, "language": self.language, "slug": self.slug, "files": self.files,
                "problems": self.problems, "title": self.title, "body": self.body, "thanks": self.thanks}


def form_fields(path: Path = ISSUE_FORM) -> list[FormField]:
    form = yaml.safe_load(path.read_text(encoding="utf-8"))
    fields = []
    for item in form["body"]:
        if "id" not in item:
            continue
        attributes = item["attributes"]
        options = tuple(option["label"] if isinstance(option, dict) else option for option in attributes.get("options", ()))
        fields.append(FormField(item["id"], item["type"], attributes["label"].strip(), options))
    return fields


def parse_body(body: str, fields: list[FormField]) -> tuple[dict[str, Any], list[str]]:
    """The answers by field id (text, an option's id, or a list of ids for boxes), and the
    headings that are not the form's (another template, or an edited issue)."""
    by_label = {_fold(item.label): item for item in fields}
    sections: list[tuple[str, list[str]]] = []
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        heading = HEADING.match(line)
        if heading:
            sections.append((heading.group(1), []))
        elif sections:
            sections[-1][1].append(line)
    answers: dict[str, Any] = {}
    unknown = []
    for heading, lines in sections:
        item = by_label.get(_fold(heading))
        if item is None:
            unknown.append(heading)
            continue
        text = "\n".join(lines).strip("\n").rstrip()
        text = _dedent(text)
        if text.strip() == NO_RESPONSE:
            text = ""
        if item.kind == "checkboxes":
            answers[item.id] = [option_id(label) or label for mark, label in _ticks(text) if mark.lower() == "x"]
        elif item.kind == "dropdown":
            answers[item.id] = (option_id(text) or text) if text else ""
        else:
            answers[item.id] = text
    return answers, unknown


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _dedent(text: str) -> str:
    lines = text.split("\n")
    indents = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
    cut = min(indents) if indents else 0
    return "\n".join(line[cut:] for line in lines).strip()


def _ticks(text: str) -> list[tuple[str, str]]:
    return [(match.group(1), match.group(2)) for match in map(TICKED.match, text.split("\n")) if match]


def option_id(label: str) -> str:
    """An issue form option's vocabulary id: 'Cardiff / Caerdydd (cardiff)' -> 'cardiff'."""
    match = OPTION_ID.search(label.strip())
    return match.group(1) if match else ""


def reply_language(answers: dict[str, Any]) -> str:
    """The language chosen on the form; without a choice, Welsh when only Welsh was written."""
    chosen = answers.get("language", "")
    if chosen in ("en", "cy"):
        return chosen
    english = any(answers.get(name) for name in ("title_en", "summary", "text"))
    welsh = any(answers.get(name) for name in ("title_cy", "summary_cy", "text_cy"))
    return "cy" if welsh and not english else "en"


# ---------------------------------------------------------------- checking the answers


def answer_problems(answers: dict[str, Any], fields: list[FormField], root: Path, language: str, today: dt.date | None = None) -> list[str]:
    """Every problem with the answers, each naming the form's field (in plain words)."""
    labels = {item.id: item.label for item in fields}
    options = {item.id: [option_id(option) for option in item.options] for item in fields}
    problems: list[str] = []

    def say(field_id: str, message: str) -> None:
        problems.append(translate("intake.problem", language, field=labels.get(field_id, field_id), message=message))

    for name in REQUIRED:
        if not answers.get(name):
            say(name, translate("intake.missing", language))
    welsh_only = not answers.get("title_en") and answers.get("title_cy")
    if welsh_only:
        problems.append(translate("intake.english_needed", language))
    for form_id, checker_name in {**ENGLISH_TEXT, **WELSH_TEXT}.items():
        if answers.get(form_id):
            for message in check_value(checker_name, answers[form_id], today):
                say(form_id, message)
    for name, kind in (("organisation_type", "organisation_types"), ("local_authority", "local_authorities"), ("region", "regions")):
        value = answers.get(name, "")
        if value and value not in vocabulary.identifiers(kind):
            say(name, translate("intake.not_an_option", language))
    for name in ("themes", "audiences"):
        unknown = [value for value in answers.get(name, []) if value not in options.get(name, [])]
        if unknown:
            say(name, translate("intake.not_an_option", language))
        elif not answers.get(name):
            say(name, translate("intake.choose_one", language))
    authority = answers.get("local_authority", "")
    if authority in vocabulary.identifiers("local_authorities"):
        authority_region = vocabulary.entry("local_authorities", authority)["region"]
        region = answers.get("region", "")
        if authority_region == "wales" and not region:
            say("region", translate("intake.region_needed", language))
        elif authority_region != "wales" and region not in ("", authority_region):
            say("region", translate("intake.region_mismatch", language, region=vocabulary.label("regions", authority_region, language)))
    if answers.get("published"):
        for message in check_value("published", answers["published"], today):
            say("published", message)
    if answers.get("source_document") and answers.get("source_url"):
        for message in check_value("source", {"document": answers["source_document"], "url": answers["source_url"]}, today):
            say("source_url", message)
    if len(answers.get("no_child_identified", [])) < 2:
        say("no_child_identified", translate("intake.confirm", language))
    welsh = [name for name in ("title_cy", "summary_cy", "organisation_cy", "text_cy") if answers.get(name)]
    if welsh and not welsh_only and len(welsh) < 4:
        missing = [labels[name] for name in ("title_cy", "summary_cy", "organisation_cy", "text_cy") if not answers.get(name)]
        problems.append(translate("intake.welsh_incomplete", language, fields=", ".join(missing)))
    if answers.get("contact_role") and welsh and not answers.get("contact_role_cy"):
        say("contact_role_cy", translate("intake.missing", language))
    slug = answers.get("slug") or suggest_slug(answers.get("title_en", ""))
    for name in ("text", "text_cy"):
        if answers.get(name):
            text = Document(path=root / (slug or "new") / "en.md", meta={}, body=answers[name], body_line=1)
            for problem in check_body(text):
                say(name, translate("intake.text_line", language, line=problem.line, message=problem.message))
    if (answers.get("title_en") or answers.get("slug")) and slug and (root / slug).exists():
        say("slug", translate("intake.slug_taken", language, slug=slug))
    elif answers.get("title_en") or answers.get("slug"):
        for message in slug_problems(slug, root):
            say("slug", message)
    return problems


def _answers_for_files(answers: dict[str, Any]) -> dict[str, Any]:
    authority = answers["local_authority"]
    region = vocabulary.entry("local_authorities", authority)["region"]
    return {
        **{checker: answers.get(name, "") for name, checker in ENGLISH_TEXT.items()},
        **{name: answers.get(name, "") for name in WELSH_TEXT},
        "organisation_type": answers["organisation_type"],
        "local_authority": authority,
        "region": answers.get("region") if region == "wales" else region,
        "themes": answers["themes"],
        "audiences": answers["audiences"],
        "published": answers["published"],
        "source_document": answers["source_document"],
        "source_url": answers["source_url"],
    }


# ---------------------------------------------------------------- the whole way


def process_event(event: dict[str, Any], root: Path | None = None, project: Path = PROJECT_ROOT,
                  waiting_list: Path | None = None, form: Path = ISSUE_FORM, today: dt.date | None = None) -> Outcome:
    """What to do with an `issues` event's issue; writes the files when all is well."""
    root = Path(root) if root is not None else case_studies_dir()
    waiting_list = waiting_list if waiting_list is not None else project / WAITING_LIST.name
    issue = event.get("issue") or {}
    labels = {label.get("name") for label in issue.get("labels") or [] if isinstance(label, dict)}
    if LABEL not in labels or issue.get("pull_request"):
        return Outcome("ignore")
    fields = form_fields(form)
    body = issue.get("body") or ""
    answers, unknown = parse_body(body, fields)
    language = reply_language(answers)
    number = issue.get("number", 0)
    if not body.strip():
        return _comment(language, [translate("intake.empty", language)])
    if not answers or len(unknown) > len(answers):
        return _comment(language, [translate("intake.other_template", language)])
    problems = answer_problems(answers, fields, root, language, today)
    if problems:
        return _comment(language, problems)

    values = _answers_for_files(answers)
    slug = answers.get("slug") or suggest_slug(answers["title_en"])
    folder = root / slug
    folder.mkdir(parents=True)
    english = folder / "en.md"
    english.write_text(english_file(values, body=answers["text"], confirmed=True), encoding="utf-8")
    written = [english]
    has_welsh = bool(answers.get("text_cy"))
    if has_welsh:
        welsh = folder / "cy.md"
        welsh.write_text(welsh_file(values, body=answers["text_cy"], revision=revision_of(english)), encoding="utf-8")
        written.append(welsh)
    found = [problem for problem in check_paths([folder], root) if problem.severity == "error"]
    if found:
        shutil.rmtree(folder)
        return _comment(language, [_plain(problem) for problem in found])
    if not has_welsh:
        _add_to_waiting_list(waiting_list, _relative(english, project))
        written.append(waiting_list)
    files = [_relative(path, project) for path in written]
    title = f"Case study: {answers['title_en']}"[:LONGEST_TITLE]
    # GitHub's keyword, which closes the issue when the pull request is merged, in English.
    text = f"Closes #{number}.\n\n" + translate("intake.pull_request", language, slug=slug,
                     files="\n".join(f"- `{name}`" for name in files),
                     welsh=translate("intake.welsh_included" if has_welsh else "intake.welsh_waiting", language))
    return Outcome("pull_request", language, slug, files, [], title, text, translate("intake.ready", language))


def _comment(language: str, problems: list[str]) -> Outcome:
    safe = [_safe(problem) for problem in problems]
    text = translate("intake.comment", language, problems="\n".join(f"- {problem}" for problem in safe))
    return Outcome("comment", language, problems=safe, body=text)


def _plain(problem: Problem) -> str:
    """A checker's problem about a written file, named as the form names it."""
    return f"{Path(problem.path).name}, {problem.line}: {problem.message}" if problem.path else problem.message


def _safe(text: str) -> str:
    """No live HTML, no mentions that would notify someone, no broken code spans."""
    return html.escape(text, quote=False).replace("@", "@\u200b").replace("`", "'")


def _relative(path: Path, project: Path) -> str:
    try:
        return path.resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _add_to_waiting_list(path: Path, entry: str) -> None:
    """Add `- entry` to translations-waiting.yml's list, keeping its comments."""
    text = path.read_text(encoding="utf-8") if path.is_file() else "waiting: []\n"
    if re.search(r"^waiting:\s*\[\]\s*$", text, flags=re.M):
        text = re.sub(r"^waiting:\s*\[\]\s*$", f"waiting:\n  - {entry}", text, count=1, flags=re.M)
    else:
        text = text.rstrip("\n") + f"\n  - {entry}\n"
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    if entry not in (yaml.safe_load(text) or {}).get("waiting", []):
        raise ValueError(f"{path}: could not add {entry} to the 'waiting' list")

