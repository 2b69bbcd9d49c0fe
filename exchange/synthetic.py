"""Synthetic content for benchmarks: many records in the real file formats, both languages.

`write_corpus` fills a folder with generated collections and returns the environment
variables that point the build at them. Each collection is one writer function, registered
in COLLECTIONS with the variable its loader reads; today only case studies exist (news and
resources are still to come: adding one is a writer and a registry line).

The site's real case studies are copied in first and counted (the site's own pages link to
them, so a strict build needs them); the rest are made up, and say so in every title, so a
synthetic page cannot pass for real content. English sentences come from plain English words;
Welsh sentences from real Welsh words, put together so that they look like Welsh prose. Every
record passes the checks the build runs (tests/test_synthetic_corpus.py loads the corpus with
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

from exchange import case_studies, vocabulary
from exchange.data_files import load_data

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
    copied = 0
    if real is not None:
        for folder in case_studies.case_study_folders(real):
            shutil.copytree(folder, root / folder.name)
            copied += 1
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
}


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
