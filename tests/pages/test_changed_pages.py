"""The pull-request summary's list of changed pages (exchange/page_links.changed_pages): every
address it gives is a page the build makes, in both languages."""

from __future__ import annotations

import subprocess
import sys

import pytest

from exchange import PROJECT_ROOT
from exchange.pages.page_links import EVERY_PAGE, changed_pages, summary_markdown


@pytest.mark.parametrize("files, pages", [
    (["docs/guidance/plans.md"], ["guidance/plans/", "cy/guidance/plans/"]),
    (["docs/cy/guidance/plans.md"], ["cy/guidance/plans/"]),
    (["docs/guidance/index.md"], ["guidance/", "cy/guidance/"]),
    (["docs/index.md"], ["", "cy/"]),
    (["case_studies/abersychan-intervention-worker/en.md"],
     ["case-studies/abersychan-intervention-worker/", "cy/case-studies/abersychan-intervention-worker/", "case-studies/", "cy/case-studies/"]),
    (["case_studies/abersychan-intervention-worker/cy.md"], ["cy/case-studies/abersychan-intervention-worker/", "cy/case-studies/"]),
    (["news/2017-05-one-year-on-report/en.md"], ["news/2017-05-one-year-on-report/", "cy/news/2017-05-one-year-on-report/", "news/", "cy/news/"]),
    (["resources/buttle-uk-quality-mark.yml"], ["resources/", "cy/resources/"]),
    (["contacts/contacts.yml"], ["contacts/", "contacts/partners/", "cy/contacts/", "cy/contacts/partners/"]),
    (["translations-waiting.yml"], ["about/translation-status/", "cy/about/translation-status/"]),
    (["README.md", "tests/quality/test_links.py", ".github/workflows/ci.yml"], []),
    (["docs/guidance/plans.md", "overrides/main.html"], [EVERY_PAGE]),
    (["exchange/data/strings.yml"], [EVERY_PAGE]),
])
def test_changed_files_map_to_the_pages_they_make(files, pages):
    assert changed_pages(files) == pages


def test_every_address_given_is_a_built_page(built_site):
    sources = ["docs/" + path.relative_to(PROJECT_ROOT / "docs").as_posix() for path in (PROJECT_ROOT / "docs").rglob("*.md")]
    sources += [path.relative_to(PROJECT_ROOT).as_posix() for folder in ("case_studies", "news", "events") for path in (PROJECT_ROOT / folder).glob("*/*.md")]
    sources += ["resources/x.yml", "contacts/contacts.yml", "translations-waiting.yml"]
    pages = changed_pages(sources)
    assert len(pages) > 100
    missing = [page for page in pages if not (built_site / page / "index.html").is_file()]
    assert missing == []


def test_the_summary_lists_english_and_welsh_apart():
    text = summary_markdown(changed_pages(["docs/guidance/plans.md"]))
    english, welsh = text.split("### Cymraeg (Welsh)")
    assert "- `guidance/plans/`" in english and "cy/" not in english
    assert "- `cy/guidance/plans/`" in welsh
    assert "Every page" in summary_markdown([EVERY_PAGE])


def test_the_script_reads_the_changed_files_from_standard_input():
    result = subprocess.run([sys.executable, str(PROJECT_ROOT / "scripts" / "changed_pages.py"), "-"],
                            input="docs/cy/about/privacy.md\n", capture_output=True, text=True)
    assert result.returncode == 0 and "- `cy/about/privacy/`" in result.stdout
