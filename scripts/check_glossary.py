#!/usr/bin/env python3
"""Check the glossary and the initials on pages: `scripts/check_glossary.py [PATH...]`.

Checks exchange/data/glossary.yml, then every page (docs/ and case_studies/, or the PATHs
given): each set of initials a page uses must be in the glossary for the page's language.
Prints one line per problem, `path:line: message`; exits 1 on any error.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exchange.core.cli import run_checker  # noqa: E402
from exchange.content.glossary import check_glossary_and_pages  # noqa: E402

if __name__ == "__main__":
    sys.exit(run_checker("glossary", check_glossary_and_pages))
