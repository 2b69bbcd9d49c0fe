#!/usr/bin/env python3
"""Turn a checker's `--format json` output into GitHub Actions annotations.

    .venv/bin/python scripts/check_case_studies.py --format json | python .github/scripts/problems_to_annotations.py

Prints one `::error file=...,line=...,title=...::message` (or `::warning`) line per problem, so
that each problem is shown on its line in the pull request's "Files changed" view. Always exits
0: the build and the tests decide whether the job fails.
"""

from __future__ import annotations

import json
import sys


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotations(problems: list[dict], title: str = "Case study check") -> list[str]:
    lines = []
    for problem in problems:
        level = "warning" if problem.get("severity") == "warning" else "error"
        properties = f"file={escape_property(str(problem['path']))},line={int(problem.get('line') or 1)},title={escape_property(title)}"
        lines.append(f"::{level} {properties}::{escape_data(str(problem['message']))}")
    return lines


def main(argv: list[str]) -> int:
    text = open(argv[1], encoding="utf-8").read() if len(argv) > 1 else sys.stdin.read()
    try:
        problems = json.loads(text) if text.strip() else []
    except json.JSONDecodeError as error:
        print(f"::warning title=Case study check::the checker's output is not JSON ({error})")
        return 0
    for line in annotations(problems):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
