"""Loading the package's own data files (vocabulary, interface strings, sources)."""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from exchange import DATA_DIR


@cache
def load_data(name: str) -> dict[str, Any]:
    with (DATA_DIR / f"{name}.yml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)
