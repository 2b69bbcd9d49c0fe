#!/usr/bin/env python3
"""Check resources: `scripts/check_resources.py [PATH...]`.

With no PATH, checks everything under resources/ (or the folder EXCHANGE_RESOURCES_DIR names). A PATH may be
a resource file (resources/<name>.yml). Prints one line per problem, `path:line: message`; exits 1 on any error.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exchange.core.cli import run_checker  # noqa: E402
from exchange.content.resources import check_paths  # noqa: E402


if __name__ == "__main__":
    sys.exit(run_checker("resources", check_paths))
