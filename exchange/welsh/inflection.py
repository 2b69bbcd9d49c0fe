"""Welsh inflection for the search: a plural or a verb form leads to its word.

A reader who types *ysgolion* expects the pages that say *ysgol*, and one who types
*cefnogodd* the pages that say *cefnogi*. The rules and the table of irregular forms are in
one data file, `exchange/data/welsh_inflection.yml`, read here (build time) and, through the
search data file the build writes beside each Pagefind bundle, by
`docs/javascripts/search-folding.mjs` (query time). Both implement `inflection_candidates`
and both are tested against `tests/fixtures/welsh_folding_vectors.json`.

- `inflection_candidates(word)`: every word a word could be a form of, by the table and the
  rules alone (no dictionary): *cynlluniau* -> *cynllun*, *cynlluni*; *plant* -> *plentyn*.
- `InflectionReader.readings(surface)`: the candidates Bangor University's Welsh Hunspell
  dictionary confirms (the shorter word exists as it stands), table entries as written:
  *cynlluniau* -> (*cynllun*,); *ysgolion* -> (*ysgol*,), not *ysgoli*.

Mutations are folded first (`exchange.welsh.folding`): *nghynlluniau* is *cynlluniau*, which
is a form of *cynllun*. How the readings reach the index and the query, and how they are
weighted, is in `exchange/search/index.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from exchange import DATA_DIR
from exchange.welsh.folding import VOWELS, normalise

INFLECTION_FILE = DATA_DIR / "welsh_inflection.yml"


@dataclass(frozen=True)
class Ending:
    ending: str
    add: tuple[str, ...]
    kind: str  # "plural" or "verb"


@dataclass(frozen=True)
class InflectionRules:
    shortest: int
    shortest_stem: int
    verb_stem_forms: tuple[str, ...]
    endings: tuple[Ending, ...]
    stem_changes: tuple[tuple[str, str, str], ...]  # (from, to, where: "end" | "last")
    irregular: dict[str, tuple[str, ...]]  # a form (normalised) -> the words it leads to

    def as_data(self) -> dict[str, Any]:
        """The rules as the browser reads them (in the search data file)."""
        return {
            "shortest": self.shortest,
            "shortest_stem": self.shortest_stem,
            "endings": [[ending.ending, list(ending.add), ending.kind] for ending in self.endings],
            "stem_changes": [list(change) for change in self.stem_changes],
            "irregular": {form: list(lemmas) for form, lemmas in sorted(self.irregular.items())},
        }


class InflectionFileError(ValueError):
    """The inflection file is not as the search needs it; the message says where and why."""


def read_rules(path: Path = INFLECTION_FILE) -> InflectionRules:
    shown = path.name
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    try:
        shortest, shortest_stem = int(data["shortest"]), int(data["shortest_stem"])
        verb_stem_forms = tuple(str(form) for form in data.get("verb_stem_forms") or ())
        endings = tuple(
            Ending(str(entry["ending"]), tuple(str(add or "") for add in entry["add"]), str(entry["kind"]))
            for entry in data["endings"]
        )
        changes = tuple((str(change["from"]), str(change["to"]), str(change["where"])) for change in data.get("stem_changes") or ())
        irregular: dict[str, list[str]] = {}
        for lemma, forms in (data.get("irregular") or {}).items():
            for form in forms:
                irregular.setdefault(normalise(str(form)), []).append(str(lemma))
    except (KeyError, TypeError, ValueError) as error:
        raise InflectionFileError(f"{shown}:1: every ending needs 'ending', 'add' (a list) and 'kind', and 'shortest' a number ({error})") from None
    for entry in data["endings"]:
        if not isinstance(entry.get("ending"), str):
            raise InflectionFileError(f"{shown}:1: the ending {entry.get('ending')!r} must be written as text: quote it ('on')")
    for change in changes:
        if change[2] not in ("end", "last"):
            raise InflectionFileError(f"{shown}:1: stem change {change[0]} -> {change[1]}: 'where' must be 'end' or 'last', not {change[2]!r}")
    return InflectionRules(shortest, shortest_stem, verb_stem_forms, endings, changes, {form: tuple(lemmas) for form, lemmas in irregular.items()})


@cache
def rules() -> InflectionRules:
    return read_rules()


def _is_vowel(char: str) -> bool:
    return bool(char) and normalise(char) in VOWELS


def _changed_stems(stem: str, changes: tuple[tuple[str, str, str], ...]) -> list[str]:
    """The stem as it stands, then with each stem change that applies."""
    stems = [stem]
    for old, new, where in changes:
        if where == "end":
            if stem.endswith(old) and len(stem) > len(old):
                stems.append(stem[: -len(old)] + new)
            continue
        # 'last': the last `old` in the stem, when it stands between two vowels (pen-aeth).
        at = stem.rfind(old)
        if at > 0 and _is_vowel(stem[at - 1]) and _is_vowel(stem[at + len(old):at + len(old) + 1]):
            stems.append(stem[:at] + new + stem[at + len(old):])
    return stems


def inflection_candidates(word: str, inflection: InflectionRules | None = None) -> list[str]:
    """Every word `word` could be a form of, by the table and the rules alone, table first.

    'cynlluniau' -> ['cynllun', 'cynlluni']; 'plant' -> ['plentyn']; 'ysgol' -> [].
    Works on the word as given (accents kept for the dictionary); the table is looked up
    without accents. The word itself is not included; no candidate is shorter than
    `shortest` letters (the table's are trusted as written).
    """
    inflection = inflection or rules()
    key = normalise(word)
    found = list(inflection.irregular.get(key, ()))
    if any(char.isdigit() for char in word) or "-" in word:
        return found
    ending = matching_ending(key, inflection)
    if ending is not None:
        stem = word[: len(word) - len(ending.ending)]
        # Stem changes come with a syllable added (plurals); verb stems are regular or in the table.
        changes = inflection.stem_changes if ending.kind == "plural" else ()
        for changed in _changed_stems(stem, changes):
            for add in ending.add:
                candidate = changed + add
                if len(normalise(candidate)) >= inflection.shortest and normalise(candidate) != key:
                    found.append(candidate)
    return list(dict.fromkeys(found))


def matching_ending(key: str, inflection: InflectionRules) -> Ending | None:
    """The first ending of the file a (normalised) word ends with, leaving a long enough stem."""
    for ending in inflection.endings:
        if key.endswith(ending.ending):
            return ending if len(key) - len(ending.ending) >= inflection.shortest_stem else None
    return None


class InflectionReader:
    """Inflection readings of the words on a page, confirmed by the Welsh dictionary.

    `exists(word)`: the dictionary accepts the word as it stands (WelshLexicon.is_radical_word).
    """

    def __init__(self, exists: Any, inflection: InflectionRules | None = None) -> None:
        self._exists = exists
        self.rules = inflection or rules()
        self._readings = cache(self._read)

    def readings(self, surface: str) -> tuple[str, ...]:
        """The words (normalised) a word on a page is a confirmed form of."""
        return self._readings(surface)

    def refused(self, surface: str) -> tuple[str, ...]:
        """The rule candidates (normalised) the dictionary does not confirm for this word."""
        confirmed = set(self.readings(surface))
        return tuple(dict.fromkeys(normalise(c) for c in inflection_candidates(surface, self.rules) if normalise(c) not in confirmed))

    def _read(self, surface: str) -> tuple[str, ...]:
        key = normalise(surface)
        table = self.rules.irregular.get(key, ())
        found = [normalise(lemma) for lemma in table]
        ending = matching_ending(key, self.rules)
        if ending is not None and ending.kind == "verb":
            stem = surface[: len(surface) - len(ending.ending)]
            if not any(self._exists(stem + form) for form in self.rules.verb_stem_forms):
                return tuple(dict.fromkeys(found))
        for candidate in inflection_candidates(surface, self.rules):
            if candidate not in table and self._exists(candidate):
                found.append(normalise(candidate))
        return tuple(dict.fromkeys(found))
