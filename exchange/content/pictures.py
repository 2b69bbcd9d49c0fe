"""Contributors' pictures and files: raster pictures only, checked by their bytes, within limits.

A file beside a case study, news post or event, or anywhere in docs/ outside the site's own
folders (assets/, javascripts/, stylesheets/), is published as a file of the site. An SVG or
HTML file can hold a script that runs on the site's own address when it is opened, so only
PNG, JPEG, WebP and GIF pictures are accepted from contributors, recognised by their first
bytes (a file name can lie). The site's own SVG drawings in docs/assets/ are checked against a
strict rule too: no script, no foreignObject, no event attribute, no outside reference.
The limits are stated in CONTRIBUTING.md.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path
from typing import Iterable, Iterator

from exchange.core.problems import Problem, display_path

MAX_BYTES = 2 * 1024 * 1024  # 2 MB: a photograph saved for the web is far smaller
MAX_PIXELS = 4000  # the longest side, in pixels: a page shows pictures at most 1,000 pixels wide
FORMATS = {"png": (".png",), "jpeg": (".jpg", ".jpeg"), "webp": (".webp",), "gif": (".gif",)}
PICTURE_SUFFIXES = frozenset(suffix for suffixes in FORMATS.values() for suffix in suffixes)
# Folders of docs/ that hold the site's own files (reviewed code and drawings, not contributions).
SITE_FOLDERS = ("assets", "javascripts", "stylesheets")
# Files of docs/ outside those folders that are text the build reads or a stylesheet (no code).
TEXT_SUFFIXES = frozenset({".md", ".css"})
_LIMITS = f"PNG, JPEG, WebP or GIF, at most {MAX_BYTES // (1024 * 1024)} MB and {MAX_PIXELS:,} pixels on its longest side"


def picture_format(data: bytes) -> str | None:
    """The picture format the bytes are in (by their magic number), or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    return None


def picture_size(data: bytes, kind: str) -> tuple[int, int] | None:
    """Width and height from the picture's header, or None when the header cannot be read."""
    try:
        if kind == "png" and data[12:16] == b"IHDR":
            return struct.unpack(">II", data[16:24])
        if kind == "gif":
            return struct.unpack("<HH", data[6:10])
        if kind == "webp":
            chunk = data[12:16]
            if chunk == b"VP8 ":
                width, height = struct.unpack("<HH", data[26:30])
                return width & 0x3FFF, height & 0x3FFF
            if chunk == b"VP8L":
                bits = int.from_bytes(data[21:25], "little")
                return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
            if chunk == b"VP8X":
                return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
        if kind == "jpeg":
            index = 2
            while index + 9 < len(data):
                if data[index] != 0xFF:
                    return None
                marker = data[index + 1]
                if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
                    index += 2
                    continue
                length = struct.unpack(">H", data[index + 2:index + 4])[0]
                if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
                    height, width = struct.unpack(">HH", data[index + 5:index + 9])
                    return width, height
                index += 2 + length
    except struct.error:
        return None
    return None


def check_picture(path: Path) -> Iterator[Problem]:
    """A contributor's picture: a raster format its name agrees with, within the limits."""
    shown = display_path(path)
    suffix = path.suffix.lower()
    if suffix in (".svg", ".svgz"):
        yield Problem(shown, 1, f"SVG pictures are not accepted from contributors (an SVG file can hold a script): save it as PNG ({_LIMITS})")
        return
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(64 * 1024)
    except OSError as error:
        yield Problem(shown, 1, f"the picture cannot be read ({error.strerror}): save it again")
        return
    kind = picture_format(head)
    if kind is None:
        yield Problem(shown, 1, f"'{path.name}' is not a PNG, JPEG, WebP or GIF picture (its bytes say otherwise, whatever its name): save it as one ({_LIMITS})")
        return
    if suffix not in FORMATS[kind]:
        yield Problem(shown, 1, f"'{path.name}' is a {kind.upper()} picture but its name ends in '{suffix or '(nothing)'}': rename it to end in {FORMATS[kind][0]}")
    if size > MAX_BYTES:
        yield Problem(shown, 1, f"the picture is {size / (1024 * 1024):.1f} MB: make it smaller than {MAX_BYTES // (1024 * 1024)} MB (save it at most {MAX_PIXELS:,} pixels wide, or as JPEG)")
    dimensions = picture_size(head, kind)
    if dimensions is None:
        yield Problem(shown, 1, f"the picture's size cannot be read from its header: save it again as {kind.upper()}")
    elif max(dimensions) > MAX_PIXELS:
        yield Problem(shown, 1, f"the picture is {dimensions[0]:,} × {dimensions[1]:,} pixels: make it at most {MAX_PIXELS:,} pixels on its longest side")


_SVG_REFUSED = (
    (re.compile(r"<\s*script", re.IGNORECASE), "a <script> element"),
    (re.compile(r"<\s*foreignObject", re.IGNORECASE), "a <foreignObject> element"),
    (re.compile(r"[\s\"'/]on[a-z]+\s*=", re.IGNORECASE), "an event attribute (on...=)"),
    (re.compile(r"(?:href|src)\s*=\s*[\"']\s*(?!#)", re.IGNORECASE), "a reference to another file or address (only #fragments are allowed)"),
    (re.compile(r"url\(\s*[\"']?\s*(?!#)", re.IGNORECASE), "a url(...) to another file or address"),
    (re.compile(r"<!ENTITY|<\?xml-stylesheet", re.IGNORECASE), "an XML entity or stylesheet declaration"),
)


def check_site_svg(path: Path) -> Iterator[Problem]:
    """One of the site's own SVG drawings (docs/assets/): a drawing only, nothing that runs."""
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        yield Problem(shown, 1, "the SVG drawing cannot be read as UTF-8 text: save it again as plain SVG")
        return
    for pattern, what in _SVG_REFUSED:
        found = pattern.search(text)
        if found:
            line = text.count("\n", 0, found.start()) + 1
            yield Problem(shown, line, f"the SVG drawing holds {what}, which could run code or load something when the file is opened: remove it")


def check_contributed_file(path: Path, docs: bool) -> Iterator[Problem]:
    """A file that is not Markdown, beside a record (docs=False) or in docs/ outside the site's own folders."""
    suffix = path.suffix.lower()
    if suffix in PICTURE_SUFFIXES or suffix in (".svg", ".svgz"):
        yield from check_picture(path)
    elif docs and suffix not in TEXT_SUFFIXES:
        yield Problem(display_path(path), 1, f"'{path.name}' would be published as a file of the site, and only Markdown pages and pictures ({_LIMITS}) are accepted here: "
                      f"remove it (link to a document on its publisher's website instead)")


def check_docs_files(docs_dir: Path) -> list[Problem]:
    """Every file of docs/: contributors' files checked, the site's own SVG drawings checked."""
    found: list[Problem] = []
    for path in sorted(docs_dir.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(docs_dir).parts
        top = relative[0] if len(relative) > 1 else ""
        if top in SITE_FOLDERS:
            if path.suffix.lower() == ".svg":
                found.extend(check_site_svg(path))
            continue
        found.extend(check_contributed_file(path, docs=True))
    return found


def check_record_pictures(paths: Iterable[Path]) -> list[Problem]:
    """Files beside a collection's records (case studies, news, events) that are pictures or claim to be."""
    found: list[Problem] = []
    for path in sorted(paths):
        if path.is_file() and path.suffix.lower() not in (".md", ".yml", ".yaml"):
            found.extend(check_contributed_file(path, docs=False))
    return found
