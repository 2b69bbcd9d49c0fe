#!/usr/bin/env python3
"""Check the built pages: `scripts/check_html.py [SITE]` (`make html`; SITE defaults to site/).

Every page must be valid HTML (the Nu HTML Checker) and have a title no other page of its
language has. Prints one line per problem, `path:line: message`; exits 1 on any.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exchange import PROJECT_ROOT  # noqa: E402
from exchange.core.cli import run_checker  # noqa: E402
from exchange.quality.html_validity import check_built_pages  # noqa: E402


def check(paths: list[Path]):
    problems = []
    for site in paths or [PROJECT_ROOT / "site"]:
        problems.extend(check_built_pages(site))
    return problems


if __name__ == "__main__":
    sys.exit(run_checker("built pages (HTML validity, unique titles)", check))
