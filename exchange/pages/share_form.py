"""What the "Share a case study" form shows: its options and strings in the reader's language.

The rules the form applies come from exchange.case_studies.form_schema (written to
case-studies/schema.json by the build); this module only feeds the template.
"""

from __future__ import annotations

from exchange.core import vocabulary
from exchange.core.data_files import load_data
from exchange.content.issue_intake import form_fields, option_id
from exchange.core.strings import translate
from exchange.welsh.order import sort_key

SCHEMA_URI = "case-studies/schema.json"
ISSUE_FORM = "case-study.yml"
# The longest address the "Send it as an issue" link may be (GitHub refuses longer ones); the
# script leaves out the longest answers until it fits and says which (share-case-study.js).
LONGEST_ADDRESS = 8000


def _options(kind: str, language: str, sort: bool = False) -> list[dict[str, str]]:
    options = [{"id": key, "label": vocabulary.label(kind, key, language)} for key in vocabulary.identifiers(kind)]
    if sort:
        options.sort(key=lambda option: (option["id"] == "wales", sort_key(option["label"], language)))
    return options


def route_view(repository_url: str | None, editors_email: str | None) -> dict:
    """The form's last step: with the repository's address (EXCHANGE_REPOSITORY_URL), a link to
    its case-study issue form (.github/ISSUE_TEMPLATE/case-study.yml) with every answer filled
    in; the dropdowns' answers are the options' labels, which GitHub matches. Without it, no
    address that does not exist. The editors' e-mail only when EXCHANGE_EDITORS_EMAIL is set."""
    dropdowns = {item.id: {option_id(option): option for option in item.options}
                 for item in form_fields() if item.kind == "dropdown"}
    return {
        "issue_form": f"{repository_url.rstrip('/')}/issues/new" if repository_url else None,
        "template": ISSUE_FORM,
        "longest_address": LONGEST_ADDRESS,
        "dropdowns": dropdowns,
        "email": editors_email or None,
    }


def form_view(language: str, repository_url: str | None = None, editors_email: str | None = None) -> dict:
    """Options in the reader's language (authorities in alphabetical order, Wales-wide last),
    every `share.*` interface string, which the script reads for its messages, and the routes
    to send the case study by (route_view)."""
    return {
        "route": route_view(repository_url, editors_email),
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
