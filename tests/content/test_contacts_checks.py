"""The contact list's checker: one test (or a few) per rule, on fixture data.

Each test copies tests/fixtures/contacts/valid (a complete, correct, fictional list), breaks
one thing, and asserts the exact `path:line: message` the checker gives. "Today" is fixed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from exchange import PROJECT_ROOT
from exchange.content import contacts
from exchange.content.contacts import check_paths, load_contacts

FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "contacts"
VALID = FIXTURES / "valid"
TODAY = dt.date(2026, 11, 23)
SCRIPT = PROJECT_ROOT / "scripts" / "check_contacts.py"


@pytest.fixture
def data_set(tmp_path):
    """A copy of the valid fixture folder, and a function to edit one of its files."""
    folder = tmp_path / "contacts"
    shutil.copytree(VALID, folder)
    for path in folder.glob("*.yml"):  # the copy is elsewhere: name the schema by its full path
        text = path.read_text(encoding="utf-8").replace("../../../../contacts/schema.json", str(PROJECT_ROOT / "contacts" / "schema.json"))
        path.write_text(text, encoding="utf-8")

    def edit(name: str, old: str, new: str, count: int = 1) -> Path:
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture text not found: {old!r}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")
        return path

    edit.folder = folder
    return edit


def problems_of(folder: Path, today: dt.date = TODAY):
    return check_paths([folder], today=today)


def line_of(path: Path, text: str, occurrence: int = 1) -> int:
    """The line on which `text` appears (its nth occurrence) in a file."""
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{text!r} not in {path}")


def entry_line(path: Path, role: str, organisation: str) -> int:
    """The line of the '- role: ...' that starts the entry for an organisation."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if line.strip() == f"organisation: {organisation}" and lines[number - 2].strip() == f"- role: {role}":
            return number - 1
    raise AssertionError(f"no {role} entry for {organisation}")


def find(problems, path: Path, line: int, fragment: str, severity: str = "error"):
    shown = str(path)
    matches = [p for p in problems if p.path.endswith(shown.split("/contacts/", 1)[-1]) and p.line == line and fragment in p.message and p.severity == severity]
    assert matches, "expected a problem at line %d containing %r; got:\n%s" % (line, fragment, "\n".join(str(p) for p in problems))
    return matches[0]


# ---------------------------------------------------------------- the fixture and real data


def test_the_valid_fixture_has_no_problem_at_all():
    assert problems_of(VALID) == []


def test_the_real_contact_list_has_no_error():
    problems = check_paths([], today=dt.date.today())
    assert [str(problem) for problem in problems if problem.severity == "error"] == []


def test_the_real_list_invents_no_coordinator_or_direct_detail():
    """Honesty: the sources name no coordinator, so every position is still to be confirmed."""
    data, _ = load_contacts()
    assert len(data.contacts) >= 22
    for contact in data.contacts:
        assert contact.status == contacts.TO_BE_CONFIRMED, contact.key
        assert (contact.name, contact.email, contact.phone, contact.welsh_speaking) == (None, None, None, None), contact.key


def test_the_real_list_has_every_local_authority_with_a_lace_position_and_the_running_consortia_with_a_lead():
    data, _ = load_contacts()
    authorities = [key for key in yaml.safe_load((PROJECT_ROOT / "exchange/data/vocabulary.yml").read_text())["local_authorities"] if key != "wales"]
    assert len(authorities) == 22
    assert sorted(c.organisation for c in data.contacts if c.role == "lace-coordinator") == sorted(authorities)
    assert sorted(c.organisation for c in data.contacts if c.role == "pdg-lead") == ["csc", "eas"]
    assert data.organisations["erw"].period.end.isoformat() == "2021-08-31"
    assert data.organisations["gwe"].period.end.isoformat() == "2025-05-31"
    assert data.organisations["neath-port-talbot"].memberships[0].period.end.isoformat() == "2020-03-31"
    assert data.organisations["ceredigion"].memberships[0].period.end.isoformat() == "2021-03"
    caerphilly = data.organisations["caerphilly"].memberships[0]
    assert caerphilly.period.end is None and "April 2025" in caerphilly.note["en"]
    assert data.organisations["welsh-government"].email == "LACstrategy@gov.wales"


def test_no_real_council_has_a_web_address_because_no_source_gives_one():
    data, _ = load_contacts()
    assert [o.id for o in data.of_type("local-authority") if o.website or o.email or o.phone] == []


# ---------------------------------------------------------------- YAML and types


def test_a_yaml_syntax_error_names_its_line(data_set):
    path = data_set("contacts.yml", "    organisation: cardiff\n", "    organisation: [cardiff\n")
    problems = problems_of(data_set.folder)
    problem = next(p for p in problems if "not valid YAML" in p.message)
    assert problem.path.endswith("contacts.yml")
    assert line_of(path, "organisation: [cardiff") <= problem.line <= line_of(path, "organisation: [cardiff") + 2


def test_a_phone_that_yaml_reads_as_a_number_is_explained_as_written(data_set):
    # YAML reads 01234 as the octal number 668: the message quotes what the editor wrote
    path = data_set("contacts.yml", 'phone: "029 2018 0789"', "phone: 01234")
    find(problems_of(data_set.folder), path, line_of(path, "phone: 01234"), "'phone' must be text, not 01234: put it in quotes")


def test_a_file_that_is_not_a_mapping_is_refused(data_set):
    (data_set.folder / "extra.yml").write_text(f"# yaml-language-server: $schema={PROJECT_ROOT / 'contacts' / 'schema.json'}\n- just\n- a list\n", encoding="utf-8")
    find(problems_of(data_set.folder), data_set.folder / "extra.yml", 2, "must start with 'organisations:' or 'contacts:'")


def test_an_empty_file_and_a_file_not_in_utf8_are_explained(data_set):
    (data_set.folder / "empty.yml").write_text("# nothing yet\n", encoding="utf-8")
    (data_set.folder / "latin.yml").write_bytes("organisations:\n  - id: caf\xe9\n".encode("latin-1"))
    problems = problems_of(data_set.folder)
    find(problems, data_set.folder / "empty.yml", 1, "the file is empty")
    find(problems, data_set.folder / "latin.yml", 2, "not saved as UTF-8")


# ---------------------------------------------------------------- misspelt keys


def test_a_misspelt_field_is_an_error_with_a_suggestion(data_set):
    path = data_set("contacts.yml", "    verified: 2026-10-01\n", "    verifed: 2026-10-01\n")
    problems = problems_of(data_set.folder)
    find(problems, path, line_of(path, "verifed:"), "unknown field 'verifed': did you mean 'verified'?")
    find(problems, path, entry_line(path, "lace-coordinator", "cardiff"), "'verified' is missing")


# ---------------------------------------------------------------- unknown local authority and role


def test_an_unknown_local_authority_is_an_error_with_a_suggestion(data_set):
    path = data_set("organisations.yml", "  - id: cardiff\n", "  - id: cardif\n")
    problems = problems_of(data_set.folder)
    find(problems, path, line_of(path, "id: cardif"), "unknown local authority 'cardif': did you mean 'cardiff'?")
    assert any("local authority 'cardiff' (Cardiff) is missing" in p.message for p in problems)


def test_a_contact_for_an_unknown_organisation_is_an_error(data_set):
    path = data_set("contacts.yml", "organisation: newport\n", "organisation: newprt\n")
    find(problems_of(data_set.folder), path, line_of(path, "organisation: newprt") - 1, "organisation 'newprt' is not in the list of organisations: did you mean 'newport'?")


def test_a_role_at_the_wrong_kind_of_organisation_is_an_error(data_set):
    path = data_set("contacts.yml", "  - role: pdg-lead\n    organisation: eas\n", "  - role: lace-coordinator\n    organisation: eas\n")
    problems = problems_of(data_set.folder)
    find(problems, path, line_of(path, "organisation: eas") - 1, "a lace-coordinator belongs to a local-authority, but 'eas' is a regional-consortium")


# ---------------------------------------------------------------- phone, email, web address


@pytest.mark.parametrize("phone, message", [
    ("029 2018 012", "is not a valid UK phone number"),
    ("+1 202 555 0100", "is not a UK phone number"),
    ("not a number", "is not a phone number"),
    ("07700 900123", "is not a valid UK phone number"),  # reserved for drama, but not "valid"
])
def test_an_invalid_phone_number_is_an_error(data_set, phone, message):
    path = data_set("contacts.yml", "phone: 029 2018 0123", f"phone: {phone}")
    find(problems_of(data_set.folder), path, line_of(path, f"phone: {phone}"), f"phone '{phone}' {message}")


@pytest.mark.parametrize("phone", ["029 2018 0999", "+44 29 2018 0000", "02920180500"])
def test_valid_uk_numbers_in_the_formats_people_know_are_accepted(data_set, phone):
    data_set("contacts.yml", "phone: 029 2018 0123", f'phone: "{phone}"')
    assert problems_of(data_set.folder) == []


@pytest.mark.parametrize("email", ["lace.coordinator@", "lace coordinator@example.org", "lace@localhost", "no-at-sign.example.org"])
def test_an_invalid_email_is_an_error(data_set, email):
    path = data_set("contacts.yml", "email: lace.coordinator@cardiff.example.org", f"email: {email}")
    find(problems_of(data_set.folder), path, line_of(path, f"email: {email}"), f"email '{email}' is not a valid email address")


@pytest.mark.parametrize("url, message", [
    ("csc.example.org", "starting with https://"),
    ("https://csc example.org", "has a space in it"),
    ("ftp://csc.example.org", "starting with https://"),
    ("https://localhost/page", "does not have a valid site name"),
])
def test_a_malformed_web_address_is_an_error(data_set, url, message):
    path = data_set("organisations.yml", "website: https://csc.example.org", f"website: {url}")
    find(problems_of(data_set.folder), path, line_of(path, f"website: {url}"), message)


# ---------------------------------------------------------------- verification dates


def test_a_missing_verification_date_is_an_error(data_set):
    path = data_set("contacts.yml", "    verified: 2026-09-15\n", "")
    find(problems_of(data_set.folder), path, entry_line(path, "lace-coordinator", "swansea"), "'verified' is missing")


def test_verified_more_than_12_months_ago_is_a_warning(data_set):
    path = data_set("contacts.yml", "verified: 2026-09-15", "verified: 2025-11-22")
    problems = problems_of(data_set.folder)
    find(problems, path, entry_line(path, "lace-coordinator", "swansea"), "more than 12 months ago", severity="warning")
    assert not any(p.severity == "error" for p in problems)


def test_verified_exactly_12_months_ago_is_still_fine(data_set):
    data_set("contacts.yml", "verified: 2026-09-15", "verified: 2025-11-23")
    assert problems_of(data_set.folder) == []


def test_verified_more_than_24_months_ago_is_an_error(data_set):
    path = data_set("contacts.yml", "verified: 2026-09-15", "verified: 2024-11-22")
    find(problems_of(data_set.folder), path, entry_line(path, "lace-coordinator", "swansea"), "more than 24 months ago")


# ---------------------------------------------------------------- duplicates and required positions


def test_a_duplicate_entry_is_an_error_pointing_at_the_first(data_set):
    path = data_set("contacts.yml", "  - role: pdg-lead\n    organisation: eas\n", "  - role: pdg-lead\n    organisation: csc\n")
    first = entry_line(path, "pdg-lead", "csc")
    problems = problems_of(data_set.folder)
    problem = next(p for p in problems if "duplicate entry" in p.message)
    assert problem.line > first and f"contacts.yml:{first}" in problem.message
    assert any("'eas' is responsible for the grant but has no pdg-lead entry" in p.message for p in problems)


def test_a_local_authority_without_a_lace_coordinator_is_an_error(data_set):
    contacts_file = data_set.folder / "contacts.yml"
    text = contacts_file.read_text(encoding="utf-8")
    text = re.sub(r"  - role: lace-coordinator\n    organisation: torfaen\n(    .*\n)*", "", text)
    contacts_file.write_text(text, encoding="utf-8")
    organisations = data_set.folder / "organisations.yml"
    find(problems_of(data_set.folder), organisations, line_of(organisations, "id: torfaen"), "'torfaen' has no LACE coordinator entry")


def test_a_grant_lead_at_an_organisation_not_responsible_for_the_grant_is_an_error(data_set):
    path = data_set("organisations.yml", "    grant_responsible: true\n", "", count=1)  # bridgend's flag
    contacts_file = data_set.folder / "contacts.yml"
    find(problems_of(data_set.folder), contacts_file, entry_line(contacts_file, "pdg-lead", "bridgend"), "'bridgend' is not marked as responsible for the grant")
    assert "grant_responsible" not in path.read_text().split("id: bridgend", 1)[1].split("- id:", 1)[0]


def test_an_organisation_that_has_ended_cannot_have_a_current_contact(data_set):
    path = data_set("contacts.yml", "  - role: pdg-lead\n    organisation: eas\n", "  - role: pdg-lead\n    organisation: gwe\n")
    problems = problems_of(data_set.folder)
    find(problems, path, entry_line(path, "pdg-lead", "gwe"), "'gwe' ended on 2025-05-31")
    # and an ended consortium needs no lead
    assert not any("'gwe' is responsible for the grant but has no pdg-lead" in p.message for p in problems)


# ---------------------------------------------------------------- consortium memberships and dates


def _block(path: Path, ident: str) -> tuple[int, str]:
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {ident}\n")
    end = text.find("\n  - id:", start + 1)
    return start, text[start:end]


def _replace_block(path: Path, ident: str, new_block: str) -> None:
    text = path.read_text(encoding="utf-8")
    start, block = _block(path, ident)
    path.write_text(text[:start] + new_block + text[start + len(block):], encoding="utf-8")


def test_a_membership_of_a_consortium_that_ended_needs_an_end_date(data_set):
    path = data_set.folder / "organisations.yml"
    _, block = _block(path, "gwynedd")
    _replace_block(path, "gwynedd", block.replace("        to: 2025-05-31\n", "").rstrip("\n").replace("        to: 2025-05-31", ""))
    line = line_of(path, "consortium: gwe", 2)
    find(problems_of(data_set.folder), path, line, "has no end date, but 'gwe' ended on 2025-05-31")


def test_a_membership_cannot_outlast_its_consortium(data_set):
    path = data_set("organisations.yml", "        to: 2021-08-31\n", "        to: 2022-01-31\n")  # powys, the first ERW member listed
    find(problems_of(data_set.folder), path, line_of(path, "to: 2022-01-31") - 2, "ends on 2022-01-31, after 'erw' itself ended on 2021-08-31")


def test_a_membership_cannot_end_before_it_begins(data_set):
    path = data_set("organisations.yml", "        known_from: 2017\n        to: 2020-03-31\n", "        from: 2020-06-01\n        to: 2020-03-31\n")
    find(problems_of(data_set.folder), path, line_of(path, "from: 2020-06-01") - 1, "ends (2020-03-31) before it begins (2020-06-01)")


def test_two_memberships_at_the_same_time_are_an_error(data_set):
    path = data_set("organisations.yml", "        known_from: 2017\n        to: 2020-03-31\n", "        known_from: 2017\n        to: 2020-03-31\n      - consortium: csc\n        from: 2019-09-01\n")
    find(problems_of(data_set.folder), path, line_of(path, "from: 2019-09-01") - 1, "is in 'erw' (line")


def test_a_later_membership_after_leaving_is_fine(data_set):
    data_set("organisations.yml", "        known_from: 2017\n        to: 2020-03-31\n", "        known_from: 2017\n        to: 2020-03-31\n      - consortium: csc\n        from: 2020-04-01\n")
    problems = problems_of(data_set.folder)
    assert [p for p in problems if p.severity == "error"] == []


def test_both_from_and_known_from_is_an_error(data_set):
    path = data_set("organisations.yml", "        known_from: 2017\n        to: 2020-03-31\n", "        known_from: 2017\n        from: 2016-01-01\n        to: 2020-03-31\n")
    find(problems_of(data_set.folder), path, line_of(path, "from: 2016-01-01") - 2, "give 'from' or 'known_from' (both are given")


def test_a_region_that_is_not_a_membership_is_an_error(data_set):
    path = data_set("organisations.yml", "      - consortium: eas\n", "      - consortium: csc\n")  # caerphilly, region eas
    find(problems_of(data_set.folder), path, line_of(path, "id: caerphilly"), "region 'eas' of 'caerphilly' is not one of its consortium memberships")


def test_a_region_that_differs_from_the_vocabulary_is_an_error(data_set):
    path = data_set("organisations.yml", "    region: eas\n", "    region: csc\n")  # caerphilly
    find(problems_of(data_set.folder), path, line_of(path, "id: caerphilly"), "region 'csc' of 'caerphilly' does not match exchange/data/vocabulary.yml")


# ---------------------------------------------------------------- honesty rules for entries


def test_a_confirmed_contact_needs_an_email_or_phone_and_its_welsh(data_set):
    path = data_set("contacts.yml", "    email: lace@swansea.example.org\n    welsh_speaking: false\n", "")
    problems = problems_of(data_set.folder)
    line = entry_line(path, "lace-coordinator", "swansea")
    find(problems, path, line, "a confirmed contact needs an 'email' or a 'phone'")
    find(problems, path, line, "'welsh_speaking' is missing")


# ---------------------------------------------------------------- the editor's schema


def test_the_committed_schema_is_the_one_the_model_generates():
    committed = json.loads((PROJECT_ROOT / "contacts" / "schema.json").read_text(encoding="utf-8"))
    assert committed == contacts.json_schema(), "run scripts/check_contacts.py --write-schema"


def test_an_out_of_date_schema_is_reported_by_the_checker(data_set):
    schema = data_set.folder / "schema.json"
    schema.write_text('{"type": "object"}\n', encoding="utf-8")
    find(problems_of(data_set.folder), schema, 1, "the schema is out of date")


def _as_json(path: Path):
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


@pytest.mark.parametrize("path", sorted((PROJECT_ROOT / "contacts").glob("*.yml")) + sorted(VALID.glob("*.yml")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_data_file_is_valid_against_the_schema(path):
    jsonschema.Draft7Validator(contacts.json_schema()).validate(_as_json(path))


@pytest.mark.parametrize("old, new", [
    ("    verified: 2026-10-01\n", "    verifed: 2026-10-01\n"),                       # misspelt key
    ("role: pdg-lead\n    organisation: eas\n    status: to-be-confirmed\n",
     "role: pdg-lead\n    organisation: eas\n    status: to-be-confirmed\n    phone: 029 2018 0000\n"),  # detail on an unconfirmed position
    ("status: to-be-confirmed", "status: tbc"),                                       # unknown status
])
def test_the_schema_refuses_what_the_checker_refuses(tmp_path, old, new):
    path = tmp_path / "contacts.yml"
    path.write_text((VALID / "contacts.yml").read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(contacts.json_schema()).validate(_as_json(path))
    assert any(p.severity == "error" for p in contacts.read_file(path, TODAY).problems)


def test_the_schema_knows_the_22_local_authorities():
    schema = contacts.json_schema()
    organisation = schema["properties"]["organisations"]["items"]
    enums = [rule["then"]["properties"]["id"]["enum"] for rule in organisation["allOf"] if "then" in rule and "properties" in rule["then"]]
    assert len(enums) == 1 and len(enums[0]) == 22 and "wales" not in enums[0]


def test_every_data_file_names_the_schema_at_the_top(data_set):
    for path in sorted((PROJECT_ROOT / "contacts").glob("*.yml")):
        assert path.read_text(encoding="utf-8").splitlines()[0] == "# yaml-language-server: $schema=schema.json"
    path = data_set("partners.yml", f"# yaml-language-server: $schema={PROJECT_ROOT / 'contacts' / 'schema.json'}\n", "")
    find(problems_of(data_set.folder), path, 1, "add the line '# yaml-language-server: $schema=schema.json'", severity="warning")


# ---------------------------------------------------------------- the command line


def run(*args: str, cwd: Path = PROJECT_ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_the_command_exits_0_on_the_real_list():
    result = run()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_the_command_prints_path_line_message_and_exits_1_on_errors(data_set):
    data_set("contacts.yml", "phone: 029 2018 0123", "phone: 12345")
    data_set("contacts.yml", "\n    organisation: conwy\n", "\n    organisation: [conwy\n")
    result = run(str(data_set.folder))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines and all(re.match(r"^[^:]+\.(yml|json):\d+: ", line) for line in lines), lines
    assert any("not valid YAML" in line for line in lines)


def test_the_command_exits_0_on_warnings_alone(data_set):
    data_set("contacts.yml", "verified: 2026-09-15", "verified: 2025-06-01")
    result = run(str(data_set.folder))
    assert result.returncode == 0
    assert ": warning: " in result.stdout and "more than 12 months ago" in result.stdout


def test_the_command_gives_json_for_ci(data_set):
    path = data_set("contacts.yml", "email: lace@swansea.example.org", "email: lace@")
    result = run(str(data_set.folder), "--format", "json")
    assert result.returncode == 1
    records = json.loads(result.stdout)
    assert len(records) == 1
    record = records[0]
    assert record["path"].endswith("contacts.yml") and record["line"] == line_of(path, "email: lace@")
    assert record["severity"] == "error" and record["field"] == "email" and "not a valid email" in record["message"]


def test_the_command_checks_one_file_in_the_context_of_its_folder(data_set):
    data_set("contacts.yml", "email: lace@swansea.example.org", "email: lace@")
    data_set("partners.yml", "website: https://alpha.example.org", "website: alpha.example.org")
    only_contacts = run(str(data_set.folder / "contacts.yml"))
    assert only_contacts.returncode == 1
    assert "contacts.yml" in only_contacts.stdout and "partners.yml" not in only_contacts.stdout
    only_partners = run(str(data_set.folder / "partners.yml"))
    assert "partners.yml" in only_partners.stdout and "contacts.yml:" not in only_partners.stdout


def test_the_command_refuses_a_missing_path_without_a_traceback(tmp_path):
    result = run(str(tmp_path / "nowhere.yml"))
    assert result.returncode == 2 and "no such file" in result.stderr and "Traceback" not in result.stderr


def test_write_schema_writes_the_generated_schema(tmp_path, monkeypatch):
    path = contacts.write_schema(tmp_path)
    assert json.loads(path.read_text(encoding="utf-8")) == contacts.json_schema()


def test_a_duplicate_organisation_is_an_error(data_set):
    path = data_set("partners.yml", "  - id: delta-example\n", "  - id: gamma-example\n")
    find(problems_of(data_set.folder), path, line_of(path, "id: gamma-example", 2), "duplicate organisation: 'gamma-example' is already listed")


# ---------------------------------------------------------------- one edit, one problem

# (file, text replaced, its replacement), the text on the line the problem names, the message.
ONE_EDIT_ONE_PROBLEM = [
    pytest.param(("contacts.yml", "welsh_speaking: true", "welsh_speaking: often"), "welsh_speaking: often", "'welsh_speaking' must be true or false, not 'often'", id="a_wrong_type_is_named"),
    pytest.param(("partners.yml", "name: {en: Beta Example Network, cy: Lyn Enghraifft}", "name: [Beta, Lyn]"), "name: [Beta, Lyn]", "'name' must have lines below it ('en:', 'cy:')", id="a_list_where_a_name_should_be_is_named"),
    pytest.param(("contacts.yml", "verified: 2026-09-15", "verified: 2026-13-45"), "verified: 2026-13-45", "'verified' '2026-13-45' is not a date", id="an_impossible_date_is_explained_not_raised"),
    pytest.param(("contacts.yml", "  - role: pdg-lead\n    organisation: eas\n", "  - role: !!python/name:os.getcwd pdg-lead\n    organisation: eas\n"), "!!python", "'role' has the YAML tag 'tag:yaml.org,2002:python/name:os.getcwd', which is not allowed here", id="a_yaml_tag_is_refused_not_run"),
    pytest.param(("partners.yml", "\norganisations:\n", "\norganisatons:\n"), "organisatons:", "unknown section 'organisatons': did you mean 'organisations'?", id="a_misspelt_section_is_an_error"),
    pytest.param(("organisations.yml", "        known_from: 2017\n        to: 2021-08-31\n", "        known_form: 2017\n        to: 2021-08-31\n"), "known_form", "unknown field 'memberships.known_form'", id="a_misspelt_nested_key_is_an_error"),
    pytest.param(("contacts.yml", "    name: Alex Example\n", "    name: Alex Example\n    name: Sam Example\n"), "name: Sam Example", "'name' is given twice", id="a_key_given_twice_is_an_error"),
    pytest.param(("contacts.yml", "  - role: lace-coordinator\n    organisation: torfaen\n", "  - role: lace-cordinator\n    organisation: torfaen\n"), "lace-cordinator", "role 'lace-cordinator' is not one of the allowed values: did you mean 'lace-coordinator'?", id="an_unknown_role_is_an_error_with_a_suggestion"),
    pytest.param(("organisations.yml", "    website: https://csc.example.org\n    sources: [exchange-policy-page]\n", "    website: https://csc.example.org\n"), "  - id: csc", "say which source gives this web address", id="a_web_address_needs_a_source"),
    pytest.param(("contacts.yml", "source: exchange-policy-page\n", "source: exchange-policy\n"), "source: exchange-policy", "did you mean 'exchange-policy-page'?", id="an_unknown_source_name_is_an_error_with_a_suggestion"),
    pytest.param(("contacts.yml", "verified: 2026-09-15", "verified: 2026-11-24"), "verified: 2026-11-24", "'verified' 2026-11-24 is in the future", id="a_future_verification_date_is_an_error"),
    pytest.param(("contacts.yml", "verified: 2026-09-15", "verified: last week"), "verified: last week", "'verified' 'last week' is not a date", id="a_verification_date_that_is_not_a_date_is_an_error"),
    pytest.param(("organisations.yml", "  - id: newport\n    type: local-authority\n", "  - id: newport\n    type: local-authority\n    grant_responsible: true\n"), "id: newport", "'newport' is responsible for the grant but has no pdg-lead entry", id="an_organisation_responsible_for_the_grant_needs_a_lead"),
    pytest.param(("organisations.yml", "name: {en: Torfaen, cy: Tor-faen}", "name: {en: Torfaen}"), "name: {en: Torfaen}", "'name' has no Welsh text: add 'cy: ...'", id="a_missing_welsh_name_is_an_error"),
    pytest.param(("partners.yml", "cy: Lyn Enghraifft}", "cy: ''}"), "Beta Example Network", "'name.cy' is empty", id="an_empty_welsh_name_is_an_error"),
    pytest.param(("organisations.yml", "cy: Caerdydd}", "cy: Caerdyd}"), "id: cardiff", "the Welsh name of 'cardiff' is 'Caerdyd' here but 'Caerdydd' in exchange/data/vocabulary.yml", id="a_local_authority_name_that_differs_from_the_vocabulary_is_an_error"),
    pytest.param(("organisations.yml", "      - consortium: eas\n", "      - consortium: east\n"), "consortium: east", "consortium 'east' is not in the list of organisations: did you mean 'eas'?", id="a_membership_of_an_unknown_consortium_is_an_error"),
    pytest.param(("partners.yml", "    name: {en: Beta Example Network, cy: Lyn Enghraifft}\n", "    name: {en: Beta Example Network, cy: Lyn Enghraifft}\n    region: csc\n"), "region: csc", "'region' is only for type local-authority, not national-body", id="memberships_are_only_for_local_authorities"),
    pytest.param(("contacts.yml", "  - role: pdg-lead\n    organisation: eas\n    status: to-be-confirmed\n", "  - role: pdg-lead\n    organisation: eas\n    status: to-be-confirmed\n    email: guess@eas.example.org\n"), "guess@eas", "'email' is only for confirmed contacts", id="a_position_to_be_confirmed_cannot_carry_details"),
]


@pytest.mark.parametrize(("edit", "anchor", "message"), ONE_EDIT_ONE_PROBLEM)
def test_an_edit_gives_its_problem_on_its_line(data_set, edit, anchor, message):
    path = data_set(*edit)
    find(problems_of(data_set.folder), path, line_of(path, anchor), message)
