"""The folder tree is the architecture (ARCHITECTURE.md): imports run one way between the layers of
the package, function-level imports included, and no module imports another that imports it back."""
from __future__ import annotations

import textwrap
from pathlib import Path

from exchange import layers


def test_every_import_runs_the_allowed_way():
    assert layers.import_problems() == []


def test_no_import_circles():
    assert layers.import_cycles() == []


def test_every_layer_is_a_subpackage_with_its_rule():
    # (hooks/ has no __init__.py: MkDocs loads each hook file by its path.)
    found = {path.name for path in layers.PACKAGE_DIR.iterdir() if path.is_dir() and list(path.glob("*.py"))}
    assert found == set(layers.ALLOWED) - {"layers"}


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "exchange"
    for name, text in {"__init__.py": "", **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def test_a_wrong_way_import_inside_a_function_is_found(tmp_path):
    root = _package(tmp_path, {
        "core/__init__.py": "",
        "core/strings.py": "def translate():\n    from exchange.pages import listing\n",
        "pages/__init__.py": "",
        "pages/listing.py": "from exchange.core.strings import translate\n",
    })
    problems = layers.import_problems(root)
    assert len(problems) == 1
    assert problems[0].startswith("exchange/core/strings.py:2: exchange.core.strings (core) imports exchange.pages.listing (pages)")


def test_a_circle_is_found(tmp_path):
    root = _package(tmp_path, {
        "welsh/__init__.py": "",
        "welsh/spelling.py": "from exchange.welsh import translations\n",
        "welsh/translations.py": "def check():\n    from exchange.welsh.spelling import words\n",
    })
    assert layers.import_problems(root) == []
    assert layers.import_cycles(root) == [["exchange.welsh.spelling", "exchange.welsh.translations"]]
