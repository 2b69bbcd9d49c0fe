"""Collections of records – case studies, resources, news posts, events – read and checked by
one set of functions.

A collection is described by a `Schema`: the fields of a record (`Field`), the noun that
names one record in messages, and the layout of its files:

- FOLDERS: one folder per record, `<slug>/en.md` and `<slug>/cy.md` (Markdown with front
  matter). Fields shared by both languages are written once, in en.md; fields of one
  language are in each language's file. Pictures may sit beside them if the schema says so.
- YAML_FILES: one YAML file per record, `<slug>.yml`. Shared fields are written once; a
  field of one language is written as `{en: ..., cy: ...}`, so the two languages sit side
  by side.

`load_collection` reads every record, checks every field with one engine (`check_field`),
applies the rules across records (no two titles alike in a language), and returns the
typed records its `build` function makes, and every problem found. Nothing is dropped
silently: a record with an error is left out of the records *and* reported, so that the
checker exits 1 and the strict build fails.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from exchange import LANGUAGES
from exchange.core import vocabulary
from exchange.core.data_files import load_data
from exchange.core.frontmatter import Document, read_document, read_yaml_file
from exchange.content.markdown_safety import PICTURE_SUFFIXES, check_body, html_in_text
from exchange.core.problems import Problem, display_path

FOLDERS, YAML_FILES = "folders", "yaml files"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED_SLUGS = frozenset({"index", "search", "share", "assets"})
PARTIAL_DATE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2}))?$")
# No quotes, angle brackets or backticks: the address is written into an href attribute.
URL = re.compile(r"^https?://[^\s/$.?#\"'<>`][^\s\"'<>`]*\.[^\s\"'<>`]+$", re.IGNORECASE)
TIME = re.compile(r"^(?:[01]\d|2[0-3]):[0-5]\d$")
# Left by the templates of the scripts that start a record, where the editor still has to write.
PLACEHOLDER = re.compile(r"\bTODO\b")
FOLDER_NOTES = {"README.md"}  # files allowed beside the records
# In cy.md: the revision of en.md the Welsh text translates (exchange/welsh/translations.py).
TRANSLATION_REVISION_FIELD = "translated_from"
# What an editor writes when the sources do not give a fact: said openly, never guessed.
UNKNOWN = "unknown"
LANGUAGE_NAMES = {"en": "English", "cy": "Welsh"}
BUILD_DATE_VARIABLE = "EXCHANGE_BUILD_DATE"


def build_date() -> dt.date:
    """The day the site is built: today, or the day EXCHANGE_BUILD_DATE gives (YYYY-MM-DD).

    It decides which events are upcoming and which dates are "in the future"; the variable
    lets tests build the site as it will look on another day.
    """
    value = os.environ.get(BUILD_DATE_VARIABLE, "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{BUILD_DATE_VARIABLE}='{value}' is not a date: write it as YYYY-MM-DD, or unset it to use today's date") from None


# ---------------------------------------------------------------- fields


@dataclass(frozen=True)
class Field:
    kind: str  # text, choice, choices, date, year, url, time, flag (yes or no), source, confirmation
    shared: bool = True  # True: written once (en.md, or once in a YAML record); False: per language
    required: bool = True
    vocabulary: str | None = None  # a kind in vocabulary.yml, or "sources" (exchange/data/sources.yml)
    max_length: int | None = None
    help: str = ""
    values: tuple[str, ...] = ()  # the allowed values of a choice, when no vocabulary names them
    unknown: bool = False  # the word 'unknown' is allowed: the sources do not give this fact
    none_means: str = ""  # an empty value is allowed and means this (e.g. "not yet checked")
    welsh: bool = True  # a per-language field of a YAML record: False when the Welsh value is optional
    future: bool = False  # a date or year may be after the build date (events)
    precision: str = "partial"  # dates: "partial" (YYYY, YYYY-MM or a day) or "day"


@dataclass(frozen=True)
class PartialDate:
    """A date as precise as the source gives it: a year, a month or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    @property
    def is_day(self) -> bool:
        return self.day is not None

    def isoformat(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{part:02d}" for part in (self.month, self.day) if part]
        return "-".join(parts)

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        """The last day the date can mean: the day itself, the month's last day, 31 December."""
        if self.day:
            return dt.date(self.year, self.month, self.day)
        if self.month:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, 12, 31)


def parse_partial_date(value: Any) -> PartialDate | None:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2100:
        return PartialDate(value)
    if isinstance(value, str):
        match = PARTIAL_DATE.match(value.strip())
        if match and (match.group("month") is None or 1 <= int(match.group("month")) <= 12):
            month = match.group("month")
            return PartialDate(int(match.group("year")), int(month) if month else None)
        try:
            return parse_partial_date(dt.date.fromisoformat(value.strip()))
        except ValueError:
            return None
    return None


def is_unknown(value: Any) -> bool:
    return isinstance(value, str) and value.strip().casefold() == UNKNOWN


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == [] or value == {}


def suggest(value: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'? " if close else ""


def allowed_values(spec: Field) -> list[str]:
    if spec.values:
        return list(spec.values)
    if spec.vocabulary == "sources":
        return list(load_data("sources"))
    return vocabulary.identifiers(spec.vocabulary)


def _help(spec: Field) -> str:
    if spec.help:
        return spec.help
    if spec.vocabulary or spec.values:
        return "one of " + ", ".join(allowed_values(spec))
    return "see CONTRIBUTING.md"


def check_field(name: str, spec: Field, value: Any, shown: str, line: int, item_lines: list[int] | None = None,
                today: dt.date | None = None, label: str | None = None) -> Iterator[Problem]:
    """Every problem with one field's value. `label` names the field in messages when it is
    not the field's own name (for example 'title.cy', the Welsh value of a YAML record)."""
    label = label or name

    def problem(message: str, at: int | None = None) -> Problem:
        return Problem(shown, at or line, message, field=name)

    if spec.unknown and is_unknown(value):
        return
    if spec.none_means and value is None:
        return
    if is_empty(value):
        unknown_hint = f", or '{UNKNOWN}' if the sources do not say" if spec.unknown else ""
        yield problem(f"field '{label}' is empty: fill it in ({_help(spec)}{unknown_hint})")
        return
    for message, at in _KIND_CHECKS[spec.kind](label, spec, value, item_lines, today or build_date()):
        yield problem(message, at)


def _text(name: str, spec: Field, value: Any, item_lines, today) -> Iterator[tuple[str, int | None]]:
    if not isinstance(value, str):
        yield f"field '{name}' must be text: put it in quotes", None
        return
    if spec.max_length and len(value) > spec.max_length:
        yield f"field '{name}' is {len(value)} characters long: shorten it to {spec.max_length} or fewer", None
    if html_in_text(value):
        yield f"field '{name}' contains HTML (a '<' followed by a letter): write plain text, without tags", None
    if PLACEHOLDER.search(value):
        yield f"field '{name}' still has the template's 'TODO' note: replace it with your own words", None


def _choice(name: str, spec: Field, value: Any, item_lines, today) -> Iterator[tuple[str, int | None]]:
    choices = allowed_values(spec)
    if not isinstance(value, str) or value not in choices:
        yield f"{name}: '{value}' is not one of the allowed values: {suggest(str(value), choices)}use one of {', '.join(choices)}", None


def _choices(name: str, spec: Field, value: Any, item_lines, today) -> Iterator[tuple[str, int | None]]:
    choices = allowed_values(spec)
    values = value if isinstance(value, list) else [value]
    for index, item in enumerate(values):
        if not isinstance(item, str) or item not in choices:
            at = item_lines[index] if item_lines and index < len(item_lines) else None
            yield f"{name}: '{item}' is not one of the allowed values: {suggest(str(item), choices)}use one of {', '.join(choices)}", at
    if isinstance(value, list) and len(set(map(str, value))) != len(value):
        yield f"field '{name}' lists the same value twice: keep one", None


def _date(name: str, spec: Field, value: Any, item_lines, today) -> Iterator[tuple[str, int | None]]:
    yield from ((message, None) for message in date_problems(name, value, today, spec))


def date_problems(name: str, value: Any, today: dt.date | None = None, spec: Field | None = None) -> Iterator[str]:
    spec = spec or Field("date")
    parsed = parse_partial_date(value)
    if parsed is None:
        if spec.precision == "day":
            yield f"{name} '{value}' is not a date: write it as YYYY-MM-DD (for example 2017-05-09)"
        else:
            yield f"{name} '{value}' is not a date: write it as YYYY-MM-DD (for example 2017-05-09), or \"YYYY-MM\" or \"YYYY\" in quotes if the day is not known"
        return
    if spec.precision == "day" and not parsed.is_day:
        yield f"{name} '{parsed.isoformat()}' must be a full date: write it as YYYY-MM-DD (for example 2017-05-09)"
        return
    today = today or build_date()
    if not spec.future and parsed.sort_key > (today.year, today.month if parsed.month else 0, today.day if parsed.day else 0):
        yield f"{name} {parsed.isoformat()} is in the future: give the date it was published"


def _year(name: str, spec: Field, value: Any, item_lines, today) -> Iterator[tuple[str, int | None]]:
    unknown_hint = f", or write '{UNKNOWN}' if the sources do not give it" if spec.unknown else ""
    if isinstance(value, bool) or not isinstance(value, int) or not 1800 <= value <= 2100:
        yield f"{name} '{value}' is not a year: write it as four digits (for example 2016){unknown_hint}", None
    elif not spec.future and value > today.year:
        yield f"{name} {value} is in the future: give the year it was published", None


def _url(name: str, spec: Field, value: Any, item_lines, today) -> Iterator[tuple[str, int | None]]:
    unknown_hint = f", or write '{UNKNOWN}' if the sources give no address" if spec.unknown else ""
    if not isinstance(value, str) or not URL.match(value.strip()):
        yield f"{name} '{value}' is not a web address: write it in full, starting with https:// or http://{unknown_hint}", None


def _time(name: str, spec: Field, value: Any, item_lines, today) -> Iterator[tuple[str, int | None]]:
    if not isinstance(value, str) or not TIME.match(value.strip()):
        yield f"{name} '{value}' is not a time: write it as HH:MM on the 24-hour clock, in quotes (for example \"09:30\")", None


def _flag(name: str, spec: Field, value: Any, item_lines, today) -> Iterator[tuple[str, int | None]]:
    if not isinstance(value, bool):  # YAML reads yes, no, true and false as booleans
        unknown_hint = f", or '{UNKNOWN}' if the sources do not say" if spec.unknown else ""
        yield f"{name} '{value}' must be yes or no{unknown_hint}", None


def _source(name: str, spec: Field, value: Any, item_lines, today) -> Iterator[tuple[str, int | None]]:
    yield from ((message, None) for message in source_problems(value))


def source_problems(value: Any) -> Iterator[str]:
    if not isinstance(value, dict):
        yield "field 'source' must have two lines below it: '  document: ...' and '  url: https://...'"
        return
    for key in sorted(set(value) - {"document", "url"}):
        yield f"source has an unknown field '{key}': {suggest(key, ['document', 'url'])}use 'document' and 'url'"
    document = value.get("document")
    if not isinstance(document, str) or not document.strip():
        yield "source.document is empty: give the name of the document that describes the case study"
    elif html_in_text(document):
        yield "source.document contains HTML (a '<' followed by a letter): write plain text, without tags"
    url = value.get("url")
    if not isinstance(url, str) or not URL.match(url.strip()):
        yield f"source.url '{url}' is not a web address: write it in full, starting with https:// or http://"


def _confirmation(name: str, spec: Field, value: Any, item_lines, today) -> Iterator[tuple[str, int | None]]:
    if value is not True:
        yield f"field '{name}' must be true: check that no child can be identified from the text or pictures, then write '{name}: true'", None


_KIND_CHECKS: dict[str, Callable[..., Iterator[tuple[str, int | None]]]] = {
    "text": _text, "choice": _choice, "choices": _choices, "date": _date, "year": _year,
    "url": _url, "time": _time, "flag": _flag, "source": _source, "confirmation": _confirmation,
}


# ---------------------------------------------------------------- schemas and files


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one object per collection
class Schema:
    noun: str  # one record, in messages: "case study", "news post"
    plural: str  # "case studies"
    fields: dict[str, Field]
    layout: str = FOLDERS
    pictures: bool = False  # pictures may sit beside en.md and cy.md
    body_hint: str | None = "write the text"  # FOLDERS: the text below the front matter is required; None: optional
    welsh_required: bool = False  # FOLDERS: cy.md is required (news and events are published in both languages at once)
    slug: re.Pattern = SLUG
    slug_hint: str = "lowercase words joined by hyphens (like 'rumney-primary-therapies')"
    reserved_slugs: frozenset[str] = RESERVED_SLUGS
    # Rules that need more than one field: given the record's files, they yield problems.
    record_checks: tuple[Callable[["RecordFiles", "Schema"], Iterator[Problem]], ...] = ()
    # Rules on one file of a FOLDERS record (the file's document and its language).
    document_checks: tuple[Callable[[Document, str], Iterator[Problem]], ...] = ()


@dataclass
class RecordFiles:
    """A record as read from its files, before it is made into a typed record."""

    slug: str
    path: Path  # the record's folder (FOLDERS) or file (YAML_FILES)
    main: Document | None  # en.md, or the YAML file: the document with the shared fields
    documents: dict[str, Document] = field(default_factory=dict)  # FOLDERS: by language
    ok: bool = False  # no error was found: the record can be built

    @property
    def meta(self) -> dict[str, Any]:
        return self.main.meta if self.main else {}

    def titles(self) -> Iterator[tuple[str, str, Document, int]]:
        """(language, title, document, line) of every title the record gives."""
        if self.documents:
            for language, document in self.documents.items():
                title = document.meta.get("title")
                if isinstance(title, str) and title.strip():
                    yield language, title.strip(), document, document.line_of("title")
        elif self.main and isinstance(self.meta.get("title"), dict):
            for language, title in self.meta["title"].items():
                if isinstance(title, str) and title.strip():
                    yield language, title.strip(), self.main, self.main.nested_line("title", language)


def check_fields(document: Document, schema: Schema, language: str | None = None, today: dt.date | None = None) -> Iterator[Problem]:
    """Every field rule for one file. `language` is the language of a FOLDERS record's file;
    None for a YAML record, whose fields of one language are `{en: ..., cy: ...}` mappings."""
    shown = display_path(document.path)
    meta = document.meta
    for name in meta:
        line = document.line_of(name)
        if name == TRANSLATION_REVISION_FIELD and language not in (None, "en"):
            continue  # written and checked by scripts/check_translations.py (exchange/welsh/translations.py)
        if name not in schema.fields:
            yield Problem(shown, line, f"unknown field '{name}': {suggest(name, schema.fields)}the fields are {', '.join(schema.fields)}", field=name)
        elif schema.fields[name].shared and language not in (None, "en"):
            yield Problem(shown, line, f"field '{name}' is shared by both languages: set it in en.md only and delete it here", field=name)
    for name, spec in schema.fields.items():
        if spec.shared and language not in (None, "en"):
            continue
        if name not in meta:
            if spec.required:
                unknown_hint = f", or '{UNKNOWN}' if the sources do not say" if spec.unknown else ""
                yield Problem(shown, 1, f"field '{name}' is missing: add a line '{name}: ...' to the {'file' if language is None else 'front matter'} ({_help(spec)}{unknown_hint})", field=name)
            continue
        if language is None and not spec.shared:
            yield from _language_values(document, name, spec, today)
            continue
        items = meta[name] if isinstance(meta[name], list) else []
        yield from check_field(name, spec, meta[name], shown, document.line_of(name), [document.item_line(name, index) for index in range(len(items))], today)


def _language_values(document: Document, name: str, spec: Field, today: dt.date | None) -> Iterator[Problem]:
    """A per-language field of a YAML record: `{en: ..., cy: ...}`, each value checked."""
    shown, line, value = display_path(document.path), document.line_of(name), document.meta[name]
    if spec.unknown and is_unknown(value):
        return
    if not isinstance(value, dict):
        yield Problem(shown, line, f"field '{name}' must give its text in each language: two lines below it, '  en: ...' and '  cy: ...'", field=name)
        return
    for key in value:
        if key not in LANGUAGES:
            yield Problem(shown, document.nested_line(name, str(key)), f"field '{name}' has an unknown language '{key}': {suggest(str(key), LANGUAGES)}use 'en' (English) and 'cy' (Welsh)", field=name)
    for language in LANGUAGES:
        if language not in value:
            if language == "en" or spec.welsh:
                yield Problem(shown, line, f"field '{name}' has no {LANGUAGE_NAMES[language]} text: add a line '  {language}: ...' below it", field=name)
            continue
        yield from check_field(name, spec, value[language], shown, document.nested_line(name, language), today=today, label=f"{name}.{language}")


def check_document(document: Document, language: str, schema: Schema, today: dt.date | None = None) -> Iterator[Problem]:
    """Every rule for one file of a FOLDERS record, without looking at the other files."""
    shown = display_path(document.path)
    yield from check_fields(document, schema, language, today)
    for rule in schema.document_checks:
        yield from rule(document, language)
    if schema.body_hint and not document.body.strip():
        yield Problem(shown, document.body_line, f"the {schema.noun} has no text below the front matter: {schema.body_hint}", field="body")
    for offset, line in enumerate(document.body.splitlines()):
        if PLACEHOLDER.search(line):
            yield Problem(shown, document.body_line + offset, "the text still has the template's 'TODO' note: replace it with your own words", field="body")
    yield from check_body(document)


def read_record_folder(folder: Path, schema: Schema, today: dt.date | None = None) -> tuple[RecordFiles, list[Problem]]:
    """One FOLDERS record: its files read and checked one by one."""
    problems: list[Problem] = []
    slug = folder.name
    shown = display_path(folder)
    if not schema.slug.match(slug) or slug in schema.reserved_slugs:
        problems.append(Problem(f"{shown}/en.md", 1, f"the folder name '{slug}' must be {schema.slug_hint}, and not {', '.join(sorted(schema.reserved_slugs))}"))
    documents: dict[str, Document] = {}
    holds = f"en.md, cy.md and pictures ({', '.join(sorted(PICTURE_SUFFIXES))})" if schema.pictures else "en.md and cy.md"
    for child in sorted(folder.iterdir()):
        if child.name.startswith("."):
            continue
        if child.suffix.lower() == ".md":
            if child.name not in {f"{code}.md" for code in LANGUAGES}:
                problems.append(Problem(display_path(child), 1, f"'{child.name}' would not be published: name the English file en.md and the Welsh file cy.md"))
                continue
            document, found = read_document(child)
            problems.extend(found)
            if document is not None:
                documents[child.stem] = document
                problems.extend(check_document(document, child.stem, schema, today))
        elif child.is_dir() or not schema.pictures or child.suffix.lower() not in PICTURE_SUFFIXES:
            problems.append(Problem(display_path(child), 1, f"'{child.name}' would not be published: a {schema.noun} folder holds {holds} only"))
    if not (folder / "en.md").exists():
        problems.append(Problem(f"{shown}/en.md", 1, f"this {schema.noun} has no English file: every {schema.noun} needs en.md (cy.md is its Welsh translation)"))
    elif schema.welsh_required and not (folder / "cy.md").exists():
        problems.append(Problem(f"{shown}/en.md", 1, f"this {schema.noun} has no Welsh file: write cy.md beside en.md (every {schema.noun} is published in English and Welsh at the same time)"))
    files = RecordFiles(slug, folder, documents.get("en"), documents)
    if files.main is not None and not problems:
        for rule in schema.record_checks:
            problems.extend(rule(files, schema))
    files.ok = files.main is not None and not any(problem.severity == "error" for problem in problems)
    return files, problems


def read_record_file(path: Path, schema: Schema, today: dt.date | None = None) -> tuple[RecordFiles, list[Problem]]:
    """One YAML_FILES record: the file read and checked."""
    problems: list[Problem] = []
    slug = path.stem
    if not schema.slug.match(slug) or slug in schema.reserved_slugs:
        problems.append(Problem(display_path(path), 1, f"the file name '{path.name}' must be {schema.slug_hint} and end in .yml, and not {', '.join(sorted(schema.reserved_slugs))}"))
    document, found = read_yaml_file(path)
    problems.extend(found)
    if document is not None:
        problems.extend(check_fields(document, schema, None, today))
    files = RecordFiles(slug, path, document)
    if document is not None and not problems:
        for rule in schema.record_checks:
            problems.extend(rule(files, schema))
    files.ok = document is not None and not any(problem.severity == "error" for problem in problems)
    return files, problems


def read_record(path: Path, schema: Schema, today: dt.date | None = None) -> tuple[RecordFiles, list[Problem]]:
    return read_record_folder(path, schema, today) if schema.layout == FOLDERS else read_record_file(path, schema, today)


def record_paths(root: Path, schema: Schema) -> tuple[list[Path], list[Problem]]:
    """The records under root, and a problem for every file that is not one (never skipped)."""
    paths: list[Path] = []
    problems: list[Problem] = []
    for child in sorted(root.iterdir()):
        if child.name.startswith(".") or (child.is_file() and child.name in FOLDER_NOTES):
            continue
        if schema.layout == FOLDERS:
            if child.is_dir():
                paths.append(child)
            else:
                problems.append(Problem(display_path(child), 1, f"'{child.name}' is not in a {schema.noun} folder and would not be published: put each {schema.noun} in its own folder, {display_path(root)}/<name>/en.md and cy.md"))
        elif child.is_file() and child.suffix == ".yml":
            paths.append(child)
        else:
            problems.append(Problem(display_path(child), 1, f"'{child.name}' would not be published: each {schema.noun} is one file, {display_path(root)}/<name>.yml"))
    return paths, problems


def check_unique_titles(entries: Iterable[tuple[str, str, Path, int]], noun: str) -> Iterator[Problem]:
    """(language, title, path, line) of every title: no two records share a title in a language."""
    seen: dict[tuple[str, str], Path] = {}
    for language, title, path, line in entries:
        key = (language, title.casefold())
        if key in seen:
            yield Problem(display_path(path), line, f"the title '{title}' is also used by {display_path(seen[key])}: give each {noun} its own title", field="title")
        else:
            seen[key] = path


def _title_entries(files: Iterable[RecordFiles]) -> Iterator[tuple[str, str, Path, int]]:
    for record in files:
        if record.ok:
            for language, title, document, line in record.titles():
                yield language, title, document.path, line


def fingerprint(root: Path) -> tuple:
    return tuple((str(path), path.stat().st_mtime_ns, path.stat().st_size) for path in sorted(root.rglob("*")) if path.is_file())


def read_collection(root: Path, schema: Schema, today: dt.date | None = None) -> tuple[list[RecordFiles], list[Problem]]:
    """Every record's files under root, and every problem, the rules across records included.

    Cached on the files' sizes and times, so the second language's build reuses the first's.
    """
    root = Path(root)
    if not root.is_dir():
        return [], [Problem(display_path(root), 1, f"the {schema.plural} folder does not exist")]
    return _read_cached(root, schema, fingerprint(root), today or build_date())


@lru_cache(maxsize=16)
def _read_cached(root: Path, schema: Schema, fingerprint: tuple, today: dt.date) -> tuple[list[RecordFiles], list[Problem]]:
    paths, problems = record_paths(root, schema)
    by_record: dict[str, list[tuple]] = {}
    for entry in fingerprint:
        by_record.setdefault(Path(entry[0]).relative_to(root).parts[0], []).append(entry)
    records: list[RecordFiles] = []
    for path in paths:
        files, found = _read_record_cached(path, schema, today, tuple(by_record.get(path.name, ())), os.getcwd())
        records.append(files)
        problems.extend(found)
    problems.extend(check_unique_titles(_title_entries(records), schema.noun))
    return records, problems


@lru_cache(maxsize=8192)
def _read_record_cached(path: Path, schema: Schema, today: dt.date, fingerprint: tuple, cwd: str) -> tuple[RecordFiles, list[Problem]]:
    """One record, read again only when one of its files changed: a preview (`make serve`)
    re-reads the case study an editor saved, not all of them. `cwd`: problems name paths
    relative to the current folder."""
    return read_record(path, schema, today)


def load_collection(root: Path, schema: Schema, build: Callable[[RecordFiles], Any], today: dt.date | None = None,
                    order: Callable[[Any], Any] | None = None) -> tuple[list[Any], list[Problem]]:
    """The typed records (made by `build`, sorted by `order`) of every record without an error,
    and every problem found.

    Cached like `read_collection`: while no file changes, every call returns the same list, so
    the Welsh build reuses what the English build made.
    """
    root = Path(root)
    if not root.is_dir():
        return read_collection(root, schema, today)
    return _load_cached(root, schema, build, order, fingerprint(root), today or build_date())


@lru_cache(maxsize=16)
def _load_cached(root: Path, schema: Schema, build: Callable, order: Callable | None, fingerprint: tuple, today: dt.date) -> tuple[list[Any], list[Problem]]:
    files, problems = _read_cached(root, schema, fingerprint, today)
    records = [build(record) for record in files if record.ok]
    if order is not None:
        records.sort(key=order)
    return records, problems


def check_paths(paths: list[Path], root: Path, schema: Schema, today: dt.date | None = None) -> list[Problem]:
    """Every problem in some records (folders, files in them, or YAML files), titles compared
    with the whole collection, so that a title already used elsewhere is found before the
    build finds it. No path: the whole collection."""
    root = Path(root)
    if not paths or any(Path(path).resolve() == root.resolve() for path in paths):
        return read_collection(root, schema, today)[1]
    if schema.layout == YAML_FILES and any(Path(path).is_dir() for path in paths):  # a folder of records
        return [problem for path in paths for problem in (read_collection(Path(path), schema, today)[1] if Path(path).is_dir() else check_paths([path], root, schema, today))]
    if schema.layout == FOLDERS:
        targets = list(dict.fromkeys(Path(path).resolve() if Path(path).is_dir() else Path(path).resolve().parent for path in paths))
    else:
        targets = list(dict.fromkeys(Path(path).resolve() for path in paths))
    problems: list[Problem] = []
    given: list[RecordFiles] = []
    for target in targets:
        files, found = read_record(target, schema, today)
        problems.extend(found)
        given.append(files)
    others = [files for files in read_collection(root, schema, today)[0] if files.path.resolve() not in targets] if root.is_dir() else []
    for problem in check_unique_titles(_title_entries(others + given), schema.noun):
        if any(Path(problem.path).resolve() == target or Path(problem.path).resolve().is_relative_to(target) for target in targets):
            problems.append(problem)
    return problems


def collection_dir(default: Path, variable: str) -> Path:
    """A collection's folder, or the folder an environment variable names (tests build the
    real site from folders of fixtures that way)."""
    override = os.environ.get(variable)
    return Path(override).resolve() if override else default


def language_text(value: Any, language: str) -> tuple[str, str] | None:
    """A per-language value of a YAML record in the reader's language, or in English when
    the Welsh value is not given: (text, the language it is in). None when 'unknown'."""
    if not isinstance(value, dict):
        return None
    if value.get(language):
        return str(value[language]).strip(), language
    return str(value["en"]).strip(), "en"
