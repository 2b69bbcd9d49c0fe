"""Pins mkdocs-static-i18n's behaviour with English at the docs root, on a tiny project:
a page with no Welsh file appears on the Welsh site in English, marked lang="en", with a
Welsh notice; a two-letter top-level folder is silently dropped (hence the layout test)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs.utils import yaml_load

from exchange import PROJECT_ROOT
from tests.site_pages import soup


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("tiny")
    with (PROJECT_ROOT / "mkdocs.yml").open(encoding="utf-8") as handle:
        config = yaml_load(handle)  # MkDocs's own loader: it reads the !ENV tags
    config.pop("nav", None)
    config["theme"]["custom_dir"] = str(PROJECT_ROOT / "overrides")
    config["hooks"] = [str(PROJECT_ROOT / "exchange" / "hooks" / "site.py")]
    config["extra_css"], config["extra_javascript"] = [], []
    config["theme"].pop("favicon", None)
    config["site_dir"] = str(root / "site")
    docs = root / "docs"
    (docs / "cy").mkdir(parents=True)
    (docs / "js").mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "cy" / "index.md").write_text("# Hafan\n", encoding="utf-8")
    (docs / "only-english.md").write_text("# Only in English\n\nSome text.\n", encoding="utf-8")
    (docs / "js" / "page.md").write_text("# In a two-letter folder\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml")],
        capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, cwd=root,
    )
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_a_page_missing_in_welsh_appears_on_the_welsh_site_in_english_with_a_notice(tiny_site):
    page = soup(tiny_site / "cy" / "only-english" / "index.html")
    assert page.html["lang"] == "en"
    notice = page.select_one(".x-untranslated")
    assert notice is not None and notice["lang"] == "cy"
    assert "Nid yw'r dudalen hon wedi'i chyfieithu" in notice.get_text()
    # The page's furniture stays Welsh, and says so.
    assert page.select_one("header")["lang"] == "cy"
    assert page.select_one("footer")["lang"] == "cy"


def test_the_english_page_itself_has_no_notice(tiny_site):
    page = soup(tiny_site / "only-english" / "index.html")
    assert page.html["lang"] == "en" and page.select_one(".x-untranslated") is None


def test_a_two_letter_top_level_folder_is_dropped_by_the_plugin(tiny_site):
    """Why tests/test_site_languages.py forbids such folders: their pages vanish."""
    assert not (tiny_site / "js" / "page" / "index.html").exists()
