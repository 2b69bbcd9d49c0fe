"""The "Share a case study" page: one schema for the form and the checker, the page without
JavaScript, and the form itself in headless Chromium, in English and in Welsh."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from exchange import PROJECT_ROOT
from exchange.content.case_studies import FIELDS, PLACEHOLDER, case_studies_dir, check_paths, check_value, form_schema, load_case_studies, load_case_study
from exchange.core.data_files import load_data
from exchange.core.frontmatter import parse_document
from exchange.content.markdown_safety import check_body
from exchange.core.strings import translate
from exchange.welsh.translations import revision_of
from exchange.content import html_safety
from tests.rule_fixtures import LIVE_CODE_BODIES
from tests.safety_scan import allow_list_problems

SCRIPT = PROJECT_ROOT / "docs" / "javascripts" / "share-case-study.js"
PAGES = {"en": Path("case-studies/share/index.html"), "cy": Path("cy/case-studies/share/index.html")}
CONTRIBUTE = {"en": Path("case-studies/contribute/index.html"), "cy": Path("cy/case-studies/contribute/index.html")}


def page_soup(site: Path, relative: Path) -> BeautifulSoup:
    return BeautifulSoup((site / relative).read_text(encoding="utf-8"), "html.parser")


# ------------------------------------------------------------------ one schema, written by the build


def test_the_build_writes_one_schema_from_the_checkers_field_spec(built_site):
    schema = json.loads((built_site / "case-studies" / "schema.json").read_text(encoding="utf-8"))
    assert schema == json.loads(json.dumps(form_schema(load_case_studies()[0])))
    assert set(schema["fields"]) == set(FIELDS)
    assert schema["fields"]["title"]["max_length"] == FIELDS["title"].max_length
    assert not (built_site / "cy" / "case-studies" / "schema.json").exists()


# Where an element may stand (HTML parsers move a <td> outside a table, as a browser does).
CONTEXT = {
    **dict.fromkeys(("td", "th"), "<table><tbody><tr>{}</tr></tbody></table>"), "tr": "<table><tbody>{}</tbody></table>",
    **dict.fromkeys(("thead", "tbody", "tfoot", "caption"), "<table>{}</table>"), "li": "<ul>{}</ul>",
    **dict.fromkeys(("dt", "dd"), "<dl>{}</dl>"), "summary": "<details>{}</details>", "figcaption": "<figure>{}</figure>",
}


CONTENT = {
    "table": "<tbody><tr><td>x</td></tr></tbody>", **dict.fromkeys(("thead", "tbody", "tfoot"), "<tr><td>x</td></tr>"), "tr": "<td>x</td>",
    **dict.fromkeys(("ul", "ol"), "<li>x</li>"), "dl": "<dt>x</dt>",
}


def test_the_form_reads_the_allow_list_the_build_sanitises_with(built_site):
    """The allow-list in schema.json is the one nh3 is given: every tag and attribute it lists
    passes the sanitiser as it is, and a scheme it does not list does not."""
    rules = json.loads((built_site / "case-studies" / "schema.json").read_text(encoding="utf-8"))["html"]
    assert rules == html_safety.rules()
    for tag in rules["tags"]:
        attributes = rules["generic_attributes"] + rules["attributes"].get(tag, [])
        written = " ".join(name + '="1"' for name in attributes if name not in rules["url_attributes"])
        element = f"<{tag} {written}>" if tag in ("br", "hr", "img") else f"<{tag} {written}>{CONTENT.get(tag, 'x')}</{tag}>"
        element = CONTEXT.get(tag, "{}").format(element)
        assert html_safety.findings(element)[0] == [], element
    for scheme in rules["url_schemes"]:
        assert html_safety.findings(f'<a href="{scheme}:x">x</a>')[0] == []
    assert html_safety.findings('<a href="ftp:x">x</a>')[0]


def test_both_pages_read_the_same_schema(built_site):
    for language, relative in PAGES.items():
        root = page_soup(built_site, relative).select_one("[data-share]")
        target = (built_site / relative.parent / root["data-schema"]).resolve()
        assert target == (built_site / "case-studies" / "schema.json").resolve(), language


def test_every_message_the_script_asks_for_exists_in_both_languages():
    keys = set(re.findall(r"""\bt\("(share\.[a-z_.]+)\"""", SCRIPT.read_text(encoding="utf-8")))
    assert len(keys) > 25
    strings = load_data("strings")
    assert sorted(key for key in keys if key not in strings) == []
    for key in keys:
        assert strings[key]["en"].strip() and strings[key]["cy"].strip()
        assert sorted(re.findall(r"\{\w+\}", strings[key]["en"])) == sorted(re.findall(r"\{\w+\}", strings[key]["cy"])), key


# ------------------------------------------------------------------ the page as built (without JavaScript)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_control_has_a_label_in_the_pages_language_and_hints_are_linked(built_site, language):
    document = page_soup(built_site, PAGES[language])
    form = document.select_one("form[data-share-form]")
    assert form.has_attr("hidden") and form.has_attr("novalidate")
    controls = form.select("input, select, textarea")
    vocabulary_data = load_data("vocabulary")
    assert len(controls) == 18 + len(vocabulary_data["themes"]) + len(vocabulary_data["audiences"])
    for control in controls:
        label = form.select_one(f'label[for="{control["id"]}"]')
        assert label is not None and label.get_text(strip=True), control["id"]
        for described in control.get("aria-describedby", "").split():
            assert document.find(id=described) is not None, described
    for group in ("themes", "audiences"):
        fieldset = form.select_one(f'fieldset[data-share-wrapper="{group}"]')
        assert fieldset.legend.get_text(strip=True) == translate(f"share.field.{group}.label", language)
        assert len(fieldset.select('input[type="checkbox"]')) == len(load_data("vocabulary")[group])
    assert form.select_one('label[for="x-share-title-en"]').get_text(strip=True) == translate("share.field.title.label", language)
    assert form.select_one("#x-share-title-en-hint").get_text(strip=True) == translate("share.field.title.hint", language)
    assert form.select_one("[data-error-summary] h2").get_text(strip=True) == translate("share.error.summary_title", language)
    assert all(form.select_one(f"#x-share-{name}")["lang"] == "cy" for name in ("title-cy", "summary-cy", "organisation-cy", "body-cy"))
    empty = [str(node)[:80] for node in document.select("[data-share] label, [data-share] legend, [data-share] .x-field__hint, [data-share] h2, [data-share] option, [data-share] button") if not node.get_text(strip=True)]
    assert empty == [], "a string is missing from exchange/data/strings.yml"


@pytest.mark.parametrize("language", ["en", "cy"])
def test_without_javascript_the_page_says_how_to_send_a_case_study(built_site, language):
    document = page_soup(built_site, PAGES[language])
    notice = document.select_one("[data-share-no-js]")
    assert not notice.has_attr("hidden")
    assert translate("share.no_js", language) in notice.get_text(" ", strip=True)
    assert "make new-case-study" in notice.get_text()
    link = notice.find("a")
    assert (built_site / PAGES[language].parent / link["href"] / "index.html").resolve() == (built_site / CONTRIBUTE[language]).resolve()


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_contribute_page_is_in_the_navigation_and_points_to_the_guide(built_site, language):
    document = page_soup(built_site, CONTRIBUTE[language])
    assert document.html["lang"] == language
    text = document.select_one("article").get_text(" ", strip=True)
    assert "CONTRIBUTING.md" in text and "make new-case-study" in text
    share_links = [a["href"] for a in document.select("article a") if a["href"].rstrip("/").endswith("share")]
    assert share_links
    nav_links = {a["href"] for a in page_soup(built_site, PAGES[language]).select("nav.md-nav a")}
    assert any(href.rstrip("/").endswith("contribute") for href in nav_links)


# ------------------------------------------------------------------ in the browser (marked `browser`)

ANSWERS = {
    "en": {
        "title_en": "Breakfast club check-ins for looked after pupils",
        "summary_en": "A primary school used its breakfast club for a daily check-in between looked after pupils and a trusted adult.",
        "organisation_en": "Example Primary School, Newport",
        "contact_role_en": "Designated person for looked after children",
        "published": "2021-03",
        "source_document": "School newsletter: \"Spring term\" 2021",
        "source_url": "https://example.org/newsletter-spring-2021",
        "body_en": "Every morning a trusted adult met each looked after pupil at the breakfast club.\n\n## What difference it made\n\n- Fewer difficult starts to the day\n- Teachers heard about worries earlier\n\nRead [the school's newsletter](https://example.org/newsletter-spring-2021).",
        "title_cy": "Sgyrsiau'r clwb brecwast gyda disgyblion sy'n derbyn gofal",
        "summary_cy": "Defnyddiodd ysgol gynradd ei chlwb brecwast ar gyfer sgwrs ddyddiol rhwng disgyblion sy'n derbyn gofal ac oedolyn y gallant ymddiried ynddo.",
        "organisation_cy": "Ysgol Gynradd Enghreifftiol, Casnewydd",
        "contact_role_cy": "Person dynodedig ar gyfer plant sy'n derbyn gofal",
        "body_cy": "Bob bore roedd oedolyn y gallai'r disgyblion ymddiried ynddo yn cwrdd â nhw yn y clwb brecwast.\n\n## Pa wahaniaeth a wnaeth\n\n- Llai o ddechreuadau anodd i'r diwrnod\n- Roedd athrawon yn clywed am bryderon yn gynt\n\nDarllenwch [gylchlythyr yr ysgol](https://example.org/newsletter-spring-2021).",
    },
}
ANSWERS["cy"] = {**ANSWERS["en"], "title_en": "Breakfast club check-ins: a second school", "title_cy": "Sgyrsiau'r clwb brecwast: ail ysgol"}
CHOICES = {"organisation_type": "school", "local_authority": "newport", "themes": ["participation", "learning-and-teaching"], "audiences": ["practitioners", "carers"]}


def control_id(name: str) -> str:
    return "#x-share-" + name.replace("_", "-")


def open_form(page, base_url: str, language: str) -> None:
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(base_url + str(PAGES[language].parent) + "/", wait_until="load")
    page.wait_for_selector("form[data-share-form]:not([hidden])", timeout=10_000)


def fill(page, answers: dict, choices: dict = CHOICES) -> None:
    for name, value in answers.items():
        page.fill(control_id(name), value)
    page.select_option(control_id("organisation_type"), choices["organisation_type"])
    page.select_option(control_id("local_authority"), choices["local_authority"])
    for group in ("themes", "audiences"):
        for box in page.query_selector_all(f'input[name="{group}"]'):
            box.set_checked(box.get_attribute("value") in choices[group])
    page.check(control_id("no_child_identified"))


def submit(page) -> None:
    page.click("button[type=submit]")


def fields_in_error(page) -> list[str]:
    return page.eval_on_selector_all(".x-field--error", "nodes => nodes.map(node => node.dataset.shareWrapper)")


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_filled_form_gives_files_that_the_checker_passes(browser_page, site_server, tmp_path, language):
    page = browser_page
    open_form(page, site_server, language)
    fill(page, ANSWERS[language])
    assert page.input_value(control_id("region")) == "eas", "the region follows the local authority"
    slug = page.input_value(control_id("slug"))
    assert slug == re.sub(r"[^a-z0-9]+", "-", ANSWERS[language]["title_en"].lower()).strip("-")
    submit(page)
    page.wait_for_selector("[data-share-output]:not([hidden])")
    assert fields_in_error(page) == []
    assert page.evaluate("document.activeElement.id") == "x-share-output-heading"
    english = page.input_value("#x-share-output-en")
    welsh = page.input_value("#x-share-output-cy")
    with page.expect_download() as download:
        page.click("[data-share-file='en.md'] a[download]")
    assert download.value.suggested_filename == "en.md"
    assert Path(download.value.path()).read_text(encoding="utf-8") == english

    folder = tmp_path / slug
    folder.mkdir()
    (folder / "en.md").write_text(english, encoding="utf-8")
    (folder / "cy.md").write_text(welsh, encoding="utf-8")
    assert check_paths([folder], case_studies_dir()) == []
    record, problems = load_case_study(folder)
    assert problems == []
    assert (record.organisation_type, record.local_authority, record.region) == ("school", "newport", "eas")
    assert record.themes == ["learning-and-teaching", "participation"] and record.audiences == ["practitioners", "carers"]
    assert record.published.isoformat() == "2021-03"
    assert record.source_document == ANSWERS[language]["source_document"]
    assert record.texts["cy"].title == ANSWERS[language]["title_cy"]
    assert record.texts["en"].contact_role == ANSWERS[language]["contact_role_en"]
    assert record.texts["en"].body.strip() == ANSWERS[language]["body_en"]
    assert parse_document(folder / "cy.md", welsh.encode())[0].meta["translated_from"] == revision_of(folder / "en.md")
    steps = page.inner_text("[data-share-steps]")
    assert f"case_studies/{slug}/" in steps
    assert page.errors == [] and page.external_requests == []


@pytest.mark.browser
def test_without_welsh_only_en_md_is_made_and_the_page_says_so(browser_page, site_server, tmp_path):
    page = browser_page
    open_form(page, site_server, "en")
    fill(page, {key: value for key, value in ANSWERS["en"].items() if not key.endswith("_cy")})
    submit(page)
    page.wait_for_selector("[data-share-output]:not([hidden])")
    assert page.query_selector("#x-share-output-cy") is None
    assert page.is_visible("[data-share-welsh-missing]")
    folder = tmp_path / "breakfast-club"
    folder.mkdir()
    (folder / "en.md").write_text(page.input_value("#x-share-output-en"), encoding="utf-8")
    assert check_paths([folder], case_studies_dir()) == []


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "cy"])
def test_submitting_an_empty_form_shows_the_error_summary_linked_to_the_fields(browser_page, site_server, language):
    page = browser_page
    open_form(page, site_server, language)
    title = page.title()
    submit(page)
    summary = page.locator("[data-error-summary]")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert page.title() == f"{translate('share.error.prefix', language)} {title}"
    assert summary.locator("h2").inner_text() == translate("share.error.summary_title", language)
    required = ["title_en", "summary_en", "organisation_en", "organisation_type", "local_authority", "region", "themes",
                "audiences", "published", "source_document", "source_url", "body_en", "slug", "no_child_identified"]
    assert fields_in_error(page) == required
    links = summary.locator("a")
    assert links.count() == len(required)
    first = links.nth(0)
    assert first.get_attribute("href") == "#x-share-title-en"
    assert first.inner_text() == f"{translate('share.field.title.label', language)}: {translate('share.error.required', language)}"
    assert links.nth(6).get_attribute("href") == "#x-share-themes-leadership"
    error = page.locator("#x-share-title-en-error")
    assert error.inner_text().endswith(translate("share.error.required", language))
    assert page.get_attribute(control_id("title_en"), "aria-invalid") == "true"
    assert page.get_attribute(control_id("title_en"), "aria-describedby") == "x-share-title-en-hint x-share-title-en-error"
    assert page.get_attribute("#x-share-themes", "aria-describedby") == "x-share-themes-hint x-share-themes-error"
    links.nth(8).click()
    assert page.evaluate("document.activeElement.id") == "x-share-published"
    assert page.is_hidden("[data-share-output]")
    assert page.errors == [] and page.external_requests == []


@pytest.mark.browser
def test_fixing_the_errors_clears_them(browser_page, site_server):
    page = browser_page
    open_form(page, site_server, "en")
    submit(page)
    assert fields_in_error(page)
    fill(page, ANSWERS["en"])
    submit(page)
    page.wait_for_selector("[data-share-output]:not([hidden])")
    assert fields_in_error(page) == []
    assert page.is_hidden("[data-error-summary]")
    assert page.get_attribute(control_id("title_en"), "aria-invalid") is None
    assert page.get_attribute(control_id("title_en"), "aria-describedby") == "x-share-title-en-hint"
    assert not page.title().startswith("Error")


EXISTING = load_case_studies()[0][0]
FIELD_CASES = [
    # (form control, value typed, the checker's field and value, or None when the rule is the form's own)
    ("title_en", "A <b>bold</b> claim", ("title", "A <b>bold</b> claim")),
    ("title_en", "x" * 121, ("title", "x" * 121)),
    ("title_en", "TODO: a title", ("title", "TODO: a title")),
    ("title_en", EXISTING.texts["en"].title, None),
    ("summary_en", "y" * 401, ("summary", "y" * 401)),
    ("organisation_en", "<script>alert(1)</script>", ("organisation", "<script>alert(1)</script>")),
    ("published", "2099-01-01", ("published", "2099-01-01")),
    ("published", "2019-13", ("published", "2019-13")),
    ("published", "2017-02-30", ("published", "2017-02-30")),
    ("published", "May 2019", ("published", "May 2019")),
    ("source_url", "gov.wales/guide", ("source", {"document": "x", "url": "gov.wales/guide"})),
    ("source_url", 'https://example.org/"onmouseover="alert(1)', ("source", {"document": "x", "url": 'https://example.org/"onmouseover="alert(1)'})),
    ("slug", "Not A Slug", None),
    ("slug", EXISTING.slug, None),
    ("slug", "share", None),
    ("title_cy", "", None),  # the Welsh version is started (summary and text filled) but has no title
]


@pytest.mark.browser
def test_the_form_refuses_what_the_checker_refuses(browser_page, site_server):
    page = browser_page
    open_form(page, site_server, "en")
    for control, value, checker in FIELD_CASES:
        if checker is not None:
            assert check_value(*checker), f"the checker should refuse {checker}"
        fill(page, {**ANSWERS["en"], "slug": "breakfast-club-check-ins"})
        page.fill(control_id(control), value)
        submit(page)
        assert control in fields_in_error(page), f"the form accepted {control}={value!r}"
        assert fields_in_error(page) == [control], fields_in_error(page)
    fill(page, {**ANSWERS["en"], "slug": "breakfast-club-check-ins"})
    page.select_option(control_id("region"), "erw")  # Newport was in EAS
    submit(page)
    assert fields_in_error(page) == ["region"]
    assert translate("share.error.region", "en", region="Education Achievement Service for South East Wales (EAS)") in page.inner_text("#x-share-region-error")


BODIES = [
    *LIVE_CODE_BODIES,
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    # tricks the allow-list refuses wherever they are (issue 13)
    '<a href="java\nscript:alert(1)">Read the report</a>',
    '<a href="java&#10;script:alert(1)">Darllen</a>',
    "[x](<javascript:alert(1)>)",
    "<javascript:alert(1)>",
    '<font color="red">Red</font>',
    '<span style="color: red">Red</span>',
    '[A guide](https://gov.wales/guide){: target="_blank" }',
    "Text\n{: #__config }",
    '<p id="__drawer">Text</p>',
    "Write to <someone@example.org> or see <https://gov.wales/guide>.",
    "[Ask us](mailto:someone@example.org) or [ring](tel:+440000000000).",
    "# A second title",
    "A second title\n==============",
    "![](room.png)",
    "![image](room.png)",
    "![The school hall](https://example.org/hall.jpg)",
    "![The school hall](../other/hall.jpg)",
    "![The report](report.pdf)",
    "![][hall]\n\n[hall]: https://example.org/hall.jpg",
    "TODO: write this",
    # ordinary writing, which both must accept
    "## Making better use of data: what we did\n\nThe school used data: attendance and progress.",
    "Children aged <5 took part. Carry on = keep going.",
    "[The guide](https://gov.wales/guide) says what to do.",
    "A table:\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    '!!! note "A note"\n    Admonitions are fine.',
    "![The school hall](hall.jpg)",
]


def python_body_problems(tmp_path: Path, body: str) -> list[int]:
    """The lines (counted from the first line of the text) the checker refuses; the pictures
    hall.jpg and room.png exist (the form cannot see files, and says which to add)."""
    (tmp_path / "hall.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / "room.png").write_bytes(b"\x89PNG")
    document, _ = parse_document(tmp_path / "en.md", f"---\ntitle: x\n---\n{body}\n".encode())
    lines = {problem.line - document.body_line + 1 for problem in check_body(document)}
    lines |= {index + 1 for index, line in enumerate(body.splitlines()) if PLACEHOLDER.search(line)}  # check_document's rule
    # The build's allow-list on the rendered page (exchange/content/html_safety.py).
    (tmp_path / "en.md").write_text(f"---\ntitle: x\n---\n{body}\n", encoding="utf-8")
    lines |= {problem.line - document.body_line + 1 for problem in allow_list_problems(tmp_path / "en.md")}
    return sorted(lines)


@pytest.mark.browser
def test_the_form_checks_the_text_exactly_as_the_checker_does(browser_page, site_server, tmp_path):
    page = browser_page
    open_form(page, site_server, "en")
    for body in BODIES:
        fill(page, {**ANSWERS["en"], "body_en": body})
        submit(page)
        expected = python_body_problems(tmp_path, body)
        shown = page.inner_text("#x-share-body-en-error") if "body_en" in fields_in_error(page) else ""
        lines = sorted({int(number) for number in re.findall(r"Line (\d+):", shown)})
        assert lines == expected, f"{body!r}: the checker refuses lines {expected}, the form {lines} ({shown})"
    assert page.errors == []


@pytest.mark.browser
def test_the_slug_follows_the_title_until_the_editor_changes_it(browser_page, site_server):
    page = browser_page
    open_form(page, site_server, "cy")
    page.fill(control_id("title_en"), "Gŵyl Ddysgu: Café mornings!")
    assert page.input_value(control_id("slug")) == "gwyl-ddysgu-cafe-mornings"
    page.fill(control_id("slug"), "my-own-name")
    page.fill(control_id("title_en"), "Something else")
    assert page.input_value(control_id("slug")) == "my-own-name"


@pytest.mark.browser
def test_the_copy_button_copies_the_file(browser, site_server):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server.rstrip("/"))
    page = context.new_page()
    try:
        open_form(page, site_server, "cy")
        fill(page, ANSWERS["cy"])
        submit(page)
        page.click("[data-share-file='cy.md'] button")
        page.wait_for_function("() => document.querySelector(\"[data-share-file='cy.md'] [role=status]\").textContent !== ''")  # a function: the page's policy refuses eval
        assert page.inner_text("[data-share-file='cy.md'] [role=status]") == translate("share.output.copied", "cy", name="cy.md")
        assert page.evaluate("navigator.clipboard.readText()") == page.input_value("#x-share-output-cy")
    finally:
        context.close()


@pytest.mark.browser
def test_the_form_works_with_the_keyboard_alone(browser_page, site_server):
    page = browser_page
    open_form(page, site_server, "en")
    expected = page.eval_on_selector_all(
        "form[data-share-form] input, form[data-share-form] select, form[data-share-form] textarea, form[data-share-form] button",
        "nodes => nodes.map(node => node.id || node.type)",
    )
    page.focus(control_id("title_en"))
    visited = [page.evaluate("document.activeElement.id")]
    for _ in range(len(expected) - 1):
        page.keyboard.press("Tab")
        visited.append(page.evaluate("document.activeElement.id || document.activeElement.type"))
    assert visited == expected
    page.focus(control_id("themes") + "-data")
    page.keyboard.press("Space")
    assert page.is_checked(control_id("themes") + "-data")
    page.focus("button[type=submit]")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "x-share-title-en"


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "cy"])
def test_without_javascript_the_form_is_hidden_and_the_other_ways_are_shown(browser, site_server, language):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_server + str(PAGES[language].parent) + "/")
        assert page.is_visible("[data-share-no-js]")
        assert page.is_hidden("form[data-share-form]")
        assert page.is_visible("[data-share-no-js] code")
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "cy"])
def test_axe_finds_no_violation_before_and_after_checking(browser_page, site_server, language):
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}, "resultTypes": ["violations"]}

    def violations() -> list[str]:
        found = Axe().run(browser_page, context={"include": [["[data-share]"]]}, options=options).response["violations"]
        return [f"{item['id']}: {item['help']} ({', '.join(' '.join(node['target']) for node in item['nodes'][:3])})" for item in found]

    open_form(browser_page, site_server, language)
    assert violations() == []
    submit(browser_page)
    assert violations() == []
    fill(browser_page, ANSWERS[language])
    submit(browser_page)
    browser_page.wait_for_selector("[data-share-output]:not([hidden])")
    assert violations() == []
