"""Welsh beside English: every page, case study and record exists in both languages, and each
Welsh file says which revision of its English counterpart it was translated from.

- Pairs: docs/<path>.md <-> docs/cy/<path>.md, and <folder>/<slug>/en.md <-> cy.md for the
  collections written one folder per record (case studies, news posts, events). An
  English file whose Welsh version is not written yet must be listed in
  translations-waiting.yml (the site then shows its English text with a notice); any other
  missing Welsh file, and any Welsh file without an English one, is an error.
- Revisions: a Welsh file's front matter holds `translated_from: <revision>`, the revision of
  the English file it was translated from: the first 12 characters of the English file's git
  blob id (what `git hash-object FILE` prints), computed from the file's bytes, so it needs
  no git history (a shallow clone in CI works) and `git diff OLD NEW` shows what changed.
  `scripts/check_translations.py --stamp FILE` writes it once the Welsh text is up to date.
- Structure: the two files of a pair have the same number of headings and of links.
- Records: in the data files, every value given in English ("en") is given in Welsh ("cy"),
  and the reverse.
The Welsh spelling check is in exchange/welsh/spelling.py. `check_translations` runs it all.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import markdown
import yaml
from bs4 import BeautifulSoup

from exchange import PROJECT_ROOT
from exchange.core.frontmatter import read_document
from exchange.welsh.files import CASE_STUDY, EVENT, FOLDER_COLLECTIONS, NEWS_POST, PAGE  # noqa: F401 (the kinds, named here too)
from exchange.core.problems import Problem, display_path

DOCS_DIR = PROJECT_ROOT / "docs"
WELSH_DOCS_DIR = DOCS_DIR / "cy"
WAITING_LIST = PROJECT_ROOT / "translations-waiting.yml"
REVISION_FIELD = "translated_from"
REVISION_LENGTH = 12
REVISION = re.compile(r"^[0-9a-f]{7,40}$")
# Data files whose "en" and "cy" values are records shown to readers. synonyms.yml is not one:
# its two lists are search terms people type in each language, not translations of each other.
RECORD_FILES = ("exchange/data/*.yml", "contacts/*.yml")
NOT_RECORD_FILES = {"synonyms.yml"}

SECTION_OF_KIND = {kind: section for kind, section in FOLDER_COLLECTIONS.values()}
# States of a pair, from best to worst; the status page shows them in the reader's language.
CURRENT, OUTDATED, UNSTAMPED, WAITING, MISSING, NO_ENGLISH = "current", "outdated", "unstamped", "waiting", "missing", "no-english"


@dataclass(frozen=True)
class Pair:
    kind: str  # PAGE, or the kind of a collection's record (FOLDER_COLLECTIONS)
    english: Path
    welsh: Path

    @property
    def name(self) -> str:
        """How editors name it: the English file's path in the repository."""
        return _repository_path(self.english)


@dataclass(frozen=True)
class PairStatus:
    pair: Pair
    state: str
    english_revision: str | None
    translated_from: str | None
    line: int  # the line of `translated_from` in the Welsh file, or 1


# ---------------------------------------------------------------- pairs and revisions


def _repository_path(path: Path) -> str:
    try:
        return path.resolve().relative_to(PROJECT_ROOT).as_posix()
    except ValueError:  # a file outside the project (tests)
        return path.as_posix()


def english_docs_pages(docs: Path = DOCS_DIR) -> list[Path]:
    return sorted(path for path in docs.rglob("*.md") if path.relative_to(docs).parts[0] != "cy")


def translation_pairs(docs: Path = DOCS_DIR, collections: Path = PROJECT_ROOT) -> list[Pair]:
    """Every English file with the Welsh file that translates it (which may not exist yet), and
    every Welsh file whose English file does not exist."""
    welsh_docs = docs / "cy"
    pairs = [Pair(PAGE, english, welsh_docs / english.relative_to(docs)) for english in english_docs_pages(docs)]
    pairs += [Pair(PAGE, docs / welsh.relative_to(welsh_docs), welsh) for welsh in sorted(welsh_docs.rglob("*.md")) if not (docs / welsh.relative_to(welsh_docs)).is_file()]
    for folder_name, (kind, _) in FOLDER_COLLECTIONS.items():
        root = collections / folder_name
        if not root.is_dir():
            continue
        for folder in sorted(child for child in root.iterdir() if child.is_dir() and not child.name.startswith(".")):
            if (folder / "en.md").is_file() or (folder / "cy.md").is_file():
                pairs.append(Pair(kind, folder / "en.md", folder / "cy.md"))
    return pairs


def revision_of(path: Path) -> str:
    """The file's git blob id (as `git hash-object` gives it), shortened: its content's fingerprint."""
    content = Path(path).read_bytes()
    return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()[:REVISION_LENGTH]


def load_waiting_list(path: Path = WAITING_LIST) -> tuple[dict[str, int], list[Problem]]:
    """The English files whose Welsh version is waiting to be written, with their lines."""
    shown = display_path(path)
    if not path.is_file():
        return {}, []
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return {}, [Problem(shown, mark.line + 1 if mark else 1, f"not valid YAML ({getattr(error, 'problem', error)}): write one '- path/of/english-file.md' per line")]
    if node is None:
        return {}, []
    items = None
    if isinstance(node, yaml.MappingNode):
        items = next((value.value for key, value in node.value if key.value == "waiting" and isinstance(value, yaml.SequenceNode)), None)
    if items is None:
        return {}, [Problem(shown, 1, "the file must have a list 'waiting:' of English files, one '- path' per line")]
    waiting: dict[str, int] = {}
    problems = []
    for item in items:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.ScalarNode) or not item.value.strip():
            problems.append(Problem(shown, line, "each entry is the path of an English file, like docs/guidance/plans.md"))
            continue
        if item.value in waiting:
            problems.append(Problem(shown, line, f"'{item.value}' is listed twice: keep one"))
        waiting[item.value] = line
    return waiting, problems


def translation_statuses(pairs: Iterable[Pair] | None = None, waiting: dict[str, int] | None = None) -> list[PairStatus]:
    if waiting is None:
        waiting, _ = load_waiting_list()
    statuses = []
    for pair in translation_pairs() if pairs is None else pairs:
        if not pair.english.is_file():
            statuses.append(PairStatus(pair, NO_ENGLISH, None, None, 1))
            continue
        current = revision_of(pair.english)
        if not pair.welsh.is_file():
            statuses.append(PairStatus(pair, WAITING if pair.name in waiting else MISSING, current, None, 1))
            continue
        document, _ = read_document(pair.welsh)
        recorded = document.meta.get(REVISION_FIELD) if document else None
        line = document.line_of(REVISION_FIELD) if document else 1
        if not isinstance(recorded, str) or not REVISION.match(recorded):
            statuses.append(PairStatus(pair, UNSTAMPED, current, None if recorded is None else str(recorded), line))
        else:
            state = CURRENT if current.startswith(recorded) or recorded.startswith(current) else OUTDATED
            statuses.append(PairStatus(pair, state, current, recorded, line))
    return statuses


# ---------------------------------------------------------------- checks


def check_pairs(statuses: Iterable[PairStatus], waiting: dict[str, int]) -> Iterator[Problem]:
    stamp = "scripts/check_translations.py --stamp"
    for status in statuses:
        pair = status.pair
        welsh, english = display_path(pair.welsh), display_path(pair.english)
        if status.state == NO_ENGLISH:
            yield Problem(welsh, 1, f"this Welsh file has no English counterpart ({english} does not exist): write the English version, or move this file to the English page's path")
        elif status.state == MISSING:
            yield Problem(english, 1, f"this {pair.kind} has no Welsh version ({welsh} does not exist): write it, or list '{pair.name}' in {display_path(WAITING_LIST)} to publish the English text with a notice until it is translated")
        elif status.state == UNSTAMPED:
            found = f"'{status.translated_from}' is not a revision" if status.translated_from else f"field '{REVISION_FIELD}' is missing"
            yield Problem(welsh, status.line, f"{found}: once this file translates {english} as it is now, run `{stamp} {welsh}` to record which English revision it translates", field=REVISION_FIELD)
        elif status.state == OUTDATED:
            yield Problem(
                welsh, status.line,
                f"{english} has changed since this translation (translated from revision {status.translated_from}, the English file is now {status.english_revision}; "
                f"`git diff {status.translated_from} {status.english_revision}` shows what changed once both are committed): update the Welsh text, then run `{stamp} {welsh}`",
                field=REVISION_FIELD,
            )
    names = {status.pair.name for status in statuses}
    done = {status.pair.name for status in statuses if status.pair.welsh.is_file()}
    for name, line in waiting.items():
        if name not in names:
            yield Problem(display_path(WAITING_LIST), line, f"'{name}' is not an English page or record file: correct the path (like docs/guidance/plans.md or case_studies/<folder>/en.md) or remove the line")
        elif name in done:
            yield Problem(display_path(WAITING_LIST), line, f"'{name}' has its Welsh version now: remove this line")


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose tags (!!python/name:..., !ENV) only the build understands."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@lru_cache(maxsize=1)
def _markdown_extensions() -> tuple[list[str], dict]:
    """The Markdown extensions the site is built with (mkdocs.yml), so headings and links are
    counted as the reader sees them (an admonition's links are links, not code)."""
    config = yaml.load((PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    names, options = [], {}
    for entry in config.get("markdown_extensions") or []:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        options[name] = settings or {}
    return names, options


def rendered_outline(text: str) -> tuple[list[int], int]:
    """The heading levels, in order, and the number of links of a Markdown text."""
    names, options = _markdown_extensions()
    html = markdown.Markdown(extensions=names, extension_configs=options).convert(text)
    soup = BeautifulSoup(html, "html.parser")
    levels = [int(tag.name[1]) for tag in soup.find_all(re.compile(r"^h[1-6]$"))]
    return levels, len(soup.find_all("a", href=True))


HEADING_LINE = re.compile(r"^\s{0,12}(#{1,6})\s+\S")


def check_structure(pair: Pair) -> Iterator[Problem]:
    """The Welsh file has as many headings, and as many links, as the English file."""
    english, english_problems = read_document(pair.english)
    welsh, welsh_problems = read_document(pair.welsh)
    if english is None or welsh is None:
        return  # the file's own checker reports why it cannot be read
    english_levels, english_links = rendered_outline(english.body)
    welsh_levels, welsh_links = rendered_outline(welsh.body)
    shown = display_path(pair.welsh)
    if len(english_levels) != len(welsh_levels):
        line = _first_differing_heading_line(welsh, english_levels)
        yield Problem(
            shown, line,
            f"{len(welsh_levels)} headings, but {display_path(pair.english)} has {len(english_levels)} (levels here {_levels(welsh_levels)}, in English {_levels(english_levels)}): give the Welsh text the same headings",
            field="headings",
        )
    elif english_levels != welsh_levels:
        yield Problem(shown, _first_differing_heading_line(welsh, english_levels), f"the headings are at other levels than in {display_path(pair.english)} (here {_levels(welsh_levels)}, in English {_levels(english_levels)}): use the same levels", field="headings")
    if english_links != welsh_links:
        yield Problem(shown, welsh.body_line, f"{welsh_links} links, but {display_path(pair.english)} has {english_links}: the Welsh text links to the same places as the English", field="links")


def _levels(levels: list[int]) -> str:
    return " ".join(f"h{level}" for level in levels) or "none"


def _first_differing_heading_line(welsh, english_levels: list[int]) -> int:
    """The line of the first Welsh heading that differs from the English outline (a hint)."""
    headings = [(welsh.body_line + offset, len(match.group(1))) for offset, line in enumerate(welsh.body.splitlines()) if (match := HEADING_LINE.match(line))]
    for index, (line, level) in enumerate(headings):
        if index >= len(english_levels) or english_levels[index] != level:
            return line
    return headings[-1][0] if headings else welsh.body_line


def check_records(files: Iterable[Path] | None = None) -> Iterator[Problem]:
    """In the data files, each value given in English is given in Welsh, and the reverse."""
    if files is None:
        files = record_files()
    for path in files:
        try:
            node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            continue  # the file's own checker reports invalid YAML
        if node is not None:
            yield from _record_problems(node, display_path(path), "")


def record_files() -> list[Path]:
    return sorted(path for pattern in RECORD_FILES for path in PROJECT_ROOT.glob(pattern) if path.name not in NOT_RECORD_FILES)


def _record_problems(node: yaml.Node, shown: str, where: str) -> Iterator[Problem]:
    if isinstance(node, yaml.MappingNode):
        keys = {key.value: (key, value) for key, value in node.value}
        if "en" in keys or "cy" in keys:
            for language, other in (("en", "cy"), ("cy", "en")):
                if language in keys and _is_empty(keys[language][1]) and not (other in keys and _is_empty(keys[other][1])):
                    yield Problem(shown, keys[language][0].start_mark.line + 1, f"{where or 'this record'}: the {_name(language)} text is empty: write it", field=f"{where}{language}")
                if language in keys and other not in keys:
                    yield Problem(shown, keys[language][0].start_mark.line + 1, f"{where or 'this record'} has {_name(language)} ('{language}') but no {_name(other)} ('{other}'): add '{other}: ...' beside it", field=f"{where}{other}")
        for key, value in node.value:
            yield from _record_problems(value, shown, f"{where}{key.value}.")
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _record_problems(item, shown, f"{where.rstrip('.')}[{index}].")


def _is_empty(node: yaml.Node) -> bool:
    return (isinstance(node, yaml.ScalarNode) and not node.value.strip() and node.tag != "tag:yaml.org,2002:bool") or (isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.value)


def _name(language: str) -> str:
    return {"en": "English", "cy": "Welsh"}[language]


# ---------------------------------------------------------------- stamping


def pair_of(path: Path, pairs: Iterable[Pair]) -> Pair | None:
    """The pair a path given on the command line belongs to (a Welsh file, or its English one)."""
    path = Path(path).resolve()
    return next((pair for pair in pairs if path in (pair.welsh.resolve(), pair.english.resolve())), None)


def stamp(path: Path, pairs: Iterable[Pair] | None = None) -> tuple[str, Problem | None]:
    """Record in a Welsh file the revision of the English file it now translates."""
    pair = pair_of(path, translation_pairs() if pairs is None else pairs)
    if pair is None:
        return "", Problem(display_path(path), 1, "not a page or record file with a Welsh counterpart: give docs/cy/<page>.md, or the cy.md of a case study, news post or event")
    welsh = pair.welsh
    if not welsh.is_file() or not pair.english.is_file():
        return "", Problem(display_path(welsh), 1, f"both {display_path(pair.english)} and {display_path(welsh)} must exist before the translation can be stamped")
    document, problems = read_document(welsh)
    if document is None:
        return "", problems[0]
    revision = revision_of(pair.english)
    lines = welsh.read_text(encoding="utf-8").split("\n")
    closing = document.body_line - 2  # index of the closing '---'
    entry = f"{REVISION_FIELD}: {revision}"
    if REVISION_FIELD in document.meta:
        index = document.line_of(REVISION_FIELD) - 1
        if lines[index].strip() == entry:
            return f"{display_path(welsh)}: already stamped {revision}", None
        lines[index] = entry
    else:
        lines.insert(closing, entry)
    welsh.write_text("\n".join(lines), encoding="utf-8")
    return f"{display_path(welsh)}: translated_from {revision} ({display_path(pair.english)})", None


# ---------------------------------------------------------------- everything


def check_translations(paths: list[Path] | None = None, spelling: bool = True) -> list[Problem]:
    """Every translation check; with paths, only the pairs those files belong to."""
    from exchange.welsh.spelling import check_welsh_spelling, welsh_text_files

    waiting, problems = load_waiting_list()
    pairs = translation_pairs()
    whole_site = not paths
    if paths:
        wanted = {path.resolve() for given in paths for path in ([given] if given.is_file() else given.rglob("*"))}
        pairs = [pair for pair in pairs if pair.english.resolve() in wanted or pair.welsh.resolve() in wanted]
    statuses = translation_statuses(pairs, waiting)
    problems += list(check_pairs(statuses, waiting if whole_site else {}))
    for status in statuses:
        if status.pair.english.is_file() and status.pair.welsh.is_file():
            problems += list(check_structure(status.pair))
    if whole_site:
        problems += list(check_records())
    if spelling:
        files = welsh_text_files() if whole_site else [status.pair.welsh for status in statuses if status.pair.welsh.is_file()]
        problems += check_welsh_spelling(files, include_records=whole_site)
    return problems


def status_view(language: str) -> dict:
    """What the translation status page shows: every pair, its state, and the totals."""
    from exchange.core.site import language_home

    waiting, _ = load_waiting_list()
    rows = []
    for status in translation_statuses(waiting=waiting):
        pair = status.pair
        rows.append({
            "kind": pair.kind,
            "name": pair.name,
            "welsh_name": _repository_path(pair.welsh),
            "state": status.state,
            "english_url": _page_url(pair, "en", language_home),
            "welsh_url": _page_url(pair, "cy", language_home),
            "translated_from": status.translated_from,
            "english_revision": status.english_revision,
        })
    # What needs an editor first: no English, missing, waiting, unrecorded, outdated, then the rest.
    order = [NO_ENGLISH, MISSING, WAITING, UNSTAMPED, OUTDATED, CURRENT]
    rows.sort(key=lambda row: (order.index(row["state"]), row["kind"], row["name"]))
    return {"rows": rows, "totals": {state: sum(row["state"] == state for row in rows) for state in reversed(order)}, "total": len(rows)}


def _page_url(pair: Pair, language: str, language_home) -> str | None:
    """Where the pair's page is in a language: the Welsh address shows the English text (with
    a notice) while the Welsh file is missing; nothing is built from a Welsh file alone in
    English."""
    if not pair.english.is_file() and (language == "en" or not pair.welsh.is_file()):
        return None
    if pair.kind in SECTION_OF_KIND:
        return f"{language_home(language)}{SECTION_OF_KIND[pair.kind]}/{pair.english.parent.name}/"
    relative = pair.english.relative_to(DOCS_DIR).as_posix().removesuffix(".md").removesuffix("index").rstrip("/")
    return f"{language_home(language)}{relative + '/' if relative else ''}"
