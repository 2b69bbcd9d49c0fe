#!/usr/bin/env python3
"""How long an editor waits under `make serve`: `scripts/bench_preview.py [--case-studies 1000]`.

Writes a synthetic corpus (exchange/bench/synthetic.py) with that many case studies (and news and
resources in proportion), starts
`mkdocs serve` on it (the site's own configuration, on 127.0.0.1), waits for the first build,
then edits one case study's English title `--repeat` times and, after each edit, times how
long until the served page shows the new title. `make serve` runs `mkdocs serve --dirty`,
which with exchange/pages/preview.py rebuilds only the pages whose files changed; --also-full
measures `mkdocs serve` without --dirty as well (every page rebuilt on each save).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exchange.bench import benchmark  # noqa: E402
from exchange.bench import synthetic  # noqa: E402
from exchange.content.case_studies import ENVIRONMENT_VARIABLE  # noqa: E402

TARGET_SECONDS = 3.0
FIRST_BUILD_TIMEOUT = 900
CHANGE_TIMEOUT = 600


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def wait_for(url: str, text: str, timeout: float, process: subprocess.Popen) -> float | None:
    """Seconds until the page at url contains text (None if the server stopped or timed out)."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if process.poll() is not None:
            return None
        page = fetch(url)
        if page is not None and text in page:
            return time.perf_counter() - started
        time.sleep(0.05)
    return None


def measure(config_file: Path, environment: dict, case_study: Path, slug: str, repeat: int, dirty: bool, log_file: Path) -> tuple[float | None, list[float]]:
    """(seconds to the first page served, seconds from each edit to the new title on the page)."""
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--strict", "-f", str(config_file), "--dev-addr", f"127.0.0.1:{port}"] + (["--dirty"] if dirty else [])
    page_url = f"http://127.0.0.1:{port}/case-studies/{slug}/"
    english = case_study / "en.md"
    original = english.read_text(encoding="utf-8")
    title = re.search(r"^title: (.*)$", original, re.MULTILINE).group(1).strip().strip("'\"")
    with log_file.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environment, cwd=config_file.parent, start_new_session=True)
        try:
            first = wait_for(page_url, title, FIRST_BUILD_TIMEOUT, process)
            waits: list[float] = []
            if first is None:
                return None, waits
            time.sleep(2)  # let the watcher settle after the first build
            for attempt in range(1, repeat + 1):
                marker = f"{title} (edit {attempt} {'dirty' if dirty else 'full'})"
                english.write_text(original.replace(f"title: {title}", f"title: {marker}", 1) if f"title: {title}" in original
                                   else re.sub(r"^title: .*$", f"title: '{marker}'", original, count=1, flags=re.MULTILINE), encoding="utf-8")
                waited = wait_for(page_url, marker, CHANGE_TIMEOUT, process)
                if waited is None:
                    break
                waits.append(waited)
                print(f"  {'--dirty ' if dirty else ''}edit {attempt}/{repeat}: the page showed it after {waited:.1f} s", file=sys.stderr, flush=True)
                time.sleep(1)
            return first, waits
        finally:
            english.write_text(original, encoding="utf-8")
            os.killpg(process.pid, signal.SIGTERM)  # the server and only it: its own session
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case-studies", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3, help="edits to time (default 3)")
    parser.add_argument("--also-full", action="store_true", help="also measure `mkdocs serve` without --dirty (every page rebuilt on each save)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (corpus, config, server logs)")
    arguments = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="exchange-preview-"))
    print(f"work folder: {work}", file=sys.stderr)
    failed = False
    try:
        docs = benchmark.snapshot_docs(work)
        corpus_environment = synthetic.write_corpus(work / "corpus", synthetic.corpus_sizes(arguments.case_studies))
        folder = Path(corpus_environment[ENVIRONMENT_VARIABLE])
        slugs = benchmark.case_study_slugs(folder)
        slug = next((name for name in slugs if name.startswith("synthetic-")), slugs[0])
        config = benchmark.build_config("site", docs, work / "unused-site", slugs)
        config_file = benchmark.write_config(work / "mkdocs.yml", config)
        environment = benchmark.build_environment(corpus_environment)
        print(f"\nPreview under `mkdocs serve`, {arguments.case_studies} case studies in both languages; editing case_studies/{slug}/en.md")
        for dirty in ([True, False] if arguments.also_full else [True]):
            first, waits = measure(config_file, environment, folder / slug, slug, arguments.repeat, dirty, work / f"serve{'-dirty' if dirty else ''}.log")
            name = "make serve (mkdocs serve --dirty)" if dirty else "mkdocs serve without --dirty"
            if first is None or not waits:
                failed = True
                print(f"{name}: the change never showed (see {work}/serve*.log; run with --keep)")
                continue
            median = statistics.median(waits)
            print(f"{name}: first page after {first:.1f} s; an edit shows after {median:.1f} s (median of {len(waits)}: "
                  f"{', '.join(f'{wait:.1f}' for wait in waits)} s); target {TARGET_SECONDS:.0f} s: {'met' if median <= TARGET_SECONDS else 'NOT met'}")
            failed |= median > TARGET_SECONDS
    finally:
        if not arguments.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
