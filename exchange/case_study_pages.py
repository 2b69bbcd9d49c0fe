"""Turning case-study records into the build's pages and the data their templates show."""

from __future__ import annotations

import heapq
from collections import defaultdict

import yaml
from babel.dates import format_date

from exchange import vocabulary
from exchange.case_studies import CaseStudy, PartialDate, source_title
from exchange.site import language_home
from exchange.welsh import sort_key

SECTION = "case-studies"
RELATED_COUNT = 3
BABEL_LOCALES = {"en": "en_GB", "cy": "cy"}


def page_uri(slug: str, language: str) -> str:
    """Where a case study's page sits among the docs files (the i18n plugin reads the prefix)."""
    return f"{language_home(language)}{SECTION}/{slug}/index.md"


def page_url(slug: str, language: str) -> str:
    return f"{language_home(language)}{SECTION}/{slug}/"


def page_markdown(record: CaseStudy, language: str) -> str:
    """The Markdown MkDocs renders for a page in the text's language: front matter, body."""
    text = record.texts[language]
    meta = {"title": text.title, "description": text.summary, "template": "case-study.html", "case_study": record.slug}
    return f"---\n{yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)}---\n\n{text.body}\n"


def display_date(date: PartialDate, language: str) -> str:
    import datetime as dt

    locale = BABEL_LOCALES[language]
    if date.day:
        return format_date(dt.date(date.year, date.month, date.day), "long", locale=locale)
    if date.month:
        return format_date(dt.date(date.year, date.month, 1), "MMMM y", locale=locale)
    return str(date.year)


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


def listing_view(records: list[CaseStudy], language: str) -> dict:
    """The listing page: every case study, and the same list grouped three ways."""
    items = [summary_view(record, language) for record in records]
    by_slug = {item["slug"]: item for item in items}

    def groups(kind: str, keys_of) -> list[dict]:
        grouped: dict[str, list[dict]] = defaultdict(list)
        for record in records:
            for key in keys_of(record):
                grouped[key].append(by_slug[record.slug])
        order = vocabulary.identifiers(kind)
        return [
            {"id": key, "label": vocabulary.label(kind, key, language), "entries": grouped[key]}
            for key in order
            if grouped.get(key)
        ]

    regions = groups("regions", _regions_of)
    authorities = {group["id"]: group for group in groups("local_authorities", lambda record: [record.local_authority])}
    for region in regions:
        region["authorities"] = sorted(
            (group for key, group in authorities.items() if vocabulary.entry("local_authorities", key)["region"] == region["id"] and key != "wales"),
            key=lambda group: sort_key(group["label"], language),
        )
    return {
        "entries": items,
        "by_theme": groups("themes", lambda record: record.themes),
        "by_region": regions,
        "by_type": groups("organisation_types", lambda record: [record.organisation_type]),
        "filters": {
            "themes": [{"id": key, "label": vocabulary.label("themes", key, language)} for key in vocabulary.identifiers("themes")],
            "regions": [{"id": key, "label": vocabulary.label("regions", key, language)} for key in vocabulary.identifiers("regions") if key != "wales"],
            "authorities": sorted(
                ({"id": key, "label": vocabulary.label("local_authorities", key, language)} for key in vocabulary.identifiers("local_authorities") if key != "wales"),
                key=lambda option: sort_key(option["label"], language),
            ),
            "types": [{"id": key, "label": vocabulary.label("organisation_types", key, language)} for key in vocabulary.identifiers("organisation_types")],
        },
    }
