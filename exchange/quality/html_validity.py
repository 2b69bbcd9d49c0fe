"""Every built page is valid HTML (the Nu HTML Checker, npm's vnu-jar) and every page title is
unique within its language, so that readers and search engines can tell pages apart."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from bs4 import BeautifulSoup

from exchange import PROJECT_ROOT
from exchange.quality.links import page_address, site_pages, source_of_page
from exchange.core.problems import Problem, display_path

VNU_JAR = PROJECT_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


class ValidatorUnavailable(RuntimeError):
    """Java or the checker is missing: a setup problem, not an invalid page."""


def validator_command() -> list[str]:
    java = shutil.which("java")
    if java is None:
        raise ValidatorUnavailable("Java is not installed: run `make system-deps` (Debian's default-jre-headless)")
    if not VNU_JAR.is_file():
        raise ValidatorUnavailable("the Nu HTML Checker is not installed: run `make node-deps` (npm's vnu-jar, pinned in package-lock.json)")
    return [java, "-Xss4m", "-jar", str(VNU_JAR)]


def check_html_validity(site: Path) -> list[Problem]:
    """Every error the Nu HTML Checker finds in the built pages, at the page and line it is on.

    Its warnings and notes ("info" messages) are advice, not invalid HTML, and are not reported.
    """
    site = Path(site).resolve()
    pages = site_pages(site)
    if not pages:
        return [Problem(display_path(site), 1, "no HTML pages here: build the site first with `make build`")]
    completed = subprocess.run([*validator_command(), "--format", "json", "--exit-zero-always", *map(str, pages)], capture_output=True, text=True)
    try:
        messages = json.loads(completed.stderr)["messages"]
    except (json.JSONDecodeError, KeyError) as error:
        raise ValidatorUnavailable(f"the Nu HTML Checker did not give a report ({error}): {completed.stderr.strip()[:300]}") from error
    problems = []
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        url = message.get("url", "")
        page = Path(url.removeprefix("file:")) if url.startswith("file:") else site
        source = source_of_page(site, page) if page != site else None
        built_from = f" (page {page_address(site, page)}, built from {display_path(source)})" if source else ""
        extract = " ".join((message.get("extract") or "").split())
        near = f" near: {extract[:120]}" if extract else ""
        problems.append(Problem(display_path(page), int(message.get("lastLine") or 1), f"invalid HTML{built_from}: {message['message']}{near}"))
    return problems


def check_unique_titles(site: Path) -> list[Problem]:
    """No two pages of one language share a <title>: the title names the page in tabs, history and search."""
    site = Path(site).resolve()
    seen: dict[tuple[str, str], Path] = {}
    problems = []
    for page in site_pages(site):
        if page.name == "404.html":
            continue
        language = "cy" if page.relative_to(site).parts[0] == "cy" else "en"
        title_tag = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").title
        title = title_tag.get_text(strip=True) if title_tag else ""
        source = source_of_page(site, page)
        fix_in = display_path(source) if source else "its front matter"
        if not title:
            problems.append(Problem(display_path(page), 1, f"the page has no <title>: give it a 'title' in {fix_in}", field="title"))
            continue
        other = seen.setdefault((language, title), page)
        if other != page:
            problems.append(Problem(display_path(page), 1, f"the title '{title}' is also the title of {page_address(site, other)}: give each page its own title in {fix_in}", field="title"))
    return problems


def check_built_pages(site: Path) -> list[Problem]:
    return check_html_validity(site) + check_unique_titles(site)

