"""Benchmark of the site search on a site with 1,000 case studies (make bench-search).

    .venv/bin/python scripts/bench_search.py [--case-studies 1000] [--keep DIR]

Copies the project into a scratch folder, adds synthetic case studies (each a real one with
a numbered title and a paragraph of words drawn from the site's own pages, so that the index
grows as a real collection would), builds it, serves it on 127.0.0.1 and, in headless
Chromium, for each language:

- transfer: every byte the first search fetches, from focusing the search box to the results
  (compressed: Pagefind's files are gzip already; other files are counted gzipped);
- latency: for a series of queries typed one key at a time once the search has loaded, the
  time from the last keystroke to the results on the page;
- first results (issue 18): on a fresh page with an empty cache, the reader reaches the search
  box and types the first query one key at a time (40 ms a key): the time from the first
  keystroke to the first result on the page, and from the last keystroke to the results for the
  whole query; median and slowest of several runs, for a reader who moves the mouse over the
  box 300 ms before typing (the search starts loading then), for one who tabs to it and types
  at once, and for one who hovers and then pastes the whole query (one keystroke). The bytes fetched from the first hover to the results of the whole query are
  the first-search transfer of a reader typing key by key.

Prints the figures; the limits are 300 KB for the first search and 100 ms for results.
Nothing here reaches another host: the browser's resolver knows no host but 127.0.0.1 (a
command-line rule, which holds up no request, unlike routing each request through Playwright,
which added its round trip to every download of the timed searches), and any request to another
host is counted and fails the benchmark.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("EXCHANGE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# Every host name but 127.0.0.1 resolves to nothing: the browser cannot reach another host.
LOCAL_ONLY = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
TRANSFER_LIMIT = 300 * 1024
LATENCY_LIMIT_MS = 100
FIRST_QUERY = {"en": "personal education plan", "cy": "cynllun addysg personol"}
TYPED_QUERIES = {
    "en": ["looked after children", "PEP", "Cardiff", "transition", "designated person", "governor", "attachment"],
    "cy": ["yng Nghaerdydd", "plant sy'n derbyn gofal", "PDG", "ofalwyr maeth", "pontio", "llywodraethwyr", "hysgolion"],
}
SKIP = {".git", ".venv", "site", "node_modules", ".pytest_cache", "__pycache__"}


def copy_project(destination: Path) -> None:
    shutil.copytree(PROJECT_ROOT, destination, ignore=lambda folder, names: [name for name in names if name in SKIP])
    if (PROJECT_ROOT / "node_modules").is_dir():
        (destination / "node_modules").symlink_to(PROJECT_ROOT / "node_modules")


def words_of(paths: list[Path]) -> list[str]:
    words: list[str] = []
    for path in paths:
        body = path.read_text(encoding="utf-8").split("---", 2)[-1]
        found = re.findall(r"[^\W\d_]{4,}", re.sub(r"\[[^\]]*\]\([^)]*\)|https?://\S+", " ", body))
        words += [word for word in found if word[1:].islower()]  # no initials: the glossary check wants them explained
    return words


def add_case_studies(project: Path, count: int) -> None:
    """count case studies in all: the real ones, then numbered copies with varied text."""
    folder = project / "case_studies"
    real = sorted(path for path in folder.iterdir() if path.is_dir())
    vocabulary = {language: words_of([path / f"{language}.md" for path in real] + sorted((project / "docs" / ("cy" if language == "cy" else "")).rglob("*.md"))) for language in ("en", "cy")}
    chance = random.Random(2017)
    for number in range(count - len(real)):
        source = real[number % len(real)]
        target = folder / f"bench-{number:04d}-{source.name}"[:80]
        target.mkdir()
        for language, suffix in (("en", "benchmark copy"), ("cy", "copi meincnod")):
            text = (source / f"{language}.md").read_text(encoding="utf-8")
            text = re.sub(r"^title: (.*)$", lambda match: f"title: \"{match.group(1).strip(chr(34))} ({suffix} {number})\"", text, count=1, flags=re.M)
            extra = " ".join(chance.choice(vocabulary[language]) for _ in range(80))
            (target / f"{language}.md").write_text(text.rstrip() + f"\n\n## {suffix.capitalize()}\n\n{extra}.\n", encoding="utf-8")


def build(project: Path) -> Path:
    site = project / "site"
    started = time.perf_counter()
    finished = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(site)], cwd=project, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project)},
    )
    if finished.returncode != 0:
        sys.exit("the benchmark site did not build:\n" + finished.stderr[-4000:])
    print(f"built {sum(1 for _ in site.rglob('*.html'))} pages in {time.perf_counter() - started:.0f} s", flush=True)
    return site


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int) -> None:
    for _ in range(100):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    sys.exit(f"the benchmark server did not start on port {port}")


def compressed_size(site: Path, url: str) -> tuple[int, int]:
    path = site / urlsplit(url).path.lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    data = path.read_bytes()
    return len(data), len(data) if data[:2] == b"\x1f\x8b" else len(gzip.compress(data, 6))


TYPE_AND_TIME = """async ([query]) => {
  const input = document.querySelector('#x-search-input');
  const status = document.querySelector('.x-search__status');
  input.value = '';
  let last = 0;
  for (const [index, char] of [...query].entries()) {
    if (index) await new Promise((resolve) => setTimeout(resolve, 40));  // a fast typist
    input.value += char;
    last = performance.now();
    input.dispatchEvent(new Event('input', {bubbles: true}));
  }
  const wanted = '“' + query + '”';
  const deadline = performance.now() + 15000;
  while (!status.textContent.includes(wanted)) {
    if (performance.now() > deadline) return -1;  // never answered: reported as a failure
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  return performance.now() - last;
}"""


FIRST_KEYSTROKE = """async ([query, pause, atOnce]) => {
  const input = document.querySelector('#x-search-input');
  const list = document.querySelector('.x-search__results');
  const status = document.querySelector('.x-search__status');
  input.focus();
  await new Promise((resolve) => setTimeout(resolve, pause));
  const started = performance.now();
  let last = started;
  const typing = (async () => {
    if (atOnce) {  // the whole query in one keystroke (pasted, or chosen from the browser's list)
      input.value = query;
      input.dispatchEvent(new Event('input', {bubbles: true}));
      return;
    }
    for (const [index, char] of [...query].entries()) {
      if (index) await new Promise((resolve) => setTimeout(resolve, 40));
      input.value += char;
      last = performance.now();
      input.dispatchEvent(new Event('input', {bubbles: true}));
    }
  })();
  let first = -1;
  const wanted = '“' + query + '”';
  const deadline = performance.now() + 20000;
  while (!status.textContent.includes(wanted) || first < 0) {
    if (first < 0 && list.querySelector('.x-search__result')) first = performance.now() - started;
    if (performance.now() > deadline) return {first: -1, whole: -1};
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  await typing;
  return {first, whole: performance.now() - last};
}"""
RUNS = 5


def count_other_hosts(context, into: list[str]) -> None:
    """Adds to `into` the address of every request the context makes to a host other than
    127.0.0.1 (which the browser cannot reach: LOCAL_ONLY); the request is not held up."""
    context.on("request", lambda request: into.append(request.url) if urlsplit(request.url).hostname != "127.0.0.1" else None)


def measure_first_results(site: Path, base: str, language: str, runs: int = RUNS) -> dict:
    """First keystroke to first result on a fresh page (see the module docstring)."""
    from playwright.sync_api import sync_playwright

    home = "" if language == "en" else "cy/"
    figures: dict = {"pointer": [], "keyboard": [], "pasted": [], "transfer": None, "external": []}
    with sync_playwright() as playwright:
        # Timed, so no request is held up on its way: other hosts are refused by the browser's
        # own resolver (Playwright's routing would pass every request through this process and
        # add its round trip to each download), and any request to one is counted.
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + [LOCAL_ONLY], headless=True)
        for run in range(runs):
            for reader in ("pointer", "keyboard", "pasted"):
                context = browser.new_context()  # an empty cache each time
                count_other_hosts(context, figures["external"])
                page = context.new_page()
                page.goto(base + home + "guidance/")
                page.wait_for_load_state("load")
                fetched: list[str] = []
                page.on("request", lambda request: fetched.append(request.url))
                if reader != "keyboard":
                    page.hover("#x-search-input")
                    page.wait_for_timeout(300)
                result = page.evaluate(FIRST_KEYSTROKE, [FIRST_QUERY[language], 0, reader == "pasted"])
                figures[reader].append(result)
                if reader == "pointer" and figures["transfer"] is None:
                    sizes = [compressed_size(site, url) for url in dict.fromkeys([base + "javascripts/search.js"] + fetched)]
                    figures["transfer"] = (len(sizes), sum(packed for _, packed in sizes))
                context.close()
        browser.close()
    return figures


def measure(site: Path, base: str, language: str) -> dict:
    from playwright.sync_api import sync_playwright

    home = "" if language == "en" else "cy/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + [LOCAL_ONLY], headless=True)
        context = browser.new_context()
        external: list[str] = []
        count_other_hosts(context, external)
        page = context.new_page()
        page.goto(base + home + "guidance/")
        fetched: list[str] = []
        page.on("request", lambda request: fetched.append(request.url))
        started = time.perf_counter()
        page.fill("#x-search-input", FIRST_QUERY[language])
        try:
            page.wait_for_function("q => document.querySelector('.x-search__status').textContent.includes('“' + q + '”')", arg=FIRST_QUERY[language], timeout=60000)
        except Exception:
            sys.exit(f"[{language}] the first search got no results; the page says: {page.text_content('.x-search__status')!r} ({page.url})")
        first_ms = (time.perf_counter() - started) * 1000
        search_js = base + "javascripts/search.js"
        sizes = [compressed_size(site, url) for url in dict.fromkeys([search_js] + fetched)]
        # Typed once (Pagefind fetches the index chunks of words it has not met yet), then again.
        first_time = [page.evaluate(TYPE_AND_TIME, [query]) for query in TYPED_QUERIES[language]]
        latencies = [page.evaluate(TYPE_AND_TIME, [query]) for query in TYPED_QUERIES[language]]
        browser.close()
    return {
        "requests": len(sizes), "raw": sum(raw for raw, _ in sizes), "compressed": sum(packed for _, packed in sizes),
        "first_search_ms": first_ms, "latencies": latencies, "first_time": first_time, "external": external,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case-studies", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="keep the benchmark project here (default: a scratch folder, removed)")
    parser.add_argument("--site", type=Path, help="measure this already built benchmark site instead of building one")
    arguments = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-search-"))
    project = arguments.keep or scratch / "project"
    try:
        if arguments.site:
            site = arguments.site
        else:
            copy_project(project)
            add_case_studies(project, arguments.case_studies)
            site = build(project)
        # The server runs in its own process: in this one, Playwright's waiting would hold it up.
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_port(port)
        base = f"http://127.0.0.1:{port}/"
        failed = False
        try:
            for language in ("en", "cy"):
                bundle = site / ("" if language == "en" else "cy") / "pagefind"
                figures = measure(site, base, language)
                latencies = sorted(figures["latencies"])
                first_time = sorted(figures["first_time"])
                if min(latencies[0], first_time[0]) < 0:
                    print(f"[{language}] a typed query never got its results")
                    failed = True
                print(f"\n[{language}] index on disk: {sum(path.stat().st_size for path in bundle.rglob('*') if path.is_file()) / 1024:.0f} KB")
                print(f"[{language}] first search: {figures['requests']} requests, {figures['compressed'] / 1024:.1f} KB compressed ({figures['raw'] / 1024:.1f} KB uncompressed), results after {figures['first_search_ms']:.0f} ms")
                print(f"[{language}] results after the last keystroke, words already met (loaded): median {statistics.median(latencies):.1f} ms, slowest {latencies[-1]:.1f} ms over {len(latencies)} typed queries")
                print(f"[{language}] results after the last keystroke, words met for the first time (index chunks fetched): median {statistics.median(first_time):.1f} ms, slowest {first_time[-1]:.1f} ms")
                print(f"[{language}] requests to other hosts: {len(figures['external'])}")
                failed |= figures["compressed"] > TRANSFER_LIMIT or latencies[-1] > LATENCY_LIMIT_MS or bool(figures["external"])
                first = measure_first_results(site, base, language)
                if first["external"]:
                    print(f"[{language}] requests to other hosts while timing first results: {len(first['external'])}")
                    failed = True
                requests, packed = first["transfer"]
                print(f"[{language}] typed key by key on a fresh page ('{FIRST_QUERY[language]}', 40 ms a key): {requests} requests, {packed / 1024:.1f} KB compressed from the first hover to the results")
                for reader, how in (("pointer", "mouse over the box 300 ms before typing"), ("keyboard", "focused and typed at once"),
                                    ("pasted", "mouse over the box 300 ms before, the whole query in one keystroke")):
                    runs = first[reader]
                    if any(run["first"] < 0 for run in runs):
                        print(f"[{language}] {how}: a run never showed results")
                        failed = True
                        continue
                    firsts = sorted(run["first"] for run in runs)
                    wholes = sorted(run["whole"] for run in runs)
                    print(f"[{language}] {how}: first keystroke to first result median {statistics.median(firsts):.0f} ms, slowest {firsts[-1]:.0f} ms;"
                          f" last keystroke to the whole query's results median {statistics.median(wholes):.0f} ms, slowest {wholes[-1]:.0f} ms ({len(runs)} runs)")
        finally:
            server.terminate()
            server.wait()
        print("\nwithin the limits (300 KB, 100 ms, no other host)" if not failed else "\nOVER A LIMIT (300 KB, 100 ms, or another host)")
        sys.exit(1 if failed else 0)
    finally:
        if arguments.keep is None:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
