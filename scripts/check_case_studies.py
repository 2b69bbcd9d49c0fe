#!/usr/bin/env python3
"""Check case studies: `scripts/check_case_studies.py [PATH...]`.

With no PATH, checks every folder under case_studies/. A PATH may be a case study folder or
one of its files. Prints one line per problem, `path:line: message`; exits 1 on any error.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exchange.core.cli import run_checker  # noqa: E402
from exchange.content.case_studies import check_paths  # noqa: E402


def check(paths: list[Path]):
    """Every folder under case_studies/ or EXCHANGE_CASE_STUDIES_DIR, or the given ones
    (compared with the whole collection, so that a title used twice is found)."""
    return check_paths(paths)


if __name__ == "__main__":
    sys.exit(run_checker("case studies", check))
