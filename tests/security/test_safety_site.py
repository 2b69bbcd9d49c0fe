"""The site built from hostile contributions: the strict build fails naming every file, and
even a build that is not strict publishes no live code (the allow-list, escaped titles and
refused files hold without the strict mode). And the real site holds no live code either.

The hostile contributions are the tricks that reached the published site before the
allow-list (issue 13) and others: an address split over two lines, an SVG with a script, a
script and an event attribute in a guidance page, an entity-encoded newline in a Welsh page's
address, a hostile title in front matter, a reference-style script link, an HTML file in docs/,
a picture whose bytes are HTML.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs.utils import yaml_load

from exchange import PROJECT_ROOT
from tests.safety_scan import live_code_in_site

HOSTILE_TITLE = "<img src=x onerror=alert(1)>"
PNG_HEADER = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + (10).to_bytes(4, "big") + (10).to_bytes(4, "big") + b"\x08\x02\x00\x00\x00"


def _append(path: Path, text: str) -> int:
    """Appends text to a file; returns the line the text starts on."""
    before = path.read_text(encoding="utf-8")
    if not before.endswith("\n"):
        before += "\n"
    path.write_text(before + "\n" + text + "\n", encoding="utf-8")
    return before.count("\n") + 2


def _hostile_project(root: Path) -> tuple[Path, dict[str, str], dict[str, int | None]]:
    """A copy of the project's content with hostile contributions: (config, environment,
    {file as the build names it: the line of the problem, or None for any line})."""
    expected: dict[str, int | None] = {}
    docs = root / "docs"
    shutil.copytree(PROJECT_ROOT / "docs", docs)
    folders = {}
    for name in ("case_studies", "news", "events", "resources"):
        shutil.copytree(PROJECT_ROOT / name, root / name)
        folders[name] = root / name

    def note(path: Path, line: int | None) -> None:
        expected[str(path)] = line

    # 1. A case study with an address split over two lines.
    path = folders["case_studies"] / "rumney-therapies" / "en.md"
    note(path, _append(path, '<a href="java\nscript:alert(1)">Read the report</a>'))
    # 2. An SVG picture beside a case study, and a "picture" whose bytes are HTML.
    svg = folders["case_studies"] / "rumney-designated-person" / "chart.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n', encoding="utf-8")
    note(svg, 1)
    fake = folders["case_studies"] / "rumney-designated-person" / "photo.png"
    fake.write_text("<html><script>alert(1)</script></html>\n", encoding="utf-8")
    note(fake, 1)
    # 3. A script and an event attribute in a guidance page.
    path = docs / "guidance" / "roles.md"
    line = _append(path, "<script>alert(1)</script>\n\n<div onmouseover=\"alert(1)\">Hover</div>")
    note(path, line)
    # 4. An entity-encoded newline in an address on a Welsh guidance page.
    path = docs / "cy" / "guidance" / "plans.md"
    note(path, _append(path, '<a href="java&#10;script:alert(1)">Darllen</a>'))
    # 5. A hostile title in a page's front matter.
    path = docs / "focus" / "care-leavers.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^title: .*$", f'title: "{HOSTILE_TITLE}"', text, count=1, flags=re.MULTILINE), encoding="utf-8")
    note(path, 2)
    # 6. A news post with the address split the same way.
    path = folders["news"] / "2016-01-raising-the-ambitions-published" / "en.md"
    note(path, _append(path, '<a href="java\nscript:alert(1)">Read</a>'))
    # 7. A Welsh event with a reference-style script link and an attribute list.
    path = folders["events"] / "foster-carer-master-classes-2017" / "cy.md"
    note(path, None)
    _append(path, "[Darllen][1]\n{: onclick=\"alert(1)\" }\n\n[1]: javascript:alert(1)")
    # 8. An HTML file in docs/ (MkDocs would publish it as it is).
    page = docs / "about" / "offer.html"
    page.write_text("<script>alert(1)</script>\n", encoding="utf-8")
    note(page, 1)
    # 9. A resource whose summary holds markup.
    path = folders["resources"] / "adoption-uk-parents-guide.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^(summary:\s*\n\s+en: )(.*)$", lambda m: m.group(1) + '"<img src=x onerror=alert(1)> ' + m.group(2).strip('"') + '"', text, count=1, flags=re.MULTILINE), encoding="utf-8")
    note(path, None)

    with (PROJECT_ROOT / "mkdocs.yml").open(encoding="utf-8") as handle:
        config = yaml_load(handle)  # MkDocs's own loader: it reads the !ENV tags
    config["docs_dir"] = str(docs)
    config["strict"] = False  # the strict build passes --strict; the other shows what a lenient build publishes
    config["theme"]["custom_dir"] = str(PROJECT_ROOT / "overrides")
    config["hooks"] = [str(PROJECT_ROOT / hook) for hook in config["hooks"]]
    config_path = root / "mkdocs.yml"
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    environment = {
        "EXCHANGE_CASE_STUDIES_DIR": str(folders["case_studies"]), "EXCHANGE_NEWS_DIR": str(folders["news"]),
        "EXCHANGE_EVENTS_DIR": str(folders["events"]), "EXCHANGE_RESOURCES_DIR": str(folders["resources"]),
    }
    return config_path, environment, expected


def _build(config: Path, site: Path, environment: dict[str, str], strict: bool) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)] + (["--strict"] if strict else [])
    # Run from the project (scripts and data are found there); the paths in messages are absolute
    # for files outside it, as the build shows them.
    return subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **environment})


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    config, environment, expected = _hostile_project(root)
    strict = _build(config, root / "strict-site", environment, strict=True)
    lenient = _build(config, root / "site", environment, strict=False)
    return strict, lenient, root / "site", expected, root


def test_the_strict_build_fails_naming_every_hostile_file(hostile):
    strict, _, _, expected, _ = hostile
    output = strict.stdout + strict.stderr
    assert strict.returncode != 0
    assert "Traceback" not in output
    for path, line in expected.items():
        if line is None:
            assert f"{path}:" in output, f"{path} is not named:\n{output[-4000:]}"
        else:
            assert f"{path}:{line}:" in output, f"{path}:{line} is not named:\n{output[-4000:]}"


def test_the_messages_say_what_to_write_instead(hostile):
    output = hostile[0].stdout + hostile[0].stderr
    assert "uses 'javascript:', which is not allowed" in output and "use https://" in output
    assert "the event attribute onmouseover= on <div> could run code: remove it" in output
    assert "the HTML element <script> is not allowed" in output
    assert "SVG pictures are not accepted from contributors" in output
    assert "is not a PNG, JPEG, WebP or GIF picture" in output
    assert f"the title '{HOSTILE_TITLE}' holds HTML" in output


def test_even_a_lenient_build_publishes_no_live_code(hostile):
    _, lenient, site, _, _ = hostile
    assert lenient.returncode == 0, (lenient.stdout + lenient.stderr)[-3000:]
    assert (site / "404.html").is_file()
    assert live_code_in_site(site) == {}
    assert not (site / "about" / "offer.html").exists()
    assert not list(site.rglob("chart.svg")) and not list(site.rglob("photo.png"))


def test_the_hostile_title_is_text_everywhere(hostile):
    site = hostile[2]
    pages = list(site.rglob("*.html"))
    assert any("&lt;img src=x onerror=alert(1)&gt;" in page.read_text(encoding="utf-8") for page in pages)
    for page in pages:
        assert "<img src=x onerror" not in page.read_text(encoding="utf-8"), page
    # The navigation of every page (404.html included) names the page: as text.
    assert "&lt;img src=x onerror=alert(1)&gt;" in (site / "404.html").read_text(encoding="utf-8")


def test_the_real_site_holds_no_live_code(built_site):
    assert live_code_in_site(built_site) == {}


def test_make_check_says_what_the_build_says(hostile):
    """scripts/check_safety.py (make check) names the same files and lines as the build, from
    the same functions, without building."""
    strict, _, _, expected, root = hostile
    folders = [root / "docs", root / "case_studies", root / "news", root / "events"]
    result = subprocess.run([sys.executable, str(PROJECT_ROOT / "scripts" / "check_safety.py"), *map(str, folders)],
                            cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    reported = {line.split(": ", 1)[0] for line in result.stdout.splitlines() if line}
    build = strict.stdout + strict.stderr
    for place in reported:
        assert f"{place}:" in build, f"make check says {place}, the build does not"
    for path, line in expected.items():
        if not path.endswith(".yml"):  # a resource's fields are the collection checks' (make check runs them too)
            assert any(place.startswith(f"{path}:") for place in reported), path
