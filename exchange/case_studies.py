"""Case studies: one folder per case study, `en.md` and `cy.md`, read once into records.

Fields that belong to one language (title, summary, organisation, contact role) are in each
file; fields shared by both languages (identifiers, date, source, confirmation) are written
once, in en.md. `load_case_studies` returns the records and every problem found; the
checker, the build and the tests all use it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from exchange import LANGUAGES, PROJECT_ROOT, vocabulary
from exchange.data_files import load_data
from exchange.frontmatter import Document, read_document
from exchange.markdown_safety import PICTURE_SUFFIXES, check_body, html_in_text
from exchange.problems import Problem, display_path

ENVIRONMENT_VARIABLE = "EXCHANGE_CASE_STUDIES_DIR"


def case_studies_dir() -> Path:
    """The case studies folder: case_studies/, or the folder EXCHANGE_CASE_STUDIES_DIR names.

    The variable lets tests build the real site from a folder of fixtures.
    """
    override = os.environ.get(ENVIRONMENT_VARIABLE)
    return Path(override).resolve() if override else PROJECT_ROOT / "case_studies"


CASE_STUDIES_DIR = case_studies_dir()
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED_SLUGS = {"index", "search", "share", "assets"}
PARTIAL_DATE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2}))?$")
# No quotes, angle brackets or backticks: the address is written into an href attribute.
URL = re.compile(r"^https?://[^\s/$.?#\"'<>`][^\s\"'<>`]*\.[^\s\"'<>`]+$", re.IGNORECASE)
# Left by the template of scripts/new_case_study.py where the editor still has to write.
PLACEHOLDER = re.compile(r"\bTODO\b")
FOLDER_NOTES = {"README.md"}  # files allowed beside the case study folders
# In cy.md: the revision of en.md the Welsh text translates (exchange/translations.py).
TRANSLATION_REVISION_FIELD = "translated_from"


@dataclass(frozen=True)
class Field:
    kind: str  # text, choice, choices, date, source, confirmation
    shared: bool  # True: written once in en.md; False: in each language's file
    required: bool = True
    vocabulary: str | None = None
    max_length: int | None = None
    help: str = ""


FIELDS: dict[str, Field] = {
    "title": Field("text", shared=False, max_length=120, help="the title of the case study"),
    "summary": Field("text", shared=False, max_length=400, help="one or two sentences saying what was done"),
    "organisation": Field("text", shared=False, help="the organisation's name in the file's language"),
    "contact_role": Field("text", shared=False, required=False, help="a role to contact, never a person's name"),
    "organisation_type": Field("choice", shared=True, vocabulary="organisation_types"),
    "local_authority": Field("choice", shared=True, vocabulary="local_authorities"),
    "region": Field("choice", shared=True, vocabulary="regions"),
    "themes": Field("choices", shared=True, vocabulary="themes"),
    "audiences": Field("choices", shared=True, vocabulary="audiences"),
    "published": Field("date", shared=True, help="the date it was published: YYYY-MM-DD, or \"YYYY-MM\" or \"YYYY\" if the day is not known"),
    "source": Field("source", shared=True, help="document: the source's name or id, url: its web address"),
    "no_child_identified": Field("confirmation", shared=True, help="true, to confirm that no child can be identified"),
}


@dataclass(frozen=True)
class PartialDate:
    """A publication date as precise as the source gives it: a year, a month or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def isoformat(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{part:02d}" for part in (self.month, self.day) if part]
        return "-".join(parts)


@dataclass
class CaseStudyText:
    language: str
    path: Path
    title: str
    summary: str
    organisation: str
    contact_role: str | None
    body: str
    title_line: int = 2


@dataclass
class CaseStudy:
    slug: str
    folder: Path
    organisation_type: str
    local_authority: str
    region: str
    themes: list[str]
    audiences: list[str]
    published: PartialDate
    source_document: str
    source_url: str
    texts: dict[str, CaseStudyText] = field(default_factory=dict)
    pictures: list[Path] = field(default_factory=list)

    def text(self, language: str) -> CaseStudyText:
        """The text in a language, or the English text when the translation is missing."""
        return self.texts.get(language) or self.texts["en"]


# ---------------------------------------------------------------- field checks


def _suggest(value: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'? " if close else ""


def _check_field(name: str, spec: Field, value: Any, shown: str, line: int, item_lines: list[int] | None = None) -> Iterator[Problem]:
    def problem(message: str, at: int | None = None) -> Problem:
        return Problem(shown, at or line, message, field=name)

    if value is None or (isinstance(value, str) and not value.strip()) or value == [] or value == {}:
        yield problem(f"field '{name}' is empty: fill it in ({spec.help or _choices_help(spec)})")
        return
    if spec.kind == "text":
        if not isinstance(value, str):
            yield problem(f"field '{name}' must be text: put it in quotes")
        elif spec.max_length and len(value) > spec.max_length:
            yield problem(f"field '{name}' is {len(value)} characters long: shorten it to {spec.max_length} or fewer")
        if isinstance(value, str) and html_in_text(value):
            yield problem(f"field '{name}' contains HTML (a '<' followed by a letter): write plain text, without tags")
        if isinstance(value, str) and PLACEHOLDER.search(value):
            yield problem(f"field '{name}' still has the template's 'TODO' note: replace it with your own words")
    elif spec.kind == "choice":
        choices = vocabulary.identifiers(spec.vocabulary)
        if not isinstance(value, str) or value not in choices:
            yield problem(f"{name}: '{value}' is not one of the allowed values: {_suggest(str(value), choices)}use one of {', '.join(choices)}")
    elif spec.kind == "choices":
        choices = vocabulary.identifiers(spec.vocabulary)
        values = value if isinstance(value, list) else [value]
        for index, item in enumerate(values):
            if not isinstance(item, str) or item not in choices:
                at = item_lines[index] if item_lines and index < len(item_lines) else None
                yield problem(f"{name}: '{item}' is not one of the allowed values: {_suggest(str(item), choices)}use one of {', '.join(choices)}", at)
        if isinstance(value, list) and len(set(map(str, value))) != len(value):
            yield problem(f"field '{name}' lists the same value twice: keep one")
    elif spec.kind == "date":
        yield from (problem(message) for message in _date_problems(value))
    elif spec.kind == "source":
        yield from (problem(message) for message in _source_problems(value))
    elif spec.kind == "confirmation":
        if value is not True:
            yield problem(f"field '{name}' must be true: check that no child can be identified from the text or pictures, then write '{name}: true'")


def _choices_help(spec: Field) -> str:
    if spec.vocabulary:
        return "one of " + ", ".join(vocabulary.identifiers(spec.vocabulary))
    return "see CONTRIBUTING.md"


def parse_partial_date(value: Any) -> PartialDate | None:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, int) and 1900 <= value <= 2100:
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


def _date_problems(value: Any, today: dt.date | None = None) -> Iterator[str]:
    parsed = parse_partial_date(value)
    if parsed is None:
        yield f"published '{value}' is not a date: write it as YYYY-MM-DD (for example 2017-05-09), or \"YYYY-MM\" or \"YYYY\" in quotes if the day is not known"
        return
    today = today or dt.date.today()
    if parsed.sort_key > (today.year, today.month if parsed.month else 0, today.day if parsed.day else 0):
        yield f"published {parsed.isoformat()} is in the future: give the date it was published"


def _source_problems(value: Any) -> Iterator[str]:
    if not isinstance(value, dict):
        yield "field 'source' must have two lines below it: '  document: ...' and '  url: https://...'"
        return
    unknown = sorted(set(value) - {"document", "url"})
    for key in unknown:
        yield f"source has an unknown field '{key}': {_suggest(key, ['document', 'url'])}use 'document' and 'url'"
    document = value.get("document")
    if not isinstance(document, str) or not document.strip():
        yield "source.document is empty: give the name of the document that describes the case study"
    elif html_in_text(document):
        yield "source.document contains HTML (a '<' followed by a letter): write plain text, without tags"
    url = value.get("url")
    if not isinstance(url, str) or not URL.match(url.strip()):
        yield f"source.url '{url}' is not a web address: write it in full, starting with https:// or http://"


# ---------------------------------------------------------------- loading


def _text_from(document: Document, language: str) -> CaseStudyText:
    meta = document.meta
    return CaseStudyText(
        language=language,
        path=document.path,
        title=str(meta.get("title", "")).strip(),
        summary=str(meta.get("summary", "")).strip(),
        organisation=str(meta.get("organisation", "")).strip(),
        contact_role=(str(meta["contact_role"]).strip() if meta.get("contact_role") else None),
        body=document.body,
        title_line=document.line_of("title"),
    )


def check_document(document: Document, language: str) -> Iterator[Problem]:
    """Every rule for one file of a case study, without looking at the other files."""
    shown = display_path(document.path)
    meta = document.meta
    for name in meta:
        line = document.line_of(name)
        if name == TRANSLATION_REVISION_FIELD and language != "en":
            continue  # written and checked by scripts/check_translations.py (exchange/translations.py)
        if name not in FIELDS:
            yield Problem(shown, line, f"unknown field '{name}': {_suggest(name, list(FIELDS))}the fields are {', '.join(FIELDS)}", field=name)
        elif FIELDS[name].shared and language != "en":
            yield Problem(shown, line, f"field '{name}' is shared by both languages: set it in en.md only and delete it here", field=name)
    for name, spec in FIELDS.items():
        if spec.shared and language != "en":
            continue
        if name not in meta:
            if spec.required:
                yield Problem(shown, 1, f"field '{name}' is missing: add a line '{name}: ...' to the front matter ({spec.help or _choices_help(spec)})", field=name)
            continue
        items = meta[name] if isinstance(meta[name], list) else []
        yield from _check_field(name, spec, meta[name], shown, document.line_of(name), [document.item_line(name, index) for index in range(len(items))])
    if language == "en":
        yield from _region_problems(document)
    if not document.body.strip():
        yield Problem(shown, document.body_line, "the case study has no text below the front matter: write what was done", field="body")
    for offset, line in enumerate(document.body.splitlines()):
        if PLACEHOLDER.search(line):
            yield Problem(shown, document.body_line + offset, "the text still has the template's 'TODO' note: replace it with your own words", field="body")
    yield from check_body(document)


def _region_problems(document: Document) -> Iterator[Problem]:
    """The region must be the consortium the local authority belonged to (2017-2021)."""
    authority, region = document.meta.get("local_authority"), document.meta.get("region")
    if authority not in vocabulary.identifiers("local_authorities") or region not in vocabulary.identifiers("regions"):
        return  # reported by the field checks
    authority_region = vocabulary.entry("local_authorities", authority)["region"]
    if authority_region not in {region, "wales"}:
        yield Problem(display_path(document.path), document.line_of("region"), f"region '{region}' does not match the local authority: {authority} was in '{authority_region}' (2017-2021); use region: {authority_region}", field="region")


def load_case_study(folder: Path) -> tuple[CaseStudy | None, list[Problem]]:
    problems: list[Problem] = []
    slug = folder.name
    shown = display_path(folder)
    if not SLUG.match(slug) or slug in RESERVED_SLUGS:
        problems.append(Problem(f"{shown}/en.md", 1, f"the folder name '{slug}' must be lowercase words joined by hyphens (like 'rumney-primary-therapies'), and not {', '.join(sorted(RESERVED_SLUGS))}"))
    documents: dict[str, Document] = {}
    for child in sorted(folder.iterdir()):
        if child.name.startswith("."):
            continue
        if child.suffix.lower() == ".md":
            language = child.stem
            if child.name not in {f"{code}.md" for code in LANGUAGES}:
                problems.append(Problem(display_path(child), 1, f"'{child.name}' would not be published: name the English file en.md and the Welsh file cy.md"))
                continue
            document, found = read_document(child)
            problems.extend(found)
            if document is not None:
                documents[language] = document
                problems.extend(check_document(document, language))
        elif child.is_dir() or child.suffix.lower() not in PICTURE_SUFFIXES:
            problems.append(Problem(display_path(child), 1, f"'{child.name}' would not be published: a case study folder holds en.md, cy.md and pictures ({', '.join(sorted(PICTURE_SUFFIXES))}) only"))
    if not (folder / "en.md").exists():
        problems.append(Problem(f"{shown}/en.md", 1, "this case study has no English file: every case study needs en.md (cy.md is its Welsh translation)"))
    if "en" not in documents or any(problem.severity == "error" for problem in problems):
        return None, problems
    meta = documents["en"].meta
    source = meta["source"]
    record = CaseStudy(
        slug=slug,
        folder=folder,
        organisation_type=meta["organisation_type"],
        local_authority=meta["local_authority"],
        region=meta["region"],
        themes=list(meta["themes"]),
        audiences=list(meta["audiences"]),
        published=parse_partial_date(meta["published"]),
        source_document=str(source["document"]).strip(),
        source_url=str(source["url"]).strip(),
        texts={language: _text_from(document, language) for language, document in documents.items()},
        pictures=sorted(child for child in folder.iterdir() if child.suffix.lower() in PICTURE_SUFFIXES),
    )
    return record, problems


def check_collection(records: list[CaseStudy]) -> Iterator[Problem]:
    """Rules across case studies: no two with the same title in a language."""
    for language in LANGUAGES:
        seen: dict[str, CaseStudy] = {}
        for record in records:
            text = record.texts.get(language)
            if text is None:
                continue
            key = text.title.casefold()
            if key in seen:
                yield Problem(display_path(text.path), text.title_line, f"the title '{text.title}' is also used by {display_path(seen[key].texts[language].path)}: give each case study its own title", field="title")
            else:
                seen[key] = record


def case_study_folders(root: Path) -> list[Path]:
    return sorted(child for child in root.iterdir() if child.is_dir() and not child.name.startswith("."))


def _fingerprint(root: Path) -> tuple:
    return tuple((str(path), path.stat().st_mtime_ns, path.stat().st_size) for path in sorted(root.rglob("*")) if path.is_file())


def load_case_studies(root: Path | None = None) -> tuple[list[CaseStudy], list[Problem]]:
    """All case studies under root (default: `case_studies_dir()`), newest first, and every problem.

    Cached on the files' sizes and times, so the second language's build reuses the first's.
    """
    root = Path(root) if root is not None else case_studies_dir()
    if not root.is_dir():
        return [], [Problem(display_path(root), 1, "the case studies folder does not exist")]
    return _load_cached(root, _fingerprint(root))


@lru_cache(maxsize=4)
def _load_cached(root: Path, fingerprint: tuple) -> tuple[list[CaseStudy], list[Problem]]:
    records: list[CaseStudy] = []
    problems: list[Problem] = []
    for child in sorted(root.iterdir()):
        if child.is_file() and not child.name.startswith(".") and child.name not in FOLDER_NOTES:
            problems.append(Problem(display_path(child), 1, f"'{child.name}' is not in a case study folder and would not be published: put each case study in its own folder, {display_path(root)}/<name>/en.md and cy.md"))
    for folder in case_study_folders(root):
        record, found = load_case_study(folder)
        problems.extend(found)
        if record is not None:
            records.append(record)
    problems.extend(check_collection(records))
    records.sort(key=lambda record: (tuple(-part for part in record.published.sort_key), record.slug))
    return records, problems


def source_title(record: CaseStudy, language: str) -> str:
    """The source's title in the reader's language when it is one of the site's sources."""
    registry = load_data("sources")
    if record.source_document in registry:
        return registry[record.source_document]["title"][language]
    return record.source_document


def check_paths(paths: list[Path], root: Path | None = None) -> list[Problem]:
    """Every problem in some case study folders (or files in them), titles compared with all.

    A new case study is checked against the whole collection, so that a title already used
    by another case study is found before the build finds it.
    """
    root = Path(root) if root is not None else case_studies_dir()
    if not paths:
        return load_case_studies(root)[1]
    folders = list(dict.fromkeys(Path(path).resolve() if Path(path).is_dir() else Path(path).resolve().parent for path in paths))
    problems: list[Problem] = []
    given: list[CaseStudy] = []
    for folder in folders:
        record, found = load_case_study(folder)
        problems.extend(found)
        if record:
            given.append(record)
    others = [record for record in load_case_studies(root)[0] if record.folder.resolve() not in folders] if root.is_dir() else []
    for problem in check_collection(others + given):
        if any(Path(problem.path).resolve().is_relative_to(folder) for folder in folders):
            problems.append(problem)
    return problems


def check_value(name: str, value: Any, today: dt.date | None = None) -> list[str]:
    """The checker's messages about one field's value, for prompts and forms."""
    spec = FIELDS[name]
    if spec.kind == "date" and value not in (None, ""):
        return list(_date_problems(value, today))
    return [problem.message for problem in _check_field(name, spec, value, "", 1)]


def form_schema(records: list[CaseStudy]) -> dict[str, Any]:
    """The field spec, the allowed values and the checker's patterns, for the share form.

    Written to case-studies/schema.json by the build, so that the form in the browser and
    this checker apply one set of rules.
    """
    from exchange import markdown_safety as safety
    from exchange.translations import REVISION_LENGTH

    def vocabulary_entries(kind: str) -> list[dict[str, Any]]:
        return [{"id": key, **{name: value for name, value in vocabulary.entry(kind, key).items()}} for key in vocabulary.identifiers(kind)]

    return {
        "generated_by": "exchange/hooks/case_studies.py from exchange.case_studies.FIELDS",
        "languages": list(LANGUAGES),
        "fields": {
            name: {"kind": spec.kind, "shared": spec.shared, "required": spec.required, "vocabulary": spec.vocabulary, "max_length": spec.max_length, "help": spec.help}
            for name, spec in FIELDS.items()
        },
        "vocabularies": {kind: vocabulary_entries(kind) for kind in vocabulary.KINDS},
        "reserved_slugs": sorted(RESERVED_SLUGS),
        "picture_suffixes": sorted(PICTURE_SUFFIXES),
        "patterns": {
            "slug": safety.js_regex(SLUG),
            "url": safety.js_regex(URL),
            "partial_date": safety.js_regex(PARTIAL_DATE),
            "placeholder": safety.js_regex(PLACEHOLDER),
            "html_in_text": safety.js_regex(safety.HTML_IN_TEXT),
            "dangerous_tag": safety.js_regex(safety.DANGEROUS_TAG),
            "event_handler": safety.js_regex(safety.EVENT_HANDLER),
            "script_scheme": safety.js_regex(safety.SCRIPT_SCHEME),
            "data_link": safety.js_regex(safety.DATA_LINK),
            "markdown_image": safety.js_regex(safety.MARKDOWN_IMAGE),
            "html_image": safety.js_regex(safety.HTML_IMAGE),
            "h1_line": safety.js_regex(safety.H1_LINE),
            "external_source": safety.js_regex(safety.EXTERNAL_SOURCE),
            "setext_h1_underline": safety.js_regex(safety.SETEXT_H1_UNDERLINE),
            "reference_image": safety.js_regex(safety.REFERENCE_IMAGE),
            "shortcut_image": safety.js_regex(safety.SHORTCUT_IMAGE),
            "reference_definition": safety.js_regex(safety.REFERENCE_DEFINITION),
        },
        "vague_alt": sorted(safety.VAGUE_ALT),
        # A cy.md written with its en.md records which revision of en.md it translates.
        "translation": {"field": TRANSLATION_REVISION_FIELD, "revision_length": REVISION_LENGTH},
        "existing": {
            "slugs": sorted(record.slug for record in records),
            "titles": {language: sorted(record.texts[language].title.casefold() for record in records if language in record.texts) for language in LANGUAGES},
        },
    }
