"""The command line shared by every checker: arguments, output format, exit status."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable, Iterable

from exchange.core.problems import Problem, format_problems, has_errors


def run_checker(what: str, check: Callable[[list[Path]], Iterable[Problem]], argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=f"Check {what}. Prints 'path:line: message' for each problem.")
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders to check (default: all)")
    parser.add_argument("--format", choices=["text", "json"], default="text", help="json gives one object per problem, for CI annotations")
    arguments = parser.parse_args(argv)
    missing = [path for path in arguments.paths if not path.exists()]
    if missing:
        for path in missing:
            print(f"{path}:1: no such file or folder", file=sys.stderr)
        return 2
    try:
        problems = list(check(arguments.paths))
    except Exception as error:  # a bug of ours must still not show an editor a traceback
        print(f"The {what} check itself failed ({type(error).__name__}: {error}). Please report this to the site's maintainers.", file=sys.stderr)
        return 3
    output = format_problems(problems, arguments.format)
    if output:
        print(output)
    errors = sum(problem.severity == "error" for problem in problems)
    warnings = len(problems) - errors
    if arguments.format == "text":
        print(f"{what}: {errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if has_errors(problems) else 0
