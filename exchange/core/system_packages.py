"""The programs from outside Python and npm that some commands need, and how to get them.

`make build` and `make serve` need none of them (only Python, Node/npm and Git). `make check`
needs Hunspell with its British English dictionary (the Welsh spell check) and Java (the Nu
HTML Checker); `make test` needs those, Chromium (the browser tests) and OASIS's XLIFF 1.2
schema (the translation package's test; Debian ships it in php-symfony-translation). Where a program is
missing, this module installs it with apt-get when it can (root on Debian or Ubuntu, as in CI)
and otherwise says, for Debian/Ubuntu, macOS and Fedora, which package to install, and which
command needs it. Only the standard library: it runs before anything else is set up.

    python -m exchange.core.system_packages build       # make build, make serve (never installs)
    python -m exchange.core.system_packages check       # make check
    python -m exchange.core.system_packages test        # make test
    python -m exchange.core.system_packages test-fast   # make test-fast (no browser)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence, TextIO


@dataclass(frozen=True)
class Need:
    """One program, how to tell it is there, and its package on each system."""

    name: str
    why: str
    present: Callable[[], bool]
    debian: str
    brew: str
    fedora: str


def _program(name: str) -> Callable[[], bool]:
    return lambda: shutil.which(name) is not None


def _english_dictionary() -> bool:
    folders = [Path(folder) for folder in os.environ.get("DICPATH", "").split(os.pathsep) if folder]
    folders += [Path("/usr/share/hunspell"), Path("/usr/local/share/hunspell"), Path("/opt/homebrew/share/hunspell"),
                Path.home() / "Library" / "Spelling"]
    return any((folder / "en_GB.dic").is_file() for folder in folders)


HUNSPELL = Need("hunspell", "the Welsh spell check (scripts/check_translations.py)", _program("hunspell"),
                "hunspell", "hunspell", "hunspell")
ENGLISH_DICTIONARY = Need("British English dictionary for Hunspell (en_GB)", "the Welsh spell check, to tell English left on a Welsh page",
                          _english_dictionary, "hunspell-en-gb", "", "hunspell-en-GB")
MAC_DICTIONARY_NOTE = "put en_GB.dic and en_GB.aff (LibreOffice's British English dictionary) in ~/Library/Spelling"
JAVA = Need("java", "the Nu HTML Checker (scripts/check_html.py)", _program("java"),
            "default-jre-headless", "openjdk", "java-21-openjdk-headless")
CHROMIUM = Need("chromium", "the browser tests (tests marked 'browser')", lambda: Path(os.environ.get("EXCHANGE_CHROMIUM", "/usr/bin/chromium")).is_file(),
                "chromium", "--cask chromium", "chromium")



# OASIS's own schema for XLIFF 1.2 (xliff-core-1.2-strict.xsd, beside the xml.xsd it imports),
# which the translation package's test validates against. No Python or npm package ships it;
# Debian's php-symfony-translation does (Symfony validates XLIFF files with it). Elsewhere:
# download it from OASIS and set EXCHANGE_XLIFF_SCHEMA to its path.
XLIFF_SCHEMA_URL = "https://docs.oasis-open.org/xliff/v1.2/os/xliff-core-1.2-strict.xsd"
DEBIAN_XLIFF_SCHEMA = Path("/usr/share/php/Symfony/Component/Translation/Resources/schemas/xliff-core-1.2-strict.xsd")


def xliff_schema() -> Path:
    """Where OASIS's XLIFF 1.2 strict schema is on this machine (it may not be there)."""
    chosen = os.environ.get("EXCHANGE_XLIFF_SCHEMA")
    return Path(chosen) if chosen else DEBIAN_XLIFF_SCHEMA


XLIFF_SCHEMA = Need("OASIS's XLIFF 1.2 schema (xliff-core-1.2-strict.xsd)", "the translation package's test (tests/welsh/test_translation_package.py)",
                    lambda: xliff_schema().is_file(), "php-symfony-translation", "", "")
XLIFF_SCHEMA_NOTE = (f"download {XLIFF_SCHEMA_URL} and, beside it, https://www.w3.org/2001/xml.xsd, then set"
                     " EXCHANGE_XLIFF_SCHEMA to the first one's path")

NPM = Need("npm", "the Welsh dictionary the search index reads (npm dictionary-cy) and the HTML checker", _program("npm"),
           "npm", "node", "nodejs-npm")

# What each command needs, and whether it may install it (only the checks and the tests do:
# `make build` and `make serve` never ask for root).
NEEDS = {
    "build": [NPM],
    "check": [NPM, HUNSPELL, ENGLISH_DICTIONARY, JAVA],
    "test": [NPM, HUNSPELL, ENGLISH_DICTIONARY, JAVA, CHROMIUM, XLIFF_SCHEMA],
    "test-fast": [NPM, HUNSPELL, ENGLISH_DICTIONARY, JAVA, XLIFF_SCHEMA],
}
INSTALLS = {"build": False, "check": True, "test": True, "test-fast": True}
COMMANDS = {"build": "make build", "check": "make check", "test": "make test", "test-fast": "make test-fast"}


def missing(needs: Sequence[Need]) -> list[Need]:
    return [need for need in needs if not need.present()]


def can_install() -> bool:
    """apt-get is there and we are root (CI, a dev container, a Debian machine as root)."""
    return shutil.which("apt-get") is not None and hasattr(os, "geteuid") and os.geteuid() == 0


def advice(needs: Sequence[Need], command: str, installs: bool = True) -> str:
    """What to install, on each system, for `command`: a message in plain words."""
    how = "they cannot be installed automatically (that needs apt-get and root)" if installs else "it does not install system packages"
    lines = [f"`{command}` needs programs that are not installed here, and {how}:"]
    for need in needs:
        lines.append(f"  - {need.name}: for {need.why}")
    lines += [
        "Install them with your system's package manager, then run the command again:",
        "  Debian/Ubuntu: sudo apt-get install " + " ".join(need.debian for need in needs),
        "  macOS (Homebrew): " + _brew(needs),
        "  Fedora: " + _dnf(needs),
    ]
    if NPM not in needs:
        lines.append("`make build` and `make serve` do not need them: you can still build and preview the site.")
    return "\n".join(lines)


def _dnf(needs: Sequence[Need]) -> str:
    packages = [need.fedora for need in needs if need.fedora]
    parts = [f"sudo dnf install {' '.join(packages)}"] if packages else []
    if XLIFF_SCHEMA in needs:
        parts.append(XLIFF_SCHEMA_NOTE)
    return "; ".join(parts)


def _brew(needs: Sequence[Need]) -> str:
    formulas = [need.brew for need in needs if need.brew and not need.brew.startswith("--cask")]
    casks = [need.brew for need in needs if need.brew.startswith("--cask")]
    parts = [f"brew install {' '.join(formulas)}"] if formulas else []
    parts += [f"brew install {cask}" for cask in casks]
    if ENGLISH_DICTIONARY in needs:
        parts.append(MAC_DICTIONARY_NOTE)
    if XLIFF_SCHEMA in needs:
        parts.append(XLIFF_SCHEMA_NOTE)
    return "; ".join(parts)


def ensure(target: str, out: TextIO | None = None, run: Callable[..., subprocess.CompletedProcess] = subprocess.run) -> int:
    """Install what `target` needs with apt-get when possible; otherwise explain. 0: ready."""
    out = out if out is not None else sys.stdout
    absent = missing(NEEDS[target])
    if not absent:
        return 0
    if not (INSTALLS[target] and can_install()):
        print(advice(absent, COMMANDS[target], INSTALLS[target]), file=out)
        return 1
    packages = [need.debian for need in absent]
    print("Installing Debian packages: " + " ".join(packages), file=out, flush=True)
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", *packages]):
        if run(command, env=environment, stdout=subprocess.DEVNULL).returncode != 0:
            print(f"`{' '.join(command)}` failed.\n" + advice(absent, COMMANDS[target], True), file=out)
            return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if len(arguments) != 1 or arguments[0] not in NEEDS:
        print(f"usage: python -m exchange.core.system_packages {{{','.join(NEEDS)}}}", file=sys.stderr)
        return 2
    return ensure(arguments[0])


if __name__ == "__main__":
    sys.exit(main())
