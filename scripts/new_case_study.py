#!/usr/bin/env python3
"""Start a new case study in both languages: `make new-case-study`.

Asks for the essentials (titles, organisation, type, local authority, themes, audiences,
source), checks each answer with the case-study checker's own rules, writes
case_studies/<folder>/en.md and cy.md from a template with 'TODO' notes where there is still
something to write, runs the checker on the new folder and says what to do next.

Every question has a flag, so it can also run without questions:

    scripts/new_case_study.py --no-input --title "..." --summary "..." --organisation "..." \
        --type school --authority cardiff --themes leadership,data --audiences practitioners \
        --source-document "..." --source-url https://...

It never overwrites: if the folder exists, it stops.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any, Callable, TextIO

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exchange.core import vocabulary  # noqa: E402
from exchange.content.case_studies import RESERVED_SLUGS, SLUG, case_studies_dir, check_paths, check_value  # noqa: E402
from exchange.core.data_files import load_data  # noqa: E402
from exchange.core.problems import display_path, format_problems, has_errors  # noqa: E402

SLUG_LENGTH = 60


class Cancelled(Exception):
    """The editor ended the questions (Ctrl-D or Ctrl-C)."""


class BadAnswer(Exception):
    """A flag's value is not valid and there is no one to ask again (--no-input)."""


# ---------------------------------------------------------------- answers and their checks


def suggest_slug(title: str) -> str:
    """A folder name from a title: 'Café mornings for carers' -> 'cafe-mornings-for-carers'."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > SLUG_LENGTH:
            break
        slug = candidate
    return slug or (words[0][:SLUG_LENGTH] if words else "")


def slug_problems(slug: str, root: Path) -> list[str]:
    if not SLUG.match(slug):
        return [f"'{slug}' is not a valid folder name: use lowercase letters, digits and hyphens, like 'cardiff-termly-reviews'"]
    if slug in RESERVED_SLUGS:
        return [f"'{slug}' is reserved for the site's own pages: choose another name"]
    if (root / slug).exists():
        return [f"{display_path(root / slug)} already exists: choose another name (this script never overwrites a case study)"]
    return []


def text_problems(name: str, required: bool) -> Callable[[str], list[str]]:
    def check(value: str) -> list[str]:
        if not value and not required:
            return []
        return check_value(name, value)
    return check


def date_problems(value: str) -> list[str]:
    return check_value("published", value)


def yaml_text(value: str) -> str:
    """A string as a YAML double-quoted scalar (JSON's quoting is valid YAML)."""
    quoted = json.dumps(value, ensure_ascii=False)
    if yaml.safe_load(quoted) != value:  # rare characters YAML reads differently
        quoted = json.dumps(value)
    return quoted


def yaml_date(value: str) -> str:
    """A full date unquoted (YAML reads it as a date); a year or a month in quotes."""
    return value if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else yaml_text(value)


# ---------------------------------------------------------------- asking


class Asker:
    """Asks a question until the answer passes its check; prints numbered menus."""

    def __init__(self, interactive: bool, read: Callable[[str], str] = input, out: TextIO = sys.stdout):
        self.interactive = interactive
        self.read = read
        self.out = out

    def say(self, text: str = "") -> None:
        print(text, file=self.out)

    def _read(self, prompt: str) -> str:
        try:
            return self.read(prompt).strip()
        except (EOFError, KeyboardInterrupt) as error:
            raise Cancelled() from error

    def _given(self, value: Any, check: Callable[[Any], list[str]], flag: str, missing: str) -> Any:
        """The value given on the command line if it passes its check; None: ask for it.
        Without a terminal to ask on, a bad or missing value is an error (`missing` says why)."""
        if value is None:
            if not self.interactive:
                raise BadAnswer(missing)
            return None
        problems = check(value)
        if not problems:
            return value
        if not self.interactive:
            raise BadAnswer(f"{flag}: " + "; ".join(problems))
        self.say(f"{flag}: " + "; ".join(problems))
        return None

    def text(self, flag_value: str | None, question: str, check: Callable[[str], list[str]], default: str = "", flag: str = "") -> str:
        if flag_value is None and not self.interactive and not check(default):
            return default
        given = self._given(flag_value.strip() if flag_value is not None else None, check, flag, f"{flag} is needed: {'; '.join(check(default))}")
        if given is not None:
            return given
        prompt = f"{question}{f' [{default}]' if default else ''}: "
        while True:
            answer = self._read(prompt) or default
            problems = check(answer)
            if not problems:
                return answer
            for problem in problems:
                self.say(f"  Sorry: {problem}")

    def choice(self, flag_value: str | None, question: str, kind: str, field: str, flag: str, options: list[str] | None = None) -> str:
        options = options or vocabulary.identifiers(kind)

        def check(value: str) -> list[str]:
            problems = check_value(field, value)
            if not problems and value not in options:
                problems = [f"'{value}' is not one of {', '.join(options)}"]
            return problems

        given = self._given(flag_value.strip() if flag_value is not None else None, check, flag, f"{flag} is needed: use one of {', '.join(options)}")
        if given is not None:
            return given
        self._menu(question, kind, options)
        while True:
            answer = self._read("Type a number: ")
            value = self._pick(answer, options)
            problems = check(value) if value else [f"type a number from 1 to {len(options)}"]
            if not problems:
                self.say(f"  -> {vocabulary.label(kind, value, 'en')} ({value})")
                return value
            for problem in problems:
                self.say(f"  Sorry: {problem}")

    def choices(self, flag_value: str | None, question: str, kind: str, field: str, flag: str) -> list[str]:
        options = vocabulary.identifiers(kind)

        def check(values: list[str]) -> list[str]:
            return check_value(field, values)

        values = [value.strip() for value in flag_value.split(",") if value.strip()] if flag_value is not None else None
        given = self._given(values, check, flag, f"{flag} is needed: give one or more of {', '.join(options)}, separated by commas")
        if given is not None:
            return given
        self._menu(question, kind, options)
        while True:
            answer = self._read("Type one or more numbers, separated by commas (for example 1,3): ")
            picked = [self._pick(part, options) for part in answer.split(",") if part.strip()]
            if picked and all(picked):
                values = list(dict.fromkeys(picked))
                problems = check(values)
                if not problems:
                    self.say("  -> " + ", ".join(vocabulary.label(kind, value, "en") for value in values))
                    return values
            else:
                problems = [f"type numbers from 1 to {len(options)}, separated by commas"]
            for problem in problems:
                self.say(f"  Sorry: {problem}")

    def _menu(self, question: str, kind: str, options: list[str]) -> None:
        self.say()
        self.say(question)
        for number, value in enumerate(options, start=1):
            self.say(f"  {number:>2}. {vocabulary.label(kind, value, 'en')} / {vocabulary.label(kind, value, 'cy')}  ({value})")

    @staticmethod
    def _pick(answer: str, options: list[str]) -> str:
        answer = answer.strip()
        if answer.isdigit() and 1 <= int(answer) <= len(options):
            return options[int(answer) - 1]
        return answer if answer in options else ""


# ---------------------------------------------------------------- the files


def english_file(answers: dict) -> str:
    lines = [
        "---",
        f"title: {yaml_text(answers['title'])}",
        f"summary: {yaml_text(answers['summary'])}",
        f"organisation: {yaml_text(answers['organisation'])}",
    ]
    if answers["contact_role"]:
        lines.append(f"contact_role: {yaml_text(answers['contact_role'])}")
    lines += [
        f"organisation_type: {answers['organisation_type']}",
        f"local_authority: {answers['local_authority']}",
        f"region: {answers['region']}",
        f"themes: [{', '.join(answers['themes'])}]",
        f"audiences: [{', '.join(answers['audiences'])}]",
        f"published: {yaml_date(answers['published'])}",
        "source:",
        f"  document: {yaml_text(answers['source_document'])}",
        f"  url: {yaml_text(answers['source_url'])}",
        "# Change false to true once you have checked that no child can be identified",
        "# from the text or the pictures (no names, photos or detailed circumstances).",
        "no_child_identified: false",
        "---",
        "",
        "TODO: in two or three short paragraphs, say what you did, who it was for and why.",
        "Never name a child or describe one in a way that could identify them.",
        "",
        "## What we did",
        "",
        "TODO: the steps you took, who was involved and how long it took.",
        "",
        "## What difference it made",
        "",
        "TODO: what changed for the children and young people, and how you know.",
        "",
        "## What we learned",
        "",
        "TODO: what you would tell another school, council or consortium trying the same.",
        "",
    ]
    return "\n".join(lines)


def welsh_file(answers: dict) -> str:
    def field(name: str, todo: str) -> str:
        value = answers.get(f"{name}_cy") or f"TODO: {todo}"
        return f"{name}: {yaml_text(value)}"

    lines = [
        "---",
        "# CYMRAEG / WELSH: translate each value and the text below; keep the field names in English.",
        "# Only these fields belong here: the others are shared and set in en.md.",
        field("title", "teitl yn Gymraeg (Welsh title)"),
        field("summary", "crynodeb yn Gymraeg (Welsh summary)"),
        field("organisation", "enw'r sefydliad yn Gymraeg (the organisation's name in Welsh)"),
    ]
    if answers["contact_role"]:
        lines.append(field("contact_role", "y rôl gyswllt yn Gymraeg (the contact role in Welsh)"))
    lines += [
        "---",
        "",
        "TODO: cyfieithwch destun en.md yma, gyda'r un penawdau '## '.",
        "(Translate the text of en.md here, with the same '## ' headings.)",
        "",
    ]
    return "\n".join(lines)


def next_steps(folder: Path, slug: str) -> str:
    shown = display_path(folder)
    return f"""
What to do next
  1. Open {shown}/en.md and replace every 'TODO' note with your own words.
  2. Check that no child can be identified from the text or the pictures, then change
     'no_child_identified: false' to 'no_child_identified: true' in en.md.
  3. Put any pictures in {shown}/ and show them with ![what the picture shows](name.jpg).
  4. Welsh: translate {shown}/cy.md (see 'Welsh translation' in CONTRIBUTING.md), then record
     which English text it translates: scripts/check_translations.py --stamp {shown}/cy.md
     If no one can translate it yet, delete cy.md and add '- {display_path(folder / "en.md")}' to
     translations-waiting.yml: the Welsh site then shows the English text, marked as not
     translated.
  5. Run 'make check' until it reports 0 errors, and 'make serve' to see the page at
     http://127.0.0.1:8000/case-studies/{slug}/
  6. Open a pull request (see CONTRIBUTING.md)."""


# ---------------------------------------------------------------- main


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Write a new case study (en.md and cy.md) from the template, then check it.")
    add = parser.add_argument
    add("--title", help="title in English (up to 120 characters)")
    add("--title-cy", help="title in Welsh (optional)")
    add("--summary", help="one or two sentences in English saying what was done")
    add("--summary-cy", help="the summary in Welsh (optional)")
    add("--organisation", help="the organisation's name in English")
    add("--organisation-cy", help="the organisation's name in Welsh (optional)")
    add("--contact-role", help="a role to contact, never a person's name (optional)")
    add("--contact-role-cy", help="the contact role in Welsh (optional)")
    add("--type", dest="organisation_type", help="type of organisation: " + ", ".join(vocabulary.identifiers("organisation_types")))
    add("--authority", dest="local_authority", help="local authority: " + ", ".join(vocabulary.identifiers("local_authorities")))
    add("--region", help="region (needed only with --authority wales): " + ", ".join(vocabulary.identifiers("regions")))
    add("--themes", help="themes, separated by commas: " + ", ".join(vocabulary.identifiers("themes")))
    add("--audiences", help="audiences, separated by commas: " + ", ".join(vocabulary.identifiers("audiences")))
    add("--published", help="date published: YYYY-MM-DD, YYYY-MM or YYYY (default: today)")
    add("--source-document", help="the name of the document that describes the work, or one of the site's sources")
    add("--source-url", help="the web address of that document (https://...)")
    add("--slug", help="the folder name (default: made from the title)")
    add("--root", type=Path, help="the case studies folder (default: case_studies/)")
    add("--no-input", action="store_true", help="never ask: fail if a needed flag is missing or wrong")
    return parser.parse_args(argv)


def ask_everything(arguments: argparse.Namespace, asker: Asker, root: Path, today: dt.date) -> dict:
    say = asker.say
    answers: dict = {}
    say("New case study. Answer in plain words; press Enter to accept a [default].")
    say("Never name a child or give details that could identify one.")
    say()
    answers["title"] = asker.text(arguments.title, "Title in English", text_problems("title", True), flag="--title")
    answers["title_cy"] = asker.text(arguments.title_cy, "Title in Welsh (optional: press Enter to leave it for a translator)", text_problems("title", False), flag="--title-cy")
    answers["summary"] = asker.text(arguments.summary, "Summary in English: one or two sentences saying what was done", text_problems("summary", True), flag="--summary")
    if answers["title_cy"]:
        answers["summary_cy"] = asker.text(arguments.summary_cy, "Summary in Welsh (optional)", text_problems("summary", False), flag="--summary-cy")
    elif arguments.summary_cy:
        answers["summary_cy"] = asker.text(arguments.summary_cy, "", text_problems("summary", False), flag="--summary-cy")
    answers["organisation"] = asker.text(arguments.organisation, "Name of the organisation, in English", text_problems("organisation", True), flag="--organisation")
    if answers["title_cy"] or arguments.organisation_cy:
        answers["organisation_cy"] = asker.text(arguments.organisation_cy, "Name of the organisation in Welsh (optional)", text_problems("organisation", False), flag="--organisation-cy")
    answers["contact_role"] = asker.text(arguments.contact_role, "A role people can contact, such as 'Designated person' – never a name (optional)", text_problems("contact_role", False), flag="--contact-role")
    if answers["contact_role"] and (answers["title_cy"] or arguments.contact_role_cy):
        answers["contact_role_cy"] = asker.text(arguments.contact_role_cy, "The contact role in Welsh (optional)", text_problems("contact_role", False), flag="--contact-role-cy")
    answers["organisation_type"] = asker.choice(arguments.organisation_type, "Type of organisation", "organisation_types", "organisation_type", "--type")
    answers["local_authority"] = asker.choice(arguments.local_authority, "Local authority (choose Wales-wide for work across Wales or a region)", "local_authorities", "local_authority", "--authority")
    authority_region = vocabulary.entry("local_authorities", answers["local_authority"])["region"]
    if authority_region == "wales":
        answers["region"] = asker.choice(arguments.region, "Region (the regional education consortium, or Wales-wide)", "regions", "region", "--region")
    else:
        if arguments.region not in (None, authority_region):
            message = f"--region: {answers['local_authority']} was in '{authority_region}' (2017-2021), not '{arguments.region}'"
            if not asker.interactive:
                raise BadAnswer(message)
            say(message)
        answers["region"] = authority_region
        say(f"  Region: {vocabulary.label('regions', authority_region, 'en')} ({authority_region}), from the local authority")
    answers["themes"] = asker.choices(arguments.themes, "Themes of the national plan this work supports", "themes", "themes", "--themes")
    answers["audiences"] = asker.choices(arguments.audiences, "Who would find it useful", "audiences", "audiences", "--audiences")
    answers["published"] = asker.text(arguments.published, "Date it was published (YYYY-MM-DD, or YYYY-MM or YYYY if the day is not known)", date_problems, default=today.isoformat(), flag="--published")
    sources = ", ".join(load_data("sources"))
    answers["source_document"] = asker.text(arguments.source_document, f"Name of the document that describes the work (or one of the site's sources: {sources})", lambda value: check_value("source", {"document": value, "url": "https://example.org/x"}), flag="--source-document")
    answers["source_url"] = asker.text(arguments.source_url, "Web address of that document (https://...)", lambda value: check_value("source", {"document": answers["source_document"], "url": value}), flag="--source-url")
    answers["slug"] = asker.text(arguments.slug, "Folder name", lambda value: slug_problems(value, root), default=suggest_slug(answers["title"]), flag="--slug")
    return answers


def main(argv: list[str] | None = None, read: Callable[[str], str] = input, out: TextIO = sys.stdout) -> int:
    arguments = parse_arguments(argv)
    root = (arguments.root or case_studies_dir()).resolve()
    asker = Asker(interactive=not arguments.no_input, read=read, out=out)
    try:
        answers = ask_everything(arguments, asker, root, dt.date.today())
    except Cancelled:
        print("\nStopped: nothing was written.", file=out)
        return 1
    except BadAnswer as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    folder = root / answers["slug"]
    try:
        folder.mkdir(parents=True)  # fails if it exists: never overwrite
    except FileExistsError:
        print(f"error: {display_path(folder)} already exists: nothing was written", file=sys.stderr)
        return 1
    (folder / "en.md").write_text(english_file(answers), encoding="utf-8")
    (folder / "cy.md").write_text(welsh_file(answers), encoding="utf-8")
    print(f"\nWrote {display_path(folder / 'en.md')} and {display_path(folder / 'cy.md')}.", file=out)
    problems = check_paths([folder], root)
    print("\nThe checker says (the 'TODO' notes and 'no_child_identified' are expected until you finish):" if has_errors(problems) else "\nThe checker found no problems.", file=out)
    if problems:
        print(format_problems(problems), file=out)
    print(next_steps(folder, answers["slug"]), file=out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
