#!/usr/bin/env python3
"""Check case studies: `scripts/check_case_studies.py [PATH...]`.

With no PATH, checks every folder under case_studies/. A PATH may be a case study folder or
one of its files. Prints one line per problem, `path:line: message`; exits 1 on any error.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exchange.cli import run_checker  # noqa: E402
from exchange.case_studies import CASE_STUDIES_DIR, check_collection, load_case_studies, load_case_study  # noqa: E402


def check(paths: list[Path]):
    if not paths:
        return load_case_studies(CASE_STUDIES_DIR)[1]
    problems, records = [], []
    for folder in dict.fromkeys(path if path.is_dir() else path.parent for path in paths):
        record, found = load_case_study(folder)
        problems.extend(found)
        if record:
            records.append(record)
    return problems + list(check_collection(records))


if __name__ == "__main__":
    sys.exit(run_checker("case studies", check))
