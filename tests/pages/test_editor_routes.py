"""The editors' ways in and back (issue 14): the share form's last step with and without the
repository's address (EXCHANGE_REPOSITORY_URL) in Chromium, in both languages; "Report a
problem with this page" and "Edit this page" on every page; no e-mail route unless
EXCHANGE_EDITORS_EMAIL is set."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from exchange import PROJECT_ROOT
from exchange.bench.benchmark import serve
from exchange.pages.share_form import LONGEST_ADDRESS
from exchange.core.strings import translate
from tests.conftest import build_site
from tests.pages.test_share_form import ANSWERS, CHOICES, PAGES, control_id, fill, open_form, submit

REPOSITORY = "https://github.com/example-owner/example-repository"
EDITORS = "editors@example.org"
ISSUE_FORM = yaml.safe_load((PROJECT_ROOT / ".github" / "ISSUE_TEMPLATE" / "case-study.yml").read_text(encoding="utf-8"))
FORM_IDS = {item["id"] for item in ISSUE_FORM["body"] if "id" in item}


@pytest.fixture(scope="module")
def repository_site(tmp_path_factory) -> Path:
    """The site as the deploy job builds it: with the repository's address (and, here, an
    editors' address, to see that route appear)."""
    site = tmp_path_factory.mktemp("repository") / "site"
    result = build_site(site, {"EXCHANGE_REPOSITORY_URL": REPOSITORY, "EXCHANGE_EDITORS_EMAIL": EDITORS})
    if result.returncode != 0:
        pytest.fail("mkdocs build --strict failed:\n" + (result.stderr + result.stdout)[-4000:], pytrace=False)
    return site


@pytest.fixture(scope="module")
def repository_server(repository_site):
    with serve(repository_site) as base_url:
        yield base_url


def pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if not path.name.startswith("google"))


def page_help(path: Path) -> BeautifulSoup:
    document = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    found = document.select_one("[data-page-help]")
    assert found is not None, path
    return found


# ------------------------------------------------------------------ every page's way back


def test_without_the_repository_every_page_reports_to_the_contact_section_and_offers_no_edit(built_site):
    for path in pages(built_site):
        help_links = page_help(path)
        language = "cy" if path.relative_to(built_site).parts[0] == "cy" else "en"
        report = help_links.select_one("[data-report-problem]")
        assert report.get_text(strip=True) == translate("page_help.report", language), path
        relative = path.relative_to(built_site).as_posix()
        home = "cy/" if language == "cy" else ""
        assert urljoin(f"http://site/{relative}", report["href"]).replace("index.html#", "#") == f"http://site/{home}about/#contact-us", path
        assert help_links.select_one("[data-edit-page]") is None, path
        assert "github.com" not in str(help_links)


def test_with_the_repository_every_page_reports_a_prefilled_issue_in_its_language(repository_site):
    checked = 0
    for path in pages(repository_site):
        relative = path.relative_to(repository_site)
        language = "cy" if relative.parts[0] == "cy" else "en"
        report = page_help(path).select_one("[data-report-problem]")
        address = urlsplit(report["href"])
        assert f"{address.scheme}://{address.netloc}{address.path}" == f"{REPOSITORY}/issues/new", path
        query = parse_qs(address.query)
        title = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").title.get_text()
        assert query["title"][0].startswith(translate("page_help.issue_title", language, title="").strip()), path
        assert query["title"][0].split(": ", 1)[1] in title or relative.name == "404.html", path
        body = query["body"][0]
        assert translate(f"language.name.{language}", "en") in body
        page_address = "/" + relative.as_posix().removesuffix("index.html")
        assert page_address in body, (path, body)
        checked += 1
    assert checked > 100


@pytest.mark.parametrize("relative, source", [
    ("guidance/plans/index.html", "edit/main/docs/guidance/plans.md"),
    ("cy/guidance/plans/index.html", "edit/main/docs/cy/guidance/plans.md"),
    ("case-studies/abersychan-intervention-worker/index.html", "edit/main/case_studies/abersychan-intervention-worker/en.md"),
    ("cy/case-studies/abersychan-intervention-worker/index.html", "edit/main/case_studies/abersychan-intervention-worker/cy.md"),
    ("news/index.html", "tree/main/news"),
    ("resources/index.html", "tree/main/resources"),
    ("glossary/index.html", "edit/main/exchange/data/glossary.yml"),
    ("cy/contacts/index.html", "edit/main/contacts/contacts.yml"),
    ("national-plan/statistics/index.html", "edit/main/exchange/data/statistics.yml"),
])
def test_edit_this_page_opens_the_source_it_is_made_from(repository_site, relative, source):
    edit = page_help(repository_site / relative).select_one("[data-edit-page]")
    assert edit["href"] == f"{REPOSITORY}/{source}"
    path = source.split("/main/", 1)[1]
    assert (PROJECT_ROOT / path).exists(), path


def test_a_hostile_title_reaches_the_report_link_only_url_encoded():
    from exchange.pages.page_links import page_help as help_for

    links = help_for(REPOSITORY, None, "x/", '<img src=x onerror=alert(1)> "&', "en", "", None)
    assert "<" not in links["report"] and '"' not in links["report"] and " " not in links["report"]
    assert parse_qs(urlsplit(links["report"]).query)["title"] == ['Problem with the page: <img src=x onerror=alert(1)> "&']


# ------------------------------------------------------------------ no e-mail route unless set


MAIL = re.compile(r"e-?mail|e-bost", re.IGNORECASE)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_share_and_contribute_pages_mention_no_email_route_unless_one_is_set(built_site, repository_site, language):
    prefix = "cy/" if language == "cy" else ""
    for relative in (PAGES[language], Path(f"{prefix}case-studies/contribute/index.html")):
        article = BeautifulSoup((built_site / relative).read_text(encoding="utf-8"), "html.parser").select_one("article")
        assert not MAIL.search(article.get_text(" ")), relative
        assert not article.select("a[href^='mailto:']")
    with_email = BeautifulSoup((repository_site / PAGES[language]).read_text(encoding="utf-8"), "html.parser")
    assert [a["href"] for a in with_email.select("[data-share-route='email'] a")] == [f"mailto:{EDITORS.replace('@', '%40')}"]


# ------------------------------------------------------------------ the form's last step, in Chromium


def finish_form(page, base_url: str, language: str, answers: dict | None = None) -> None:
    open_form(page, base_url, language)
    fill(page, answers or ANSWERS[language])
    submit(page)
    page.wait_for_selector("[data-share-output]:not([hidden])")


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "cy"])
def test_with_the_repository_the_form_ends_in_a_prefilled_issue(browser_page, repository_server, language):
    page = browser_page
    finish_form(page, repository_server, language)
    link = page.query_selector("[data-share-issue-link]")
    assert link.inner_text().strip() == translate("share.route.issue.link", language)
    address = urlsplit(link.get_attribute("href"))
    assert f"{address.scheme}://{address.netloc}{address.path}" == f"{REPOSITORY}/issues/new"
    query = {name: values[0] for name, values in parse_qs(address.query).items()}
    answers = ANSWERS[language]
    assert query["template"] == "case-study.yml"
    assert query["title"] == translate("share.route.issue.title", language, title=answers["title_en"])
    assert set(query) - {"template", "title"} <= FORM_IDS
    assert query["title_en"] == answers["title_en"] and query["summary"] == answers["summary_en"]
    assert query["organisation"] == answers["organisation_en"] and query["contact_role"] == answers["contact_role_en"]
    assert query["title_cy"] == answers["title_cy"] and query["summary_cy"] == answers["summary_cy"]
    assert query["text"] == answers["body_en"] and query["text_cy"] == answers["body_cy"]
    assert query["source_url"] == answers["source_url"] and query["published"] == answers["published"]
    assert query["organisation_type"].endswith(f"({CHOICES['organisation_type']})")
    assert query["local_authority"].endswith(f"({CHOICES['local_authority']})")
    assert query["region"].endswith("(eas)")
    assert query["language"] == ("Cymraeg (cy)" if language == "cy" else "English (en)")
    assert query["slug"] == page.input_value(control_id("slug"))
    # The options are the issue form's own, so GitHub can match them.
    options = {item["id"]: item["attributes"].get("options", []) for item in ISSUE_FORM["body"] if "id" in item}
    for name in ("organisation_type", "local_authority", "region", "language"):
        assert query[name] in options[name]
    assert page.is_hidden("[data-share-too-long]")
    # The files too, for editors with write access.
    assert page.query_selector("#x-share-output-en") and page.query_selector("#x-share-output-cy")
    assert translate("share.route.files.heading", language) in page.inner_text("[data-share-output]")
    assert page.errors == [] and page.external_requests == []


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "cy"])
def test_without_the_repository_the_form_says_how_to_send_the_files_and_links_nowhere_else(browser_page, site_server, language):
    page = browser_page
    finish_form(page, site_server, language)
    assert page.query_selector("[data-share-issue-link]") is None
    output = page.inner_text("[data-share-output]")
    assert translate("share.route.local.text", language).split(":")[0] in output
    assert "case_studies/" in page.inner_text("[data-share-steps]")
    hrefs = page.eval_on_selector_all("[data-share-output] a[href]", "links => links.map(link => link.href)")
    assert all(href.startswith(site_server) or href.startswith("blob:") for href in hrefs), hrefs
    assert not MAIL.search(output)
    assert page.errors == [] and page.external_requests == []


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_text_too_long_for_an_address_is_left_out_and_the_page_says_so(browser_page, repository_server, language):
    page = browser_page
    long_text = ("Each week the school's designated person met the pupil's foster carer. " * 150).strip()
    finish_form(page, repository_server, language, {**ANSWERS[language], "body_en": long_text})
    href = page.get_attribute("[data-share-issue-link]", "href")
    assert len(href) <= LONGEST_ADDRESS
    query = parse_qs(urlsplit(href).query)
    assert "text" not in query and query["text_cy"][0] == ANSWERS[language]["body_cy"]
    notice = page.inner_text("[data-share-too-long]")
    label = page.inner_text("label[for='x-share-body-en']").strip()
    assert page.is_visible("[data-share-too-long]") and label in notice
    assert notice.startswith(translate("share.route.issue.too_long", language).split(":")[0])
