"""The contact list's checks: each value against its field (check_value, check_object), the value
rules (telephone, e-mail, address), and the rules across records (check_collection): every local
authority has its LACE coordinator, memberships agree with their dates, no duplicates."""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from typing import Any, Iterator

import yaml

from exchange import LANGUAGES
from exchange.content.case_studies import parse_partial_date
from exchange.content.contacts.model import (
    BILINGUAL_FIELDS,
    CONSORTIUM,
    ERROR_AFTER_MONTHS,
    LACE,
    LOCAL_AUTHORITY,
    PDG_LEAD,
    PERIOD_HELP,
    ROLES,
    SLUG,
    SOURCE_FIELDS,
    WARN_AFTER_MONTHS,
    Contact,
    ContactList,
    FileRead,
    Organisation,
    Period,
    Spec,
    _exact_date,
    _source_ids,
    add_months,
    first_day,
    last_day,
)
from exchange.content.contacts.yaml_nodes import (
    _construct,
    _has_unknown_tag,
    _is_empty,
    _line,
    _mapping,
    _suggest,
)
from exchange.core import vocabulary
from exchange.core.problems import Problem, display_path

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

# ---------------------------------------------------------------- rules across records


def check_collection(data: ContactList, read: list[FileRead], today: dt.date, anchor: str) -> Iterator[Problem]:
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
