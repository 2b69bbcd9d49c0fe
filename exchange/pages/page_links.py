"""Where each page comes from, in the repository: the footer's "Report a problem with this page"
and "Edit this page" links, and the pages a pull request changes (the CI job's summary).

- `page_source`: the file (or folder) a page is made from: docs/<page>.md for a written page;
  a case study's, news post's or event's en.md or cy.md; for a listing, the folder of its
  records; for the glossary, the statistics and the contact list, their data files.
- `page_help`: the footer's two links. With the repository's address (EXCHANGE_REPOSITORY_URL,
  set by the deploy job like EXCHANGE_SITE_URL) "Report a problem" opens a new issue with the
  page's title, address and language filled in, and "Edit this page" opens its source on the
  repository; without it (a local build) "Report a problem" goes to the About page's contact
  section and there is no "Edit this page". Nothing is sent anywhere: they are plain links.
- `changed_pages`: the built pages (both languages) that changed files affect.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Iterable
from urllib.parse import quote, urlencode

from exchange import PROJECT_ROOT
from exchange.core.strings import translate

BRANCH = "main"
DOCS = "docs"
WELSH_PREFIX = "cy/"
# Record pages: the front-matter key that names the record, its section and its folder.
RECORDS = {"case_study": ("case-studies", "case_studies"), "news_post": ("news", "news"), "event": ("events", "events")}
# Listings: the section's records live in this folder.
FOLDERS = {"case-studies": "case_studies", "news": "news", "events": "events", "resources": "resources"}
# Pages drawn from a data file rather than their Markdown.
DATA_PAGES = {
    "glossary.html": "exchange/data/glossary.yml",
    "statistics.html": "exchange/data/statistics.yml",
    "contacts.html": "contacts/contacts.yml",
    "contacts-partners.html": "contacts/partners.yml",
    "translation-status.html": "translations-waiting.yml",
}
LISTING_TEMPLATES = {f"{section}.html": folder for section, folder in FOLDERS.items()}


@dataclass(frozen=True)
class Source:
    path: str          # relative to the repository's root
    folder: bool = False


def page_source(src_uri: str, meta: dict[str, Any], language: str, root: Path = PROJECT_ROOT) -> Source | None:
    """The file a page is made from, or None (a theme page such as 404.html)."""
    for key, (_section, folder) in RECORDS.items():
        slug = meta.get(key)
        if slug:
            welsh = f"{folder}/{slug}/cy.md"
            return Source(welsh if language == "cy" and (root / welsh).is_file() else f"{folder}/{slug}/en.md")
    template = meta.get("template") or ""
    if template in DATA_PAGES:
        return Source(DATA_PAGES[template])
    browse = meta.get("listing_browse")
    if isinstance(browse, dict) and browse.get("section") in FOLDERS:
        return Source(FOLDERS[browse["section"]], folder=True)
    if template in LISTING_TEMPLATES:
        return Source(LISTING_TEMPLATES[template], folder=True)
    if src_uri and (root / DOCS / src_uri).is_file():
        return Source(f"{DOCS}/{src_uri}")
    return None


def edit_url(repository: str, source: Source) -> str:
    kind = "tree" if source.folder else "edit"
    return f"{repository.rstrip('/')}/{kind}/{BRANCH}/{quote(source.path)}"


def report_url(repository: str, title: str, address: str, language: str) -> str:
    """A new issue on the repository with the page's title, address and language filled in.
    Page titles reach here as HTML text (escaped once by the safety hook); the issue's title is
    plain text, so it is unescaped before it is put, URL-encoded, in the address."""
    query = urlencode({
        "title": translate("page_help.issue_title", language, title=html.unescape(str(title))),
        "body": translate("page_help.issue_body", language, address=address, language_name=translate(f"language.name.{language}", "en")),
    })
    return f"{repository.rstrip('/')}/issues/new?{query}"


def page_help(repository: str | None, site_url: str | None, url: str, title: str, language: str,
              site_home: str, source: Source | None) -> dict[str, Any]:
    """The footer's links for one page: `report`, a new issue (None without a repository:
    the template then links to `report_local`, the About page's contact section), and `edit`
    (None without a repository or a source)."""
    address = f"{site_url.rstrip('/')}/{url}" if site_url else f"/{url}"
    return {
        "report": report_url(repository, title, address, language) if repository else None,
        "report_local": f"{site_home}about/#contact-us",
        "edit": edit_url(repository, source) if repository and source else None,
    }


# ---------------------------------------------------------------- a pull request's pages

EVERY_PAGE = "every page"
# Changes to these change how every page is made.
SITE_WIDE = ("overrides/", "exchange/", "mkdocs.yml", "docs/stylesheets/", "docs/javascripts/", "docs/assets/",
             "requirements.txt", "package-lock.json")


def _page_url(path: str) -> str:
    """docs/guidance/plans.md -> guidance/plans/; docs/guidance/index.md -> guidance/."""
    stem = path[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-len("index")]
    return f"{stem}/"


def changed_pages(paths: Iterable[str]) -> list[str]:
    """The addresses (relative to the site's root, both languages) of the pages that the
    changed files make: EVERY_PAGE alone when a template, the code or the site's data changed."""
    pages: list[str] = []

    def add(*urls: str) -> None:
        pages.extend(url for url in urls if url not in pages)

    for raw in paths:
        path = PurePosixPath(raw.strip()).as_posix()
        if not path or path == ".":
            continue
        if any(path == prefix or path.startswith(prefix) for prefix in SITE_WIDE):
            return [EVERY_PAGE]
        parts = path.split("/")
        if parts[0] == DOCS and path.endswith(".md"):
            inner = path[len(DOCS) + 1:]
            if inner.startswith(WELSH_PREFIX):
                add(WELSH_PREFIX + _page_url(inner[len(WELSH_PREFIX):]))
            else:
                # A Welsh page without its own file shows the English text.
                add(_page_url(inner), WELSH_PREFIX + _page_url(inner))
        elif parts[0] == DOCS:
            add(path[len(DOCS) + 1:])
        elif len(parts) >= 3 and parts[0] in ("case_studies", "news", "events"):
            section = {folder: section for section, folder in FOLDERS.items()}[parts[0]]
            slug, name = parts[1], parts[-1]
            record = f"{section}/{slug}/"
            if name == "cy.md":
                add(WELSH_PREFIX + record, WELSH_PREFIX + f"{section}/")
            else:
                add(record, WELSH_PREFIX + record, f"{section}/", WELSH_PREFIX + f"{section}/")
        elif parts[0] in ("resources", "case_studies", "news", "events"):
            section = {folder: section for section, folder in FOLDERS.items()}[parts[0]]
            add(f"{section}/", WELSH_PREFIX + f"{section}/")
        elif parts[0] == "contacts":
            add("contacts/", "contacts/partners/", WELSH_PREFIX + "contacts/", WELSH_PREFIX + "contacts/partners/")
        elif path == "translations-waiting.yml":
            add("about/translation-status/", WELSH_PREFIX + "about/translation-status/")
    return pages


def summary_markdown(pages: list[str], base: str = "") -> str:
    """The job summary: the pages a pull request changes, English and Welsh apart."""
    if pages == [EVERY_PAGE]:
        return "## Pages this pull request changes\n\nEvery page: it changes a template, the code or the site's data.\n"
    if not pages:
        return "## Pages this pull request changes\n\nNo page of the site: it changes no content.\n"
    english = [page for page in pages if not page.startswith(WELSH_PREFIX)]
    welsh = [page for page in pages if page.startswith(WELSH_PREFIX)]
    lines = ["## Pages this pull request changes", "",
             "Download the built site (the *site* artifact below), unzip it, run `python -m http.server -d site` and open these pages:", ""]
    for heading, group in (("English", english), ("Cymraeg (Welsh)", welsh)):
        if group:
            lines += [f"### {heading}", ""] + [f"- `{base}{page}`" for page in group] + [""]
    return "\n".join(lines)
