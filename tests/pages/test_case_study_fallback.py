"""A case study whose Welsh file is missing still appears on the Welsh site: in English,
marked lang="en", with a notice in Welsh, and in the Welsh listing. It never vanishes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from exchange import PROJECT_ROOT
from tests.conftest import build_site
from tests.site_pages import soup

SLUG = "rumney-therapies"


@pytest.fixture(scope="module")
def site_without_one_welsh_file(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fallback")
    folder = root / "case_studies"
    shutil.copytree(PROJECT_ROOT / "case_studies", folder)
    (folder / SLUG / "cy.md").unlink()
    site = root / "site"
    result = build_site(site, {"EXCHANGE_CASE_STUDIES_DIR": str(folder)})
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return site


def test_the_welsh_address_shows_the_english_text_marked_as_english(site_without_one_welsh_file):
    page = soup(site_without_one_welsh_file / "cy" / "case-studies" / SLUG / "index.html")
    english = soup(site_without_one_welsh_file / "case-studies" / SLUG / "index.html")
    assert page.html["lang"] == "en"
    assert page.h1.get_text(strip=True) == english.h1.get_text(strip=True)
    notice = page.select_one(".x-untranslated")
    assert notice is not None and notice["lang"] == "cy"
    assert "Nid yw'r dudalen hon wedi'i chyfieithu" in notice.get_text()


def test_the_case_study_stays_in_the_welsh_listing(site_without_one_welsh_file):
    listing = soup(site_without_one_welsh_file / "cy" / "case-studies" / "index.html")
    links = [link for link in listing.select("a[href]") if link["href"].rstrip("/").endswith(SLUG)]
    assert links, "the case study vanished from the Welsh listing"
    assert all(link.get("lang") == "en" for link in links if link.get("lang"))


def test_other_case_studies_are_still_welsh(site_without_one_welsh_file):
    page = soup(site_without_one_welsh_file / "cy" / "case-studies" / "rumney-designated-person" / "index.html")
    assert page.html["lang"] == "cy" and page.select_one(".x-untranslated") is None
