"""How well the Welsh search answers real queries, for each way of folding mutations and inflection.

    .venv/bin/python scripts/search_precision.py [--site BUILT_SITE] [--json FILE]

Builds the site (or takes a built one), then for each strategy in exchange/search/index.py
(none, rules, lexicon, lexicon-ranked, inflected) indexes its Welsh pages, runs the queries of
tests/fixtures/welsh_search_queries.yml with the browser's own query engine (in Node), and
compares the results with the pages that are right answers (each query says which forms of
which words make a page relevant). Prints, per strategy, for all the queries and for those
typed as plurals or verb forms (`inflected: true`): precision of the first 5 and 10 results,
recall in the first 10 (right answers among them, of all, or of 10 when there are more),
recall (right answers among all the results, of all) and precision of all the results, wrong
pages in the first 10 in all, queries that found nothing though they had answers, and for how
many one-word queries every page with the word as typed (mutations aside) comes before every
page that has it only in another form (of the queries where both kinds are found).
`lexicon-ranked` is the search before inflection (issue 18); `inflected` the search after.
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
from exchange.welsh.folding import mutation_candidates, search_words  # noqa: E402

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
        search.write_bundles(Path(scratch), index, strategy, lexicon)  # with the lexicon: its refused readings, as the build writes them
        finished = subprocess.run(
            ["node", str(RUNNER), str(site), "cy", str(Path(scratch) / "cy" / "pagefind")],
            input=json.dumps(queries), capture_output=True, text=True, env={**os.environ, "EXCHANGE_ALL_URLS": "1"},
        )
        if finished.returncode != 0:
            sys.exit(f"the query runner failed on strategy {strategy.name}:\n{finished.stderr[-3000:]}")
    answers = json.loads(finished.stdout)
    return {answer["query"]: {"top": [result["url"] for result in answer["results"]], "count": answer["count"], "all": answer["all_urls"]} for answer in answers}


def _keys(word: str) -> set[str]:
    return {word, *(radical for radical, _ in mutation_candidates(word))}


def exact_form_first(query: str, urls: list[str], texts: dict[str, str]) -> bool | None:
    """For a one-word query: do all the pages that have the word as typed (or a mutation of
    it) come before every page that has it only in another form? None when there is nothing to
    order (no page of one kind or the other)."""
    words = search_words(query)
    if len(words) != 1:
        return None
    wanted = _keys(words[0])
    has = [any(_keys(word) & wanted for word in search_words(texts.get(url, ""))) for url in urls]
    if all(has) or not any(has):
        return None
    return not any(has[has.index(False):])


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
            right_top = sum(url in relevant for url in answer["top"])
            right_all = len(set(answer["all"]) & relevant)
            rows.append({
                "query": query["query"], "inflected": bool(query.get("inflected")), "relevant": len(relevant), "returned": answer["count"],
                "p5": precision_at(answer["top"], relevant, 5), "p10": precision_at(answer["top"], relevant, 10),
                "recall": (right_top / min(len(relevant), 10)) if relevant else None,
                "recall_all": (right_all / len(relevant)) if relevant else None,
                "exact_first": exact_form_first(query["query"], answer["all"], texts),
                "precision_all": (right_all / len(answer["all"])) if answer["all"] else None,
                "wrong_in_top10": len(answer["top"]) - right_top,
            })
        report["strategies"][strategy.name] = {**summary(rows), "inflected": summary([row for row in rows if row["inflected"]]), "rows": rows}
    return report


def summary(rows: list[dict]) -> dict:
    return {
        "queries": len(rows),
        "p5": mean([row["p5"] for row in rows]),
        "p10": mean([row["p10"] for row in rows]),
        "recall_at_10": mean([row["recall"] for row in rows]),
        "recall": mean([row["recall_all"] for row in rows]),
        "precision": mean([row["precision_all"] for row in rows]),
        "exact_first": [sum(row["exact_first"] is True for row in rows), sum(row["exact_first"] is not None for row in rows)],
        "wrong_in_top10": sum(row["wrong_in_top10"] for row in rows),
        "no_answer_when_there_is_one": sum(1 for row in rows if row["relevant"] and not row["returned"]),
    }


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
    for title, pick in (("all queries", lambda figures: figures), ("queries typed as plurals or verb forms", lambda figures: figures["inflected"])):
        print(f"\n{title} ({pick(next(iter(report['strategies'].values())))['queries']})")
        print(f"{'strategy':16} {'P@5':>6} {'P@10':>6} {'R@10':>6} {'recall':>7} {'precision':>10} {'wrong in top 10':>16} {'missed':>7} {'exact form first':>17}")
        for name, figures in report["strategies"].items():
            figures = pick(figures)
            exact = "%d of %d" % tuple(figures["exact_first"])
            print(f"{name:16} {figures['p5']:6.3f} {figures['p10']:6.3f} {figures['recall_at_10']:6.3f} {figures['recall']:7.3f} {figures['precision']:10.3f} {figures['wrong_in_top10']:16d} {figures['no_answer_when_there_is_one']:7d} {exact:>17}")
    before = {row["query"]: row for row in report["strategies"]["lexicon-ranked"]["rows"]}
    print("\nper query (chosen strategy '%s', and before inflection): relevant / returned, P@10, R@10" % search.DEFAULT_STRATEGY.name)
    for row in report["strategies"][search.DEFAULT_STRATEGY.name]["rows"]:
        old = before[row["query"]]
        shown = lambda value: "-" if value is None else f"{value:.2f}"  # noqa: E731
        print(f"  {row['query']:24} {row['relevant']:3d} / {row['returned']:3d}   P@10 {shown(row['p10']):>4}   recall {shown(row['recall_all']):>4}"
              f"   (before: {old['returned']:3d} returned, P@10 {shown(old['p10']):>4}, recall {shown(old['recall_all']):>4})")
    if arguments.json:
        arguments.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
