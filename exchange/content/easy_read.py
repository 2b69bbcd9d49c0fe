"""Easy-read pages: the rules a page with `easy_read: true` must keep, in English and Welsh.

One check, used by `scripts/check_easy_read.py`, by the build (exchange/hooks/easy_read.py)
and by the tests. The rules follow GOV.UK's and Mencap's easy-read guidance, and "Cymraeg
Clir" for Welsh:

- Sentence length: at most 15 words in English, 20 in Welsh (Welsh needs more words for the
  same idea: articles, particles and split verbs; Cymraeg Clir allows up to 25).
- One idea per sentence. A heuristic, kept simple on purpose: a sentence may not join two
  main clauses with "and" ("a"/"ac" in Welsh), nor with a semicolon. In English, "and" joins
  clauses when a subject pronoun (I, you, we, they, he, she, it, there, this, that, these,
  those) or a finite helper verb (will, can, should, must, may, is, are, has...) follows it:
  "Your carer will go and you can ask questions" is flagged, "you and your carer" is not.
  In Welsh, "a"/"ac" join clauses when a verb that starts a clause follows unmutated
  ("a bydd", "ac mae", "a gallwch", "a chaiff"); the relative "a" takes a soft mutation
  ("y person a fydd yn helpu") and is not flagged.
- Long words: English words of more than 3 syllables (counted by textstat, from the CMU
  pronouncing dictionary) and Welsh words of more than 14 letters (ch, dd, ll... count as one
  letter), unless the page explains the word in a definition box, the glossary has it, it is
  a name (a capital inside a sentence) or it is on the short list of everyday words below.
- Reading age, English pages only: Flesch-Kincaid grade (textstat) + 5 at most 9, GOV.UK's
  target for easy read (see READING_AGE_LIMIT). No Welsh readability formula is published,
  so Welsh pages are held to sentence and word length only.
- Initials: every set of initials is in the glossary, and the page explains it: it writes
  the words out, or has a definition box for it.
- Pictures: every part of the page (the opening and each '## ' section) has a picture, and
  every picture has a text alternative and exists.
- Short pages: at most 350 words in English and 420 in Welsh.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

import textstat

from exchange import PROJECT_ROOT
from exchange.content import glossary
from exchange.core.frontmatter import Document, read_document
from exchange.core.problems import Problem, display_path
from exchange.welsh.order import welsh_letters

DOCS_DIR = PROJECT_ROOT / "docs"
SENTENCE_LIMIT = {"en": 15, "cy": 20}
PAGE_WORD_LIMIT = {"en": 350, "cy": 420}
MAX_SYLLABLES = 3
MAX_WELSH_LETTERS = 14
# GOV.UK's target reading age for easy read is 9. Flesch-Kincaid gives a US school grade
# (grade 4 is the fourth year of school, age 9 to 10); reading age = grade + 5. The formula is
# applied as it is: the long names a page must use ("independent reviewing officer") count
# with all their syllables, even when a definition box explains them.
READING_AGE_LIMIT = 9.0

# Everyday words of more than 3 syllables that easy-read pages may use without a box.
EVERYDAY_WORDS = {
    "en": {"education", "information", "everybody", "everyone", "anybody", "anyone", "actually", "usually", "january", "february"},
    "cy": set(),
}

ENGLISH_CLAUSE_AND = re.compile(
    r"\band\s+(?:I|you|we|they|he|she|it|there|this|that|these|those|will|can|could|should|must|may|might|would|is|are|was|were|has|have|had)\b",
    re.IGNORECASE,
)
WELSH_CLAUSE_STARTERS = (
    "mae maen mi roedd roedden rydych rydyn rydw rwy oedd nid does doedd dydy dyw ydy yw "
    "bydd byddwch byddan byddai byddwn dylai dylech dylen dylid gall gallwch gallan gallai gallen "
    "chaiff chewch chafodd gwnaeth gwnewch gwnaethon daeth dywedodd rhaid"
).split()
WELSH_CLAUSE_AND = re.compile(r"\b(?:a|ac)\s+(?:" + "|".join(WELSH_CLAUSE_STARTERS) + r")\b", re.IGNORECASE)
SEMICOLON = re.compile(r";")

HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?P<text>.*)$")
BOX_START = re.compile(r"^(?:!!!|\?\?\?\+?)\s*(?P<kind>[\w-]+)(?:\s+\"(?P<title>[^\"]*)\")?\s*$")
PICTURE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)(?:\{[^}]*\})?")
PICTURE_SUFFIXES = {".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif"}
VAGUE_ALT = {"image", "picture", "icon", "photo", "llun", "delwedd", "eicon"}
SENTENCE_END = re.compile(r"(?<=[.!?:])[\"”’)]*\s+|\n(?=\s*$)")
WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")

# Welsh initial mutations (radical -> mutated forms), to know "gynllun" is "cynllun".
_MUTATIONS = {
    "p": ("b", "mh", "ph"), "t": ("d", "nh", "th"), "c": ("g", "ngh", "ch"),
    "b": ("f", "m"), "d": ("dd", "n"), "g": ("", "ng"), "m": ("f",), "ll": ("l",), "rh": ("r",),
}


@dataclass
class Sentence:
    line: int
    text: str
    kind: str  # "sentence", "heading" or "box title"

    @property
    def words(self) -> list[str]:
        return WORD.findall(self.text)


@dataclass
class Picture:
    line: int
    alt: str
    source: str


@dataclass
class Part:
    """The opening of the page, or a '## ' section: a chunk that needs its own picture."""

    line: int
    heading: str | None
    pictures: list[Picture] = field(default_factory=list)
    has_text: bool = False


@dataclass
class EasyReadPage:
    path: Path
    language: str
    sentences: list[Sentence]
    parts: list[Part]
    box_titles: list[tuple[int, str]]

    @property
    def reading_sentences(self) -> list[Sentence]:
        return [sentence for sentence in self.sentences if sentence.kind == "sentence"]

    @property
    def word_count(self) -> int:
        return sum(len(sentence.words) for sentence in self.sentences if sentence.kind != "box title")

    def text(self) -> str:
        return "\n".join(sentence.text for sentence in self.sentences)


def is_easy_read(meta: dict[str, Any] | None) -> bool:
    return bool(meta) and meta.get("easy_read") is True


def language_of(path: Path | str) -> str:
    """A page's language from where it lives: docs/cy/... (or any folder 'cy') is Welsh."""
    return "cy" if "cy" in Path(path).parts else "en"


# ---------------------------------------------------------------- reading a page


def _split_sentences(text: str, first_line: int, kind: str = "sentence") -> Iterator[Sentence]:
    position = 0
    for match in list(SENTENCE_END.finditer(text)) + [None]:
        end = match.start() if match else len(text)
        piece = text[position:end]
        if piece.strip():
            leading = len(piece) - len(piece.lstrip())
            line = first_line + text.count("\n", 0, position + leading)
            yield Sentence(line, " ".join(piece.split()), kind)
        if match:
            position = match.end()


def read_easy_read_page(document: Document, language: str) -> EasyReadPage:
    sentences: list[Sentence] = []
    box_titles: list[tuple[int, str]] = []
    parts = [Part(document.body_line, None)]
    paragraph: list[tuple[int, str]] = []
    in_code = in_box = False

    def flush() -> None:
        if paragraph:
            joined = "\n".join(text for _, text in paragraph)
            plain = glossary.plain_text(joined, keep_image_text=False)
            found = list(_split_sentences(plain, paragraph[0][0]))
            sentences.extend(found)
            if found:
                parts[-1].has_text = True
            paragraph.clear()

    for index, raw in enumerate(document.body.splitlines()):
        number = document.body_line + index
        if glossary.FENCE.match(raw):
            flush()
            in_code = not in_code
            continue
        if in_code or glossary.ABBREVIATION_DEFINITION.match(raw) or glossary.REFERENCE_DEFINITION.match(raw):
            continue
        if not raw.strip():
            flush()
            continue
        if in_box and not raw.startswith("    "):
            flush()
            in_box = False
        line = raw[4:] if in_box else raw
        for picture in PICTURE.finditer(line):
            parts[-1].pictures.append(Picture(number, picture.group("alt").strip(), picture.group("src")))
        line = PICTURE.sub(" ", line)
        if not line.strip():
            continue
        box = BOX_START.match(line)
        heading = HEADING.match(line)
        item = LIST_ITEM.match(line)
        if box and not in_box:
            flush()
            in_box = True
            title = box.group("title") or ""
            box_titles.append((number, title))
            sentences.append(Sentence(number, title, "box title"))
        elif heading:
            flush()
            text = glossary.plain_text(heading.group("text"))
            if len(heading.group("hashes")) == 2:
                parts.append(Part(number, text))
            sentences.append(Sentence(number, text, "heading"))
        elif item:
            flush()
            paragraph.append((number, item.group("text")))
        else:
            paragraph.append((number, line.strip()))
    flush()
    return EasyReadPage(Path(document.path), language, sentences, parts, box_titles)


# ---------------------------------------------------------------- words


def mutated_forms(word: str) -> set[str]:
    """A Welsh word and the forms it takes after mutation: cynllun -> gynllun, nghynllun, chynllun."""
    lowered = word.casefold()
    forms = {lowered}
    for radical in sorted(_MUTATIONS, key=len, reverse=True):
        if lowered.startswith(radical):
            forms.update(prefix + lowered[len(radical):] for prefix in _MUTATIONS[radical])
            break
    if lowered[:1] in "aeiouwyâêîôûŵŷ":
        forms.add("h" + lowered)
    return forms


def _term_words(terms: Iterable[str], language: str) -> set[str]:
    words: set[str] = set()
    for term in terms:
        for word in WORD.findall(term):
            words.update(mutated_forms(word) if language == "cy" else {word.casefold()})
    return words


def syllables(word: str) -> int:
    return textstat.syllable_count(word)


def welsh_letter_count(word: str) -> int:
    return len(welsh_letters(re.sub(r"['’\-]", "", word)))


def is_long_word(word: str, language: str) -> bool:
    if any(char.isdigit() for char in word):
        return False
    if language == "cy":
        return welsh_letter_count(word) > MAX_WELSH_LETTERS
    return syllables(word) > MAX_SYLLABLES


def _explained_words(page: EasyReadPage, records: list[glossary.GlossaryTerm]) -> set[str]:
    terms = [title for _, title in page.box_titles]
    for record in records:
        text = record.text(page.language)
        terms.extend([text.term, *text.synonyms])
    return _term_words(terms, page.language) | EVERYDAY_WORDS[page.language]


def _possessive_stem(word: str) -> str:
    return re.sub(r"['’]s$", "", word)


# ---------------------------------------------------------------- reading age


def reading_age(page: EasyReadPage) -> float | None:
    """Flesch-Kincaid grade + 5 for an English page's sentences (None for Welsh pages)."""
    if page.language != "en" or not page.reading_sentences:
        return None
    text = " ".join(sentence.text.rstrip(".!?:") + "." for sentence in page.reading_sentences)
    return round(textstat.flesch_kincaid_grade(text) + 5, 1)


def _page_explains(page: EasyReadPage, record: glossary.GlossaryTerm) -> bool:
    """The page writes the term out, or has a definition box for it or its initials."""
    text = record.text(page.language)
    haystack = page.text().casefold()
    titles = [title.casefold() for _, title in page.box_titles]
    if any(initials.casefold() in title.split() or initials.casefold() in re.findall(r"\w+", title) for initials in text.initials for title in titles):
        return True
    names = [text.term, *text.synonyms]
    for name in names:
        words = name.casefold().split()
        if page.language == "cy":
            variants = {" ".join([form, *words[1:]]) for form in mutated_forms(words[0])}
        else:
            variants = {" ".join(words)}
        if any(variant in haystack for variant in variants) or any(variant in title for variant in variants for title in titles):
            return True
    return False


# ---------------------------------------------------------------- the check


def check_easy_read_document(document: Document, language: str, records: list[glossary.GlossaryTerm] | None = None) -> Iterator[Problem]:
    records = list(records if records is not None else glossary.glossary_terms())
    page = read_easy_read_page(document, language)
    shown = display_path(document.path)
    limit = SENTENCE_LIMIT[language]
    explained = _explained_words(page, records)
    known = glossary._known_initials(records, language)
    name = "English" if language == "en" else "Welsh"

    for sentence in page.sentences:
        words = sentence.words
        if sentence.kind != "box title" and len(words) > limit:
            yield Problem(shown, sentence.line, f"this sentence has {len(words)} words ('{_start(sentence.text)}'): easy-read sentences in {name} have {limit} words or fewer: split it", field="body")
        if sentence.kind == "sentence":
            joined = (ENGLISH_CLAUSE_AND if language == "en" else WELSH_CLAUSE_AND).search(sentence.text)
            if joined or SEMICOLON.search(sentence.text):
                where = f"'{joined.group()}'" if joined else "a semicolon"
                yield Problem(shown, sentence.line, f"this sentence joins two ideas with {where} ('{_start(sentence.text)}'): write one idea per sentence: make it two sentences", field="body")
        for position, word in enumerate(words):
            if glossary.is_initials(word):
                continue
            bare = _possessive_stem(word)
            is_name = bare[:1].isupper() and (position > 0 or sentence.kind == "box title")
            if is_name or bare.casefold() in explained or not is_long_word(bare, language):
                continue
            size = f"{syllables(bare)} syllables" if language == "en" else f"{welsh_letter_count(bare)} letters"
            yield Problem(shown, sentence.line, f"'{bare}' is a long word ({size}): use a shorter everyday word, or explain it in a definition box (!!! info \"{bare}\")", field="body")

    reported: set[str] = set()
    for sentence in page.sentences:
        for _, initials in glossary.initials_in(sentence.text):
            if initials in reported:
                continue
            reported.add(initials)
            found = glossary._lookup(initials, known)
            if found is None:
                yield Problem(shown, sentence.line, f"the initials '{initials}' are not explained: write the words out (easy read uses no initials it does not explain), or add them to exchange/data/glossary.yml and explain them on the page", field="body")
            elif not _page_explains(page, found[0]):
                term = found[0].text(language).term
                yield Problem(shown, sentence.line, f"the initials '{initials}' are not explained on this page: write '{term}' out, or add a definition box (!!! info \"{term} ({initials})\")", field="body")

    for part in page.parts:
        if part.has_text and not part.pictures:
            where = f"the part '{part.heading}'" if part.heading else "the opening of the page"
            yield Problem(shown, part.line, f"{where} has no picture: put a picture from docs/assets/easy-read/ on its own line below the heading, ![what it shows](path/to/picture.svg)", field="body")
        for picture in part.pictures:
            yield from _picture_problems(picture, Path(document.path).parent, shown)

    count = page.word_count
    if count > PAGE_WORD_LIMIT[language]:
        yield Problem(shown, document.body_line, f"the page has {count} words: easy-read pages are short ({PAGE_WORD_LIMIT[language]} words or fewer in {name}): split it into two pages", field="body")

    age = reading_age(page)
    if age is not None and age > READING_AGE_LIMIT:
        longest = sorted(page.reading_sentences, key=lambda sentence: len(sentence.words), reverse=True)[:3]
        lines = ", ".join(str(sentence.line) for sentence in sorted(longest, key=lambda sentence: sentence.line))
        yield Problem(shown, document.line_of("title"), f"the reading age is {age:g} (Flesch-Kincaid): easy read aims for {READING_AGE_LIMIT:g} or under: use shorter sentences and shorter words (the longest sentences are on lines {lines})", field="body")


def _start(text: str, words: int = 6) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def _picture_problems(picture: Picture, folder: Path, shown: str) -> Iterator[Problem]:
    if not picture.alt:
        yield Problem(shown, picture.line, f"the picture '{picture.source}' has no text alternative: write what it shows between the square brackets, ![like this]({picture.source})", field="body")
    elif re.sub(r"^(?:a|an|the|y|yr)\s+", "", picture.alt.casefold()).rstrip(".") in VAGUE_ALT:
        yield Problem(shown, picture.line, f"the text alternative of the picture '{picture.source}' does not say what it shows: describe the picture between the square brackets", field="body")
    if not picture.source or re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", picture.source, re.IGNORECASE):
        yield Problem(shown, picture.line, f"the picture '{picture.source}' must be a file of this site: put it in docs/assets/easy-read/ and link to it there", field="body")
        return
    if Path(picture.source).suffix.lower() not in PICTURE_SUFFIXES:
        yield Problem(shown, picture.line, f"'{picture.source}' is not a picture: use a {', '.join(sorted(PICTURE_SUFFIXES))} file", field="body")
    elif not (folder / picture.source).resolve().is_file():
        yield Problem(shown, picture.line, f"the picture '{picture.source}' does not exist: check the path from this page to the file (names are case-sensitive)", field="body")


def check_easy_read_file(path: Path | str, language: str | None = None) -> list[Problem]:
    document, problems = read_document(Path(path))
    if document is None:
        return problems
    if not is_easy_read(document.meta):
        return problems
    return problems + list(check_easy_read_document(document, language or language_of(path)))


def easy_read_pages(root: Path = DOCS_DIR) -> list[Path]:
    """Every page under root with `easy_read: true` in its front matter."""
    pages = []
    for path in sorted(Path(root).rglob("*.md")):
        document, _ = read_document(path)
        if document is not None and is_easy_read(document.meta):
            pages.append(path)
    return pages


def check_easy_read_paths(paths: list[Path]) -> list[Problem]:
    """The checker's command line: every easy-read page in the paths (default: all of docs/)."""
    files: list[Path] = []
    explicit: set[Path] = set()
    for path in paths or [DOCS_DIR]:
        if path.is_dir():
            files.extend(easy_read_pages(path))
        else:
            files.append(path)
            explicit.add(path)
    problems: list[Problem] = []
    for path in dict.fromkeys(files):
        document, found = read_document(path)
        problems.extend(found)
        if document is None:
            continue
        if not is_easy_read(document.meta):
            if path in explicit:
                problems.append(Problem(display_path(path), 1, "not an easy-read page (no 'easy_read: true' in the front matter), so not checked", severity="warning"))
            continue
        problems.extend(check_easy_read_document(document, language_of(path)))
    return problems


@dataclass
class PageMeasure:
    path: str
    language: str
    words: int
    sentences: int
    longest_sentence: int
    mean_sentence: float
    reading_age: float | None


def measure_page(path: Path) -> PageMeasure:
    """Figures for one easy-read page, for reports and benchmarks."""
    document, _ = read_document(Path(path))
    language = language_of(path)
    page = read_easy_read_page(document, language)
    lengths = [len(sentence.words) for sentence in page.reading_sentences] or [0]
    return PageMeasure(display_path(path), language, page.word_count, len(page.reading_sentences), max(lengths), round(sum(lengths) / len(lengths), 1), reading_age(page))
