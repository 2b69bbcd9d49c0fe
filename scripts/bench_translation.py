#!/usr/bin/env python3
"""How the translation package does on the project's real pages: `scripts/bench_translation.py`.

In a temporary copy of the project's content, every Welsh page, case study, news post and
event is removed and listed as waiting; the package is exported (units, words, size, time);
each unit's target is filled with the project's real Welsh for it, where that Welsh can be
written with the English unit's tags (plus words marked as English); the package is imported
(time) and the Welsh files it writes are compared, block by block, with the real ones.
Prints the figures; changes nothing in the project.
"""

from __future__ import annotations

import collections
import shutil
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lxml import etree  # noqa: E402

from exchange import PROJECT_ROOT  # noqa: E402
from exchange.core.frontmatter import parse_document, read_document  # noqa: E402
from exchange.welsh.translation_package import (ALLOWED_ADDITION, ENGLISH_MARK, XLIFF_12, XLIFF_NAME, export_package,  # noqa: E402
                                          field_units, import_package, retarget)
from exchange.welsh.translation_units import Code, Span, make_unit, render, split_blocks  # noqa: E402
from exchange.welsh.translations import translation_pairs  # noqa: E402

CONTENT = ("docs", "case_studies", "news", "events", "resources", "exchange/data")


def code_key(code: Code | Span) -> tuple:
    return ("code", code.text) if isinstance(code, Code) else ("span", code.opening, ENGLISH_MARK.sub("", code.closing))


def target_xml(parts, ids: dict[tuple, list[str]], closings: dict[tuple, str]) -> str | None:
    """The XLIFF target of a real Welsh unit with the English unit's tag ids, or None when
    the Welsh uses Markdown the English does not have."""
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(escape(part))
            continue
        key = code_key(part)
        if isinstance(part, Span) and ALLOWED_ADDITION.match(f"{part.opening}…{part.closing}") and not ids.get(key):
            out.append(escape(render([part])))  # words marked as English, typed by the translator
            continue
        if not ids.get(key):
            return None
        if isinstance(part, Code):
            out.append(f'<x id="{ids[key].pop(0)}"/>')
            continue
        inner = target_xml(part.parts, ids, closings)
        if inner is None:
            return None
        out.append(f'<g id="{ids[key].pop(0)}">{inner}</g>' + ("{lang=en}" if part.closing.endswith("{lang=en}") and not closings[key].endswith("{lang=en}") else ""))
    return "".join(out)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name in CONTENT:
            shutil.copytree(PROJECT_ROOT / name, root / name)
        pairs = [pair for pair in translation_pairs(root / "docs", root) if pair.welsh.is_file() and pair.english.is_file()]
        real: dict[str, tuple] = {}
        originals: dict[Path, str] = {}
        for pair in pairs:
            english, _ = read_document(pair.english)
            welsh, _ = read_document(pair.welsh)
            name = pair.english.relative_to(root).as_posix()
            english_blocks = [block for block in split_blocks(english.body, english.body_line) if block.units]
            welsh_blocks = [block for block in split_blocks(welsh.body, welsh.body_line) if block.units]
            for english_block, welsh_block in zip(english_blocks, welsh_blocks):
                for english_unit, welsh_unit in zip(english_block.units, welsh_block.units):
                    real[f"{name}#{english_unit.key}"] = (english_unit, welsh_unit, pair)
            for unit in field_units(english):
                value = welsh.meta.get(unit.key.removeprefix("meta."))
                if isinstance(value, str):
                    real[f"{name}#{unit.key}"] = (unit, make_unit(unit.key, "field", 1, " ".join(value.split())), pair)
            originals[pair.welsh] = pair.welsh.read_text(encoding="utf-8")
            pair.welsh.unlink()
        (root / "translations-waiting.yml").write_text("waiting:\n" + "".join(f"  - {pair.english.relative_to(root).as_posix()}\n" for pair in pairs), encoding="utf-8")

        started = time.perf_counter()
        report = export_package(root, root / "out")
        export_seconds = time.perf_counter() - started
        package = root / "out" / XLIFF_NAME
        print(f"export: {report.unit_count} units, {report.word_count} words from {len(report.sources)} files; "
              f"{package.stat().st_size / 1e6:.2f} MB of XLIFF; {export_seconds:.2f} s")

        tree = etree.parse(str(package))
        filled = different = 0
        for unit in tree.iter(f"{{{XLIFF_12}}}trans-unit"):
            found = real.get(unit.get("id"))
            if found is None:
                continue
            english_unit, welsh_unit, pair = found
            ids: dict[tuple, list[str]] = collections.defaultdict(list)
            closings: dict[tuple, str] = {}
            for code in retarget(english_unit.codes, pair.english, pair.welsh, root / "docs").values():
                ids[code_key(code)].append(code.id)
                closings[code_key(code)] = code.closing if isinstance(code, Span) else ""
            xml = target_xml(welsh_unit.parts, ids, closings)
            if xml is None or any(ids.values()):
                different += 1
                continue
            target = etree.fromstring(f'<target xmlns="{XLIFF_12}" state="translated">{xml}</target>')
            unit.find(f"{{{XLIFF_12}}}source").addnext(target)
            filled += 1
        tree.write(str(root / "filled.xlf"), xml_declaration=True, encoding="UTF-8")
        print(f"real Welsh units written with the English's tags: {filled} of {filled + different} "
              f"({100 * filled / max(filled + different, 1):.1f} %); the others use Markdown of their own")

        started = time.perf_counter()
        result = import_package(root / "filled.xlf", root, check=False)
        import_seconds = time.perf_counter() - started
        errors = [problem for problem in result.problems if problem.severity == "error"]
        print(f"import: {sum(result.written.values())} units into {len(result.written)} files, {len(result.stamped)} stamped, "
              f"{len(errors)} errors; {import_seconds:.2f} s (without the spelling check)")
        same = total = whole = written = 0
        for pair in pairs:
            if not pair.welsh.is_file():
                continue
            written += 1
            now, _ = read_document(pair.welsh)
            before, _ = parse_document(pair.welsh, originals[pair.welsh].encode("utf-8"))
            now_blocks = [tuple(unit.text for unit in block.units) for block in split_blocks(now.body) if block.units]
            old_blocks = [tuple(unit.text for unit in block.units) for block in split_blocks(before.body) if block.units]
            total += len(old_blocks)
            same += sum(a == b for a, b in zip(now_blocks, old_blocks))
            whole += now_blocks == old_blocks
        print(f"Welsh files written: {written} of {len(pairs)} (the rest wait for units that use Markdown of their own); "
              f"text blocks identical to the real Welsh: {same} of {total}; files identical block for block: {whole}")
        for error in errors[:5]:
            print(f"  {error}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
