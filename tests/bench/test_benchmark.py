"""The two ways `make bench` builds the same corpus (exchange/bench/benchmark.py), without building."""

from __future__ import annotations

from pathlib import Path

import pytest

from exchange.bench import benchmark


@pytest.fixture(scope="module")
def configs(tmp_path_factory):
    work = tmp_path_factory.mktemp("bench")
    slugs = ["first-case-study", "second-case-study"]
    return {variant: benchmark.build_config(variant, work / "docs", work / f"site-{variant}", slugs) for variant in benchmark.VARIANTS}


def test_both_ways_build_from_absolute_paths_into_their_own_folder(configs):
    for variant, config in configs.items():
        assert Path(config["docs_dir"]).is_absolute() and config["site_dir"].endswith(f"site-{variant}")
        assert Path(config["theme"]["custom_dir"]).is_dir()
        assert config["hooks"] and all(Path(hook).is_file() for hook in config["hooks"])
        assert config["strict"] is True


def test_this_site_keeps_case_studies_out_of_the_navigation_and_has_no_lunr_search(configs):
    site = configs["site"]
    assert "search" not in site["plugins"]
    assert not any("case-studies/first-case-study" in str(item) for item in site["nav"])


def test_the_default_way_lists_every_case_study_and_uses_lunr_with_merged_indexes(configs):
    default = configs["default"]
    assert default["plugins"][0] == "search"
    i18n = next(plugin["i18n"] for plugin in default["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    assert i18n["reconfigure_search"] is True
    assert not any(hook.endswith(benchmark.SEARCH_HOOK) for hook in default["hooks"])
    section = next(item[benchmark.CASE_STUDIES_SECTION] for item in default["nav"] if isinstance(item, dict) and benchmark.CASE_STUDIES_SECTION in item)
    assert [entry for entry in section if "first-case-study" in str(entry) or "second-case-study" in str(entry)] == [
        "case-studies/first-case-study/index.md", "case-studies/second-case-study/index.md"]


def test_an_unknown_way_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown variant 'fast'"):
        benchmark.build_config("fast", tmp_path, tmp_path / "site", [])
