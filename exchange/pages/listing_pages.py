"""Long listings in pages: one page of entries at a time, the pages that follow, browse pages
(one per theme, area, type...) for readers without JavaScript, and one JSON file per
language with every entry, which the filter (docs/javascripts/listing-filter.js) fetches
when a reader first chooses a filter, so that filtering covers every entry, not one page.

Used by the hooks of the collections whose listings grow with the site (case studies, the
resource library). A listing short enough for one page has no paging links and no JSON file:
the filter narrows the page's own list, as it always did.
"""

from __future__ import annotations

import functools
import json
import math
import os
from typing import Any, Callable

from exchange.core.site import language_home
from exchange.core.strings import count_phrase, translate

# Entries on one page of a listing. EXCHANGE_LISTING_PAGE_SIZE overrides it (the tests use a
# small size, so that the real case studies fill several pages).
PAGE_SIZES = {"case-studies": 30, "resources": 50}
SIZE_VARIABLE = "EXCHANGE_LISTING_PAGE_SIZE"
ENTRIES_FILE = "entries.json"


def per_records(function: Callable[[list[Any], str], Any]) -> Callable[[list[Any], str], Any]:
    """Worked out once per list of records, language and page size: a build's listing pages,
    browse pages and JSON file all ask for the same groups (74 times a language with 1,000
    case studies)."""
    cache: dict[tuple[str, str | None], tuple[list[Any], Any]] = {}

    @functools.wraps(function)
    def once(records: list[Any], language: str) -> Any:
        key = (language, os.environ.get(SIZE_VARIABLE))
        hit = cache.get(key)
        if hit is None or hit[0] is not records:
            hit = cache[key] = (records, function(records, language))
        return hit[1]

    return once


def page_size(section: str) -> int:
    return max(1, int(os.environ.get(SIZE_VARIABLE) or PAGE_SIZES[section]))


def page_count(total: int, size: int) -> int:
    return max(1, math.ceil(total / size))


def page_url(section: str, number: int, language: str) -> str:
    """The address of page `number` of a listing (page 1 is the listing's own page)."""
    home = f"{language_home(language)}{section}/"
    return home if number == 1 else f"{home}page/{number}/"


def page_uri(section: str, number: int, language: str) -> str:
    return f"{page_url(section, number, language)}index.md"


def page_of(entries: list[Any], number: int, size: int) -> list[Any]:
    return entries[(number - 1) * size:number * size]


def paging_view(section: str, number: int, total: int, size: int, language: str) -> dict[str, Any] | None:
    """The links between the pages of a listing ('Page 2 of 34', previous, next, every page);
    None when everything fits on one page."""
    count = page_count(total, size)
    if count == 1:
        return None
    return {
        "number": number,
        "count": count,
        "label": translate("listing.page_of", language, n=number, count=count),
        "previous": page_url(section, number - 1, language) if number > 1 else None,
        "next": page_url(section, number + 1, language) if number < count else None,
        "pages": [{"number": n, "url": page_url(section, n, language), "current": n == number,
                   "label": translate("listing.page", language, n=n)} for n in range(1, count + 1)],
    }


def page_title(listing_title: str, number: int, count: int, language: str) -> str:
    return f"{listing_title} – {translate('listing.page_of', language, n=number, count=count).lower()}"


def browse_url(section: str, kind: str, key: str, language: str) -> str:
    return f"{language_home(language)}{section}/{kind}/{key}/"


def browse_uri(section: str, kind: str, key: str, language: str) -> str:
    return f"{browse_url(section, kind, key, language)}index.md"


def browse_links(section: str, groups: list[dict[str, Any]], kind: str, language: str, count_key: str) -> list[dict[str, Any]]:
    """Links to the browse pages of one grouping (a group's `key` names its page), with
    how many entries each holds; a group's subgroups (local authorities in a region) too."""
    return [
        {"url": browse_url(section, kind, group["key"], language), "label": group["label"],
         "count": count_phrase(len(group["entries"]), count_key, language),
         "subgroups": browse_links(section, group.get("subgroups", []), kind, language, count_key)}
        for group in groups
    ]


def entries_url(section: str, language: str) -> str:
    return f"{language_home(language)}{section}/{ENTRIES_FILE}"


def entries_json(section: str, language: str, entries: list[dict[str, Any]], fields: Callable[[dict[str, Any]], dict[str, Any]]) -> str:
    """Every entry of a listing, in the listing's order, as the filter script reads them: the
    values of the slots of the listing's <template> (`fields`) and the filter values. Addresses
    are relative to the file (the script resolves them), so the file works under any prefix."""
    folder = f"{language_home(language)}{section}/"

    def relative(values: dict[str, Any]) -> dict[str, Any]:
        url = values.get("url")
        if isinstance(url, str) and url.startswith(folder):
            values = {**values, "url": url[len(folder):]}
        return values

    return json.dumps([{**relative(fields(entry)), "filters": entry["filters"]} for entry in entries], ensure_ascii=False, separators=(",", ":"))


def paging_markdown(section: str, strings: str, number: int, total: int, language: str, index: bool = True,
                    sources: list[str] | None = None) -> str:
    """Page `number` (2 or more) of a listing: its title and description; the template shows the entries.
    `index: False` keeps the page out of the site search (its entries have pages of their own).
    `sources`: the ids of the sources the page names (those of the listing's first page, say)."""
    count = page_count(total, page_size(section))
    title = page_title(translate(f"{strings}.title", language), number, count, language)
    meta = {"title": title, "description": f"{title}. {translate(f'{strings}.description', language)}",
            "template": f"{section}.html", "listing_page": number, "search_exclude": not index}
    if sources:
        meta["sources"] = list(sources)
    return markdown_page(meta, "")


def browse_markdown(section: str, strings: str, kind: str, group: dict[str, Any], language: str, sources: list[str] | None = None) -> str:
    title = translate(f"{strings}.browse.title", language, label=group["label"])
    meta = {"title": title, "description": f"{count_phrase(len(group['entries']), f'{strings}.count', language)}: {group['label']}. {translate(f'{strings}.description', language)}",
            "template": "listing-browse.html", "listing_browse": {"section": section, "kind": kind, "key": group["key"]}}
    if sources:
        meta["sources"] = list(sources)
    return markdown_page(meta, "")


def markdown_page(meta: dict[str, Any], body: str) -> str:
    """A generated page's Markdown; the template writes its heading from the title (the title
    of a browse page may hold initials the glossary explains only in the page's text)."""
    from exchange.pages.collection_pages import page_markdown

    return page_markdown(meta, body)
