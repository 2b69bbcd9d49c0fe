#!/usr/bin/env python3
"""Check the national contact list: `scripts/check_contacts.py [PATH...] [--format json]`.

With no PATH, checks every file in contacts/ as one list. A PATH may be a folder (checked as
one list) or a file (read with the other files of its folder, since the rules across files
need them, and only its own problems reported). Prints one line per problem,
`path:line: message`; exits 1 on any error (warnings alone exit 0).

`--write-schema` writes contacts/schema.json from the model in exchange/content/contacts/ (the
checker reports an out-of-date schema as an error).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exchange.core.cli import run_checker  # noqa: E402
from exchange.content.contacts import check_paths, write_schema  # noqa: E402
from exchange.core.problems import display_path  # noqa: E402


def main(argv: list[str]) -> int:
    if "--write-schema" in argv:
        try:
            path = write_schema()
        except OSError as error:
            print(f"contacts/schema.json:1: the schema could not be written ({error.strerror})", file=sys.stderr)
            return 2
        print(f"wrote {display_path(path)}", file=sys.stderr)
        return 0
    return run_checker("contacts", check_paths, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
