"""The translation package (exchange/welsh/translation_package.py): XLIFF 1.2 out for what waits
for Welsh, the glossary as TBX, earlier translations as TMX, and the translated XLIFF back
into the Welsh files. Every test works on a small project copied into a temporary folder
(with its own git repository, since stamps are git blob ids), never on the real files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from translate.storage import tbx, tmx, xliff

from exchange import PROJECT_ROOT
from exchange.core import system_packages
from exchange.welsh.translation_package import (PRODUCT, TBX_NAME, TMX_NAME, XLIFF_12, XLIFF_NAME, checks_after_import,
                                          export_package, import_package)
from exchange.welsh.translation_units import parse_inline, render, split_blocks
from exchange.welsh.translations import CURRENT, check_pairs, load_waiting_list, revision_of, translation_pairs, translation_statuses

NS = {"x": XLIFF_12}
CASE = "case_studies/rumney-therapies"
OLD_SENTENCE = "The Welsh Government guide that lists the case study does not say which therapies the school used."
NEW_SENTENCE = "The Welsh Government guide that lists the case study does not name the therapies the school used."
WELSH_PARAGRAPH = ("Ysgrifennodd Ysgol Gynradd Rumney yng Nghaerdydd astudiaeth achos ar sut mae'n defnyddio therapïau i gefnogi "
                   "anghenion cymdeithasol ac emosiynol plant sy'n derbyn gofal. Nid yw canllaw Llywodraeth Cymru sy'n rhestru'r "
                   "astudiaeth achos yn enwi'r therapïau a ddefnyddiodd yr ysgol. Ysgrifennodd yr ysgol astudiaeth achos hefyd ar "
                   "rôl ei pherson dynodedig ar gyfer plant sy'n derbyn gofal.")
NEW_PAGE = """---
title: Plans
description: The plans of a looked after child.
sources:
  - making-a-difference
---

# Plans

Every looked after child has more than one plan. Read [the guidance](index.md).

| Plan | Who |
|---|---|
| *Personal education plan* | The school |
"""
NEW_PAGE_WELSH = {
    "meta.title": "Cynlluniau",
    "meta.description": "Cynlluniau plentyn sy'n derbyn gofal.",
    "b1": "Cynlluniau",
    "b2": 'Mae gan bob plentyn sy\'n derbyn gofal fwy nag un cynllun. Darllenwch <g id="1">y canllawiau</g>.',
    "b3.1": "Cynllun",
    "b3.2": "Pwy",
    "b4.1": '<g id="1">Cynllun addysg personol</g>',
    "b4.2": "Yr ysgol",
}


def git(root: Path, *arguments: str) -> None:
    subprocess.run(["git", "-C", str(root), *arguments], check=True, capture_output=True)


@pytest.fixture
def project(tmp_path) -> Path:
    """A small project in a git repository: a page and a case study translated and stamped,
    a page waiting for Welsh, interface strings, the glossary and a resource."""
    root = tmp_path / "project"
    for relative in ("docs/guidance/index.md", "docs/cy/guidance/index.md", f"{CASE}/en.md", f"{CASE}/cy.md", "exchange/data/glossary.yml"):
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(PROJECT_ROOT / relative, root / relative)
    (root / "docs/guidance/plans.md").write_text(NEW_PAGE, encoding="utf-8")
    (root / "translations-waiting.yml").write_text("# waiting\nwaiting:\n  - docs/guidance/plans.md\n", encoding="utf-8")
    (root / "exchange/data/strings.yml").write_text(
        '# strings\nhome: {en: Home, cy: Hafan}\ncount.other: {en: "{n} case studies"}\nmenu.open:\n  en: Open the menu\n', encoding="utf-8")
    (root / "resources").mkdir()
    (root / "resources/guide.yml").write_text('title:\n  en: "A guide"\nwelsh_version: unknown\nsummary:\n  en: "A guide for schools."\n', encoding="utf-8")
    git(root, "init", "-q")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "start")
    return root


def change_english(root: Path) -> Path:
    english = root / CASE / "en.md"
    text = english.read_text(encoding="utf-8")
    assert OLD_SENTENCE in text
    english.write_text(text.replace(OLD_SENTENCE, NEW_SENTENCE), encoding="utf-8")
    return english


def units_of(package: Path, original: str) -> dict[str, etree._Element]:
    tree = etree.parse(str(package))
    return {unit.get("id").partition("#")[2]: unit for unit in tree.xpath(f"//x:file[@original='{original}']//x:trans-unit", namespaces=NS)}


def fill(package: Path, out: Path, targets: dict[str, str], state: str = "translated") -> Path:
    """What a translator's tool gives back: the package with <target>s."""
    tree = etree.parse(str(package))
    for unit in tree.iter(f"{{{XLIFF_12}}}trans-unit"):
        if unit.get("id") in targets:
            target = etree.fromstring(f'<target xmlns="{XLIFF_12}" state="{state}">{targets[unit.get("id")]}</target>')
            unit.find(f"{{{XLIFF_12}}}source").addnext(target)
    tree.write(str(out), xml_declaration=True, encoding="UTF-8")
    return out


def exported(root: Path) -> Path:
    export_package(root, root / "translations/out")
    return root / "translations/out" / XLIFF_NAME


def project_problems(root: Path, data: bool = False) -> list[str]:
    """The translation checks of `make check` (pairs, stamps, waiting list, headings and
    links, records, Welsh spelling) on the temporary project."""
    pairs = translation_pairs(root / "docs", root)
    waiting, problems = load_waiting_list(root / "translations-waiting.yml")
    problems += list(check_pairs(translation_statuses(pairs, waiting), waiting))
    problems += checks_after_import(root, [pair for pair in pairs if pair.welsh.is_file()], [root / "exchange/data/strings.yml"] if data else [])
    return [str(problem) for problem in problems]


# ---------------------------------------------------------------- the round trip


def test_a_changed_paragraph_goes_out_alone_and_comes_back_into_its_place(project):
    english = change_english(project)
    welsh = project / CASE / "cy.md"
    before = welsh.read_text(encoding="utf-8")
    package = exported(project)

    units = units_of(package, f"{CASE}/en.md")
    assert list(units) == ["b1"], "only the changed paragraph is work to do; the untouched ones are left out"
    assert NEW_SENTENCE in "".join(units["b1"].find("x:source", NS).itertext())
    assert units["b1"].xpath("string(.//x:context[@context-type='linenumber'])", namespaces=NS) == "17"
    # The translation memory holds the paragraph's English before the change, with its Welsh.
    memory = tmx.tmxfile.parsestring((project / "translations/out" / TMX_NAME).read_bytes())
    pairs = {unit.source: unit.target for unit in memory.units}
    old_english = next(source for source in pairs if OLD_SENTENCE in source)
    assert "yn dweud pa therapïau" in pairs[old_english]

    filled = fill(package, project / "done.xlf", {f"{CASE}/en.md#b1": WELSH_PARAGRAPH})
    report = import_package(filled, project)
    assert [str(problem) for problem in report.problems if problem.severity == "error"] == []
    assert report.written == {f"{CASE}/cy.md": 1} and report.stamped == [f"{CASE}/cy.md"]
    after = welsh.read_text(encoding="utf-8")
    assert WELSH_PARAGRAPH in after and "yn dweud pa therapïau" not in after
    # Every other line is as it was; the stamp is the English file's revision now.
    changed = [(old, new) for old, new in zip(before.splitlines(), after.splitlines()) if old != new]
    assert len(changed) == 2 and changed[0][1] == f"translated_from: {revision_of(english)}" and changed[1][1] == WELSH_PARAGRAPH
    assert len(before.splitlines()) == len(after.splitlines()) and after.endswith("\n") == before.endswith("\n")
    states = {status.pair.english: status.state for status in translation_statuses(translation_pairs(project / "docs", project), {})}
    assert states[project / CASE / "en.md"] == CURRENT
    assert [problem for problem in project_problems(project) if "plans.md" not in problem] == []  # plans.md: still waiting
    # Exported again, nothing of the case study is left to do.
    assert units_of(exported(project), f"{CASE}/en.md") == {}


def test_a_waiting_page_is_written_from_the_english_structure_once_every_unit_is_translated(project):
    package = exported(project)
    original = "docs/guidance/plans.md"
    assert sorted(units_of(package, original)) == sorted(NEW_PAGE_WELSH)
    targets = {f"{original}#{key}": value for key, value in NEW_PAGE_WELSH.items()}
    # Half the units: the Welsh page is not written (the site shows the English with its notice).
    half = dict(list(targets.items())[:4])
    report = import_package(fill(package, project / "half.xlf", half), project)
    assert not (project / "docs/cy/guidance/plans.md").exists()
    assert any("4 of 8 units are translated" in problem.message and problem.severity == "warning" for problem in report.problems)
    assert "docs/guidance/plans.md" in (project / "translations-waiting.yml").read_text(encoding="utf-8")

    report = import_package(fill(package, project / "all.xlf", targets), project)
    assert [str(problem) for problem in report.problems if problem.severity == "error"] == []
    welsh = (project / "docs/cy/guidance/plans.md").read_text(encoding="utf-8")
    english = project / original
    assert welsh == (
        "---\n"
        'title: "Cynlluniau"\n'
        "description: \"Cynlluniau plentyn sy'n derbyn gofal.\"\n"
        "sources:\n  - making-a-difference\n"
        f"translated_from: {revision_of(english)}\n"
        "---\n\n"
        "# Cynlluniau\n\n"
        "Mae gan bob plentyn sy'n derbyn gofal fwy nag un cynllun. Darllenwch [y canllawiau](index.md).\n\n"
        "| Cynllun | Pwy |\n|---|---|\n| *Cynllun addysg personol* | Yr ysgol |\n"
    )
    assert load_waiting_list(project / "translations-waiting.yml")[0] == {}
    assert project_problems(project) == []


def test_interface_strings_and_resource_summaries_without_welsh_go_out_and_come_back(project):
    package = exported(project)
    strings = units_of(package, "exchange/data/strings.yml")
    assert sorted(strings) == ["count.other", "menu.open"]  # "home" has its Welsh
    assert etree.tostring(strings["count.other"].find("x:source", NS), encoding="unicode").count('<x id="1" ctype="x-placeholder" equiv-text="{n}"/>') == 1
    assert sorted(units_of(package, "resources/guide.yml")) == ["summary"]  # no title: no Welsh version of the document
    filled = fill(package, project / "done.xlf", {
        "exchange/data/strings.yml#count.other": '<x id="1"/> astudiaeth achos',
        "exchange/data/strings.yml#menu.open": "Agor y ddewislen",
        "resources/guide.yml#summary": "Canllaw i ysgolion.",
    })
    report = import_package(filled, project)
    assert [str(problem) for problem in report.problems] == []
    assert [problem for problem in project_problems(project, data=True) if "plans.md" not in problem] == []
    assert (project / "exchange/data/strings.yml").read_text(encoding="utf-8") == (
        '# strings\nhome: {en: Home, cy: Hafan}\ncount.other: {en: "{n} case studies", cy: "{n} astudiaeth achos"}\n'
        'menu.open:\n  en: Open the menu\n  cy: "Agor y ddewislen"\n')
    assert 'cy: "Canllaw i ysgolion."' in (project / "resources/guide.yml").read_text(encoding="utf-8")
    assert units_of(exported(project), "exchange/data/strings.yml") == {}


# ---------------------------------------------------------------- the files are what tools read


def test_the_xliff_is_xliff_1_2_that_translate_toolkit_reads_back(project):
    change_english(project)
    package = exported(project)
    root = etree.parse(str(package)).getroot()
    assert root.get("version") == "1.2" and etree.QName(root).namespace == XLIFF_12
    assert {node.get("product-name") for node in root.iter(f"{{{XLIFF_12}}}file")} == {PRODUCT}
    store = xliff.xlifffile.parsestring(package.read_bytes())
    ids = [unit.xmlelement.get("id") for unit in store.units]
    assert len(ids) == len(set(ids)) and f"{CASE}/en.md#b1" in ids and "docs/guidance/plans.md#b2" in ids
    link = next(unit for unit in store.units if unit.xmlelement.get("id") == "docs/guidance/plans.md#b2")
    assert link.getlocations() == ["docs/guidance/plans.md:10"]
    assert 'Read <g id="1" ctype="link">the guidance</g>.' in etree.tostring(link.xmlelement, encoding="unicode")


def oasis_xliff_schema() -> etree.XMLSchema:
    """OASIS's own XLIFF 1.2 strict schema (`make test` installs it: exchange/core/system_packages.py).
    It imports the XML namespace's schema from w3.org; the copy beside it is read instead."""
    path = system_packages.xliff_schema()
    document = etree.parse(str(path))
    imports = document.getroot().findall("{http://www.w3.org/2001/XMLSchema}import")
    assert [node.get("namespace") for node in imports] == ["http://www.w3.org/XML/1998/namespace"]
    imports[0].set("schemaLocation", (path.parent / "xml.xsd").as_uri())
    return etree.XMLSchema(document)


def test_the_xliff_validates_against_the_oasis_schema(project):
    schema = oasis_xliff_schema()
    change_english(project)
    package = exported(project)
    document = etree.parse(str(package))
    assert schema.validate(document), schema.error_log
    # The schema can fail: an unknown state, or a unit without an id, is refused.
    unit = document.find(".//x:trans-unit", NS)
    unit.attrib.pop("id")
    assert not schema.validate(document)


def test_the_termbase_has_every_glossary_term_in_both_languages(project):
    exported(project)
    store = tbx.tbxfile.parsestring((project / "translations/out" / TBX_NAME).read_bytes())
    terms = {unit.getid(): ([term.text for term in unit.get_source_terms()], [term.text for term in unit.get_target_terms("cy")]) for unit in store.units}
    assert terms["looked-after-child"] == (["looked after children", "LAC"], ["plant sy'n derbyn gofal", "PDG"])
    assert terms["designated-person"][1][0] == "person dynodedig"
    import yaml
    glossary = yaml.safe_load((project / "exchange/data/glossary.yml").read_text(encoding="utf-8"))
    assert len(terms) == len(glossary) and all(english and welsh for english, welsh in terms.values())


# ---------------------------------------------------------------- protected Markdown


@pytest.mark.parametrize("target, message", [
    ('Mae gan bob plentyn fwy nag un cynllun. Darllenwch y canllawiau.', "tag 1 (the link (index.md)) is missing"),
    ('Darllenwch <g id="1">y canllawiau</g> a <g id="1">hyn</g>.', "tag 1 (the link (index.md)) appears 2 times"),
    ('Darllenwch <x id="1"/> y canllawiau.', "must wrap the words it applies to"),
    ('Darllenwch <g id="1">y canllawiau</g> <x id="7"/>.', "tag 7 is not in the English text"),
    ('Darllenwch <g id="1">y canllawiau</g> a [hwn](https://example.org).', "adds Markdown syntax of its own"),
    ('Darllenwch <g id="1">y canllawiau</g> *nawr*.', "adds Markdown syntax of its own"),
    ('Darllenwch <g id="1">y canllawiau</g> `cod`.', "adds Markdown syntax of its own"),
])
def test_a_translator_cannot_break_the_protected_markdown(project, target, message):
    package = exported(project)
    page = project / "docs/guidance/plans.md"
    report = import_package(fill(package, project / "t.xlf", {"docs/guidance/plans.md#b2": target}), project)
    errors = [problem for problem in report.problems if problem.severity == "error"]
    assert len(errors) == 1 and message in errors[0].message, errors
    assert errors[0].path.endswith("t.xlf") and "unit docs/guidance/plans.md#b2" in errors[0].message and errors[0].line > 1
    assert not (project / "docs/cy/guidance/plans.md").exists() and page.read_text(encoding="utf-8") == NEW_PAGE


def test_tags_may_move_and_the_markdown_comes_from_the_english():
    english = parse_inline("Read [the report](../a.md){lang=en} and *this* now.")
    assert render(english) == "Read [the report](../a.md){lang=en} and *this* now."
    from exchange.welsh.translation_units import Span
    moved = ["Darllenwch ", Span("2", "", "", "g", ["hwn"]), " a ", Span("1", "", "", "g", ["yr adroddiad"])]
    assert render(moved, {code.id: code for code in [part for part in english if not isinstance(part, str)]}) == \
        "Darllenwch *hwn* a [yr adroddiad](../a.md){lang=en}"


def test_every_block_of_the_real_pages_splits_and_renders_back_unchanged():
    """The blocks of every English and Welsh page of the project give its body back, and
    every unit's parts give its Markdown back: nothing a translator does not see is lost.
    (How many Welsh files have the same blocks as their English ones: make bench-translation.)"""
    from exchange.core.frontmatter import read_document

    for pair in translation_pairs():
        for path in (pair.english, pair.welsh):
            if not path.is_file():
                continue
            document, _ = read_document(path)
            blocks = split_blocks(document.body, document.body_line)
            assert "\n".join(line for block in blocks for line in block.lines) == document.body, path
            for block in blocks:
                for unit in block.units:
                    assert render(unit.parts) == unit.text, (path, unit.key)


# ---------------------------------------------------------------- bad input


def run_import(project: Path, package: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(PROJECT_ROOT / "scripts" / "translation_import.py"), "--root", str(project), str(package)],
                          capture_output=True, text=True, cwd=project)


def snapshot(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file() and ".git" not in path.parts and "translations" not in path.parts and not path.name.endswith(".xlf")}


def assert_refused(project: Path, package: Path, *expected: str) -> str:
    before = snapshot(project)
    completed = run_import(project, package)
    output = completed.stdout + completed.stderr
    assert completed.returncode == 1, output
    assert "Traceback" not in output
    for text in expected:
        assert text in output, output
    assert snapshot(project) == before, "nothing may be written for units in error"
    return output


def test_an_xliff_of_another_project_is_refused(project):
    other = project / "other.xlf"
    other.write_text(f"""<?xml version="1.0"?>
<xliff version="1.2" xmlns="{XLIFF_12}">
  <file original="strings.po" source-language="en" target-language="cy" datatype="po">
    <body>
      <trans-unit id="1"><source>Home</source><target>Cartref</target></trans-unit>
    </body>
  </file>
</xliff>
""", encoding="utf-8")
    assert_refused(project, other, "other.xlf:3: <file original=\"strings.po\"> is not from this project's translation package")


def test_english_changed_after_the_export_is_refused_for_that_unit(project):
    package = exported(project)
    filled = fill(package, project / "late.xlf", {"docs/guidance/plans.md#b2": 'Mae gan bob plentyn fwy nag un cynllun. Darllenwch <g id="1">y canllawiau</g>.'})
    page = project / "docs/guidance/plans.md"
    page.write_text(NEW_PAGE.replace("has more than one plan", "has several plans"), encoding="utf-8")
    output = assert_refused(project, filled, "late.xlf:", "unit docs/guidance/plans.md#b2: the English has changed since the export")
    assert ":1:" not in output.split("late.xlf")[1][:4]


def test_a_broken_placeholder_is_refused(project):
    package = exported(project)
    filled = fill(package, project / "p.xlf", {"exchange/data/strings.yml#count.other": "{n} astudiaeth achos"})
    assert_refused(project, filled, "unit exchange/data/strings.yml#count.other: tag 1 ({n}) is missing")


def test_an_empty_target_is_refused(project):
    package = exported(project)
    filled = fill(package, project / "e.xlf", {"exchange/data/strings.yml#menu.open": " "})
    assert_refused(project, filled, "unit exchange/data/strings.yml#menu.open: the Welsh text is empty")


def test_a_file_that_is_not_xml_is_refused(project):
    broken = project / "broken.xlf"
    broken.write_text("<?xml version='1.0'?>\n<xliff version='1.2'>\n<file>\n</xliff>\n", encoding="utf-8")
    assert_refused(project, broken, "broken.xlf:4: not an XML file")
    text = project / "notes.xlf"
    text.write_text("Dyma'r cyfieithiad.\n", encoding="utf-8")
    assert_refused(project, text, "notes.xlf:1: not an XML file")


def test_units_in_error_do_not_stop_the_good_ones_and_untranslated_units_keep_the_welsh(project):
    change_english(project)
    package = exported(project)
    filled = fill(package, project / "mixed.xlf", {
        f"{CASE}/en.md#b1": WELSH_PARAGRAPH,
        "exchange/data/strings.yml#count.other": "astudiaeth achos",  # the placeholder is gone
    })
    completed = run_import(project, filled)
    assert completed.returncode == 1 and "tag 1 ({n}) is missing" in completed.stdout
    assert WELSH_PARAGRAPH in (project / CASE / "cy.md").read_text(encoding="utf-8")
    assert "cy:" not in (project / "exchange/data/strings.yml").read_text(encoding="utf-8").split("count.other")[1].split("\n")[0]


# ---------------------------------------------------------------- what the Welsh file needs


def test_a_new_welsh_page_reaches_the_pictures_in_docs_and_the_welsh_headings_and_may_mark_english_words(project):
    (project / "docs/assets").mkdir()
    (project / "docs/assets/plan.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    page = project / "docs/guidance/pictures.md"
    page.write_text("---\ntitle: Pictures\n---\n\n![A plan](../assets/plan.svg)\n\nRead *Making a difference* and [roles](index.md#roles).\n", encoding="utf-8")
    (project / "translations-waiting.yml").write_text("waiting:\n  - docs/guidance/plans.md\n  - docs/guidance/pictures.md\n", encoding="utf-8")
    package = exported(project)
    targets = {
        "docs/guidance/pictures.md#meta.title": "Lluniau",
        "docs/guidance/pictures.md#b1": '<g id="1">Cynllun</g>',
        "docs/guidance/pictures.md#b2": 'Darllenwch <g id="1">Making a difference</g>{lang=en} a *canllaw*{lang=en} a <g id="2">cynlluniau</g>.',
    }
    report = import_package(fill(package, project / "p.xlf", targets), project)
    assert [str(problem) for problem in report.problems if problem.severity == "error"] == []
    welsh = (project / "docs/cy/guidance/pictures.md").read_text(encoding="utf-8")
    assert "![Cynllun](../../assets/plan.svg)" in welsh, "the picture stays in docs/assets/: one folder further from docs/cy/"
    # A link to a heading of another page goes to the Welsh page's heading (## Roles -> ## Rolau).
    assert "Darllenwch *Making a difference*{lang=en} a *canllaw*{lang=en} a [cynlluniau](index.md#rolau)." in welsh
    # Importing the same file again writes the same text.
    import_package(fill(package, project / "p.xlf", targets), project)
    assert (project / "docs/cy/guidance/pictures.md").read_text(encoding="utf-8") == welsh


def test_an_outdated_file_whose_earlier_english_git_lacks_goes_out_whole(project):
    welsh = project / CASE / "cy.md"
    welsh.write_text(welsh.read_text(encoding="utf-8").replace("translated_from: c00dc08ad343", "translated_from: 0123456789ab"), encoding="utf-8")
    report = export_package(project, project / "translations/out")
    source = next(source for source in report.sources if source.path == f"{CASE}/en.md")
    assert len(source.units) > 5 and "0123456789ab" in source.note and "every unit is sent" in source.note


def test_a_welsh_file_of_another_shape_is_left_alone(project):
    change_english(project)
    package = exported(project)
    welsh = project / CASE / "cy.md"
    welsh.write_text(welsh.read_text(encoding="utf-8") + "\nParagraff ychwanegol.\n", encoding="utf-8")
    filled = fill(package, project / "shape.xlf", {f"{CASE}/en.md#b1": WELSH_PARAGRAPH})
    assert_refused(project, filled, f"{CASE}/cy.md:7: the Welsh file's paragraphs, headings and list items do not line up")


def test_an_xliff_2_file_is_refused(project):
    other = project / "two.xlf"
    other.write_text('<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="cy"/>\n', encoding="utf-8")
    assert_refused(project, other, "two.xlf:2: not an XLIFF 1.2 file")


def test_a_data_value_whose_english_changed_since_its_welsh_goes_out_with_its_old_translation(project):
    strings = project / "exchange/data/strings.yml"
    strings.write_text(strings.read_text(encoding="utf-8").replace("home: {en: Home, cy: Hafan}", "home: {en: Home page, cy: Hafan}"), encoding="utf-8")
    glossary = project / "exchange/data/glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("    term: foster carer\n", "    term: foster parent\n"), encoding="utf-8")
    package = exported(project)
    assert sorted(units_of(package, "exchange/data/strings.yml")) == ["count.other", "home", "menu.open"]
    assert sorted(units_of(package, "exchange/data/glossary.yml")) == ["foster-carer.term"]
    memory = tmx.tmxfile.parsestring((project / "translations/out" / TMX_NAME).read_bytes())
    assert {(unit.source, unit.target) for unit in memory.units} >= {("Home", "Hafan"), ("foster carer", "gofalwr maeth")}
    # A translator may find the Welsh needs no change: returned as it is, it counts as translated.
    before = strings.read_text(encoding="utf-8")
    report = import_package(fill(package, project / "same.xlf", {"exchange/data/strings.yml#home": "Hafan"}), project, check=False)
    assert report.problems == [] and strings.read_text(encoding="utf-8") == before
    assert "home" not in units_of(exported(project), "exchange/data/strings.yml")
    assert '"exchange/data/strings.yml#home":' in (project / "translations/confirmed.yml").read_text(encoding="utf-8")
    (project / "translations/confirmed.yml").unlink()
    # Committed together with a new Welsh, the English counts as translated.
    strings.write_text(strings.read_text(encoding="utf-8").replace("cy: Hafan}", "cy: Tudalen gartref}"), encoding="utf-8")
    git(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "strings")
    package = exported(project)
    assert sorted(units_of(package, "exchange/data/strings.yml")) == ["count.other", "menu.open"]
    assert sorted(units_of(package, "exchange/data/glossary.yml")) == ["foster-carer.term"]
    filled = fill(package, project / "g.xlf", {"exchange/data/glossary.yml#foster-carer.term": "rhiant maeth"})
    report = import_package(filled, project, check=False)
    assert report.problems == [] and report.written == {"exchange/data/glossary.yml": 1}
    assert '    term: "rhiant maeth"\n' in glossary.read_text(encoding="utf-8")
    assert units_of(exported(project), "exchange/data/glossary.yml") == {}
