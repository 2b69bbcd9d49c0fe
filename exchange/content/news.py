"""News: dated posts, one folder each, `news/<date>-<words>/en.md` and `cy.md`, published in
both languages at once, with an Atom feed per language.

A post's date is as precise as its source gives it (a day, a month or a year): the folder
name starts with it, and the page shows it as it is known ("May 2017"). An Atom entry needs a
full timestamp, so the feed gives the first moment of the period (2017-05-01T00:00:00Z for
May 2017); readers of the site never see that day.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from exchange import PROJECT_ROOT
from exchange.content.collections import (
    FOLDERS,
    Field,
    PartialDate,
    RecordFiles,
    Schema,
    collection_dir,
    load_collection,
    parse_partial_date,
)
from exchange.content.collections import (
    check_paths as check_collection_paths,
)
from exchange.core.problems import Problem, display_path

ENVIRONMENT_VARIABLE = "EXCHANGE_NEWS_DIR"
SECTION = "news"
FEED_NAME = "feed.xml"
# The folder name: the post's date (YYYY, YYYY-MM or YYYY-MM-DD), then words.
FOLDER_NAME = re.compile(r"^(?P<date>\d{4}(?:-\d{2}){0,2})-(?P<words>[a-z][a-z0-9]*(?:-[a-z0-9]+)*)$")
# Entries' ids in the feed: stable whatever address the site is served from.
FEED_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://exchange-care-education.invalid/news/")


def news_dir() -> Path:
    """news/, or the folder EXCHANGE_NEWS_DIR names (tests use fixtures that way)."""
    return collection_dir(PROJECT_ROOT / "news", ENVIRONMENT_VARIABLE)


FIELDS: dict[str, Field] = {
    "title": Field("text", shared=False, max_length=120, help="the headline"),
    "summary": Field("text", shared=False, max_length=300, help="one or two sentences: the news in short, shown in the list and the feed"),
    "date": Field("date", help="the date of the news: YYYY-MM-DD, or \"YYYY-MM\" or \"YYYY\" in quotes if the source gives no day"),
    "sources": Field("choices", vocabulary="sources", help="the ids (in exchange/data/sources.yml) of the sources the post is written from"),
}


def _folder_starts_with_the_date(files: RecordFiles, schema: Schema) -> Iterator[Problem]:
    date = parse_partial_date(files.meta.get("date"))
    match = FOLDER_NAME.match(files.slug)
    if date and match and match.group("date") != date.isoformat():
        yield Problem(display_path(files.main.path), files.main.line_of("date"),
                      f"the folder name starts with {match.group('date')} but the date is {date.isoformat()}: rename the folder to {date.isoformat()}-{match.group('words')} or correct the date", field="date")


SCHEMA = Schema(
    noun="news post", plural="news", fields=FIELDS, layout=FOLDERS,
    body_hint="write the news in a few sentences",
    welsh_required=True,
    slug=FOLDER_NAME,
    slug_hint="the post's date, then lowercase words joined by hyphens (like '2017-05-one-year-on-report')",
    record_checks=(_folder_starts_with_the_date,),
)


@dataclass
class PostText:
    language: str
    path: Path
    title: str
    summary: str
    body: str


@dataclass
class NewsPost:
    slug: str
    folder: Path
    date: PartialDate
    sources: list[str]
    texts: dict[str, PostText] = field(default_factory=dict)

    def text(self, language: str) -> PostText:
        return self.texts.get(language) or self.texts["en"]


def build_post(files: RecordFiles) -> NewsPost:
    return NewsPost(
        slug=files.slug,
        folder=files.path,
        date=parse_partial_date(files.meta["date"]),
        sources=list(files.meta["sources"]),
        texts={
            language: PostText(language, document.path, str(document.meta["title"]).strip(), str(document.meta["summary"]).strip(), document.body)
            for language, document in files.documents.items()
        },
    )


def _newest_first(record: NewsPost) -> tuple:
    return (tuple(-part for part in record.date.sort_key), record.slug)


def newest_first(records: list[NewsPost]) -> list[NewsPost]:
    return sorted(records, key=_newest_first)


def load_news(root: Path | None = None, today: dt.date | None = None) -> tuple[list[NewsPost], list[Problem]]:
    """Every news post under root (default: `news_dir()`), newest first, and every problem."""
    return load_collection(Path(root) if root is not None else news_dir(), SCHEMA, build_post, today, order=_newest_first)


def check_paths(paths: list[Path], root: Path | None = None) -> list[Problem]:
    return check_collection_paths(paths, Path(root) if root is not None else news_dir(), SCHEMA)
