"""The resource library: one record per document the sources name (strategies, guidance,
research, inspection reports, practice materials, legislation), one YAML file each.

Why YAML files and not `<slug>/en.md` + `cy.md` like case studies: a resource has no text of
its own, only facts and a short summary, so a record is a dozen fields. In one file, a
field's English and Welsh sit side by side (`summary: {en: ..., cy: ...}`), so a translator
sees both and a missing Welsh value is a visible gap the checker reports on its line; one
file per record keeps changes small and the file name is the entry's anchor on the page.

Facts the sources do not give are written as 'unknown' (year, author, link), never guessed;
`link_checked: null` says the address has not been checked yet, and the page says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from exchange import PROJECT_ROOT
from exchange.content.collections import (
    UNKNOWN,
    YAML_FILES,
    Field,
    RecordFiles,
    Schema,
    collection_dir,
    is_unknown,
    load_collection,
    parse_partial_date,
)
from exchange.content.collections import (
    check_paths as check_collection_paths,
)
from exchange.core.problems import Problem, display_path

ENVIRONMENT_VARIABLE = "EXCHANGE_RESOURCES_DIR"


def resources_dir() -> Path:
    """resources/, or the folder EXCHANGE_RESOURCES_DIR names (tests use fixtures that way)."""
    return collection_dir(PROJECT_ROOT / "resources", ENVIRONMENT_VARIABLE)


FIELDS: dict[str, Field] = {
    "title": Field("text", shared=False, welsh=False, max_length=250,
                   help="the document's title as published, under 'en:'; under 'cy:' the title of its Welsh version, only if one exists"),
    "author": Field("text", shared=False, welsh=False, unknown=True, max_length=200,
                    help="who wrote or published it, under 'en:' (and 'cy:' if the name has a Welsh form)"),
    "year": Field("year", unknown=True, help="the year it was published, as four digits"),
    "country": Field("choice", vocabulary="countries"),
    "type": Field("choice", vocabulary="resource_types"),
    "audiences": Field("choices", vocabulary="audiences"),
    "summary": Field("text", shared=False, max_length=700, help="two or three sentences on what the document is, in your own words, under 'en:' and 'cy:'"),
    "link": Field("url", unknown=True, help="the document's web address, as a source gives it"),
    "welsh_version": Field("flag", unknown=True, help="yes if a source says a Welsh version exists, no if a source says there is none"),
    "link_checked": Field("date", precision="day", none_means="not yet checked",
                          help="the day someone opened the link and found the document (YYYY-MM-DD), or null if nobody has yet"),
    "sources": Field("choices", vocabulary="sources", help="the ids (in exchange/data/sources.yml) of the sources that name the document"),
}


def _welsh_title_needs_a_welsh_version(files: RecordFiles, schema: Schema) -> Iterator[Problem]:
    title = files.meta.get("title")
    if isinstance(title, dict) and title.get("cy") and files.meta.get("welsh_version") is not True:
        yield Problem(display_path(files.path), files.main.nested_line("title", "cy"),
                      "title.cy is the title of the document's Welsh version: give it only when welsh_version is yes (a source says a Welsh version exists), or delete it", field="title")


def _checked_link_needs_a_link(files: RecordFiles, schema: Schema) -> Iterator[Problem]:
    if is_unknown(files.meta.get("link")) and files.meta.get("link_checked") is not None:
        yield Problem(display_path(files.path), files.main.line_of("link_checked"),
                      "link_checked gives a date but link is 'unknown': there is no address to check; write link_checked: null", field="link_checked")


SCHEMA = Schema(
    noun="resource", plural="resources", fields=FIELDS, layout=YAML_FILES,
    slug_hint="lowercase words joined by hyphens (like 'raising-the-ambitions-strategy')",
    record_checks=(_welsh_title_needs_a_welsh_version, _checked_link_needs_a_link),
)


@dataclass
class Resource:
    slug: str
    path: Path
    title: dict[str, str]
    author: dict[str, str] | None  # None: the sources do not say
    year: int | None  # None: the sources do not say
    country: str
    type: str
    audiences: list[str]
    summary: dict[str, str]
    link: str | None  # None: the sources give no address
    welsh_version: str
    link_checked: dt.date | None  # None: not yet checked
    sources: list[str] = field(default_factory=list)


def build_resource(files: RecordFiles) -> Resource:
    meta = files.meta
    checked = parse_partial_date(meta["link_checked"]) if meta["link_checked"] is not None else None
    return Resource(
        slug=files.slug,
        path=files.path,
        title={language: str(text).strip() for language, text in meta["title"].items()},
        author=None if is_unknown(meta["author"]) else {language: str(text).strip() for language, text in meta["author"].items()},
        year=None if is_unknown(meta["year"]) else int(meta["year"]),
        country=meta["country"],
        type=meta["type"],
        audiences=list(meta["audiences"]),
        summary={language: str(text).strip() for language, text in meta["summary"].items()},
        link=None if is_unknown(meta["link"]) else str(meta["link"]).strip(),
        welsh_version=UNKNOWN if is_unknown(meta["welsh_version"]) else ("yes" if meta["welsh_version"] else "no"),
        link_checked=checked.first_day() if checked else None,
        sources=list(meta["sources"]),
    )


def load_resources(root: Path | None = None, today: dt.date | None = None) -> tuple[list[Resource], list[Problem]]:
    """Every resource under root (default: `resources_dir()`), in file order, and every problem."""
    return load_collection(Path(root) if root is not None else resources_dir(), SCHEMA, build_resource, today)


def check_paths(paths: list[Path], root: Path | None = None) -> list[Problem]:
    return check_collection_paths(paths, Path(root) if root is not None else resources_dir(), SCHEMA)
