"""One shape for every problem a check finds, and one way of printing it."""

from __future__ import annotations

import functools
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    field: str = ""
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}: {prefix}{self.message}"


def display_path(path: Path | str) -> str:
    """A path as an editor sees it: relative to the current folder when it can be."""
    return _display_path(str(path), os.getcwd())


@functools.lru_cache(maxsize=8192)  # a build asks for the same few thousand paths many times
def _display_path(path: str, cwd: str) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path(cwd).resolve()))
    except ValueError:
        return path


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(problem.severity == "error" for problem in problems)


def format_problems(problems: Iterable[Problem], output_format: str = "text") -> str:
    problems = sorted(problems)
    if output_format == "json":
        return json.dumps([asdict(problem) for problem in problems], ensure_ascii=False, indent=2)
    return "\n".join(str(problem) for problem in problems)
