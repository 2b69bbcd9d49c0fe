"""Translation units: a Markdown file or a data value cut into the pieces a translator
translates (one per paragraph, heading, list item, table cell and text field), with the
Markdown syntax inside each piece protected.

A unit's text is a list of parts: plain text, a `Code` that stands alone (a code span, a
{placeholder}, an HTML tag, an address, an attribute list) or a `Span` that wraps text the
translator translates (a link's words, emphasis) and keeps its Markdown around it: `[` and
`](target){lang=en}`. The codes are numbered in their unit; in XLIFF they become <x id="n"/>
and <g id="n">…</g>, so a translator's tool shows them as tags that cannot be typed over.
`render` turns parts back into Markdown with the English unit's own codes: a translator can
move a code but never change what it holds.

The block structure (heading markers, list markers, table pipes, indentation, code blocks,
HTML blocks, link definitions) stays outside the units: `Block.render` puts a translation
back into the English file's structure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Union

# ---------------------------------------------------------------- inline codes


@dataclass(frozen=True)
class Code:
    """A piece of Markdown the translator must leave as it is."""

    id: str
    text: str
    ctype: str  # what it is, for the translator's tool: x-code, x-placeholder, x-html, ...


@dataclass
class Span:
    """Translatable text wrapped in Markdown: opening and closing syntax stay fixed."""

    id: str
    opening: str
    closing: str
    ctype: str  # link, italic, bold, image
    parts: list["Part"] = field(default_factory=list)


Part = Union[str, Code, Span]

CODE_SPAN = re.compile(r"(`+)(?:.+?)\1", re.S)
AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>\s]+>")
HTML_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.S)
ADDRESS = re.compile(r"https?://[^\s)>\]]+|www\.[^\s)>\]]+")
ATTRIBUTES = re.compile(r"\{[^{}\n]*\}")  # {lang=en}, {#anchor}, {: .class}, and {placeholders}
FOOTNOTE = re.compile(r"\[\^[^\]]+\]")
ESCAPE = re.compile(r"\\[\\`*_{}\[\]()#+\-.!|<>]")
EMPHASIS = (("**", "bold"), ("__", "bold"), ("*", "italic"), ("_", "italic"))


def _closing_bracket(text: str, start: int) -> int:
    """The index of the ']' that closes the '[' at start, or -1."""
    depth = 0
    index = start
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "`":
            match = CODE_SPAN.match(text, index)
            if match:
                index = match.end()
                continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return -1


def _link_end(text: str, start: int) -> int:
    """After a link's ']' at start-1: the end of its (target) or [reference], or -1."""
    if start < len(text) and text[start] == "(":
        depth = 0
        for index in range(start, len(text)):
            if text[index] == "(":
                depth += 1
            elif text[index] == ")":
                depth -= 1
                if depth == 0:
                    return index + 1
        return -1
    if start < len(text) and text[start] == "[":
        end = text.find("]", start)
        return end + 1 if end != -1 else -1
    return -1


def _with_attributes(text: str, end: int) -> int:
    match = ATTRIBUTES.match(text, end)
    return match.end() if match else end


class _Numbering:
    def __init__(self) -> None:
        self.count = 0

    def next(self) -> str:
        self.count += 1
        return str(self.count)


def parse_inline(text: str, numbering: _Numbering | None = None) -> list[Part]:
    """A unit's Markdown text as parts, every piece of syntax a numbered code."""
    numbering = numbering or _Numbering()
    parts: list[Part] = []
    plain: list[str] = []
    index = 0

    def flush() -> None:
        if plain:
            parts.append("".join(plain))
            plain.clear()

    def code(end: int, ctype: str) -> None:
        flush()
        parts.append(Code(numbering.next(), text[index:end], ctype))

    while index < len(text):
        char = text[index]
        rest = text[index:]
        if char == "\\" and (match := ESCAPE.match(text, index)):
            code(match.end(), "x-escape")
            index = match.end()
            continue
        if char == "`" and (match := CODE_SPAN.match(text, index)):
            code(match.end(), "x-code")
            index = match.end()
            continue
        if char == "<":
            match = AUTOLINK.match(text, index) or HTML_TAG.match(text, index)
            if match:
                code(match.end(), "x-html" if match.re is HTML_TAG else "x-address")
                index = match.end()
                continue
        if char in "hw" and (index == 0 or not text[index - 1].isalnum()) and (match := ADDRESS.match(text, index)):
            code(match.end(), "x-address")
            index = match.end()
            continue
        if char == "{" and (match := ATTRIBUTES.match(text, index)):
            code(match.end(), "x-placeholder")
            index = match.end()
            continue
        if char == "[" and (match := FOOTNOTE.match(text, index)):
            code(match.end(), "x-footnote")
            index = match.end()
            continue
        image = rest.startswith("![")
        if char == "[" or image:
            opening = "![" if image else "["
            close = _closing_bracket(text, index + len(opening) - 1)
            end = _link_end(text, close + 1) if close != -1 else -1
            if end != -1:
                end = _with_attributes(text, end)
                flush()
                span = Span(numbering.next(), opening, text[close:end], "image" if image else "link")
                span.parts = parse_inline(text[index + len(opening):close], numbering)
                parts.append(span)
                index = end
                continue
        matched = False
        for marker, ctype in EMPHASIS:
            if not rest.startswith(marker) or len(rest) <= len(marker) or rest[len(marker)].isspace():
                continue
            if marker[0] == "_" and index > 0 and text[index - 1].isalnum():
                continue  # snake_case, not emphasis
            close = index + len(marker)
            while True:
                close = text.find(marker, close + 1)
                if close == -1 or not text[close - 1].isspace():
                    break
            if close == -1 or (marker[0] == "_" and close + len(marker) < len(text) and text[close + len(marker)].isalnum()):
                continue
            if marker in ("*", "_") and text.startswith(marker * 2, close) and not text.startswith(marker * 3, close):
                continue  # the single marker's closing is half of a double one
            end = _with_attributes(text, close + len(marker))
            flush()
            span = Span(numbering.next(), marker, text[close:end], ctype)
            span.parts = parse_inline(text[index + len(marker):close], numbering)
            parts.append(span)
            index = end
            matched = True
            break
        if matched:
            continue
        plain.append(char)
        index += 1
    flush()
    return parts


def codes_of(parts: list[Part]) -> dict[str, Code | Span]:
    found: dict[str, Code | Span] = {}
    for part in parts:
        if isinstance(part, Code):
            found[part.id] = part
        elif isinstance(part, Span):
            found[part.id] = part
            found.update(codes_of(part.parts))
    return found


def render(parts: list[Part], codes: dict[str, Code | Span] | None = None) -> str:
    """Markdown from parts; with codes (the English unit's), every code's text is taken from
    there, so that a code that came back from a translator holds exactly what it held."""
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, Code):
            out.append((codes or {}).get(part.id, part).text)
        else:
            own = (codes or {}).get(part.id, part)
            out.append(own.opening + render(part.parts, codes) + own.closing)
    return "".join(out)


def plain_text(parts: list[Part]) -> str:
    """The words only: what a translator's word count counts."""
    return "".join(part if isinstance(part, str) else plain_text(part.parts) if isinstance(part, Span) else "" for part in parts)


def check_codes(source: list[Part], target: list[Part]) -> list[str]:
    """What is wrong with the codes of a translation: each of the source's codes must come
    back once, of the same kind, and no other."""
    wanted = codes_of(source)
    problems: list[str] = []
    seen: dict[str, int] = {}

    def visit(parts: list[Part]) -> None:
        for part in parts:
            if isinstance(part, str):
                continue
            seen[part.id] = seen.get(part.id, 0) + 1
            own = wanted.get(part.id)
            if own is None:
                problems.append(f"tag {part.id} is not in the English text: remove it")
            elif isinstance(own, Span) != isinstance(part, Span):
                problems.append(f"tag {part.id} ({_describe(own)}) must {'wrap the words it applies to' if isinstance(own, Span) else 'stand alone, not wrap words'}")
            if isinstance(part, Span):
                visit(part.parts)

    visit(target)
    for code_id, own in wanted.items():
        if code_id not in seen:
            problems.append(f"tag {code_id} ({_describe(own)}) is missing: put it back where it belongs in the Welsh text")
        elif seen[code_id] > 1:
            problems.append(f"tag {code_id} ({_describe(own)}) appears {seen[code_id]} times: keep it once")
    return problems


def _describe(code: Code | Span) -> str:
    if isinstance(code, Code):
        return code.text if len(code.text) <= 40 else code.text[:37] + "..."
    return {"link": f"the link {code.closing[1:] if code.closing.startswith('](') else code.closing}", "image": "a picture's description",
            "bold": "bold text", "italic": "italic text"}.get(code.ctype, code.ctype)


# ---------------------------------------------------------------- blocks


@dataclass
class Unit:
    key: str  # its place in the file: "title", "b4", "b7.2" (block 7, cell 2)
    kind: str  # field, heading, paragraph, item, cell, admonition-title, value
    line: int  # line in the file
    text: str  # its Markdown (one line)
    parts: list[Part]

    @property
    def codes(self) -> dict[str, Code | Span]:
        return codes_of(self.parts)


def make_unit(key: str, kind: str, line: int, text: str) -> Unit:
    return Unit(key, kind, line, text, parse_inline(text))


@dataclass
class Block:
    """A stretch of the body's lines: structure only (units empty), or text in a structure."""

    kind: str  # structure, heading, paragraph, item, row, admonition
    start: int  # index of its first line in the body
    lines: list[str]
    units: list[Unit]
    template: str = "{0}"  # how its units sit in the line: "## {0} {{#id}}", "| {0} | {1} |"

    @property
    def signature(self) -> tuple[str, int]:
        return self.kind, len(self.units)

    def render(self, texts: list[str]) -> list[str]:
        if not self.units:
            return list(self.lines)
        return [self.template.format(*texts)]


FENCE = re.compile(r"^\s*(```+|~~~+)")
HEADING = re.compile(r"^(\s{0,3}#{1,6}\s+)(.*?)(\s+\{[^}]*\})?(\s+#+)?\s*$")
ITEM = re.compile(r"^(\s*(?:[-*+]|\d+[.)])\s+)(\S.*)$")
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
TABLE_RULE = re.compile(r"^\s*\|?[\s:|-]+\|?\s*$")
ADMONITION = re.compile(r'^(\s*(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+[\w-]+)*\s+")(.*)("\s*)$')
ADMONITION_PLAIN = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s+[\w-]+")
REFERENCE = re.compile(r"^\s*\*?\[[^\]]+\]:")
ATTRIBUTE_LINE = re.compile(r"^\s*\{[^}]*\}\s*$")
QUOTE = re.compile(r"^(\s*(?:>\s?)+)")
HTML_LINE = re.compile(r"^\s*</?[A-Za-z!]")
RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")


def _escape_template(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def _cells(row: str) -> tuple[str, list[str]]:
    """A table row's cells (pipes inside code spans and escaped pipes do not split)."""
    indent = row[: len(row) - len(row.lstrip())]
    inner = row.strip()[1:-1]
    cells, current, index = [], [], 0
    while index < len(inner):
        char = inner[index]
        if char == "\\" and index + 1 < len(inner):
            current.append(inner[index:index + 2])
            index += 2
            continue
        if char == "`" and (match := CODE_SPAN.match(inner, index)):
            current.append(match.group(0))
            index = match.end()
            continue
        if char == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    cells.append("".join(current))
    return indent, [cell.strip() for cell in cells]


def _starts_block(line: str) -> bool:
    return bool(FENCE.match(line) or HEADING.match(line) or ITEM.match(line) or TABLE_ROW.match(line)
                or ADMONITION_PLAIN.match(line) or REFERENCE.match(line) or ATTRIBUTE_LINE.match(line) or HTML_LINE.match(line) or RULE.match(line))


def split_blocks(body: str, first_line: int = 1) -> list[Block]:
    """The body's blocks, in order; first_line is the file line of the body's first line.
    Joining every block's lines gives the body back."""
    lines = body.split("\n")
    blocks: list[Block] = []
    counter = 0
    index = 0

    def structure(start: int, end: int) -> None:
        if blocks and blocks[-1].kind == "structure" and blocks[-1].start + len(blocks[-1].lines) == start:
            blocks[-1].lines.extend(lines[start:end])
        else:
            blocks.append(Block("structure", start, lines[start:end], []))

    def key() -> str:
        nonlocal counter
        counter += 1
        return f"b{counter}"

    while index < len(lines):
        line = lines[index]
        number = first_line + index
        if not line.strip() or REFERENCE.match(line) or ATTRIBUTE_LINE.match(line) or RULE.match(line):
            structure(index, index + 1)
            index += 1
            continue
        if fence := FENCE.match(line):
            marker = fence.group(1)
            end = index + 1
            while end < len(lines) and not lines[end].strip().startswith(marker[:3]):
                end += 1
            structure(index, min(end + 1, len(lines)))
            index = end + 1
            continue
        if HTML_LINE.match(line):
            end = index
            while end < len(lines) and lines[end].strip():
                end += 1
            structure(index, end)
            index = end
            continue
        if match := HEADING.match(line):
            prefix, text, attributes, closing = match.group(1), match.group(2), match.group(3) or "", match.group(4) or ""
            if text.strip():
                name = key()
                blocks.append(Block("heading", index, [line], [make_unit(name, "heading", number, text.strip())],
                                    _escape_template(prefix) + "{0}" + _escape_template(attributes + closing)))
            else:
                structure(index, index + 1)
            index += 1
            continue
        if match := ADMONITION.match(line):
            name = key()
            blocks.append(Block("admonition", index, [line], [make_unit(name, "admonition-title", number, match.group(2))],
                                _escape_template(match.group(1)) + "{0}" + _escape_template(match.group(3).rstrip())))
            index += 1
            continue
        if ADMONITION_PLAIN.match(line):
            structure(index, index + 1)
            index += 1
            continue
        if TABLE_ROW.match(line):
            if TABLE_RULE.match(line):
                structure(index, index + 1)
            else:
                indent, cells = _cells(line)
                name = key()
                units = [make_unit(f"{name}.{position}", "cell", number, cell) for position, cell in enumerate(cells, start=1)]
                template = _escape_template(indent) + "| " + " | ".join(f"{{{position}}}" for position in range(len(cells))) + " |"
                # An empty cell is structure: it has nothing to translate, but keeps its place.
                blocks.append(Block("row", index, [line], units, template))
            index += 1
            continue
        quote = QUOTE.match(line)
        prefix = quote.group(1) if quote else ""
        item = ITEM.match(line[len(prefix):])
        if item:
            marker, first = item.group(1), item.group(2)
            kind, template = "item", _escape_template(prefix + marker) + "{0}"
        else:
            indent = line[: len(line) - len(line.lstrip())] if not prefix else prefix
            first, kind, template = line[len(indent):], "paragraph", _escape_template(indent) + "{0}"
        texts = [first.strip()]
        end = index + 1
        while end < len(lines) and lines[end].strip() and not _starts_block(lines[end][len(prefix):] if prefix and lines[end].startswith(prefix) else lines[end]):
            continued = lines[end]
            if prefix and continued.startswith(prefix.rstrip()):
                continued = continued[len(prefix):] if continued.startswith(prefix) else continued[len(prefix.rstrip()):]
            texts.append(continued.strip())
            end += 1
        text = " ".join(texts)
        # A hard line break (two spaces or a backslash at a line's end) is kept as a code.
        blocks.append(Block(kind, index, lines[index:end], [make_unit(key(), kind, number, text)], template))
        index = end
    return blocks


def unit_texts(blocks: list[Block]) -> dict[str, Unit]:
    return {unit.key: unit for block in blocks for unit in block.units}
