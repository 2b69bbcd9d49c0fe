"""The built site in English and Welsh: pairs of pages, lang, switch, alternates, 404s.

These pin mkdocs-static-i18n's undocumented layout (English at docs/, Welsh at docs/cy/).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from exchange import PROJECT_ROOT
from exchange.core.data_files import load_data
from tests.site_pages import counterpart, is_welsh_path, page_paths, page_url, resolve, soup


@pytest.fixture(scope="module")
def pages(built_site: Path) -> list[Path]:
    return [path for path in page_paths(built_site) if path.name != "404.html"]


def test_the_site_has_pages_in_both_languages(pages):
    english = [page for page in pages if not is_welsh_path(page)]
    welsh = [page for page in pages if is_welsh_path(page)]
    assert len(english) >= 20 and len(welsh) >= 20


def test_every_page_has_a_counterpart_at_the_same_path(built_site, pages):
    missing = [str(page) for page in pages if not (built_site / counterpart(page)).is_file()]
    assert missing == []


def test_html_lang_is_the_language_of_the_text(built_site, pages):
    wrong = []
    for page in pages:
        document = soup(built_site / page)
        lang = document.html["lang"]
        untranslated = document.select_one(".x-untranslated") is not None
        expected = "en" if not is_welsh_path(page) or untranslated else "cy"
        if lang != expected:
            wrong.append(f"{page}: lang={lang}, expected {expected}")
    assert wrong == []


def test_every_page_ships_in_both_languages_so_no_page_shows_the_untranslated_notice(built_site, pages):
    untranslated = [str(page) for page in pages if soup(built_site / page).select_one(".x-untranslated")]
    assert untranslated == []


def test_the_language_switch_links_to_the_same_page_in_the_other_language(built_site, pages):
    wrong = []
    for page in pages:
        switch = soup(built_site / page).select_one("header nav.x-language-switch")
        links = switch.select("a[hreflang]")
        current = switch.select_one("[aria-current=true]")
        other_language = "en" if is_welsh_path(page) else "cy"
        if len(links) != 1 or links[0]["hreflang"] != other_language or links[0]["lang"] != other_language:
            wrong.append(f"{page}: switch links {[(link.get('hreflang'), link.get('lang')) for link in links]}")
            continue
        if resolve(page, links[0]["href"]) != page_url(counterpart(page)):
            wrong.append(f"{page}: switch goes to {resolve(page, links[0]['href'])}")
        expected_text = {"cy": "Cymraeg", "en": "English"}
        if links[0].get_text(strip=True) != expected_text[other_language]:
            wrong.append(f"{page}: switch text {links[0].get_text(strip=True)!r}")
        if current is None or current.name == "a" or current.get_text(strip=True) != expected_text["cy" if other_language == "en" else "en"]:
            wrong.append(f"{page}: the current language is not marked")
        if switch.find("img"):
            wrong.append(f"{page}: the switch has a picture (no flags)")
    assert wrong == []


def test_alternates_are_present_and_reciprocal(built_site, pages):
    wrong = []
    for page in pages:
        links = {link["hreflang"]: resolve(page, link["href"]) for link in soup(built_site / page).select("head link[rel=alternate][hreflang]")}
        english = page_url(counterpart(page) if is_welsh_path(page) else page)
        welsh = page_url(page if is_welsh_path(page) else counterpart(page))
        expected = {"en": english, "cy": welsh, "x-default": english}
        if links != expected:
            wrong.append(f"{page}: {links} != {expected}")
    assert wrong == []


def test_each_language_has_its_own_404_page(built_site):
    english = soup(built_site / "404.html")
    welsh = soup(built_site / "cy" / "404.html")
    assert english.html["lang"] == "en" and "Page not found" in english.h1.get_text()
    assert welsh.html["lang"] == "cy" and "Heb ddod o hyd i'r dudalen" in welsh.h1.get_text()


def test_interface_strings_are_in_the_page_language(built_site, pages):
    strings = load_data("strings")
    wrong = []
    for page in pages:
        document = soup(built_site / page)
        language = "cy" if is_welsh_path(page) else "en"
        footer = document.select_one("footer.x-footer").get_text(" ", strip=True)
        for key in ("footer.accessibility", "footer.privacy", "footer.disclaimer", "footer.contact"):
            if strings[key][language] not in footer:
                wrong.append(f"{page}: footer lacks {strings[key][language]!r}")
        title = document.title.get_text()
        if not title.endswith(strings["site.name"][language]):
            wrong.append(f"{page}: title {title!r}")
        skip = document.select_one("a.md-skip")
        if skip is not None and language == "cy" and skip.get_text(strip=True) != "Neidio i'r cynnwys":
            wrong.append(f"{page}: skip link {skip.get_text(strip=True)!r}")
    assert wrong == []


def test_page_titles_are_unique_within_each_language(built_site, pages):
    seen: dict[str, Path] = {}
    duplicates = []
    for page in pages:
        title = soup(built_site / page).title.get_text()
        if title in seen:
            duplicates.append(f"{page} and {seen[title]}: {title}")
        seen[title] = page
    assert duplicates == []


LOADING = {"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src", "embed": "src", "object": "data"}


def test_no_element_loads_anything_from_another_host(built_site):
    external = []
    for page in page_paths(built_site):
        document = soup(built_site / page)
        for tag, attribute in LOADING.items():
            for element in document.find_all(tag):
                value = element.get(attribute, "")
                if re.match(r"^(https?:)?//", value):
                    external.append(f"{page}: <{tag} {attribute}={value}>")
        for link in document.find_all("link"):
            rel = set(link.get("rel", []))
            if rel & {"stylesheet", "icon", "preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload", "manifest"} and re.match(r"^(https?:)?//", link.get("href", "")):
                external.append(f"{page}: <link rel={rel} href={link['href']}>")
        for style in document.find_all("style"):
            if "@import" in style.get_text() or "url(http" in style.get_text():
                external.append(f"{page}: <style> loads from elsewhere")
    for css in built_site.rglob("*.css"):
        for match in re.finditer(r"url\((['\"]?)(https?:)?//", css.read_text(encoding="utf-8")):
            external.append(f"{css}: {match.group(0)}")
        if "fonts.googleapis" in css.read_text(encoding="utf-8"):
            external.append(f"{css}: Google Fonts")
    assert external == []


def test_pages_name_their_sources_and_link_the_originals(built_site, pages):
    registry = load_data("sources")
    missing = []
    for page in pages:
        if page.parts[-2:-1] in (("privacy",), ("accessibility",), ("translation-status",)) or "case-studies" in page.parts:
            continue
        box = soup(built_site / page).select_one("aside.x-sources")
        if box is None:
            missing.append(str(page))
            continue
        hrefs = {link["href"] for link in box.select("a[href]")}
        if not hrefs & {source["url"] for source in registry.values()}:
            missing.append(f"{page}: no link to an original")
    assert missing == []


def test_no_top_level_docs_folder_is_named_with_two_letters_except_cy():
    """mkdocs-static-i18n takes any two-letter top-level folder for a language and drops it."""
    folders = [path.name for path in (PROJECT_ROOT / "docs").iterdir() if path.is_dir()]
    assert "cy" in folders
    assert [name for name in folders if re.fullmatch(r"[a-z]{2}(_[A-Z]{2})?", name) and name != "cy"] == []


def test_every_english_docs_page_has_a_welsh_file_and_the_reverse():
    docs = PROJECT_ROOT / "docs"
    english = {path.relative_to(docs) for path in docs.rglob("*.md") if path.relative_to(docs).parts[0] != "cy"}
    welsh = {path.relative_to(docs / "cy") for path in (docs / "cy").rglob("*.md")}
    assert sorted(map(str, english - welsh)) == []
    assert sorted(map(str, welsh - english)) == []


def test_no_sitemap_is_published_without_the_site_address(built_site):
    """MkDocs writes "None" for every address of a sitemap when `site_url` is not set (local
    builds and tests): exchange/hooks/site.py leaves it out; the deploy job sets the address."""
    assert not (built_site / "sitemap.xml").exists()
    assert not (built_site / "sitemap.xml.gz").exists()
