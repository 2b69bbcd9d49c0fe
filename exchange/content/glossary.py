"""The glossary: every term and set of initials the site uses, in English and Welsh.

One data file (`exchange/data/glossary.yml`) is read once into records. The same records give:
- the glossary pages, sorted in each language's own alphabetical order (`glossary_view`);
- the `<abbr title>` on initials on every page, in the page's language
  (`abbreviation_definitions`, appended to each page's Markdown by exchange/hooks/glossary.py);
- the search's synonyms (`synonym_groups`);
- the checks: the file itself (`load_glossary`) and the initials used on pages
  (`check_page_initials`), so that initials nobody explains fail the build.

In Welsh the initials PDG mean "plant sy'n derbyn gofal" (looked after children), never the
Pupil Development Grant, which is GDD: a check keeps it that way.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

import yaml

from exchange import DATA_DIR, LANGUAGES
from exchange.core.problems import Problem, display_path
from exchange.welsh.order import sort_key, welsh_letters

GLOSSARY_FILE = DATA_DIR / "glossary.yml"
RECORD_FIELDS = ("id", "en", "cy")
TEXT_FIELDS = ("term", "initials", "explanation", "synonyms")
ID_FORMAT = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_EXPLANATION = 400

# Initials as written in the glossary: letters only, starting with a capital, at least two
# capitals (PEP, ALNCo, GwE, CLlLC).
INITIALS_FORMAT = re.compile(r"^[A-Z][A-Za-z]*[A-Z][A-Za-z]*$")
# A word in running text: letters only, between non-letters (digits and hyphens split words).
WORD = re.compile(r"(?<![A-Za-zÀ-ÿŴŵŶŷ])[A-Za-zÀ-ÿŴŵŶŷ]+(?![A-Za-zÀ-ÿŴŵŶŷ])")
ROMAN_NUMERAL = re.compile(r"^(?=[IVXLC]{2,}$)C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
# Capitals that are not initials and need no expansion ("level AA" of WCAG is a name of a
# level; the glossary explains it under WCAG).
NOT_INITIALS = {"AA"}
# In Welsh, PDG belongs to this record only (plant sy'n derbyn gofal).
WELSH_PDG_RECORD = "looked-after-child"


@dataclass(frozen=True)
class TermText:
    """A term in one language."""

    term: str
    initials: tuple[str, ...]
    explanation: str
    synonyms: tuple[str, ...]


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    line: int
    texts: dict[str, TermText]

    def text(self, language: str) -> TermText:
        return self.texts[language]


@dataclass(frozen=True)
class GlossaryEntry(TermText):
    """A term as the glossary page shows it: its text in the page's language, and its id."""

    id: str = ""


@dataclass(frozen=True)
class LetterGroup:
    letter: str
    anchor: str
    entries: tuple[GlossaryEntry, ...]


# ---------------------------------------------------------------- reading plain text out of Markdown

FENCE = re.compile(r"^\s*(```|~~~)")
ABBREVIATION_DEFINITION = re.compile(r"^\s*\*\[[^\]]+\]:")
REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
LINK = re.compile(r"\[((?:[^\[\]]|\[[^\]]*\])*)\]\([^)]*\)")
AUTOLINK = re.compile(r"<(?:https?|mailto):[^>]*>")
BARE_ADDRESS = re.compile(r"(?:\bhttps?://|\bwww\.)\S+|\S+@\S+\.\S+")
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
HTML_COMMENT = re.compile(r"<!--.*?-->")
ATTRIBUTE_LIST = re.compile(r"\{\s*[:.#][^}]*\}")
INLINE_CODE = re.compile(r"`[^`]*`")
EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+[\w\s-]*?)?(?:\s+\"(?P<title>[^\"]*)\")?\s*$")


def plain_text(line: str, keep_image_text: bool = True) -> str:
    """The words a reader sees on one line of Markdown: links, emphasis and code marks gone."""
    text = HTML_COMMENT.sub(" ", line)
    text = INLINE_CODE.sub(" ", text)
    text = IMAGE.sub(lambda match: match.group(1) if keep_image_text else " ", text)
    text = LINK.sub(lambda match: match.group(1), text)
    text = AUTOLINK.sub(" ", text)
    text = BARE_ADDRESS.sub(" ", text)
    text = HTML_TAG.sub(" ", text)
    text = ATTRIBUTE_LIST.sub(" ", text)
    for _ in range(2):  # **_nested_** emphasis
        text = EMPHASIS.sub(lambda match: match.group(2), text)
    return text.replace("\\", "")


def prose_lines(markdown: str) -> Iterator[tuple[int, str]]:
    """(line index from 0, plain text) for every line a reader reads; code is left out."""
    in_code = False
    for index, line in enumerate(markdown.splitlines()):
        if FENCE.match(line):
            in_code = not in_code
            continue
        if in_code or ABBREVIATION_DEFINITION.match(line) or REFERENCE_DEFINITION.match(line):
            continue
        admonition = ADMONITION.match(line)
        if admonition:
            yield index, admonition.group("title") or ""
            continue
        yield index, plain_text(line)


def is_initials(word: str) -> bool:
    """PEP, PEPs, ALNCo, GwE, CLlLC: two capitals or more and at most one small letter."""
    capitals = sum(char.isupper() for char in word)
    small = sum(char.islower() for char in word)
    return capitals >= 2 and small <= 1 and word[0].isupper() and word not in NOT_INITIALS and not ROMAN_NUMERAL.match(word)


def initials_in(text: str) -> Iterator[tuple[int, str]]:
    """(position, initials) for every set of initials in plain text."""
    for match in WORD.finditer(text):
        word = match.group()
        if word[1:].islower() or not word[0].isupper():  # most words: quick to rule out
            continue
        if is_initials(word):
            yield match.start(), match.group()


# ---------------------------------------------------------------- loading and checking the data file


def _suggest(value: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'? " if close else ""


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _mapping(node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    return {str(key.value): (key, value) for key, value in node.value}


def _text_list(value: Any) -> list | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    return None


def _read_language(loader: yaml.SafeLoader, node: yaml.Node, language: str, record_id: str, shown: str) -> tuple[TermText | None, list[Problem]]:
    problems: list[Problem] = []
    where = f"{record_id}: {language}"
    if not isinstance(node, yaml.MappingNode):
        return None, [Problem(shown, _line(node), f"{where} must be a group of fields below it: term, explanation, and initials or synonyms if it has them", field=language)]
    fields = _mapping(node)
    for name, (key, _) in fields.items():
        if name not in TEXT_FIELDS:
            problems.append(Problem(shown, _line(key), f"{where}: unknown field '{name}': {_suggest(name, TEXT_FIELDS)}the fields are {', '.join(TEXT_FIELDS)}", field=f"{language}.{name}"))
    values: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        if name in fields:
            values[name] = loader.construct_object(fields[name][1], deep=True)
    for name, help_text in (("term", "the term written out"), ("explanation", "what it means, in plain words")):
        value = values.get(name)
        line = _line(fields[name][1]) if name in fields else _line(node)
        if name not in fields:
            problems.append(Problem(shown, line, f"{where}: field '{name}' is missing: add '{name}: ...' ({help_text})", field=f"{language}.{name}"))
        elif not isinstance(value, str) or not value.strip():
            problems.append(Problem(shown, line, f"{where}: field '{name}' must be text: write {help_text}", field=f"{language}.{name}"))
    explanation = values.get("explanation")
    if isinstance(explanation, str) and len(explanation) > MAX_EXPLANATION:
        problems.append(Problem(shown, _line(fields["explanation"][1]), f"{where}: the explanation is {len(explanation)} characters long: keep it under {MAX_EXPLANATION}, in short plain sentences", field=f"{language}.explanation"))
    initials: list[str] = []
    if "initials" in fields:
        line = _line(fields["initials"][1])
        listed = _text_list(values["initials"])
        if listed is None:
            problems.append(Problem(shown, line, f"{where}: initials must be text (PEP) or a list of text ([AHY, EOTAS])", field=f"{language}.initials"))
        else:
            for item in listed:
                if not INITIALS_FORMAT.match(item):
                    problems.append(Problem(shown, line, f"{where}: '{item}' is not written as initials: use letters only, with at least two capitals (like PEP or ALNCo)", field=f"{language}.initials"))
                else:
                    initials.append(item)
    synonyms: list[str] = []
    if "synonyms" in fields:
        listed = _text_list(values["synonyms"])
        if listed is None or not all(item.strip() for item in listed):
            problems.append(Problem(shown, _line(fields["synonyms"][1]), f"{where}: synonyms must be a list of words or phrases: [word, another phrase]", field=f"{language}.synonyms"))
        else:
            synonyms = [item.strip() for item in listed]
    if any(problem.severity == "error" for problem in problems):
        return None, problems
    return TermText(values["term"].strip(), tuple(initials), explanation.strip(), tuple(synonyms)), problems


def _read_record(loader: yaml.SafeLoader, node: yaml.Node, shown: str) -> tuple[GlossaryTerm | None, list[Problem]]:
    if not isinstance(node, yaml.MappingNode):
        return None, [Problem(shown, _line(node), "each record must start with '- id: ...' and have 'en:' and 'cy:' below it")]
    fields = _mapping(node)
    problems: list[Problem] = []
    for name, (key, _) in fields.items():
        if name not in RECORD_FIELDS:
            problems.append(Problem(shown, _line(key), f"unknown field '{name}': {_suggest(name, RECORD_FIELDS)}a record has id, en and cy", field=name))
    record_id = loader.construct_object(fields["id"][1], deep=True) if "id" in fields else None
    if not isinstance(record_id, str) or not ID_FORMAT.match(record_id):
        line = _line(fields["id"][1]) if "id" in fields else _line(node)
        problems.append(Problem(shown, line, f"id '{record_id}' must be lowercase words joined by hyphens, like personal-education-plan", field="id"))
        record_id = str(record_id)
    texts: dict[str, TermText] = {}
    for language in LANGUAGES:
        if language not in fields:
            problems.append(Problem(shown, _line(node), f"{record_id}: the {'English' if language == 'en' else 'Welsh'} text is missing: add '{language}:' with term and explanation", field=language))
            continue
        text, found = _read_language(loader, fields[language][1], language, record_id, shown)
        problems.extend(found)
        if text:
            texts[language] = text
    if any(problem.severity == "error" for problem in problems):
        return None, problems
    return GlossaryTerm(record_id, _line(node), texts), problems


def check_collection(records: list[GlossaryTerm], shown: str) -> Iterator[Problem]:
    """Rules across records: unique ids, terms and initials; explanations explain themselves."""
    seen_ids: dict[str, GlossaryTerm] = {}
    for record in records:
        if record.id in seen_ids:
            yield Problem(shown, record.line, f"id '{record.id}' is also used on line {seen_ids[record.id].line}: give each record its own id", field="id")
        seen_ids.setdefault(record.id, record)
    for language in LANGUAGES:
        terms: dict[str, GlossaryTerm] = {}
        owners: dict[str, GlossaryTerm] = {}
        for record in records:
            text = record.text(language)
            key = text.term.casefold()
            if key in terms:
                yield Problem(shown, record.line, f"{record.id}: the {language} term '{text.term}' is also the term of '{terms[key].id}': merge the two records", field=f"{language}.term")
            terms.setdefault(key, record)
            for initials in text.initials:
                if initials in owners:
                    yield Problem(shown, record.line, f"{record.id}: the {language} initials '{initials}' also stand for '{owners[initials].id}': initials can mean one thing only in a language", field=f"{language}.initials")
                owners.setdefault(initials, record)
        known = _known_initials(records, language)
        for record in records:
            text = record.text(language)
            for _, initials in initials_in(text.explanation):
                if _lookup(initials, known) is None:
                    yield Problem(shown, record.line, f"{record.id}: the {language} explanation uses '{initials}', which the glossary does not explain in that language: write it out", field=f"{language}.explanation")
    for record in records:
        if "PDG" in record.text("cy").initials and record.id != WELSH_PDG_RECORD:
            yield Problem(shown, record.line, f"{record.id}: in Welsh, PDG means 'plant sy'n derbyn gofal' (record {WELSH_PDG_RECORD}); the grant is GDD: remove PDG from its Welsh initials", field="cy.initials")


def _fingerprint(path: Path) -> tuple:
    stat = path.stat()
    return (str(path), stat.st_mtime_ns, stat.st_size)


def load_glossary(path: Path = GLOSSARY_FILE) -> tuple[list[GlossaryTerm], list[Problem]]:
    """Every record of the glossary file, and every problem found (cached on the file's time)."""
    path = Path(path)
    if not path.is_file():
        return [], [Problem(display_path(path), 1, "the glossary file does not exist")]
    return _load_cached(path, _fingerprint(path))


@lru_cache(maxsize=4)
def _load_cached(path: Path, fingerprint: tuple) -> tuple[list[GlossaryTerm], list[Problem]]:
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return [], [Problem(shown, 1, "the glossary is not saved as UTF-8 text: save it again with UTF-8 encoding")]
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        if root is None or not isinstance(root, yaml.SequenceNode):
            return [], [Problem(shown, 1, "the glossary must be a list of records, each starting with '- id: ...'")]
        records: list[GlossaryTerm] = []
        problems: list[Problem] = []
        for node in root.value:
            record, found = _read_record(loader, node, shown)
            problems.extend(found)
            if record:
                records.append(record)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 1 if mark else 1
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        return [], [Problem(shown, line, f"the glossary is not valid YAML ({reason}): check the quotes, colons and indentation on this line")]
    finally:
        loader.dispose()
    problems.extend(check_collection(records, shown))
    return records, problems


def glossary_terms() -> list[GlossaryTerm]:
    return load_glossary()[0]


# ---------------------------------------------------------------- initials on pages


def _known_initials(records: Iterable[GlossaryTerm], language: str) -> dict[str, GlossaryTerm]:
    return {initials: record for record in records for initials in record.text(language).initials}


def _lookup(word: str, known: dict[str, GlossaryTerm]) -> tuple[GlossaryTerm, bool] | None:
    """The record for initials, and whether they were written in the plural (PEPs)."""
    if word in known:
        return known[word], False
    if word.endswith("s") and word[:-1] in known:
        return known[word[:-1]], True
    return None


def expansion(word: str, language: str, records: Iterable[GlossaryTerm] | None = None) -> str | None:
    """What initials stand for, in the language: 'PEP' -> 'personal education plan'."""
    found = _lookup(word, _known_initials(records if records is not None else glossary_terms(), language))
    if found is None:
        return None
    record, plural = found
    return _expanded(record.text(language).term, plural, language)


def _expanded(term: str, plural: bool, language: str) -> str:
    """The term, in the plural when the initials were (English only: PEPs, FEIs)."""
    return f"{term}s" if plural and language == "en" and not term.endswith("s") else term


def abbreviation_definitions(markdown: str, language: str, records: Iterable[GlossaryTerm] | None = None) -> str:
    """Python-Markdown `abbr` definitions for the initials a page uses, in its language.

    Appended to the page's Markdown, they make each set of initials an <abbr title="...">.
    """
    records = list(records if records is not None else glossary_terms())
    known = _known_initials(records, language)
    used = sorted({initials for _, line in prose_lines(markdown) for _, initials in initials_in(line)})
    definitions = []
    for initials in used:
        found = _lookup(initials, known)
        if found:
            record, plural = found
            definitions.append(f"*[{initials}]: {_expanded(record.text(language).term, plural, language)}")
    return ("\n\n" + "\n".join(definitions) + "\n") if definitions else ""


WELSH_GRANT_WORDS = re.compile(r"\bgrant\b|datblygu disgyblion", re.IGNORECASE)


def check_page_initials(markdown: str, language: str, shown: str, first_line: int = 1, records: Iterable[GlossaryTerm] | None = None) -> Iterator[Problem]:
    """Initials on a page that the glossary does not explain in the page's language.

    `first_line` is the line of the file on which the Markdown starts (after front matter).
    """
    known = _known_initials(records if records is not None else glossary_terms(), language)
    name = "English" if language == "en" else "Welsh"
    for index, line in prose_lines(markdown):
        reported: set[str] = set()
        for _, initials in initials_in(line):
            if initials in reported:
                continue
            reported.add(initials)
            if _lookup(initials, known) is None:
                yield Problem(shown, first_line + index, f"the initials '{initials}' are not in the glossary for {name} pages: write the words out, or add them to exchange/data/glossary.yml with their meaning in English and Welsh", field="body")
        if language == "cy" and "PDG" in reported and WELSH_GRANT_WORDS.search(line):
            yield Problem(shown, first_line + index, "in Welsh, PDG means 'plant sy'n derbyn gofal': the Pupil Development Grant is the Grant Datblygu Disgyblion (GDD)", field="body")


# ---------------------------------------------------------------- the glossary page and search

ARTICLES = {"en": ("the ",), "cy": ("yr ", "y ", "'r ")}


def _without_article(term: str, language: str) -> str:
    lowered = term.casefold()
    for article in ARTICLES[language]:
        if lowered.startswith(article):
            return term[len(article):]
    return term


def term_sort_key(term: str, language: str) -> tuple:
    """Word by word, in the language's alphabetical order ('Gwasanaeth Addysg' before 'Gwasanaethau')."""
    words = re.split(r"[\s\-–]+", _without_article(term, language).strip())
    return tuple(sort_key(word, language)[0] for word in words if word)


def _first_letter(term: str, language: str) -> str:
    bare = _without_article(term, language)
    if language == "cy":
        letter = welsh_letters(bare)[0]
    else:
        letter = unicodedata.normalize("NFD", bare.casefold())[0]
    return letter[0].upper() + letter[1:]


def glossary_view(language: str, records: Iterable[GlossaryTerm] | None = None) -> list[LetterGroup]:
    """The glossary in the language's own alphabetical order, grouped by first letter.

    In Welsh, ch, dd, ff, ng, ll, ph, rh and th are letters of their own: "Llywodraeth"
    comes after every word in "L", under its own heading "Ll".
    """
    records = list(records if records is not None else glossary_terms())
    ordered = sorted(records, key=lambda record: term_sort_key(record.text(language).term, language))
    groups: dict[str, list[GlossaryEntry]] = {}
    for record in ordered:
        text = record.text(language)
        display = text.term[0].upper() + text.term[1:]
        groups.setdefault(_first_letter(text.term, language), []).append(GlossaryEntry(display, text.initials, text.explanation, text.synonyms, id=record.id))
    return [LetterGroup(letter, f"letter-{letter.casefold()}", tuple(entries)) for letter, entries in groups.items()]


def synonym_groups(language: str, records: Iterable[GlossaryTerm] | None = None) -> list[set[str]]:
    """For search: each term with its initials and synonyms, in one language.

    [{'personal education plan', 'PEP', 'education plan'}, ...]. Words are as written in the
    glossary (case kept); a search index should fold case itself.
    """
    records = records if records is not None else glossary_terms()
    groups = []
    for record in records:
        text = record.text(language)
        group = {text.term, *text.initials, *text.synonyms}
        if len(group) > 1:
            groups.append(group)
    return groups


# ---------------------------------------------------------------- the command line


def _page_language(path: Path) -> str:
    if path.name in {"en.md", "cy.md"} and path.parent.parent.name == "case_studies":
        return path.stem
    return "cy" if "cy" in path.parts else "en"


def check_glossary_and_pages(paths: list[Path]) -> list[Problem]:
    """The glossary file, then the initials on every page in the paths (default: the site)."""
    from exchange import PROJECT_ROOT
    from exchange.core.frontmatter import read_document

    records, problems = load_glossary()
    roots = paths or [PROJECT_ROOT / "docs", PROJECT_ROOT / "case_studies"]
    files = [file for root in roots for file in (sorted(Path(root).rglob("*.md")) if Path(root).is_dir() else [Path(root)])]
    for path in files:
        document, found = read_document(path)
        problems.extend(found)
        if document is not None:
            problems.extend(check_page_initials(document.body, _page_language(path), display_path(path), document.body_line, records))
    return problems
