#!/usr/bin/env python3
"""Check the attendance and exclusion figures: `scripts/check_statistics.py [FILE...]`.

Checks exchange/data/statistics.yml (or the FILEs given) with the same rules as the build:
every field present, school years in order, one figure per year, each figure written with the
section's decimal places. Prints one line per problem, `path:line: message`; exits 1 on any error.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exchange.core.cli import run_checker  # noqa: E402
from exchange.content.statistics import check_statistics  # noqa: E402

if __name__ == "__main__":
    sys.exit(run_checker("statistics", check_statistics))
