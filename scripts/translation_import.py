#!/usr/bin/env python3
"""Read a translated XLIFF file back: `scripts/translation_import.py FILE.xlf`.

Writes each Welsh unit that passes its checks into its Welsh file, stamps every Welsh file
whose translation is now complete, takes it off translations-waiting.yml and runs the
translation and spelling checks on what it wrote. Prints `path:line: message` for each
problem (the units in error are not written); exits 1 if there was any.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exchange import PROJECT_ROOT  # noqa: E402
from exchange.core.problems import format_problems, has_errors  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the Welsh of a translated XLIFF file into the Welsh files.")
    parser.add_argument("file", type=Path, nargs="?", help="the translated .xlf file")
    parser.add_argument("--root", type=Path, default=PROJECT_ROOT, help="the project (default: this one)")
    arguments = parser.parse_args(argv)
    if arguments.file is None:
        print("give the translated file: make translation-import FILE=path/to/exchange-en-cy.xlf", file=sys.stderr)
        return 2
    if not arguments.file.is_file():
        print(f"{arguments.file}:1: no such file: give the path of the translated .xlf file", file=sys.stderr)
        return 2
    try:
        from exchange.welsh.translation_package import import_package

        report = import_package(arguments.file, arguments.root)
    except Exception as error:  # a bug of ours must still not show an editor a traceback
        print(f"The translation import itself failed ({type(error).__name__}: {error}). Please report this to the site's maintainers.", file=sys.stderr)
        return 3
    for path, count in sorted(report.written.items()):
        print(f"{path}: {count} unit(s) written")
    for path in report.stamped:
        print(f"{path}: translation complete, translated_from stamped")
    for message in report.messages:
        print(message)
    if report.untranslated:
        print(f"{report.untranslated} unit(s) not translated yet: the Welsh stays as it was for them")
    output = format_problems(report.problems)
    if output:
        print(output)
    errors = sum(problem.severity == "error" for problem in report.problems)
    print(f"translation import: {errors} error(s), {len(report.problems) - errors} warning(s)", file=sys.stderr)
    return 1 if has_errors(report.problems) else 0


if __name__ == "__main__":
    sys.exit(main())
