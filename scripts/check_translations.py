#!/usr/bin/env python3
"""Check the Welsh translations: `scripts/check_translations.py [PATH...]`.

Every English page and case study has its Welsh version (or is listed in
translations-waiting.yml), every Welsh file says which English revision it translates and
is reported when the English file has changed since, the two files of a pair have the same
number of headings and links, every record has both languages, and the Welsh text passes
the Welsh spell check. With PATHs, checks the pairs those files belong to. Prints one line
per problem, `path:line: message`; exits 1 on any error.

`scripts/check_translations.py --stamp PATH...` records, in each Welsh file named (or the
Welsh file of each English file named, or every Welsh file under a folder), the revision of
the English file it now translates. Run it once the Welsh text matches the English.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exchange.core.cli import run_checker  # noqa: E402
from exchange.welsh.translations import check_translations, stamp, translation_pairs  # noqa: E402


def stamp_files(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="check_translations.py --stamp", description="Record which English revision each Welsh file translates.")
    parser.add_argument("paths", nargs="+", type=Path, help="Welsh files, their English files, or folders of them")
    arguments = parser.parse_args(argv)
    failed = False
    for given in arguments.paths:
        if given.is_dir():
            folder = given.resolve()
            targets = [pair.welsh for pair in translation_pairs() if pair.welsh.is_file() and pair.english.is_file() and pair.welsh.resolve().is_relative_to(folder)]
            if not targets:
                print(f"{given}:1: no Welsh page or case study file in this folder", file=sys.stderr)
                failed = True
        else:
            targets = [given]
        for target in targets:
            message, problem = stamp(target)
            if problem:
                print(problem, file=sys.stderr)
                failed = True
            else:
                print(message)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--stamp"]:
        return stamp_files(argv[1:])
    return run_checker("translations", lambda paths: check_translations(paths or None), argv)


if __name__ == "__main__":
    sys.exit(main())
