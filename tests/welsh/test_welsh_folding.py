"""The Welsh search normaliser (exchange/welsh/folding.py) and its lexicon.

The same vectors are checked against the browser's normaliser by tests/js/welsh_folding.test.mjs
(run by tests/search/test_search_javascript.py), so the two cannot drift apart.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exchange.search import index as search
from exchange.welsh.folding import (
    Readings,
    mutation_candidates,
    normalise,
    query_terms,
    search_words,
    stop_words,
)

VECTORS = json.loads((Path(__file__).parent.parent / "fixtures" / "welsh_folding_vectors.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("text", "expected"), VECTORS["normalise"])
def test_normalise(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize(("text", "expected"), VECTORS["search_words"])
def test_search_words(text, expected):
    assert search_words(text) == expected


@pytest.mark.parametrize(("word", "expected"), VECTORS["mutation_candidates"])
def test_mutation_candidates(word, expected):
    assert [radical for radical, _ in mutation_candidates(word)] == expected


@pytest.mark.parametrize(("query", "expected"), VECTORS["query_terms"])
def test_query_terms(query, expected):
    assert query_terms(query) == expected


def test_stop_words_are_written_as_the_normaliser_writes_them():
    assert all(word == normalise(word) and search_words(word) == [word] for word in stop_words())
    assert {"yng", "sy", "r", "a"} <= stop_words()
    assert not {"plant", "gofal", "ysgol", "addysg", "achos"} & stop_words()


@pytest.fixture(scope="module")
def lexicon():
    return search.load_lexicon()


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("blant", Readings(False, ("plant",))),
        ("mhlant", Readings(False, ("plant",))),
        ("phlant", Readings(False, ("plant",))),
        ("plant", Readings(True, ())),
        ("nghaerdydd", Readings(False, ("caerdydd",))),
        ("gaerdydd", Readings(False, ("caerdydd",))),
        ("chaerdydd", Readings(False, ("caerdydd",))),
        ("ofal", Readings(False, ("gofal",))),
        ("hysgol", Readings(False, ("ysgol",))),
        ("lywodraeth", Readings(False, ("llywodraeth",))),
        ("nisgyblion", Readings(False, ("disgyblion",))),
        # Ambiguous forms: the dictionary keeps only the readings that exist.
        ("fam", Readings(False, ("mam",))),
        ("law", Readings(False, ("llaw", "glaw"))),
        ("lan", Readings(True, ("llan", "glan"))),
        ("dad", Readings(True, ("tad",))),
        # 'fel' is a word; the rules would also make it a mutation of 'mel', which does not
        # take the soft mutation: the dictionary says so.
        ("fel", Readings(True, ("bel",))),
        # Names the dictionary lacks, from the vocabulary; a name's own mutation is read too.
        ("nhor-faen", Readings(False, ("tor-faen",))),
        ("gaerfyrddin", Readings(False, ("caerfyrddin",))),
    ],
)
def test_the_lexicon_confirms_readings(lexicon, surface, expected):
    assert lexicon.readings(surface) == expected


def test_a_missing_dictionary_is_an_error_that_says_how_to_install_it(tmp_path):
    from exchange.welsh.folding import MissingDictionary, WelshLexicon

    with pytest.raises(MissingDictionary, match="npm ci"):
        WelshLexicon(tmp_path / "index")


# ---------------------------------------------------------------- inflection (plurals, verb forms)


@pytest.mark.parametrize(("word", "expected"), VECTORS["inflection_candidates"])
def test_inflection_candidates(word, expected):
    from exchange.welsh.inflection import inflection_candidates

    assert [normalise(candidate) for candidate in inflection_candidates(normalise(word))] == expected


@pytest.mark.parametrize(("word", "expected"), VECTORS["lemma_candidates"])
def test_the_browsers_lemma_candidates_fold_mutations_first(word, expected):
    assert search.browser_candidates(word) == expected


@pytest.mark.parametrize(("surface", "expected"), VECTORS["inflection_readings"])
def test_the_dictionary_confirms_inflection_readings(lexicon, surface, expected):
    assert search.lemma_readings(surface, lexicon) == expected


def test_every_ending_and_table_entry_has_a_vector():
    from exchange.welsh.inflection import matching_ending, rules

    inflection = rules()
    words = [normalise(word) for word, _ in VECTORS["inflection_candidates"]]
    endings_met = {matching_ending(word, inflection).ending for word in words if matching_ending(word, inflection)}
    assert {ending.ending for ending in inflection.endings} <= endings_met
    assert set(inflection.irregular) <= set(words), "a table entry of welsh_inflection.yml has no test vector"
    # The stem changes are met too: athrawon (aw -> o), penaethiaid (n -> nn).
    candidates = dict(VECTORS["inflection_candidates"])
    assert "athro" in candidates["athrawon"] and "pennaeth" in candidates["penaethiaid"]


def test_refused_readings_are_those_the_browser_would_find_but_the_dictionary_refuses(lexicon):
    # The browser's rules make ysgolion -> ysgolyn (-ion + yn, as oedolion -> oedolyn), and a
    # page has the word 'ysgolyn': the dictionary refuses the reading, so the browser is told.
    # blaenau -> plaenau -> plaen (a low-weight radical of blaen in the index): refused too.
    # unigolion -> unigol, unigolyn: both confirmed, nothing refused.
    words = {"ysgolion", "ysgol", "ysgolyn", "blaen", "blaenau", "unigolion", "unigol", "unigolyn"}
    assert search.refused_readings(words, lexicon) == {"blaenau": ["plaen"], "ysgolion": ["ysgolyn"]}
    # A candidate the index does not hold costs the browser nothing: not listed.
    assert search.refused_readings({"ysgolion", "ysgol"}, lexicon) == {}


def test_the_inflection_file_problems_name_the_file(tmp_path):
    from exchange.welsh.inflection import InflectionFileError, read_rules

    bad = tmp_path / "welsh_inflection.yml"
    bad.write_text("shortest: 4\nshortest_stem: 4\nendings:\n  - {ending: au}\n", encoding="utf-8")
    with pytest.raises(InflectionFileError, match=r"welsh_inflection.yml:1: every ending needs"):
        read_rules(bad)
