"""Welsh spelling: Hunspell with Bangor University's Welsh dictionary (npm dictionary-cy,
LGPL-3.0) and the project's word list (exchange/data/welsh-wordlist.txt: names, initials and
the few real Welsh words the dictionary lacks).

Every word the dictionary and the word list do not know is an error: English left on a
Welsh page fails the check, and so does a misspelling. English that belongs on a Welsh page
(the title of an English-only document) is marked as English in the Markdown, as WCAG 3.1.2
asks, and is then not spell-checked: `[Title](https://...){lang=en}` or `*Title*{lang=en}`.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import yaml

from exchange import DATA_DIR, PROJECT_ROOT
from exchange.core.frontmatter import read_document
from exchange.welsh.files import FOLDER_COLLECTIONS
from exchange.core.problems import Problem, display_path

DICTIONARY = PROJECT_ROOT / "node_modules" / "dictionary-cy" / "index"
WORD_LIST = DATA_DIR / "welsh-wordlist.txt"
ENGLISH_DICTIONARIES = ("en_GB", "en_US")  # Debian's hunspell-en-*: only to say "this looks English"
# Front matter fields that hold text for readers (the rest are identifiers, dates, paths).
TEXT_FIELDS = ("title", "description", "summary", "organisation", "contact_role", "organiser", "location")
# Welsh data values that are not prose: search terms people type in either language.
NOT_PROSE_DATA = {"synonyms.yml"}
# Short forms joined to a word by an apostrophe (sy'n, i'r, a'u, i'w, wedi'i, a'm, a'ch, a'th).
CLITICS = {"n", "r", "i", "w", "u", "m", "ch", "th", "ei"}

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
ENGLISH_SPAN = re.compile(r"""(\[[^\]]*\](?:\([^)]*\))?|\*\*[^*]+\*\*|\*[^*]+\*|__[^_]+__|_[^_]+_)\{[^}]*\blang=["']?en["']?[^}]*\}""")
STRIP = [
    re.compile(r"<!--.*?-->"),  # comments
    re.compile(r"`[^`]*`"),  # code
    re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$"),  # link reference definitions
    re.compile(r"^\s*\*\[[^\]]+\]:"),  # abbreviation definitions: the initials (the words stay)
    re.compile(r"\]\([^)]*\)"),  # link targets
    re.compile(r"\]\[[^\]]*\]"),  # reference link labels
    re.compile(r"<https?://[^>]+>|https?://\S*|www\.\S+"),  # addresses
    re.compile(r"\S+@\S+\.\S+"),  # email addresses
    re.compile(r"[\w{}-]+(?:[./][\w{}-]+)+/?"),  # file names, paths and domains: en.md, gov.wales
    re.compile(r"(?<![\w.])\.[A-Za-z0-9]{2,5}\b"),  # file types: .ics, .csv
    re.compile(r"\{[^}]*\}"),  # attribute lists, and {placeholders} in interface strings
    re.compile(r"<[^>]+>"),  # HTML tags
    re.compile(r"\b(?:javascript|vbscript|data|mailto|tel):"),  # address schemes named in messages
    re.compile(r"\b\w+="),  # attribute names named in messages (onclick=)
    re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s*[\w-]+"),  # admonition markers (the quoted title stays)
]
FENCE = re.compile(r"^\s*(```|~~~)")


class SpellCheckerUnavailable(RuntimeError):
    """Hunspell or the Welsh dictionary is missing: a setup problem, not a misspelling."""


@dataclass(frozen=True)
class TextLine:
    path: Path
    line: int
    text: str
    field: str = ""


# ---------------------------------------------------------------- what is checked


def welsh_text_files(docs: Path = PROJECT_ROOT / "docs", collections: Path = PROJECT_ROOT) -> list[Path]:
    """The Welsh pages, and the Welsh file of every case study, news post and event."""
    return sorted((docs / "cy").rglob("*.md")) + [path for folder in FOLDER_COLLECTIONS for path in sorted((collections / folder).glob("*/cy.md"))]


def markdown_lines(path: Path) -> Iterator[TextLine]:
    """The words a reader sees in a Markdown file, line by line, without markup or addresses."""
    document, _ = read_document(path)
    if document is None:
        return
    for name in TEXT_FIELDS:
        if isinstance(document.meta.get(name), str):
            yield TextLine(path, document.line_of(name), document.meta[name], field=name)
    # Text marked as English may run over several lines: take it out of the whole body first,
    # keeping its line breaks so that every other word keeps its line number.
    body = ENGLISH_SPAN.sub(lambda match: "\n" * match.group(0).count("\n"), document.body)
    in_code = False
    for offset, raw in enumerate(body.splitlines()):
        if FENCE.match(raw):
            in_code = not in_code
            continue
        if in_code:
            continue
        text = raw
        for pattern in STRIP:
            text = pattern.sub(" ", text)
        if text.strip():
            yield TextLine(path, document.body_line + offset, text)


def data_lines(files: Iterable[Path] | None = None) -> Iterator[TextLine]:
    """Every Welsh ("cy") text of the data files, at its line."""
    if files is None:
        files = sorted(path for pattern in ("exchange/data/*.yml", "contacts/*.yml") for path in PROJECT_ROOT.glob(pattern) if path.name not in NOT_PROSE_DATA)
    for path in files:
        try:
            node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            continue
        yield from _welsh_values(node, path, inside_welsh=False)


def _welsh_values(node, path: Path, inside_welsh: bool) -> Iterator[TextLine]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _welsh_values(value, path, inside_welsh or key.value == "cy")
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _welsh_values(item, path, inside_welsh)
    elif inside_welsh and isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str":
        text = node.value
        for pattern in STRIP:
            text = pattern.sub(" ", text)
        yield TextLine(path, node.start_mark.line + 1, text)


# ---------------------------------------------------------------- the word list


@dataclass(frozen=True)
class WordList:
    exact: frozenset[str]  # names and initials: as written
    any_case: frozenset[str]  # lowercase entries: also with a capital, or in capitals
    phrases: tuple[str, ...] = ()  # names of several words, as written: "Voices From Care"

    def knows(self, word: str) -> bool:
        return word in self.exact or word.lower() in self.any_case

    def without_phrases(self, text: str) -> str:
        """The text with the listed names taken out, so that their words are not checked
        alone ("From" on its own is still English)."""
        for phrase in self.phrases:
            text = re.sub(rf"(?<![\w'’-]){re.escape(phrase)}(?![\w'’-])", " ", text)
        return text


PHRASE = re.compile(rf"{WORD.pattern}(?: {WORD.pattern})+")


def load_word_list(path: Path = WORD_LIST) -> tuple[WordList, list[Problem]]:
    """The word list: one word, or one name of several words, per line; '#' starts a comment."""
    exact, any_case, phrases, problems = set(), set(), [], []
    seen: dict[str, int] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        entry = raw.split("#", 1)[0].strip()
        if not entry:
            continue
        if entry in seen:
            problems.append(Problem(display_path(path), number, f"'{entry}' is already on line {seen[entry]}: keep one"))
        seen[entry] = number
        if WORD.fullmatch(entry):
            (any_case if entry == entry.lower() else exact).add(entry)
        elif PHRASE.fullmatch(entry):
            phrases.append(entry)
        else:
            problems.append(Problem(display_path(path), number, f"'{entry}' is not a word or a name: write one word (or one name of several words) per line, a comment after '#'"))
    # Longest first, so that "Voices From Care Cymru" is taken out before "Voices From Care".
    return WordList(frozenset(exact), frozenset(any_case), tuple(sorted(phrases, key=len, reverse=True))), problems


# ---------------------------------------------------------------- Hunspell


def hunspell_executable() -> str:
    found = shutil.which("hunspell")
    if found is None:
        raise SpellCheckerUnavailable("Hunspell is not installed: run `make system-deps` (Debian's hunspell)")
    if not DICTIONARY.with_suffix(".dic").is_file():
        raise SpellCheckerUnavailable("the Welsh dictionary is not installed: run `make node-deps` (npm's dictionary-cy, pinned in package-lock.json)")
    return found


def unknown_words(words: Iterable[str], dictionary: str | Path) -> dict[str, list[str]]:
    """The words a Hunspell dictionary does not know, each with its suggestions."""
    words = sorted(set(words))
    if not words:
        return {}
    completed = subprocess.run(
        [hunspell_executable(), "-d", str(dictionary), "-a", "-i", "utf-8"],
        input="".join(f"^{word}\n" for word in words), capture_output=True, text=True, encoding="utf-8",
    )
    if completed.returncode != 0:
        raise SpellCheckerUnavailable(f"hunspell failed: {completed.stderr.strip()[:300]}")
    blocks = completed.stdout.split("\n\n")
    # The first line is Hunspell's banner; then one block of results per word, in order.
    blocks[0] = blocks[0].split("\n", 1)[1] if "\n" in blocks[0] else ""
    unknown = {}
    for word, block in zip(words, blocks):
        misses = [line for line in block.splitlines() if line[:1] in ("&", "#")]
        if misses:
            suggestions = [suggestion.strip() for line in misses if ": " in line for suggestion in line.split(": ", 1)[1].split(",")]
            unknown[word] = suggestions
    return unknown


@lru_cache(maxsize=1)
def english_dictionary() -> str | None:
    for name in ENGLISH_DICTIONARIES:
        if Path(f"/usr/share/hunspell/{name}.dic").is_file():
            return f"/usr/share/hunspell/{name}"
    return None


# ---------------------------------------------------------------- the check


def words_to_check(token: str) -> list[str]:
    """The parts of a word Hunspell can judge: "sy'n" -> ["sy"], "i'r" -> ["i"]."""
    parts = re.split(r"['’]", token)
    return [part for index, part in enumerate(parts) if part and not (index > 0 and part.lower() in CLITICS)]


def check_welsh_spelling(files: Iterable[Path], include_records: bool = True, word_list_path: Path = WORD_LIST) -> list[Problem]:
    """One problem per unknown word and line: English left in Welsh text, or a misspelling."""
    word_list, problems = load_word_list(word_list_path)
    lines: list[TextLine] = [line for path in files for line in markdown_lines(path)]
    if include_records:
        lines += list(data_lines())
    found: list[tuple[TextLine, str, str]] = []  # line, token, word
    for text_line in lines:
        for match in WORD.finditer(word_list.without_phrases(text_line.text)):
            token = match.group(0)
            if len(token) < 2 or word_list.knows(token):
                continue
            for word in words_to_check(token):
                if not word_list.knows(word):
                    found.append((text_line, token, word))
    unknown = unknown_words((word for _, _, word in found), DICTIONARY)
    english_dictionary_path = english_dictionary()
    english = set()
    if english_dictionary_path and unknown:
        english = set(unknown) - set(unknown_words(unknown, english_dictionary_path))
    reported = set()
    for text_line, token, word in found:
        if word not in unknown or (text_line.path, text_line.line, word) in reported:
            continue
        reported.add((text_line.path, text_line.line, word))
        problems.append(Problem(display_path(text_line.path), text_line.line, _message(token, word, unknown[word], word in english), field=text_line.field or "spelling"))
    return problems


def _message(token: str, word: str, suggestions: list[str], looks_english: bool) -> str:
    shown = f"'{word}' (in '{token}')" if token != word else f"'{word}'"
    if looks_english:
        return (f"{shown} is English, not Welsh: translate it; if it belongs here in English (the title of an English-only document), "
                f"mark it as English, like [Title](https://...){{lang=en}} or *Title*{{lang=en}}; a name goes in {display_path(WORD_LIST)}")
    hint = f"did you mean {', '.join(suggestions[:3])}? " if suggestions else ""
    return f"{shown} is not in the Welsh dictionary: {hint}correct it, or if it is right (a name, initials, a rare word), add it to {display_path(WORD_LIST)}"
