"""Turning records of any collection into the build's pages: generated pages per language,
dates in words, and listings.

A listing (`listing`) is every entry of a collection, the filters that narrow it in the
browser, and the same entries grouped under headings for readers without JavaScript. One
template partial shows every listing (overrides/partials/listing.html) and one script filters
them (docs/javascripts/listing-filter.js): an entry carries its values for each filter in
`data-filter-<name>` attributes, and the form's selects are named after the filters.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from typing import Any, Callable, Iterable

from babel.dates import format_date
from mkdocs.structure.files import File

from exchange.content.collections import PartialDate
from exchange.core.data_files import load_data
from exchange.pages.preview import GeneratedPage
from exchange.core.site import DEFAULT_LANGUAGE, language_home, mark_language
from exchange.core.strings import translate

BABEL_LOCALES = {"en": "en_GB", "cy": "cy"}


# ---------------------------------------------------------------- pages


def page_uri(section: str, slug: str, language: str) -> str:
    """Where a record's page sits among the docs files (the i18n plugin reads the prefix)."""
    return f"{language_home(language)}{section}/{slug}/index.md"


def page_url(section: str, slug: str, language: str) -> str:
    return f"{language_home(language)}{section}/{slug}/"


def page_markdown(meta: dict[str, Any], body: str) -> str:
    """The Markdown MkDocs renders for a generated page: front matter (written as JSON, which
    is YAML too, and many times quicker to write than YAML), then the body."""
    front_matter = _YAML_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", json.dumps(meta, ensure_ascii=False))
    return f"---\n{front_matter}\n---\n\n{body}\n"


# Characters JSON leaves as they are but YAML reads as line breaks or refuses: escaped.
_YAML_UNSAFE = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def generated_page(config: Any, uri: str, markdown: str, text_language: str, build_language: str, record: Any = None,
                   collection: Any = None, shows: Iterable[Any] = ()) -> File:
    """A generated page, marked with its text's language as mkdocs-static-i18n marks its
    files. A page knows what it is made from, so a preview rebuilds it only when that changes:
    a `record`'s files, those of other records it `shows` (related case studies), or any file
    of a `collection` (the folder of a listing's records)."""
    page = GeneratedPage.generated(config, uri, content=markdown)
    page.records = ((record,) if record is not None else ()) + tuple(shows)
    page.collections = (str(collection),) if collection is not None else ()
    mark_language(page, text_language, build_language)
    return page


def record_page(config: Any, section: str, record: Any, language: str, template: str, key: str) -> File:
    """The page of a record (a news post, an event) in a build's language: its text in that
    language, or in English with the untranslated notice; the template finds the record by
    `key` in the page's front matter."""
    text = record.text(language)
    meta = {"title": text.title, "description": text.summary, "template": template, key: record.slug, "sources": record.sources}
    return generated_page(config, page_uri(section, record.slug, language), page_markdown(meta, text.body), text.language, language, record)


def watching(folder_of: Callable[[], Any]) -> Callable[[Any, Any, Any], Any]:
    """A hook's `on_serve`: `make serve` rebuilds when a file of the collection changes (the
    collections live outside docs/, which is all MkDocs watches by itself)."""
    def on_serve(server: Any, config: Any, builder: Any) -> Any:
        server.watch(str(folder_of()))
        return server
    return on_serve


def report_problems(log: Any, problems: Iterable[Any], language: str, noun: str) -> None:
    """A collection's problems as warnings (a strict build fails on them), once: the Welsh
    build reads the same files as the English one."""
    if language == DEFAULT_LANGUAGE:
        for problem in problems:
            log.warning(f"{noun} problem: {problem}")


def generated_file(config: Any, uri: str, content: str | bytes) -> File:
    """A generated download (a feed, a calendar file): copied to the site as it is."""
    return File.generated(config, uri, content=content)


# ---------------------------------------------------------------- dates


def display_date(date: PartialDate | dt.date, language: str) -> str:
    """A date as precise as it is known, in words: '9 May 2017', 'May 2017', '2017'."""
    locale = BABEL_LOCALES[language]
    if isinstance(date, dt.date):
        return format_date(date, "long", locale=locale)
    if date.day:
        return format_date(dt.date(date.year, date.month, date.day), "long", locale=locale)
    if date.month:
        return format_date(dt.date(date.year, date.month, 1), "MMMM y", locale=locale)
    return str(date.year)


# ---------------------------------------------------------------- listings


def option(identifier: str, label: str) -> dict[str, str]:
    return {"id": identifier, "label": label}


def filter_spec(name: str, label: str, options: list[dict], groups: list[dict] | None = None) -> dict[str, Any]:
    """One select of a listing's filter: `name` is the URL parameter and the entries'
    `data-filter-<name>` attribute. Options may be grouped (`groups`: label and options)."""
    return {"name": name, "label": label, "groups": groups if groups is not None else [{"label": None, "options": options}]}


def group_entries(entries: list[dict], keys_of: Callable[[dict], Iterable[str]], order: list[str],
                  label_of: Callable[[str], str], id_prefix: str) -> list[dict[str, Any]]:
    """The entries under headings, one per key, in the given order; keys with no entry left out."""
    grouped: dict[str, list[dict]] = defaultdict(list)
    for entry in entries:
        for key in keys_of(entry):
            grouped[key].append(entry)
    return [
        {"id": f"{id_prefix}-{key}", "key": key, "label": label_of(key), "entries": grouped[key], "subgroups": []}
        for key in order if grouped.get(key)
    ]


def listing_section(identifier: str, heading: str, groups: list[dict]) -> dict[str, Any]:
    """A list of the entries grouped one way (by theme, by type...), shown without JavaScript."""
    return {"id": identifier, "heading": heading, "groups": groups}


def listing(identifier: str, entries: list[dict], language: str, strings: str, filters: list[dict] | None = None,
            sections: list[dict] | None = None, total: int | None = None, paging: dict | None = None,
            source: str | None = None, browse: list[dict] | None = None) -> dict[str, Any]:
    """Everything overrides/partials/listing.html shows. `strings` is the prefix of the
    listing's interface strings: <prefix>.all, <prefix>.empty (optional), and with filters <prefix>.filter.heading,
    <prefix>.showing (with {n} and {total}) and <prefix>.filter.none.

    A listing in pages (exchange/pages/listing_pages.py) shows one page of `entries` out of `total`,
    with `paging` (the links between its pages), `source` (the JSON file of every entry the
    filter fetches) and `browse` (links to its browse pages, under <prefix>.browse)."""
    filters = filters or []
    view = {
        "id": identifier,
        "entries": entries,
        "total": len(entries) if total is None else total,
        "paging": paging,
        "source": source,
        "browse": browse or [],
        "browse_heading": translate(f"{strings}.browse", language) if browse else None,
        "heading": translate(f"{strings}.all", language),
        "filters": filters,
        "sections": sections or [],
        # What an empty listing says: <prefix>.empty if the strings have it.
        "empty": f"{strings}.empty" if f"{strings}.empty" in load_data("strings") else "listing.empty",
    }
    if filters:
        view.update(
            filter_heading=translate(f"{strings}.filter.heading", language),
            showing=translate(f"{strings}.showing", language),
            none=translate(f"{strings}.filter.none", language),
        )
    return view
