"""The contact list's model: the fields of organisations, memberships and contacts, declared once
(ORGANISATION, MEMBERSHIP, CONTACT) and used by the checks, the records and the JSON Schema; the typed
records; partial dates."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from exchange import PROJECT_ROOT
from exchange.content.case_studies import PartialDate
from exchange.core import vocabulary
from exchange.core.data_files import load_data
from exchange.core.problems import Problem

CONTACTS_DIR = PROJECT_ROOT / "contacts"
SCHEMA_NAME = "schema.json"
MODELINE = f"# yaml-language-server: $schema={SCHEMA_NAME}"
DATA_SUFFIXES = {".yml", ".yaml"}
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG = re.compile(SLUG_PATTERN)
WARN_AFTER_MONTHS = 12
ERROR_AFTER_MONTHS = 24

LOCAL_AUTHORITY = "local-authority"
CONSORTIUM = "regional-consortium"
NATIONAL_BODY = "national-body"
ORGANISATION_TYPES = (LOCAL_AUTHORITY, CONSORTIUM, NATIONAL_BODY)  # identifiers from vocabulary.yml
CONFIRMED = "confirmed"
TO_BE_CONFIRMED = "to-be-confirmed"
STATUSES = (TO_BE_CONFIRMED, CONFIRMED)


@dataclass(frozen=True)
class Role:
    organisation_types: tuple[str, ...]
    needs_grant: bool = False  # only at an organisation responsible for the grant


# Role identifiers; their names in English and Welsh are in exchange/data/strings.yml
# (contacts.role.<id>).
ROLES: dict[str, Role] = {
    "lace-coordinator": Role((LOCAL_AUTHORITY,)),
    "pdg-lead": Role((LOCAL_AUTHORITY, CONSORTIUM), needs_grant=True),
}
LACE = "lace-coordinator"
PDG_LEAD = "pdg-lead"


# ---------------------------------------------------------------- the model's fields


@dataclass(frozen=True)
class Spec:
    """One field: its kind, whether it is required, and what it means (for messages and schema)."""

    kind: str  # slug, text, bilingual, choice, bool, date, partial-date, url, email, phone, source, list, object
    help: str = ""
    required: bool = False
    choices: Callable[[], list[str]] | None = None
    item: "Spec | None" = None  # list: the spec of each item
    fields: "dict[str, Spec] | None" = None  # object: its fields
    # (field, values): the field may only be given when another field of the same record has one of the values
    only_if: tuple[str, tuple[str, ...]] | None = None
    required_if: tuple[str, tuple[str, ...]] | None = None
    one_of: tuple[str, ...] = ()  # object: exactly one of these fields (e.g. from / known_from)


def _regions() -> list[str]:
    return [key for key in vocabulary.identifiers("regions") if key != "wales"]


def _source_ids() -> list[str]:
    return list(load_data("sources"))


BILINGUAL_FIELDS = {
    "en": Spec("text", "in English", required=True),
    "cy": Spec("text", "in Welsh", required=True),
}
SOURCE_FIELDS = {
    "en": Spec("text", "the document's title in English", required=True),
    "cy": Spec("text", "the document's title in Welsh", required=True),
    "url": Spec("url", "its web address, starting https:// or http://"),
}
PERIOD_HELP = "YYYY-MM-DD, or \"YYYY-MM\" or YYYY when the sources give no more"

MEMBERSHIP: dict[str, Spec] = {
    "consortium": Spec("slug", "the id of the regional consortium (an organisation of type regional-consortium)", required=True),
    "from": Spec("partial-date", f"the date the membership began ({PERIOD_HELP})"),
    "known_from": Spec("partial-date", f"the earliest date the sources show the membership, when they do not say when it began ({PERIOD_HELP})"),
    "to": Spec("partial-date", f"the date the membership ended ({PERIOD_HELP}); leave out while it lasts"),
    "note": Spec("bilingual", "a short note shown with the membership, in English (en) and Welsh (cy)"),
}

ORGANISATION: dict[str, Spec] = {
    "id": Spec("slug", "a short identifier: lowercase words joined by hyphens; for a local authority, its identifier in exchange/data/vocabulary.yml", required=True),
    "type": Spec("choice", "local-authority, regional-consortium or national-body", required=True, choices=lambda: list(ORGANISATION_TYPES)),
    "name": Spec("bilingual", "the organisation's name in English (en) and Welsh (cy)", required=True),
    "region": Spec("choice", "the region (the consortium area of 2017-2021) of a local authority", choices=_regions,
                   only_if=("type", (LOCAL_AUTHORITY,)), required_if=("type", (LOCAL_AUTHORITY,))),
    "memberships": Spec("list", "the local authority's memberships of regional consortia, with their dates",
                        item=Spec("object", "one membership", fields=MEMBERSHIP, one_of=("from", "known_from")),
                        only_if=("type", (LOCAL_AUTHORITY,))),
    "from": Spec("partial-date", f"the date the organisation began ({PERIOD_HELP})"),
    "known_from": Spec("partial-date", f"the earliest date the sources show the organisation, when they do not say when it began ({PERIOD_HELP})"),
    "to": Spec("partial-date", f"the date the organisation ended ({PERIOD_HELP}); leave out while it lasts"),
    "grant_responsible": Spec("bool", "true when the organisation is responsible for the Pupil Development Grant for looked after children",
                              only_if=("type", (LOCAL_AUTHORITY, CONSORTIUM))),
    "website": Spec("url", "the web address a source gives, starting https:// or http://"),
    "email": Spec("email", "the organisation's own email contact route, as a source gives it"),
    "phone": Spec("phone", "the organisation's own phone contact route, as a source gives it"),
    "contact_note": Spec("bilingual", "what the organisation's email or phone is for, in English (en) and Welsh (cy)"),
    "sources": Spec("list", "the sources of the web address and contact route: ids from exchange/data/sources.yml, or en/cy/url",
                    item=Spec("source", "a source")),
}

CONTACT: dict[str, Spec] = {
    "role": Spec("choice", "the role: " + ", ".join(ROLES), required=True, choices=lambda: list(ROLES)),
    "organisation": Spec("slug", "the id of the organisation that holds the role", required=True),
    "status": Spec("choice", "to-be-confirmed until the details are checked with the organisation, then confirmed", required=True, choices=lambda: list(STATUSES)),
    "name": Spec("text", "the person's name, only with their agreement", only_if=("status", (CONFIRMED,))),
    "email": Spec("email", "the email address for the role", only_if=("status", (CONFIRMED,))),
    "phone": Spec("phone", "a UK phone number, like 029 2018 0000", only_if=("status", (CONFIRMED,))),
    "welsh_speaking": Spec("bool", "true when the contact can help in Welsh", only_if=("status", (CONFIRMED,)), required_if=("status", (CONFIRMED,))),
    "verified": Spec("date", "the date the entry was last checked, YYYY-MM-DD", required=True),
    "source": Spec("source", "where the information comes from: an id from exchange/data/sources.yml, or en/cy/url", required=True),
}

FILE: dict[str, Spec] = {
    "organisations": Spec("list", "organisations: local authorities, regional consortia, national and third-sector partners",
                          item=Spec("object", "one organisation", fields=ORGANISATION)),
    "contacts": Spec("list", "contact entries: one per role and organisation",
                     item=Spec("object", "one contact entry", fields=CONTACT)),
}


# ---------------------------------------------------------------- typed records


@dataclass(frozen=True)
class Period:
    start: PartialDate | None = None
    start_is_earliest_known: bool = False  # from `known_from`: the real start may be earlier
    end: PartialDate | None = None

    def ended_by(self, day: dt.date) -> bool:
        return self.end is not None and last_day(self.end) < day

    def covers(self, day: dt.date) -> bool:
        started = self.start is None or self.start_is_earliest_known or first_day(self.start) <= day
        return started and not self.ended_by(day)


@dataclass(frozen=True)
class SourceRef:
    id: str | None
    title: dict[str, str]
    url: str | None


@dataclass(frozen=True)
class Membership:
    consortium: str
    period: Period
    note: dict[str, str] | None
    line: int


@dataclass
class Organisation:
    id: str
    type: str
    name: dict[str, str]
    path: Path
    line: int
    region: str | None = None
    memberships: list[Membership] = field(default_factory=list)
    period: Period = Period()
    grant_responsible: bool = False
    website: str | None = None
    email: str | None = None
    phone: str | None = None
    contact_note: dict[str, str] | None = None
    sources: list[SourceRef] = field(default_factory=list)

    def consortium_on(self, day: dt.date) -> Membership | None:
        return next((membership for membership in self.memberships if membership.period.covers(day)), None)


@dataclass
class Contact:
    role: str
    organisation: str
    status: str
    verified: dt.date
    source: SourceRef
    path: Path
    line: int
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    welsh_speaking: bool | None = None

    @property
    def confirmed(self) -> bool:
        return self.status == CONFIRMED

    @property
    def key(self) -> str:
        """A stable identifier: the vCard's file name and the table row's."""
        return f"{self.organisation}-{self.role}"


@dataclass
class ContactList:
    organisations: dict[str, Organisation] = field(default_factory=dict)
    contacts: list[Contact] = field(default_factory=list)

    def of_type(self, kind: str) -> list[Organisation]:
        return [organisation for organisation in self.organisations.values() if organisation.type == kind]

    def contact(self, organisation: str, role: str) -> Contact | None:
        return next((entry for entry in self.contacts if entry.organisation == organisation and entry.role == role), None)


# ---------------------------------------------------------------- dates


def first_day(date: PartialDate) -> dt.date:
    return dt.date(date.year, date.month or 1, date.day or 1)


def last_day(date: PartialDate) -> dt.date:
    month = date.month or 12
    return dt.date(date.year, month, date.day or calendar.monthrange(date.year, month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _exact_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


@dataclass
class FileRead:
    """One file's records, each with the line it starts on, before the rules across files."""

    organisations: list[Organisation] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rejected_organisations: set[str] = field(default_factory=set)  # ids of entries with errors
    rejected_positions: set[tuple[str, str]] = field(default_factory=set)  # (role, organisation) of entries with errors
