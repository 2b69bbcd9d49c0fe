#!/usr/bin/env python3
"""The pages a pull request changes, for the CI job's summary (exchange/pages/page_links.py).

    scripts/changed_pages.py --base origin/main >> "$GITHUB_STEP_SUMMARY"
    git diff --name-only main... | scripts/changed_pages.py -

Lists the built pages (English and Welsh) that the changed files make, as Markdown.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exchange.pages.page_links import changed_pages, summary_markdown  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="List the pages that changed files make (Markdown).")
    parser.add_argument("files", nargs="*", help="changed files, relative to the repository; '-': read them from standard input")
    parser.add_argument("--base", help="compare with this git revision (the changes since the branch left it)")
    arguments = parser.parse_args(argv)
    files = [name for name in arguments.files if name != "-"]
    if "-" in arguments.files:
        files += [line.strip() for line in sys.stdin if line.strip()]
    if arguments.base:
        result = subprocess.run(["git", "diff", "--name-only", f"{arguments.base}...HEAD"], capture_output=True, text=True)
        if result.returncode != 0:
            print(f"error: git diff with {arguments.base} failed: {result.stderr.strip()}", file=sys.stderr)
            return 2
        files += result.stdout.split()
    print(summary_markdown(changed_pages(files)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
