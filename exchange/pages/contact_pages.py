"""Turning the contact list into what the pages, the CSV download and the vCards show.

Everything here is plain data for the Jinja templates (overrides/contacts*.html) or plain
text files: no HTML. Names are in the reader's language and sorted in its alphabetical
order (Welsh: ch, dd, ff, ng, ll, ph, rh, th are single letters, see exchange.welsh).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import string
import urllib.parse
from dataclasses import dataclass

from exchange import LANGUAGES
from exchange.pages.case_study_pages import display_date
from exchange.content.contacts import (
    CONFIRMED,
    CONSORTIUM,
    LACE,
    LOCAL_AUTHORITY,
    NATIONAL_BODY,
    PDG_LEAD,
    ROLES,
    Contact,
    ContactList,
    Organisation,
    Period,
    first_day,
    phone_e164,
    verification_age,
)
from exchange.content.case_studies import PartialDate
from exchange.core.site import language_home
from exchange.core.strings import translate
from exchange.core.vocabulary import identifiers, label
from exchange.welsh.order import name_sort_key, sort_key

SECTION = "contacts"
CSV_PATH = "contacts/contacts.csv"  # one file for both languages: it has English and Welsh columns
REPORT_FALLBACK = "about/#contact-us"
REPORT_FIELDS = {"subject", "body"}
CSV_COLUMNS = [
    "organisation_id", "organisation_name_en", "organisation_name_cy", "organisation_type",
    "region", "local_authorities", "role", "role_en", "role_cy", "status",
    "name", "email", "phone", "welsh_speaking", "verified",
    "source_en", "source_cy", "source_url", "organisation_website", "organisation_email",
]


# ---------------------------------------------------------------- small helpers


def page_url(language: str) -> str:
    return f"{language_home(language)}{SECTION}/"


def partners_url(language: str) -> str:
    return f"{language_home(language)}{SECTION}/partners/"


def vcard_path(contact: Contact, language: str) -> str:
    """Where a confirmed contact's vCard is written, relative to the site folder."""
    return f"{language_home(language)}{SECTION}/vcards/{contact.key}.vcf"


def role_label(role: str, language: str) -> str:
    return translate(f"contacts.role.{role}", language)


def ordered(items, language: str, name=lambda item: item["name"]):
    """Items sorted by name in the language's alphabetical order, a leading article ignored."""
    return sorted(items, key=lambda item: name_sort_key(name(item), language))


def date_text(date: PartialDate | dt.date, language: str) -> str:
    if isinstance(date, dt.date):
        date = PartialDate(date.year, date.month, date.day)
    return display_date(date, language)


def _period_date(date: PartialDate, language: str) -> str:
    """A date after "o" or "hyd at": in Welsh a month alone takes "fis" (hyd at fis Mawrth 2021)."""
    text = date_text(date, language)
    month_only = isinstance(date, PartialDate) and date.month is not None and date.day is None
    return f"fis {text}" if language == "cy" and month_only else text


def period_text(period: Period, language: str) -> str | None:
    """'from 2017 or earlier to 31 August 2021' in the reader's language; None without dates."""
    if period.start is None and period.end is None:
        return None
    start = _period_date(period.start, language) if period.start else "?"
    if period.start and period.start_is_earliest_known:
        start = translate("contacts.period.earliest", language, date=start)
    if period.end is None:
        return translate("contacts.period.open", language, start=start)
    return translate("contacts.period.closed", language, start=start, end=_period_date(period.end, language))


def check_report_template(template: str | None) -> str | None:
    """A problem with `extra.report_change_url` (unknown placeholders), or None."""
    if not template:
        return None
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as error:
        return f"extra.report_change_url '{template}' is not a valid template ({error}): use {{subject}} and {{body}} as placeholders"
    unknown = names - REPORT_FIELDS
    if unknown:
        return f"extra.report_change_url has unknown placeholders {', '.join(sorted(unknown))}: use {{subject}} and {{body}}"
    if "subject" not in names:
        return "extra.report_change_url has no {subject} placeholder: add one, e.g. https://github.com/OWNER/REPO/issues/new?title={subject}&body={body}"
    return None


def report_link(role: str, organisation_name: str, verified: dt.date | None, language: str, template: str | None) -> dict:
    """The 'report a change' link: a prefilled issue or email when configured, else the About page."""
    role_name = role_label(role, language)
    subject = translate("contacts.report.subject", language, role=role_name, organisation=organisation_name)
    body = translate("contacts.report.body", language, role=role_name, organisation=organisation_name,
                     verified=date_text(verified, language) if verified else "–")
    if template and check_report_template(template) is None:
        href = template.format(subject=urllib.parse.quote(subject), body=urllib.parse.quote(body))
        return {"href": href, "subject": subject, "configured": True}
    return {"href": language_home(language) + REPORT_FALLBACK, "subject": subject, "configured": False}


# ---------------------------------------------------------------- views


@dataclass(frozen=True)
class ViewSettings:
    language: str
    today: dt.date
    report_template: str | None = None


def route_view(organisation: Organisation, language: str) -> dict | None:
    """The organisation's own contact route, where a source gives one."""
    if not (organisation.website or organisation.email or organisation.phone):
        return None
    return {
        "website": organisation.website,
        "email": organisation.email,
        "phone": organisation.phone,
        "phone_href": f"tel:{phone_e164(organisation.phone)}" if organisation.phone else None,
        "note": organisation.contact_note[language] if organisation.contact_note else None,
        "ended": organisation.period.end is not None,
    }


def entry_view(contact: Contact, data: ContactList, settings: ViewSettings) -> dict:
    language = settings.language
    organisation = data.organisations[contact.organisation]
    name = organisation.name[language]
    return {
        "key": contact.key,
        "role": contact.role,
        "role_label": role_label(contact.role, language),
        "organisation_id": organisation.id,
        "organisation_name": name,
        "confirmed": contact.confirmed,
        "status_label": translate(f"contacts.status.{contact.status}", language),
        "name": contact.name,
        "email": contact.email,
        "phone": contact.phone,
        "phone_href": f"tel:{phone_e164(contact.phone)}" if contact.phone else None,
        "welsh_speaking": contact.welsh_speaking,
        "route": route_view(organisation, language),
        "is_local_authority": organisation.type == LOCAL_AUTHORITY,
        "verified_iso": contact.verified.isoformat(),
        "verified_text": date_text(contact.verified, language),
        "verified_old": verification_age(contact.verified, settings.today) is not None,
        "source_title": contact.source.title[language],
        "source_url": contact.source.url,
        "vcard_url": vcard_path(contact, language) if contact.confirmed else None,
        "report": report_link(contact.role, name, contact.verified, language, settings.report_template),
    }


def grant_view(authority: Organisation, data: ContactList, settings: ViewSettings) -> dict:
    """Who leads on the grant for a local authority: itself, its consortium, or not known."""
    language, today = settings.language, settings.today
    own = data.contact(authority.id, PDG_LEAD)
    if authority.grant_responsible and own:
        return {"kind": "own", "text": translate("contacts.grant.own", language), "entry": entry_view(own, data, settings)}
    membership = authority.consortium_on(today)
    if membership:
        consortium = data.organisations[membership.consortium]
        lead = data.contact(consortium.id, PDG_LEAD) if consortium.grant_responsible else None
        if lead:
            text = translate("contacts.grant.at_consortium", language, organisation=consortium.name[language])
            return {"kind": "consortium", "text": text, "entry": entry_view(lead, data, settings)}
    past = [item for item in authority.memberships if item.period.end and item.period.ended_by(today)]
    if past:
        last = max(past, key=lambda item: first_day(item.period.end))
        consortium = data.organisations[last.consortium]
        when = date_text(last.period.end, language)
        if consortium.period.end and first_day(consortium.period.end) <= first_day(last.period.end):
            text = translate("contacts.grant.after_consortium_ended", language, consortium=consortium.name[language], date=when)
        else:
            text = translate("contacts.grant.after_leaving", language, consortium=consortium.name[language], date=when)
        return {"kind": "unknown", "text": text, "entry": None, "report": _unknown_report(authority, settings)}
    return {"kind": "unknown", "text": translate("contacts.grant.unknown", language), "entry": None, "report": _unknown_report(authority, settings)}


def _unknown_report(authority: Organisation, settings: ViewSettings) -> dict:
    return report_link(PDG_LEAD, authority.name[settings.language], None, settings.language, settings.report_template)


def authority_view(authority: Organisation, data: ContactList, settings: ViewSettings) -> dict:
    language = settings.language
    other = next(code for code in LANGUAGES if code != language)
    lace = data.contact(authority.id, LACE)
    return {
        "id": authority.id,
        "name": authority.name[language],
        "other_name": authority.name[other],
        "other_language": other,
        "region": authority.region,
        "region_label": label("regions", authority.region, language),
        "memberships": [
            {
                "consortium": membership.consortium,
                "name": data.organisations[membership.consortium].name[language],
                "period": period_text(membership.period, language),
                "note": membership.note[language] if membership.note else None,
                "current": membership.period.covers(settings.today),
            }
            for membership in authority.memberships
        ],
        "lace": entry_view(lace, data, settings) if lace else None,
        "grant": grant_view(authority, data, settings),
        "route": route_view(authority, language),
    }


def _row(authority: dict, role: str, entry: dict | None, text: str | None, settings: ViewSettings) -> dict:
    language = settings.language
    return {
        "authority": authority["id"],
        "authority_name": authority["name"],
        "region": authority["region"],
        "region_label": authority["region_label"],
        "role": role,
        "role_label": role_label(role, language),
        "role_short": translate(f"contacts.role_short.{role}", language),
        "entry": entry,
        "text": text,
        "report": entry["report"] if entry else report_link(role, authority["name"], None, language, settings.report_template),
    }


def national_view(data: ContactList, settings: ViewSettings) -> dict:
    """The national list: the table (grouped by region), one section per local authority, filters."""
    language = settings.language
    authorities = ordered([authority_view(item, data, settings) for item in data.of_type(LOCAL_AUTHORITY)], language)
    rank = {item["id"]: index for index, item in enumerate(authorities)}
    # regions in the vocabulary's order (the same in both languages), authorities A-Z within them
    region_ids = [region for region in identifiers("regions") if any(item["region"] == region for item in authorities)]
    regions = []
    for region in region_ids:
        rows = []
        for authority in (item for item in authorities if item["region"] == region):
            rows.append(_row(authority, LACE, authority["lace"], None, settings))
            grant = authority["grant"]
            rows.append(_row(authority, PDG_LEAD, grant["entry"], grant["text"], settings))
        regions.append({"id": region, "label": label("regions", region, language), "rows": rows})
    role_rank = {role: index for index, role in enumerate(ROLES)}
    for region_index, region in enumerate(regions):
        for row in region["rows"]:
            row["sort"] = {
                "authority": rank[row["authority"]],
                "region": region_index,
                "role": role_rank[row["role"]],
                "verified": row["entry"]["verified_iso"] if row["entry"] else "",
            }
    rows = [row for region in regions for row in region["rows"]]
    return {
        "authorities": authorities,
        "regions": regions,
        "row_count": len(rows),
        "confirmed_count": sum(1 for contact in data.contacts if contact.status == CONFIRMED),
        "filters": {
            "authorities": [{"id": item["id"], "label": item["name"]} for item in authorities],
            "regions": [{"id": region["id"], "label": region["label"]} for region in regions],
            "roles": [{"id": role, "label": role_label(role, language)} for role in ROLES],
        },
        "csv_url": CSV_PATH,
        "partners_url": partners_url(language),
    }


def organisation_view(organisation: Organisation, data: ContactList, settings: ViewSettings) -> dict:
    language, today = settings.language, settings.today
    view = {
        "id": organisation.id,
        "name": organisation.name[language],
        "period": period_text(organisation.period, language),
        "ended": organisation.period.ended_by(today),
        "grant_responsible": organisation.grant_responsible,
        "route": route_view(organisation, language),
        "sources": [{"title": source.title[language], "url": source.url} for source in organisation.sources],
        "contacts": [entry_view(contact, data, settings) for contact in data.contacts if contact.organisation == organisation.id],
    }
    if organisation.type == CONSORTIUM:
        members = [item for item in data.of_type(LOCAL_AUTHORITY) if any(m.consortium == organisation.id for m in item.memberships)]
        current = [item for item in members if any(m.consortium == organisation.id and m.period.covers(today) for m in item.memberships)]
        view["members_now"] = ordered([{"id": item.id, "name": item.name[language]} for item in current], language)
        view["members_past"] = ordered([{"id": item.id, "name": item.name[language]} for item in members if item not in current], language)
    return view


def partners_view(data: ContactList, settings: ViewSettings) -> dict:
    """The partners page: the regional consortia (with dates) and the national partners."""
    language = settings.language
    return {
        "consortia": ordered([organisation_view(item, data, settings) for item in data.of_type(CONSORTIUM)], language),
        "partners": ordered([organisation_view(item, data, settings) for item in data.of_type(NATIONAL_BODY)], language),
        "list_url": page_url(language),
        "csv_url": CSV_PATH,
    }


# ---------------------------------------------------------------- downloads


def csv_rows(data: ContactList, today: dt.date) -> list[dict]:
    rows = []
    for contact in data.contacts:
        organisation = data.organisations[contact.organisation]
        if organisation.type == LOCAL_AUTHORITY:
            served, region = [organisation.id], organisation.region
        else:
            served = [item.id for item in data.of_type(LOCAL_AUTHORITY)
                      if any(m.consortium == organisation.id and m.period.covers(today) for m in item.memberships)]
            region = organisation.id if organisation.type == CONSORTIUM else ""
        rows.append({
            "organisation_id": organisation.id,
            "organisation_name_en": organisation.name["en"],
            "organisation_name_cy": organisation.name["cy"],
            "organisation_type": organisation.type,
            "region": region or "",
            "local_authorities": ";".join(served),
            "role": contact.role,
            "role_en": role_label(contact.role, "en"),
            "role_cy": role_label(contact.role, "cy"),
            "status": contact.status,
            "name": contact.name or "",
            "email": contact.email or "",
            "phone": contact.phone or "",
            "welsh_speaking": "" if contact.welsh_speaking is None else ("yes" if contact.welsh_speaking else "no"),
            "verified": contact.verified.isoformat(),
            "source_en": contact.source.title["en"],
            "source_cy": contact.source.title["cy"],
            "source_url": contact.source.url or "",
            "organisation_website": organisation.website or "",
            "organisation_email": organisation.email or "",
        })
    return sorted(rows, key=lambda row: (row["organisation_type"], sort_key(row["organisation_name_en"], "en"), row["role"]))


def csv_text(data: ContactList, today: dt.date) -> str:
    """The whole list as CSV (UTF-8 with a byte-order mark, so spreadsheets show ŵ and ŷ)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({name: _csv_cell(value) for name, value in row.items()} for row in csv_rows(data, today))
    return "\ufeff" + buffer.getvalue()


def _csv_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula (=, @, or + or - not
    followed by a digit: phone numbers such as +44 29... stay as they are) gets a leading '."""
    if value and (value[0] in "=@\t\r" or (value[0] in "+-" and not value[1:2].isdigit() and value[1:2] != " ")):
        return "'" + value
    return value


def _vcard_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold a content line at 75 octets, as RFC 2425/6350 ask, without splitting a character."""
    parts, current = [], ""
    for char in line:
        limit = 75 if not parts else 74
        if len((current + char).encode("utf-8")) > limit:
            parts.append(current)
            current = char
        else:
            current += char
    parts.append(current)
    return "\r\n ".join(parts)


def vcard_text(contact: Contact, data: ContactList, language: str) -> str:
    """A vCard 3.0 for a confirmed contact, with the role named in the reader's language."""
    if not contact.confirmed:
        raise ValueError(f"{contact.key} is not confirmed: only confirmed contacts get a vCard")
    organisation = data.organisations[contact.organisation]
    role = role_label(contact.role, language)
    full_name = contact.name or f"{role} – {organisation.name[language]}"
    notes = [translate("contacts.verified", language) + ": " + date_text(contact.verified, language)]
    if contact.welsh_speaking is not None:
        notes.insert(0, translate("contacts.welsh.yes" if contact.welsh_speaking else "contacts.welsh.no", language))
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"FN:{_vcard_escape(full_name)}",
        "N:" + (f"{_vcard_escape(contact.name)};;;;" if contact.name else ";;;;"),
        f"ORG:{_vcard_escape(organisation.name[language])}",
        f"TITLE:{_vcard_escape(role)}",
    ]
    if contact.email:
        lines.append(f"EMAIL;TYPE=INTERNET,WORK:{contact.email}")
    if contact.phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{phone_e164(contact.phone)}")
    if organisation.website:
        lines.append(f"URL:{organisation.website}")
    lines += [
        f"NOTE:{_vcard_escape('. '.join(notes))}",
        f"REV:{contact.verified.isoformat()}",
        f"UID:urn:exchange-care-education:contact:{contact.key}",
        "END:VCARD",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def download_files(data: ContactList, language: str, today: dt.date) -> dict[str, str]:
    """Every file a language's build writes: the CSV, and a vCard per confirmed contact."""
    files = {CSV_PATH: csv_text(data, today)}
    for contact in data.contacts:
        if contact.confirmed:
            files[vcard_path(contact, language)] = vcard_text(contact, data, language)
    return files
