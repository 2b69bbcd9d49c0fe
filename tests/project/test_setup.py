"""Setting up on any computer (issue 14; issue 13's supply chain): Python 3.11 or newer, every
package installed with its hashes from a lock that agrees with requirements.in, and `make
build` with no system package (no apt-get, Hunspell or Java), while the checks say plainly,
for Debian/Ubuntu, macOS and Fedora, what to install."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from exchange import PROJECT_ROOT
from exchange.core import system_packages

REQUIREMENTS_IN = PROJECT_ROOT / "requirements.in"
LOCK = PROJECT_ROOT / "requirements.txt"
MAKEFILE = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked() -> dict[str, list[tuple[str, str, list[str]]]]:
    """requirements.txt: name -> [(version, marker, hashes)]."""
    entries: dict[str, list] = {}
    text = LOCK.read_text(encoding="utf-8").replace("\\\n", " ")
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", line)
        requirement = Requirement(re.sub(r"\s*--hash=\S+", "", line))
        (specifier,) = requirement.specifier
        assert specifier.operator == "==", line
        entries.setdefault(normalise(requirement.name), []).append((specifier.version, str(requirement.marker or ""), hashes))
    return entries


def wanted() -> list[Requirement]:
    lines = [line.split("#", 1)[0].strip() for line in REQUIREMENTS_IN.read_text(encoding="utf-8").splitlines()]
    return [Requirement(line) for line in lines if line]


# ------------------------------------------------------------------ the lock


def test_every_locked_package_is_pinned_with_hashes():
    entries = locked()
    assert len(entries) > 50
    for name, versions in entries.items():
        for version, _marker, hashes in versions:
            assert hashes, f"{name}=={version} has no --hash"


def test_the_lock_is_in_step_with_requirements_in():
    """Every package of requirements.in is in requirements.txt at the version asked for (for
    the same Pythons): otherwise run `make lock`."""
    entries = locked()
    for requirement in wanted():
        name = normalise(requirement.name)
        assert name in entries, f"{requirement.name} is in requirements.in but not in requirements.txt: run `make lock`"
        (specifier,) = requirement.specifier
        versions = [version for version, marker, _ in entries[name]
                    if not requirement.marker or not marker or _same_pythons(str(requirement.marker), marker)]
        assert specifier.version in versions, f"{requirement.name}: requirements.in asks for {specifier}, requirements.txt has {versions}: run `make lock`"
    for extra_name in ("pagefind-bin",):  # pagefind[bin]
        assert extra_name in entries


def _same_pythons(asked: str, locked_marker: str) -> bool:
    numbers = lambda text: re.findall(r"[<>=]+\s*['\"]([\d.]+)['\"]", text)  # noqa: E731
    return numbers(asked) == numbers(locked_marker)


def test_packages_are_installed_with_their_hashes_and_the_project_without_dependencies():
    recipe = MAKEFILE[MAKEFILE.index("$(STAMP): requirements.txt"):MAKEFILE.index("setup: $(STAMP)")]
    assert "pip install --quiet --require-hashes --no-deps -r requirements.txt" in recipe
    assert "--no-deps --no-build-isolation -e ." in recipe
    assert "--upgrade" not in recipe  # nothing from the registry that is not in the lock
    assert "uv pip compile requirements.in --universal" in MAKEFILE and "--generate-hashes" in MAKEFILE


def test_npm_packages_come_from_the_lock():
    assert re.search(r"^\tnpm ci ", MAKEFILE, flags=re.M) and "npm install" not in MAKEFILE


# ------------------------------------------------------------------ the Python version


def test_python_3_11_and_newer_are_accepted():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["requires-python"] == ">=3.11"


def fake_python(folder: Path, version: tuple[int, int, int]) -> Path:
    """A `python` that reports an older version to the scripts it runs."""
    path = folder / "python-old"
    path.write_text(
        "#!/bin/sh\n"
        f"exec {sys.executable} -c \"import sys; sys.version_info = {version + ('final', 0)!r}; "
        "sys.argv = sys.argv[1:]; exec(compile(open(sys.argv[0]).read(), sys.argv[0], 'exec'))\" \"$@\"\n",
        encoding="utf-8")
    path.chmod(0o755)
    return path


@pytest.mark.parametrize("version, accepted", [((3, 10, 12), False), ((3, 8, 18), False), ((3, 11, 0), True), ((3, 12, 3), True), ((3, 13, 1), True)])
def test_the_version_check_accepts_3_11_and_newer_and_explains_otherwise(tmp_path, version, accepted):
    result = subprocess.run([str(fake_python(tmp_path, version)), str(PROJECT_ROOT / "scripts" / "check_python.py")], capture_output=True, text=True)
    assert (result.returncode == 0) == accepted, result.stderr
    if not accepted:
        assert "needs Python 3.11 or newer, and" in result.stderr and f"Python {'.'.join(map(str, version))}" in result.stderr
        assert "PYTHON=python3.13" in result.stderr and "Traceback" not in result.stderr


def test_make_setup_stops_an_old_python_with_the_message_and_makes_nothing(tmp_path):
    venv = tmp_path / "venv"
    result = subprocess.run(["make", "--no-print-directory", "setup", f"PYTHON={fake_python(tmp_path, (3, 10, 12))}", f"VENV={venv}"],
                            cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode != 0
    assert "needs Python 3.11 or newer" in result.stderr
    assert not venv.exists()


# ------------------------------------------------------------------ no system packages to build


@pytest.fixture
def bare_path(tmp_path) -> str:
    """A PATH with make and a shell, and no apt-get, Hunspell, Java or npm."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for tool in ("make", "sh", "bash", "env", "dirname", "rm", "mkdir", "touch", "cat"):
        found = shutil.which(tool)
        if found:
            (folder / tool).symlink_to(found)
    for absent in ("apt-get", "hunspell", "java", "npm", "chromium"):
        assert not (folder / absent).exists()
    return str(folder)


def bare_environment(path: str) -> dict[str, str]:
    return {"PATH": path, "HOME": os.environ.get("HOME", "/tmp"), "NO_MKDOCS_2_WARNING": "1",
            "EXCHANGE_CHROMIUM": "/nonexistent/chromium"}


def test_make_build_needs_no_system_package(bare_path):
    """The real `make build` (strict), with only make and a shell on the PATH: it neither asks
    for nor tries to install a system package (npm's packages are already installed here)."""
    if not (PROJECT_ROOT / "node_modules" / ".installed").is_file():
        pytest.skip("node_modules not installed (make node-deps)")
    result = subprocess.run(["make", "--no-print-directory", "build"], cwd=PROJECT_ROOT, capture_output=True, text=True, env=bare_environment(bare_path))
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "apt-get" not in result.stdout + result.stderr
    assert "Documentation built" in result.stderr


@pytest.mark.parametrize("target, command", [("check-deps", "make check"), ("system-deps", "make test")])
def test_the_checks_name_what_to_install_on_each_system_when_they_cannot_install_it(bare_path, target, command):
    result = subprocess.run(["make", "--no-print-directory", target], cwd=PROJECT_ROOT, capture_output=True, text=True, env=bare_environment(bare_path))
    assert result.returncode != 0
    message = result.stdout
    assert f"`{command}` needs programs that are not installed here" in message
    assert "Debian/Ubuntu: sudo apt-get install npm hunspell" in message and "default-jre-headless" in message
    assert "macOS (Homebrew): brew install node hunspell openjdk" in message
    assert "Fedora: sudo dnf install nodejs-npm hunspell java-21-openjdk-headless" in message
    assert ("chromium" in message) == (target == "system-deps")
    assert "Traceback" not in result.stderr


def test_build_without_npm_says_what_to_install_and_never_installs(monkeypatch, capsys):
    monkeypatch.setenv("PATH", "/nonexistent")
    ran = []
    assert system_packages.ensure("build", run=lambda *a, **k: ran.append(a)) == 1
    out = capsys.readouterr().out
    assert "`make build` needs programs that are not installed here, and it does not install system packages" in out
    assert "apt-get install npm" in out and "brew install node" in out and "dnf install nodejs-npm" in out
    assert ran == []


def test_the_checks_install_with_apt_get_as_root(monkeypatch, tmp_path):
    """With apt-get and root (CI, the dev container), what is missing is installed."""
    monkeypatch.setenv("PATH", str(tmp_path))
    (tmp_path / "apt-get").write_text("#!/bin/sh\n", encoding="utf-8")
    (tmp_path / "apt-get").chmod(0o755)
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    commands = []

    def run(command, **_):
        commands.append(command)
        return subprocess.CompletedProcess(command, 0)

    assert system_packages.ensure("check", run=run, out=open(os.devnull, "w")) == 0
    assert commands[0] == ["apt-get", "update", "-qq"]
    assert commands[1][:4] == ["apt-get", "install", "-y", "-qq"] and {"npm", "hunspell", "default-jre-headless"} <= set(commands[1])


# ------------------------------------------------------------------ the dev container


def test_the_dev_container_previews_the_site_on_a_forwarded_port():
    import json

    container = json.loads((PROJECT_ROOT / ".devcontainer" / "devcontainer.json").read_text(encoding="utf-8"))
    assert re.match(r"mcr\.microsoft\.com/devcontainers/python:3\.1[1-3]-", container["image"])
    assert any("features/node" in feature for feature in container["features"])
    assert container["forwardPorts"] == [8000]
    assert container["postStartCommand"] == "make serve DEV_ADDR=0.0.0.0:8000"
    assert "make setup" in container["postCreateCommand"]
    # make serve listens where the forwarded port reaches it; 127.0.0.1 stays the default.
    def serve_command(*arguments: str) -> str:
        result = subprocess.run(["make", "-n", "--no-print-directory", "serve", *arguments], cwd=PROJECT_ROOT, capture_output=True, text=True)
        return next(line for line in result.stdout.splitlines() if "mkdocs serve" in line)
    assert serve_command("DEV_ADDR=0.0.0.0:8000").endswith("--dev-addr 0.0.0.0:8000")
    assert serve_command().endswith("--dev-addr 127.0.0.1:8000")


def test_the_tests_ask_for_oasis_xliff_schema_by_its_debian_package(monkeypatch, tmp_path):
    """The translation package is validated against OASIS's own XLIFF 1.2 schema, which no Python
    or npm package ships: `make test` and `make test-fast` install Debian's php-symfony-translation,
    or say how to get it."""
    monkeypatch.setenv("EXCHANGE_XLIFF_SCHEMA", str(tmp_path / "missing.xsd"))
    assert system_packages.XLIFF_SCHEMA in system_packages.missing(system_packages.NEEDS["test"])
    assert system_packages.XLIFF_SCHEMA in system_packages.missing(system_packages.NEEDS["test-fast"])  # CI's 3.12 and 3.13
    assert system_packages.XLIFF_SCHEMA not in system_packages.NEEDS["check"] + system_packages.NEEDS["build"]
    message = system_packages.advice([system_packages.XLIFF_SCHEMA], "make test")
    assert "sudo apt-get install php-symfony-translation" in message
    assert message.count(system_packages.XLIFF_SCHEMA_URL) == 2  # for macOS and for Fedora
    monkeypatch.delenv("EXCHANGE_XLIFF_SCHEMA")
    assert system_packages.xliff_schema() == system_packages.DEBIAN_XLIFF_SCHEMA
