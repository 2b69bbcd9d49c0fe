"""Welsh text tools: alphabetical order."""

from __future__ import annotations

import unicodedata

# The Welsh alphabet: digraphs are single letters (ch after c, dd after d, ...).
WELSH_ALPHABET = ["a", "b", "c", "ch", "d", "dd", "e", "f", "ff", "g", "ng", "h", "i", "j", "l", "ll",
                  "m", "n", "o", "p", "ph", "r", "rh", "s", "t", "th", "u", "w", "y"]
_RANK = {letter: index for index, letter in enumerate(WELSH_ALPHABET)}
_DIGRAPHS = sorted((letter for letter in WELSH_ALPHABET if len(letter) == 2), key=len, reverse=True)


def _strip_accents(text: str) -> str:
    return "".join(char for char in unicodedata.normalize("NFD", text) if not unicodedata.combining(char))


def welsh_letters(word: str) -> list[str]:
    """Split a word into Welsh letters: 'Llanelli' -> ['ll', 'a', 'n', 'e', 'll', 'i'].

    Known limit: a few words join two letters that only look like a digraph
    (Llan-gollen's 'ng' is n + g); they need a dictionary to tell, and are rare in names.
    """
    text = _strip_accents(word.casefold())
    letters, index = [], 0
    while index < len(text):
        pair = text[index : index + 2]
        if pair in _DIGRAPHS:
            letters.append(pair)
            index += 2
        else:
            letters.append(text[index])
            index += 1
    return letters


def sort_key(text: str, language: str = "cy") -> tuple:
    """A key for sorting in the language's own alphabetical order."""
    if language != "cy":
        return (_strip_accents(text.casefold()), text)
    ranks = tuple((0, _RANK[letter]) if letter in _RANK else (1, ord(letter[0])) for letter in welsh_letters(text))
    return (ranks, text)
