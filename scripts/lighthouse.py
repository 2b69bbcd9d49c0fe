#!/usr/bin/env python3
"""Lighthouse on every page type, in both languages: `make lighthouse`.

    .venv/bin/python scripts/lighthouse.py [--site DIR] [--repeat N] [--only TEMPLATE ...]

Builds the site (strict) into a scratch folder unless --site names a built one, serves it on
127.0.0.1 with text gzipped as a real host sends it, and runs Lighthouse (npm, pinned in
package.json) in Debian's Chromium with its mobile profile (a mid-range phone on a slow 4G
connection, simulated) on one page of each type and language: for each page type the
biggest page, as the accessibility tests choose it (tests/page_types.py). Prints the four
scores per page type and language (the median of --repeat runs), the audits that cost
points, and whether each meets the targets: performance 98, the other three 100.

Not part of `make test`: it is slow, and performance scores move from run to run; `make bench`
runs it once.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exchange import PROJECT_ROOT  # noqa: E402
from exchange.bench.benchmark import serve  # noqa: E402
from tests.page_types import one_page_of_each_type, page_type  # noqa: E402
from tests.site_pages import is_welsh_path, page_url  # noqa: E402

LIGHTHOUSE = PROJECT_ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("EXCHANGE_CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}


def build(destination: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(destination)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if result.returncode != 0:
        sys.exit("the site did not build (mkdocs build --strict):\n" + result.stderr[-4000:])


def run_lighthouse(url: str, report: Path) -> dict:
    """One Lighthouse run (mobile, simulated throttling); the report as a dict."""
    command = [
        str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
        f"--chrome-flags={CHROME_FLAGS}", "--form-factor=mobile", f"--only-categories={','.join(CATEGORIES)}",
    ]
    result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300)
    if result.returncode != 0 or not report.is_file():
        raise RuntimeError(f"lighthouse failed on {url}: {result.stderr[-2000:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def scores_of(report: dict) -> dict[str, int]:
    return {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES}


def lost_points(report: dict) -> list[str]:
    """The scored audits that did not pass, with Lighthouse's figure where it gives one."""
    lost = []
    for name in CATEGORIES:
        for reference in report["categories"][name]["auditRefs"]:
            audit = report["audits"][reference["id"]]
            if reference["weight"] > 0 and audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") in {"binary", "numeric", "metricSavings"}:
                detail = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                lost.append(f"{name}: {reference['id']} {audit['score']:.2f}{detail}")
    return lost


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per page; the median score is shown (default 1)")
    parser.add_argument("--only", nargs="*", default=None, help="only these page types (templates, e.g. main.html)")
    arguments = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run 'make node-deps' (npm ci)")
    if not Path(CHROMIUM).is_file():
        sys.exit(f"Chromium is not at {CHROMIUM}: run 'make system-deps' or set EXCHANGE_CHROMIUM")

    scratch = Path(tempfile.mkdtemp(prefix="exchange-lighthouse-"))
    try:
        site = arguments.site
        if site is None:
            site = scratch / "site"
            build(site)
        pages = [relative for relative in one_page_of_each_type(site) if arguments.only is None or page_type(site, relative) in arguments.only]
        rows, failures = [], 0
        with serve(site, compress=True) as base:
            for relative in pages:
                url = base.rstrip("/") + page_url(relative)
                runs = [run_lighthouse(url, scratch / f"report-{index}.json") for index in range(arguments.repeat)]
                scores = {name: int(statistics.median(scores_of(run)[name] for run in runs)) for name in CATEGORIES}
                missed = [name for name in CATEGORIES if scores[name] < TARGETS[name]]
                failures += bool(missed)
                language = "cy" if is_welsh_path(relative) else "en"
                rows.append((page_type(site, relative), language, page_url(relative), scores, missed, lost_points(runs[len(runs) // 2])))
                print(f"  {rows[-1][0]:28} {language}  {' '.join(str(scores[name]) for name in CATEGORIES)}", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    print(f"\nLighthouse {json.loads((PROJECT_ROOT / 'node_modules' / 'lighthouse' / 'package.json').read_text())['version']}, mobile profile, "
          f"median of {arguments.repeat} run(s); targets: performance {TARGETS['performance']}, the others 100")
    header = f"{'page type':28} {'lang':4} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}  page"
    print(header)
    print("-" * len(header))
    for template, language, url, scores, missed, lost in rows:
        mark = "  below target: " + ", ".join(missed) if missed else ""
        print(f"{template:28} {language:4} {scores['performance']:>5} {scores['accessibility']:>5} {scores['best-practices']:>5} {scores['seo']:>5}  {url}{mark}")
        for item in lost:
            print(f"{'':34}- {item}")
    print(f"\n{len(rows) - failures} of {len(rows)} page types meet every target")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
