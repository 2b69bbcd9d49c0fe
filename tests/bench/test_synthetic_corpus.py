"""The synthetic corpus `make bench` builds: real format, every check passed, repeatable."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from exchange.content import case_studies
from exchange.content import glossary
from exchange.bench import synthetic


def files_of(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("synthetic")
    synthetic.write_case_studies(root, 40, random.Random(1))
    return root


def test_every_synthetic_case_study_passes_the_checks_in_both_languages(corpus):
    records, problems = case_studies.load_case_studies(corpus)
    assert [str(problem) for problem in problems] == []
    assert len(records) == 40
    assert all(set(record.texts) == {"en", "cy"} for record in records)


def test_synthetic_text_has_no_initials_the_glossary_does_not_explain(corpus):
    records, _ = case_studies.load_case_studies(corpus)
    problems = [str(problem) for record in records for language, text in record.texts.items()
                for problem in glossary.check_page_initials(text.body, language, str(text.path))]
    assert problems == []


def test_the_corpus_spreads_over_the_identifiers(corpus):
    records, _ = case_studies.load_case_studies(corpus)
    assert len({record.local_authority for record in records}) >= 10
    assert len({theme for record in records for theme in record.themes}) == 6
    assert len({record.organisation_type for record in records}) == 5


def test_welsh_files_hold_welsh_text_and_only_their_own_fields(corpus):
    records, _ = case_studies.load_case_studies(corpus)
    for record in records:
        welsh, english = record.texts["cy"], record.texts["en"]
        assert welsh.title.startswith("Astudiaeth achos synthetig") and english.title.startswith("Synthetic case study")
        assert "Mae" in welsh.body and " the " not in welsh.body


def test_the_same_seed_writes_the_same_files_and_another_seed_does_not(tmp_path):
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        synthetic.write_case_studies(tmp_path / name, 5, random.Random(seed))
    assert files_of(tmp_path / "a") == files_of(tmp_path / "b")
    assert files_of(tmp_path / "a") != files_of(tmp_path / "c")


def test_the_corpus_counts_the_real_case_studies_among_its_records(tmp_path):
    real = tmp_path / "real"
    for slug in ("first-real", "second-real"):
        (real / slug).mkdir(parents=True)
        (real / slug / "en.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    synthetic.write_case_studies(tmp_path / "corpus", 6, random.Random(1), real=real)
    folders = sorted(path.name for path in (tmp_path / "corpus").iterdir())
    assert folders[:2] == ["first-real", "second-real"] and len(folders) == 6


def test_write_corpus_points_the_build_at_each_collection(tmp_path, monkeypatch):
    monkeypatch.setenv(case_studies.ENVIRONMENT_VARIABLE, str(tmp_path / "no-real-case-studies-here"))
    (tmp_path / "no-real-case-studies-here").mkdir()
    environment = synthetic.write_corpus(tmp_path / "corpus", {"case_studies": 3})
    folder = Path(environment[case_studies.ENVIRONMENT_VARIABLE])
    assert folder == (tmp_path / "corpus" / "case_studies").resolve()
    assert len(case_studies.case_study_folders(folder)) == 3


def test_an_unknown_collection_is_refused_with_the_known_ones_named(tmp_path):
    with pytest.raises(ValueError, match="unknown collection.*podcasts.*case_studies, news, resources"):
        synthetic.write_corpus(tmp_path, {"podcasts": 10})


def test_synthetic_news_and_resources_pass_their_checks(tmp_path):
    from exchange.content import news
    from exchange.content import resources

    synthetic.write_news(tmp_path / "news", 12, random.Random(3))
    synthetic.write_resources(tmp_path / "resources", 9, random.Random(3))
    posts, news_problems = news.load_news(tmp_path / "news")
    records, resource_problems = resources.load_resources(tmp_path / "resources")
    assert [str(problem) for problem in news_problems + resource_problems] == []
    assert len(posts) == 12 and len(records) == 9


def test_a_benchmark_corpus_has_news_and_resources_in_proportion():
    assert synthetic.corpus_sizes(1000) == {"case_studies": 1000, "news": 200, "resources": 500}
    assert set(synthetic.corpus_sizes(100)) == set(synthetic.COLLECTIONS)
