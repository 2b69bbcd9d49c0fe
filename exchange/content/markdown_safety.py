"""Checks on the Markdown body of any record: raw HTML that could run code, and pictures.

These source checks are early warnings with exact lines (they run in `make check` and the
share form before anything is rendered). The guarantee is the allow-list every rendered page
passes (exchange/content/html_safety.py): a trick these patterns miss is refused there.

The site's Markdown has no fenced code blocks and renders raw HTML and attribute lists
(`{: key=value }`) as they are, so every line is checked, fences included, and the rules
look through the tricks browsers accept: HTML entities (`&#106;avascript:`), tabs inside a
link, attributes on the next line of a tag, attribute lists, reference-style links.

The patterns are written so that JavaScript reads them the same way (see `js_regex`): the
share form in the browser applies the same rules (docs/javascripts/share-case-study.js).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote

from exchange.core.frontmatter import Document
from exchange.content.pictures import PICTURE_SUFFIXES  # PNG, JPEG, WebP and GIF: no SVG from contributors
from exchange.core.problems import Problem, display_path


DANGEROUS_TAG = re.compile(
    r"<\s*(script|iframe|frame|frameset|style|object|embed|applet|portal|form|input|button|textarea|select"
    r"|link|meta|base|svg|math|noscript|plaintext|xmp)(?![\w-])",
    re.IGNORECASE,
)
# An on...= attribute inside an HTML tag (which may span lines) or a Markdown attribute list.
EVENT_HANDLER = re.compile(r"(?:<[a-z][^>]*|\{:?[^}\n]*)(?<=[\s/\"'{])on[a-z]+\s*=", re.IGNORECASE)
# Checked on each line after HTML entities are decoded and tabs removed, as a browser does.
SCRIPT_SCHEME = re.compile(r"(?:javascript|vbscript|livescript)\s*:", re.IGNORECASE)
DATA_LINK = re.compile(
    r"(?:\]\(\s*<?|^\s{0,3}\[[^\]]+\]:\s*<?|(?:href|src|action|formaction|poster|background|data)\s*=\s*[\"']?)\s*data\s*:",
    re.IGNORECASE,
)
MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
REFERENCE_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\[(?P<ref>[^\]]*)\]")
SHORTCUT_IMAGE = re.compile(r"!\[(?P<alt>[^\]]+)\](?![\[(])")
REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[(?P<label>[^\]]+)\]:\s*<?(?P<url>[^\s>]+)>?", re.MULTILINE)
HTML_IMAGE = re.compile(r"<\s*img(?![\w-])", re.IGNORECASE)
H1_LINE = re.compile(r"^#(?:\s|$)")
SETEXT_H1_UNDERLINE = re.compile(r"^=+\s*$")
# Front matter text is shown in page titles, cards and facts, where HTML would be live.
HTML_IN_TEXT = re.compile(r"<\s*/?\s*[a-z!?]", re.IGNORECASE)
EXTERNAL_SOURCE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
VAGUE_ALT = {"image", "picture", "photo", "photograph", "img", "llun", "delwedd", "ffotograff"}


def js_regex(pattern: re.Pattern) -> dict[str, str]:
    """A compiled pattern as JavaScript's RegExp(source, flags) reads it."""
    flags = "".join(letter for flag, letter in ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s")) if pattern.flags & flag)
    return {"source": pattern.pattern.replace("(?P<", "(?<"), "flags": flags}


def browser_view(line: str) -> str:
    """A line as a browser reads a link in it: entities decoded, tabs and newlines gone."""
    return re.sub(r"[\t\n\r\x00-\x08\x0b\x0c\x0e-\x1f]", "", html.unescape(line))


def html_in_text(value: str) -> bool:
    return bool(HTML_IN_TEXT.search(value))


def _line_at(text: str, index: int) -> int:
    return text.count("\n", 0, index)


def _picture_problem(source: str, alt: str, folder: Path) -> Iterator[str]:
    if not alt.strip():
        yield f"the picture '{source}' has no text alternative: write what it shows between the square brackets, ![like this]({source})"
    elif alt.strip().casefold() in VAGUE_ALT or alt.strip() == source:
        yield f"the text alternative of the picture '{source}' does not say what it shows: describe the picture between the square brackets"
    if not source:
        yield "a picture has no file name between the round brackets"
        return
    if EXTERNAL_SOURCE.match(source):
        yield f"the picture '{source}' is on another website: save it in the case study folder and use its file name (the site loads nothing from other websites)"
        return
    name = unquote(source)
    if "/" in name or "\\" in name:
        yield f"the picture '{source}' must be in the case study folder itself: use its file name only, like ![...]({name.replace(chr(92), '/').rsplit('/', 1)[-1]})"
        return
    if Path(name).suffix.lower() not in PICTURE_SUFFIXES:
        yield f"'{source}' is not a picture: use a {', '.join(sorted(PICTURE_SUFFIXES))} file, or a link [like this]({source}) for other documents"
        return
    if not (folder / name).is_file():
        near = [child.name for child in folder.iterdir() if child.name.casefold() == name.casefold()] if folder.is_dir() else []
        hint = f"did you mean '{near[0]}'? (names are case-sensitive)" if near else f"put the file in {display_path(folder)}/ or correct the name (names are case-sensitive)"
        yield f"the picture '{source}' does not exist: {hint}"


def check_body(document: Document, allow_h1: bool = False) -> Iterator[Problem]:
    shown = display_path(document.path)
    folder = Path(document.path).parent
    body = document.body
    lines = body.splitlines()
    found: list[tuple[int, str]] = []  # (index of the line in the body, message)

    for match in EVENT_HANDLER.finditer(body):
        found.append((_line_at(body, match.end()), "the text contains an HTML event attribute (such as onerror= or onclick=), which could run code: remove it"))
    references = {match.group("label").strip().casefold(): (match.group("url"), _line_at(body, match.start())) for match in REFERENCE_DEFINITION.finditer(body)}

    for index, line in enumerate(lines):
        tag = DANGEROUS_TAG.search(line)
        if tag:
            found.append((index, f"the text contains a <{tag.group(1).lower()}> tag, which could run code or change the page: remove it (write plain Markdown)"))
        decoded = browser_view(line)
        if SCRIPT_SCHEME.search(decoded) or DATA_LINK.search(decoded):
            found.append((index, "a link starts with 'javascript:', 'vbscript:' or 'data:', which could run code: link to a web address (https://...) instead"))
        if HTML_IMAGE.search(line):
            found.append((index, "pictures must use Markdown, ![what the picture shows](picture.jpg), not an HTML <img> tag"))
        if not allow_h1 and (H1_LINE.match(line) or (SETEXT_H1_UNDERLINE.match(line) and index > 0 and lines[index - 1].strip())):
            found.append((index, "remove this first-level heading: the title field is shown as the page heading; use '## ' for sections"))
        for image in MARKDOWN_IMAGE.finditer(line):
            found.extend((index, message) for message in _picture_problem(image.group("src"), image.group("alt"), folder))
        for image in REFERENCE_IMAGE.finditer(line):
            label = (image.group("ref") or image.group("alt")).strip().casefold()
            if label not in references:
                found.append((index, f"the picture '{image.group(0)}' refers to '[{label}]', which is not defined: add a line '[{label}]: picture.jpg'"))
                continue
            found.extend((index, message) for message in _picture_problem(references[label][0], image.group("alt"), folder))
        for image in SHORTCUT_IMAGE.finditer(line):
            label = image.group("alt").strip().casefold()
            if label in references:
                    found.extend((index, message) for message in _picture_problem(references[label][0], image.group("alt"), folder))

    for index, message in sorted(set(found)):
        yield Problem(shown, document.body_line + index, message, field="body")
