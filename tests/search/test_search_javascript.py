"""Runs the JavaScript tests of the search (tests/js/*.test.mjs) with Node's own test runner:
the browser's Welsh normaliser against the shared vectors in tests/fixtures."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from exchange import PROJECT_ROOT


def test_the_browser_normaliser_passes_the_shared_vectors():
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: the search's browser code is tested with Node (Debian package nodejs)", pytrace=False)
    finished = subprocess.run([node, "--test", "tests/js/"], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stdout[-3000:] + finished.stderr[-2000:]
    assert "# fail 0" in finished.stdout and "# pass 0" not in finished.stdout
