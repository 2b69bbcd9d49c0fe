"""Helpers for the safety tests: the site's Markdown rendering as a page's content is rendered,
and the allow-list's problems for a Markdown file (the live-code scan is exchange/pages/csp.py's)."""

from __future__ import annotations

from pathlib import Path

from exchange.pages.csp import live_code, live_code_in_site  # noqa: F401  (the tests import them from here)


def render(text: str) -> str:
    from exchange.content.html_safety import render_markdown

    return render_markdown(text)


def allow_list_problems(source: Path) -> list:
    """The problems the build reports for a Markdown file's content (the allow-list's)."""
    from exchange.content.html_safety import check_markdown_file

    return check_markdown_file(source)
