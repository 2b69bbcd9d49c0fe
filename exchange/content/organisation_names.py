"""Organisation names on Welsh pages (issue 15): one Welsh form for each organisation, and no
English name left on a Welsh page unless it is marked as English.

The names come from the site's data, never from a list kept here:
- the contact list's organisations (contacts/*.yml: the regional consortia, the national
  and third-sector partners and the 22 local authorities), each with its English and Welsh
  name; a name written "Full name (INITIALS)" gives the initials as a form of their own;
- the glossary's names (exchange/data/glossary.yml: the records whose English term is a name,
  written with a capital), with their initials.

A form is *English only* when it is one of the organisation's English forms and none of its
Welsh ones ("EAS" and "Education Achievement Service for South East Wales", whose Welsh forms
are "GCA" and "Gwasanaeth Cyflawni Addysg De-ddwyrain Cymru"; "The Fostering Network").
A Welsh page must not contain one outside text marked as English (`*Title*{lang=en}`,
`[Title](https://...){lang=en}` in Markdown, `lang="en"` in HTML), where a screen reader
reads it as English. The glossary and the contact list must also agree: a glossary record
that names an organisation gives the organisation's Welsh name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable, Iterator

from exchange import PROJECT_ROOT
from exchange.core.problems import Problem, display_path

GLOSSARY = "exchange/data/glossary.yml"
CONTACTS = "contacts/*.yml"
INITIALS = re.compile(r"^[A-Z][A-Za-z]{0,5}[A-Z][A-Za-z]{0,3}$")
# Short English forms that readers meet as names in their own right: "Voices From Care" for
# "Voices From Care Cymru", "Fostering Network" for "The Fostering Network".
TRAILING_COUNTRY = " Cymru"
LEADING_ARTICLE = "The "


@dataclass(frozen=True)
class OrganisationName:
    id: str
    english: tuple[str, ...]  # every English form, the full name first
    welsh: tuple[str, ...]  # every Welsh form, the full name first
    where: str  # the data file that gives it, for the message

    @property
    def english_only(self) -> tuple[str, ...]:
        welsh = {form.casefold() for form in self.welsh}
        return tuple(form for form in self.english if form.casefold() not in welsh)


def name_forms(name: str) -> list[str]:
    """A name and the forms it contains: "Education Achievement Service for South East Wales
    (EAS)" -> the full name, the name without the initials, and "EAS"; "ERW (Education
    through Regional Working)" -> the same three shapes. A bracket that is neither initials nor
    a name of several words ("GwE (North Wales)") stays part of the name."""
    forms = [name]
    match = re.fullmatch(r"(.+?) \(([^()]+)\)", name)
    if match:
        outside, inside = match.groups()
        if INITIALS.match(inside):
            forms += [outside, inside]
        elif INITIALS.match(outside) and len(inside.split()) >= 3:
            forms += [inside, outside]
    for form in list(forms):
        if form.startswith(LEADING_ARTICLE):
            forms.append(form[len(LEADING_ARTICLE):])
        if form.endswith(TRAILING_COUNTRY) and len(form.split()) > 3:
            forms.append(form[: -len(TRAILING_COUNTRY)])
    return list(dict.fromkeys(forms))


def _contact_names() -> list[OrganisationName]:
    from exchange.content.contacts import load_contacts

    data, _ = load_contacts()
    names = []
    for organisation in data.organisations.values():
        names.append(OrganisationName(organisation.id, tuple(name_forms(organisation.name["en"])), tuple(name_forms(organisation.name["cy"])),
                                      display_path(organisation.path)))
    return names


def _glossary_names() -> list[OrganisationName]:
    from exchange.content.glossary import glossary_terms

    names = []
    for record in glossary_terms():
        english, welsh = record.text("en"), record.text("cy")
        if not english.term[:1].isupper():
            continue  # a term, not a name
        names.append(OrganisationName(record.id, tuple(name_forms(english.term)) + english.initials, tuple(name_forms(welsh.term)) + welsh.initials, GLOSSARY))
    return names


@lru_cache(maxsize=1)
def organisation_names() -> tuple[OrganisationName, ...]:
    return tuple(_contact_names() + _glossary_names())


def _every_welsh_form() -> set[str]:
    """Every Welsh name, term and set of initials of the data, casefolded."""
    from exchange.content.glossary import glossary_terms

    forms = {form for name in organisation_names() for form in name.welsh}
    for record in glossary_terms():
        forms.update(name_forms(record.text("cy").term))
        forms.update(record.text("cy").initials)
    return {form.casefold() for form in forms}


@lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern, dict[str, OrganisationName]]:
    """One pattern for every English-only form, longest first, whole words, as written."""
    owners: dict[str, OrganisationName] = {}
    welsh = _every_welsh_form()
    for name in organisation_names():
        for form in name.english_only:
            if form.casefold() not in welsh:  # "PDG" is Welsh too: plant sy'n derbyn gofal
                owners.setdefault(form, name)
    alternatives = "|".join(re.escape(form) for form in sorted(owners, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’-])(?:{alternatives})(?![\w'’-])"), owners


def english_names_in(text: str) -> Iterator[tuple[str, OrganisationName]]:
    """Every English-only organisation name in a Welsh text, with its organisation."""
    pattern, owners = _pattern()
    for match in pattern.finditer(text):
        yield match.group(0), owners[match.group(0)]


def message(form: str, name: OrganisationName) -> str:
    welsh = next((candidate for candidate in name.welsh if candidate != form), name.welsh[0])
    return (f"'{form}' is the English name of '{name.id}': on a Welsh page write its Welsh name '{welsh}' ({name.where}); "
            f"if the English belongs here (a title, or the name quoted as English), mark it as English: *{form}*{{lang=en}}")


# ---------------------------------------------------------------- Markdown and data files


def check_welsh_files(files: Iterable[Path] | None = None, include_records: bool = True) -> list[Problem]:
    """`path:line: message` for each English-only name in the Welsh pages, the Welsh files of
    the collections and the Welsh values of the data files (resources included)."""
    from exchange.welsh.spelling import data_lines, markdown_lines, welsh_text_files

    files = welsh_text_files() if files is None else list(files)
    lines = [line for path in files for line in markdown_lines(path)]
    if include_records:
        data = sorted(path for pattern in ("exchange/data/*.yml", CONTACTS, "resources/*.yml") for path in PROJECT_ROOT.glob(pattern)
                      if path.name not in ("glossary.yml", "synonyms.yml"))
        lines += list(data_lines(data))
    problems = []
    for line in lines:
        for form, name in english_names_in(line.text):
            problems.append(Problem(display_path(line.path), line.line, message(form, name), field=line.field or "organisation"))
    return sorted(set(problems)) + glossary_agreement_problems()


def glossary_agreement_problems() -> list[Problem]:
    """A glossary record that names an organisation of the contact list gives the Welsh name
    the contact list gives it, and no English-only initials as Welsh ones."""
    from exchange.content.glossary import glossary_terms

    contacts = _contact_names()
    problems = []
    for record in glossary_terms():
        english, welsh = record.text("en"), record.text("cy")
        given = set(name_forms(english.term)) | set(english.initials)
        name = next((name for name in contacts if given & set(name.english)), None)
        if name is None:
            continue
        english_initials = [form for form in welsh.initials if form in name.english_only]
        if not set(name_forms(welsh.term)) & set(name.welsh) or english_initials:
            problems.append(Problem(GLOSSARY, record.line, f"glossary record '{record.id}' names '{name.id}', whose Welsh name in {name.where} is '{name.welsh[0]}', "
                                                           f"but gives the Welsh term '{welsh.term}' (initials {', '.join(welsh.initials) or 'none'}): use the same Welsh name and initials in both files"))
    return problems


# ---------------------------------------------------------------- built HTML


class _WelshText(HTMLParser):
    """The text of an HTML page that is not marked as another language, with its line."""

    SKIPPED = {"script", "style", "template", "svg"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open element: is its text left out?
        self.parts: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attributes = dict(attrs)
        language = (attributes.get("lang") or "").lower()
        outside = bool(self.stack and self.stack[-1])
        self.stack.append(outside or tag in self.SKIPPED or (language != "" and not language.startswith("cy")))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.parts.append((self.getpos()[0], data))


def english_names_in_html(html: str) -> Iterator[tuple[int, str, OrganisationName]]:
    """(line of the HTML, form, organisation) for each English-only name not marked as English."""
    parser = _WelshText()
    parser.feed(html)
    parser.close()
    for line, text in parser.parts:
        for form, name in english_names_in(text):
            yield line, form, name


def source_line(path: str | Path | None, form: str) -> int:
    """The first line of a source file that contains the form (1 if none does)."""
    if path and Path(path).is_file():
        for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
            if form in line:
                return number
    return 1
