"""Organisation names on Welsh pages (issue 15): one Welsh form per organisation, from the
data, and no English name left unmarked on a Welsh page (exchange/content/organisation_names.py)."""

from __future__ import annotations

import logging
import subprocess
import sys
from types import SimpleNamespace


from exchange import PROJECT_ROOT
from exchange.content import organisation_names
from exchange.hooks import organisations as hook
from exchange.content.organisation_names import (check_welsh_files, english_names_in, english_names_in_html, glossary_agreement_problems,
                                         name_forms, organisation_names as all_names)
from tests.site_pages import is_welsh_path, page_paths, soup

SCRIPT = PROJECT_ROOT / "scripts" / "check_organisation_names.py"


def test_a_name_gives_its_initials_and_its_expansion_as_forms_of_their_own():
    assert name_forms("Education Achievement Service for South East Wales (EAS)") == [
        "Education Achievement Service for South East Wales (EAS)", "Education Achievement Service for South East Wales", "EAS"]
    assert name_forms("ERW (Education through Regional Working)")[1:] == ["Education through Regional Working", "ERW"]
    assert name_forms("GwE (North Wales)") == ["GwE (North Wales)"]  # "North Wales" is not the organisation's name
    assert name_forms("The Fostering Network") == ["The Fostering Network", "Fostering Network"]
    assert name_forms("Voices From Care Cymru") == ["Voices From Care Cymru", "Voices From Care"]


def test_each_organisation_has_one_welsh_form_taken_from_the_data():
    names = {name.id: name for name in all_names() if name.where.startswith("contacts/")}
    assert names["eas"].welsh[0] == "Gwasanaeth Cyflawni Addysg De-ddwyrain Cymru (GCA)" and "GCA" in names["eas"].welsh
    assert set(names["eas"].english_only) == {"Education Achievement Service for South East Wales (EAS)", "Education Achievement Service for South East Wales", "EAS"}
    assert names["the-fostering-network"].welsh[0] == "Y Rhwydwaith Maethu"
    assert names["voices-from-care-cymru"].welsh[0] == "Lleisiau o Ofal Cymru"
    assert names["care-forum-wales"].welsh[0] == "Fforwm Gofal Cymru"
    assert names["estyn"].english_only == ()  # the same name in both languages


def test_english_names_are_found_whole_and_longest_first():
    found = [(form, name.id) for form, name in english_names_in("Bu GCA yn gweithio gyda The Fostering Network a Voices From Care Cymru, nid EASY.")]
    assert found == [("The Fostering Network", "the-fostering-network"), ("Voices From Care Cymru", "voices-from-care-cymru")]
    assert [form for form, _ in english_names_in("Mae EAS yn un.")] == ["EAS"]
    # On Welsh pages PDG means "plant sy'n derbyn gofal": a Welsh form, never reported.
    assert list(english_names_in("Mae PDG yn yr ysgol.")) == []


def test_marked_english_is_left_alone_in_markdown_and_in_html(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("---\ntitle: Tudalen\n---\n\nCyhoeddodd *The Fostering Network*{lang=en} ganllaw.\n\n"
                    "Mae [Voices From Care Cymru](https://voicesfromcarecymru.org.uk){lang=en} yn helpu.\n\n"
                    "Ond mae EAS yma heb ei nodi.\n", encoding="utf-8")
    problems = check_welsh_files([page], include_records=False)
    assert [(problem.line, problem.message.split(":")[0]) for problem in problems] == [(9, "'EAS' is the English name of 'eas'")]
    assert "'Gwasanaeth Cyflawni Addysg De-ddwyrain Cymru (GCA)'" in problems[0].message and "*EAS*{lang=en}" in problems[0].message
    html = ('<p>Gan <span lang="en">The Fostering Network</span> a <cite lang="en-GB">Voices From Care</cite>.</p>\n'
            '<script>var x = "EAS";</script>\n<p lang="cy">Gwaith <abbr title="x">EAS</abbr><br>a Care Forum Wales</p>')
    assert [(line, form) for line, form, _ in english_names_in_html(html)] == [(3, "EAS"), (3, "Care Forum Wales")]


def test_the_glossary_and_the_contact_list_agree():
    assert glossary_agreement_problems() == []


def test_a_glossary_record_with_another_welsh_name_is_reported(monkeypatch):
    from exchange.content import glossary

    records = glossary.glossary_terms()
    eas = next(record for record in records if record.id == "education-achievement-service")
    changed = glossary.GlossaryTerm(eas.id, eas.line, {**eas.texts, "cy": glossary.TermText("Gwasanaeth Cyflawni Addysg", ("EAS",), "x", ())})
    monkeypatch.setattr(glossary, "glossary_terms", lambda: [changed if record is eas else record for record in records])
    problems = [str(problem) for problem in glossary_agreement_problems()]
    assert problems == [f"exchange/data/glossary.yml:{eas.line}: glossary record 'education-achievement-service' names 'eas', whose Welsh name in "
                        f"contacts/consortia.yml is 'Gwasanaeth Cyflawni Addysg De-ddwyrain Cymru (GCA)', but gives the Welsh term 'Gwasanaeth Cyflawni Addysg' "
                        f"(initials EAS): use the same Welsh name and initials in both files"]


def test_the_site_has_no_english_organisation_name_on_a_welsh_source_file():
    assert [str(problem) for problem in check_welsh_files()] == []


def test_the_checker_prints_path_line_message(tmp_path):
    page = tmp_path / "cy.md"
    page.write_text("---\ntitle: Astudiaeth\n---\n\nGweithiodd y cyngor gyda Care Forum Wales.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(SCRIPT), str(page)], capture_output=True, text=True, cwd=PROJECT_ROOT)
    assert result.returncode == 1
    assert result.stdout.startswith(f"{page}:5: 'Care Forum Wales' is the English name of 'care-forum-wales': on a Welsh page write its Welsh name 'Fforwm Gofal Cymru'")
    assert "organisation names: 1 error(s)" in result.stderr


def test_the_build_hook_warns_on_a_welsh_page_only(caplog, tmp_path):
    source = tmp_path / "page.md"
    source.write_text("Llinell gyntaf\nGyda The Fostering Network.\n", encoding="utf-8")
    config = {"plugins": {}}
    welsh = SimpleNamespace(file=SimpleNamespace(abs_src_path=str(source), src_uri="cy/page.md", locale="cy"))
    english = SimpleNamespace(file=SimpleNamespace(abs_src_path=str(source), src_uri="page.md", locale="en"))
    html = "<p>Gyda The Fostering Network.</p>"
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.exchange.organisations"):
        assert hook.on_page_content(html, english, config, None) == html
        assert caplog.records == []
        assert hook.on_page_content(html, welsh, config, None) == html
    assert [record.getMessage() for record in caplog.records] == [
        f"organisation name problem: {source}:2: " + organisation_names.message("The Fostering Network", next(n for n in all_names() if n.id == "the-fostering-network"))]


def test_no_welsh_page_of_the_built_site_has_an_unmarked_english_name(built_site):
    """The whole page as built (templates, generated pages, the resource library's hidden link
    texts), without scripts, templates and text marked as another language."""
    found = []
    for relative in page_paths(built_site):
        if not is_welsh_path(relative):
            continue
        document = soup(built_site / relative)
        for element in document.select("script, style, template, [lang]:not([lang^=cy])"):
            element.extract() if element.parent else None
        for form, name in english_names_in(document.get_text(" ")):
            found.append(f"{relative}: {form} ({name.id})")
    soup.cache_clear()  # the pages were changed in memory
    assert found == []
