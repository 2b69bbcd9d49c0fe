"""Reading the built site in tests: every page, its language, its links."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup


def page_paths(site: Path) -> list[Path]:
    """Every HTML page of the site, relative to it (404 pages included)."""
    return sorted(path.relative_to(site) for path in site.rglob("*.html") if "assets" not in path.parts)


@lru_cache(maxsize=None)
def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_url(relative: Path) -> str:
    """The site-relative URL a page is served at: 'cy/guidance/index.html' -> '/cy/guidance/'."""
    text = "/" + relative.as_posix()
    return text.removesuffix("index.html")


def resolve(page: Path, href: str) -> str:
    """An href on a page as a site-relative URL path, without query or fragment."""
    return urlsplit(urljoin("http://site.test" + page_url(page), href)).path


def is_welsh_path(relative: Path) -> bool:
    return relative.parts[0] == "cy"


def counterpart(relative: Path) -> Path:
    return Path(*relative.parts[1:]) if is_welsh_path(relative) else Path("cy", *relative.parts)
