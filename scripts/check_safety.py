#!/usr/bin/env python3
"""Check that contributed content is safe: `scripts/check_safety.py [PATH...]` (`make check`).

With no path: every page of docs/ and every case study, news post and event through the
allow-list the build sanitises pages with (exchange/content/html_safety.py), their titles, and every
contributor's file and picture (exchange/content/pictures.py). A path may be a Markdown file or a
folder of them; a built site (a folder with index.html, as `make check-site` passes) is
scanned for live code instead: an event attribute, a script address, or an inline script that
its page's Content-Security-Policy does not allow. Prints `path:line: message`; exits 1 on any.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exchange import PROJECT_ROOT  # noqa: E402
from exchange.core.cli import run_checker  # noqa: E402
from exchange.pages.csp import live_code_in_site  # noqa: E402
from exchange.content.html_safety import check_markdown_file  # noqa: E402
from exchange.content.pictures import check_docs_files, check_record_pictures  # noqa: E402
from exchange.core.problems import Problem, display_path  # noqa: E402


def _collection_folders() -> list[Path]:
    from exchange.content.case_studies import case_studies_dir
    from exchange.content.events import events_dir
    from exchange.content.news import news_dir

    return [folder for folder in (case_studies_dir(), news_dir(), events_dir()) if folder.is_dir()]


def _markdown_files(folder: Path):
    skip = {"README.md"}  # a collection's README is for editors, not a page
    return (path for path in sorted(folder.rglob("*.md")) if path.name not in skip or folder.name == "docs")


def check(paths: list[Path]) -> list[Problem]:
    problems: list[Problem] = []
    if not paths:
        docs = PROJECT_ROOT / "docs"
        problems.extend(check_docs_files(docs))
        for folder in [docs, *_collection_folders()]:
            for path in _markdown_files(folder):
                problems.extend(check_markdown_file(path))
            if folder != docs:
                problems.extend(check_record_pictures(path for path in folder.rglob("*") if path.is_file()))
        return problems
    for path in paths:
        if path.is_dir() and (path / "index.html").is_file():
            for page, found in live_code_in_site(path).items():
                problems.extend(Problem(display_path(path / page), 1, f"the built page holds live code: {what}") for what in found)
        elif path.is_dir():  # docs/ (or a copy of it) or a collection's folder
            for markdown in _markdown_files(path):
                problems.extend(check_markdown_file(markdown))
            if path.name == "docs":
                problems.extend(check_docs_files(path))
            else:
                problems.extend(check_record_pictures(child for child in path.rglob("*") if child.is_file()))
        elif path.suffix == ".md":
            problems.extend(check_markdown_file(path))
        else:
            problems.extend(check_record_pictures([path]))
    return problems


if __name__ == "__main__":
    sys.exit(run_checker("contributed content (HTML allow-list, titles, pictures, live code)", check))
