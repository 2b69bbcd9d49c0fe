"""Building the site from a synthetic corpus, timed: the pieces `make bench` and the preview
benchmark share.

A benchmark builds a copy of mkdocs.yml in a work folder (paths made absolute, the site
written there), with a snapshot of docs/ so that edits made while it runs do not change the
figures, and the collections pointed at a generated corpus (exchange/bench/synthetic.py).

Two ways of building the same corpus:
- "site": this site as it is configured (case studies out of the navigation, no built-in
  search plugin);
- "default": the stack's default way, for comparison: every case study listed in the
  navigation, and Material's built-in (lunr) search, with mkdocs-static-i18n merging the two
  languages' indexes, instead of our Pagefind search hook.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import yaml
from mkdocs.utils import yaml_load

from exchange import PROJECT_ROOT
from exchange.quality.page_weight import ALREADY_COMPRESSED, GZIP_LEVEL

VARIANTS = ("site", "default")
CASE_STUDIES_SECTION = "Case studies"
SEARCH_HOOK = "exchange/hooks/search.py"  # ours (Pagefind); the default way has Material's instead
SEARCH_BENCHMARK = PROJECT_ROOT / "scripts" / "bench_search.py"  # measures a first search in a browser


@dataclass(frozen=True)
class BuildRun:
    seconds: float  # wall-clock time, start to exit
    cpu_seconds: float  # user + system time of the build and the processes it waited for (less noisy on a busy machine)
    peak_memory_bytes: int  # the build process's largest resident set
    returncode: int
    log: str


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def snapshot_docs(work: Path) -> Path:
    """A copy of docs/ in the work folder: the figures do not move with other people's edits."""
    target = work / "docs"
    if not target.exists():
        shutil.copytree(PROJECT_ROOT / "docs", target)
    return target


def _absolute(path: str) -> str:
    return str((PROJECT_ROOT / path).resolve()) if not Path(path).is_absolute() else path


def build_config(variant: str, docs_dir: Path, site_dir: Path, case_study_slugs: list[str], strict: bool = True) -> dict:
    """mkdocs.yml with absolute paths, for one variant (see the module's docstring)."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant '{variant}': use one of {', '.join(VARIANTS)}")
    with (PROJECT_ROOT / "mkdocs.yml").open(encoding="utf-8") as handle:
        config = yaml_load(handle)
    config["docs_dir"] = str(docs_dir)
    config["site_dir"] = str(site_dir)
    config["strict"] = strict
    config["theme"]["custom_dir"] = _absolute(config["theme"]["custom_dir"])
    config["hooks"] = [_absolute(hook) for hook in config.get("hooks", [])]
    if variant == "default":
        config["hooks"] = [hook for hook in config["hooks"] if not hook.endswith(SEARCH_HOOK)]
        plugins = []
        for plugin in config["plugins"]:
            if isinstance(plugin, dict) and "i18n" in plugin:
                plugin = {"i18n": {**plugin["i18n"], "reconfigure_search": True}}
            plugins.append(plugin)
        config["plugins"] = ["search", *plugins]
        pages = [f"case-studies/{slug}/index.md" for slug in case_study_slugs]
        for item in config["nav"]:
            if isinstance(item, dict) and CASE_STUDIES_SECTION in item:
                item[CASE_STUDIES_SECTION] = [*item[CASE_STUDIES_SECTION], *pages]
                break
        else:
            config["nav"].append({CASE_STUDIES_SECTION: pages})
    return config


def write_config(path: Path, config: dict) -> Path:
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build_environment(corpus_environment: dict[str, str]) -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", **corpus_environment}


def run_build(config_file: Path, environment: dict[str, str], clean_dir: Path | None = None) -> BuildRun:
    """One `mkdocs build` from clean, timed from start to exit, with the process's peak memory."""
    if clean_dir is not None and clean_dir.exists():
        shutil.rmtree(clean_dir)
    log_file = config_file.with_suffix(".log")
    with log_file.open("w", encoding="utf-8") as log:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--clean", "-f", str(config_file)],
            stdout=log, stderr=subprocess.STDOUT, env=environment, cwd=config_file.parent,
        )
        # wait4 gives this child's own resource use (getrusage(RUSAGE_CHILDREN) would mix builds).
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return BuildRun(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, process.returncode, log_file.read_text(encoding="utf-8"))


def case_study_slugs(folder: Path) -> list[str]:
    return sorted(child.name for child in folder.iterdir() if child.is_dir())


# ---------------------------------------------------------------- serving and searching


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *arguments) -> None:
        pass


class _CompressingHandler(_QuietHandler):
    """Sends text gzipped, as a real host does (the same level page_weight counts), so that
    Lighthouse sees the transfer sizes a reader would."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the redirect to the address with a slash
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not accepts_gzip or not path.is_file() or path.suffix.lower() in ALREADY_COMPRESSED:
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(site_dir: Path, compress: bool = False) -> Iterator[str]:
    """The built site on http://127.0.0.1:<free port>/ while the block runs (text gzipped if `compress`)."""
    handler = _CompressingHandler if compress else _QuietHandler
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def lunr_first_search_bytes(site_dir: Path) -> int | None:
    """Material's built-in search: its worker and the whole index, fetched on a first search."""
    from exchange.quality.page_weight import transfer_sizes

    index = site_dir / "search" / "search_index.json"
    workers = sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if not index.is_file() or not workers:
        return None
    return sum(transfer_sizes(path)[1] for path in [index, workers[0]])


def pagefind_first_search_bytes(site_dir: Path) -> tuple[dict[str, int] | None, str]:
    """What a first search fetches on this site, per language, measured in Chromium by the
    search benchmark (scripts/bench_search.py, the search feature's own), if it is there."""
    if not SEARCH_BENCHMARK.is_file():
        return None, "not available yet: scripts/bench_search.py (the search feature) is missing"
    try:
        spec = importlib.util.spec_from_file_location("exchange_bench_search", SEARCH_BENCHMARK)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        measure = module.measure
    except Exception as error:  # another feature's script: report, do not stop the benchmark
        return None, f"not available: scripts/bench_search.py could not be loaded ({type(error).__name__}: {error})"
    figures: dict[str, int] = {}
    notes: list[str] = []
    with serve(site_dir) as base:
        for language in ("en", "cy"):
            try:
                result = measure(site_dir, base, language)
            except Exception as error:
                return None, f"not available: the search benchmark failed ({type(error).__name__}: {str(error)[:300]})"
            figures[language] = result["compressed"]
            notes.append(f"{language} {result['requests']} requests, {result['compressed'] / 1024:.1f} KB, results after {result['first_search_ms']:.0f} ms"
                         + (f", {len(result['external'])} requests to other hosts" if result["external"] else ""))
    return figures, "first search (Pagefind, measured in Chromium by scripts/bench_search.py): " + "; ".join(notes)


def first_search_bytes(site_dir: Path, variant: str) -> tuple[int | None, str]:
    """The compressed bytes of a first search (the larger language's), and a note."""
    if variant == "default":
        size = lunr_first_search_bytes(site_dir)
        return size, "first search (lunr): the search worker and the whole index, both languages in one"
    figures, note = pagefind_first_search_bytes(site_dir)
    return (max(figures.values()) if figures else None), note
