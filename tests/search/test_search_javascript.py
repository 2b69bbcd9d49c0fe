"""Runs the JavaScript tests of the search (tests/js/*.test.mjs) with Node's own test runner:
the browser's Welsh normaliser and inflection rules against the shared vectors in tests/fixtures."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from exchange import PROJECT_ROOT
from exchange.search import index as search


def test_the_browser_normaliser_passes_the_shared_vectors(tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: the search's browser code is tested with Node (Debian package nodejs)", pytrace=False)
    # The Welsh search data as the build writes it: the browser's inflection rules come from it.
    data = tmp_path / "exchange-search.json"
    data.write_text(json.dumps(search.search_data("cy"), ensure_ascii=False), encoding="utf-8")
    finished = subprocess.run([node, "--test", "tests/js/"], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120,
                              env={**os.environ, "EXCHANGE_SEARCH_DATA": str(data)})
    assert finished.returncode == 0, finished.stdout[-3000:] + finished.stderr[-2000:]
    assert "# fail 0" in finished.stdout and "# pass 0" not in finished.stdout and "# skipped 0" in finished.stdout
