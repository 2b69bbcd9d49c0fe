"""How well the Welsh search answers real queries, for each way of folding mutations.

    .venv/bin/python scripts/search_precision.py [--site BUILT_SITE] [--json FILE]

Builds the site (or takes a built one), then for each strategy in exchange/search/index.py
(none, rules, lexicon, lexicon-ranked) indexes its Welsh pages, runs the queries of
tests/fixtures/welsh_search_queries.yml with the browser's own query engine (in Node), and
compares the results with the pages that are right answers (each query says which forms of
which words make a page relevant). Prints, per strategy: precision of the first 5 and 10
results, recall (right answers found, of all), and wrong pages returned in all.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exchange import PROJECT_ROOT  # noqa: E402
from exchange.search import index as search  # noqa: E402

QUERIES = PROJECT_ROOT / "tests" / "fixtures" / "welsh_search_queries.yml"
RUNNER = PROJECT_ROOT / "scripts" / "search_query.mjs"


def build(destination: Path) -> None:
    finished = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(destination)], cwd=PROJECT_ROOT,
        capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if finished.returncode != 0:
        sys.exit(f"the site did not build:\n{finished.stderr[-3000:]}")


def page_texts(site: Path) -> dict[str, str]:
    """The Welsh pages' own text (what the index holds before any folding), by URL."""
    index = search.collect_pages(site, {}, None, search.STRATEGIES["none"])
    texts = {}
    for page in index.pages["cy"]:
        article = BeautifulSoup(page.html, "html.parser").select_one("article[data-pagefind-body]")
        for control in article.select("select, textarea"):  # Pagefind does not index form controls
            control.decompose()
        texts["/cy/" + page.url] = article.get_text(" ")
    return texts


def relevant_pages(query: dict, texts: dict[str, str]) -> set[str]:
    patterns = query["relevant"] if isinstance(query["relevant"], list) else [query["relevant"]]
    compiled = [re.compile(pattern, re.IGNORECASE) for pattern in patterns]
    return {url for url, text in texts.items() if all(pattern.search(text) for pattern in compiled)}


def run_strategy(site: Path, strategy: search.FoldingStrategy, queries: list[str]) -> dict[str, list[str]]:
    lexicon = search.load_lexicon() if strategy.fold and strategy.use_lexicon else None
    index = search.collect_pages(site, {}, lexicon, strategy)
    with tempfile.TemporaryDirectory(prefix=f"precision-{strategy.name}-") as scratch:
        search.write_bundles(Path(scratch), index, strategy)
        finished = subprocess.run(
            ["node", str(RUNNER), str(site), "cy", str(Path(scratch) / "cy" / "pagefind")],
            input=json.dumps(queries), capture_output=True, text=True,
        )
        if finished.returncode != 0:
            sys.exit(f"the query runner failed on strategy {strategy.name}:\n{finished.stderr[-3000:]}")
    answers = json.loads(finished.stdout)
    return {answer["query"]: {"top": [result["url"] for result in answer["results"]], "count": answer["count"], "all": answer["urls"]} for answer in answers}


def precision_at(found: list[str], relevant: set[str], k: int) -> float | None:
    shown = found[:k]
    return sum(url in relevant for url in shown) / len(shown) if shown else None


def mean(values: list[float | None]) -> float:
    kept = [value for value in values if value is not None]
    return sum(kept) / len(kept) if kept else 0.0


def evaluate(site: Path) -> dict:
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    texts = page_texts(site)
    expected = {query["query"]: relevant_pages(query, texts) for query in queries}
    report = {"queries": len(queries), "pages": len(texts), "strategies": {}}
    for strategy in search.STRATEGIES.values():
        answers = run_strategy(site, strategy, [query["query"] for query in queries])
        rows = []
        for query in queries:
            answer, relevant = answers[query["query"]], expected[query["query"]]
            # Results beyond the first ten are counted by number: ids are not URLs, so the wrong
            # ones among them are estimated as those the first ten suggest.
            right_top = sum(url in relevant for url in answer["top"])
            rows.append({
                "query": query["query"], "relevant": len(relevant), "returned": answer["count"],
                "p5": precision_at(answer["top"], relevant, 5), "p10": precision_at(answer["top"], relevant, 10),
                "recall": (right_top / min(len(relevant), 10)) if relevant else None,
                "wrong_in_top10": len(answer["top"]) - right_top,
            })
        report["strategies"][strategy.name] = {
            "p5": mean([row["p5"] for row in rows]),
            "p10": mean([row["p10"] for row in rows]),
            "recall_at_10": mean([row["recall"] for row in rows]),
            "wrong_in_top10": sum(row["wrong_in_top10"] for row in rows),
            "no_answer_when_there_is_one": sum(1 for row in rows if row["relevant"] and not row["returned"]),
            "rows": rows,
        }
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one into a temporary folder)")
    parser.add_argument("--json", type=Path, help="also write the full report (every query) to this file")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="precision-site-") as scratch:
        site = arguments.site or Path(scratch) / "site"
        if arguments.site is None:
            build(site)
        report = evaluate(site)
    print(f"{report['queries']} Welsh queries over {report['pages']} Welsh pages")
    print(f"{'strategy':16} {'P@5':>6} {'P@10':>6} {'R@10':>6} {'wrong in top 10':>16} {'missed':>7}")
    for name, figures in report["strategies"].items():
        print(f"{name:16} {figures['p5']:6.3f} {figures['p10']:6.3f} {figures['recall_at_10']:6.3f} {figures['wrong_in_top10']:16d} {figures['no_answer_when_there_is_one']:7d}")
    print("\nper query (chosen strategy '%s'): relevant / returned, P@10, R@10" % search.DEFAULT_STRATEGY.name)
    for row in report["strategies"][search.DEFAULT_STRATEGY.name]["rows"]:
        p10 = "-" if row["p10"] is None else f"{row['p10']:.2f}"
        recall = "-" if row["recall"] is None else f"{row['recall']:.2f}"
        print(f"  {row['query']:28} {row['relevant']:3d} / {row['returned']:3d}   P@10 {p10:>4}   R@10 {recall:>4}")
    if arguments.json:
        arguments.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
