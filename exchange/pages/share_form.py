"""What the "Share a case study" form shows: its options and strings in the reader's language.

The rules the form applies come from exchange.case_studies.form_schema (written to
case-studies/schema.json by the build); this module only feeds the template.
"""

from __future__ import annotations

from exchange.core import vocabulary
from exchange.core.data_files import load_data
from exchange.core.strings import translate
from exchange.welsh.order import sort_key

SCHEMA_URI = "case-studies/schema.json"


def _options(kind: str, language: str, sort: bool = False) -> list[dict[str, str]]:
    options = [{"id": key, "label": vocabulary.label(kind, key, language)} for key in vocabulary.identifiers(kind)]
    if sort:
        options.sort(key=lambda option: (option["id"] == "wales", sort_key(option["label"], language)))
    return options


def form_view(language: str) -> dict:
    """Options in the reader's language (authorities in alphabetical order, Wales-wide last)
    and every `share.*` interface string, which the script reads for its messages."""
    return {
        "schema_uri": SCHEMA_URI,
        "strings": {key: translate(key, language) for key in load_data("strings") if key.startswith("share.")},
        "options": {
            "organisation_types": _options("organisation_types", language),
            "local_authorities": _options("local_authorities", language, sort=True),
            "regions": _options("regions", language),
            "themes": _options("themes", language),
            "audiences": _options("audiences", language),
        },
    }
