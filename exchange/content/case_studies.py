"""Case studies: one folder per case study, `en.md` and `cy.md`, read once into records.

Fields that belong to one language (title, summary, organisation, contact role) are in each
file; fields shared by both languages (identifiers, date, source, confirmation) are written
once, in en.md. `load_case_studies` returns the records and every problem found; the
checker, the build and the tests all use it.

Case studies are one collection of the shared layer (exchange/content/collections.py): its loader,
field checks and rules across records are those of resources, news and events. This module
gives the case studies' fields and their one rule of their own (the region must match the
local authority), and makes the typed records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from exchange import LANGUAGES, PROJECT_ROOT
from exchange.core import vocabulary
from exchange.content import collections
from exchange.content.collections import (  # noqa: F401 - names other modules import from here
    FOLDER_NOTES, FOLDERS, PARTIAL_DATE, PLACEHOLDER, RESERVED_SLUGS, SLUG, TRANSLATION_REVISION_FIELD, URL,
    Field, PartialDate, RecordFiles, Schema, check_unique_titles, collection_dir, parse_partial_date,
)
from exchange.core.data_files import load_data
from exchange.core.frontmatter import Document
from exchange.content.markdown_safety import PICTURE_SUFFIXES
from exchange.core.problems import Problem, display_path

ENVIRONMENT_VARIABLE = "EXCHANGE_CASE_STUDIES_DIR"


def case_studies_dir() -> Path:
    """The case studies folder: case_studies/, or the folder EXCHANGE_CASE_STUDIES_DIR names.

    The variable lets tests build the real site from a folder of fixtures.
    """
    return collection_dir(PROJECT_ROOT / "case_studies", ENVIRONMENT_VARIABLE)


CASE_STUDIES_DIR = case_studies_dir()


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


# ---------------------------------------------------------------- field checks (the shared engine)

_check_field = collections.check_field
_suggest = collections.suggest
_source_problems = collections.source_problems


def _date_problems(value: Any, today: dt.date | None = None) -> Iterator[str]:
    return collections.date_problems("published", value, today)


def _region_problems(document: Document, language: str = "en") -> Iterator[Problem]:
    """The region must be the consortium the local authority belonged to (2017-2021)."""
    if language != "en":
        return
    authority, region = document.meta.get("local_authority"), document.meta.get("region")
    if authority not in vocabulary.identifiers("local_authorities") or region not in vocabulary.identifiers("regions"):
        return  # reported by the field checks
    authority_region = vocabulary.entry("local_authorities", authority)["region"]
    if authority_region not in {region, "wales"}:
        yield Problem(display_path(document.path), document.line_of("region"), f"region '{region}' does not match the local authority: {authority} was in '{authority_region}' (2017-2021); use region: {authority_region}", field="region")


# Folder names that the section's own pages use: case-studies/page/2/ (the listing's further
# pages), case-studies/theme|area|type/<key>/ (browse pages), share/ and contribute/ (docs/).
RESERVED_FOLDER_NAMES = ("page", "theme", "area", "type", "share", "contribute")


def _folder_name_is_free(files: collections.RecordFiles, schema: Schema) -> Iterator[Problem]:
    if files.slug in RESERVED_FOLDER_NAMES:
        path = files.main.path if files.main else files.path
        yield Problem(display_path(path), 1, f"the folder name '{files.slug}' is the address of the case studies' own pages (case-studies/{files.slug}/), so this case study would not be published: rename the folder, e.g. {files.slug}-<a few words about the case study>")


SCHEMA = Schema(
    noun="case study", plural="case studies", fields=FIELDS, layout=FOLDERS,
    pictures=True, body_hint="write what was done",
    document_checks=(_region_problems,),
    record_checks=(_folder_name_is_free,),
)


def check_document(document: Document, language: str) -> Iterator[Problem]:
    """Every rule for one file of a case study, without looking at the other files."""
    return collections.check_document(document, language, SCHEMA)


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


def build_case_study(files: RecordFiles) -> CaseStudy:
    """The typed record of a case study whose files have no error."""
    meta = files.meta
    source = meta["source"]
    return CaseStudy(
        slug=files.slug,
        folder=files.path,
        organisation_type=meta["organisation_type"],
        local_authority=meta["local_authority"],
        region=meta["region"],
        themes=list(meta["themes"]),
        audiences=list(meta["audiences"]),
        published=parse_partial_date(meta["published"]),
        source_document=str(source["document"]).strip(),
        source_url=str(source["url"]).strip(),
        texts={language: _text_from(document, language) for language, document in files.documents.items()},
        pictures=sorted(child for child in files.path.iterdir() if child.suffix.lower() in PICTURE_SUFFIXES),
    )


def load_case_study(folder: Path) -> tuple[CaseStudy | None, list[Problem]]:
    files, problems = collections.read_record_folder(folder, SCHEMA)
    return (build_case_study(files) if files.ok else None), problems


def check_collection(records: list[CaseStudy]) -> Iterator[Problem]:
    """Rules across case studies: no two with the same title in a language."""
    return check_unique_titles(
        ((language, text.title, text.path, text.title_line) for record in records for language in LANGUAGES if (text := record.texts.get(language))),
        SCHEMA.noun,
    )


def case_study_folders(root: Path) -> list[Path]:
    return sorted(child for child in root.iterdir() if child.is_dir() and not child.name.startswith("."))


def newest_first(record: CaseStudy) -> tuple:
    return (tuple(-part for part in record.published.sort_key), record.slug)


def load_case_studies(root: Path | None = None) -> tuple[list[CaseStudy], list[Problem]]:
    """All case studies under root (default: `case_studies_dir()`), newest first, and every problem.

    Cached on the files' sizes and times, so the second language's build reuses the first's.
    """
    root = Path(root) if root is not None else case_studies_dir()
    return collections.load_collection(root, SCHEMA, build_case_study, order=newest_first)


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
    return collections.check_paths(paths, Path(root) if root is not None else case_studies_dir(), SCHEMA)


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
    from exchange.content import html_safety
    from exchange.content import markdown_safety as safety
    from exchange.welsh.translations import REVISION_LENGTH

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
        # The allow-list every page's HTML passes (exchange/content/html_safety.py): the form refuses what the build refuses.
        "html": html_safety.rules(),
        # A cy.md written with its en.md records which revision of en.md it translates.
        "translation": {"field": TRANSLATION_REVISION_FIELD, "revision_length": REVISION_LENGTH},
        "existing": {
            "slugs": sorted(record.slug for record in records),
            "titles": {language: sorted(record.texts[language].title.casefold() for record in records if language in record.texts) for language in LANGUAGES},
        },
    }
