"""Interface strings of our own templates in English and Welsh."""

from __future__ import annotations

from exchange import LANGUAGES
from exchange.core.data_files import load_data


class UnknownString(KeyError):
    """A template asked for a string that does not exist: an error, never a silent blank."""


def translate(key: str, language: str, **values: object) -> str:
    strings = load_data("strings")
    if key not in strings:
        raise UnknownString(f"interface string '{key}' is not in exchange/data/strings.yml")
    if language not in LANGUAGES:
        raise UnknownString(f"language '{language}' is not one of {', '.join(LANGUAGES)}")
    text = strings[key][language]
    return text.format(**values) if values else text


def count_phrase(count: int, key: str, language: str) -> str:
    """'1 case study' / '3 case studies' in the reader's language."""
    form = "one" if count == 1 else "other"
    return translate(f"{key}.{form}", language, n=count)
