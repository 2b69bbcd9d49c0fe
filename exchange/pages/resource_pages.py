"""What the resource library shows: each resource's card, the listing in pages, the browse pages
and the filter's JSON, made from the records of exchange/content/resources.py."""

from __future__ import annotations

from typing import Any

from exchange.content.collections import (
    UNKNOWN,
    language_text,
)
from exchange.content.resources import Resource
from exchange.core import vocabulary
from exchange.core.data_files import load_data
from exchange.pages import listing_pages

SECTION = "resources"


def resource_view(record: Resource, language: str, url: str | None = None) -> dict[str, Any]:
    """One resource as the listing shows it, in the reader's language where it exists. A
    resource has no page of its own: its `url` is its card on the listing's page that shows it
    (`resources/page/3/#slug`), `#slug` when none is given. The flattened texts (`author_text`,
    `year_text`, `named_in`, `link_note`...) are what the listing's <template> shows of an entry
    of the JSON file (overrides/partials/listing-resource.html)."""
    from exchange.core.strings import translate
    from exchange.pages.collection_pages import display_date

    title, title_language = language_text(record.title, language)
    summary, summary_language = language_text(record.summary, language)
    author = language_text(record.author, language) if record.author else None
    registry = load_data("sources")
    year = str(record.year) if record.year else UNKNOWN
    sources = [{"title": registry[name]["title"][language], "year": registry[name].get("year")} for name in record.sources]
    checked_display = display_date(record.link_checked, language) if record.link_checked else None
    if record.link:
        english_address = f" ({translate('resources.address_in_english', language)})" if language != "en" else ""
        checked = translate("resources.link_checked", language, date=checked_display) if checked_display else translate("resources.link_not_checked", language)
        link_note = f"{english_address}. {checked.strip()}"
    else:
        link_note = translate("resources.no_link", language).strip()
    return {
        "slug": record.slug,
        "anchor": record.slug,
        "url": url or f"#{record.slug}",
        "title": title,
        "language": title_language,
        "summary": summary,
        "summary_language": summary_language,
        "author": author[0] if author else None,
        "author_language": author[1] if author else None,
        "author_text": author[0] if author else translate("resources.author_unknown", language),
        "year": record.year,
        "year_text": year if record.year else translate("resources.year_unknown", language),
        "type": record.type,
        "type_label": vocabulary.label("resource_types", record.type, language),
        "country": record.country,
        "country_label": vocabulary.label("countries", record.country, language),
        "audience_labels": [vocabulary.label("audiences", audience, language) for audience in record.audiences],
        "audiences": ", ".join(vocabulary.label("audiences", audience, language) for audience in record.audiences),
        "link": record.link,
        "link_missing": None if record.link else "hidden",
        "link_note": link_note,
        "link_checked": record.link_checked,
        "link_checked_display": checked_display,
        "welsh_version": record.welsh_version,
        "welsh_version_text": translate(f"resources.welsh_version.{record.welsh_version}", language),
        "sources": sources,
        "named_in": "; ".join(f"{source['title']} ({source['year']})" if source["year"] else source["title"] for source in sources),
        "filters": {"type": [record.type], "country": [record.country], "year": [year]},
    }


def _items(records: list[Resource], language: str) -> list[dict[str, Any]]:
    """Every resource as the listing shows it, in title order, each with the address of its card
    on the listing's page that shows it: worked out once per build, language and page size
    (the listing's pages, its browse pages and its JSON file all read it)."""
    from exchange.pages import listing_pages
    from exchange.welsh.order import sort_key

    size = listing_pages.page_size(SECTION)
    cached = _ITEMS.get(language)
    if cached is None or cached[0] is not records or cached[1] != size:
        views = sorted((resource_view(record, language) for record in records), key=lambda entry: sort_key(entry["title"], language))
        for index, view in enumerate(views):
            view["url"] = f"{listing_pages.page_url(SECTION, index // size + 1, language)}#{view['anchor']}"
        cached = _ITEMS[language] = (records, size, views)
    return cached[2]


_ITEMS: dict[str, tuple[list[Resource], int, list[dict[str, Any]]]] = {}


def _keys(records: list[Resource]) -> tuple[list[str], list[str], list[str]]:
    """The types, countries and years (newest first, 'unknown' last) the resources have."""
    types = [key for key in vocabulary.identifiers("resource_types") if any(record.type == key for record in records)]
    countries = [key for key in vocabulary.identifiers("countries") if any(record.country == key for record in records)]
    years = sorted({str(record.year) for record in records if record.year}, reverse=True)
    if any(record.year is None for record in records):
        years.append(UNKNOWN)
    return types, countries, years


def _labels(language: str) -> dict[str, Any]:
    from exchange.core.strings import translate

    return {
        "type": lambda key: vocabulary.label("resource_types", key, language),
        "country": lambda key: vocabulary.label("countries", key, language),
        "year": lambda key: translate("resources.year_unknown", language) if key == UNKNOWN else key,
    }


@listing_pages.per_records
def groupings(records: list[Resource], language: str) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """The resources grouped by type, by country and by year, for readers without JavaScript:
    (kind, heading, groups); kind names the browse pages' folder (resources/<kind>/<key>/)."""
    from exchange.core.strings import translate
    from exchange.pages.collection_pages import group_entries

    items = _items(records, language)
    labels = _labels(language)
    return [
        (kind, translate(f"resources.by_{kind}", language), group_entries(items, lambda entry, kind=kind: entry["filters"][kind], keys, labels[kind], kind))
        for kind, keys in zip(("type", "country", "year"), _keys(records))
    ]


def browse_groups(records: list[Resource], language: str) -> list[tuple[str, dict[str, Any]]]:
    """Every browse page: (kind, group)."""
    return [(kind, group) for kind, _, groups in groupings(records, language) for group in groups]


def listing_view(records: list[Resource], language: str, number: int = 1) -> dict[str, Any]:
    """Page `number` of the library (overrides/partials/listing.html): one page of resources,
    links to the other pages (exchange/pages/listing_pages.py), a filter by type, country and year
    over every resource (the JSON file `entries_json`), and links to the browse pages (by type,
    country and year), for readers without JavaScript."""
    from exchange.core.strings import translate
    from exchange.pages import listing_pages
    from exchange.pages.collection_pages import filter_spec, listing, option

    items = _items(records, language)
    size = listing_pages.page_size(SECTION)
    labels = _labels(language)
    filters = [
        filter_spec(kind, translate(f"resources.{kind}", language), [option(key, labels[kind](key)) for key in keys])
        for kind, keys in zip(("type", "country", "year"), _keys(records))
    ]
    paging = listing_pages.paging_view(SECTION, number, len(items), size, language)
    browse = [{"heading": heading, "links": listing_pages.browse_links(SECTION, groups, kind, language, "resources.count")}
              for kind, heading, groups in groupings(records, language)]
    view = listing(SECTION, listing_pages.page_of(items, number, size), language, "resources", filters, [],
                   total=len(items), paging=paging, source=listing_pages.entries_url(SECTION, language) if paging else None, browse=browse)
    view["item_slot"] = "id:anchor"  # a card of the JSON file keeps its anchor (overrides/partials/listing.html)
    return view


def browse_view(records: list[Resource], language: str, kind: str, key: str) -> dict[str, Any]:
    """A browse page: every resource of one type, country or year, as links to their cards."""
    from exchange.core.strings import count_phrase
    from exchange.pages import listing_pages
    from exchange.pages.collection_pages import listing, listing_section

    group = next(group for group_kind, group in browse_groups(records, language) if group_kind == kind and group["key"] == key)
    section = listing_section(kind, count_phrase(len(group["entries"]), "resources.count", language), [{**group, "label": None, "subgroups": []}])
    view = listing(SECTION, [], language, "resources", None, [section])
    view.update(all_url=listing_pages.page_url(SECTION, 1, language), total_all=len(records))
    return view


# What the listing's <template> shows of a resource (overrides/partials/listing-resource.html).
ENTRY_FIELDS = ("anchor", "title", "language", "summary", "summary_language", "author_text", "author_language", "year_text",
                "type_label", "country_label", "audiences", "welsh_version_text", "named_in", "link", "link_missing", "link_note")


def entry_fields(item: dict[str, Any]) -> dict[str, Any]:
    """An entry's values for the template's slots; empty ones left out (the script empties the slot)."""
    return {key: item[key] for key in ENTRY_FIELDS if item[key] not in (None, "")}


def entries_json(records: list[Resource], language: str) -> str:
    from exchange.pages import listing_pages

    return listing_pages.entries_json(SECTION, language, _items(records, language), entry_fields)
