"""Build hooks for case studies: one page per case study and language, the listing, and the
share form's rules.

The checks are the same as `scripts/check_case_studies.py`: any problem is logged as a
warning, so the strict build fails instead of publishing a site with a case study missing.
"""

from __future__ import annotations

import json
import logging

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from exchange.pages import case_study_pages as pages
from exchange.pages import listing_pages
from exchange.pages import share_form
from exchange.content.case_studies import case_studies_dir, form_schema, load_case_studies
from exchange.pages.collection_pages import generated_page, report_problems, watching
from exchange.core.site import DEFAULT_LANGUAGE, site_language

log = logging.getLogger("mkdocs.plugins.exchange.case_studies")
_state: dict = {}


on_serve = watching(case_studies_dir)  # make serve rebuilds when one changes


@event_priority(-110)  # after mkdocs-static-i18n has sorted the docs files into languages
def on_files(files, config):
    """Add this language's case-study pages (the i18n plugin cannot take generated files)."""
    language = site_language(config)
    records, problems = load_case_studies()
    report_problems(log, problems, language, "case study")
    if _state.get("records") is not records:  # the Welsh build gets the same (cached) records: reuse
        by_slug = {record.slug: record for record in records}
        related = pages.related_case_studies(records)
        _state.update(records=records, by_slug=by_slug, related={slug: [by_slug[other] for other in others] for slug, others in related.items()})
    for record in records:
        text = record.text(language)  # a missing Welsh file falls back to English, marked as such
        files.append(generated_page(config, pages.page_uri(record.slug, language), pages.page_markdown(record, text.language), text.language, language,
                                    record, shows=_state["related"][record.slug]))
        for picture in record.pictures:
            files.append(File.generated(config, f"{pages.page_url(record.slug, language)}{picture.name}", abs_src_path=str(picture)))
    # The listing's further pages, its browse pages and every entry for the filter (exchange/pages/listing_pages.py).
    size = listing_pages.page_size(pages.SECTION)
    for number in range(2, listing_pages.page_count(len(records), size) + 1):
        markdown = listing_pages.paging_markdown(pages.SECTION, "case_studies", number, len(records), language, index=False)
        files.append(generated_page(config, listing_pages.page_uri(pages.SECTION, number, language), markdown, language, language, collection=case_studies_dir()))
    for kind, group in pages.browse_groups(records, language):
        markdown = listing_pages.browse_markdown(pages.SECTION, "case_studies", kind, group, language)
        files.append(generated_page(config, listing_pages.browse_uri(pages.SECTION, kind, group["key"], language), markdown, language, language, collection=case_studies_dir()))
    if len(records) > size:
        files.append(File.generated(config, listing_pages.entries_url(pages.SECTION, language), content=pages.entries_json(records, language)))
    if language == DEFAULT_LANGUAGE:  # one schema serves the form in both languages
        schema = json.dumps(form_schema(records), ensure_ascii=False, indent=1)
        files.append(File.generated(config, share_form.SCHEMA_URI, content=schema))
    return files


def on_page_context(context, page, config, nav):
    language = site_language(config)
    slug = page.meta.get("case_study")
    if slug:
        context["case_study"] = pages.case_study_view(_state["by_slug"][slug], language, _state["related"][slug])
    if page.meta.get("template") == "case-studies.html":
        context["listing"] = pages.listing_view(_state["records"], language, page.meta.get("listing_page", 1))
    browse = page.meta.get("listing_browse")
    if browse and browse["section"] == pages.SECTION:
        context["listing"] = pages.browse_view(_state["records"], language, browse["kind"], browse["key"])
    if page.meta.get("template") == "share-case-study.html":
        context["share_form"] = share_form.form_view(language)
    return context
