"""The attendance and exclusion figures: the data file and its checks, the axis and the colours,
and the built statistics page in both languages. Every figure a test expects is read from the
data file (exchange/data/statistics.yml, the only copy on the site), never written here: the
tests check that the page's tables and charts show exactly those figures, and that every chart
carries a title and a description."""

from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from exchange import LANGUAGES, PROJECT_ROOT
from exchange.content import statistics
from exchange.core.data_files import load_data
from exchange.content.statistics import SERIES_STYLES, format_value, load_statistics, value_axis
from tests.page_types import NARROW, address, fresh_tab
from tests.site_pages import page_paths, soup

FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "statistics" / "valid.yml"
PAGES = {"en": Path("national-plan/statistics/index.html"), "cy": Path("cy/national-plan/statistics/index.html")}
ONE_YEAR_ON = {"en": Path("national-plan/one-year-on/index.html"), "cy": Path("cy/national-plan/one-year-on/index.html")}


@pytest.fixture(scope="module")
def figures() -> statistics.Statistics:
    records, problems = load_statistics()
    assert [str(problem) for problem in problems] == []
    return records


# ---------------------------------------------------------------- the data file


def test_the_data_file_holds_the_report_figures_it_says_it_holds(figures):
    assert figures.source in load_data("sources")
    tables = {table.id: table for _, table in figures.tables()}
    assert set(tables) == {"attendance-primary", "attendance-secondary", "exclusions-permanent", "exclusions-fixed-term"}
    assert tables["attendance-primary"].years[0] == "2011–12" and tables["attendance-primary"].years[-1] == "2015–16"
    assert tables["exclusions-fixed-term"].years[0] == "2011–12" and tables["exclusions-fixed-term"].years[-1] == "2014–15"
    for section, table in figures.tables():
        assert [series.group for series in table.series] == ["looked-after", "all-children"]
        for series in table.series:
            assert len(series.values) == len(table.years)
            assert all(-value.as_tuple().exponent == section.decimals for value in series.values), (table.id, series.group)


def test_the_fixture_is_valid():
    records, problems = load_statistics(FIXTURE)
    assert problems == []
    assert [value for value in records.sections[0].tables[0].series[0].values] == [Decimal("95.3"), Decimal("95.0"), Decimal("96.3")]


def _problems_after(tmp_path: Path, old: str, new: str) -> list:
    text = FIXTURE.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "statistics.yml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return load_statistics(path)[1]


@pytest.mark.parametrize("old, new, line, expected", [
    ("[2011–12, 2012–13, 2013–14]", "[2011-12, 2012–13, 2013–14]", 27, "en dash"),
    ("[2011–12, 2012–13, 2013–14]", "[2011–12, 2013–14, 2014–15]", 27, "does not follow 2011–12"),
    ("[2011–12, 2012–13, 2013–14]", "[2011–12, 2012–14, 2013–14]", 27, "ends in 13"),
    ("[95.3, 95.0, 96.3]", "[95.3, 95, 96.3]", 29, "95.0, not 95"),
    ("[95.3, 95.0, 96.3]", "[95.3, 95.0]", 29, "has 2 figure(s) but there are 3 years"),
    ("[95.3, 95.0, 96.3]", "[95.3, 95.0%, 96.3]", 29, "without % or commas"),
    ("[95.3, 95.0, 96.3]", "[95.3, 105.0, 96.3]", 29, "more than 100"),
    ("          all-children: [93.9", "          all-childs: [93.9", 30, "'all-childs' is not a group"),
    ("          all-children: [93.9, 93.7, 94.8]\n", "", 28, "the figures for 'all-children' are missing"),
    ("source: one-year-on-2017", "source: one-year-on", 2, "not in exchange/data/sources.yml"),
    ("    unit: percent", "    unit: per-cent", 17, "use percent"),
    ("    decimals: 1", "    decimals: one", 18, "whole number"),
    ("coverage: {en: Primary schools., cy: Ysgolion cynradd.}", "coverage: {en: Primary schools.}", 26, "coverage.cy: is missing"),
    ("        url: https://statswales.gov.wales/Catalogue/example", "        url: statswales", 21, "not a web address"),
    ("    report_figure: 2", "    report_figure: 2\n    colour: red", 16, "colour: is not a field here"),
    ("  - id: attendance\n", "  - id: attendance-primary\n", 24, "used twice"),
    ("  - id: attendance\n", "  - id: Attendance\n", 13, "is not an id"),
    ("    measure: {en: Attendance (%), cy: Presenoldeb (%)}", "    measure: {en: Attendance (%), cy: Presenoldeb (%)", 16, "not valid YAML"),
])
def test_each_rule_names_the_line_the_field_and_the_fix(tmp_path, old, new, line, expected):
    problems = _problems_after(tmp_path, old, new)
    assert problems, "the change should have been caught"
    assert any(expected in problem.message for problem in problems), [str(problem) for problem in problems]
    assert any(problem.line == line and expected in problem.message for problem in problems), [str(problem) for problem in problems]
    assert all(str(problem).startswith(f"{problem.path}:{problem.line}: ") for problem in problems)


def test_a_missing_or_empty_file_is_a_problem_not_a_traceback(tmp_path):
    assert "missing" in str(load_statistics(tmp_path / "nowhere.yml")[1][0])
    empty = tmp_path / "empty.yml"
    empty.write_text("", encoding="utf-8")
    records, problems = load_statistics(empty)
    assert records is None and "empty" in problems[0].message


def test_the_command_line_prints_path_line_message_and_exits_1(tmp_path):
    broken = tmp_path / "statistics.yml"
    broken.write_text(FIXTURE.read_text(encoding="utf-8").replace("[95.3, 95.0, 96.3]", "[95.3, 95, 96.3]"), encoding="utf-8")
    command = [sys.executable, str(PROJECT_ROOT / "scripts" / "check_statistics.py")]
    failed = subprocess.run([*command, str(broken)], capture_output=True, text=True, cwd=tmp_path)
    assert failed.returncode == 1
    assert re.search(r"^statistics\.yml:29: .*95\.0, not 95", failed.stdout, re.MULTILINE), failed.stdout
    assert "Traceback" not in failed.stderr
    passed = subprocess.run(command, capture_output=True, text=True, cwd=PROJECT_ROOT)
    assert passed.returncode == 0, passed.stdout + passed.stderr


# ---------------------------------------------------------------- axis, colours, words


@pytest.mark.parametrize("values", [
    ["93.7", "96.6"], ["92.1", "94.5"], ["0.2", "1.7"], ["28.3", "254.7"], ["0.2", "0.2"], ["5", "5"], ["0.0", "0.0"], ["12", "13", "999"],
])
def test_the_axis_covers_every_figure_with_at_most_seven_round_steps(values):
    axis = value_axis(Decimal(value) for value in values)
    assert axis.low <= min(Decimal(value) for value in values) and axis.high >= max(Decimal(value) for value in values)
    assert axis.high > axis.low
    assert 2 <= len(axis.ticks) <= statistics.MAX_TICKS
    mantissa = axis.step.normalize().as_tuple()
    assert int("".join(map(str, mantissa.digits))) in (1, 2, 25, 5)


def test_the_axis_starts_at_zero_unless_that_would_flatten_the_lines(figures):
    for section, table in figures.tables():
        values = [value for series in table.series for value in series.values]
        axis = value_axis(values)
        assert (axis.low == 0) == (min(values) * 2 <= max(values)), table.id


def _contrast(colour: str, background: str = "#ffffff") -> float:
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[index:index + 2], 16) / 255 for index in (1, 3, 5)]
        linear = [channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4 for channel in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    lighter, darker = sorted((luminance(colour), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_lines_have_contrast_and_are_told_apart_without_colour():
    for style in SERIES_STYLES:
        assert _contrast(style.colour) >= 3, style  # WCAG 1.4.11 non-text contrast
    assert len({style.dash for style in SERIES_STYLES}) == len(SERIES_STYLES)  # pattern (WCAG 1.4.1)
    assert len({style.marker for style in SERIES_STYLES}) == len(SERIES_STYLES)  # marker shape


def test_descriptions_are_in_each_language_and_name_every_group(figures):
    for section, table in figures.tables():
        described = {language: statistics.chart_view(section, table, language)["description"] for language in LANGUAGES}
        assert described["en"] != described["cy"]
        for language in LANGUAGES:
            for series in table.series:
                assert series.label[language] in described[language]
                assert format_value(series.values[0], section.unit) in described[language]
        assert "echelin fertigol" in described["cy"].casefold() and "vertical axis" in described["en"].casefold()


# ---------------------------------------------------------------- the built page


def _chart_values(chart) -> dict[str, list[tuple[float, Decimal]]]:
    """Read the figures back from the SVG's geometry: the value labels and their heights give
    the scale, and every point of every line is turned back into a figure."""
    ticks = [(float(label["y"]), Decimal(label.get_text().rstrip("%"))) for label in chart.select(".x-chart__value-label")]
    (y0, v0), (y1, v1) = ticks[0], ticks[-1]
    per_unit = (v1 - v0) / Decimal(str(y1 - y0))
    lines = {}
    for group in chart.select("g.x-chart__series"):
        points = [pair.split(",") for pair in group.polyline["points"].split()]
        lines[group["data-group"]] = [(float(x), v0 + (Decimal(y) - Decimal(str(y0))) * per_unit) for x, y in points]
    return lines


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_tables_show_exactly_the_figures_of_the_data_file(built_site: Path, figures, language):
    page = soup(built_site / PAGES[language])
    for section, table in figures.tables():
        element = page.select_one(f"table#table-{table.id}")
        assert element is not None, table.id
        assert table.title[language] in element.caption.get_text()
        headers = [cell.get_text(strip=True) for cell in element.select("thead th")]
        assert headers[1:] == [series.label[language] for series in table.series]
        assert all(cell.get("scope") == "col" for cell in element.select("thead th"))
        rows = element.select("tbody tr")
        assert [row.th.get_text(strip=True) for row in rows] == list(table.years)
        assert all(row.th.get("scope") == "row" for row in rows)
        for index, row in enumerate(rows):
            shown = [cell.get_text(strip=True) for cell in row.select("td")]
            assert shown == [format_value(series.values[index], section.unit) for series in table.series], (table.id, table.years[index])


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_chart_has_a_title_a_description_and_points_that_match_the_data(built_site: Path, figures, language):
    page = soup(built_site / PAGES[language])
    charts = page.select("svg.x-chart")
    assert len(charts) == len(figures.tables())
    for (section, table), chart in zip(figures.tables(), charts):
        assert chart["role"] == "img"
        title_id, description_id = chart["aria-labelledby"].split()
        title, description = chart.find(id=title_id), chart.find(id=description_id)
        assert title.name == "title" and description.name == "desc"
        assert table.title[language] in title.get_text()
        assert all(series.label[language] in description.get_text() for series in table.series)
        assert chart["viewbox"] and chart["width"] == "100%"
        years = [(float(label["x"]), label.get_text()) for label in chart.select(".x-chart__year-label")]
        assert [year for _, year in years] == list(table.years)
        drawn = _chart_values(chart)
        assert set(drawn) == {series.group for series in table.series}
        step = Decimal(1).scaleb(-section.decimals)
        for series in table.series:
            points = drawn[series.group]
            assert [x for x, _ in points] == [x for x, _ in years]  # each figure above its year
            for (_, value), expected in zip(points, series.values):
                assert abs(value - expected) < step / 2, (table.id, series.group, value, expected)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_is_in_its_language_and_lists_the_figures_in_its_contents(built_site: Path, figures, language):
    page = soup(built_site / PAGES[language])
    assert page.html["lang"] == language
    contents = page.select_one("nav.md-nav--secondary").get_text(" ", strip=True)
    for section in figures.sections:
        assert section.title[language] in contents
        heading = page.find(id=section.id)
        assert heading.name == "h2" and heading.get_text(strip=True) == section.title[language]
        for table in section.tables:
            assert table.title[language] in contents
    legends = page.select(".x-chart-legend")
    assert len(legends) == len(figures.tables())
    assert all(legend.select("svg[aria-hidden='true']") for legend in legends)


def test_every_svg_image_on_the_site_has_a_text_alternative(built_site: Path):
    checked = 0
    for relative in page_paths(built_site):
        for svg in soup(built_site / relative).select("svg[role='img'], svg.x-chart"):
            checked += 1
            assert svg.get("role") == "img", relative
            names = [svg.find(id=identifier) for identifier in svg.get("aria-labelledby", "").split()]
            assert (names and all(name is not None and name.get_text(strip=True) for name in names)) or svg.get("aria-label"), relative
            if "x-chart" in svg.get("class", []):
                assert svg.find("title") and svg.find("desc") and [name.name for name in names] == ["title", "desc"], relative
    assert checked >= 2 * len(load_statistics()[0].tables())


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_one_year_on_page_points_to_the_figures_instead_of_copying_them(built_site: Path, figures, language):
    page = soup(built_site / ONE_YEAR_ON[language])
    assert page.select_one("article a[href$='statistics/']") is not None
    article_text = " ".join(table.get_text(" ") for table in page.select("article table"))
    largest = max((value for _, table in figures.tables() for series in table.series for value in series.values), key=lambda value: value)
    assert format_value(largest, "rate") not in article_text


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_at_320_pixels_charts_and_tables_fit_and_labels_do_not_overlap(browser, site_server, language):
    with fresh_tab(browser, NARROW) as tab:
        tab.goto(address(site_server, PAGES[language]))
        assert tab.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
        measured = tab.evaluate("""() => [...document.querySelectorAll('.x-statistic')].map(block => ({
            chart: block.querySelector('svg.x-chart').getBoundingClientRect().width,
            tableFits: (table => table.scrollWidth <= table.clientWidth)(block.querySelector('table')),
            years: [...block.querySelectorAll('.x-chart__year-label')].map(label => { const box = label.getBoundingClientRect(); return [box.left, box.right, box.height]; }),
        }))""")
        assert measured
        for block in measured:
            assert 0 < block["chart"] <= NARROW["width"]
            assert block["tableFits"]
            for (_, right, height), (left, _, _) in zip(block["years"], block["years"][1:]):
                assert right <= left  # year labels side by side, not on top of each other
            assert all(height >= 9 for _, _, height in block["years"])  # text still readable
