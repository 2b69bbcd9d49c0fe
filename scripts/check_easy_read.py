#!/usr/bin/env python3
"""Check easy-read pages: `scripts/check_easy_read.py [PATH...]`.

With no PATH, checks every page under docs/ (English and Welsh) whose front matter says
`easy_read: true`. A PATH may be a page or a folder. Prints one line per problem,
`path:line: message`; exits 1 on any error. The rules are in exchange/content/easy_read.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exchange.core.cli import run_checker  # noqa: E402
from exchange.content.easy_read import check_easy_read_paths  # noqa: E402

if __name__ == "__main__":
    sys.exit(run_checker("easy-read pages", check_easy_read_paths))
