"""The navigation is rendered once for all the pages that are not in it (exchange/core/site.py
NavigationCache, overrides/base.html): the site must come out exactly as if every page had
rendered its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_site


def pages_of(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in site.rglob("*.html")
        if "pagefind" not in path.relative_to(site).parts  # the search bundles: not pages
    }


def test_the_cached_navigation_changes_no_page(built_site, tmp_path):
    uncached = tmp_path / "site"
    result = build_site(uncached, {"EXCHANGE_NAV_CACHE": "0"})
    if result.returncode != 0:
        pytest.fail("mkdocs build --strict failed:\n" + (result.stderr + result.stdout)[-4000:], pytrace=False)
    cached_pages, uncached_pages = pages_of(built_site), pages_of(uncached)
    assert cached_pages.keys() == uncached_pages.keys()
    different = [path for path in cached_pages if cached_pages[path] != uncached_pages[path]]
    assert different == [], f"{len(different)} pages differ, e.g. {different[:3]}"
    # Pages that are not in the navigation are most of them: the cache was used.
    assert sum(path.startswith(("case-studies/", "cy/case-studies/")) for path in cached_pages) > 20


def test_only_pages_outside_the_navigation_share_a_rendering(monkeypatch):
    from types import SimpleNamespace

    from exchange.core.site import NavigationCache

    monkeypatch.delenv("EXCHANGE_NAV_CACHE", raising=False)

    def page(src_uri: str, url: str, meta: dict | None = None):
        return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), url=url, meta=meta or {})

    guidance = page("guidance/index.md", "guidance/")
    cache = NavigationCache()
    cache.new_navigation(SimpleNamespace(pages=[guidance]))
    one, two = page("case-studies/one/index.md", "case-studies/one/"), page("case-studies/two/index.md", "case-studies/two/")
    assert cache.key(guidance, "en") is None  # in the navigation: its entry is marked as the current page
    assert cache.key(one, "en") == cache.key(two, "en") != cache.key(one, "cy")
    assert cache.key(one, "en") != cache.key(page("news/x/index.md", "news/x/"), "en")  # links are relative to the folder
    assert cache.remember(cache.key(one, "en"), "<nav>") == "<nav>" and cache.get(cache.key(two, "en")) == "<nav>"
    assert cache.get(None) is None and cache.remember(None, "<nav>") == "<nav>" and cache.get(None) is None
    monkeypatch.setenv("EXCHANGE_NAV_CACHE", "0")
    assert cache.key(one, "en") is None
