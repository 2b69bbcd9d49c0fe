"""Checks on the Markdown body of any record: raw HTML that could run code, and pictures."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from exchange.frontmatter import Document
from exchange.problems import Problem, display_path

DANGEROUS_TAG = re.compile(r"<\s*(script|iframe|style|object|embed|form|frame|frameset|link|meta|base|svg|math)\b", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_LINK = re.compile(r"(?:\]\(\s*<?|href\s*=\s*['\"]?|src\s*=\s*['\"]?)\s*(?:javascript|vbscript|data)\s*:", re.IGNORECASE)
MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_IMAGE = re.compile(r"<\s*img\b", re.IGNORECASE)
H1_LINE = re.compile(r"^#\s")


def check_body(document: Document, allow_h1: bool = False) -> Iterator[Problem]:
    shown = display_path(document.path)
    folder = Path(document.path).parent
    in_code = False
    for offset, line in enumerate(document.body.splitlines()):
        number = document.body_line + offset
        if line.lstrip().startswith("```"):
            in_code = not in_code
            continue
        if in_code:
            continue
        tag = DANGEROUS_TAG.search(line)
        if tag:
            yield Problem(shown, number, f"the text contains a <{tag.group(1).lower()}> tag, which could run code or change the page: remove it (write plain Markdown)", field="body")
        if EVENT_HANDLER.search(line):
            yield Problem(shown, number, "the text contains an HTML event attribute (such as onerror= or onclick=), which could run code: remove it", field="body")
        if JAVASCRIPT_LINK.search(line):
            yield Problem(shown, number, "a link starts with 'javascript:', 'vbscript:' or 'data:', which could run code: link to a web address (https://...) instead", field="body")
        if HTML_IMAGE.search(line):
            yield Problem(shown, number, "pictures must use Markdown, ![what the picture shows](picture.jpg), not an HTML <img> tag", field="body")
        if not allow_h1 and H1_LINE.match(line):
            yield Problem(shown, number, "remove this '# ' heading: the title field is shown as the page heading; use '## ' for sections", field="body")
        for image in MARKDOWN_IMAGE.finditer(line):
            if not image.group("alt").strip():
                yield Problem(shown, number, f"the picture '{image.group('src')}' has no text alternative: write what it shows between the square brackets, ![like this]({image.group('src')})", field="body")
            source = image.group("src")
            if not re.match(r"^[a-z]+:", source) and not (folder / source).is_file():
                yield Problem(shown, number, f"the picture '{source}' does not exist: put the file in {display_path(folder)}/ or correct the name (names are case-sensitive)", field="body")
