"""Synthetic content for benchmarks: many records in the real file formats, both languages.

`write_corpus` fills a folder with generated collections and returns the environment
variables that point the build at them. Each collection is one writer function, registered
in COLLECTIONS with the variable its loader reads: case studies, news and resources (events
and any later collection: a writer and a registry line).

Each collection's real records are copied in first and counted (the site's own pages link to
them, so a strict build needs them); the rest are made up, and say so in every title, so a
synthetic page cannot pass for real content. English sentences come from plain English words;
Welsh sentences from real Welsh words, put together so that they look like Welsh prose. Every
record passes the checks the build runs (tests/bench/test_synthetic_corpus.py loads the corpus with
the site's own loader), so a benchmark measures a clean, strict build. The same seed always
writes the same files.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml

from exchange.content import case_studies
from exchange.content import news
from exchange.content import resources
from exchange.core import vocabulary
from exchange.core.data_files import load_data

SOURCE_URL = "http://www.exchangewales.org/careandeducationcasestudies"

# ---------------------------------------------------------------- words

ENGLISH = {
    "subjects": ["The school", "The team", "The council", "The designated person", "The college", "Each foster carer", "The consortium", "Every teacher", "The governing body", "The social worker"],
    "verbs": ["supports", "meets", "plans with", "listens to", "works with", "trains", "checks in with", "writes to", "helps", "visits"],
    "objects": ["looked after children", "foster carers", "young people", "class teachers", "school governors", "social workers", "families", "new pupils", "the whole class", "older learners"],
    "endings": ["every term", "before each review", "at the start of the year", "when a child moves school", "in small groups", "after school", "once a month", "as soon as possible", "during the summer", "each week"],
    "headings": ["What they did", "How it worked", "Who took part", "Why it matters", "What others can learn", "Next steps"],
}

# Real Welsh words (from the project's own Welsh pages and the terminology list).
WELSH = {
    "subjects": ["Mae'r ysgol", "Mae'r tîm", "Mae'r cyngor", "Mae'r person dynodedig", "Mae'r coleg", "Mae pob gofalwr maeth", "Mae'r consortiwm", "Mae pob athro", "Mae'r corff llywodraethu", "Mae'r gweithiwr cymdeithasol"],
    "verbs": ["yn cefnogi", "yn cwrdd â", "yn cynllunio gyda", "yn gwrando ar", "yn gweithio gyda", "yn hyfforddi", "yn siarad â", "yn ysgrifennu at", "yn helpu", "yn ymweld â"],
    "objects": ["plant sy'n derbyn gofal", "gofalwyr maeth", "pobl ifanc", "athrawon dosbarth", "llywodraethwyr ysgol", "gweithwyr cymdeithasol", "teuluoedd", "disgyblion newydd", "y dosbarth cyfan", "dysgwyr hŷn"],
    "endings": ["bob tymor", "cyn pob adolygiad", "ar ddechrau'r flwyddyn", "pan fydd plentyn yn symud ysgol", "mewn grwpiau bach", "ar ôl ysgol", "unwaith y mis", "cyn gynted â phosibl", "yn ystod yr haf", "bob wythnos"],
    "headings": ["Beth wnaethon nhw", "Sut roedd yn gweithio", "Pwy gymerodd ran", "Pam mae hyn yn bwysig", "Beth all eraill ei ddysgu", "Y camau nesaf"],
}

WORDS = {"en": ENGLISH, "cy": WELSH}
TITLE = {"en": "Synthetic case study {number}: {topic}", "cy": "Astudiaeth achos synthetig {number}: {topic}"}
ORGANISATION = {"en": "Example organisation {number}", "cy": "Sefydliad enghreifftiol {number}"}
CONTACT_ROLE = {"en": "Designated person", "cy": "Person dynodedig"}
LINK_TEXT = {"en": "the case studies page of the old ExChange site", "cy": "tudalen astudiaethau achos yr hen wefan ExChange"}
NOTE = {"en": "!!! note \"Made up for testing\"\n    This text is generated for a benchmark.", "cy": "!!! note \"Wedi'i greu ar gyfer profi\"\n    Cafodd y testun hwn ei greu ar gyfer meincnod."}


def sentence(rng: random.Random, language: str) -> str:
    words = WORDS[language]
    return f"{rng.choice(words['subjects'])} {rng.choice(words['verbs'])} {rng.choice(words['objects'])} {rng.choice(words['endings'])}."


def paragraph(rng: random.Random, language: str, sentences: int = 4) -> str:
    return " ".join(sentence(rng, language) for _ in range(sentences))


def case_study_body(rng: random.Random, language: str) -> str:
    """About 180 words: three sections, a list, an admonition and the source link."""
    words = WORDS[language]
    headings = rng.sample(words["headings"], 3)
    items = "\n".join(f"- {sentence(rng, language)}" for _ in range(3))
    link = f"[{LINK_TEXT[language]}]({SOURCE_URL})"
    return (
        f"{paragraph(rng, language)}\n\n## {headings[0]}\n\n{paragraph(rng, language)}\n\n{items}\n\n"
        f"## {headings[1]}\n\n{paragraph(rng, language, 3)}\n\n{NOTE[language]}\n\n"
        f"## {headings[2]}\n\n{paragraph(rng, language, 2)} {link}\n"
    )


# ---------------------------------------------------------------- the real records


def copy_real_records(real: Path | None, root: Path) -> int:
    """Copy a collection's real records (folders and files, not hidden ones) into root; how many."""
    if real is None or not Path(real).is_dir():
        return 0
    copied = 0
    for entry in sorted(Path(real).iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            shutil.copytree(entry, root / entry.name)
        else:
            shutil.copy2(entry, root / entry.name)
        copied += entry.is_dir() or entry.suffix in {".yml", ".yaml"}
    return copied


# ---------------------------------------------------------------- case studies


def _front_matter(meta: dict) -> str:
    return f"---\n{yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)}---\n\n"


def _published(rng: random.Random) -> str:
    day = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randrange(12 * 365))
    return rng.choice([day.isoformat(), day.isoformat()[:7], str(day.year)])


def write_case_studies(root: Path, count: int, rng: random.Random, real: Path | None = None) -> None:
    """`count` case studies in root/<slug>/en.md and cy.md, spread over every identifier.

    The site's real case studies (from `real`, if given) are copied first and counted: the
    site's own pages link to them, so a strict build needs them. The rest are synthetic.
    """
    copied = copy_real_records(real, root)
    authorities = [key for key in vocabulary.identifiers("local_authorities") if key != "wales"]
    themes = vocabulary.identifiers("themes")
    sources = list(load_data("sources"))
    for index in range(1, count - copied + 1):
        number = f"{index:04d}"
        authority = rng.choice(authorities + ["wales"])
        region = vocabulary.entry("local_authorities", authority)["region"]
        if authority == "wales":
            region = rng.choice(vocabulary.identifiers("regions"))
        chosen_themes = rng.sample(themes, rng.randint(1, 3))
        topic = {language: vocabulary.label("themes", chosen_themes[0], language) for language in ("en", "cy")}
        folder = root / f"synthetic-case-study-{number}"
        folder.mkdir(parents=True)
        shared = {
            "organisation_type": rng.choice(vocabulary.identifiers("organisation_types")),
            "local_authority": authority,
            "region": region,
            "themes": chosen_themes,
            "audiences": rng.sample(vocabulary.identifiers("audiences"), rng.randint(1, 2)),
            "published": _published(rng),
            "source": {"document": rng.choice(sources), "url": SOURCE_URL},
            "no_child_identified": True,
        }
        for language in ("en", "cy"):
            meta = {
                "title": TITLE[language].format(number=number, topic=topic[language]),
                "summary": paragraph(rng, language, 2),
                "organisation": ORGANISATION[language].format(number=number),
                "contact_role": CONTACT_ROLE[language],
                **(shared if language == "en" else {}),
            }
            (folder / f"{language}.md").write_text(_front_matter(meta) + case_study_body(rng, language), encoding="utf-8")


# ---------------------------------------------------------------- news


NEWS_TITLE = {"en": "Synthetic news {number}: {topic}", "cy": "Newyddion synthetig {number}: {topic}"}


def write_news(root: Path, count: int, rng: random.Random, real: Path | None = None) -> None:
    """`count` news posts (the real ones first) in root/<date>-<words>/en.md and cy.md."""
    copied = copy_real_records(real, root)
    sources = list(load_data("sources"))
    for index in range(1, count - copied + 1):
        number = f"{index:04d}"
        day = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randrange(10 * 365))
        theme = rng.choice(vocabulary.identifiers("themes"))
        folder = root / f"{day.isoformat()}-synthetic-news-{number}"
        folder.mkdir(parents=True)
        for language in ("en", "cy"):
            meta = {
                "title": NEWS_TITLE[language].format(number=number, topic=vocabulary.label("themes", theme, language)),
                "summary": paragraph(rng, language, 2),
                **({"date": day.isoformat(), "sources": [rng.choice(sources)]} if language == "en" else {}),
            }
            body = f"{paragraph(rng, language)}\n\n## {rng.choice(WORDS[language]['headings'])}\n\n{paragraph(rng, language, 3)}\n"
            (folder / f"{language}.md").write_text(_front_matter(meta) + body, encoding="utf-8")


# ---------------------------------------------------------------- resources


RESOURCE_TITLE = "Synthetic resource {number}: {topic}"
AUTHOR = {"en": "Example author {number}", "cy": "Awdur enghreifftiol {number}"}


def write_resources(root: Path, count: int, rng: random.Random, real: Path | None = None) -> None:
    """`count` resources (the real ones first), one YAML file each; facts no source could give
    (the link, a Welsh version) are 'unknown', as the real records write them."""
    root.mkdir(parents=True, exist_ok=True)
    copied = copy_real_records(real, root)
    sources = list(load_data("sources"))
    for index in range(1, count - copied + 1):
        number = f"{index:04d}"
        theme = rng.choice(vocabulary.identifiers("themes"))
        record = {
            "title": {"en": RESOURCE_TITLE.format(number=number, topic=vocabulary.label("themes", theme, "en"))},
            "author": {language: AUTHOR[language].format(number=number) for language in ("en", "cy")},
            "year": rng.randint(2005, 2021),
            "country": rng.choice(vocabulary.identifiers("countries")),
            "type": rng.choice(vocabulary.identifiers("resource_types")),
            "audiences": rng.sample(vocabulary.identifiers("audiences"), rng.randint(1, 2)),
            "summary": {language: paragraph(rng, language, 3) for language in ("en", "cy")},
            "link": "unknown",
            "welsh_version": "unknown",
            "link_checked": None,
            "sources": [rng.choice(sources)],
        }
        (root / f"synthetic-resource-{number}.yml").write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")


# ---------------------------------------------------------------- the corpus


@dataclass(frozen=True)
class Collection:
    folder: str  # under the corpus root
    environment_variable: str  # read by the collection's loader
    write: Callable[[Path, int, random.Random], None]  # (folder, number of records, random source)


COLLECTIONS: dict[str, Collection] = {
    "case_studies": Collection(
        "case_studies",
        case_studies.ENVIRONMENT_VARIABLE,
        lambda folder, count, rng: write_case_studies(folder, count, rng, real=case_studies.case_studies_dir()),
    ),
    "news": Collection("news", news.ENVIRONMENT_VARIABLE, lambda folder, count, rng: write_news(folder, count, rng, real=news.news_dir())),
    "resources": Collection(
        "resources", resources.ENVIRONMENT_VARIABLE, lambda folder, count, rng: write_resources(folder, count, rng, real=resources.resources_dir()),
    ),
}


def corpus_sizes(case_study_count: int) -> dict[str, int]:
    """The collections of a benchmark site with this many case studies: half as many resources
    and a fifth as many news posts (never fewer than the real ones, which are always copied)."""
    return {"case_studies": case_study_count, "news": case_study_count // 5, "resources": case_study_count // 2}


def write_corpus(root: Path, sizes: dict[str, int], seed: int = 2017) -> dict[str, str]:
    """Write each collection's records under root; return the variables that point the build there.

    `sizes` maps a collection name (a key of COLLECTIONS) to a number of records.
    """
    unknown = sorted(set(sizes) - set(COLLECTIONS))
    if unknown:
        raise ValueError(f"unknown collection(s) {', '.join(unknown)}: the collections are {', '.join(COLLECTIONS)}")
    environment: dict[str, str] = {}
    for name, count in sizes.items():
        collection = COLLECTIONS[name]
        folder = Path(root) / collection.folder
        folder.mkdir(parents=True, exist_ok=True)
        collection.write(folder, count, random.Random(f"{seed}-{name}"))
        environment[collection.environment_variable] = str(folder.resolve())
    return environment
