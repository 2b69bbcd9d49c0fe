"""Build hook for the translation status page: the state of every Welsh translation.

Thin by design: the page's data comes from exchange.translations.status_view, the same
records `scripts/check_translations.py` checks. It never fails the build: an outdated or
missing translation is shown on the page and reported by the check, not by the build.
"""

from __future__ import annotations

from exchange.welsh import translations
from exchange.core.site import site_language

TEMPLATE = "translation-status.html"


def on_page_context(context, page, config, nav):
    if page.meta.get("template") == TEMPLATE:
        context["translation_status"] = translations.status_view(site_language(config))
    return context
