"""Reading contacts/*.yml as YAML nodes that keep their line numbers, so every problem can name
its line; duplicate keys and unknown tags are problems, never exceptions."""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any, Iterable, Iterator

import yaml
from yaml.constructor import SafeConstructor

from exchange.content.contacts.model import MODELINE
from exchange.core.problems import Problem, display_path

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
