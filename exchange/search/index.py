"""The site search: one Pagefind index per language, Welsh mutations folded, synonyms.

Shape
-----
After both languages are built, every page of each language is read from the built site and
given to Pagefind (the `pagefind` Python API), which writes one bundle per language:
`pagefind/` (English pages only) and `cy/pagefind/` (Welsh pages only). An English page shown
on the Welsh site because its translation is missing has `<html lang="en">` and is left out of
both: it is not Welsh, and the English index has the page at its English address already.
The reader's browser loads only its own language's bundle, in small chunks, and only once the
reader starts to search (`docs/javascripts/search.js`).

Welsh mutations: what the index holds, and why
----------------------------------------------
Pagefind has no Welsh stemmer and matches words by their start. Its excerpts are cut from the
indexed text, so replacing the page's words with folded ones would show readers folded text
(*plant derbyn gofal caerdydd*). So the index holds the page's own text unchanged, and after it
the radical of each mutated word (*yng Nghaerdydd* adds *caerdydd*, *blant* adds *plant*).
The browser cuts excerpts from the page's own text and maps a match on an added radical back to
the words it came from, so highlights are always the page's own words.

Which radicals are added was measured (`make search-precision`: 36 real queries over the
site's 62 Welsh pages, right answers defined by the forms of each word; mean precision of the
first 10 results / share of the right answers in the first 10; November 2026):

- `none`, no folding: 0.986 / 0.834, and 3 queries with answers found nothing (ofal, blant...);
- `rules`, every reading the mutation rules allow (*fel* -> *bel*, *mel*): 0.964 / 0.988;
- `lexicon`, only the readings Bangor University's Welsh dictionary confirms (`WelshLexicon`):
  0.983 / 0.991;
- `lexicon-ranked` (chosen), the same, plus the other readings of a word that is also a word
  in its own right (*dad* -> *tad*, *lan* -> *llan*, *glan*) at a tenth of the weight, so that
  *tad* still finds *ei dad*, below every page that says *tad*: 0.983 / 0.991 on today's pages.

Ambiguous short forms (*fam*, *lan*, *law*, *dad*) are kept from flooding by the lexicon and by
the browser matching words of three letters or fewer whole (not as the start of *lawr*, *lawer*,
*dadansoddi*) and trying rule candidates as whole words at half weight.

On the query side the browser drops Welsh stop words, splits apostrophe forms, removes
circumflexes, and searches the typed word and its rule candidates, the candidates at a lower
weight (`FoldingStrategy.alternative_weight`). English pages are never folded.

Welsh plurals and verb forms (issue 18)
---------------------------------------
A reader who types *ysgolion* expects the pages that say *ysgol*; *cefnogodd* the pages that
say *cefnogi*. The rules (endings, stem changes, a table of irregular forms) are one file,
`exchange/data/welsh_inflection.yml`, read by `exchange/welsh/inflection.py` and, through the
search data file (`search_data`), by the browser.

- Index: after each Welsh page's text, the words its own plurals and verb forms lead to, once a
  page, at a quarter of the weight (`FoldingStrategy.reading_weight`): a reading also matches
  other words typed as its start (*gofal* reaches the reading *gofalwr* of a page that says only
  *gofalwyr*), and at half weight it lifted such pages into the first ten (measured: `gofal`
  P@10 0.90; at a quarter 1.00, every other figure the same or better), mutations folded first
  (*nghynlluniau* -> *cynlluniau* -> *cynllun*). A reading is added only when Bangor
  University's dictionary has the shorter word as it stands (`lemma_readings`).
- Query: the browser takes the typed word (and its mutation candidates) to the words it could
  be a form of by the same rules, and searches them as whole words at half weight. It has no
  dictionary: the build lists, for the words of the site, the rule candidates the dictionary
  refused that the index holds (`refused_readings`, about 80 words and 2 KB on this site), and
  the browser leaves those out. A word not on the site is read by the rules alone.
- Ranking: a page with every query word as typed (or mutated) comes before a page that has a
  word only in another form (`runQuery`).

Measured with `make search-precision` (73 queries, 44 of them typed as plurals or verb forms,
over the 112 Welsh pages; right answers are the pages with the word in any form; December
2026): the 44 inflected queries' recall of all their right answers rose from 0.567
(`lexicon-ranked`, before) to 0.995 (`inflected`, chosen), precision of the first 10 0.998
both; over all 73 queries recall 0.709 -> 0.994, precision of the first 10 0.994 -> 0.993.

Synonyms and initials (PEP, LAC, CLA, GDD; PDG means *plant sy'n derbyn gofal* on the Welsh
site) come from `exchange/data/synonyms.yml` and, once it exists, the glossary; the browser
expands a query with them (`search_data`).
"""

from __future__ import annotations

import json
import multiprocessing
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Iterator

import yaml
from lxml import etree
from lxml import html as lxml_html

from exchange import DATA_DIR, LANGUAGES
from exchange.core import vocabulary
from exchange.core.problems import Problem
from exchange.core.site import DEFAULT_LANGUAGE, language_home
from exchange.welsh.folding import (
    WelshLexicon,
    mutation_candidates,
    normalise,
    stop_words,
    surface_words,
)
from exchange.welsh.inflection import InflectionReader, inflection_candidates
from exchange.welsh.inflection import rules as inflection_rules

SYNONYMS_FILE = DATA_DIR / "synonyms.yml"
BUNDLE_FOLDER = "pagefind"
SEARCH_DATA_FILE = "exchange-search.json"
# Starts the block of added radicals in a page's indexed text: the browser cuts the page's
# own text there. A punctuation mark, so Pagefind indexes no word for it.
ALIAS_SENTINEL = "⁂"
# Parts of a page that are not its own text: the same on many pages, or lists of other pages.
NOT_INDEXED = (
    ".x-sources",
    ".x-related",
    ".x-kicker",
    ".x-untranslated",
    ".x-filter",
    ".headerlink",
    # Listings whose entries have pages of their own (overrides/partials/listing.html); the
    # resource library's list is indexed: its entries have no other page.
    '[data-listing="case-studies"]',
    '[data-listing="news"]',
    '[data-listing="upcoming"]',
    '[data-listing="past"]',
    'section[aria-labelledby^="x-by-"]',
    "nav",
    "script",
)


def _xpath(selector: str) -> str:
    """The XPath of one of the simple CSS selectors above (.class, tag, tag[attr="v"],
    tag[attr^="v"], [attr="v"]): written out, so no CSS library is needed."""
    match = re.fullmatch(r'(?P<tag>[a-z]*)(?:\.(?P<cls>[\w-]+))?(?:\[(?P<attr>[\w-]+)(?P<op>\^?=)"(?P<value>[^"]*)"\])?', selector)
    if not match or not any(match.group(name) for name in ("tag", "cls", "attr")):
        raise ValueError(f"selector {selector!r} is not one the search knows how to read")
    tests = []
    if match["cls"]:
        tests.append(f"contains(concat(' ', normalize-space(@class), ' '), ' {match['cls']} ')")
    if match["attr"]:
        function = "starts-with(@{0}, '{1}')" if match["op"] == "^=" else "@{0}='{1}'"
        tests.append(function.format(match["attr"], match["value"]))
    return f".//{match['tag'] or '*'}" + "".join(f"[{test}]" for test in tests)


_NOT_INDEXED_XPATH = etree.XPath(" | ".join(_xpath(selector) for selector in NOT_INDEXED))
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang=\"([^\"]+)\"")
_ARTICLE_START = re.compile(r"<article\b")


@dataclass(frozen=True)
class FoldingStrategy:
    """How Welsh mutations reach the index and the query (see the module docstring)."""

    name: str
    use_lexicon: bool = True  # False: every rule candidate is added, unchecked
    fold: bool = True  # False: no Welsh folding at all (Pagefind on the page text)
    secondary_weight: float | None = 0.1  # readings of words that are words themselves; None: left out
    alternative_weight: float = 0.5  # the browser's rule candidates of a query word
    inflection_weight: float | None = None  # the browser's words a query word's plural or verb form leads to; None: no inflection
    reading_weight: float = 0.25  # the index's words a page's plurals and verb forms lead to (with inflection)


STRATEGIES = {
    strategy.name: strategy
    for strategy in (
        FoldingStrategy("none", fold=False, secondary_weight=None, alternative_weight=0.0),
        FoldingStrategy("rules", use_lexicon=False, secondary_weight=None, alternative_weight=1.0),
        FoldingStrategy("lexicon", secondary_weight=None),
        FoldingStrategy("lexicon-ranked", secondary_weight=0.1),
        FoldingStrategy("inflected", secondary_weight=0.1, inflection_weight=0.5),
    )
}
DEFAULT_STRATEGY = STRATEGIES["inflected"]


@dataclass(frozen=True)
class IndexedPage:
    """One page as Pagefind reads it."""

    path: str  # in the built site, e.g. "cy/guidance/roles/index.html"
    url: str  # relative to the language's home, e.g. "guidance/roles/"
    language: str
    html: str


@dataclass
class SiteIndex:
    pages: dict[str, list[IndexedPage]] = field(default_factory=lambda: {language: [] for language in LANGUAGES})
    left_out: list[tuple[str, str]] = field(default_factory=list)  # (path, why)
    welsh_words: set[str] = field(default_factory=set)  # every word of the Welsh pages, as written


# ---------------------------------------------------------------- which pages, in which index


def site_language_of(relative: Path) -> str:
    """The site a built file belongs to: 'cy/...' is the Welsh site, the rest English."""
    first = relative.parts[0] if relative.parts else ""
    return first if first in LANGUAGES and first != DEFAULT_LANGUAGE else DEFAULT_LANGUAGE


def page_url(relative: Path, language: str) -> str:
    """'cy/guidance/roles/index.html' -> 'guidance/roles/' (relative to the language home)."""
    text = relative.as_posix().removeprefix(language_home(language))
    return text.removesuffix("index.html")


def html_language(html: str) -> str | None:
    match = _HTML_LANG.search(html)
    return match.group(1) if match else None


def select_pages(site_dir: Path) -> Iterator[tuple[Path, str, str | None]]:
    """Every built page with its site language and the reason it is left out (or None)."""
    site_dir = Path(site_dir)
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir)
        language = site_language_of(relative)
        inside = relative.parts[1:] if language != DEFAULT_LANGUAGE else relative.parts
        if inside and inside[0] in {"assets", BUNDLE_FOLDER}:
            continue
        if relative.name == "404.html":
            yield relative, language, "the page-not-found page"
            continue
        yield relative, language, None


# ---------------------------------------------------------------- what Pagefind reads


def _article_bounds(html: str) -> tuple[int, int] | None:
    start = _ARTICLE_START.search(html)
    end = html.rfind("</article>")
    if not start or end < start.start():
        return None
    return start.start(), end + len("</article>")


@cache
def inflection_reader(lexicon: WelshLexicon) -> InflectionReader:
    return InflectionReader(lexicon.is_radical_word)


def confirmed_bases(surface: str, lexicon: WelshLexicon) -> list[str]:
    """The words (as written, accents kept) a word on a page stands for before inflection:
    the radicals of its confirmed full-weight mutations, or else the word itself."""
    readings = lexicon.readings(surface)
    if readings.is_word or not readings.radicals:  # a word the dictionary lacks (awduron) is read as it is
        return [surface]
    return [radical for radical, _ in mutation_candidates(surface) if normalise(radical) in readings.radicals]


def lemma_readings(surface: str, lexicon: WelshLexicon) -> list[str]:
    """The words a word on a page is a confirmed form of, mutations folded first:
    'nghynlluniau' -> ['cynllun']; 'plant' -> ['plentyn']."""
    reader = inflection_reader(lexicon)
    return list(dict.fromkeys(lemma for base in confirmed_bases(surface, lexicon) for lemma in reader.readings(base)))


def page_aliases(text: str, lexicon: WelshLexicon | None, strategy: FoldingStrategy) -> tuple[list[str], list[str], list[str]]:
    """What a Welsh text's words add to the index: the radicals of its mutated words (full
    weight, low weight), and the words its plurals and verb forms lead to (lemmas).

    One radical per occurrence, so that a page that says *Nghaerdydd* five times ranks like a
    page that says *Caerdydd* five times. Each lemma once a page: a page found by another form
    of a word comes after the pages with the form typed anyway (search-engine.mjs), and once
    keeps the index and the excerpts the browser downloads small.
    """
    primary: list[str] = []
    secondary: list[str] = []
    lemmas: list[str] = []
    if not strategy.fold:
        return primary, secondary, lemmas
    stopwords = stop_words()
    for surface in surface_words(text):
        word = normalise(surface)
        if word in stopwords:
            continue
        if lexicon is None:
            primary.extend(radical for radical, _ in mutation_candidates(word))
            continue
        if strategy.inflection_weight is not None:
            lemmas.extend(lemma_readings(surface, lexicon))
        readings = lexicon.readings(surface)
        if not readings.radicals:
            continue
        if readings.is_word:
            if strategy.secondary_weight is not None:
                secondary.extend(readings.radicals)
        else:
            primary.extend(readings.radicals)
    return primary, secondary, list(dict.fromkeys(lemmas))


def browser_candidates(word: str) -> list[str]:
    """The inflection candidates the browser searches for a typed word (normalised): those of
    the word and of each of its mutation rule candidates (docs/javascripts/search-engine.mjs)."""
    bases = [word, *(radical for radical, _ in mutation_candidates(word))]
    found = dict.fromkeys(normalise(candidate) for base in bases for candidate in inflection_candidates(base))
    return [candidate for candidate in found if candidate not in bases]


def refused_readings(surfaces: set[str], lexicon: WelshLexicon) -> dict[str, list[str]]:
    """The browser's rule candidates the dictionary refuses, for the words of the site where
    they would find something: {'unigolion': ['unigol']...}. The browser has no dictionary; with
    this list a word on the site leads in the browser to what the dictionary confirms, and
    nothing else that the index holds."""
    stopwords = stop_words()
    confirmed: dict[str, set[str]] = {}
    keys: set[str] = set()
    for surface in surfaces:
        word = normalise(surface)
        lemmas = lemma_readings(surface, lexicon)
        confirmed.setdefault(word, set()).update(lemmas)
        keys.update([word, *lemmas, *lexicon.readings(surface).radicals])
    refused = {}
    for word, lemmas in confirmed.items():
        if word in stopwords:
            continue
        wrong = [candidate for candidate in browser_candidates(word) if candidate not in lemmas and candidate in keys]
        if wrong:
            refused[word] = wrong
    return dict(sorted(refused.items()))


def prepare_html(html: str, language: str, section: str | None, lexicon: WelshLexicon | None, strategy: FoldingStrategy, words: set[str] | None = None) -> str:
    """The page as Pagefind reads it: its article only, without the parts that are not the
    page's own text, with its section, and (Welsh) the radicals of its mutated words and the
    words its plurals and verb forms lead to. `words`, if given, gets the page's Welsh words.

    lxml (C) parses the article: BeautifulSoup's pure-Python parser took 11 s of a 35 s build
    of 1,000 case studies."""
    bounds = _article_bounds(html)
    if bounds is None:
        raise ValueError("the page has no <article>: the theme's main.html must keep it")
    start, end = bounds
    article = lxml_html.fragment_fromstring(html[start:end])
    for element in _NOT_INDEXED_XPATH(article):  # one pass over the tree, in document order
        element.drop_tree()  # keeps the text that follows the element
    article.set("data-pagefind-body", "")
    if section:
        etree.SubElement(article, "span", {"data-pagefind-meta": f"section:{section}"})
    if language == "cy":
        text = " ".join(article.itertext())
        if words is not None:
            words.update(surface_words(text))
        primary, secondary, lemmas = page_aliases(text, lexicon, strategy)
        blocks = [(primary, 1.0), (secondary, strategy.secondary_weight), (lemmas, strategy.reading_weight)]
        first = True
        for words, weight in blocks:
            if not words:
                continue
            block = etree.SubElement(article, "div", {"data-pagefind-weight": f"{weight:g}"})
            block.text = " ".join(([ALIAS_SENTINEL] if first else []) + words)
            first = False
    return html[:start] + lxml_html.tostring(article, encoding="unicode") + html[end:]


def collect_pages(
    site_dir: Path,
    sections: dict[str, str] | None = None,
    lexicon: WelshLexicon | None = None,
    strategy: FoldingStrategy = DEFAULT_STRATEGY,
) -> SiteIndex:
    """Every page of both sites, prepared for its language's index, and what was left out."""
    site_dir = Path(site_dir)
    sections = sections or {}
    result = SiteIndex()
    for relative, language, reason in select_pages(site_dir):
        if reason:
            result.left_out.append((relative.as_posix(), reason))
            continue
        html = (site_dir / relative).read_text(encoding="utf-8")
        text_language = html_language(html)
        if text_language != language:
            result.left_out.append((relative.as_posix(), f"its text is in '{text_language}', not the site's language '{language}'"))
            continue
        site_url = language_home(language) + page_url(relative, language)
        prepared = prepare_html(html, language, sections.get(site_url), lexicon, strategy, result.welsh_words)
        result.pages[language].append(IndexedPage(relative.as_posix(), page_url(relative, language), language, prepared))
    return result


# ---------------------------------------------------------------- synonyms


def _read_synonym_file(path: Path) -> tuple[dict[str, list[list[str]]], list[Problem]]:
    problems: list[Problem] = []
    shown = path.name if not path.is_absolute() else str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return {}, [Problem(shown, (mark.line + 1) if mark else 1, f"the file is not valid YAML: {getattr(error, 'problem', error)}")]
    groups: dict[str, list[list[str]]] = {language: [] for language in LANGUAGES}
    for language, entries in data.items():
        if language not in LANGUAGES:
            problems.append(Problem(shown, 1, f"'{language}' is not a language of the site: use {' or '.join(LANGUAGES)}", field=language))
            continue
        for index, entry in enumerate(entries or []):
            if not isinstance(entry, list) or len(entry) < 2 or not all(isinstance(term, str) and term.strip() for term in entry):
                problems.append(Problem(shown, 1, f"{language} group {index + 1} must be a list of two or more terms, like [PEP, personal education plan]", field=language))
                continue
            groups[language].append([term.strip() for term in entry])
    return groups, problems


def _glossary_groups(language: str) -> list[list[str]]:
    """Synonym groups from the glossary, once the glossary module exists (another feature)."""
    try:
        from exchange.content import glossary
    except ImportError:
        return []
    return [sorted(group) for group in glossary.synonym_groups(language)]


def synonym_groups(language: str, path: Path = SYNONYMS_FILE) -> tuple[list[list[str]], list[Problem]]:
    """Groups of terms that mean the same in one language: ours, then the glossary's.

    Groups that share a term are merged, so the glossary can add to a group of ours.
    """
    ours, problems = _read_synonym_file(path)
    merged: list[set[str]] = []
    for group in ours.get(language, []) + _glossary_groups(language):
        keys = {" ".join(normalise(term).split()) for term in group}
        overlapping = [existing for existing in merged if keys & {" ".join(normalise(term).split()) for term in existing}]
        combined = set(group).union(*overlapping)
        merged = [existing for existing in merged if existing not in overlapping] + [combined]
    return [sorted(group, key=str.casefold) for group in merged], problems


# ---------------------------------------------------------------- the browser's data


def search_data(language: str, strategy: FoldingStrategy = DEFAULT_STRATEGY, refused: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """What the browser's query side needs besides the index: stop words, synonyms, weights,
    and (Welsh) the inflection rules and the readings the dictionary refused."""
    groups, _ = synonym_groups(language)
    welsh = language == "cy" and strategy.fold
    inflect = welsh and strategy.inflection_weight is not None
    return {
        "language": language,
        "fold_welsh": welsh,
        "stop_words": sorted(stop_words()) if welsh else [],
        "alternative_weight": strategy.alternative_weight if welsh else 0,
        "inflection_weight": strategy.inflection_weight if inflect else 0,
        "inflection": inflection_rules().as_data() if inflect else None,
        "refused": (refused or {}) if inflect else {},
        "alias_sentinel": ALIAS_SENTINEL,
        "synonyms": groups,
        "strategy": strategy.name,
    }


def lexicon_names() -> list[str]:
    """Welsh names the dictionary lacks but the site uses: local authorities and regions."""
    names: list[str] = []
    for kind in ("local_authorities", "regions"):
        for identifier in vocabulary.identifiers(kind):
            names.extend(surface_words(vocabulary.label(kind, identifier, "cy")))
    return names


def load_lexicon() -> WelshLexicon:
    return WelshLexicon(names=lexicon_names())


# ---------------------------------------------------------------- writing the bundles


def bundle_dir(site_dir: Path, language: str) -> Path:
    return Path(site_dir) / language_home(language) / BUNDLE_FOLDER


class IndexingFailed(RuntimeError):
    """Pagefind could not write a bundle: the site would ship without its search."""


def _pagefind(scratch: Path, output: Path) -> subprocess.Popen:
    """Pagefind's command line (from the pagefind_bin package), started on a folder of prepared
    pages. Its Python service API was tried: adding pages one by one costs a round trip each
    (0.1 s a page), and on a site of 1,000 case studies it stopped before it had finished
    writing the bundle."""
    return subprocess.Popen(
        [sys.executable, "-m", "pagefind", "--site", str(scratch), "--output-path", str(output), "--silent"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


def _finished_bundle(process: subprocess.Popen, output: Path) -> int:
    """Wait for Pagefind; the number of pages in the bundle it wrote."""
    messages, _ = process.communicate()
    entry = output / "pagefind-entry.json"
    if process.returncode != 0 or not entry.is_file() or entry.stat().st_size == 0:
        raise IndexingFailed(f"Pagefind did not write the search index to {output}: {(messages or '').strip()[-2000:]}")
    languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
    return sum(language["page_count"] for language in languages.values())


def _write_page(scratch: Path, url: str, html: str) -> None:
    target = Path(scratch, url, "index.html")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")


def _write_bundle(pages: list[IndexedPage], output: Path) -> int:
    with tempfile.TemporaryDirectory(prefix="exchange-search-") as scratch:
        for page in pages:
            _write_page(Path(scratch), page.url, page.html)
        return _finished_bundle(_pagefind(Path(scratch), output), output)


def _clear(output: Path) -> None:
    if output.exists():
        shutil.rmtree(output)


def _write_search_data(output: Path, language: str, strategy: FoldingStrategy, refused: dict[str, list[str]] | None = None) -> None:
    data = search_data(language, strategy, refused)
    (output / SEARCH_DATA_FILE).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def write_bundles(site_dir: Path, index: SiteIndex, strategy: FoldingStrategy = DEFAULT_STRATEGY, lexicon: WelshLexicon | None = None) -> dict[str, int]:
    """One Pagefind bundle and one data file per language; the number of pages in each."""
    counts = {}
    for language in LANGUAGES:
        output = bundle_dir(site_dir, language)
        _clear(output)
        counts[language] = _write_bundle(index.pages[language], output)
        refused = refused_readings(index.welsh_words, lexicon) if language == "cy" and lexicon is not None and strategy.inflection_weight is not None else None
        _write_search_data(output, language, strategy, refused)
    return counts


def build_search(site_dir: Path, sections: dict[str, str] | None = None, strategy: FoldingStrategy = DEFAULT_STRATEGY) -> tuple[dict[str, int], SiteIndex]:
    """Index a built site (both languages) from its files: the precision benchmark and the tests
    call this; the build uses `BackgroundIndexer`, which gives Pagefind the same pages."""
    lexicon = load_lexicon() if strategy.fold and strategy.use_lexicon else None
    index = collect_pages(site_dir, sections, lexicon, strategy)
    return write_bundles(site_dir, index, strategy, lexicon), index


# ---------------------------------------------------------------- indexing while the site builds


class BackgroundIndexer:
    """Prepares each page for Pagefind in a second process as MkDocs writes it, so the search
    index costs the build little: the machine's second core prepares the pages (and starts
    Pagefind on the English ones) while the first builds the Welsh site.

    The build hook gives it every page (`add`) from `on_post_page`, tells it when the English
    pages are all given (`language_done`) and collects the bundles at the end (`finish`).
    Where processes cannot be forked, the same work is done in the build's own process.
    Measured on 1,000 case studies (2 cores): see `make bench`.
    """

    def __init__(self, site_dir: Path, strategy: FoldingStrategy = DEFAULT_STRATEGY) -> None:
        self.site_dir = Path(site_dir)
        self.strategy = strategy
        self.left_out: list[tuple[str, str]] = []
        self.scratch = Path(tempfile.mkdtemp(prefix="exchange-search-"))
        self._jobs: list[Any] = []
        self._started: set[str] = set()  # languages Pagefind has been started on
        try:
            self._pool: Any = multiprocessing.get_context("fork").Pool(1)
        except (ValueError, OSError):
            self._pool = _InProcess()
        self._submit(_worker_start, strategy.name, strategy.fold and strategy.use_lexicon)

    def _submit(self, function: Any, *arguments: Any) -> None:
        self._jobs.append(self._pool.apply_async(function, arguments))

    def add(self, relative: str, html: str, section: str | None) -> None:
        """A built page: `relative` is its path in the site, e.g. 'cy/guidance/index.html'."""
        path = Path(relative)
        language = site_language_of(path)
        if path.name == "404.html":
            self.left_out.append((relative, "the page-not-found page"))
            return
        text_language = html_language(html)
        if text_language != language:
            self.left_out.append((relative, f"its text is in '{text_language}', not the site's language '{language}'"))
            return
        self._submit(_worker_prepare, str(self.scratch / language), page_url(path, language), language, html, section)

    def language_done(self, language: str) -> None:
        """Every page of a language has been given: Pagefind can start on it."""
        self._started.add(language)
        output = bundle_dir(self.site_dir, language)
        _clear(output)
        self._submit(_worker_start_pagefind, language, str(self.scratch / language), str(output))

    def finish(self) -> dict[str, int]:
        """Wait for every page and bundle; the number of pages in each language's bundle."""
        try:
            for language in LANGUAGES:
                if language not in self._started:
                    self.language_done(language)
            self._submit(_worker_finish)
            for job in self._jobs[:-1]:
                job.get()
            counts, refused = self._jobs[-1].get()
            for language in LANGUAGES:
                _write_search_data(bundle_dir(self.site_dir, language), language, self.strategy, refused if language == "cy" else None)
            return counts
        finally:
            self.close()

    def close(self) -> None:
        self._pool.terminate()
        shutil.rmtree(self.scratch, ignore_errors=True)


class _InProcess:
    """The pool's interface, doing each job at once (where fork is not available)."""

    class _Done:
        def __init__(self, value: Any = None, error: BaseException | None = None) -> None:
            self.value, self.error = value, error

        def get(self) -> Any:
            if self.error is not None:
                raise self.error
            return self.value

    def apply_async(self, function: Any, arguments: tuple) -> Any:
        try:
            return self._Done(function(*arguments))
        except Exception as error:  # handed back by get(), as the pool does
            return self._Done(error=error)

    def terminate(self) -> None:
        pass


# The worker process's state: the strategy, the Welsh dictionary, Pagefind runs under way.
_worker: dict[str, Any] = {}


def _worker_start(strategy_name: str, with_lexicon: bool) -> None:
    _worker.clear()
    _worker.update(strategy=STRATEGIES[strategy_name], lexicon=load_lexicon() if with_lexicon else None, pagefind={}, words=set())


def _worker_prepare(scratch: str, url: str, language: str, html: str, section: str | None) -> None:
    _write_page(Path(scratch), url, prepare_html(html, language, section, _worker["lexicon"], _worker["strategy"], _worker["words"]))


def _worker_start_pagefind(language: str, scratch: str, output: str) -> None:
    Path(scratch).mkdir(parents=True, exist_ok=True)
    _worker["pagefind"][language] = (_pagefind(Path(scratch), Path(output)), Path(output))


def _worker_finish() -> tuple[dict[str, int], dict[str, list[str]] | None]:
    """The number of pages in each bundle, and the Welsh readings the dictionary refused
    (worked out while Pagefind writes the bundles)."""
    lexicon, strategy = _worker["lexicon"], _worker["strategy"]
    refused = refused_readings(_worker["words"], lexicon) if lexicon is not None and strategy.inflection_weight is not None else None
    return {language: _finished_bundle(process, output) for language, (process, output) in _worker["pagefind"].items()}, refused


# ---------------------------------------------------------------- sections


def section_titles(nav: Any) -> dict[str, str]:
    """The navigation's top-level titles by the first folder of the pages under them:
    {'guidance': 'Guidance', '': 'Home', ...} (titles in the build's language)."""
    titles: dict[str, str] = {}

    def pages_under(item: Any) -> Iterator[Any]:
        if getattr(item, "is_page", False):
            yield item
        for child in getattr(item, "children", None) or []:
            yield from pages_under(child)

    for item in nav.items:
        for page in pages_under(item):
            parts = [part for part in page.url.split("/") if part]
            if parts and parts[0] in LANGUAGES:
                parts = parts[1:]
            titles.setdefault(parts[0] if parts else "", item.title)
    return titles


def page_section(url: str, language: str, titles: dict[str, str]) -> str | None:
    """The top-level section a page belongs to, by its first folder."""
    parts = [part for part in url.removeprefix(language_home(language)).split("/") if part]
    return titles.get(parts[0] if parts else "")
