"""Fixtures shared by every test module: one strict build of the site per session, a local
web server for it, and Debian's Chromium driven by Playwright.

- `built_site`: the site built once with `mkdocs build --strict` into a temporary folder
  (a failed build fails the tests that need it, with MkDocs's own messages).
- `site_server`: that folder served on 127.0.0.1 on a free port; the base URL, ending in "/".
- `browser`: a headless Chromium (Debian's, /usr/bin/chromium, installed by `make test`);
  set EXCHANGE_CHROMIUM to use another binary. Tests that use it are marked `browser`.
- `browser_page`: a fresh tab in a fresh profile that refuses every request to a host other
  than 127.0.0.1 and lists them in `page.external_requests` (the site promises none).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest

from exchange import PROJECT_ROOT
from exchange.bench.benchmark import serve

CHROMIUM = os.environ.get("EXCHANGE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def build_site(destination: Path, environment: dict[str, str] | None = None, config: Path | None = None) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` into destination; returns the finished process."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(destination)]
    if config is not None:
        command += ["-f", str(config)]
    return subprocess.run(
        command, cwd=PROJECT_ROOT, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(environment or {})},
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("built") / "site"
    result = build_site(site)
    if result.returncode != 0:
        messages = [line for line in (result.stderr + result.stdout).splitlines() if not line.startswith("  - ")]
        pytest.fail("mkdocs build --strict failed:\n" + "\n".join(messages[-40:]), pytrace=False)
    return site


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> Iterator[str]:
    # The same local server the benchmarks use (exchange.benchmark.serve).
    with serve(built_site) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"Chromium is not at {CHROMIUM}: run 'make system-deps' (Debian's chromium) or set EXCHANGE_CHROMIUM", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def browser_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    external: list[str] = []

    def only_this_machine(route):
        if urlsplit(route.request.url).hostname in ("127.0.0.1", None) or route.request.url.startswith(("blob:", "data:")):
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    context.route("**/*", only_this_machine)
    page = context.new_page()
    page.external_requests = external
    try:
        yield page
    finally:
        context.close()
