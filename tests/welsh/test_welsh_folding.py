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
