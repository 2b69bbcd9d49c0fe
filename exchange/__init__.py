"""The site's own code: content models, checks, build hooks and Welsh text tools."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(__file__).resolve().parent / "data"
LANGUAGES = ("en", "cy")
