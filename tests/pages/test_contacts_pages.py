"""What the contact pages, the CSV download and the vCards show, from fixture data.

Fixture data is fiction: phone numbers from Ofcom's drama range (029 2018 0xxx) and email
addresses at example.org. "Today" is fixed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import urllib.parse

import pytest
import vobject

from exchange import PROJECT_ROOT
from exchange.pages import contact_pages as pages
from exchange.content.contacts import load_contacts
from exchange.welsh.order import sort_key

VALID = PROJECT_ROOT / "tests" / "fixtures" / "contacts" / "valid"
TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def data():
    records, problems = load_contacts(VALID, TODAY)
    assert problems == []
    return records


def settings(language: str, template: str | None = None) -> pages.ViewSettings:
    return pages.ViewSettings(language, TODAY, template)


# ---------------------------------------------------------------- Welsh alphabetical order


def test_welsh_order_treats_digraphs_as_single_letters():
    names = [{"name": name} for name in ["Lyons", "Llanelli", "Chwilog", "Cydweli", "Rhyl", "Ruthin", "Ffestiniog", "Fishguard"]]
    assert [item["name"] for item in pages.ordered(names, "cy")] == ["Cydweli", "Chwilog", "Fishguard", "Ffestiniog", "Lyons", "Llanelli", "Ruthin", "Rhyl"]
    assert [item["name"] for item in pages.ordered(names, "en")] == ["Chwilog", "Cydweli", "Ffestiniog", "Fishguard", "Llanelli", "Lyons", "Rhyl", "Ruthin"]


def test_the_partners_page_sorts_welsh_names_in_welsh_order(data):
    welsh = [item["name"] for item in pages.partners_view(data, settings("cy"))["partners"]]
    assert welsh == ["Cyngor Enghraifft", "Chwarae Enghraifft", "Lyn Enghraifft", "Llais Enghraifft"]
    english = [item["name"] for item in pages.partners_view(data, settings("en"))["partners"]]
    assert english == ["Alpha Example Trust", "Beta Example Network", "Delta Example Council", "Gamma Example Forum"]


def test_local_authorities_are_listed_under_their_names_in_each_language_and_its_order(data):
    welsh = [item["name"] for item in pages.national_view(data, settings("cy"))["authorities"]]
    english = [item["name"] for item in pages.national_view(data, settings("en"))["authorities"]]
    assert len(welsh) == len(english) == 22
    assert welsh == sorted(welsh, key=lambda name: sort_key(name, "cy"))
    assert (welsh[0], welsh[-1]) == ("Abertawe", "Ynys Môn")
    assert (english[0], english[-1]) == ("Blaenau Gwent", "Wrexham")
    assert "Caerdydd" in welsh and "Cardiff" not in welsh and "Cardiff" in english


def test_the_table_sort_ranks_follow_the_readers_alphabet(data):
    view = pages.national_view(data, settings("cy"))
    rows = [row for region in view["regions"] for row in region["rows"]]
    by_rank = sorted({row["sort"]["authority"]: row["authority_name"] for row in rows}.items())
    names = [name for _, name in by_rank]
    assert names == sorted(names, key=lambda name: sort_key(name, "cy")) and names[0] == "Abertawe"


# ---------------------------------------------------------------- the national list


def test_every_local_authority_has_two_rows_grouped_by_its_region(data):
    view = pages.national_view(data, settings("en"))
    assert view["row_count"] == 44
    assert [region["id"] for region in view["regions"]] == ["erw", "csc", "eas", "gwe"]
    for region in view["regions"]:
        assert {row["region"] for row in region["rows"]} == {region["id"]}
    assert view["confirmed_count"] == 4


def test_confirmed_details_and_positions_to_be_confirmed(data):
    authorities = {item["id"]: item for item in pages.national_view(data, settings("en"))["authorities"]}
    cardiff = authorities["cardiff"]["lace"]
    assert cardiff["confirmed"] and cardiff["name"] == "Alex Example" and cardiff["phone_href"] == "tel:+442920180123"
    assert cardiff["vcard_url"] == "contacts/vcards/cardiff-lace-coordinator.vcf"
    assert cardiff["verified_text"] == "1 October 2026" and cardiff["verified_iso"] == "2026-10-01"
    torfaen = authorities["torfaen"]["lace"]
    assert not torfaen["confirmed"] and torfaen["status_label"] == "Details not yet confirmed"
    assert torfaen["name"] is None and torfaen["email"] is None and torfaen["vcard_url"] is None
    welsh = {item["id"]: item for item in pages.national_view(data, settings("cy"))["authorities"]}
    assert welsh["torfaen"]["lace"]["status_label"] == "Manylion heb eu cadarnhau eto"
    assert welsh["torfaen"]["lace"]["verified_text"] == "1 Tachwedd 2026"


def test_who_leads_on_the_grant_for_each_local_authority(data):
    authorities = {item["id"]: item for item in pages.national_view(data, settings("en"))["authorities"]}
    assert authorities["bridgend"]["grant"]["kind"] == "own"
    cardiff = authorities["cardiff"]["grant"]
    assert cardiff["kind"] == "consortium" and cardiff["entry"]["organisation_id"] == "csc"
    assert cardiff["text"] == "Central South Consortium leads on the grant for this area."
    gwynedd = authorities["gwynedd"]["grant"]
    assert gwynedd["kind"] == "unknown" and gwynedd["entry"] is None
    assert gwynedd["text"] == "Our sources do not say who has led on the grant here since GwE (North Wales) closed (31 May 2025)."
    neath = authorities["neath-port-talbot"]["grant"]
    assert neath["text"].endswith("since the council left ERW (Education through Regional Working) (31 March 2020).")
    welsh = {item["id"]: item for item in pages.national_view(data, settings("cy"))["authorities"]}
    assert welsh["gwynedd"]["grant"]["text"] == "Nid yw ein ffynonellau'n dweud pwy sydd wedi arwain ar y grant yma ers i GwE (Gogledd Cymru) gau (31 Mai 2025)."


def test_a_grant_lead_during_a_live_membership_is_the_consortiums_until_the_membership_ends(data):
    before = pages.ViewSettings("en", dt.date(2025, 5, 31))
    after = pages.ViewSettings("en", dt.date(2025, 6, 1))
    gwynedd = data.organisations["gwynedd"]
    assert gwynedd.consortium_on(before.today).consortium == "gwe"
    assert gwynedd.consortium_on(after.today) is None


def test_membership_periods_in_both_languages(data):
    authorities = {item["id"]: item for item in pages.national_view(data, settings("en"))["authorities"]}
    assert authorities["ceredigion"]["memberships"][0]["period"] == "from 2017 or earlier to March 2021"
    assert authorities["cardiff"]["memberships"][0]["period"] == "from 2017 or earlier"
    welsh = {item["id"]: item for item in pages.national_view(data, settings("cy"))["authorities"]}
    assert welsh["powys"]["memberships"][0]["period"] == "o 2017 neu'n gynharach hyd at 31 Awst 2021"
    assert welsh["powys"]["other_name"] == "Powys" and welsh["cardiff"]["other_name"] == "Cardiff"


def test_the_partners_page_shows_consortia_with_their_members_now_and_before(data):
    view = pages.partners_view(data, settings("en"))
    consortia = {item["id"]: item for item in view["consortia"]}
    assert [m["name"] for m in consortia["csc"]["members_now"]] == ["Bridgend", "Cardiff", "Merthyr Tydfil", "Rhondda Cynon Taf", "Vale of Glamorgan"]
    assert consortia["gwe"]["members_now"] == [] and len(consortia["gwe"]["members_past"]) == 6
    assert consortia["gwe"]["ended"] and not consortia["csc"]["ended"]
    assert consortia["erw"]["period"] == "from 2017 or earlier to 31 August 2021"
    alpha = next(item for item in view["partners"] if item["id"] == "alpha-example")
    assert alpha["route"]["email"] == "enquiries@example.org" and alpha["route"]["note"] == "General enquiries"
    assert alpha["route"]["phone_href"] == "tel:+442920180001"


# ---------------------------------------------------------------- report a change


def test_report_a_change_goes_to_the_about_page_when_no_address_is_set(data):
    entry = pages.national_view(data, settings("cy"))["authorities"][0]["lace"]  # Abertawe
    report = entry["report"]
    assert report == {
        "href": "cy/about/#contact-us",
        "subject": "Newid i'r rhestr gysylltiadau: Cydgysylltydd Addysg Plant sy'n Derbyn Gofal – Abertawe",
        "configured": False,
    }


def test_report_a_change_fills_in_a_configured_issue_address(data):
    template = "https://forge.example.org/exchange/issues/new?title={subject}&body={body}"
    entry = next(item for item in pages.national_view(data, settings("en", template))["authorities"] if item["id"] == "cardiff")["lace"]
    href = entry["report"]["href"]
    assert entry["report"]["configured"]
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(href).query)
    assert query["title"] == ["Contact list change: LACE coordinator – Cardiff"]
    assert "Last checked: 1 October 2026" in query["body"][0]


@pytest.mark.parametrize("template, fragment", [
    ("https://forge.example.org/new?title={title}", "unknown placeholders title"),
    ("https://forge.example.org/new", "no {subject} placeholder"),
    ("https://forge.example.org/new?title={subject", "not a valid template"),
])
def test_a_bad_report_address_template_is_reported(template, fragment):
    assert fragment in pages.check_report_template(template)


def test_a_mailto_template_is_accepted():
    assert pages.check_report_template("mailto:editors@example.org?subject={subject}&body={body}") is None


# ---------------------------------------------------------------- the CSV


def test_the_csv_parses_and_matches_the_data(data):
    text = pages.csv_text(data, TODAY)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert len(rows) == len(data.contacts) == 25
    assert list(rows[0]) == pages.CSV_COLUMNS
    by_key = {(row["organisation_id"], row["role"]): row for row in rows}
    for contact in data.contacts:
        row = by_key[(contact.organisation, contact.role)]
        organisation = data.organisations[contact.organisation]
        assert row["organisation_name_en"] == organisation.name["en"]
        assert row["organisation_name_cy"] == organisation.name["cy"]
        assert row["status"] == contact.status
        assert row["email"] == (contact.email or "") and row["phone"] == (contact.phone or "") and row["name"] == (contact.name or "")
        assert row["verified"] == contact.verified.isoformat()
    cardiff = by_key[("cardiff", "lace-coordinator")]
    assert cardiff["welsh_speaking"] == "yes" and cardiff["role_cy"] == "Cydgysylltydd Addysg Plant sy'n Derbyn Gofal"
    assert by_key[("torfaen", "lace-coordinator")]["welsh_speaking"] == ""
    assert by_key[("csc", "pdg-lead")]["local_authorities"].split(";") == ["bridgend", "vale-of-glamorgan", "cardiff", "rhondda-cynon-taf", "merthyr-tydfil"]
    assert by_key[("csc", "pdg-lead")]["name"] == "Morgan Example, Jr; Lead"  # a comma survives quoting


# ---------------------------------------------------------------- vCards


def test_a_confirmed_contact_gets_a_vcard_that_parses(data):
    contact = data.contact("cardiff", "lace-coordinator")
    card = vobject.readOne(pages.vcard_text(contact, data, "en"))
    assert card.fn.value == "Alex Example"
    assert card.org.value == ["Cardiff"]
    assert card.title.value == "LACE coordinator"
    assert card.email.value == "lace.coordinator@cardiff.example.org"
    assert card.tel.value == "+442920180123"
    assert "Can help in Welsh" in card.note.value


def test_the_welsh_vcard_names_the_role_in_welsh_and_folds_long_lines(data):
    contact = data.contact("csc", "pdg-lead")
    text = pages.vcard_text(contact, data, "cy")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    card = vobject.readOne(text)
    assert card.title.value == "Cydgysylltydd arweiniol, Grant Datblygu Disgyblion ar gyfer plant sy'n derbyn gofal"
    assert card.fn.value == "Morgan Example, Jr; Lead"  # commas and semicolons escaped, then read back
    assert card.org.value == ["Consortiwm Canolbarth y De"]
    assert "Yn gallu helpu yn Gymraeg" in card.note.value


def test_a_vcard_without_a_name_is_named_after_the_role(data):
    contact = data.contact("bridgend", "pdg-lead")
    card = vobject.readOne(pages.vcard_text(contact, data, "en"))
    assert card.fn.value == "Lead coordinator, Pupil Development Grant for looked after children – Bridgend"
    assert card.tel.value == "+442920180789" and not hasattr(card, "email")


def test_only_confirmed_contacts_get_a_vcard(data):
    with pytest.raises(ValueError):
        pages.vcard_text(data.contact("torfaen", "lace-coordinator"), data, "en")
    files = pages.download_files(data, "cy", TODAY)
    vcards = sorted(path for path in files if path.endswith(".vcf"))
    assert vcards == [
        "cy/contacts/vcards/bridgend-pdg-lead.vcf",
        "cy/contacts/vcards/cardiff-lace-coordinator.vcf",
        "cy/contacts/vcards/csc-pdg-lead.vcf",
        "cy/contacts/vcards/swansea-lace-coordinator.vcf",
    ]
    assert "contacts/contacts.csv" in files
