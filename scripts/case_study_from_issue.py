#!/usr/bin/env python3
"""Turn a case-study issue into case_studies/<folder>/en.md and cy.md, or into a comment saying
what to fix: the first step of .github/workflows/case-study-issue.yml (exchange/content/issue_intake.py).

    scripts/case_study_from_issue.py "$GITHUB_EVENT_PATH" --output result.json

The result (JSON) says what the workflow does next: {"action": "pull_request" | "comment" |
"ignore", "slug", "files", "title", "body", "language", "problems"}. Exit status 0 whatever
the answers were (a comment is a normal outcome); 2 when the event file cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exchange.content.issue_intake import process_event  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("event", type=Path, help="the issue event's JSON (GitHub: $GITHUB_EVENT_PATH)")
    parser.add_argument("--output", type=Path, required=True, help="where to write the result (JSON)")
    arguments = parser.parse_args(argv)
    try:
        event = json.loads(arguments.event.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"error: {arguments.event}: cannot read the event: {error}", file=sys.stderr)
        return 2
    outcome = process_event(event)
    arguments.output.write_text(json.dumps(outcome.as_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{outcome.action}: {outcome.slug or '-'}; {len(outcome.problems)} problem(s); files: {', '.join(outcome.files) or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
