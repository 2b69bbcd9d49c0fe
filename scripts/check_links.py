#!/usr/bin/env python3
"""Check the links of the built site: `scripts/check_links.py [SITE]`.

Without options: every internal link and anchor, offline (`make links`; SITE defaults to
site/, so build first). With --external: every http(s) link, online, politely, with a
cache (`make links-external`); --report FILE writes the Markdown report the weekly GitHub
issue shows. Prints one line per broken link, `path:line: message`; exits 1 if any is broken.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exchange import PROJECT_ROOT  # noqa: E402
from exchange.quality.links import LinkCheckerUnavailable, check_external_links, check_internal_links, format_external_report  # noqa: E402
from exchange.core.problems import format_problems, has_errors  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check the links of the built site. Prints 'path:line: message' for each broken link.")
    parser.add_argument("site", nargs="?", type=Path, default=PROJECT_ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--external", action="store_true", help="check links to other sites (online) instead of the site's own links")
    parser.add_argument("--report", type=Path, help="with --external: write the Markdown report to this file")
    parser.add_argument("--cache", type=Path, default=PROJECT_ROOT / ".cache" / "lychee", help="with --external: where lychee keeps its cache (default: .cache/lychee)")
    parser.add_argument("--format", choices=["text", "json"], default="text", help="json gives one object per problem, for CI annotations")
    arguments = parser.parse_args(argv)
    if not (arguments.site / "index.html").is_file():
        print(f"{arguments.site}:1: no built site here: run `make build` first (or give the folder of a built site)", file=sys.stderr)
        return 2
    try:
        if arguments.external:
            report = check_external_links(arguments.site, arguments.cache)
            problems = report.problems()
            text = format_external_report(report, dt.date.today().isoformat())
            if arguments.report:
                arguments.report.write_text(text, encoding="utf-8")
            what = f"external links ({report.checked} checked on {report.pages} pages, {len(report.moved)} moved permanently)"
        else:
            problems = check_internal_links(arguments.site)
            what = "internal links"
    except LinkCheckerUnavailable as error:
        print(f"The link check could not run: {error}", file=sys.stderr)
        return 3
    output = format_problems(problems, arguments.format)
    if output:
        print(output)
    if arguments.format == "text":
        print(f"{what}: {len(problems)} broken", file=sys.stderr)
    return 1 if has_errors(problems) else 0


if __name__ == "__main__":
    sys.exit(main())
