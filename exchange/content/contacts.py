"""The national contact list: organisations and contact positions, read from contacts/*.yml.

Every file in contacts/ has the same shape (one schema, contacts/schema.json): a mapping
with `organisations:` and/or `contacts:`, each a list. The fields of both are declared once,
below (ORGANISATION, MEMBERSHIP, CONTACT), and that declaration is used three ways:

- `check_*` functions walk the YAML nodes (yaml.compose keeps every line) and return a
  Problem for each broken rule: never an exception, so editors see `path:line: message`;
- `json_schema()` writes the JSON Schema that editors' YAML editors use (through the
  `# yaml-language-server: $schema=schema.json` line at the top of each file); a test and the
  checker compare the committed schema with a fresh one, so the two cannot drift;
- `load_contacts()` turns files without errors into typed records for the build and tests.

Rules across records (every local authority has its LACE coordinator, every organisation
responsible for the grant its lead, no duplicates, memberships consistent with their dates)
are in `check_collection`. Rules that depend on the day (how long ago an entry was
verified, whether an organisation has ended) take `today`, so tests can fix it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import json
import re
import urllib.parse
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import yaml
from yaml.constructor import SafeConstructor

from exchange import LANGUAGES, PROJECT_ROOT
from exchange.core import vocabulary
from exchange.content.case_studies import PartialDate, parse_partial_date
from exchange.core.data_files import load_data
from exchange.core.problems import Problem, display_path

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


# ---------------------------------------------------------------- YAML with lines


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _construct(node: yaml.Node) -> Any:
    """The Python value YAML gives a node (dates, booleans and numbers as yaml.safe_load reads them).

    A value YAML cannot build (an unknown !tag, a date like 2026-13-45) comes back as the
    text written, so the field's own check explains it instead of a traceback.
    """
    try:
        return SafeConstructor().construct_document(node)
    except Exception:  # yaml.constructor.ConstructorError, or ValueError from an impossible date
        return node.value if isinstance(node, yaml.ScalarNode) else None


_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}


def _has_unknown_tag(node: yaml.Node) -> bool:
    return node.tag not in _PLAIN_TAGS


def _mapping(node: yaml.MappingNode) -> list[tuple[str, yaml.Node, yaml.Node]]:
    return [(str(key.value) if isinstance(key, yaml.ScalarNode) else "?", key, value) for key, value in node.value]


def _suggest(value: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(value), list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'? " if close else ""


def _is_empty(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")


def parse_file(path: Path) -> tuple[yaml.Node | None, list[Problem]]:
    """The YAML node tree of a file, or the problem that stops it being read."""
    shown = display_path(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        return None, [Problem(shown, 1, f"the file cannot be read ({error.strerror})")]
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        return None, [Problem(shown, raw[: error.start].count(b"\n") + 1, "the file is not saved as UTF-8 text: save it again with UTF-8 encoding")]
    problems: list[Problem] = []
    first_lines = [line.strip() for line in text.splitlines()[:3]]
    if not any(line.startswith("# yaml-language-server:") and "$schema=" in line for line in first_lines):
        problems.append(Problem(shown, 1, f"add the line '{MODELINE}' at the top, so that YAML editors check the file as you type", severity="warning"))
    else:
        modeline = next(line for line in first_lines if line.startswith("# yaml-language-server:"))
        target = modeline.split("$schema=", 1)[1].strip()
        if not re.match(r"^https?://", target) and not (Path(path).parent / target).is_file():
            problems.append(Problem(shown, 1, f"the schema '{target}' named on this line does not exist: use '{MODELINE}'", severity="warning"))
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 1 if mark else 1
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        return None, problems + [Problem(shown, line, f"this is not valid YAML ({reason}): check the quotes, colons, dashes and indentation on this line and the one above")]
    return node, problems


def _duplicate_keys(node: yaml.Node, shown: str) -> Iterator[Problem]:
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for name, key, value in _mapping(node):
            if name in seen:
                yield Problem(shown, _line(key), f"'{name}' is given twice in the same entry (also on line {seen[name]}): keep one", field=name)
            else:
                seen[name] = _line(key)
            yield from _duplicate_keys(value, shown)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _duplicate_keys(item, shown)


# ---------------------------------------------------------------- checking one value


def _type_name(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a list of 'field: value' lines"
    if isinstance(node, yaml.SequenceNode):
        return "a list of '- ' items"
    return f"'{node.value}'"


def check_value(spec: Spec, node: yaml.Node, shown: str, name: str, today: dt.date) -> Iterator[Problem]:
    """Every problem with one field's value, at the line of the value."""
    line = _line(node)

    def problem(message: str, at: int = line, severity: str = "error") -> Problem:
        return Problem(shown, at, message, field=name, severity=severity)

    if _is_empty(node) or (isinstance(node, yaml.ScalarNode) and node.value == "" and spec.kind not in {"list", "object"}):
        yield problem(f"'{name}' is empty: fill it in ({spec.help}) or delete the line")
        return
    kind = spec.kind
    if kind in {"object", "bilingual"} or (kind == "source" and isinstance(node, yaml.MappingNode)):
        fields = spec.fields if kind == "object" else BILINGUAL_FIELDS if kind == "bilingual" else SOURCE_FIELDS
        if not isinstance(node, yaml.MappingNode):
            lines = ", ".join(f"'{key}:'" for key in fields)
            yield problem(f"'{name}' must have lines below it ({lines}), not {_type_name(node)}")
            return
        yield from check_object(Spec("object", spec.help, fields=fields, one_of=spec.one_of), node, shown, today, prefix=f"{name}.")
        return
    if kind == "list":
        if not isinstance(node, yaml.SequenceNode):
            yield problem(f"'{name}' must be a list: put each item on its own line starting with '- '")
            return
        for item in node.value:
            yield from check_value(spec.item, item, shown, name, today)
        return
    if not isinstance(node, yaml.ScalarNode):
        yield problem(f"'{name}' must be a single value ({spec.help}), not {_type_name(node)}")
        return
    if _has_unknown_tag(node):
        yield problem(f"'{name}' has the YAML tag '{node.tag}', which is not allowed here: delete it")
        return
    value = _construct(node)
    if kind in {"slug", "text", "url", "email", "phone", "choice"} and not isinstance(value, str):
        hint = "put it in quotes, like \"029 2018 0000\"" if kind == "phone" else "put it in quotes" if kind == "text" else spec.help
        yield problem(f"'{name}' must be text, not {node.value}: {hint}")
        return
    if kind == "slug":
        if not SLUG.match(value):
            yield problem(f"'{name}' '{value}' must be lowercase letters, digits and hyphens, like 'vale-of-glamorgan'")
    elif kind == "text":
        if not value.strip():
            yield problem(f"'{name}' is empty: fill it in ({spec.help})")
    elif kind == "choice":
        choices = spec.choices()
        if value not in choices:
            yield problem(f"{name} '{value}' is not one of the allowed values: {_suggest(value, choices)}use one of {', '.join(choices)}")
    elif kind == "bool":
        if not isinstance(value, bool):
            yield problem(f"'{name}' must be true or false, not '{node.value}'")
    elif kind == "date":
        yield from (problem(message) for message in _verified_problems(value, node.value, today, name))
    elif kind == "partial-date":
        if isinstance(value, bool) or parse_partial_date(value) is None:
            yield problem(f"'{name}' '{node.value}' is not a date: write {PERIOD_HELP}")
    elif kind == "url":
        message = url_problem(value)
        if message:
            yield problem(f"{name} '{value}' {message}")
    elif kind == "email":
        message = email_problem(value)
        if message:
            yield problem(f"email '{value}' is not a valid email address: {message}")
    elif kind == "phone":
        message = phone_problem(value)
        if message:
            yield problem(f"phone '{value}' {message}")
    elif kind == "source":
        if not isinstance(value, str) or value not in _source_ids():
            yield problem(f"source '{value}' is not in exchange/data/sources.yml: {_suggest(str(value), _source_ids())}use one of its names ({', '.join(_source_ids())}), or give the document as lines 'en:', 'cy:' and 'url:'")


def check_object(spec: Spec, node: yaml.MappingNode, shown: str, today: dt.date, prefix: str = "") -> Iterator[Problem]:
    """Unknown keys (typos), missing required fields, conditional fields, and every value."""
    fields = spec.fields or {}
    given = {name: (key, value) for name, key, value in _mapping(node)}
    values = {name: _construct(value) for name, (_, value) in given.items() if isinstance(value, yaml.ScalarNode)}
    for name, (key, value) in given.items():
        if name not in fields:
            yield Problem(shown, _line(key), f"unknown field '{prefix}{name}': {_suggest(name, fields)}the fields here are {', '.join(fields)}", field=prefix + name)
            continue
        field_spec = fields[name]
        if field_spec.only_if:
            other, allowed = field_spec.only_if
            if values.get(other) in _allowed_values(fields[other]) and values.get(other) not in allowed:
                yield Problem(shown, _line(key), _only_if_message(prefix + name, other, values.get(other), allowed), field=prefix + name)
                continue
        yield from check_value(field_spec, value, shown, prefix + name, today)
    for name, field_spec in fields.items():
        if name in given:
            continue
        required = field_spec.required
        if field_spec.required_if:
            other, when = field_spec.required_if
            required = required or values.get(other) in when
        if required and fields in (BILINGUAL_FIELDS, SOURCE_FIELDS):
            owner = prefix.rstrip(".")
            yield Problem(shown, _line(node), f"'{owner}' has no {_language_name(name)} text: add '{name}: ...' to it, like {owner}: {{en: ..., cy: ...}}", field=prefix + name)
        elif required:
            yield Problem(shown, _line(node), f"'{prefix}{name}' is missing: add a line '{name}: ...' ({field_spec.help})", field=prefix + name)
    if spec.one_of:
        present = [name for name in spec.one_of if name in given]
        if len(present) != 1:
            names = " or ".join(f"'{name}'" for name in spec.one_of)
            what = "both are given: keep one" if present else "neither is given: add one"
            yield Problem(shown, _line(node), f"give {names} ({what}; use '{spec.one_of[-1]}' when the sources only show the earliest date)", field=prefix + spec.one_of[0])


def _allowed_values(spec: Spec) -> list[Any]:
    return spec.choices() if spec.choices else []


def _only_if_message(name: str, other: str, value: Any, allowed: tuple[str, ...]) -> str:
    if other == "status":
        return f"'{name}' is only for confirmed contacts: this entry is '{value}'. Never add details a source does not give; when the organisation has confirmed them, set 'status: confirmed'"
    return f"'{name}' is only for {other} {' or '.join(allowed)}, not {value}: delete the line"


def _verified_problems(value: Any, raw: str, today: dt.date, name: str) -> Iterator[str]:
    date = _exact_date(value)
    if date is None:
        yield f"'{name}' '{raw}' is not a date: write the day it was checked as YYYY-MM-DD, like {today.isoformat()}"
        return
    if date > today:
        yield f"'{name}' {date.isoformat()} is in the future: give the day the entry was last checked"


def verification_age(verified: dt.date, today: dt.date) -> str | None:
    """'error' if checked more than 24 months ago, 'warning' if more than 12, else None."""
    if today > add_months(verified, ERROR_AFTER_MONTHS):
        return "error"
    if today > add_months(verified, WARN_AFTER_MONTHS):
        return "warning"
    return None


# ---------------------------------------------------------------- value rules


def phone_problem(value: str) -> str | None:
    import phonenumbers

    try:
        number = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException:
        return "is not a phone number: enter a UK phone number, like 029 2018 0000"
    if not phonenumbers.is_valid_number(number):
        return "is not a valid UK phone number: check the digits and enter it like 029 2018 0000"
    if phonenumbers.region_code_for_number(number) != "GB":
        return "is not a UK phone number: enter a UK number, like 029 2018 0000"
    return None


def phone_e164(value: str) -> str:
    import phonenumbers

    return phonenumbers.format_number(phonenumbers.parse(value, "GB"), phonenumbers.PhoneNumberFormat.E164)


def email_problem(value: str) -> str | None:
    from email_validator import EmailNotValidError, validate_email

    if len(value) > 254:
        return "it is longer than 254 characters"
    try:
        validate_email(value, check_deliverability=False)  # no network look-ups
    except EmailNotValidError as error:
        return str(error)
    return None


def url_problem(value: str) -> str | None:
    if any(char.isspace() for char in value):
        return "has a space in it: a web address has none"
    parts = urllib.parse.urlsplit(value)
    if parts.scheme not in {"http", "https"}:
        return "is not a web address: write it in full, starting with https://"
    host = parts.hostname or ""
    if "." not in host or host.startswith(".") or host.endswith(".") or not re.match(r"^[a-z0-9.-]+$", host, re.IGNORECASE):
        return "does not have a valid site name after https://"
    return None


# ---------------------------------------------------------------- building records


def _period(values: dict) -> Period:
    start_value = values.get("from", values.get("known_from"))
    return Period(
        start=parse_partial_date(start_value) if start_value is not None else None,
        start_is_earliest_known="known_from" in values,
        end=parse_partial_date(values["to"]) if values.get("to") is not None else None,
    )


def _source(value: Any) -> SourceRef:
    if isinstance(value, str):
        entry = load_data("sources")[value]
        return SourceRef(value, dict(entry["title"]), entry.get("url"))
    return SourceRef(None, {language: str(value[language]).strip() for language in LANGUAGES}, value.get("url"))


def _organisation(node: yaml.MappingNode, path: Path) -> Organisation:
    values = _construct(node)
    memberships = []
    for item in _mapping_value(node, "memberships") or []:
        data = _construct(item)
        memberships.append(Membership(data["consortium"], _period(data), data.get("note"), _line(item)))
    return Organisation(
        id=values["id"],
        type=values["type"],
        name={language: values["name"][language].strip() for language in LANGUAGES},
        path=path,
        line=_line(node),
        region=values.get("region"),
        memberships=memberships,
        period=_period(values),
        grant_responsible=bool(values.get("grant_responsible", False)),
        website=values.get("website"),
        email=values.get("email"),
        phone=values.get("phone"),
        contact_note=values.get("contact_note"),
        sources=[_source(source) for source in values.get("sources") or []],
    )


def _contact(node: yaml.MappingNode, path: Path) -> Contact:
    values = _construct(node)
    return Contact(
        role=values["role"],
        organisation=values["organisation"],
        status=values["status"],
        verified=_exact_date(values["verified"]),
        source=_source(values["source"]),
        path=path,
        line=_line(node),
        name=(values.get("name") or "").strip() or None,
        email=values.get("email"),
        phone=values.get("phone"),
        welsh_speaking=values.get("welsh_speaking"),
    )


def _mapping_value(node: yaml.MappingNode, name: str) -> list[yaml.Node] | None:
    for key, _, value in _mapping(node):
        if key == name and isinstance(value, yaml.SequenceNode):
            return value.value
    return None


@dataclass
class _Read:
    """One file's records, each with the line it starts on, before the rules across files."""

    organisations: list[Organisation] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rejected_organisations: set[str] = field(default_factory=set)  # ids of entries with errors
    rejected_positions: set[tuple[str, str]] = field(default_factory=set)  # (role, organisation) of entries with errors


def read_file(path: Path, today: dt.date) -> _Read:
    """One data file: its records and every problem found in it on its own."""
    result = _Read()
    shown = display_path(path)
    node, result.problems = parse_file(path)
    if node is None:  # a YAML error (already reported), or a file with nothing but comments
        if not any(problem.severity == "error" for problem in result.problems):
            result.problems.append(Problem(shown, 1, "the file is empty: add 'organisations:' or 'contacts:' followed by a list"))
        return result
    if not isinstance(node, yaml.MappingNode):
        if _is_empty(node):
            result.problems.append(Problem(shown, 1, "the file is empty: add 'organisations:' or 'contacts:' followed by a list"))
        else:
            result.problems.append(Problem(shown, _line(node), "the file must start with 'organisations:' or 'contacts:' followed by a list of entries"))
        return result
    result.problems.extend(_duplicate_keys(node, shown))
    for name, key, value in _mapping(node):
        if name not in FILE:
            result.problems.append(Problem(shown, _line(key), f"unknown section '{name}': {_suggest(name, FILE)}a contacts file has the sections {' and '.join(FILE)}", field=name))
            continue
        if _is_empty(value):
            continue
        if not isinstance(value, yaml.SequenceNode):
            result.problems.append(Problem(shown, _line(value), f"'{name}' must be a list: start each entry with '- '", field=name))
            continue
        for item in value.value:
            if not isinstance(item, yaml.MappingNode):
                result.problems.append(Problem(shown, _line(item), f"each entry in '{name}' must be a set of 'field: value' lines, starting with '- '", field=name))
                continue
            found = list(check_object(FILE[name].item, item, shown, today))
            found.extend(_record_rules(name, item, shown))
            result.problems.extend(found)
            if any(problem.severity == "error" for problem in found):
                _note_rejected(result, name, item)
                continue
            if name == "organisations":
                result.organisations.append(_organisation(item, Path(path)))
            else:
                result.contacts.append(_contact(item, Path(path)))
    return result


def _note_rejected(result: _Read, section: str, node: yaml.MappingNode) -> None:
    """Remember entries with errors, so that the rules across records do not report them again."""
    values = {name: _construct(value) for name, _, value in _mapping(node) if isinstance(value, yaml.ScalarNode)}
    if section == "organisations" and isinstance(values.get("id"), str):
        result.rejected_organisations.add(values["id"])
    elif section == "contacts" and isinstance(values.get("organisation"), str):
        result.rejected_positions.add((str(values.get("role")), values["organisation"]))


def _record_rules(section: str, node: yaml.MappingNode, shown: str) -> Iterator[Problem]:
    """Rules inside one record that the field declarations cannot say."""
    values = {name: _construct(value) for name, _, value in _mapping(node) if isinstance(value, yaml.ScalarNode)}
    line = _line(node)
    if section == "contacts":
        if values.get("status") == CONFIRMED and not values.get("email") and not values.get("phone"):
            yield Problem(shown, line, "a confirmed contact needs an 'email' or a 'phone' (or both)", field="email")
        return
    kind = values.get("type")
    if kind == LOCAL_AUTHORITY:
        ident = values.get("id")
        authorities = [key for key in vocabulary.identifiers("local_authorities") if key != "wales"]
        if isinstance(ident, str) and ident not in authorities:
            yield Problem(shown, line, f"unknown local authority '{ident}': {_suggest(ident, authorities)}the 22 local authorities are {', '.join(authorities)}", field="id")
    if any(name in values for name in ("website", "email", "phone")) and not _mapping_value(node, "sources"):
        yield Problem(shown, line, "say which source gives this web address or contact route: add 'sources:' with at least one source", field="sources")


# ---------------------------------------------------------------- rules across records


def check_collection(data: ContactList, read: list[_Read], today: dt.date, anchor: str) -> Iterator[Problem]:
    """Rules across records and files. `anchor` is where problems with no line of their own go."""
    organisations = data.organisations
    rejected = set().union(*(result.rejected_organisations for result in read))
    rejected_positions = set().union(*(result.rejected_positions for result in read))
    known_ids = set(organisations) | rejected

    # every local authority is there, under its vocabulary name and region
    authorities = [key for key in vocabulary.identifiers("local_authorities") if key != "wales"]
    for ident in authorities:
        if ident not in known_ids:
            yield Problem(anchor, 1, f"local authority '{ident}' ({vocabulary.label('local_authorities', ident, 'en')}) is missing: add it to the organisations", field="organisations")
    for organisation in organisations.values():
        shown = display_path(organisation.path)
        if organisation.type == LOCAL_AUTHORITY:
            entry = vocabulary.entry("local_authorities", organisation.id)
            for language in LANGUAGES:
                if organisation.name[language] != entry[language]:
                    yield Problem(shown, organisation.line, f"the {_language_name(language)} name of '{organisation.id}' is '{organisation.name[language]}' here but '{entry[language]}' in exchange/data/vocabulary.yml: use the same name in both", field=f"name.{language}")
            if organisation.region != entry["region"]:
                yield Problem(shown, organisation.line, f"region '{organisation.region}' of '{organisation.id}' does not match exchange/data/vocabulary.yml: use region: {entry['region']}", field="region")
        if organisation.type == CONSORTIUM and organisation.id in vocabulary.identifiers("regions"):
            for language in LANGUAGES:
                expected = vocabulary.label("regions", organisation.id, language)
                if organisation.name[language] != expected:
                    yield Problem(shown, organisation.line, f"the {_language_name(language)} name of '{organisation.id}' is '{organisation.name[language]}' here but '{expected}' in exchange/data/vocabulary.yml: use the same name in both", field=f"name.{language}")
        yield from _period_problems(organisation.period, shown, organisation.line, f"organisation '{organisation.id}'")
        if organisation.type == LOCAL_AUTHORITY:
            yield from _membership_problems(organisation, organisations, rejected, today)

    # contacts: known organisation, allowed role, one entry per role and organisation
    seen: dict[tuple[str, str], Contact] = {}
    for contact in data.contacts:
        shown = display_path(contact.path)
        organisation = organisations.get(contact.organisation)
        if organisation is None:
            if contact.organisation not in rejected:
                yield Problem(shown, contact.line, f"organisation '{contact.organisation}' is not in the list of organisations: {_suggest(contact.organisation, organisations)}use the 'id' of one of them", field="organisation")
            continue
        role = ROLES[contact.role]
        if organisation.type not in role.organisation_types:
            yield Problem(shown, contact.line, f"a {contact.role} belongs to a {' or '.join(role.organisation_types)}, but '{organisation.id}' is a {organisation.type}", field="role")
        elif role.needs_grant and not organisation.grant_responsible:
            yield Problem(shown, contact.line, f"'{organisation.id}' is not marked as responsible for the grant: add 'grant_responsible: true' to the organisation (citing a source), or remove this {contact.role}", field="role")
        if organisation.period.ended_by(today):
            yield Problem(shown, contact.line, f"'{organisation.id}' ended on {organisation.period.end.isoformat()}: an organisation that has ended cannot have a current contact; remove this entry", field="organisation")
        key = (contact.role, contact.organisation)
        if key in seen:
            yield Problem(shown, contact.line, f"duplicate entry: the {contact.role} of '{contact.organisation}' is already listed at {display_path(seen[key].path)}:{seen[key].line}; keep one", field="role")
        else:
            seen[key] = contact
        age = verification_age(contact.verified, today)
        if age:
            months = WARN_AFTER_MONTHS if age == "warning" else ERROR_AFTER_MONTHS
            yield Problem(shown, contact.line, f"the {contact.role} of '{contact.organisation}' was last verified on {contact.verified.isoformat()}, more than {months} months ago: check it with the organisation and update 'verified'", field="verified", severity=age)

    # every position that must exist does
    for organisation in organisations.values():
        shown = display_path(organisation.path)
        if organisation.type == LOCAL_AUTHORITY and (LACE, organisation.id) not in seen.keys() | rejected_positions:
            yield Problem(shown, organisation.line, f"'{organisation.id}' has no LACE coordinator entry: every local authority needs one (with 'status: to-be-confirmed' until the details are confirmed)", field="contacts")
        if organisation.grant_responsible and not organisation.period.ended_by(today) and (PDG_LEAD, organisation.id) not in seen.keys() | rejected_positions:
            yield Problem(shown, organisation.line, f"'{organisation.id}' is responsible for the grant but has no pdg-lead entry: add one (with 'status: to-be-confirmed' until the details are confirmed)", field="contacts")


def _language_name(language: str) -> str:
    return {"en": "English", "cy": "Welsh"}[language]


def _period_problems(period: Period, shown: str, line: int, what: str) -> Iterator[Problem]:
    if period.start and period.end and first_day(period.start) > last_day(period.end):
        yield Problem(shown, line, f"{what} ends ({period.end.isoformat()}) before it begins ({period.start.isoformat()}): check the dates", field="to")


def _membership_problems(authority: Organisation, organisations: dict[str, Organisation], rejected: set[str], today: dt.date) -> Iterator[Problem]:
    shown = display_path(authority.path)
    for membership in authority.memberships:
        what = f"the membership of '{authority.id}' in '{membership.consortium}'"
        consortium = organisations.get(membership.consortium)
        if consortium is None:
            if membership.consortium not in rejected:
                consortia = [organisation.id for organisation in organisations.values() if organisation.type == CONSORTIUM]
                yield Problem(shown, membership.line, f"consortium '{membership.consortium}' is not in the list of organisations: {_suggest(membership.consortium, consortia)}use one of {', '.join(consortia)}", field="memberships.consortium")
            continue
        if consortium.type != CONSORTIUM:
            yield Problem(shown, membership.line, f"'{membership.consortium}' is a {consortium.type}, not a regional-consortium: a membership is of a regional consortium", field="memberships.consortium")
            continue
        yield from _period_problems(membership.period, shown, membership.line, what)
        end, consortium_end = membership.period.end, consortium.period.end
        if consortium_end and end is None:
            yield Problem(shown, membership.line, f"{what} has no end date, but '{consortium.id}' ended on {consortium_end.isoformat()}: add 'to: {consortium_end.isoformat()}' (or the earlier date it left)", field="memberships.to")
        elif consortium_end and end and first_day(end) > last_day(consortium_end):
            yield Problem(shown, membership.line, f"{what} ends on {end.isoformat()}, after '{consortium.id}' itself ended on {consortium_end.isoformat()}: check the dates", field="memberships.to")
        start = membership.period.start
        if start and consortium_end and first_day(start) > last_day(consortium_end):
            yield Problem(shown, membership.line, f"{what} begins on {start.isoformat()}, after '{consortium.id}' ended on {consortium_end.isoformat()}: check the dates", field="memberships.from")
        consortium_start = consortium.period.start
        if start and consortium_start and not consortium.period.start_is_earliest_known and last_day(start) < first_day(consortium_start):
            yield Problem(shown, membership.line, f"{what} begins on {start.isoformat()}, before '{consortium.id}' began on {consortium_start.isoformat()}: check the dates", field="memberships.from")
    ordered = [membership for membership in authority.memberships if membership.period.start]
    for index, first in enumerate(ordered):
        for second in ordered[index + 1 :]:
            if _overlap(first.period, second.period):
                yield Problem(shown, second.line, f"'{authority.id}' is in '{first.consortium}' (line {first.line}) and '{second.consortium}' at the same time: a local authority is in one consortium at a time; check the dates", field="memberships")
    if authority.memberships and authority.region not in {membership.consortium for membership in authority.memberships}:
        yield Problem(shown, authority.line, f"region '{authority.region}' of '{authority.id}' is not one of its consortium memberships: the region is the consortium area of 2017-2021, so add that membership", field="region")


def _overlap(first: Period, second: Period) -> bool:
    far = dt.date.max
    first_end = first_day(first.end) if first.end else far
    second_end = first_day(second.end) if second.end else far
    return last_day(first.start) < second_end and last_day(second.start) < first_end


# ---------------------------------------------------------------- loading a folder


def data_files(root: Path) -> list[Path]:
    return sorted(path for path in Path(root).iterdir() if path.suffix.lower() in DATA_SUFFIXES and not path.name.startswith("."))


def load_contacts(root: Path = CONTACTS_DIR, today: dt.date | None = None) -> tuple[ContactList, list[Problem]]:
    """Every record under root that has no error, and every problem found (sorted).

    Cached on the files' sizes and times and the day, so the Welsh build reuses the English
    build's reading.
    """
    root = Path(root)
    today = today or dt.date.today()
    if not root.is_dir():
        return ContactList(), [Problem(display_path(root), 1, "the contacts folder does not exist")]
    fingerprint = tuple((str(path), path.stat().st_mtime_ns, path.stat().st_size) for path in sorted(root.iterdir()) if path.is_file())
    return _load_cached(root, fingerprint, today)


@lru_cache(maxsize=8)
def _load_cached(root: Path, fingerprint: tuple, today: dt.date) -> tuple[ContactList, list[Problem]]:
    files = data_files(root)
    problems: list[Problem] = []
    if not files:
        return ContactList(), [Problem(display_path(root), 1, "the contacts folder has no .yml files")]
    read = [read_file(path, today) for path in files]
    data = ContactList()
    first_line: dict[str, Organisation] = {}
    for result in read:
        problems.extend(result.problems)
        for organisation in result.organisations:
            if organisation.id in first_line:
                earlier = first_line[organisation.id]
                problems.append(Problem(display_path(organisation.path), organisation.line, f"duplicate organisation: '{organisation.id}' is already listed at {display_path(earlier.path)}:{earlier.line}; keep one", field="id"))
                continue
            first_line[organisation.id] = organisation
            data.organisations[organisation.id] = organisation
        data.contacts.extend(result.contacts)
    anchor = display_path(_anchor_file(files))
    problems.extend(check_collection(data, read, today, anchor))
    problems.extend(schema_problems(root))
    return _without_broken_links(data), sorted(set(problems))


def _without_broken_links(data: ContactList) -> ContactList:
    """The records the pages can show: no contact or membership pointing at a missing organisation.

    Those are errors already (the strict build fails on them); dropping them here lets a
    non-strict preview still build.
    """
    organisations = data.organisations
    for organisation in organisations.values():
        organisation.memberships = [
            membership for membership in organisation.memberships
            if membership.consortium in organisations and organisations[membership.consortium].type == CONSORTIUM
        ]
    data.contacts = [contact for contact in data.contacts if contact.organisation in organisations]
    return data


def _anchor_file(files: list[Path]) -> Path:
    """The file that problems about the whole list point at: the one with the local authorities."""
    for path in files:
        if "authorit" in path.stem:
            return path
    return files[0]


def check_paths(paths: list[Path], today: dt.date | None = None, default_root: Path = CONTACTS_DIR) -> list[Problem]:
    """The checker behind scripts/check_contacts.py.

    No path: the whole contacts/ folder. A folder: that folder as one contact list. A file:
    its folder is read as one list (the rules across files need it), and the problems in
    the named files are reported.
    """
    if not paths:
        return load_contacts(default_root, today)[1]
    folders: dict[Path, set[str] | None] = {}
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            folders[path] = None
        elif path.suffix.lower() not in DATA_SUFFIXES | {".json"}:
            problems.append(Problem(display_path(path), 1, "this is not a contact data file: give a .yml file or the contacts folder"))
        elif path.parent not in folders or folders[path.parent] is not None:
            folders.setdefault(path.parent, set()).add(display_path(path))
    for folder, only in folders.items():
        found = load_contacts(folder, today)[1]
        problems.extend(found if only is None else [problem for problem in found if problem.path in only])
    return sorted(problems)


# ---------------------------------------------------------------- the JSON Schema


def _schema_of(spec: Spec) -> dict:
    kind = spec.kind
    schema: dict[str, Any]
    if kind == "slug":
        schema = {"type": "string", "pattern": SLUG_PATTERN}
    elif kind == "text":
        schema = {"type": "string", "minLength": 1}
    elif kind == "bilingual":
        schema = _object_schema(BILINGUAL_FIELDS)
    elif kind == "choice":
        schema = {"enum": spec.choices()}
    elif kind == "bool":
        schema = {"type": "boolean"}
    elif kind == "date":
        schema = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    elif kind == "partial-date":
        schema = {"type": ["integer", "string"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$", "minimum": 1900, "maximum": 2100}
    elif kind == "url":
        schema = {"type": "string", "format": "uri", "pattern": "^https?://[^\\s]+$"}
    elif kind == "email":
        schema = {"type": "string", "format": "email", "maxLength": 254}
    elif kind == "phone":
        schema = {"type": "string", "pattern": r"^[0-9+() -]+$"}
    elif kind == "source":
        # a source's name is checked against exchange/data/sources.yml by the checker, not
        # here, so that adding a source there does not make this schema out of date
        schema = {"oneOf": [{"type": "string", "pattern": SLUG_PATTERN}, _object_schema(SOURCE_FIELDS)]}
    elif kind == "list":
        schema = {"type": "array", "items": _schema_of(spec.item)}
    elif kind == "object":
        schema = _object_schema(spec.fields or {}, spec.one_of)
    else:  # pragma: no cover - a new kind must be added here and in check_value
        raise ValueError(f"no schema for field kind {kind}")
    if spec.help:
        schema = {"description": spec.help, **schema}
    return schema


def _object_schema(fields: dict[str, Spec], one_of: tuple[str, ...] = ()) -> dict:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {name: _schema_of(spec) for name, spec in fields.items()},
        "additionalProperties": False,
    }
    required = [name for name, spec in fields.items() if spec.required]
    if required:
        schema["required"] = required
    conditions = []
    for name, spec in fields.items():
        if spec.only_if:
            other, allowed = spec.only_if
            conditions.append({"if": _when(other, allowed, fields), "else": {"not": {"required": [name]}}})
        if spec.required_if:
            other, when = spec.required_if
            conditions.append({"if": _when(other, when, fields), "then": {"required": [name]}})
    if fields is ORGANISATION:
        authorities = [key for key in vocabulary.identifiers("local_authorities") if key != "wales"]
        conditions.append({"if": _when("type", (LOCAL_AUTHORITY,), fields), "then": {"properties": {"id": {"enum": authorities}}}})
    if fields is CONTACT:
        conditions.append({"if": _when("status", (CONFIRMED,), fields), "then": {"anyOf": [{"required": ["email"]}, {"required": ["phone"]}]}})
    if one_of:
        conditions.append({"oneOf": [{"required": [name]} for name in one_of]})
    if conditions:
        schema["allOf"] = conditions
    return schema


def _when(other: str, values: tuple[str, ...], fields: dict[str, Spec]) -> dict:
    return {"properties": {other: {"enum": list(values)}}, "required": [other]}


def json_schema() -> dict:
    """The JSON Schema of every contacts/*.yml file, generated from the fields above."""
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "ExChange: Care and Education – national contact list",
        "description": "Generated by `scripts/check_contacts.py --write-schema` from exchange/content/contacts.py: do not edit by hand.",
        **_object_schema(FILE),
    }


def schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def schema_problems(root: Path) -> list[Problem]:
    """A committed schema that differs from the model is an error (fixture folders have none)."""
    path = Path(root) / SCHEMA_NAME
    if not path.exists():
        return []
    try:
        committed = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return [Problem(display_path(path), 1, f"the schema cannot be read ({error}): run scripts/check_contacts.py --write-schema")]
    if committed != json.loads(schema_text()):
        return [Problem(display_path(path), 1, "the schema is out of date with exchange/content/contacts.py: run scripts/check_contacts.py --write-schema and commit the result")]
    return []


def write_schema(root: Path = CONTACTS_DIR) -> Path:
    path = Path(root) / SCHEMA_NAME
    path.write_text(schema_text(), encoding="utf-8")
    return path
