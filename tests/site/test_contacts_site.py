"""The built contact pages in English and Welsh, the CSV download and the vCards.

Builds the real site once (without strict mode, so that another page's warning cannot hide
these results; the contact list's own problems are asserted on the build's output).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from exchange import PROJECT_ROOT
from exchange.content.contacts import load_contacts
from exchange.core.data_files import load_data
from exchange.welsh.order import sort_key

AUTHORITIES = {key: value for key, value in load_data("vocabulary")["local_authorities"].items() if key != "wales"}


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    """The session's strict build: it passing means no contact-list problem was logged."""
    return built_site


def page(site: Path, relative: str) -> BeautifulSoup:
    return BeautifulSoup((site / relative).read_text(encoding="utf-8"), "html.parser")


ENGLISH = "contacts/index.html"
WELSH = "cy/contacts/index.html"


@pytest.mark.parametrize("relative, language", [(ENGLISH, "en"), (WELSH, "cy")])
def test_all_22_local_authorities_appear_under_their_names_in_the_pages_language(site, relative, language):
    document = page(site, relative)
    assert document.html["lang"] == language
    for key, names in AUTHORITIES.items():
        section = document.find(id=key)
        assert section is not None and section.name == "h3", key
        assert section.get_text(strip=True) == names[language]
        other = "cy" if language == "en" else "en"
        other_name = section.find_parent("section").find("dd", attrs={"lang": other})
        assert other_name.get_text(strip=True) == names[other]
        rows = document.select(f'tr[data-row][data-authority="{key}"]')
        assert len(rows) == 2 and {row["data-role"] for row in rows} == {"lace-coordinator", "pdg-lead"}
        assert rows[0].th.get_text(strip=True) == names[language]


def test_the_welsh_page_lists_local_authorities_in_welsh_alphabetical_order(site):
    welsh = [link.get_text(strip=True) for link in page(site, WELSH).select(".x-contacts-az a")]
    english = [link.get_text(strip=True) for link in page(site, ENGLISH).select(".x-contacts-az a")]
    assert welsh == sorted(welsh, key=lambda name: sort_key(name, "cy")) and len(welsh) == 22
    assert welsh[:3] == ["Abertawe", "Blaenau Gwent", "Bro Morgannwg"] and welsh[-1] == "Ynys Môn"
    assert english[0] == "Blaenau Gwent" and english[-1] == "Wrexham"
    sections = [heading.get_text(strip=True) for heading in page(site, WELSH).select(".x-contacts-authority h3")]
    assert sections == welsh
    options = [option.get_text(strip=True) for option in page(site, WELSH).select("#x-contacts-authority option")][1:]
    assert options == welsh


def test_the_welsh_pages_never_say_pdg(site):
    for relative in (WELSH, "cy/contacts/partners/index.html"):
        article = page(site, relative).find("article")
        assert not re.search(r"\bPDG\b", article.get_text()), relative


@pytest.mark.parametrize("relative, status, checked, report", [
    (ENGLISH, "Details not yet confirmed", "Last checked", "Report a change"),
    (WELSH, "Manylion heb eu cadarnhau eto", "Gwiriwyd ddiwethaf", "Rhoi gwybod am newid"),
])
def test_each_entry_shows_its_status_when_it_was_checked_and_a_report_link(site, relative, status, checked, report):
    document = page(site, relative)
    entries = document.select(".x-contacts-authority .x-contact")
    # 22 LACE positions, and the grant lead shown with each local authority in a running consortium
    assert len(entries) >= 22
    for entry in entries:
        assert status in entry.get_text()
        time = entry.find("time")
        assert re.match(r"^\d{4}-\d{2}-\d{2}$", time["datetime"])
        assert checked in entry.select_one(".x-contact__meta").get_text()
        link = entry.select_one(".x-contact__report a")
        assert link.get_text(" ", strip=True).startswith(report)
        assert link["href"].endswith("about/#contact-us")
        assert entry.select_one(".x-contact__report q").get_text(strip=True)  # the text to quote
    for row in document.select("tr[data-row]"):
        assert row.select_one(".x-contact__report a").get_text(" ", strip=True).startswith(report)


def test_the_table_works_without_javascript(site):
    document = page(site, ENGLISH)
    table = document.select_one("table[data-contacts-table]")
    assert table.caption.get_text(strip=True)
    groups = table.select("tbody[data-group]")
    assert [group["data-group"] for group in groups] == ["erw", "csc", "eas", "gwe"]
    for group in groups:
        header = group.select_one("tr[data-group-header] th")
        assert header["scope"] == "rowgroup" and header["id"] == f"region-{group['data-group']}"
    # the links above the table reach every region and every local authority
    for link in document.select(".x-contacts-jump a[href^='#']"):
        assert document.find(id=link["href"][1:]) is not None, link["href"]
    assert len(document.select(".x-contacts-jump a[href^='#region-']")) == 4
    # the JavaScript-only filter is hidden until the script shows it; its selects are labelled
    form = document.select_one("form[data-contacts-filter]")
    assert form.has_attr("hidden")
    for select in form.select("select"):
        assert document.select_one(f'label[for="{select["id"]}"]') is not None
    assert form.select_one('[role="status"]') is not None
    assert [th["data-sort"] for th in table.select("thead th[data-sort]")] == ["authority", "region", "role", "verified"]
    assert document.find("script", src=re.compile(r"javascripts/contacts-table\.js$")) is not None


def test_the_csv_download_parses_and_matches_the_data(site):
    data, _ = load_contacts()
    path = site / "contacts" / "contacts.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(data.contacts)
    lace = {row["organisation_id"]: row for row in rows if row["role"] == "lace-coordinator"}
    assert set(lace) == set(AUTHORITIES)
    for key, names in AUTHORITIES.items():
        assert (lace[key]["organisation_name_en"], lace[key]["organisation_name_cy"]) == (names["en"], names["cy"])
        assert lace[key]["status"] == "to-be-confirmed" and lace[key]["email"] == "" and lace[key]["phone"] == ""
    for relative in (ENGLISH, WELSH):
        link = page(site, relative).select_one(".x-contacts-downloads a[download]")
        target = (site / relative).parent / link["href"]
        assert target.resolve() == path.resolve()


def test_no_vcard_is_published_for_a_position_still_to_be_confirmed(site):
    assert list(site.rglob("*.vcf")) == []
    assert page(site, ENGLISH).select('a[href$=".vcf"]') == []


def test_the_partners_page_in_both_languages(site):
    data, _ = load_contacts()
    for relative, language in (("contacts/partners/index.html", "en"), ("cy/contacts/partners/index.html", "cy")):
        document = page(site, relative)
        headings = [heading.get_text(strip=True) for heading in document.select(".x-contacts-org h3")]
        expected = [organisation.name[language] for organisation in data.organisations.values() if organisation.type != "local-authority"]
        assert sorted(headings) == sorted(expected)
        partners = [heading.get_text(strip=True) for heading in document.select('section[aria-labelledby="x-partners-heading"] h3')]
        assert partners == sorted(partners, key=lambda name: sort_key(name, language))
        assert document.select_one('a[href="mailto:LACstrategy@gov.wales"]') is not None
        assert document.select_one('a[href="https://www.cscjes.org.uk"]') is not None
    welsh = page(site, "cy/contacts/partners/index.html").get_text()
    assert "Llywodraeth Cymru" in welsh and "Lleisiau o Ofal Cymru" in welsh and "31 Awst 2021" in welsh


def test_the_contact_pages_are_in_the_navigation_in_both_languages(site):
    assert page(site, "index.html").select_one('nav a[href$="contacts/"]') is not None
    assert page(site, "cy/index.html").select_one('nav a[href$="contacts/"]') is not None


def test_the_build_hook_reports_errors_as_warnings_and_old_entries_as_information(tmp_path, monkeypatch, caplog):
    """The strict build fails on any WARNING: so each checker error is one, a checker warning is not."""
    import datetime as dt
    import logging
    import shutil
    from types import SimpleNamespace

    from exchange.content import contacts as model
    from exchange.hooks import contacts as hook

    folder = tmp_path / "contacts"
    shutil.copytree(PROJECT_ROOT / "tests" / "fixtures" / "contacts" / "valid", folder)
    for copy in folder.glob("*.yml"):
        copy.write_text(copy.read_text(encoding="utf-8").replace("../../../../contacts/schema.json", str(PROJECT_ROOT / "contacts" / "schema.json")), encoding="utf-8")
    path = folder / "contacts.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("email: lace@swansea.example.org", "email: lace@", 1)   # an error
    text = text.replace("verified: 2026-08-20", "verified: 2025-01-01", 1)      # more than 12 months: a warning
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(hook, "load_contacts", lambda today: model.load_contacts(folder, dt.date(2026, 11, 23)))
    config = SimpleNamespace(theme={"language": "en"}, extra={})
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.exchange.contacts"):
        assert hook.on_files(["a file"], config) == ["a file"]
    warnings = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    infos = [record.getMessage() for record in caplog.records if record.levelno == logging.INFO]
    assert len(warnings) == 1 and re.match(r"^contact list problem: .*contacts\.yml:\d+: email 'lace@' is not a valid email address", warnings[0])
    assert len(infos) == 1 and "more than 12 months ago" in infos[0]
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.exchange.contacts"):
        hook.on_files([], SimpleNamespace(theme={"language": "cy"}, extra={}))  # the Welsh run reports nothing again
    assert caplog.records == []
