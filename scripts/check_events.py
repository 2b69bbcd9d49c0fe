#!/usr/bin/env python3
"""Check events: `scripts/check_events.py [PATH...]`.

With no PATH, checks everything under events/ (or the folder EXCHANGE_EVENTS_DIR names). A PATH may be
an event folder or one of its files. Prints one line per problem, `path:line: message`; exits 1 on any error.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exchange.core.cli import run_checker  # noqa: E402
from exchange.content.events import check_paths  # noqa: E402


if __name__ == "__main__":
    sys.exit(run_checker("events", check_paths))
