"""Loading contacts/: each file read once into records (files with errors leave out only the
entries in error, which are reported), the folder's cache, and check_paths for the command line
and the build."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

import yaml

from exchange import LANGUAGES
from exchange.content.case_studies import parse_partial_date
from exchange.content.contacts.checks import check_collection, check_object
from exchange.content.contacts.model import (
    CONFIRMED,
    CONSORTIUM,
    CONTACTS_DIR,
    DATA_SUFFIXES,
    FILE,
    LOCAL_AUTHORITY,
    Contact,
    ContactList,
    FileRead,
    Membership,
    Organisation,
    Period,
    SourceRef,
    _exact_date,
)
from exchange.content.contacts.schema import schema_problems
from exchange.content.contacts.yaml_nodes import (
    _construct,
    _duplicate_keys,
    _is_empty,
    _line,
    _mapping,
    _suggest,
    parse_file,
)
from exchange.core import vocabulary
from exchange.core.data_files import load_data
from exchange.core.problems import Problem, display_path

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


def read_file(path: Path, today: dt.date) -> FileRead:
    """One data file: its records and every problem found in it on its own."""
    result = FileRead()
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


def _note_rejected(result: FileRead, section: str, node: yaml.MappingNode) -> None:
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
