"""The site search: what goes into each language's index, synonyms, and queries on the built
site run with the browser's own query engine in Node (scripts/search_query.mjs).

The browser tests (tests/search/test_search_browser.py) check the same search on the served site.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from exchange import PROJECT_ROOT
from exchange.search import index as search
from exchange.core.problems import Problem

NODE = shutil.which("node")
SCRIPT = PROJECT_ROOT / "scripts" / "search_query.mjs"

WELSH_PAGE = """<!doctype html><html lang="cy"><head><title>t</title></head><body>
<header><nav>Chwilio Caerdydd</nav></header>
<article class="md-content__inner md-typeset">
<p class="x-kicker"><a href="../">Astudiaethau achos</a></p>
<h1>Cynllun i blant yng Nghaerdydd</h1>
<p>Mae'r plant yn yr ysgol. Daeth ei dad i'r cyfarfod.</p>
<h2 id="pam">Pam</h2><p>Mae'r cyngor yn helpu plant.</p>
<aside class="x-sources"><p>Gwneud gwahaniaeth yng Nghasnewydd</p></aside>
<section class="x-related"><p>Astudiaeth yng Ngwynedd</p></section>
</article></body></html>"""

ENGLISH_PAGE = """<!doctype html><html lang="en"><head><title>t</title></head><body>
<article class="md-content__inner md-typeset"><h1>Plans for children</h1><p>A plant in Cardiff.</p></article></body></html>"""


@pytest.fixture(scope="module")
def lexicon():
    return search.load_lexicon()


def _article(html: str):
    return BeautifulSoup(html, "html.parser").select_one("article[data-pagefind-body]")


def test_a_welsh_page_keeps_its_own_text_and_adds_the_radicals_of_its_mutated_words(lexicon):
    article = _article(search.prepare_html(WELSH_PAGE, "cy", "Astudiaethau achos", lexicon, search.DEFAULT_STRATEGY))
    blocks = article.select("[data-pagefind-weight]")
    primary = blocks[0].get_text().split()
    assert primary[0] == search.ALIAS_SENTINEL
    assert {"plant", "caerdydd"} <= set(primary)  # blant, Nghaerdydd
    assert "gofal" not in primary and "ysgol" not in primary
    assert blocks[0]["data-pagefind-weight"] == "1"
    # 'dad' is a word itself and a mutation of 'tad': the radical goes in at a low weight.
    assert blocks[1].get_text().split() == ["tad"] and float(blocks[1]["data-pagefind-weight"]) < 1
    text = article.get_text(" ")
    assert "Cynllun i blant yng Nghaerdydd" in text  # the page's own words are unchanged
    for left_out in ("Astudiaethau achos", "Casnewydd", "Ngwynedd"):
        assert left_out not in text
    assert article.select_one('[data-pagefind-meta="section:Astudiaethau achos"]') is not None


def test_an_english_page_is_never_welsh_folded(lexicon):
    article = _article(search.prepare_html(ENGLISH_PAGE, "en", "Guidance", lexicon, search.DEFAULT_STRATEGY))
    assert article.select("[data-pagefind-weight]") == []
    assert article.get_text(" ").split() == ["Plans", "for", "children", "A", "plant", "in", "Cardiff."]


def test_without_folding_no_radicals_are_added(lexicon):
    article = _article(search.prepare_html(WELSH_PAGE, "cy", None, lexicon, search.STRATEGIES["none"]))
    assert article.select("[data-pagefind-weight]") == []


def test_each_page_goes_to_its_own_languages_index_and_untranslated_pages_to_none(tmp_path, lexicon):
    pages = {
        "index.html": ENGLISH_PAGE,
        "guidance/index.html": ENGLISH_PAGE,
        "cy/guidance/index.html": WELSH_PAGE,
        # An English page on the Welsh site (its translation is missing): English, left out.
        "cy/about/index.html": ENGLISH_PAGE,
        "404.html": ENGLISH_PAGE,
        "cy/404.html": WELSH_PAGE,
        "assets/x.html": ENGLISH_PAGE,
    }
    for path, html in pages.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(html, encoding="utf-8")
    index = search.collect_pages(tmp_path, {}, lexicon)
    assert [page.url for page in index.pages["en"]] == ["guidance/", ""]
    assert [page.url for page in index.pages["cy"]] == ["guidance/"]
    left_out = dict(index.left_out)
    assert "'en', not the site's language 'cy'" in left_out["cy/about/index.html"]
    assert set(left_out) == {"cy/about/index.html", "404.html", "cy/404.html"}


@pytest.mark.parametrize("fork", [True, False], ids=["second process", "same process"])
def test_the_background_indexer_writes_one_bundle_per_language(tmp_path, monkeypatch, fork):
    """The build's way (exchange/hooks/search.py): pages given as they are written, in a second
    process where it can fork, in the build's own process where it cannot."""
    if not fork:
        def no_fork(method):
            raise ValueError("no fork here")
        monkeypatch.setattr(search.multiprocessing, "get_context", no_fork)
    indexer = search.BackgroundIndexer(tmp_path)
    assert isinstance(indexer._pool, search._InProcess) is not fork
    indexer.add("guidance/index.html", ENGLISH_PAGE, "Guidance")
    indexer.language_done("en")
    indexer.add("cy/case-studies/one/index.html", WELSH_PAGE, "Astudiaethau achos")
    indexer.add("cy/guidance/index.html", ENGLISH_PAGE, None)  # English text on the Welsh site
    indexer.add("404.html", ENGLISH_PAGE, None)
    counts = indexer.finish()
    assert counts == {"en": 1, "cy": 1}
    assert sorted(why for _, why in indexer.left_out) == ["its text is in 'en', not the site's language 'cy'", "the page-not-found page"]
    for language, bundle in (("en", tmp_path / "pagefind"), ("cy", tmp_path / "cy" / "pagefind")):
        assert json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"].keys() == {language}
        assert json.loads((bundle / search.SEARCH_DATA_FILE).read_text(encoding="utf-8"))["language"] == language
    assert not indexer.scratch.exists(), "the prepared pages are removed"


def test_the_background_indexer_reports_a_page_it_cannot_read(tmp_path):
    indexer = search.BackgroundIndexer(tmp_path)
    indexer.add("guidance/index.html", '<html lang="en"><body><p>no article</p></body></html>', None)
    with pytest.raises(ValueError, match="no <article>"):
        indexer.finish()


def test_a_page_without_an_article_is_an_error_not_a_silent_gap():
    with pytest.raises(ValueError, match="no <article>"):
        search.prepare_html("<html lang='en'><body><p>x</p></body></html>", "en", None, None, search.DEFAULT_STRATEGY)


def test_synonyms_pdg_means_looked_after_children_in_welsh_and_the_grant_in_english():
    welsh, problems = search.synonym_groups("cy")
    english, _ = search.synonym_groups("en")
    assert problems == []
    welsh_pdg = next(group for group in welsh if "PDG" in group)
    english_pdg = [group for group in english if "PDG" in group]
    assert "plant sy'n derbyn gofal" in welsh_pdg
    assert not any("grant" in term.casefold() for term in welsh_pdg)
    assert any("Pupil Development Grant" in group for group in english_pdg)
    assert not any("looked after children" in group for group in english_pdg)


def test_synonym_groups_sharing_a_term_are_merged_and_bad_groups_reported(tmp_path):
    path = tmp_path / "synonyms.yml"
    path.write_text("en:\n  - [PEP, personal education plan]\n  - [Personal Education Plan, the plan]\n  - [lonely]\nfr:\n  - [a, b]\n", encoding="utf-8")
    groups, problems = search.synonym_groups("en", path)
    assert {"PEP", "personal education plan", "the plan"} <= set(next(group for group in groups if "PEP" in group))
    messages = [problem.message for problem in problems]
    assert any("two or more terms" in message for message in messages)
    assert any("'fr' is not a language" in message for message in messages)
    assert all(isinstance(problem, Problem) for problem in problems)


def test_the_browser_gets_welsh_stop_words_only_for_welsh():
    welsh, english = search.search_data("cy"), search.search_data("en")
    assert welsh["fold_welsh"] and "yng" in welsh["stop_words"] and welsh["alternative_weight"] > 0
    assert not english["fold_welsh"] and english["stop_words"] == [] and english["alternative_weight"] == 0


# ---------------------------------------------------------------- the built site


def test_each_language_has_its_own_bundle_with_only_its_pages(built_site: Path):
    for language, home in (("en", ""), ("cy", "cy/")):
        entry = json.loads((built_site / home / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == [language]
        pages = [
            path for path in (built_site / home).rglob("*.html")
            if path.name != "404.html" and not (language == "en" and path.relative_to(built_site).parts[0] == "cy")
            and "pagefind" not in path.parts and "assets" not in path.parts
        ]
        same_language = [path for path in pages if search.html_language(path.read_text(encoding="utf-8")) == language]
        assert entry["languages"][language]["page_count"] == len(same_language) > 20


def test_materials_lunr_search_is_not_shipped(built_site: Path):
    assert not (built_site / "assets" / "javascripts" / "lunr").exists()
    assert not list((built_site / "assets" / "javascripts").glob("workers/search.*"))


def test_every_page_has_the_search_box_for_its_sites_language(built_site: Path):
    for relative in ("index.html", "guidance/plans/index.html", "cy/index.html", "cy/guidance/plans/index.html", "404.html", "cy/404.html"):
        soup = BeautifulSoup((built_site / relative).read_text(encoding="utf-8"), "html.parser")
        box = soup.select_one("header [data-search]")
        welsh = relative.startswith("cy/")
        href = box["data-bundle"]  # relative, or from the site root on the 404 pages
        bundle = built_site / href.lstrip("/") if href.startswith("/") else (built_site / relative).parent / href
        assert bundle.resolve() == (built_site / ("cy/pagefind" if welsh else "pagefind")).resolve(), relative
        assert box.select_one("form[role=search]")["aria-label"] == ("Chwilio'r wefan" if welsh else "Search the site")


def _run_queries(site: Path, language: str, queries: list[str]) -> dict[str, dict]:
    if NODE is None:
        pytest.fail("node is not installed: the search's browser code is tested with Node (Debian package nodejs)", pytrace=False)
    finished = subprocess.run([NODE, str(SCRIPT), str(site), language], input=json.dumps(queries), capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    return {answer["query"]: answer for answer in json.loads(finished.stdout)}


@pytest.fixture(scope="module")
def welsh_answers(built_site: Path) -> dict[str, dict]:
    return _run_queries(built_site, "cy", [
        "Caerdydd", "Nghaerdydd", "yng Nghaerdydd", "plant", "blant", "ofal", "PDG", "PEP",
        "Cyfranogiad", "grwp", "Torfaen", "Nhor-faen",
    ])


@pytest.fixture(scope="module")
def english_answers(built_site: Path) -> dict[str, dict]:
    return _run_queries(built_site, "en", [
        "PEP", "personal education plan", "LAC", "CLA", "children in care", "looked after children",
        "Cardiff", "Nghaerdydd", "Torfaen", "Participation",
    ])


def _urls(answer: dict) -> list[str]:
    return [result["url"] for result in answer["results"]]


def test_a_radical_finds_its_mutated_forms_and_back(welsh_answers):
    radical, mutated = welsh_answers["Caerdydd"], welsh_answers["Nghaerdydd"]
    assert set(mutated["urls"]) == set(radical["urls"])
    assert welsh_answers["yng Nghaerdydd"]["count"] == radical["count"] > 3
    # a page that only says 'yng Nghaerdydd' somewhere is found by 'Caerdydd', marked in its own words
    assert any("[Nghaerdydd]" in result["excerpt"] for result in radical["results"] + welsh_answers["Nghaerdydd"]["results"])
    assert set(welsh_answers["blant"]["urls"]) == set(welsh_answers["plant"]["urls"])
    assert welsh_answers["ofal"]["count"] >= 10
    assert welsh_answers["Nhor-faen"]["count"] == welsh_answers["Torfaen"]["count"] > 0


def test_welsh_results_are_welsh_pages_with_excerpts_in_their_own_words(welsh_answers):
    for answer in welsh_answers.values():
        for result in answer["results"]:
            assert result["url"].startswith("/cy/"), result
            assert result["title"] and "[" in result["excerpt"], result
            assert search.ALIAS_SENTINEL not in result["excerpt"]


def test_circumflexes_are_optional(welsh_answers):
    assert welsh_answers["grwp"]["count"] > 0
    assert any("[Grŵp]" in result["excerpt"] or "[grŵp]" in result["excerpt"] for result in welsh_answers["grwp"]["results"])


def test_pdg_on_the_welsh_site_means_looked_after_children(welsh_answers):
    answer = welsh_answers["PDG"]
    assert answer["count"] > 10
    marked = " ".join(result["excerpt"] for result in answer["results"])
    assert "[derbyn]" in marked.casefold() or "[plant]" in marked.casefold()
    assert "[grant]" not in marked.casefold()


def test_pep_finds_the_personal_education_plan_in_both_languages(welsh_answers, english_answers):
    english = english_answers["PEP"]
    assert "/guidance/plans/" in _urls(english)
    assert english["count"] >= english_answers["personal education plan"]["count"] * 0.8
    assert any("[personal]" in result["excerpt"].casefold() for result in english["results"])
    assert any("[cynllun]" in result["excerpt"].casefold() or "[cynlluniau]" in result["excerpt"].casefold() for result in welsh_answers["PEP"]["results"])


def test_lac_cla_and_children_in_care_find_looked_after_children(english_answers):
    looked_after = set(english_answers["looked after children"]["urls"])
    for query in ("LAC", "CLA", "children in care"):
        found = set(english_answers[query]["urls"])
        assert len(found & looked_after) >= 0.8 * len(looked_after), query
    assert not any("[CLASS" in result["excerpt"] for result in english_answers["CLA"]["results"])


def test_english_search_is_not_welsh_folded(english_answers):
    assert english_answers["Nghaerdydd"]["count"] == 0
    assert english_answers["Cardiff"]["count"] > 3
    assert all(not result["url"].startswith("/cy/") for answer in english_answers.values() for result in answer["results"])


def test_case_study_facts_are_searchable(welsh_answers, english_answers):
    assert any("/case-studies/" in url for url in _urls(english_answers["Torfaen"]))
    assert any("/case-studies/" in url for url in _urls(english_answers["Participation"]))
    assert any("/cy/case-studies/" in url for url in _urls(welsh_answers["Cyfranogiad"]))


def test_welsh_precision_on_real_queries(built_site: Path):
    """The queries of scripts/search_precision.py on the built site's own index: the chosen
    folding keeps precision and recall high, and ambiguous forms do not flood."""
    import sys

    import yaml

    sys.path.insert(0, str(PROJECT_ROOT / "scripts"))
    import search_precision

    queries = yaml.safe_load(search_precision.QUERIES.read_text(encoding="utf-8"))
    assert len(queries) >= 30
    texts = search_precision.page_texts(built_site)
    answers = _run_queries(built_site, "cy", [query["query"] for query in queries])
    precision, recall, wrong, inflected = [], [], {}, []
    for query in queries:
        relevant = search_precision.relevant_pages(query, texts)
        top = _urls(answers[query["query"]])
        if top:
            precision.append(sum(url in relevant for url in top) / len(top))
        if relevant:
            recall.append(sum(url in relevant for url in top) / min(len(relevant), 10))
            if query.get("inflected"):
                inflected.append(recall[-1])
        wrong[query["query"]] = sum(url not in relevant for url in top)
    assert sum(precision) / len(precision) >= 0.95
    assert sum(recall) / len(recall) >= 0.9
    # Queries typed as plurals or verb forms find the pages with the word's other forms
    # (before issue 18 their first ten held 0.77 of what they could).
    assert len(inflected) >= 30 and sum(inflected) / len(inflected) >= 0.95
    assert all(wrong[form] <= 2 for form in ("fam", "lan", "dad")), wrong
    # A page's readings are matched by other words typed as their start too: "gofal" reaches the
    # reading "gofalwr" of a page that says only "gofalwyr" (foster carers); such pages stay out
    # of its first ten (scripts/search_precision.py measured one in at half weight, none at a quarter).
    assert wrong["gofal"] == 0, wrong["gofal"]
