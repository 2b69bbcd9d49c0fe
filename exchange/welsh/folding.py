"""Welsh search folding: the normaliser, the initial mutations, stop words and the lexicon.

Welsh changes the first sound of a word after certain words (the initial mutations):
*Caerdydd* is written *yng Nghaerdydd*, *i Gaerdydd*, *a Chaerdydd*. A reader who searches
for one form expects the pages that use another. This module is the build-time half of the
Welsh search; `docs/javascripts/search-folding.mjs` is the browser half. Both implement the
same three steps, and both are tested against one file of test vectors
(`tests/fixtures/welsh_folding_vectors.json`) so that they cannot drift apart:

1. `normalise`: lowercase, circumflexes and other accents removed (*dŵr* -> *dwr*), curly
   apostrophes made straight;
2. `search_words`: words split at spaces, punctuation and apostrophes (*sy'n* -> *sy*, *n*;
   *i'r* -> *i*, *r*), hyphenated names kept whole (*Tor-faen*);
3. `mutation_candidates`: the radicals a word could be a mutation of, by the reverse table
   in /work/shared/reference/welsh-mutations.md (soft, nasal, aspirate, h-prothesis), longest
   initial first: *nghaerdydd* -> *caerdydd*; *lan* -> *llan*, *glan*.

The rules alone over-generate (*fel* "like" could be a soft mutation of *bel* "ball").
At build time `WelshLexicon` keeps only the readings that Bangor University's Welsh Hunspell
dictionary (npm `dictionary-cy`, read with the `spylls` library) confirms: the radical exists
and takes that mutation. The browser has no lexicon (it is megabytes); it searches the rule
candidates, and only the confirmed readings exist in the index. How the index uses the
readings, and why, is in `exchange/search/index.py`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Iterable

from exchange import DATA_DIR, PROJECT_ROOT

STOP_WORDS_FILE = DATA_DIR / "welsh_stopwords.txt"
DICTIONARY = PROJECT_ROOT / "node_modules" / "dictionary-cy" / "index"

SOFT, NASAL, ASPIRATE, H_PROTHESIS = "soft", "nasal", "aspirate", "h-prothesis"
VOWELS = "aeiouwy"
# Surface initial -> (radical initial, mutation), longest initial first. An initial listed
# with no readings (ll, rh, ff) is a radical only, and stops a shorter rule from applying.
REVERSE_MUTATIONS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("ngh", (("c", NASAL),)),
    ("mh", (("p", NASAL),)),
    ("nh", (("t", NASAL),)),
    ("ng", (("g", NASAL),)),
    ("ph", (("p", ASPIRATE),)),
    ("th", (("t", ASPIRATE),)),
    ("ch", (("c", ASPIRATE),)),
    ("dd", (("d", SOFT),)),
    ("ll", ()),
    ("rh", ()),
    ("ff", ()),
    ("b", (("p", SOFT),)),
    ("d", (("t", SOFT),)),
    ("g", (("c", SOFT),)),
    ("f", (("b", SOFT), ("m", SOFT))),
    ("l", (("ll", SOFT), ("gl", SOFT))),
    ("r", (("rh", SOFT), ("gr", SOFT))),
    ("m", (("b", NASAL),)),
    ("n", (("d", NASAL),)),
)
# Hunspell's prefix flags in dictionary-cy's index.aff, by mutation.
DICTIONARY_FLAGS = {"M": SOFT, "T": NASAL, "L": ASPIRATE, "H": H_PROTHESIS}

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
# A word: letters or digits, with inner hyphens kept (Tor-faen, ôl-16); anything else
# (spaces, punctuation, apostrophes) separates words.
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def normalise(text: str) -> str:
    """Lowercase, without accents (ŵ -> w, â -> a), with straight apostrophes."""
    decomposed = unicodedata.normalize("NFD", text.translate(_APOSTROPHES).casefold())
    return unicodedata.normalize("NFC", "".join(char for char in decomposed if not unicodedata.combining(char)))


def search_words(text: str) -> list[str]:
    """The words of a text as search sees them: normalised, split at apostrophes."""
    return _WORD.findall(normalise(text))


def surface_words(text: str) -> list[str]:
    """The words of a text lowercased but with their accents, for the dictionary."""
    return _WORD.findall(unicodedata.normalize("NFC", text.translate(_APOSTROPHES).casefold()))


def _is_vowel(char: str) -> bool:
    return unicodedata.normalize("NFD", char)[0] in VOWELS


def mutation_candidates(word: str) -> list[tuple[str, str]]:
    """Every (radical, mutation) a lowercase word could come from, by rule alone.

    'nghaerdydd' -> [('caerdydd', 'nasal')]; 'fam' -> [('bam', 'soft'), ('mam', 'soft')];
    'hysgol' -> [('ysgol', 'h-prothesis')]; 'ofal' -> [('gofal', 'soft')].
    The word itself is not included; words with digits or of one letter have none.
    Accents are kept as they are (the dictionary needs them; search has removed them).
    """
    if len(word) < 2 or any(char.isdigit() for char in word):
        return []
    if _is_vowel(word[0]):
        return [("g" + word, SOFT)]
    if word[0] == "h":
        return [(word[1:], H_PROTHESIS)] if _is_vowel(word[1]) and len(word) > 2 else []
    for initial, readings in REVERSE_MUTATIONS:
        if word.startswith(initial):
            rest = word[len(initial):]
            return [(radical + rest, mutation) for radical, mutation in readings if rest]
    return []


@cache
def stop_words() -> frozenset[str]:
    lines = STOP_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def query_terms(query: str, stopwords: Iterable[str] | None = None) -> list[list[str]]:
    """What a Welsh query searches for: each word that is not a stop word, then the
    radicals it could be a mutation of. 'plant yng Nghaerdydd' -> [['plant'],
    ['nghaerdydd', 'caerdydd']]. A query of stop words only keeps them all."""
    stopwords = stop_words() if stopwords is None else frozenset(stopwords)
    words = search_words(query)
    kept = [word for word in words if word not in stopwords] or words
    return [[word, *(radical for radical, _ in mutation_candidates(word))] for word in kept]


# ---------------------------------------------------------------- the lexicon (build time)


@dataclass(frozen=True)
class Readings:
    """What the dictionary says a word on a page is.

    is_word: the word is itself a radical form (plant, lan, fel), or a name we know.
    radicals: the radicals it is a confirmed mutation of (blant -> plant; lan -> llan, glan).
    """

    is_word: bool
    radicals: tuple[str, ...]


class MissingDictionary(RuntimeError):
    """The Welsh dictionary is not installed: the Welsh index would silently lose mutations."""


class WelshLexicon:
    """Bangor University's Welsh Hunspell dictionary, asked which readings of a word are real.

    A reading (radical, mutation) of a word on a page is confirmed when the dictionary accepts
    the word, accepts the radical as it stands (without a mutation), and, when the radical is a
    headword, the headword takes that mutation (its affix flags: M soft, T nasal, L aspirate,
    H h-prothesis). `names` are words the dictionary does not have but the site does (the Welsh
    names of local authorities and regions): radicals that take every mutation, so that
    'yn Nhor-faen' is found by 'Tor-faen'.
    """

    def __init__(self, dictionary: Path = DICTIONARY, names: Iterable[str] = ()):
        if not Path(f"{dictionary}.dic").is_file():
            raise MissingDictionary(
                f"the Welsh dictionary {dictionary}.dic is missing: run 'npm ci' in the project folder "
                "(make setup does it) to install dictionary-cy"
            )
        import dataclasses

        from spylls.hunspell import Dictionary
        from spylls.hunspell.algo.lookup import Lookup

        dictionary_files = Dictionary.from_files(str(dictionary))
        self._accepts = dictionary_files.lookuper
        # The same dictionary without its mutation prefixes: accepts radical forms only.
        self._accepts_unmutated = Lookup(dataclasses.replace(dictionary_files.aff, PFX={}), dictionary_files.dic)
        self._headwords = dictionary_files.dic
        self._flags = {mutation: flag for flag, mutation in DICTIONARY_FLAGS.items()}
        self._names = frozenset(normalise(name) for name in names)
        self._readings = cache(self._read)

    def readings(self, surface: str) -> Readings:
        """Readings of one word as written on the page (lowercase, accents kept)."""
        return self._readings(surface)

    def _read(self, surface: str) -> Readings:
        word = normalise(surface)
        unmutated = self._unmutated(surface)
        accepted = unmutated or word in self._names or self._accepts(surface) or self._accepts(surface.capitalize())
        radicals = []
        for radical, mutation in mutation_candidates(surface):
            if normalise(radical) in self._names or (accepted and self._is_radical(radical, mutation)):
                radicals.append(normalise(radical))
        # A name's word is a word in its own right unless it is itself a mutation
        # (Sir Gaerfyrddin: 'gaerfyrddin' is Caerfyrddin, softened).
        is_word = unmutated or (word in self._names and not radicals)
        return Readings(is_word=is_word, radicals=tuple(dict.fromkeys(radicals)))

    def _unmutated(self, word: str) -> bool:
        # Names are capitalised in the dictionary, and a lowercase word never matches them.
        return self._accepts_unmutated(word) or self._accepts_unmutated(word.capitalize())

    def _is_radical(self, radical: str, mutation: str) -> bool:
        if not self._unmutated(radical):
            return False
        headwords = self._headwords.homonyms(radical) + self._headwords.homonyms(radical.capitalize())
        # A form made by a suffix (a plural, a verb form) is not a headword: its suffix
        # rule decides its mutations, and the dictionary accepted the mutated word.
        return not headwords or any(self._flags[mutation] in headword.flags for headword in headwords)
