#!/usr/bin/env python3
"""Check the organisation names on Welsh pages: `scripts/check_organisation_names.py [PATH...]`.

Every organisation named on a Welsh page (docs/cy/, the cy.md files of case studies, news and
events, and the Welsh text of the data files and the resource library) uses its Welsh name
from the data (contacts/*.yml, exchange/data/glossary.yml), unless the English is marked as
English (`*Title*{lang=en}`); the glossary and the contact list give each organisation the same
Welsh name. With PATHs, checks only those Welsh Markdown files. Prints one line per problem,
`path:line: message`; exits 1 on any error.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exchange.core.cli import run_checker  # noqa: E402
from exchange.content.organisation_names import check_welsh_files  # noqa: E402


def check(paths: list[Path]):
    if not paths:
        return check_welsh_files()
    files = [path for given in paths for path in ([given] if given.is_file() else sorted(given.rglob("*.md")))]
    return check_welsh_files(files, include_records=False)


if __name__ == "__main__":
    sys.exit(run_checker("organisation names", check))
