#!/usr/bin/env python3
"""Benchmark the build: `make bench` (or `scripts/bench.py --sizes 100 500 1000 --repeat 3`).

For each size, writes a synthetic corpus of that many case studies in both languages, with a
fifth as many news posts and half as many resources (exchange/bench/synthetic.py, the real records
included), builds the site from clean
`--repeat` times and prints the medians: build time, time per output page, peak memory; then
the output's size and file count and what a reader downloads, compressed: the heaviest
guidance page's first visit, and a first search. The same corpus is then built the stack's
default way (every case study in the navigation, Material's lunr search with the i18n
plugin merging the indexes) `--default-repeat` times, and the ratio printed.

Times live here, never in tests. Figures are also written to bench-out/bench.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exchange import PROJECT_ROOT  # noqa: E402
from exchange.bench import benchmark  # noqa: E402
from exchange.bench import synthetic  # noqa: E402
from exchange.quality.page_weight import page_weight, site_files  # noqa: E402

KB = 1024
MB = 1024 * 1024


@dataclass
class Measurement:
    variant: str
    case_studies: int
    runs: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak_memory: list[int] = field(default_factory=list)
    pages: int = 0
    files: int = 0
    output_bytes: int = 0
    guidance_page: str = ""
    guidance_gzip: int = 0
    guidance_brotli: int | None = None
    guidance_requests: int = 0
    guidance_external: list[str] = field(default_factory=list)
    search_gzip: int | None = None
    search_note: str = ""
    failed: str = ""

    @property
    def seconds(self) -> float:
        return benchmark.median(self.runs)

    @property
    def cpu_seconds(self) -> float:
        return benchmark.median(self.cpu)

    @property
    def memory(self) -> float:
        return benchmark.median(self.peak_memory)

    @property
    def milliseconds_per_page(self) -> float:
        return 1000 * self.seconds / self.pages if self.pages else float("nan")


def heaviest_guidance_page(site_dir: Path):
    """The guidance page (either language) whose first visit downloads the most."""
    pages = sorted(site_dir.glob("guidance/**/index.html")) + sorted(site_dir.glob("cy/guidance/**/index.html"))
    weights = [page_weight(site_dir, path.relative_to(site_dir).as_posix()) for path in pages]
    return max(weights, key=lambda weight: weight.gzip_bytes) if weights else None


def measure_site(measurement: Measurement, site_dir: Path) -> None:
    measurement.files, measurement.pages, measurement.output_bytes = site_files(site_dir)
    weight = heaviest_guidance_page(site_dir)
    if weight:
        measurement.guidance_page = weight.page
        measurement.guidance_gzip = weight.gzip_bytes
        measurement.guidance_brotli = weight.brotli_bytes
        measurement.guidance_requests = weight.requests
        measurement.guidance_external = [resource.url for resource in weight.external]
    measurement.search_gzip, measurement.search_note = benchmark.first_search_bytes(site_dir, measurement.variant)


def run(variant: str, size: int, repeat: int, work: Path, docs: Path, corpus_environment: dict, strict: bool) -> Measurement:
    measurement = Measurement(variant, size)
    folder = Path(corpus_environment[synthetic.COLLECTIONS["case_studies"].environment_variable])
    site_dir = work / f"site-{variant}-{size}"
    config_file = benchmark.write_config(work / f"mkdocs-{variant}-{size}.yml", benchmark.build_config(variant, docs, site_dir, benchmark.case_study_slugs(folder), strict))
    environment = benchmark.build_environment(corpus_environment)
    for attempt in range(1, repeat + 1):
        print(f"  {variant:7} {size:5} case studies: build {attempt}/{repeat} ...", end="", file=sys.stderr, flush=True)
        result = benchmark.run_build(config_file, environment, clean_dir=site_dir)
        print(f" {result.seconds:.1f} s ({result.cpu_seconds:.1f} s CPU), {result.peak_memory_bytes / MB:.0f} MB", file=sys.stderr, flush=True)
        if result.returncode != 0:
            measurement.failed = result.log[-3000:]
            return measurement
        measurement.runs.append(result.seconds)
        measurement.cpu.append(result.cpu_seconds)
        measurement.peak_memory.append(result.peak_memory_bytes)
    measure_site(measurement, site_dir)
    shutil.rmtree(site_dir, ignore_errors=True)  # the default way writes hundreds of MB
    return measurement


def kilobytes(value: int | None) -> str:
    return "n/a" if value is None else f"{value / KB:.1f}"


def print_report(results: list[Measurement], repeat: int, default_repeat: int, loads: tuple[float, float]) -> None:
    print(f"\nBuild from clean, both languages; medians of {repeat} run(s) (default way: {default_repeat}).")
    print(f"Machine load (1-minute average) at the start {loads[0]:.1f}, at the end {loads[1]:.1f}, on {os.cpu_count()} cores: "
          "above the number of cores, other work shared the machine and wall times are inflated (CPU times much less so).")
    print("Transfers are compressed sizes (gzip level 6; brotli in brackets) of everything the page names.\n")
    print("Each size also has a fifth as many news posts and half as many resources.")
    header = f"{'way':8} {'case studies':>12} {'pages':>6} {'build s':>8} {'CPU s':>6} {'ms/page':>8} {'peak MB':>8} {'output MB':>10} {'files':>7} {'guidance KB':>16} {'req':>4} {'search KB':>10}"
    print(header)
    print("-" * len(header))
    for item in results:
        if item.failed:
            print(f"{item.variant:8} {item.case_studies:>12} build FAILED:\n{item.failed}")
            continue
        guidance = f"{kilobytes(item.guidance_gzip)} ({kilobytes(item.guidance_brotli)})"
        print(
            f"{item.variant:8} {item.case_studies:>12} {item.pages:>6} {item.seconds:>8.1f} {item.cpu_seconds:>6.1f} {item.milliseconds_per_page:>8.1f} "
            f"{item.memory / MB:>8.0f} {item.output_bytes / MB:>10.1f} {item.files:>7} {guidance:>16} {item.guidance_requests:>4} {kilobytes(item.search_gzip):>10}"
        )
    site = {item.case_studies: item for item in results if item.variant == "site" and not item.failed}
    default = {item.case_studies: item for item in results if item.variant == "default" and not item.failed}
    print()
    for item in site.values():
        if item.guidance_external:
            print(f"!! {item.guidance_page} asks another host for: {', '.join(item.guidance_external)}")
        if item.search_note:
            print(f"search, {item.case_studies} case studies: {item.search_note}")
    sizes = sorted(site)
    if len(sizes) >= 2:
        smallest, largest = site[sizes[0]], site[sizes[-1]]
        ratio = largest.milliseconds_per_page / smallest.milliseconds_per_page
        cpu_ratio = (largest.cpu_seconds / largest.pages) / (smallest.cpu_seconds / smallest.pages)
        print(f"linearity: time per page at {sizes[-1]} is {ratio:.2f}x that at {sizes[0]} ({cpu_ratio:.2f}x in CPU time; target <= 1.25x)")
        for low, high in zip(sizes, sizes[1:]):
            extra_pages = site[high].pages - site[low].pages
            marginal = 1000 * (site[high].seconds - site[low].seconds) / extra_pages
            marginal_cpu = 1000 * (site[high].cpu_seconds - site[low].cpu_seconds) / extra_pages
            print(f"  each extra page from {low} to {high} case studies costs {marginal:.1f} ms ({marginal_cpu:.1f} ms of CPU)")
    for size in sorted(set(site) & set(default)):
        print(f"the default way at {size} case studies takes {default[size].seconds / site[size].seconds:.1f}x this site's build time "
              f"({default[size].cpu_seconds / site[size].cpu_seconds:.1f}x its CPU time; target >= 3x at 1,000), "
              f"writes {default[size].output_bytes / site[size].output_bytes:.1f}x its output and uses {default[size].memory / site[size].memory:.1f}x its peak memory")
    if sizes:
        largest = site[sizes[-1]]
        print(f"targets at {sizes[-1]} case studies: build {largest.seconds:.1f} s (< 60 s), peak memory {largest.memory / MB:.0f} MB (< 1024 MB), "
              f"guidance first visit {kilobytes(largest.guidance_gzip)} KB (<= 150 KB)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 1000], help="numbers of case studies (default: 100 500 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="builds per size, this site's way (default: 3)")
    parser.add_argument("--default-repeat", type=int, default=1, help="builds per size the default way (default: 1; 0 skips it: it takes minutes at 1,000)")
    parser.add_argument("--allow-warnings", action="store_true", help="build without --strict (when someone else's page has a warning)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (corpora, configs, logs)")
    arguments = parser.parse_args(argv)

    started = time.perf_counter()
    load_at_start = os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="exchange-bench-"))
    print(f"work folder: {work}", file=sys.stderr)
    results: list[Measurement] = []
    try:
        docs = benchmark.snapshot_docs(work)
        for size in arguments.sizes:
            corpus_environment = synthetic.write_corpus(work / f"corpus-{size}", synthetic.corpus_sizes(size))
            results.append(run("site", size, arguments.repeat, work, docs, corpus_environment, not arguments.allow_warnings))
            if arguments.default_repeat:
                results.append(run("default", size, arguments.default_repeat, work, docs, corpus_environment, not arguments.allow_warnings))
            shutil.rmtree(work / f"corpus-{size}", ignore_errors=True)
    finally:
        if not arguments.keep:
            shutil.rmtree(work, ignore_errors=True)
    print_report(results, arguments.repeat, arguments.default_repeat, (load_at_start, os.getloadavg()[0]))
    output = PROJECT_ROOT / "bench-out" / "bench.json"
    output.parent.mkdir(exist_ok=True)
    output.write_text(json.dumps([{**asdict(item), "seconds": item.seconds, "cpu_seconds": item.cpu_seconds, "peak_memory_bytes": item.memory, "ms_per_page": item.milliseconds_per_page} for item in results], indent=2), encoding="utf-8")
    print(f"\nfigures written to {output.relative_to(PROJECT_ROOT)}; benchmark took {(time.perf_counter() - started) / 60:.1f} min")
    return 1 if any(item.failed for item in results) else 0


if __name__ == "__main__":
    sys.exit(main())
