"""What every page needs to know about languages: its own, the site's, and its counterpart."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from exchange import LANGUAGES
from exchange.core.data_files import load_data

DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class Alternate:
    language: str
    url: str  # site-relative, e.g. "cy/guidance/plans/"


def site_language(config: Any) -> str:
    """The language of the build that is running (the i18n plugin builds one at a time)."""
    return str(config.theme["language"])


def page_language(page: Any, config: Any) -> str:
    """The language a page's text is written in.

    mkdocs-static-i18n shows an English page on the Welsh site when its Welsh file is
    missing, and labels it with the site's language; its `file.locale` keeps the truth.
    """
    locale = getattr(page.file, "locale", None)
    return locale if locale in LANGUAGES else site_language(config)


def language_home(language: str) -> str:
    return "" if language == DEFAULT_LANGUAGE else f"{language}/"


def counterpart_url(url: str, from_language: str, to_language: str) -> str:
    """The same page in the other language: 'guidance/' <-> 'cy/guidance/'."""
    bare = url.removeprefix(language_home(from_language)) if from_language != DEFAULT_LANGUAGE else url
    return language_home(to_language) + bare


def alternates_for(url: str, language: str) -> list[Alternate]:
    """Every language version of a page, the page's own included, in a fixed order.

    Every page exists in both languages (a missing translation falls back to English at the
    Welsh address), so the counterpart address is always the same path in the other tree.
    """
    return [Alternate(other, counterpart_url(url, language, other)) for other in LANGUAGES]


def source_records(identifiers: list[str]) -> tuple[list[dict], list[str]]:
    """The source documents a page names, and the names that are not in the registry."""
    registry = load_data("sources")
    found = [dict(registry[name], id=name) for name in identifiers if name in registry]
    unknown = [name for name in identifiers if name not in registry]
    return found, unknown


def mark_language(file: Any, text_language: str, build_language: str) -> None:
    """Give a generated file the attributes mkdocs-static-i18n gives the files it sorts."""
    file.locale = text_language
    file.localization = None if build_language == DEFAULT_LANGUAGE else build_language
    file.locale_alternate_of = build_language
    file.alternates = {build_language: file}
    file.norm_src_uri = file.src_uri.removeprefix(language_home(build_language))


class NavigationCache:
    """The site navigation, rendered once for all the pages that are not in it.

    Material renders the whole navigation into every page. A page that is not in the
    navigation (a case study, a news post, an event) has no active entry in it, so its
    navigation differs from another such page's only in the language and in the folder the
    page is in (links are relative to it). With 1,000 case studies the navigation was a fifth of the build's
    time; overrides/main.html asks `get` first and `remember`s what it rendered.
    Set EXCHANGE_NAV_CACHE=0 to render it on every page (tests compare the two).
    """

    def __init__(self) -> None:
        self._rendered: dict[tuple, str] = {}
        self._in_nav: set[str] = set()

    def new_navigation(self, nav: Any) -> None:
        self._rendered.clear()
        self._in_nav = {page.file.src_uri for page in nav.pages}

    def key(self, page: Any, language: str) -> tuple | None:
        """What the page's navigation depends on, or None if it must be rendered for the page."""
        if os.environ.get("EXCHANGE_NAV_CACHE") == "0" or page is None or page.file.src_uri in self._in_nav:
            return None
        hide = page.meta.get("hide") if page.meta else None
        folder = page.url.rstrip("/").rpartition("/")[0]  # links are relative: same folder, same links
        return (language, folder, tuple(hide) if isinstance(hide, list) else hide)

    def get(self, key: Any) -> str | None:
        """Templates without a page (404.html) pass an undefined key: never cached."""
        return self._rendered.get(key) if isinstance(key, tuple) else None

    def remember(self, key: Any, html: str) -> str:
        if isinstance(key, tuple):
            self._rendered[key] = html
        return html
