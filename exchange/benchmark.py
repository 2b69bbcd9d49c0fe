"""Building the site from a synthetic corpus, timed: the pieces `make bench` and the preview
benchmark share.

A benchmark builds a copy of mkdocs.yml in a work folder (paths made absolute, the site
written there), with a snapshot of docs/ so that edits made while it runs do not change the
figures, and the collections pointed at a generated corpus (exchange/synthetic.py).

Two ways of building the same corpus:
- "site": this site as it is configured (case studies out of the navigation, no built-in
  search plugin);
- "default": the stack's default way, for comparison: every case study listed in the
  navigation, and Material's built-in (lunr) search with mkdocs-static-i18n merging the two
  languages' indexes.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.utils import yaml_load

from exchange import PROJECT_ROOT

VARIANTS = ("site", "default")
CASE_STUDIES_SECTION = "Case studies"


@dataclass(frozen=True)
class BuildRun:
    seconds: float
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
    return BuildRun(seconds, usage.ru_maxrss * 1024, process.returncode, log_file.read_text(encoding="utf-8"))


def case_study_slugs(folder: Path) -> list[str]:
    return sorted(child.name for child in folder.iterdir() if child.is_dir())
