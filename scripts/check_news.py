#!/usr/bin/env python3
"""Check news posts: `scripts/check_news.py [PATH...]`.

With no PATH, checks everything under news/ (or the folder EXCHANGE_NEWS_DIR names). A PATH may be
a news post folder or one of its files. Prints one line per problem, `path:line: message`; exits 1 on any error.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exchange.core.cli import run_checker  # noqa: E402
from exchange.content.news import check_paths  # noqa: E402


if __name__ == "__main__":
    sys.exit(run_checker("news posts", check_paths))
