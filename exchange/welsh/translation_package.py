"""The translation package: what waits for Welsh goes out to a translator's own tool as
XLIFF 1.2, with the glossary as a termbase (TBX) and the previous translations of changed
text as a translation memory (TMX); the translated XLIFF comes back and is written into the
Welsh files.

Export (`make translation-export`, scripts/translation_export.py) writes translations/out/:
- exchange-en-cy.xlf: one <file> per English file, one unit per text field, paragraph,
  heading, list item and table cell (exchange/welsh/translation_units.py) of
  - every page, case study, news post and event whose Welsh file is missing (listed in
    translations-waiting.yml or not), has no stamp, or is outdated (its English file
    changed since the revision in `translated_from`): for an outdated file only the units
    whose English changed since that revision, found by comparing with the stamped English
    (the stamp is a git blob id, so git has it: `git cat-file blob <stamp>`);
  - every interface string (exchange/data/strings.yml), glossary term and explanation
    (exchange/data/glossary.yml) and resource summary and title (resources/*.yml) whose
    Welsh ("cy") text is missing or empty, or whose English changed since its Welsh was
    written: a value has no stamp, so git's history of the file is asked which English was
    there when the Welsh of now appeared. (A resource's title is translated only when a
    Welsh version of the document exists: `welsh_version: yes`.)
  Units whose English did not change since the last translation are left out.
- glossary.tbx: every glossary term, its initials and explanation, in English and Welsh.
- previous-translations.tmx: for each changed unit, its English before the change and the
  Welsh that translated it.

Import (`make translation-import FILE=...`, scripts/translation_import.py) checks every
unit and writes only those that pass: the file must come from this project and be for
Welsh, each unit's English must still be the repository's, each tag must come back once
and the Welsh must not add Markdown of its own (except marking words as English,
{lang=en}), the Welsh must not be empty. Links and pictures are put right for the Welsh
file (retarget). Then for each Welsh file: the translated blocks replace theirs and every
other line stays as it was;
a Welsh file that did not exist is written only once all its units are translated (until
then the site shows the English with its notice); a file whose every unit now has Welsh
is stamped with its English revision and leaves translations-waiting.yml. A data value's
Welsh is set in place in its YAML file (comments and layout kept), and recorded in
translations/confirmed.yml. The translation and spelling checks run on what was written.
"""

from __future__ import annotations

import difflib
import hashlib
import html
import json
import os
import re
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import yaml
from lxml import etree
from markdown.extensions.toc import slugify
from translate.storage import tbx, tmx, xliff
from translate.storage.placeables import StringElem
from translate.storage.placeables import xliff as placeables

from exchange.core.frontmatter import Document, parse_document, read_document
from exchange.core.problems import Problem, display_path
from exchange.welsh.translation_units import (Block, Code, Part, Span, Unit, check_codes, codes_of, make_unit, parse_inline,
                                        plain_text, render, split_blocks)
from exchange.welsh.translations import (MISSING, OUTDATED, PAGE, UNSTAMPED, WAITING, Pair, check_records,
                                   check_structure, load_waiting_list, revision_of, stamp, translation_pairs,
                                   translation_statuses)

PRODUCT = "exchange-care-education"  # <file product-name>: which project a package is for
XLIFF_NAME, TBX_NAME, TMX_NAME = "exchange-en-cy.xlf", "glossary.tbx", "previous-translations.tmx"
XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"
# Front matter fields that hold text for readers; the Welsh file of a case study, news post
# or event holds only these (with translated_from); a Welsh page keeps the English page's
# other fields too.
TEXT_FIELDS = ("title", "description", "summary", "organisation", "contact_role", "organiser", "location")
STRINGS, GLOSSARY = "exchange/data/strings.yml", "exchange/data/glossary.yml"
GLOSSARY_FIELDS = ("term", "explanation")
LETTER = re.compile(r"[^\W\d_]")


class Xliff12Unit(xliff.xliffunit):
    namespace = XLIFF_12


class Xliff12File(xliff.xlifffile):
    """translate-toolkit's XLIFF store, writing version 1.2 (it writes 1.1 by default)."""

    UnitClass = Xliff12Unit
    XMLskeleton = f"""<?xml version="1.0" ?>
<xliff version='1.2' xmlns='{XLIFF_12}'>
<file original='NoName' source-language='en' datatype='plaintext'>
<body>
</body>
</file>
</xliff>"""
    namespace = XLIFF_12


# ---------------------------------------------------------------- what a file holds


@dataclass
class Source:
    """An English file and the units of it that go to the translator."""

    path: str  # as in the repository: docs/guidance/plans.md, exchange/data/strings.yml
    revision: str
    units: list[Unit]
    kind: str  # page, case study, ..., or "data"
    previous: list[tuple[str, str, str]] = field(default_factory=list)  # (unit key, old English, Welsh)
    note: str = ""


def field_units(document: Document) -> list[Unit]:
    return [make_unit(f"meta.{name}", "field", document.line_of(name), " ".join(str(document.meta[name]).split()))
            for name in TEXT_FIELDS if isinstance(document.meta.get(name), str) and document.meta[name].strip()]


def document_units(document: Document) -> tuple[list[Unit], list[Block]]:
    blocks = split_blocks(document.body, document.body_line)
    return field_units(document), blocks


def has_words(unit: Unit) -> bool:
    return bool(LETTER.search(plain_text(unit.parts)))


def _units(fields: list[Unit], blocks: list[Block]) -> list[Unit]:
    return [unit for unit in fields + [unit for block in blocks for unit in block.units] if has_words(unit)]


def english_at(root: Path, revision: str) -> str | None:
    """The English text a stamp names: its git blob, if this clone has it."""
    try:
        completed = subprocess.run(["git", "-C", str(root), "cat-file", "blob", revision], capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    if completed.returncode != 0:
        return None
    try:
        return completed.stdout.decode("utf-8")
    except UnicodeDecodeError:
        return None


@dataclass
class Alignment:
    """Which Welsh block translates which block of the English file as it is now."""

    welsh_of: dict[int, int]  # index among the English blocks with units -> index among the Welsh ones
    changed: set[str]  # keys of English units that changed since the translation
    previous: list[tuple[str, str, str]]  # (unit key, old English, Welsh) of the changed units
    deleted: list[int]  # Welsh blocks whose English is gone


def _text_blocks(blocks: list[Block]) -> list[Block]:
    return [block for block in blocks if block.units]


def align(english: list[Block], welsh: list[Block], old_english: list[Block] | None) -> Alignment | None:
    """The Welsh blocks matched with the English ones: directly when both have the same
    blocks; otherwise through the English the Welsh was translated from (old_english), whose
    blocks the Welsh file has. None when neither works."""
    new, cy = _text_blocks(english), _text_blocks(welsh)
    if old_english is None:
        if [block.signature for block in new] != [block.signature for block in cy]:
            return None
        return Alignment({index: index for index in range(len(new))}, set(), [], [])
    old = _text_blocks(old_english)
    if [block.signature for block in old] != [block.signature for block in cy]:
        return None if [block.signature for block in new] != [block.signature for block in cy] else align(english, welsh, None)
    welsh_of: dict[int, int] = {}
    changed: set[str] = set()
    previous: list[tuple[str, str, str]] = []
    deleted: list[int] = []
    matcher = difflib.SequenceMatcher(a=[(b.signature, tuple(u.text for u in b.units)) for b in old],
                                      b=[(b.signature, tuple(u.text for u in b.units)) for b in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            welsh_of.update({j1 + offset: i1 + offset for offset in range(i2 - i1)})
            continue
        deleted.extend(range(i1, i2))
        for offset, j in enumerate(range(j1, j2)):
            i = i1 + offset
            same_shape = i < i2 and old[i].signature == new[j].signature
            if same_shape:
                welsh_of[j] = i
                deleted.remove(i)
            for position, unit in enumerate(new[j].units):
                if same_shape and old[i].units[position].text == unit.text:
                    continue
                changed.add(unit.key)
                if same_shape and has_words(old[i].units[position]):
                    previous.append((unit.key, old[i].units[position].text, cy[i].units[position].text))
    return Alignment(welsh_of, changed, previous, deleted)


def markdown_source(root: Path, status) -> Source | None:
    """What of a page or record file goes to the translator, or None when nothing does."""
    pair: Pair = status.pair
    if status.state not in (WAITING, MISSING, UNSTAMPED, OUTDATED):
        return None
    english, _ = read_document(pair.english)
    if english is None:
        return None
    fields, blocks = document_units(english)
    units = _units(fields, blocks)
    name = _relative(root, pair.english)
    source = Source(name, status.english_revision, units, pair.kind)
    if status.state != OUTDATED:
        return source if units else None
    welsh, _ = read_document(pair.welsh)
    old_text = english_at(root, status.translated_from)
    old, _ = parse_document(pair.english, old_text.encode("utf-8")) if old_text is not None else (None, [])
    if welsh is None or old is None:
        source.note = f"the English this translation was made from (revision {status.translated_from}) is not in git here: every unit is sent"
        return source
    alignment = align(blocks, split_blocks(welsh.body, welsh.body_line), split_blocks(old.body, old.body_line))
    if alignment is None:
        source.note = "the Welsh file's paragraphs do not line up with the English it was translated from: every unit is sent"
        return source
    changed = set(alignment.changed)
    for unit in fields:
        name_of_field = unit.key.removeprefix("meta.")
        before = old.meta.get(name_of_field)
        if not isinstance(before, str) or " ".join(before.split()) != unit.text:
            changed.add(unit.key)
            if isinstance(before, str) and isinstance(welsh.meta.get(name_of_field), str):
                source.previous.append((unit.key, " ".join(before.split()), " ".join(welsh.meta[name_of_field].split())))
    source.previous += alignment.previous
    source.units = [unit for unit in units if unit.key in changed]
    return source if source.units else None


def _relative(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# ---------------------------------------------------------------- data files


@dataclass
class DataValue:
    """One English value of a data file and where its Welsh goes."""

    key: str  # unit key: "site.tagline", "looked-after-child.term", "summary"
    english: yaml.ScalarNode
    welsh_parent: yaml.MappingNode  # the mapping that holds (or will hold) the Welsh value
    welsh_key: str  # "cy", or the glossary field
    welsh: yaml.ScalarNode | None


def _mapping(node: yaml.Node | None) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    return {key.value: (key, value) for key, value in node.value} if isinstance(node, yaml.MappingNode) else {}


def _scalar(node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str"


def data_values(relative: str, node: yaml.Node | None) -> list[DataValue]:
    """The translatable values of a data file: strings.yml, glossary.yml or a resource."""
    values: list[DataValue] = []

    def pair_of(key: str, mapping: yaml.Node) -> None:
        languages = _mapping(mapping)
        if "en" in languages and _scalar(languages["en"][1]):
            welsh = languages.get("cy", (None, None))[1]
            values.append(DataValue(key, languages["en"][1], mapping, "cy", welsh if _scalar(welsh) else None))

    if relative == STRINGS:
        for key, (_, value) in _mapping(node).items():
            pair_of(key, value)
    elif relative == GLOSSARY:
        for item in node.value if isinstance(node, yaml.SequenceNode) else []:
            entry = _mapping(item)
            record_id = entry.get("id", (None, None))[1]
            english, welsh = entry.get("en", (None, None))[1], entry.get("cy", (None, None))[1]
            if not _scalar(record_id) or not isinstance(english, yaml.MappingNode) or not isinstance(welsh, yaml.MappingNode):
                continue
            for name in GLOSSARY_FIELDS:
                english_value = _mapping(english).get(name, (None, None))[1]
                welsh_value = _mapping(welsh).get(name, (None, None))[1]
                if _scalar(english_value):
                    values.append(DataValue(f"{record_id.value}.{name}", english_value, welsh, name, welsh_value if _scalar(welsh_value) else None))
    elif relative.startswith("resources/"):
        fields = _mapping(node)
        welsh_version = fields.get("welsh_version", (None, None))[1]
        if "summary" in fields:
            pair_of("summary", fields["summary"][1])
        if "title" in fields and isinstance(welsh_version, yaml.ScalarNode) and welsh_version.value in ("yes", "true", "True"):
            pair_of("title", fields["title"][1])
    return values


def data_files(root: Path) -> list[Path]:
    return [root / STRINGS, root / GLOSSARY] + sorted((root / "resources").glob("*.yml"))


def compose_data(path: Path) -> tuple[yaml.Node | None, str | None]:
    try:
        text = path.read_text(encoding="utf-8")
        return yaml.compose(text, Loader=yaml.SafeLoader), text
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None, None  # the file's own checker reports it


def _git_lines(root: Path, *arguments: str) -> list[str] | None:
    try:
        completed = subprocess.run(["git", "-C", str(root), *arguments], capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return completed.stdout.decode("utf-8", "replace").split("\n") if completed.returncode == 0 else None


def _values_at(root: Path, commit: str, relative: str) -> dict[str, tuple[str, str | None]]:
    """The (English, Welsh) of each value of a data file at a commit."""
    lines = _git_lines(root, "show", f"{commit}:{relative}")
    if lines is None:
        return {}
    try:
        node = yaml.compose("\n".join(lines), Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    return {value.key: (value.english.value, value.welsh.value if value.welsh is not None else None) for value in data_values(relative, node)}


def translated_english(root: Path, relative: str, current: dict[str, tuple[str, str | None]]) -> dict[str, str] | None:
    """For each value with Welsh, the English its Welsh was written for: the English in the
    oldest commit, of the unbroken run up to now, whose Welsh is the Welsh of now (a data value
    has no stamp of its own; git's history of the file is its stamp). None without history."""
    commits = _git_lines(root, "log", "--format=%H", "--", relative)
    if commits is None:
        return None
    pending = {key for key, (_, welsh) in current.items() if welsh and welsh.strip()}
    found: dict[str, str] = {}
    newer = current
    for commit in [line for line in commits if line.strip()]:
        state = _values_at(root, commit, relative)
        for key in list(pending):
            if key not in state or state[key][1] != current[key][1]:
                found[key] = newer[key][0]
                pending.discard(key)
        newer = {**current, **state}
        if not pending:
            break
    found.update({key: newer[key][0] for key in pending})
    return found


CONFIRMED = Path("translations") / "confirmed.yml"


def _fingerprint(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def load_confirmed(root: Path) -> dict[str, str]:
    """Data values whose Welsh a translator returned for the English of now (its fingerprint):
    a Welsh that needed no change counts as translated, though git sees no new Welsh."""
    try:
        loaded = yaml.safe_load((root / CONFIRMED).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    return {str(key): str(value) for key, value in loaded.items()} if isinstance(loaded, dict) else {}


def save_confirmed(root: Path, confirmed: dict[str, str]) -> None:
    path = root / CONFIRMED
    path.parent.mkdir(parents=True, exist_ok=True)
    header = ("# Written by `make translation-import`: the interface strings, glossary entries and resources\n"
              "# whose Welsh a translator confirmed for the English of now (a fingerprint of the English).\n"
              "# Commit it with the import. A value is sent to translation again when its English changes.\n")
    path.write_text(header + "".join(f"{json.dumps(key, ensure_ascii=False)}: {value}\n" for key, value in sorted(confirmed.items())), encoding="utf-8")


def data_source(root: Path, path: Path) -> Source | None:
    """The values of a data file whose Welsh is missing, or whose English changed since the
    Welsh was written (with the earlier English and its Welsh for the memory)."""
    node, _ = compose_data(path)
    if node is None:
        return None
    relative = _relative(root, path)
    values = data_values(relative, node)
    current = {value.key: (value.english.value, value.welsh.value if value.welsh is not None else None) for value in values}
    before = translated_english(root, relative, current) or {}
    confirmed = load_confirmed(root)
    before = {key: english for key, english in before.items() if confirmed.get(f"{relative}#{key}") != _fingerprint(current[key][0])}
    source = Source(relative, revision_of(path), [], "data")
    for value in values:
        english, welsh = current[value.key]
        missing = welsh is None or not welsh.strip()
        changed = not missing and value.key in before and before[value.key] != english
        if missing or changed:
            unit = make_unit(value.key, "value", value.english.start_mark.line + 1, english)
            if has_words(unit):
                source.units.append(unit)
                if changed:
                    source.previous.append((value.key, before[value.key], welsh))
    return source if source.units else None


# ---------------------------------------------------------------- export


@dataclass
class ExportReport:
    sources: list[Source]
    files: list[Path]
    notes: list[str]

    @property
    def unit_count(self) -> int:
        return sum(len(source.units) for source in self.sources)

    @property
    def word_count(self) -> int:
        return sum(len(plain_text(unit.parts).split()) for source in self.sources for unit in source.units)


def sources_to_translate(root: Path) -> list[Source]:
    pairs = translation_pairs(root / "docs", root)
    waiting, _ = load_waiting_list(root / "translations-waiting.yml")
    sources = [source for status in translation_statuses(pairs, waiting) if (source := markdown_source(root, status))]
    sources += [source for path in data_files(root) if path.is_file() and (source := data_source(root, path))]
    return sources


def to_rich(parts: list[Part]) -> StringElem:
    def convert(part: Part):
        if isinstance(part, str):
            return part
        if isinstance(part, Code):
            return placeables.X(id=part.id, xml_attrib={"ctype": part.ctype, "equiv-text": part.text})
        return placeables.G(id=part.id, sub=[convert(child) for child in part.parts] or [""], xml_attrib={"ctype": _ctype(part.ctype)})

    return StringElem([convert(part) for part in parts] or [""])


def _ctype(name: str) -> str:
    # XLIFF 1.2 knows bold, italic and link for <g>; others (an image) are "x-" names.
    return name if name in ("bold", "italic", "link") or name.startswith("x-") else f"x-{name}"


def write_xliff(sources: list[Source], path: Path) -> None:
    store = Xliff12File(sourcelanguage="en", targetlanguage="cy")
    for source in sources:
        store.switchfile(source.path, createifmissing=True)
        file_node = store.getfilenode(source.path)
        file_node.set("product-name", PRODUCT)
        file_node.set("build-num", source.revision)
        file_node.set("datatype", "x-markdown" if source.kind != "data" else "x-yaml")
        file_node.set("target-language", "cy")
        for unit in source.units:
            trans_unit = store.addsourceunit("", filename=source.path, createifmissing=True)
            trans_unit.rich_source = [to_rich(unit.parts)]
            trans_unit.xmlelement.set("id", f"{source.path}#{unit.key}")
            trans_unit.xmlelement.set("resname", unit.key)
            # translate-toolkit's addlocation names every location group "", which OASIS's strict
            # schema refuses (a context-group's name is unique in its <file>): one name per unit.
            trans_unit.createcontextgroup(f"location {unit.key}", [("sourcefile", source.path), ("linenumber", str(unit.line))], "location")
            trans_unit.addnote(_unit_note(unit, source.kind), origin="developer")
    if sources:
        store.removedefaultfile()
    else:  # XLIFF needs a <file>: an empty one says there is nothing to translate
        file_node = store.getfilenode("NoName")
        file_node.set("original", "nothing-to-translate")
        file_node.set("product-name", PRODUCT)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(store))


def _unit_note(unit: Unit, kind: str) -> str:
    what = {"field": f"the {unit.key.removeprefix('meta.')} (front matter)", "heading": "a heading", "paragraph": "a paragraph",
            "item": "a list item", "cell": "a table cell", "admonition-title": "the title of a box", "value": "a text of the site's data"}[unit.kind]
    return f"{what}; tags are Markdown (links, emphasis, code, {{placeholders}}): keep each once"


def write_termbase(root: Path, path: Path) -> int:
    """glossary.tbx: each glossary term with its initials, in both languages."""
    glossary = yaml.safe_load((root / GLOSSARY).read_text(encoding="utf-8")) or []
    store = tbx.tbxfile(sourcelanguage="en", targetlanguage="cy")
    count = 0
    for entry in glossary:
        english, welsh = entry.get("en") or {}, entry.get("cy") or {}
        if not english.get("term") or not welsh.get("term"):
            continue
        unit = store.addsourceunit(english["term"])
        unit.setid(entry["id"])
        unit.set_source_terms([english["term"], *_initials(english)])
        unit.set_target_terms([welsh["term"], *_initials(welsh)], lang="cy")
        for language, values in (("en", english), ("cy", welsh)):
            if values.get("explanation"):
                unit.addnote(f"{language}: {values['explanation']}", origin="definition")
        count += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(store))
    return count


def _initials(values: dict) -> list[str]:
    initials = values.get("initials") or []
    return [initials] if isinstance(initials, str) else [str(item) for item in initials]


def write_memory(sources: list[Source], path: Path) -> int:
    store = tmx.tmxfile(sourcelanguage="en", targetlanguage="cy")
    count = 0
    for source in sources:
        for key, english, welsh in source.previous:
            store.addtranslation(english, "en", welsh, "cy", comment=f"{source.path}#{key}")
            count += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(store))
    return count


def export_package(root: Path, out: Path) -> ExportReport:
    sources = sources_to_translate(root)
    files = [out / XLIFF_NAME, out / TBX_NAME, out / TMX_NAME]
    write_xliff(sources, files[0])
    write_termbase(root, files[1])
    write_memory(sources, files[2])
    notes = [f"{source.path}: {source.note}" for source in sources if source.note]
    return ExportReport(sources, files, notes)


# ---------------------------------------------------------------- import: reading


@dataclass
class Translation:
    file: str  # the English file, as in the repository
    key: str
    unit_id: str
    line: int  # line of the <trans-unit> in the XLIFF file
    target: list[Part]
    source: list[Part]  # the English the translator saw


def from_rich(elements) -> list[Part]:
    """Parts from translate-toolkit's rich text: <g> wraps words, every other tag stands alone."""
    parts: list[Part] = []

    def walk(element) -> None:
        if isinstance(element, str):
            parts.append(element)
        elif isinstance(element, placeables.G):
            parts.append(Span(str(element.id), "", "", "g", from_rich(element.sub)))
        elif isinstance(element, (placeables.X, placeables.Ph, placeables.Bx, placeables.Ex, placeables.Bpt, placeables.Ept, placeables.It)):
            parts.append(Code(str(element.id), "", "x"))
        elif isinstance(element, StringElem):
            for child in element.sub:
                walk(child)
        else:
            parts.append(str(element))

    for element in elements if isinstance(elements, list) else [elements]:
        walk(element)
    merged: list[Part] = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        elif part != "":
            merged.append(part)
    return merged


def _shape(parts: list[Part]) -> str:
    """Text and tags of a unit, for comparing an XLIFF source with the repository's English."""
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, Code):
            out.append(f"<x{part.id}/>")
        else:
            out.append(f"<g{part.id}>{_shape(part.parts)}</g{part.id}>")
    return " ".join("".join(out).split())


def read_package(path: Path) -> tuple[list[tuple[etree._Element, str]], list[Translation], list[Problem], int]:
    """The translations of an XLIFF file, and what is wrong with it (not XML, not XLIFF 1.x,
    not this project's, not for Welsh). Also the number of units left untranslated."""
    shown = display_path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        return [], [], [Problem(shown, 1, f"cannot be read ({error.strerror}): give the path of the translated .xlf file")], 0
    try:
        tree = etree.fromstring(raw, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        return [], [], [Problem(shown, error.lineno or 1, f"not an XML file ({error.msg}): export the translation from your tool as XLIFF 1.2 again")], 0
    if etree.QName(tree).localname != "xliff" or not (etree.QName(tree).namespace or "").startswith("urn:oasis:names:tc:xliff:document:1."):
        return [], [], [Problem(shown, tree.sourceline or 1, "not an XLIFF 1.2 file (its root is not <xliff> of XLIFF 1.x): export the translation from your tool as XLIFF 1.2")], 0
    try:
        store = xliff.xlifffile.parsestring(raw)
    except Exception as error:  # translate-toolkit's own complaints about the file
        return [], [], [Problem(shown, 1, f"not a readable XLIFF file ({error}): export it again as XLIFF 1.2")], 0
    tree = store.document.getroot()
    namespace = etree.QName(tree).namespace
    problems: list[Problem] = []
    translations: list[Translation] = []
    untranslated = 0
    files = []
    for file_node in tree.iter(f"{{{namespace}}}file"):
        original = file_node.get("original", "")
        line = file_node.sourceline or 1
        if file_node.get("product-name") != PRODUCT:
            problems.append(Problem(shown, line, f"<file original=\"{original}\"> is not from this project's translation package (product-name is '{file_node.get('product-name', '')}', not '{PRODUCT}'): import only files made by `make translation-export`"))
            continue
        if (file_node.get("target-language") or "").lower().split("-")[0] != "cy":
            problems.append(Problem(shown, line, f"<file original=\"{original}\"> is for the language '{file_node.get('target-language', '')}', not Welsh (cy): nothing of it is imported"))
            continue
        files.append((file_node, original))
    for unit in store.getunits():
        element = unit.xmlelement
        file_node = next(element.iterancestors(f"{{{namespace}}}file"), None)
        if file_node is None or not any(node is file_node for node, _ in files):
            continue
        original = file_node.get("original", "")
        unit_id = element.get("id", "")
        line = _line_of(tree, namespace, original, unit_id) or 1
        key = element.get("resname") or unit_id.partition("#")[2]
        target_nodes = element.findall(f"{{{namespace}}}target")
        if not target_nodes:
            untranslated += 1
            continue
        target = from_rich(unit.rich_target)
        if not plain_text(target).strip():
            state = target_nodes[0].get("state", "")
            if state in ("new", "needs-translation") and not codes_of(target):
                untranslated += 1
                continue
            problems.append(Problem(shown, line, f"unit {unit_id}: the Welsh text is empty: translate it, or leave the unit without a target (nothing was written for it)", field=unit_id))
            continue
        translations.append(Translation(original, key, unit_id, line, target, from_rich(unit.rich_source)))
    return files, translations, problems, untranslated


def _line_of(tree, namespace: str, original: str, unit_id: str) -> int | None:
    for file_node in tree.iter(f"{{{namespace}}}file"):
        if file_node.get("original") == original:
            for element in file_node.iter(f"{{{namespace}}}trans-unit"):
                if element.get("id") == unit_id:
                    return element.sourceline
    return None


# Markdown a translator may add: marking words as English (the title of an English-only
# document), as the Welsh spelling check and WCAG 3.1.2 ask: *Title*{lang=en}.
# The mark may also follow a tag: <g id="2">Making a difference</g>{lang=en}.
ALLOWED_ADDITION = re.compile(r"^[*_]…[*_]\{lang=en\}$")
ENGLISH_MARK = re.compile(r"\{lang=en\}$")
LINK_TARGET = re.compile(r"^(\]\()([^)\s]+)(.*)$", re.S)


def heading_anchors(path: Path) -> list[str]:
    """The anchors of a page's headings, in order, as the site makes them (toc's slugify of
    the heading's words; an explicit {#id} wins)."""
    document, _ = read_document(path)
    if document is None:
        return []
    anchors = []
    for block in split_blocks(document.body, document.body_line):
        if block.kind == "heading":
            explicit = re.search(r"\{[^}]*#([\w-]+)[^}]*\}", block.template)
            words = re.sub(r"<[^>]+>", "", markdown.markdown(block.units[0].text))
            anchors.append(explicit.group(1) if explicit else slugify(html.unescape(words), "-"))
    return anchors


def retarget(codes: dict[str, Code | Span], english_path: Path, welsh_path: Path, docs: Path) -> dict[str, Code | Span]:
    """The English unit's codes as the Welsh file needs them.
    - A page's Welsh file is one folder deeper (docs/cy/...) while pictures and downloads stay
      in docs/: their relative addresses get the Welsh file's way there.
    - Links to pages (.md) stay, each language links to its own, but a link to a heading of
      another page gets the Welsh page's anchor for that heading (the same heading by place).
    """
    adjusted: dict[str, Code | Span] = {}
    welsh_docs = docs / "cy"
    for code_id, code in codes.items():
        match = LINK_TARGET.match(code.closing) if isinstance(code, Span) else None
        target = match.group(2) if match else ""
        if not match or re.match(r"^([a-z][a-z0-9+.-]*:|#|/)", target):
            adjusted[code_id] = code
            continue
        address, _, anchor = target.partition("#")
        file = (english_path.parent / address).resolve()
        new_target = target
        if address.endswith(".md"):
            if anchor and file.is_relative_to(docs.resolve()) and not file.is_relative_to(welsh_docs.resolve()):
                welsh_page = welsh_docs / file.relative_to(docs.resolve())
                english_anchors, welsh_anchors = heading_anchors(file), heading_anchors(welsh_page) if welsh_page.is_file() else []
                if anchor in english_anchors and len(english_anchors) == len(welsh_anchors):
                    new_target = f"{address}#{welsh_anchors[english_anchors.index(anchor)]}"
        elif english_path.parent != welsh_path.parent and file.is_relative_to(docs.resolve()) and file.exists():
            new_target = os.path.relpath(file, welsh_path.parent.resolve()).replace(os.sep, "/") + (f"#{anchor}" if anchor else "")
        adjusted[code_id] = code if new_target == target else Span(code.id, code.opening, match.group(1) + new_target + match.group(3), code.ctype, code.parts)
    return adjusted


def check_translation(translation: Translation, english: Unit | None, shown: str, codes: dict[str, Code | Span] | None = None) -> tuple[str | None, list[Problem]]:
    """The Welsh Markdown of a unit, or what is wrong with it. codes: the English unit's codes
    as the Welsh file needs them (retarget)."""
    def problem(message: str) -> Problem:
        return Problem(shown, translation.line, f"unit {translation.unit_id}: {message} (nothing was written for this unit)", field=translation.unit_id)

    if english is None:
        return None, [problem("the English file has no such paragraph any more (it changed after the export): export again and translate the new package")]
    if _shape(translation.source) != _shape(english.parts):
        return None, [problem(f"the English has changed since the export (now: \"{_short(english.text)}\"): export again, or translate the new text")]
    code_problems = check_codes(english.parts, translation.target)
    if code_problems:
        return None, [problem(message) for message in code_problems]
    codes = codes if codes is not None else english.codes
    text = " ".join(render(translation.target, codes).split())
    # The Welsh must not add Markdown of its own: read back, it has exactly the English codes
    # (and at most words marked as English).
    found = _code_texts(parse_inline(text))
    expected = _code_texts(list(codes.values()), flat=True)
    extra = Counter(ENGLISH_MARK.sub("", item) for item in found) - Counter(ENGLISH_MARK.sub("", item) for item in expected)
    marked = Counter(ENGLISH_MARK.sub("", item) for item in found if ALLOWED_ADDITION.match(item))
    if (Counter(ENGLISH_MARK.sub("", item) for item in expected) - Counter(ENGLISH_MARK.sub("", item) for item in found)) or extra - marked:
        shown_extra = list((extra - marked).elements())
        hint = f" ({', '.join(repr(item) for item in shown_extra[:3])})" if shown_extra else ""
        return None, [problem(f"the Welsh text adds Markdown syntax of its own{hint}: write plain words, and use the tags for links and emphasis")]
    if english.kind == "cell" and "|" in plain_text(translation.target):
        return None, [problem("a '|' would split the table cell: use another character")]
    first = translation.target[0] if translation.target else ""
    if english.kind in ("heading", "item", "paragraph", "cell") and isinstance(first, str) and re.match(r"^(#{1,6}\s|[-*+]\s|\d+[.)]\s|>|!!!|\?\?\?|=+$|-+$)", first.lstrip()):
        return None, [problem("the Welsh text starts with Markdown block syntax (a heading, list or quote marker): start with the words")]
    return text, []


def _code_texts(parts: list[Part], flat: bool = False) -> list[str]:
    """What each code holds; flat: parts is already every code (a unit's codes)."""
    out = []
    for code in (parts if flat else codes_of(parts).values()):
        out.append(code.text if isinstance(code, Code) else f"{code.opening}…{code.closing}")
    return out


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


# ---------------------------------------------------------------- import: writing Markdown


def _yaml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a YAML double-quoted scalar


def set_front_matter(text: str, values: dict[str, str]) -> str:
    """The file's text with front matter fields set (replaced where they are, added before
    the closing '---' otherwise), every other line as it was."""
    lines = text.split("\n")
    closing = next(index for index in range(1, len(lines)) if lines[index].strip() == "---")
    front = "\n".join(lines[1:closing])
    node = yaml.compose(front, Loader=yaml.SafeLoader) if front.strip() else None
    spans = {key.value: (key, value) for key, value in node.value} if isinstance(node, yaml.MappingNode) else {}
    additions = []
    replacements = []
    for name, value in values.items():
        if name in spans:
            value_node = spans[name][1]
            replacements.append((value_node.start_mark.index, value_node.end_mark.index, _yaml_string(value)))
        else:
            additions.append(f"{name}: {_yaml_string(value)}")
    for start, end, new in sorted(replacements, reverse=True):
        front = front[:start] + new + front[end:]
    front_lines = front.split("\n") if front else []
    front_lines += additions
    return "\n".join(["---", *front_lines, *lines[closing:]])


@dataclass
class FileResult:
    path: Path
    written: int = 0
    complete: bool = False
    created: bool = False
    problems: list[Problem] = field(default_factory=list)


def welsh_fields_for_new_file(english: Document, kind: str) -> str:
    """The front matter of a new Welsh file: a page keeps the English page's fields, a
    case study, news post or event has only its text fields."""
    raw = english.path.read_text(encoding="utf-8").split("\n")
    if kind == PAGE:
        return "\n".join(raw[: english.closing_line])
    return "---\n---"


def write_markdown(root: Path, pair: Pair, translations: dict[str, str]) -> FileResult:
    """Write a Markdown file's translated units into its Welsh file (see the module's doc)."""
    result = FileResult(pair.welsh)
    english, problems = read_document(pair.english)
    if english is None:
        result.problems = problems
        return result
    fields, blocks = document_units(english)
    new_text_blocks = _text_blocks(blocks)
    shown_welsh = display_path(pair.welsh)
    if not pair.welsh.is_file():
        units = _units(fields, blocks)
        missing = [unit for unit in units if unit.key not in translations]
        if missing:
            result.problems.append(Problem(display_path(pair.english), 1, f"{len(units) - len(missing)} of {len(units)} units are translated: {shown_welsh} is written once every unit is (the site shows the English until then); the rest are in your package, e.g. {_relative(root, pair.english)}#{missing[0].key}", severity="warning"))
            return result
        lines: list[str] = []
        for block in blocks:
            lines += block.render([translations.get(unit.key, unit.text) for unit in block.units])
        head = welsh_fields_for_new_file(english, pair.kind)
        text = set_front_matter(head + "\n" + "\n".join(lines), {unit.key.removeprefix("meta."): translations[unit.key] for unit in fields if unit.key in translations}).rstrip("\n") + "\n"
        pair.welsh.parent.mkdir(parents=True, exist_ok=True)
        pair.welsh.write_text(text, encoding="utf-8")
        result.written, result.complete, result.created = len(units), True, True
        return result
    welsh, problems = read_document(pair.welsh)
    if welsh is None:
        result.problems = problems
        return result
    welsh_blocks = split_blocks(welsh.body, welsh.body_line)
    recorded = welsh.meta.get("translated_from")
    old_text = english_at(root, recorded) if isinstance(recorded, str) and not revision_of(pair.english).startswith(recorded) else None
    old = parse_document(pair.english, old_text.encode("utf-8"))[0] if old_text is not None else None
    alignment = align(blocks, welsh_blocks, split_blocks(old.body, old.body_line) if old else None)
    if alignment is None:
        result.problems.append(Problem(shown_welsh, welsh.body_line, f"the Welsh file's paragraphs, headings and list items do not line up with {display_path(pair.english)}'s, so the translation cannot be put in its place: make them match by hand, then import again (nothing was written to this file)"))
        return result
    cy_text_blocks = _text_blocks(welsh_blocks)
    # Each English block's Welsh lines: the Welsh block as it is, or rendered with new units.
    rendered: dict[int, list[str]] = {}
    complete = True
    written = 0
    for index, block in enumerate(new_text_blocks):
        welsh_index = alignment.welsh_of.get(index)
        ours = cy_text_blocks[welsh_index] if welsh_index is not None else None
        new_units = [unit.key in translations for unit in block.units]
        texts = []
        for position, unit in enumerate(block.units):
            if unit.key in translations:
                texts.append(translations[unit.key])
            elif ours is not None and unit.key not in alignment.changed:
                texts.append(ours.units[position].text)
            elif not has_words(unit):
                texts.append(unit.text)
            else:
                texts.append(None)
        if any(new_units) and all(text is not None for text in texts):
            rendered[index] = block.render(texts)
            written += sum(new_units)
            continue
        if ours is None or any(text is None for text in texts):
            complete = False
        if ours is not None:
            rendered[index] = list(ours.lines)
    # Lay the Welsh file out: its own lines, with each aligned block replaced, new blocks
    # after the block before them, and blocks whose English is gone kept until complete.
    welsh_index_of = {welsh_index: index for index, welsh_index in alignment.welsh_of.items()}
    out: list[str] = []
    text_position = 0
    pending_new = sorted(index for index in rendered if index not in alignment.welsh_of)
    for block in welsh_blocks:
        if not block.units:
            out += block.lines
            continue
        english_index = welsh_index_of.get(text_position)
        text_position += 1
        if english_index is None:
            if not complete:
                out += block.lines  # its English is gone: dropped once the file is complete
            continue
        while pending_new and pending_new[0] < english_index:
            out += rendered[pending_new.pop(0)] + [""]
        out += rendered.get(english_index, block.lines)
    for index in pending_new:
        out += [""] + rendered[index]
    field_values = {unit.key.removeprefix("meta."): translations[unit.key] for unit in fields if unit.key in translations}
    written += len(field_values)
    for unit in fields:
        if unit.key not in translations and (not isinstance(welsh.meta.get(unit.key.removeprefix("meta.")), str) or unit.key in _changed_fields(old, fields)):
            complete = False
    original = pair.welsh.read_text(encoding="utf-8")
    head = "\n".join(original.split("\n")[: welsh.closing_line])
    new_text = set_front_matter(head + "\n" + "\n".join(out), field_values).rstrip("\n") + ("\n" if original.endswith("\n") else "")
    if written:
        pair.welsh.write_text(new_text, encoding="utf-8")
    result.written, result.complete = written, complete
    return result


def _changed_fields(old: Document | None, fields: list[Unit]) -> set[str]:
    if old is None:
        return set()
    return {unit.key for unit in fields if " ".join(str(old.meta.get(unit.key.removeprefix("meta."), "")).split()) != unit.text}


# ---------------------------------------------------------------- import: writing data


def write_data(root: Path, path: Path, translations: dict[str, str]) -> tuple[int, list[Problem]]:
    """Set the Welsh values of a data file in its text: replaced where they are, added
    beside the English otherwise; every comment and other line stays."""
    node, text = compose_data(path)
    if node is None or text is None:
        return 0, [Problem(display_path(path), 1, "this data file cannot be read now: correct it (`make check`), then import again")]
    values = {value.key: value for value in data_values(_relative(root, path), node)}
    edits: list[tuple[int, int, str]] = []
    problems = []
    for key, welsh in translations.items():
        value = values.get(key)
        if value is None:
            continue
        if value.welsh is not None and value.welsh.value == welsh:
            continue  # the Welsh needed no change: the file stays as it is
        if value.welsh is not None:
            edits.append((value.welsh.start_mark.index, value.welsh.end_mark.index, _yaml_string(welsh)))
            continue
        parent = value.welsh_parent
        entry = f"{value.welsh_key}: {_yaml_string(welsh)}"
        if parent.flow_style:
            last = parent.value[-1][1]
            edits.append((last.end_mark.index, last.end_mark.index, f", {entry}"))
        else:
            first_key = parent.value[0][0]
            indent = " " * first_key.start_mark.column
            last = parent.value[-1][1]
            end = text.find("\n", max(last.end_mark.index - 1, 0))
            end = len(text) if end == -1 else end
            edits.append((end, end, f"\n{indent}{entry}"))
    new_text = text
    for start, end, new in sorted(edits, reverse=True):
        new_text = new_text[:start] + new + new_text[end:]
    # Read back: every value must be what was meant, and the rest of the file unchanged.
    try:
        check = {value.key: value for value in data_values(_relative(root, path), yaml.compose(new_text, Loader=yaml.SafeLoader))}
        wrong = [key for key, welsh in translations.items() if key in values and (check.get(key) is None or check[key].welsh is None or check[key].welsh.value != welsh)]
    except yaml.YAMLError:
        wrong = list(translations)
    if wrong:
        problems.append(Problem(display_path(path), 1, f"the Welsh of {', '.join(wrong[:3])} could not be put in this file's layout: add it by hand (nothing was written to this file)"))
        return 0, problems
    if new_text != text:
        path.write_text(new_text, encoding="utf-8")
    return len(edits), problems


# ---------------------------------------------------------------- import


@dataclass
class ImportReport:
    problems: list[Problem]
    written: dict[str, int]  # Welsh file -> units written
    stamped: list[str]
    untranslated: int
    messages: list[str] = field(default_factory=list)


def english_units_of(root: Path, relative: str) -> tuple[str, dict[str, Unit], object] | None:
    """The units of an English file of the repository as it is now, by key, and what it is."""
    path = root / relative
    if not path.is_file():
        return None
    pairs = translation_pairs(root / "docs", root)
    pair = next((pair for pair in pairs if pair.english.resolve() == path.resolve()), None)
    if pair is not None:
        document, _ = read_document(path)
        if document is None:
            return None
        fields, blocks = document_units(document)
        return "markdown", {unit.key: unit for unit in fields + [unit for block in blocks for unit in block.units]}, pair
    if path.resolve() in {file.resolve() for file in data_files(root)}:
        node, _ = compose_data(path)
        return "data", {value.key: make_unit(value.key, "value", value.english.start_mark.line + 1, value.english.value) for value in data_values(relative, node)}, path
    return None


def import_package(package: Path, root: Path, check: bool = True) -> ImportReport:
    files, translations, problems, untranslated = read_package(package)
    shown = display_path(package)
    report = ImportReport(problems, {}, [], untranslated)
    by_file: dict[str, list[Translation]] = {}
    for translation in translations:
        by_file.setdefault(translation.file, []).append(translation)
    pairs = translation_pairs(root / "docs", root)
    waiting_path = root / "translations-waiting.yml"
    written_pairs: list[Pair] = []
    written_data: list[Path] = []
    for relative, items in by_file.items():
        known = english_units_of(root, relative) if ".." not in Path(relative).parts and not Path(relative).is_absolute() else None
        if known is None:
            report.problems.append(Problem(shown, items[0].line, f"'{relative}' is not an English page, record or data file of this project: nothing of it was imported"))
            continue
        kind, english_units, target = known
        accepted: dict[str, str] = {}
        for translation in items:
            english = english_units.get(translation.key)
            codes = retarget(english.codes, target.english, target.welsh, root / "docs") if english is not None and kind == "markdown" else None
            welsh, unit_problems = check_translation(translation, english, shown, codes)
            report.problems += unit_problems
            if welsh is not None:
                accepted[translation.key] = welsh
        if not accepted:
            continue
        if kind == "markdown":
            result = write_markdown(root, target, accepted)
            report.problems += result.problems
            if result.written:
                report.written[_relative(root, target.welsh)] = result.written
                written_pairs.append(target)
            if result.complete and target.welsh.is_file():
                message, problem = stamp(target.welsh, pairs)
                if problem:
                    report.problems.append(problem)
                else:
                    report.stamped.append(_relative(root, target.welsh))
                if _remove_from_waiting(waiting_path, target.name if target.english.resolve().is_relative_to(root.resolve()) else relative, relative):
                    report.messages.append(f"{display_path(waiting_path)}: removed {relative}")
        else:
            count, data_problems = write_data(root, target, accepted)
            report.problems += data_problems
            if count:
                report.written[relative] = count
                written_data.append(target)
            if not data_problems:
                confirmed = load_confirmed(root)
                confirmed.update({f"{relative}#{key}": _fingerprint(english_units[key].text) for key in accepted})
                save_confirmed(root, confirmed)
    if check and (written_pairs or written_data):
        report.problems += checks_after_import(root, written_pairs, written_data)
    return report


def _remove_from_waiting(path: Path, *names: str) -> bool:
    """Take an English file off translations-waiting.yml, keeping every other line."""
    if not path.is_file():
        return False
    waiting, problems = load_waiting_list(path)
    lines = path.read_text(encoding="utf-8").split("\n")
    remove = {waiting[name] - 1 for name in names if name in waiting}
    if not remove:
        return False
    kept = [line for index, line in enumerate(lines) if index not in remove]
    remaining = [name for name in waiting if name not in names]
    if not remaining:
        kept = [line for line in kept if not re.match(r"^\s*waiting\s*:", line)]
        kept = [line for line in kept if line.strip()] + ["waiting: []", ""]
    path.write_text("\n".join(kept), encoding="utf-8")
    return True


def checks_after_import(root: Path, pairs: list[Pair], data: list[Path]) -> list[Problem]:
    """The translation and spelling checks on what the import wrote."""
    from exchange.welsh.spelling import SpellCheckerUnavailable, check_welsh_spelling

    problems: list[Problem] = []
    for pair in pairs:
        if pair.welsh.is_file():
            problems += list(check_structure(pair))
    # Resources are not "records" of both languages: a title stays English-only when the
    # document has no Welsh version (exchange/content/resources.py checks their languages).
    records = [path for path in data if path.parent.name != "resources"]
    if records:
        problems += list(check_records(records))
    try:
        welsh_files = [pair.welsh for pair in pairs if pair.welsh.is_file()]
        problems += check_welsh_spelling(welsh_files, include_records=bool(data), data_files=data)
    except SpellCheckerUnavailable as error:
        problems.append(Problem("spelling", 1, f"the Welsh spelling was not checked: {error}", severity="warning"))
    return problems


