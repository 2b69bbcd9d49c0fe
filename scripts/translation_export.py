#!/usr/bin/env python3
"""Write the translation package: `scripts/translation_export.py [--out translations/out]`.

translations/out/exchange-en-cy.xlf (XLIFF 1.2) holds every English text that waits for its
Welsh translation or changed since it was translated; glossary.tbx is the glossary as a
termbase; previous-translations.tmx holds the earlier translations of the changed texts.
See "Translating in your own tool" in CONTRIBUTING.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exchange import PROJECT_ROOT  # noqa: E402
from exchange.core.problems import display_path  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the XLIFF, TBX and TMX files for a Welsh translator.")
    parser.add_argument("--root", type=Path, default=PROJECT_ROOT, help="the project (default: this one)")
    parser.add_argument("--out", type=Path, help="where to write (default: translations/out/ in the project)")
    arguments = parser.parse_args(argv)
    out = arguments.out or arguments.root / "translations" / "out"
    try:
        from exchange.welsh.translation_package import export_package

        report = export_package(arguments.root, out)
    except Exception as error:  # a bug of ours must still not show an editor a traceback
        print(f"The translation export itself failed ({type(error).__name__}: {error}). Please report this to the site's maintainers.", file=sys.stderr)
        return 3
    for note in report.notes:
        print(f"note: {note}")
    files = len(report.sources)
    print(f"{report.unit_count} unit(s), {report.word_count} word(s) to translate from {files} file(s)")
    for path in report.files:
        print(f"  {display_path(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
