"""Previews (`make serve` = `mkdocs serve --dirty`) rebuild only what an edit changed
(exchange/pages/preview.py): pinned with two `mkdocs build --dirty` runs into one site folder, which
is what the preview server does on each save, and with the module's own rules."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from exchange import PROJECT_ROOT
from exchange.bench import benchmark
from exchange.pages import case_study_pages
from exchange.pages import listing_pages
from exchange.pages import preview
from exchange.content.case_studies import ENVIRONMENT_VARIABLE, load_case_studies

EDITED_TITLE = "A title changed while previewing"


def dirty_build(config_file: Path, environment: dict[str, str]) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--dirty", "-f", str(config_file)],
        cwd=config_file.parent, env=environment, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return result


def stamps(site: Path, *relatives: str) -> dict[str, int]:
    return {relative: (site / relative).stat().st_mtime_ns for relative in relatives}


@pytest.fixture(scope="module")
def previewed(tmp_path_factory):
    """A site built dirty, one case study's English title edited, and built dirty again."""
    work = tmp_path_factory.mktemp("preview")
    folder = work / "case_studies"
    shutil.copytree(PROJECT_ROOT / "case_studies", folder)
    slugs = benchmark.case_study_slugs(folder)
    edited = slugs[0]
    related = case_study_pages.related_case_studies(load_case_studies(folder)[0])
    shows_edited = next(slug for slug in slugs if edited in related[slug])  # lists the edited one as related
    untouched = next(slug for slug in slugs if slug not in (edited, shows_edited) and edited not in related[slug])
    site = work / "site"
    # Not strict: MkDocs warns on every `build --dirty` (exchange/pages/preview.py `start`).
    config = benchmark.build_config("site", benchmark.snapshot_docs(work), site, slugs, strict=False)
    config_file = benchmark.write_config(work / "mkdocs.yml", config)
    # Four case studies a page: the listing has further pages, made from every case study.
    environment = benchmark.build_environment({ENVIRONMENT_VARIABLE: str(folder), listing_pages.SIZE_VARIABLE: "4"})
    dirty_build(config_file, environment)
    watched = (
        f"case-studies/{edited}/index.html", f"cy/case-studies/{edited}/index.html",
        f"case-studies/{untouched}/index.html", f"cy/case-studies/{untouched}/index.html",
        f"case-studies/{shows_edited}/index.html", f"cy/case-studies/{shows_edited}/index.html",
        "guidance/roles/index.html", "cy/guidance/roles/index.html",
        "case-studies/index.html", "cy/case-studies/index.html",
        "case-studies/page/2/index.html", "cy/case-studies/page/2/index.html",
        "pagefind/pagefind-entry.json", "cy/pagefind/pagefind-entry.json",
    )
    before = stamps(site, *watched)
    english = folder / edited / "en.md"
    text = english.read_text(encoding="utf-8")
    lines = text.splitlines()
    index = next(number for number, line in enumerate(lines) if line.startswith("title:"))
    lines[index] = f"title: {EDITED_TITLE}"
    english.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = dirty_build(config_file, environment)
    return SimpleNamespace(site=site, edited=edited, untouched=untouched, shows_edited=shows_edited, before=before, after=stamps(site, *watched), log=result.stderr)


def test_the_edited_case_study_shows_the_change_in_both_languages(previewed):
    english = (previewed.site / f"case-studies/{previewed.edited}/index.html").read_text(encoding="utf-8")
    assert EDITED_TITLE in english
    for relative in (f"case-studies/{previewed.edited}/index.html", f"cy/case-studies/{previewed.edited}/index.html"):
        assert previewed.after[relative] > previewed.before[relative], f"{relative} was not built again"


def test_the_listing_shows_the_change(previewed):
    assert EDITED_TITLE in (previewed.site / "case-studies/index.html").read_text(encoding="utf-8")
    assert previewed.after["cy/case-studies/index.html"] > previewed.before["cy/case-studies/index.html"]


def test_a_case_study_that_lists_the_edited_one_as_related_shows_its_new_title(previewed):
    relative = f"case-studies/{previewed.shows_edited}/index.html"
    assert previewed.after[relative] > previewed.before[relative]
    assert EDITED_TITLE in (previewed.site / relative).read_text(encoding="utf-8")


def test_pages_made_from_every_case_study_are_built_again(previewed):
    for relative in ("case-studies/page/2/index.html", "cy/case-studies/page/2/index.html"):
        assert previewed.after[relative] > previewed.before[relative], f"{relative} was not built again"


def test_pages_the_edit_does_not_touch_are_not_built_again(previewed):
    for relative in (f"case-studies/{previewed.untouched}/index.html", f"cy/case-studies/{previewed.untouched}/index.html",
                     "guidance/roles/index.html", "cy/guidance/roles/index.html"):
        assert previewed.after[relative] == previewed.before[relative], f"{relative} was built again"


def test_the_search_index_of_the_first_build_is_kept(previewed):
    for relative in ("pagefind/pagefind-entry.json", "cy/pagefind/pagefind-entry.json"):
        assert previewed.after[relative] == previewed.before[relative]
    assert "search index of the preview's first build is kept" in previewed.log


# ---------------------------------------------------------------- the rules, one by one


class FakeFile:
    """What preview.begin_build reads of a MkDocs File."""

    def __init__(self, src_uri: str, source: Path, destination: Path) -> None:
        self.src_uri, self.abs_src_path, self.abs_dest_path = src_uri, str(source), str(destination)

    def is_documentation_page(self) -> bool:
        return self.src_uri.endswith(".md")


@pytest.fixture
def dirty(monkeypatch):
    monkeypatch.setattr(preview, "_state", dict(preview._state))
    preview.start("serve", True)
    yield


def _page(tmp_path: Path, name: str, front_matter: str = "") -> FakeFile:
    source = tmp_path / "docs" / name
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(f"---\n{front_matter}title: T\n---\n\nText\n", encoding="utf-8")
    destination = tmp_path / "site" / name.replace(".md", ".html")
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_text("<html></html>", encoding="utf-8")
    later = source.stat().st_mtime + 10
    os.utime(destination, (later, later))  # built after the source was written
    return FakeFile(name, source, destination)


def test_only_mkdocs_own_warning_about_dirty_builds_is_answered():
    warning = logging.LogRecord("mkdocs.commands.build", logging.WARNING, __file__, 1, "A 'dirty' build is being performed, this will likely lead to inaccurate navigation", (), None)
    other = logging.LogRecord("mkdocs.commands.build", logging.WARNING, __file__, 1, "Something else is wrong", (), None)
    assert preview._dirty_warning_answered(warning) and warning.levelno == logging.INFO
    assert preview._dirty_warning_answered(other) and other.levelno == logging.WARNING


def test_a_page_that_names_a_template_is_always_built_again(tmp_path, dirty):
    plain, listing = _page(tmp_path, "plain.md"), _page(tmp_path, "listing.md", "template: case-studies.html\n")
    config = SimpleNamespace(site_dir=str(tmp_path / "site"))
    preview.begin_build([plain, listing], config, "en")
    assert plain.is_modified() is False
    assert listing.is_modified() is True


def test_a_page_added_to_docs_rebuilds_every_page(tmp_path, dirty):
    config = SimpleNamespace(site_dir=str(tmp_path / "site"))
    plain = _page(tmp_path, "plain.md")
    preview.begin_build([plain], config, "en")
    assert plain.is_modified() is False
    plain, added = _page(tmp_path, "plain.md"), _page(tmp_path, "added.md")
    preview.begin_build([plain, added], config, "en")
    assert plain.is_modified() is True, "the navigation of every page lists the new page"


def test_a_generated_page_is_built_again_only_when_its_files_change(tmp_path, dirty):
    record = tmp_path / "records" / "one"
    record.mkdir(parents=True)
    (record / "en.md").write_text("x", encoding="utf-8")
    page = preview.GeneratedPage("one/index.md", src_dir=None, dest_dir=str(tmp_path / "site"), use_directory_urls=True)
    page.sources = preview.record_sources(SimpleNamespace(folder=record))
    assert page.is_modified() is True  # never built
    Path(page.abs_dest_path).parent.mkdir(parents=True)
    Path(page.abs_dest_path).write_text("<html></html>", encoding="utf-8")
    later = (record / "en.md").stat().st_mtime + 10
    os.utime(page.abs_dest_path, (later, later))
    preview.begin_build([page], SimpleNamespace(site_dir=str(tmp_path / "site")), "en")
    assert page.is_modified() is False
    os.utime(record / "en.md", (later + 5, later + 5))
    preview.begin_build([page], SimpleNamespace(site_dir=str(tmp_path / "site")), "en")  # the next build
    assert page.is_modified() is True


def test_a_page_made_from_a_collection_is_built_again_when_any_record_changes(tmp_path, dirty):
    records = tmp_path / "records"
    (records / "one").mkdir(parents=True)
    (records / "one" / "en.md").write_text("x", encoding="utf-8")
    page = preview.GeneratedPage("page/2/index.md", src_dir=None, dest_dir=str(tmp_path / "site"), use_directory_urls=True)
    page.sources = (preview.collection_source(records),)
    Path(page.abs_dest_path).parent.mkdir(parents=True)
    Path(page.abs_dest_path).write_text("<html></html>", encoding="utf-8")
    later = (records / "one" / "en.md").stat().st_mtime + 10
    os.utime(page.abs_dest_path, (later, later))
    for path in (records, records / "one"):
        os.utime(path, (later - 5, later - 5))
    preview.begin_build([page], SimpleNamespace(site_dir=str(tmp_path / "site")), "en")
    assert page.is_modified() is False
    os.utime(records / "one" / "en.md", (later + 5, later + 5))
    preview.begin_build([page], SimpleNamespace(site_dir=str(tmp_path / "site")), "en")  # the next build
    assert page.is_modified() is True


def test_previews_keep_compiled_templates_and_builds_do_not(monkeypatch):
    import jinja2

    monkeypatch.setattr(preview, "_state", dict(preview._state))
    preview.start("build", False)
    assert preview.template_cache() is None
    preview.start("serve", True)
    cache = preview.template_cache()
    monkeypatch.setattr(cache, "_compiled", {})
    templates = {"page.html": "Hello {{ name }}"}
    first = jinja2.Environment(loader=jinja2.DictLoader(templates), bytecode_cache=cache)
    assert first.get_template("page.html").render(name="Cymru") == "Hello Cymru"
    assert len(cache._compiled) == 1
    second = jinja2.Environment(loader=jinja2.DictLoader(templates), bytecode_cache=cache)  # the next build's
    assert second.get_template("page.html").render(name="Wales") == "Hello Wales"
    templates["page.html"] = "Shwmae {{ name }}"  # an edited template is compiled again
    third = jinja2.Environment(loader=jinja2.DictLoader(templates), bytecode_cache=cache)
    assert third.get_template("page.html").render(name="Cymru") == "Shwmae Cymru"


def test_make_serve_watches_every_folder_the_site_is_made_from():
    """MkDocs watches docs/, mkdocs.yml and the theme; the hooks add the rest."""
    import importlib

    from exchange import DATA_DIR
    from exchange.content import events
    from exchange.content import news
    from exchange.content import resources
    from exchange.content.case_studies import case_studies_dir
    from exchange.content.contacts import CONTACTS_DIR

    watched: list[str] = []
    server = SimpleNamespace(watch=watched.append)
    for name in ("site", "case_studies", "contacts", "news", "events", "resources"):
        assert importlib.import_module(f"exchange.hooks.{name}").on_serve(server, None, None) is server
    assert sorted(watched) == sorted(str(path) for path in (DATA_DIR, case_studies_dir(), CONTACTS_DIR, news.news_dir(), events.events_dir(), resources.resources_dir()))
