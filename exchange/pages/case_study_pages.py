"""Turning case-study records into the build's pages and the data their templates show."""

from __future__ import annotations

import heapq
from collections import defaultdict

from exchange.core import vocabulary
from exchange.content.case_studies import CaseStudy, PartialDate, source_title  # noqa: F401 - PartialDate: for importers
from exchange.pages.collection_pages import page_markdown as collection_page_markdown
from exchange.pages.collection_pages import BABEL_LOCALES, display_date, filter_spec, group_entries, listing, listing_section, option  # noqa: F401
from exchange.core.site import language_home
from exchange.pages import listing_pages
from exchange.core.strings import count_phrase, translate
from exchange.welsh.order import sort_key

SECTION = "case-studies"
RELATED_COUNT = 3


def page_uri(slug: str, language: str) -> str:
    """Where a case study's page sits among the docs files (the i18n plugin reads the prefix)."""
    return f"{language_home(language)}{SECTION}/{slug}/index.md"


def page_url(slug: str, language: str) -> str:
    return f"{language_home(language)}{SECTION}/{slug}/"


def page_markdown(record: CaseStudy, language: str) -> str:
    """The Markdown MkDocs renders for a page in the text's language: front matter, body."""
    text = record.texts[language]
    meta = {"title": text.title, "description": text.summary, "template": "case-study.html", "case_study": record.slug}
    return collection_page_markdown(meta, text.body)


def related_case_studies(records: list[CaseStudy]) -> dict[str, list[str]]:
    """For each case study, up to three others on the same themes or in the same area.

    Scored by shared themes, plus the same local authority or region; candidates come from
    an index of themes and areas, so the cost follows the overlaps, not every pair.
    """
    by_key: dict[str, list[CaseStudy]] = defaultdict(list)
    for record in records:
        for key in _match_keys(record):
            by_key[key].append(record)
    related: dict[str, list[str]] = {}
    for record in records:
        scores: dict[str, int] = defaultdict(int)
        for key in _match_keys(record):
            weight = 3 if key.startswith("authority:") else 2 if key.startswith("region:") else 1
            for other in by_key[key]:
                if other.slug != record.slug:
                    scores[other.slug] += weight
        best = heapq.nsmallest(RELATED_COUNT, scores.items(), key=lambda item: (-item[1], item[0]))
        related[record.slug] = [slug for slug, _ in best]
    return related


def _match_keys(record: CaseStudy) -> list[str]:
    keys = [f"theme:{theme}" for theme in record.themes]
    if record.local_authority != "wales":
        keys.append(f"authority:{record.local_authority}")
    if record.region != "wales":
        keys.append(f"region:{record.region}")
    return keys


def _regions_of(record: CaseStudy) -> list[str]:
    regions = {record.region, vocabulary.entry("local_authorities", record.local_authority)["region"]}
    return sorted(regions - {"wales"}) or ["wales"]


def summary_view(record: CaseStudy, language: str) -> dict:
    """What a listing shows of one case study (in the reader's language where it exists)."""
    text = record.text(language)
    return {
        "slug": record.slug,
        "url": page_url(record.slug, language),
        "title": text.title,
        "summary": text.summary,
        "language": text.language,
        "organisation": text.organisation,
        "organisation_type": record.organisation_type,
        "local_authority": record.local_authority,
        "regions": _regions_of(record),
        "themes": record.themes,
        "published": display_date(record.published, language),
        "published_iso": record.published.isoformat(),
        # What the listing's filter (docs/javascripts/listing-filter.js) matches: ?theme=, ?area=, ?type=.
        "filters": {"theme": record.themes, "area": _regions_of(record) + [record.local_authority], "type": [record.organisation_type]},
    }


def case_study_view(record: CaseStudy, language: str, related: list[CaseStudy]) -> dict:
    """Everything the case-study template shows, with identifiers named in the site's language."""
    text = record.text(language)
    return {
        **summary_view(record, language),
        "organisation_type_label": vocabulary.label("organisation_types", record.organisation_type, language),
        "local_authority_label": vocabulary.label("local_authorities", record.local_authority, language),
        "region_label": vocabulary.label("regions", record.region, language),
        "theme_labels": [vocabulary.label("themes", theme, language) for theme in record.themes],
        "audience_labels": [vocabulary.label("audiences", audience, language) for audience in record.audiences],
        "contact_role": text.contact_role,
        "source_title": source_title(record, language),
        "source_url": record.source_url,
        "related": [summary_view(other, language) for other in related],
    }


def _items(records: list[CaseStudy], language: str) -> list[dict]:
    """Every case study as the listing shows it, worked out once per build and language (the
    listing's pages and browse pages all read it)."""
    cached = _ITEMS.get(language)
    if cached is None or cached[0] is not records:
        cached = _ITEMS[language] = (records, [summary_view(record, language) for record in records])
    return cached[1]


_ITEMS: dict[str, tuple[list[CaseStudy], list[dict]]] = {}


@listing_pages.per_records
def groupings(records: list[CaseStudy], language: str) -> list[tuple[str, str, list[dict]]]:
    """The case studies grouped three ways, for readers without JavaScript: (kind, heading,
    groups); kind names the browse pages' folder (case-studies/<kind>/<key>/)."""
    items = _items(records, language)

    def label(kind: str):
        return lambda key: vocabulary.label(kind, key, language)

    regions = group_entries(items, lambda item: item["filters"]["area"][:-1], vocabulary.identifiers("regions"), label("regions"), "region")
    for region in regions:
        in_region = [key for key in vocabulary.identifiers("local_authorities") if vocabulary.entry("local_authorities", key)["region"] == region["key"]]
        region["subgroups"] = group_entries(region["entries"], lambda item: [item["local_authority"]], _authorities_by_name(in_region, language), label("local_authorities"), "authority")
    theme_key, type_key = (lambda item: item["filters"]["theme"]), (lambda item: item["filters"]["type"])
    return [
        ("theme", translate("case_studies.by_theme", language), group_entries(items, theme_key, vocabulary.identifiers("themes"), label("themes"), "theme")),
        ("area", translate("case_studies.by_region", language), regions),
        ("type", translate("case_studies.by_type", language), group_entries(items, type_key, vocabulary.identifiers("organisation_types"), label("organisation_types"), "type")),
    ]


def _authorities_by_name(keys, language: str) -> list[str]:
    return sorted((key for key in keys if key != "wales"), key=lambda key: sort_key(vocabulary.label("local_authorities", key, language), language))


def browse_groups(records: list[CaseStudy], language: str) -> list[tuple[str, dict]]:
    """Every browse page: (kind, group), a region's local authorities included."""
    pages = []
    for kind, _, groups in groupings(records, language):
        for group in groups:
            pages.append((kind, group))
            pages.extend((kind, subgroup) for subgroup in group["subgroups"])
    return pages


def listing_view(records: list[CaseStudy], language: str, number: int = 1) -> dict:
    """Page `number` of the listing (overrides/partials/listing.html): one page of case studies,
    links to the other pages, a filter by theme, area and type over every case study (the
    JSON file `entries_json`), and links to the browse pages, for readers without JavaScript."""
    items = _items(records, language)
    size = listing_pages.page_size(SECTION)

    def label(kind: str):
        return lambda key: vocabulary.label(kind, key, language)

    filters = [
        filter_spec("theme", translate("case_studies.filter.theme", language), [option(key, label("themes")(key)) for key in vocabulary.identifiers("themes")]),
        filter_spec("area", translate("case_studies.filter.region", language), [], groups=[
            {"label": translate("case_study.region", language), "options": [option(key, label("regions")(key)) for key in vocabulary.identifiers("regions") if key != "wales"]},
            {"label": translate("case_study.local_authority", language), "options": [option(key, label("local_authorities")(key)) for key in _authorities_by_name(vocabulary.identifiers("local_authorities"), language)]},
        ]),
        filter_spec("type", translate("case_studies.filter.type", language), [option(key, label("organisation_types")(key)) for key in vocabulary.identifiers("organisation_types")]),
    ]
    paging = listing_pages.paging_view(SECTION, number, len(items), size, language)
    browse = [{"heading": heading, "links": listing_pages.browse_links(SECTION, groups, kind, language, "case_studies.count")}
              for kind, heading, groups in groupings(records, language)]
    return listing(SECTION, listing_pages.page_of(items, number, size), language, "case_studies", filters, [],
                   total=len(items), paging=paging, source=listing_pages.entries_url(SECTION, language) if paging else None, browse=browse)


def browse_view(records: list[CaseStudy], language: str, kind: str, key: str) -> dict:
    """A browse page: every case study of one theme, area or type, as links."""
    group = next(group for group_kind, group in browse_groups(records, language) if group_kind == kind and group["key"] == key)
    section = listing_section(kind, count_phrase(len(group["entries"]), "case_studies.count", language), [{**group, "label": None, "subgroups": []}])
    view = listing(SECTION, [], language, "case_studies", None, [section])
    view.update(all_url=listing_pages.page_url(SECTION, 1, language), total_all=len(records))
    return view


def entry_fields(item: dict) -> dict:
    """What the listing's <template> shows of a case study (overrides/partials/case-study-item.html)."""
    return {key: item[key] for key in ("url", "title", "summary", "language", "organisation", "published", "published_iso")}


def entries_json(records: list[CaseStudy], language: str) -> str:
    return listing_pages.entries_json(SECTION, language, _items(records, language), entry_fields)
