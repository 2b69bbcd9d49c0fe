"""Interface strings of our own templates in English and Welsh.

A string with a count in it ("3 documents") is a *counted string*: in exchange/data/strings.yml
each language gives one text per CLDR plural category of that language (English: one, other;
Welsh: zero, one, two, few, many, other), because Welsh mutates the noun after some numbers
("1 ddogfen", "2 ddogfen", "3 chanlyniad", "6 chanlyniad"). Python picks the category with
Babel (count_phrase), the browser with Intl.PluralRules (docs/javascripts/plural.js).
"""

from __future__ import annotations

from functools import cache

import yaml
from babel import Locale

from exchange import DATA_DIR, LANGUAGES
from exchange.core.data_files import load_data
from exchange.core.problems import Problem, display_path

STRINGS_FILE = DATA_DIR / "strings.yml"


class UnknownString(KeyError):
    """A template asked for a string that does not exist: an error, never a silent blank."""


def _text(key: str, language: str) -> str | dict[str, str]:
    strings = load_data("strings")
    if key not in strings:
        raise UnknownString(f"interface string '{key}' is not in exchange/data/strings.yml")
    if language not in LANGUAGES:
        raise UnknownString(f"language '{language}' is not one of {', '.join(LANGUAGES)}")
    return strings[key][language]


def translate(key: str, language: str, **values: object) -> str:
    text = _text(key, language)
    if isinstance(text, dict):
        raise UnknownString(f"interface string '{key}' has a form for each number: use count_phrase(count, '{key}', language)")
    return text.format(**values) if values else text


@cache
def plural_categories(language: str) -> tuple[str, ...]:
    """The CLDR plural categories of a language, in CLDR's order: ('one', 'other') for English."""
    tags = Locale.parse(language).plural_form.tags | {"other"}
    return tuple(tag for tag in ("zero", "one", "two", "few", "many", "other") if tag in tags)


def plural_category(count: int, language: str) -> str:
    """'zero', 'one', 'two', 'few', 'many' or 'other': which form of a counted string to use."""
    return Locale.parse(language).plural_form(count)


def plural_forms(key: str, language: str) -> dict[str, str]:
    """Every form of a counted string in a language, by category (for the browser's copy)."""
    forms = _text(key, language)
    if not isinstance(forms, dict):
        raise UnknownString(f"interface string '{key}' is not a counted string: give it a form for each of {', '.join(plural_categories(language))}")
    return {category: forms[category] for category in plural_categories(language)}


def count_phrase(count: int, key: str, language: str, **values: object) -> str:
    """'1 case study' / '3 case studies', '2 ddogfen' / '3 dogfen', in the reader's language.

    `count` chooses the form and is {n} and {total}, unless `values` gives them: "Showing {n} of
    {total} documents" takes its form from the total, count_phrase(total, key, language, n=shown)."""
    return plural_forms(key, language)[plural_category(count, language)].format(**{"n": count, "total": count, **values})


def counted_string_problems(path=STRINGS_FILE) -> list[Problem]:
    """`path:line: message` for a counted string that lacks a category or has one its language does not use."""
    problems: list[Problem] = []
    root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    for key_node, value_node in root.value:
        if not isinstance(value_node, yaml.MappingNode):
            continue
        for language_node, forms_node in value_node.value:
            if not isinstance(forms_node, yaml.MappingNode):
                continue
            line = forms_node.start_mark.line + 1
            wanted = plural_categories(language_node.value)
            given = [node.value for node, _ in forms_node.value]
            missing = [category for category in wanted if category not in given]
            extra = [category for category in given if category not in wanted]
            if missing:
                problems.append(Problem(display_path(path), line, f"'{key_node.value}' ({language_node.value}) has no form for {', '.join(missing)}: a counted string gives one for each of {', '.join(wanted)}"))
            if extra:
                problems.append(Problem(display_path(path), line, f"'{key_node.value}' ({language_node.value}) has a form for {', '.join(extra)}, which {language_node.value} does not use: keep only {', '.join(wanted)}"))
    return problems
