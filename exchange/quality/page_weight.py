"""What a reader's browser downloads on a first visit to a page of the built site.

`page_weight(site_dir, page)` reads the page's HTML, follows every resource a browser fetches
without being asked (stylesheets, scripts, the icon, pictures, preloads, and the fonts,
pictures and imports the stylesheets name) and gives each one's size as sent: gzip (level 6,
zlib's default, what most servers use) and brotli for text, the bytes as they are for files
that are already compressed (pictures, WOFF2 fonts). Resources on another host are listed,
never fetched. The budget tests and `make bench` both use it, so the figures agree.

It reads the HTML, not the JavaScript: a request made by a script is not seen here. The
browser test in tests/quality/test_budgets.py checks that a real browser asks for nothing more.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

try:  # brotli is pinned in requirements.txt; the gzip figures do not need it
    import brotli
except ImportError:  # pragma: no cover
    brotli = None

SITE_ORIGIN = "http://site.invalid"
GZIP_LEVEL = 6
# Sent as they are: compressing them again gains nothing, so servers do not.
ALREADY_COMPRESSED = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".woff", ".woff2", ".wasm.gz", ".pf_meta", ".pf_index", ".pf_fragment", ".zip", ".gz", ".br"}
# <link rel=...> values a browser fetches when it reads the page.
FETCHED_LINK_RELS = {"stylesheet", "icon", "shortcut", "preload", "modulepreload", "prefetch", "manifest"}
# <link rel=...> values that open a connection to the host (no bytes, but a request elsewhere).
CONNECTING_LINK_RELS = {"preconnect", "dns-prefetch"}
CSS_URL = re.compile(r"""url\(\s*(?P<quote>["']?)(?P<url>[^"')]+)(?P=quote)\s*\)""", re.IGNORECASE)
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*["']?(?P<url>[^"')\s;]+)""", re.IGNORECASE)
CSS_FONT_FACE = re.compile(r"@font-face\s*\{(?P<body>[^}]*)\}", re.IGNORECASE)
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


@dataclass(frozen=True)
class Resource:
    url: str  # site-relative ("/assets/stylesheets/main.css") or absolute for another host
    kind: str  # html, stylesheet, script, icon, picture, font, other
    found_in: str  # the page or stylesheet that asks for it
    raw_bytes: int = 0
    gzip_bytes: int = 0
    brotli_bytes: int | None = None
    external: bool = False  # on another host: not fetched here, and not allowed
    missing: bool = False  # names a file the site does not have


@dataclass
class PageWeight:
    page: str  # site-relative URL of the page
    resources: list[Resource] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.resources)

    @property
    def raw_bytes(self) -> int:
        return sum(resource.raw_bytes for resource in self.resources)

    @property
    def gzip_bytes(self) -> int:
        return sum(resource.gzip_bytes for resource in self.resources)

    @property
    def brotli_bytes(self) -> int | None:
        sizes = [resource.brotli_bytes for resource in self.resources]
        return None if any(size is None for size in sizes) else sum(sizes)

    @property
    def external(self) -> list[Resource]:
        return [resource for resource in self.resources if resource.external]

    @property
    def missing(self) -> list[Resource]:
        return [resource for resource in self.resources if resource.missing]

    def by_kind(self) -> dict[str, int]:
        """Compressed (gzip) bytes per kind of resource."""
        totals: dict[str, int] = {}
        for resource in self.resources:
            totals[resource.kind] = totals.get(resource.kind, 0) + resource.gzip_bytes
        return totals


# ---------------------------------------------------------------- sizes


def _suffix(path: str) -> str:
    name = PurePosixPath(path).name.lower()
    return ".wasm.gz" if name.endswith(".wasm.gz") else PurePosixPath(name).suffix


@lru_cache(maxsize=4096)
def _sizes_of(path: Path, mtime_ns: int, size: int) -> tuple[int, int, int | None]:
    data = path.read_bytes()
    if _suffix(path.name) in ALREADY_COMPRESSED:
        return len(data), len(data), len(data)
    compressed_brotli = len(brotli.compress(data, quality=11)) if brotli else None
    return len(data), len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)), compressed_brotli


def transfer_sizes(path: Path) -> tuple[int, int, int | None]:
    """(bytes on disk, bytes sent with gzip, bytes sent with brotli or None) for one file."""
    stat = path.stat()
    return _sizes_of(path, stat.st_mtime_ns, stat.st_size)


# ---------------------------------------------------------------- references


class _PageReferences(HTMLParser):
    """Collects (url, kind) for everything a browser fetches while reading the HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.references: list[tuple[str, str]] = []
        self.connections: list[str] = []
        self.base: str | None = None
        self.inline_styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "base" and attributes.get("href"):
            self.base = attributes["href"]
        elif tag == "link":
            rels = set(attributes.get("rel", "").lower().split())
            href = attributes.get("href")
            if href and rels & FETCHED_LINK_RELS:
                kind = "stylesheet" if "stylesheet" in rels else "icon" if rels & {"icon", "shortcut"} else attributes.get("as", "other") or "other"
                self.references.append((href, "font" if kind == "font" else kind))
            elif href and rels & CONNECTING_LINK_RELS:
                self.connections.append(href)
        elif tag == "script" and attributes.get("src"):
            self.references.append((attributes["src"], "script"))
        elif tag in {"img", "input", "embed", "track"} and attributes.get("src"):
            if tag != "input" or attributes.get("type", "").lower() == "image":
                self.references.append((attributes["src"], "picture" if tag in {"img", "input"} else "other"))
        elif tag in {"iframe", "audio", "video"} and attributes.get("src"):
            self.references.append((attributes["src"], "other"))
        elif tag == "object" and attributes.get("data"):
            self.references.append((attributes["data"], "other"))
        if tag == "video" and attributes.get("poster"):
            self.references.append((attributes["poster"], "picture"))
        if tag == "image" and (attributes.get("href") or attributes.get("xlink:href")):
            self.references.append((attributes.get("href") or attributes["xlink:href"], "picture"))
        if tag == "source" and attributes.get("src"):
            self.references.append((attributes["src"], "other"))
        if tag in {"img", "source"} and attributes.get("srcset") and not attributes.get("src"):
            # A browser picks one candidate; the first is the one it takes without more facts.
            first = attributes["srcset"].split(",")[0].strip().split()[0]
            self.references.append((first, "picture"))
        if attributes.get("style"):
            self.inline_styles.append(attributes["style"])
        if tag == "style":
            self._in_style = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.inline_styles.append(data)


def css_references(css: str) -> list[tuple[str, str]]:
    """(url, kind) for the files a stylesheet makes a browser fetch.

    From each @font-face only the first source counts (the browser stops at the first format
    it reads, and modern browsers read the first one given, WOFF2 in practice).
    """
    css = CSS_COMMENT.sub("", css)
    references: list[tuple[str, str]] = []
    font_face_urls: set[str] = set()
    for block in CSS_FONT_FACE.finditer(css):
        urls = [match.group("url").strip() for match in CSS_URL.finditer(block.group("body"))]
        font_face_urls.update(urls)
        if urls:
            references.append((urls[0], "font"))
    for match in CSS_IMPORT.finditer(css):
        references.append((match.group("url").strip(), "stylesheet"))
    imported = {url for url, kind in references if kind == "stylesheet"}
    for match in CSS_URL.finditer(css):
        url = match.group("url").strip()
        if url in font_face_urls or url in imported:
            continue
        references.append((url, "picture"))
    return [(url, kind) for url, kind in references if not url.lower().startswith(("data:", "#", "about:"))]


@lru_cache(maxsize=256)
def _css_references_cached(css: str) -> tuple[tuple[str, str], ...]:
    """The same stylesheet is on every page: read it once."""
    return tuple(css_references(css))


# ---------------------------------------------------------------- the page


def _site_url(page_file: str) -> str:
    """'guidance/plans/index.html' -> '/guidance/plans/'."""
    url = "/" + page_file.lstrip("/")
    return url[: -len("index.html")] if url.endswith("/index.html") or url == "/index.html" else url


def _file_for(site_dir: Path, url_path: str) -> Path:
    path = site_dir / unquote(url_path).lstrip("/")
    return path / "index.html" if url_path.endswith("/") or path.is_dir() else path


def _resolve(reference: str, against: str) -> tuple[str, bool]:
    """(absolute URL or site path, on another host?) for a reference found in `against`."""
    absolute = urljoin(SITE_ORIGIN + against, reference.strip())
    parts = urlsplit(absolute)
    if f"{parts.scheme}://{parts.netloc}" != SITE_ORIGIN:
        return absolute, True
    return parts.path, False


def page_weight(site_dir: Path | str, page_file: str) -> PageWeight:
    """Everything a first visit to `page_file` (relative to site_dir, e.g. 'guidance/plans/index.html') downloads.

    Each file is counted once, however many times it is named (a browser fetches it once).
    """
    site_dir = Path(site_dir)
    page_url = _site_url(page_file)
    weight = PageWeight(page=page_url)
    seen: set[str] = set()

    def add(url: str, kind: str, found_in: str, external: bool) -> Path | None:
        if url in seen:
            return None
        seen.add(url)
        if external:
            weight.resources.append(Resource(url, kind, found_in, external=True))
            return None
        path = _file_for(site_dir, url)
        if not path.is_file():
            weight.resources.append(Resource(url, kind, found_in, missing=True))
            return None
        raw, gzipped, brotlied = transfer_sizes(path)
        weight.resources.append(Resource(url, kind, found_in, raw, gzipped, brotlied))
        return path

    page_path = add(page_url, "html", page_url, False)
    if page_path is None:
        return weight
    parser = _PageReferences()
    parser.feed(page_path.read_text(encoding="utf-8"))
    base = _resolve(parser.base, page_url)[0] if parser.base else page_url
    for href in parser.connections:
        url, external = _resolve(href, base)
        if external:
            add(url, "connection", page_url, True)
    stylesheets: list[tuple[str, str]] = [(css, page_url) for css in parser.inline_styles]
    for reference, kind in parser.references:
        url, external = _resolve(reference, base)
        path = add(url, kind, page_url, external)
        if path is not None and kind == "stylesheet":
            stylesheets.append((path.read_text(encoding="utf-8", errors="replace"), url))
    while stylesheets:  # stylesheets may import stylesheets
        css, css_url = stylesheets.pop(0)
        for reference, kind in _css_references_cached(css):
            url, external = _resolve(reference, css_url)
            path = add(url, kind, css_url, external)
            if path is not None and kind == "stylesheet":
                stylesheets.append((path.read_text(encoding="utf-8", errors="replace"), url))
    return weight


def site_files(site_dir: Path | str) -> tuple[int, int, int]:
    """(files, HTML pages, bytes) of a built site."""
    files = pages = size = 0
    for path in Path(site_dir).rglob("*"):
        if path.is_file():
            files += 1
            size += path.stat().st_size
            pages += path.suffix == ".html"
    return files, pages, size
