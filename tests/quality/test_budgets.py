"""Budgets for readers on phones, on the built site: what a first visit downloads, from where,
in how many requests, and how many files the build writes per page.

Only deterministic figures (bytes, requests, files) are tested here; times are measured by
`make bench` and Lighthouse by `make lighthouse`, never in tests. The sizes come from
exchange/quality/page_weight.py, which `make bench` uses too.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from exchange.quality.page_weight import page_weight, site_files
from tests.page_types import NARROW, fresh_tab
from tests.site_pages import page_paths

KB = 1024
# A first visit to any page: HTML, CSS, JavaScript, fonts, pictures, compressed as sent.
FIRST_VISIT_LIMIT = 150 * KB
# Requests on a first visit to a guidance page (today: the page, the icon, two stylesheets,
# four scripts). A new request on every page costs a round trip on a slow connection.
GUIDANCE_REQUEST_LIMIT = 10
# Files written per page: the page, its search fragment, and a share of the search index
# and the theme's assets. More means something writes files per page that it should not.
FILES_PER_PAGE_LIMIT = 3
FIXED_FILES_ALLOWANCE = 300


def guidance_pages(site: Path) -> list[Path]:
    return [relative for relative in page_paths(site) if "guidance" in relative.parts[:2]]


@pytest.fixture(scope="module")
def weights(built_site):
    return {relative: page_weight(built_site, relative.as_posix()) for relative in page_paths(built_site)}


def test_there_are_guidance_pages_in_both_languages(built_site):
    pages = guidance_pages(built_site)
    assert any(page.parts[0] == "cy" for page in pages) and any(page.parts[0] == "guidance" for page in pages)


def test_a_guidance_page_first_visit_is_at_most_150_kb_compressed(built_site, weights):
    over = {str(page): weights[page].gzip_bytes for page in guidance_pages(built_site) if weights[page].gzip_bytes > FIRST_VISIT_LIMIT}
    assert over == {}


def test_every_page_first_visit_is_at_most_150_kb_compressed(weights):
    over = {str(page): weight.gzip_bytes for page, weight in weights.items() if weight.gzip_bytes > FIRST_VISIT_LIMIT}
    assert over == {}


def test_a_guidance_page_first_visit_needs_few_requests(built_site, weights):
    over = {str(page): weights[page].requests for page in guidance_pages(built_site) if weights[page].requests > GUIDANCE_REQUEST_LIMIT}
    assert over == {}


def test_no_page_asks_another_host_for_anything(weights):
    external = {str(page): [resource.url for resource in weight.external] for page, weight in weights.items() if weight.external}
    assert external == {}


def test_every_file_a_page_names_is_in_the_site(weights):
    missing = {str(page): [resource.url for resource in weight.missing] for page, weight in weights.items() if weight.missing}
    assert missing == {}


def test_the_build_writes_a_bounded_number_of_files_per_page(built_site):
    files, pages, _ = site_files(built_site)
    assert files <= FIXED_FILES_ALLOWANCE + FILES_PER_PAGE_LIMIT * pages, f"{files} files for {pages} pages"


@pytest.mark.browser
@pytest.mark.parametrize("relative", [Path("guidance/index.html"), Path("cy/guidance/index.html")], ids=["en", "cy"])
def test_a_browser_asks_for_nothing_the_page_weight_does_not_count(built_site, site_server, browser, relative):
    """The budgets read the HTML and CSS; a script could fetch more. Chromium, loading a
    guidance page, must ask this site for nothing else, and no other host for anything."""
    weight = page_weight(built_site, relative.as_posix())
    requested: list[str] = []
    with fresh_tab(browser, NARROW) as page:
        page.on("request", lambda request: requested.append(request.url))
        page.goto(site_server.rstrip("/") + weight.page, wait_until="networkidle")
    origin = urlsplit(site_server).netloc
    elsewhere = [url for url in requested if urlsplit(url).scheme.startswith("http") and urlsplit(url).netloc != origin]
    uncounted = sorted({urlsplit(url).path for url in requested if urlsplit(url).netloc == origin} - {resource.url for resource in weight.resources})
    assert elsewhere == [] and uncounted == []


# ---------------------------------------------------------------- page_weight itself, on a small site


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


@pytest.fixture
def small_site(tmp_path) -> Path:
    write(tmp_path / "guide" / "index.html", """<!doctype html><html><head>
<link rel="stylesheet" href="../css/site.css"><link rel="icon" href="/icon.svg">
<link rel="alternate" hreflang="cy" href="/cy/guide/"><link rel="canonical" href="https://example.org/guide/">
<link rel="preconnect" href="https://fonts.example.com">
<script src="../js/app.js" defer></script><script type="application/json">{"a": 1}</script>
<style>.hero { background: url("/img/hero.png") }</style></head>
<body><a href="/other/">other</a><img src="photo.jpg" alt="A photo"><img src="https://cdn.example.com/x.png" alt="X">
<img srcset="small.webp 1x, large.webp 2x" alt="Y"><script src="../js/app.js"></script><script src="/js/missing.js"></script></body></html>""")
    write(tmp_path / "css" / "site.css", """@import "print.css";
/* url(commented-out.png) */
@font-face { font-family: X; src: url(../fonts/x.woff2) format("woff2"), url(../fonts/x.woff) format("woff"); }
.a { background: url('data:image/svg+xml;utf8,<svg/>') } .b { background-image: url(../img/b.svg) }""")
    write(tmp_path / "css" / "print.css", "body { color: black }\n" * 50)
    write(tmp_path / "js" / "app.js", "console.log('hello');\n" * 200)
    write(tmp_path / "icon.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    write(tmp_path / "img" / "hero.png", bytes(range(256)) * 4)
    write(tmp_path / "img" / "b.svg", "<svg xmlns='http://www.w3.org/2000/svg'><rect/></svg>")
    write(tmp_path / "fonts" / "x.woff2", b"\x00" * 500)
    write(tmp_path / "fonts" / "x.woff", b"\x00" * 900)
    write(tmp_path / "guide" / "photo.jpg", b"\xff\xd8" + b"\x00" * 300)
    write(tmp_path / "guide" / "small.webp", b"R" * 100)
    return tmp_path


def test_page_weight_counts_what_a_browser_fetches_once_each(small_site):
    weight = page_weight(small_site, "guide/index.html")
    fetched = {resource.url: resource.kind for resource in weight.resources if not resource.external and not resource.missing}
    assert fetched == {
        "/guide/": "html", "/css/site.css": "stylesheet", "/icon.svg": "icon", "/js/app.js": "script",
        "/img/hero.png": "picture", "/guide/photo.jpg": "picture", "/guide/small.webp": "picture",
        "/css/print.css": "stylesheet", "/fonts/x.woff2": "font", "/img/b.svg": "picture",
    }
    assert [resource.url for resource in weight.missing] == ["/js/missing.js"]
    assert sorted(resource.url for resource in weight.external) == ["https://cdn.example.com/x.png", "https://fonts.example.com"]
    assert weight.requests == len(weight.resources) == 13


def test_page_weight_compresses_text_but_not_pictures_or_fonts(small_site):
    weight = page_weight(small_site, "guide/index.html")
    by_url = {resource.url: resource for resource in weight.resources}
    script = by_url["/js/app.js"]
    assert script.raw_bytes == len("console.log('hello');\n") * 200 and script.gzip_bytes < script.raw_bytes / 10
    for already_compressed in ("/img/hero.png", "/fonts/x.woff2", "/guide/photo.jpg"):
        assert by_url[already_compressed].gzip_bytes == by_url[already_compressed].raw_bytes
    assert weight.gzip_bytes == sum(resource.gzip_bytes for resource in weight.resources)
    assert weight.by_kind()["font"] == 500
