"""School attendance and exclusion figures: one data file, checked, drawn as tables and charts.

`exchange/data/statistics.yml` holds the figures of the one-year-on report (2017) exactly as
printed. `load_statistics` reads it once into records and returns every problem found as
`path:line: message` (never a traceback); `scripts/check_statistics.py`, the build
(exchange/hooks/statistics.py) and the tests all use it. `statistics_view` turns the records
into what overrides/statistics.html and overrides/partials/chart-*.svg need: the numbers are
formatted and every coordinate of the charts is computed here, so the templates only place
them. The charts are built at build time: no JavaScript draws them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from pathlib import Path
from typing import Any, Iterable

import yaml

from exchange import DATA_DIR, LANGUAGES
from exchange.core.data_files import load_data
from exchange.core.frontmatter import _yaml_problem  # the same line and hint as for front matter
from exchange.core.problems import Problem, display_path
from exchange.core.strings import translate

STATISTICS_FILE = DATA_DIR / "statistics.yml"
ROOT_FIELDS = ("source", "groups", "sections")
SECTION_FIELDS = ("id", "title", "report_figure", "measure", "unit", "decimals", "compared_with", "tables")
TABLE_FIELDS = ("id", "title", "coverage", "years", "values")
LINK_FIELDS = ("title", "url", "moved")
UNITS = ("percent", "rate")
IDENTIFIER = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SCHOOL_YEAR = re.compile(r"^(\d{4})–(\d{2})$")
SCHOOL_YEAR_WITH_HYPHEN = re.compile(r"^(\d{4})[-‐‑−—](\d{2})$")
FIGURE = re.compile(r"^\d+(?:\.(\d+))?$")
URL = re.compile(r"^https?://[^\s\"'<>`]+\.[^\s\"'<>`]+$")
MAX_DECIMALS = 3


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class Series:
    group: str
    label: dict[str, str]  # the group's name, by language
    values: tuple[Decimal, ...]  # one per year, as printed (Decimal keeps 95.0 as 95.0)


@dataclass(frozen=True)
class StatisticsTable:
    id: str
    title: dict[str, str]
    coverage: dict[str, str]
    years: tuple[str, ...]
    series: tuple[Series, ...]
    line: int


@dataclass(frozen=True)
class ComparisonSource:
    title: str  # as published, in English
    url: str
    moved: bool


@dataclass(frozen=True)
class StatisticsSection:
    id: str
    title: dict[str, str]
    report_figure: int
    measure: dict[str, str]
    unit: str  # one of UNITS
    decimals: int
    compared_with: tuple[ComparisonSource, ...]
    tables: tuple[StatisticsTable, ...]


@dataclass(frozen=True)
class Statistics:
    source: str
    sections: tuple[StatisticsSection, ...]

    def tables(self) -> list[tuple[StatisticsSection, StatisticsTable]]:
        return [(section, table) for section in self.sections for table in section.tables]


# ---------------------------------------------------------------- reading and checking


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


class _Reader:
    """Walks the YAML nodes, so that every problem names the line it is on."""

    def __init__(self, shown: str):
        self.shown = shown
        self.problems: list[Problem] = []
        self.key_lines: dict[int, int] = {}  # a value's node -> the line of its field's name

    def problem(self, node: yaml.Node, field: str, message: str) -> None:
        """A problem on the line of the field's name (a block list or mapping starts a line
        later than its name, and the editor looks for the name)."""
        line = self.key_lines.get(id(node), _line(node))
        self.problems.append(Problem(self.shown, line, f"{field}: {message}" if field else message, field=field))

    def mapping(self, node: yaml.Node, field: str, allowed: Iterable[str], required: Iterable[str]) -> dict[str, yaml.Node] | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, field, f"must be a list of 'name: value' lines with {', '.join(required)}")
            return None
        allowed = tuple(allowed)
        found: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            self.key_lines[id(value_node)] = _line(key_node)
            if key in found:
                self.problem(key_node, _join(field, key), "is given twice: keep one")
            elif key not in allowed:
                self.problem(key_node, _join(field, key), f"is not a field here: remove it, or use one of {', '.join(allowed)}")
            else:
                found[key] = value_node
        for key in required:
            if key not in found:
                self.problem(node, _join(field, key), f"is missing: add '{key}:' here")
        return found

    def text(self, node: yaml.Node, field: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
            self.problem(node, field, "must be a line of text")
            return None
        return str(node.value).strip()

    def translated_text(self, node: yaml.Node, field: str) -> dict[str, str] | None:
        """A text in every language: a mapping with 'en' and 'cy'."""
        fields = self.mapping(node, field, LANGUAGES, LANGUAGES)
        if fields is None:
            return None
        texts = {language: self.text(fields[language], _join(field, language)) for language in LANGUAGES if language in fields}
        if len(texts) != len(LANGUAGES) or None in texts.values():
            return None
        return texts  # type: ignore[return-value]

    def identifier(self, node: yaml.Node, field: str) -> str | None:
        value = self.text(node, field)
        if value is not None and not IDENTIFIER.match(value):
            self.problem(node, field, f"'{value}' is not an id: use lowercase letters, digits and hyphens, like 'attendance-primary'")
            return None
        return value

    def integer(self, node: yaml.Node, field: str, lowest: int, highest: int) -> int | None:
        value = str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""
        if not re.fullmatch(r"\d+", value) or not lowest <= int(value) <= highest:
            self.problem(node, field, f"must be a whole number from {lowest} to {highest}")
            return None
        return int(value)

    def sequence(self, node: yaml.Node, field: str) -> list[yaml.Node] | None:
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            self.problem(node, field, "must be a list with at least one item")
            return None
        return list(node.value)


def _join(field: str, key: object) -> str:
    return f"{field}.{key}" if field else str(key)


def load_statistics(path: Path = STATISTICS_FILE) -> tuple[Statistics | None, list[Problem]]:
    """The figures, and every problem found. A table with a problem is left out of the
    records (and its problem reported); a file that cannot be read gives no records."""
    shown = display_path(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(shown, 1, "the statistics file is missing: restore exchange/data/statistics.yml")]
    except UnicodeDecodeError:
        return None, [Problem(shown, 1, "the file is not saved as UTF-8 text: save it again with UTF-8 encoding")]
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        return None, [_yaml_problem(shown, error, 1, "the file")]
    reader = _Reader(shown)
    if root is None:
        return None, [Problem(shown, 1, "the file is empty: it needs source, groups and sections")]
    fields = reader.mapping(root, "", ROOT_FIELDS, ROOT_FIELDS)
    if fields is None:
        return None, reader.problems
    source = _read_source(reader, fields.get("source"))
    groups = _read_groups(reader, fields.get("groups"))
    sections = _read_sections(reader, fields.get("sections"), groups or {})
    if source is None or groups is None:
        return None, reader.problems
    return Statistics(source, tuple(sections)), reader.problems


def _read_source(reader: _Reader, node: yaml.Node | None) -> str | None:
    if node is None:
        return None
    source = reader.text(node, "source")
    if source is not None and source not in load_data("sources"):
        reader.problem(node, "source", f"'{source}' is not in exchange/data/sources.yml: use the id of the report there (one-year-on-2017)")
        return None
    return source


def _read_groups(reader: _Reader, node: yaml.Node | None) -> dict[str, dict[str, str]] | None:
    if node is None:
        return None
    if not isinstance(node, yaml.MappingNode) or not node.value:
        reader.problem(node, "groups", "must list each group by id, with its name in English (en) and Welsh (cy)")
        return None
    groups: dict[str, dict[str, str]] = {}
    for key_node, value_node in node.value:
        field = f"groups.{key_node.value}"
        name = reader.identifier(key_node, field)
        if name is None:
            continue
        if name in groups:
            reader.problem(key_node, field, "is given twice: keep one")
            continue
        label = reader.translated_text(value_node, field)
        if label is not None:
            groups[name] = label
    if len(groups) > len(SERIES_STYLES):
        reader.problem(node, "groups", f"has {len(groups)} groups, but a chart can show at most {len(SERIES_STYLES)} lines told apart by pattern and marker: remove some")
    return groups


def _read_sections(reader: _Reader, node: yaml.Node | None, groups: dict[str, dict[str, str]]) -> list[StatisticsSection]:
    if node is None:
        return []
    items = reader.sequence(node, "sections")
    sections: list[StatisticsSection] = []
    seen_ids: set[str] = set()
    for index, item in enumerate(items or []):
        section = _read_section(reader, item, index, groups, seen_ids)
        if section is not None:
            sections.append(section)
    return sections


def _read_section(reader: _Reader, node: yaml.Node, index: int, groups: dict, seen_ids: set[str]) -> StatisticsSection | None:
    field = f"sections[{index}]"
    fields = reader.mapping(node, field, SECTION_FIELDS, SECTION_FIELDS)
    if fields is None:
        return None
    section_id = reader.identifier(fields["id"], f"{field}.id") if "id" in fields else None
    if section_id is not None:
        field = f"sections[{section_id}]"
        if section_id in seen_ids:
            reader.problem(fields["id"], f"{field}.id", f"the id '{section_id}' is used twice: give each section and table an id of its own")
        seen_ids.add(section_id)
    title = reader.translated_text(fields["title"], f"{field}.title") if "title" in fields else None
    measure = reader.translated_text(fields["measure"], f"{field}.measure") if "measure" in fields else None
    figure = reader.integer(fields["report_figure"], f"{field}.report_figure", 1, 99) if "report_figure" in fields else None
    decimals = reader.integer(fields["decimals"], f"{field}.decimals", 0, MAX_DECIMALS) if "decimals" in fields else None
    unit = reader.text(fields["unit"], f"{field}.unit") if "unit" in fields else None
    if unit is not None and unit not in UNITS:
        reader.problem(fields["unit"], f"{field}.unit", f"'{unit}' is not a unit: use percent (shown as 95.3%) or rate (a number, as 196.5)")
        unit = None
    compared_with = _read_links(reader, fields["compared_with"], f"{field}.compared_with") if "compared_with" in fields else None
    if None in (section_id, title, measure, figure, decimals, unit, compared_with) or "tables" not in fields:
        return None
    tables = []
    for table_index, table_node in enumerate(reader.sequence(fields["tables"], f"{field}.tables") or []):
        table = _read_table(reader, table_node, f"{field}.tables[{table_index}]", unit, decimals, groups, seen_ids)
        if table is not None:
            tables.append(table)
    return StatisticsSection(section_id, title, figure, measure, unit, decimals, tuple(compared_with), tuple(tables))


def _read_links(reader: _Reader, node: yaml.Node, field: str) -> list[ComparisonSource] | None:
    items = reader.sequence(node, field)
    if items is None:
        return None
    links = []
    for index, item in enumerate(items):
        fields = reader.mapping(item, f"{field}[{index}]", LINK_FIELDS, ("title", "url"))
        if fields is None:
            return None
        title = reader.text(fields["title"], f"{field}[{index}].title") if "title" in fields else None
        url = reader.text(fields["url"], f"{field}[{index}].url") if "url" in fields else None
        if url is not None and not URL.match(url):
            reader.problem(fields["url"], f"{field}[{index}].url", f"'{url}' is not a web address: write it in full, starting with https://")
            url = None
        moved = False
        if "moved" in fields:
            moved_text = str(fields["moved"].value).strip() if isinstance(fields["moved"], yaml.ScalarNode) else ""
            if moved_text not in ("true", "false"):
                reader.problem(fields["moved"], f"{field}[{index}].moved", "must be true (the address has probably moved) or false")
                return None
            moved = moved_text == "true"
        if title is None or url is None:
            return None
        links.append(ComparisonSource(title, url, moved))
    return links


def _read_table(reader: _Reader, node: yaml.Node, field: str, unit: str, decimals: int, groups: dict, seen_ids: set[str]) -> StatisticsTable | None:
    fields = reader.mapping(node, field, TABLE_FIELDS, TABLE_FIELDS)
    if fields is None:
        return None
    table_id = reader.identifier(fields["id"], f"{field}.id") if "id" in fields else None
    if table_id is not None:
        field = field.rsplit(".tables[", 1)[0] + f".tables[{table_id}]"
        if table_id in seen_ids:
            reader.problem(fields["id"], f"{field}.id", f"the id '{table_id}' is used twice: give each section and table an id of its own")
            table_id = None
        else:
            seen_ids.add(table_id)
    title = reader.translated_text(fields["title"], f"{field}.title") if "title" in fields else None
    coverage = reader.translated_text(fields["coverage"], f"{field}.coverage") if "coverage" in fields else None
    years = _read_years(reader, fields["years"], f"{field}.years") if "years" in fields else None
    series = _read_values(reader, fields["values"], f"{field}.values", years, unit, decimals, groups) if "values" in fields and years else None
    if None in (table_id, title, coverage, years, series):
        return None
    return StatisticsTable(table_id, title, coverage, tuple(years), tuple(series), _line(node))


def _read_years(reader: _Reader, node: yaml.Node, field: str) -> list[str] | None:
    items = reader.sequence(node, field)
    if items is None:
        return None
    years: list[str] = []
    for index, item in enumerate(items):
        text = str(item.value).strip() if isinstance(item, yaml.ScalarNode) else ""
        match = SCHOOL_YEAR.match(text)
        if not match:
            if SCHOOL_YEAR_WITH_HYPHEN.match(text):
                reader.problem(item, f"{field}[{index}]", f"'{text}': write school years with an en dash, as the report does (2011–12), not a hyphen")
            else:
                reader.problem(item, f"{field}[{index}]", f"'{text}' is not a school year: write it like 2011–12")
            return None
        start, end = int(match.group(1)), int(match.group(2))
        if end != (start + 1) % 100:
            reader.problem(item, f"{field}[{index}]", f"'{text}' is not a school year: a school year that starts in {start} ends in {(start + 1) % 100:02d}")
            return None
        if years and start != int(years[-1][:4]) + 1:
            reader.problem(item, f"{field}[{index}]", f"'{text}' does not follow {years[-1]}: list the school years one after another, oldest first")
            return None
        years.append(text)
    return years


def _read_values(reader: _Reader, node: yaml.Node, field: str, years: list[str], unit: str, decimals: int, groups: dict) -> list[Series] | None:
    if not isinstance(node, yaml.MappingNode) or not node.value:
        reader.problem(node, field, "must give, for each group id, a list of figures: 'looked-after: [95.3, 95.3]'")
        return None
    series: list[Series] = []
    ok = True
    for key_node, value_node in node.value:
        group = str(key_node.value)
        group_field = f"{field}.{group}"
        if group not in groups:
            known = ", ".join(groups) or "none yet"
            reader.problem(key_node, group_field, f"'{group}' is not a group: use one of the ids under 'groups' ({known}), or add it there")
            ok = False
            continue
        if any(existing.group == group for existing in series):
            reader.problem(key_node, group_field, "is given twice: keep one")
            ok = False
            continue
        values = _read_figures(reader, value_node, group_field, years, unit, decimals)
        if values is None:
            ok = False
            continue
        series.append(Series(group, groups[group], tuple(values)))
    given = {item.group for item in series}
    for group in groups:
        if group not in given and ok:
            reader.problem(node, f"{field}.{group}", f"the figures for '{group}' are missing: add '{group}: [...]' with one figure per year")
            ok = False
    if not ok:
        return None
    order = list(groups)
    return sorted(series, key=lambda item: order.index(item.group))


def _read_figures(reader: _Reader, node: yaml.Node, field: str, years: list[str], unit: str, decimals: int) -> list[Decimal] | None:
    if not isinstance(node, yaml.SequenceNode):
        reader.problem(node, field, f"must be a list of figures, one per year, like [{', '.join(['95.3'] * min(len(years), 2))}]")
        return None
    if len(node.value) != len(years):
        reader.problem(node, field, f"has {len(node.value)} figure(s) but there are {len(years)} years ({years[0]} to {years[-1]}): give one figure per year, in the order of the years")
        return None
    values = []
    for year, item in zip(years, node.value):
        text = str(item.value).strip() if isinstance(item, yaml.ScalarNode) else ""
        match = FIGURE.match(text)
        where = f"{field} ({year})"
        if not match:
            reader.problem(item, where, f"'{text}' is not a figure: write the number as the report prints it, like 95.3, without % or commas")
            return None
        given_decimals = len(match.group(1) or "")
        if given_decimals != decimals:
            reader.problem(item, where, f"'{text}' has {given_decimals} decimal place(s) but the section's figures have {decimals}: copy the figure exactly as the report prints it (95.0, not 95)")
            return None
        value = Decimal(text)
        if unit == "percent" and value > 100:
            reader.problem(item, where, f"'{text}' is more than 100, which a percentage cannot be: check the figure against the report")
            return None
        values.append(value)
    return values


def check_statistics(paths: list[Path] | None = None) -> list[Problem]:
    """The checker's entry point: every problem in the statistics file (or the files given)."""
    problems: list[Problem] = []
    for path in paths or [STATISTICS_FILE]:
        problems.extend(load_statistics(path)[1])
    return problems


# ---------------------------------------------------------------- numbers


def format_value(value: Decimal, unit: str) -> str:
    """A figure as the report prints it: 95.3% for a percentage, 196.5 for a rate."""
    text = f"{value:f}"
    return f"{text}%" if unit == "percent" else text


@dataclass(frozen=True)
class ValueAxis:
    low: Decimal
    high: Decimal
    step: Decimal

    @property
    def ticks(self) -> list[Decimal]:
        count = int((self.high - self.low) / self.step)
        return [self.low + self.step * index for index in range(count + 1)]

    def tick_decimals(self) -> int:
        return max(0, -self.step.normalize().as_tuple().exponent)


NICE_STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5))
MAX_TICKS = 7


def value_axis(values: Iterable[Decimal]) -> ValueAxis:
    """The vertical axis for some figures: round steps (1, 2, 2.5 or 5 times a power of ten),
    at most MAX_TICKS labels. It starts at zero unless every figure is more than half the
    largest (attendance between 92% and 97%): there a zero start would flatten the lines
    into one, so the axis fits the figures and the chart's description says where it starts."""
    values = list(values)
    highest, lowest = max(values), min(values)
    start = lowest if lowest * 2 > highest else Decimal(0)
    if highest == start:  # every figure the same: show a band around it
        start = Decimal(0) if highest > 0 else highest - 1
        highest = highest if highest > start else start + 1
    span = highest - start
    exponent = span.adjusted() - 1
    while True:
        for nice in NICE_STEPS:
            step = nice.scaleb(exponent)
            low = (start / step).to_integral_value(rounding=ROUND_FLOOR) * step
            high = (highest / step).to_integral_value(rounding=ROUND_CEILING) * step
            if (high - low) / step + 1 <= MAX_TICKS:
                return ValueAxis(low, high, step)
        exponent += 1


def _format_tick(value: Decimal, decimals: int, unit: str) -> str:
    return format_value(value.quantize(Decimal(1).scaleb(-decimals)), unit)


# ---------------------------------------------------------------- what the templates show


@dataclass(frozen=True)
class SeriesStyle:
    colour: str  # at least 3:1 against the white page (WCAG 1.4.11), checked by a test
    dash: str  # the line's pattern (stroke-dasharray), "" for a solid line
    marker: str  # circle, square or triangle: a shape at each figure


# Told apart by pattern and marker shape as well as colour (WCAG 1.4.1). Colours: the site's
# teal, a dark orange and the site's plum.
SERIES_STYLES = (
    SeriesStyle("#00566b", "", "circle"),
    SeriesStyle("#b35900", "8 5", "square"),
    SeriesStyle("#7a1f5c", "2 4", "triangle"),
)


@dataclass(frozen=True)
class ChartFrame:
    """The chart's drawing area, in the SVG's own units (its viewBox): the SVG scales to the
    width of its box, so the same drawing serves a 320-pixel phone and a wide screen."""

    width: int = 400
    height: int = 250
    left: int = 56  # room for the value labels
    right: int = 14
    top: int = 34  # room for the axis title
    bottom: int = 36  # room for the years
    inset: int = 30  # between the ends of the plot and the first and last years

    @property
    def plot_bottom(self) -> int:
        return self.height - self.bottom

    @property
    def plot_right(self) -> int:
        return self.width - self.right


FRAME = ChartFrame()


def _x_positions(count: int, frame: ChartFrame = FRAME) -> list[float]:
    first, last = frame.left + frame.inset, frame.plot_right - frame.inset
    if count == 1:
        return [round((first + last) / 2, 2)]
    return [round(first + (last - first) * index / (count - 1), 2) for index in range(count)]


def _y_position(value: Decimal, axis: ValueAxis, frame: ChartFrame = FRAME) -> float:
    share = (value - axis.low) / (axis.high - axis.low)
    return round(float(frame.plot_bottom - (frame.plot_bottom - frame.top) * share), 2)


def _list_phrase(items: list[str], language: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {translate('statistics.and', language)} {items[-1]}"


def chart_description(section: StatisticsSection, table: StatisticsTable, axis: ValueAxis, language: str) -> str:
    """What the chart shows, in words, for people who cannot see it: the figures at the start
    and end, the highest and lowest, and where the axis starts and ends."""
    def shown(value: Decimal) -> str:
        return format_value(value, section.unit)

    sentences = [translate("statistics.chart.summary", language)]
    for series in table.series:
        highest, lowest = max(series.values), min(series.values)
        if highest == lowest:
            sentences.append(translate("statistics.chart.series_unchanged", language, group=series.label[language], value=shown(highest)))
            continue
        sentences.append(translate(
            "statistics.chart.series", language, group=series.label[language],
            first=shown(series.values[0]), first_year=table.years[0], last=shown(series.values[-1]), last_year=table.years[-1],
            highest=shown(highest), highest_years=_list_phrase([year for year, value in zip(table.years, series.values) if value == highest], language),
            lowest=shown(lowest), lowest_years=_list_phrase([year for year, value in zip(table.years, series.values) if value == lowest], language),
        ))
    decimals = axis.tick_decimals()
    sentences.append(translate("statistics.chart.axis", language, measure=section.measure[language],
                               low=_format_tick(axis.low, decimals, section.unit), high=_format_tick(axis.high, decimals, section.unit)))
    sentences.append(translate("statistics.chart.table", language))
    return " ".join(sentences)


def chart_view(section: StatisticsSection, table: StatisticsTable, language: str, frame: ChartFrame = FRAME) -> dict[str, Any]:
    """Everything overrides/partials/chart-line.svg draws, coordinates included."""
    axis = value_axis(value for series in table.series for value in series.values)
    decimals = axis.tick_decimals()
    xs = _x_positions(len(table.years), frame)
    series_views = []
    for series, style in zip(table.series, SERIES_STYLES):
        points = [{"x": x, "y": _y_position(value, axis, frame), "label": format_value(value, section.unit), "year": year}
                  for x, year, value in zip(xs, table.years, series.values)]
        series_views.append({
            "group": series.group, "label": series.label[language],
            "colour": style.colour, "dash": style.dash, "marker": style.marker, "points": points,
            "polyline": " ".join(f"{point['x']:g},{point['y']:g}" for point in points),
        })
    return {
        "id": f"chart-{table.id}",
        "title_id": f"chart-{table.id}-title",
        "description_id": f"chart-{table.id}-description",
        "title": translate("statistics.chart.title", language, title=table.title[language], first_year=table.years[0], last_year=table.years[-1]),
        "description": chart_description(section, table, axis, language),
        "width": frame.width, "height": frame.height,
        "plot_left": frame.left, "plot_right": frame.plot_right, "plot_top": frame.top, "plot_bottom": frame.plot_bottom,
        "axis_title": section.measure[language],
        "value_ticks": [{"label": _format_tick(tick, decimals, section.unit), "y": _y_position(tick, axis, frame)} for tick in axis.ticks],
        "year_ticks": [{"label": year, "x": x} for year, x in zip(table.years, xs)],
        "series": series_views,
    }


def table_view(section: StatisticsSection, table: StatisticsTable, language: str) -> dict[str, Any]:
    """The figures as a data table: one row per school year, one column per group (three
    columns fit a 320-pixel screen; a column per year would not)."""
    return {
        "id": f"table-{table.id}",
        "caption": translate("statistics.table.caption", language, title=table.title[language], measure=section.measure[language],
                             first_year=table.years[0], last_year=table.years[-1]),
        "columns": [series.label[language] for series in table.series],
        "rows": [{"year": year, "cells": [format_value(series.values[index], section.unit) for series in table.series]}
                 for index, year in enumerate(table.years)],
    }


def statistics_view(statistics: Statistics | None, language: str) -> dict[str, Any]:
    """The statistics page in one language: sections, each with its tables and charts."""
    if statistics is None:
        return {"sections": []}
    report = load_data("sources")[statistics.source]
    sections = []
    for section in statistics.sections:
        sections.append({
            "id": section.id,
            "title": section.title[language],
            "report_note": translate("statistics.report_figure", language, figure=section.report_figure, source=report["title"][language],
                                     publisher=report["publisher"][language], year=report.get("year", "")),
            "compared_with": [{"title": link.title, "url": link.url, "moved": link.moved} for link in section.compared_with],
            "tables": [_table_item(section, table, language) for table in section.tables],
        })
    return {"sections": sections}


def _table_item(section: StatisticsSection, table: StatisticsTable, language: str) -> dict[str, Any]:
    chart = chart_view(section, table, language)
    return {
        "id": table.id,
        "title": table.title[language],
        "coverage": table.coverage[language],
        "legend": [{key: series[key] for key in ("label", "colour", "dash", "marker")} for series in chart["series"]],
        "chart": chart,
        "table": table_view(section, table, language),
    }


def outline(view: dict[str, Any]) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """The headings the template writes (id, title, and the tables' ids and titles), for the
    page's table of contents."""
    return [(section["id"], section["title"], [(table["id"], table["title"]) for table in section["tables"]]) for section in view["sections"]]
