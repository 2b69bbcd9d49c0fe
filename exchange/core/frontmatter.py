"""Reading Markdown files with YAML front matter, keeping the line of every field.

Every failure is returned as a Problem naming the file and line, never raised, so that an
editor sees `path:line: message` and not a Python traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from exchange.core.problems import Problem, display_path

FENCE = "---"

# YAML errors whose "context" mark, not the "problem" mark, is on the line the editor must
# fix: an unclosed quote or bracket is only noticed lines later, at the end of the text.
_CONTEXT_IS_THE_CAUSE = ("while scanning a quoted scalar", "while scanning a simple key",
                         "while parsing a flow sequence", "while parsing a flow mapping")
_HINTS = {
    "while scanning a quoted scalar": "a quotation mark opened on this line is never closed",
    "while scanning a simple key": "this line has no colon: write 'field: value'",
    "mapping values are not allowed here": "the value contains ': ' – put the whole value in double quotes",
    "while parsing a flow sequence": "a '[' opened on this line is never closed with ']'",
    "found character '\\t' that cannot start any token": "indent with spaces, not tabs",
}


@dataclass
class Document:
    path: Path
    meta: dict[str, Any]
    body: str
    body_line: int  # the line of the file on which the body starts
    key_lines: dict[str, int] = field(default_factory=dict)
    closing_line: int = 1  # the line of the front matter's closing fence

    def line_of(self, key: object) -> int:
        """The line of a field, or of the front matter's opening fence if it is missing."""
        return self.key_lines.get(str(key), 1)

    def nested_line(self, key: str, subkey: str) -> int:
        return self.key_lines.get(f"{key}.{subkey}", self.line_of(key))

    def item_line(self, key: str, index: int) -> int:
        """The line of the index-th item of a list field (its own line in a block list)."""
        return self.key_lines.get(f"{key}[{index}]", self.line_of(key))


class _Loader(yaml.SafeLoader):
    """YAML's safe loader, except that an impossible date (2017-13-45) stays text.

    PyYAML raises a plain ValueError for those, with no line; kept as text, the field's own
    check reports it on the field's line as "not a date".
    """


def _timestamp_or_text(loader: _Loader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return str(node.value)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


class _FastLoader(getattr(yaml, "CSafeLoader", _Loader)):
    """The same in C (libyaml), when PyYAML has it: five times faster on a thousand case
    studies. Its error messages differ, so a file it refuses is read again with `_Loader`,
    whose messages the hints below are written for."""


_FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def _compose(text: str) -> tuple[Any, Any]:
    """(node, value) of a YAML text; raises the pure-Python loader's error if it is invalid."""
    for loader_class in (_FastLoader, _Loader):
        loader = loader_class(text)
        try:
            node = loader.get_single_node()
            return node, (loader.construct_document(node) if node is not None else None)
        except yaml.YAMLError:
            if loader_class is _Loader:
                raise
        finally:
            loader.dispose()
    raise AssertionError("unreachable")


def _key_lines(node: yaml.MappingNode, offset: int, prefix: str = "") -> tuple[dict[str, int], list[tuple[str, int]]]:
    lines: dict[str, int] = {}
    duplicates: list[tuple[str, int]] = []
    for key_node, value_node in node.value:
        name = f"{prefix}{key_node.value}"
        line = key_node.start_mark.line + offset
        if name in lines:
            duplicates.append((name, line))
        lines[name] = line
        if isinstance(value_node, yaml.MappingNode):
            nested, nested_duplicates = _key_lines(value_node, offset, f"{name}.")
            lines.update(nested)
            duplicates.extend(nested_duplicates)
        elif isinstance(value_node, yaml.SequenceNode):
            for index, item in enumerate(value_node.value):
                lines[f"{name}[{index}]"] = item.start_mark.line + offset
    return lines, duplicates


def _yaml_problem(shown: str, error: yaml.YAMLError, offset: int, what: str = "the front matter") -> Problem:
    context = getattr(error, "context", None) or ""
    problem = getattr(error, "problem", None) or ""
    mark = getattr(error, "problem_mark", None)
    if context in _CONTEXT_IS_THE_CAUSE and getattr(error, "context_mark", None) is not None:
        mark = error.context_mark
    line = mark.line + offset if mark else 1
    reason = problem or str(error).splitlines()[0]
    hint = _HINTS.get(context) or _HINTS.get(problem) or "check the quotes, colons and indentation on this line"
    return Problem(shown, line, f"{what} is not valid YAML ({reason}): {hint}")


def parse_document(path: Path, raw: bytes) -> tuple[Document | None, list[Problem]]:
    shown = display_path(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(shown, line, "the file is not saved as UTF-8 text: save it again with UTF-8 encoding")]
    text = text.removeprefix("\ufeff")
    lines = text.splitlines()
    if not lines or lines[0].strip() != FENCE:
        return None, [Problem(shown, 1, "the file must start with front matter: a line '---', the fields, and another line '---'")]
    try:
        closing = next(index for index in range(1, len(lines)) if lines[index].strip() == FENCE)
    except StopIteration:
        return None, [Problem(shown, 1, "the front matter is not closed: add a line '---' after the last field")]
    yaml_text = "\n".join(lines[1:closing])
    offset = 2  # YAML line 0 is file line 2
    try:
        node, meta = _compose(yaml_text)
    except yaml.YAMLError as error:
        return None, [_yaml_problem(shown, error, offset)]
    except (TypeError, ValueError) as error:  # e.g. a list used as a field name
        return None, [Problem(shown, 2, f"the front matter is not valid ({error}): write one 'field: value' per line")]
    if meta is None:
        meta, node = {}, None
    if not isinstance(meta, dict):
        return None, [Problem(shown, 2, "the front matter must be a list of 'field: value' lines")]
    key_lines, duplicates = _key_lines(node, offset) if node is not None else ({}, [])
    problems = [
        Problem(shown, line, f"field '{name}' is given twice: keep one", field=name)
        for name, line in duplicates
    ]
    body = "\n".join(lines[closing + 1 :])
    return Document(path, meta, body, closing + 2, key_lines, closing_line=closing + 1), problems


def read_document(path: Path) -> tuple[Document | None, list[Problem]]:
    return parse_document(path, Path(path).read_bytes())


def parse_yaml_file(path: Path, raw: bytes) -> tuple[Document | None, list[Problem]]:
    """A YAML file that holds one record (a mapping of fields), read like front matter: the
    fields are the Document's meta, with the line of every field; the body is empty."""
    shown = display_path(path)
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(shown, line, "the file is not saved as UTF-8 text: save it again with UTF-8 encoding")]
    try:
        node, meta = _compose(text)
    except yaml.YAMLError as error:
        return None, [_yaml_problem(shown, error, 1, "the file")]
    except (TypeError, ValueError) as error:  # e.g. a list used as a field name
        return None, [Problem(shown, 1, f"the file is not valid ({error}): write one 'field: value' per line")]
    if not isinstance(meta, dict):
        return None, [Problem(shown, 1, "the file must be a list of 'field: value' lines")]
    key_lines, duplicates = _key_lines(node, 1)
    problems = [Problem(shown, line, f"field '{name}' is given twice: keep one", field=name) for name, line in duplicates]
    return Document(path, meta, "", len(text.splitlines()) + 1, key_lines, closing_line=1), problems


def read_yaml_file(path: Path) -> tuple[Document | None, list[Problem]]:
    return parse_yaml_file(path, Path(path).read_bytes())
