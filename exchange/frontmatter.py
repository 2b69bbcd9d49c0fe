"""Reading Markdown files with YAML front matter, keeping the line of every field.

Every failure is returned as a Problem naming the file and line, never raised, so that an
editor sees `path:line: message` and not a Python traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from exchange.problems import Problem, display_path

FENCE = "---"


@dataclass
class Document:
    path: Path
    meta: dict[str, Any]
    body: str
    body_line: int  # the line of the file on which the body starts
    key_lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        """The line of a field, or of the front matter's opening fence if it is missing."""
        return self.key_lines.get(key, 1)

    def nested_line(self, key: str, subkey: str) -> int:
        return self.key_lines.get(f"{key}.{subkey}", self.line_of(key))


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
    return lines, duplicates


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
        node = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
        meta = yaml.safe_load(yaml_text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + offset if mark else 1
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        return None, [Problem(shown, line, f"the front matter is not valid YAML ({reason}): check the quotes, colons and indentation on this line")]
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
    return Document(path, meta, body, closing + 2, key_lines), problems


def read_document(path: Path) -> tuple[Document | None, list[Problem]]:
    return parse_document(path, Path(path).read_bytes())
