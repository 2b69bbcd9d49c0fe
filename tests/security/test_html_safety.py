"""Each rule of "safe by construction" (issue 13) on its own, with good and bad fixtures: the
HTML allow-list on rendered Markdown, the lines it names, titles, pictures by their bytes and
sizes, the site's own SVG drawings, and the Content-Security-Policy."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from exchange.pages import csp
from exchange.content import html_safety
from exchange.content import pictures
from exchange.content.html_safety import canonical, check_markdown_file, findings, render_markdown, url_scheme
from tests.rule_fixtures import LIVE_CODE_BODIES

# The tricks that reached the published site before the allow-list, and others.
HOSTILE = {
    "address split over two lines": '<a href="java\nscript:alert(1)">Read the report</a>',
    "script element": "<script>alert(1)</script>",
    "event attribute": '<div onmouseover="alert(1)">Hover</div>',
    "entity newline in an address": '<a href="java&#10;script:alert(1)">Darllen</a>',
    "entity-encoded scheme in Markdown": "[x](&#106;avascript:alert(1))",
    "hex entity and &colon;": '<a href="&#x6A;avascript&colon;alert(1)">x</a>',
    "control character before the scheme": '<a href="\x01javascript:alert(1)">x</a>',
    "tab inside the scheme": '<a href="java\tscript:alert(1)">x</a>',
    "space before the scheme": '<a href=" javascript:alert(1)">x</a>',
    "attribute list": 'Text\n{: onclick="alert(1)" }',
    "attribute list on a link": '[x](https://example.org){: onclick="alert(1)" }',
    "reference-style link": "[x][1]\n\n[1]: javascript:alert(1)",
    "autolink": "<javascript:alert(1)>",
    "angle-bracket link": "[x](<javascript:alert(1)>)",
    "raw HTML block over lines": '<div>\n<p>\n<span class="a"\n  onclick="alert(1)">x</span>\n</p>\n</div>',
    "data: link": "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "vbscript": "[x](vbscript:msgbox(1))",
    "svg with script": "<svg><script>alert(1)</script></svg>",
    "img onerror": "<img src=x onerror=alert(1)>",
    "iframe": '<iframe src="https://example.org"></iframe>',
    "style attribute": '<p style="position:fixed;top:0">Log in again</p>',
    "form": '<form action="https://example.org"><input name="password"></form>',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=https://example.org">',
    "base": '<base href="https://example.org/">',
    "the theme's own id": "Text\n{: #__config }",
}
GOOD = {
    "paragraph and emphasis": "Some *text* and **bold** and `code`.",
    "links": "[A guide](https://gov.wales/guide), [mail](mailto:someone@example.org), [ring](tel:+440000000000), [page](../roles.md#top).",
    "autolinks": "<https://gov.wales/guide> and <someone@example.org>",
    "picture": "![The school hall](hall.jpg){: width=\"300\" }",
    "table with alignment": "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |",
    "admonition": '!!! note "A note"\n    Admonitions are fine.',
    "details": '??? note "More"\n    Hidden text.',
    "definition list": "Term\n:   Its meaning.",
    "abbreviation": "The PDG helps.\n\n*[PDG]: Pupil Development Grant",
    "attribute list": "## A heading {: #here .wide lang=\"cy\" }",
    "md_in_html": '<div class="x-routes" markdown>\n<section markdown>\n## In a section\n\nText.\n</section>\n</div>',
    "text that looks like HTML": "Children aged <5 took part; 3 > 2 & so on.",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_the_allow_list_refuses_each_trick(name):
    found, clean = findings(render_markdown(HOSTILE[name]))
    if name == "tab inside the scheme":  # Markdown turns the tab into spaces: no longer a scheme, a harmless relative address
        assert url_scheme("java    script:alert(1)") is None
        return
    assert found, f"{name}: {render_markdown(HOSTILE[name])!r} passed"
    assert clean is not None and "alert" not in (clean.split('href="')[1] if 'href="' in clean else "")
    for finding in found:
        assert ": " in finding.message and ("remove" in finding.message or "use " in finding.message or "write" in finding.message)


@pytest.mark.parametrize("body", LIVE_CODE_BODIES)
def test_the_allow_list_refuses_every_live_code_fixture_of_the_checkers(body):
    assert findings(render_markdown(body))[0], body


@pytest.mark.parametrize("name", sorted(GOOD))
def test_the_allow_list_accepts_what_the_site_writes(name):
    html = render_markdown(GOOD[name])
    assert findings(html) == ([], None), html


def test_every_page_of_the_real_site_passes_as_it_is():
    from exchange import PROJECT_ROOT

    for path in sorted((PROJECT_ROOT / "docs").rglob("*.md")):
        assert check_markdown_file(path) == [], path
    for folder in ("case_studies", "news", "events"):
        for path in sorted((PROJECT_ROOT / folder).rglob("*.md")):
            if path.name != "README.md":
                assert check_markdown_file(path) == [], path


def test_harmless_differences_are_not_changes():
    assert canonical('<p class="a" id="b">x<br />y</p>') == canonical("<p id='b' class=\"a\">x<br>y</p>")
    assert canonical("<p>Tom &amp; Jerry</p>") == canonical("<p>Tom &#38; Jerry</p>")
    assert canonical("<p>x</p>") != canonical('<p onclick="y">x</p>')


@pytest.mark.parametrize(("address", "scheme"), [
    ("https://gov.wales", "https"), ("page/", None), ("#top", None), ("../x.md", None), ("java\nscript:x", "javascript"),
    ("\x00 javascript:x", "javascript"), ("JaVaScRiPt:x", "javascript"), ("data:text/html,x", "data"), ("a/b:c", None),
])
def test_an_address_scheme_is_read_as_a_browser_reads_it(address, scheme):
    assert url_scheme(address) == scheme


def test_the_line_named_is_the_line_of_the_markup(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("---\ntitle: A page\n---\n\nIntro.\n\nMore text.\n\n<div onmouseover=\"alert(1)\">x</div>\n\n"
                    "[x](&#106;avascript:alert(1))\n\n<a href=\"java\nscript:alert(2)\">y</a>\n", encoding="utf-8")
    problems = check_markdown_file(page)
    assert [(problem.line, problem.field) for problem in problems] == [(9, "body"), (11, "body"), (13, "body")]
    assert "onmouseover=" in problems[0].message and "'javascript:'" in problems[1].message


def test_a_title_holding_markup_is_a_problem_on_its_line(tmp_path):
    page = tmp_path / "page.md"
    page.write_text('---\ndescription: x\ntitle: "<img src=x onerror=alert(1)>"\n---\n\nText.\n', encoding="utf-8")
    problems = check_markdown_file(page)
    assert [(problem.line, problem.field) for problem in problems] == [(3, "title")]
    assert "write the title in plain words" in problems[0].message
    assert not html_safety.text_has_markup("Care & education: 3 < 5") and html_safety.text_has_markup("a <b>bold</b> title")


def test_the_sanitiser_keeps_the_text_of_a_refused_element_and_drops_scripts():
    clean = html_safety.sanitise('<p>Keep <font color="red">this</font><script>alert(1)</script></p>')
    assert clean == "<p>Keep this</p>"


# ------------------------------------------------------------------ pictures


def png(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))


def jpeg(width: int, height: int) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"


def gif(width: int, height: int) -> bytes:
    return b"GIF89a" + struct.pack("<HH", width, height) + b"\x00\x00\x00;"


def webp(width: int, height: int) -> bytes:
    payload = b"VP8X" + struct.pack("<I", 10) + b"\x00\x00\x00\x00" + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    return b"RIFF" + struct.pack("<I", 4 + len(payload)) + b"WEBP" + payload


@pytest.mark.parametrize(("name", "data", "size"), [
    ("hall.png", png(800, 600), (800, 600)), ("hall.jpg", jpeg(1024, 768), (1024, 768)), ("hall.jpeg", jpeg(10, 20), (10, 20)),
    ("hall.gif", gif(300, 200), (300, 200)), ("hall.webp", webp(640, 480), (640, 480)),
])
def test_raster_pictures_in_the_limits_pass(tmp_path, name, data, size):
    path = tmp_path / name
    path.write_bytes(data)
    assert list(pictures.check_picture(path)) == []
    assert pictures.picture_size(data, pictures.picture_format(data)) == size


@pytest.mark.parametrize(("name", "data", "words"), [
    ("chart.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "SVG pictures are not accepted"),
    ("photo.png", b"<html><script>alert(1)</script></html>", "is not a PNG, JPEG, WebP or GIF picture"),
    ("photo.jpg", png(10, 10), "is a PNG picture but its name ends in '.jpg': rename it to end in .png"),
    ("huge.png", png(6000, 100), "6,000 × 100 pixels: make it at most 4,000"),
    ("big.gif", gif(100, 100) + b"\x00" * (pictures.MAX_BYTES + 1), "make it smaller than 2 MB"),
])
def test_other_files_are_refused_with_the_fix(tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    problems = list(pictures.check_picture(path))
    assert problems and problems[0].line == 1 and problems[0].path.endswith(name)
    assert any(words in problem.message for problem in problems), [str(problem) for problem in problems]


def test_docs_accept_pages_and_pictures_only_outside_the_sites_own_folders(tmp_path):
    docs = tmp_path / "docs"
    (docs / "guidance").mkdir(parents=True)
    (docs / "assets").mkdir()
    (docs / "javascripts").mkdir()
    (docs / "guidance" / "page.md").write_text("# Page\n", encoding="utf-8")
    (docs / "guidance" / "hall.png").write_bytes(png(10, 10))
    (docs / "guidance" / "offer.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (docs / "guidance" / "icon.svg").write_text("<svg/>", encoding="utf-8")
    (docs / "javascripts" / "site.js").write_text("// the site's own", encoding="utf-8")
    (docs / "assets" / "good.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0h1"/><use href="#a"/></svg>', encoding="utf-8")
    (docs / "assets" / "bad.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg">\n<image href="https://example.org/x.png"/>\n<a onclick="x"/></svg>', encoding="utf-8")
    found = {(Path(problem.path).name, problem.line) for problem in pictures.check_docs_files(docs)}
    assert found == {("offer.html", 1), ("icon.svg", 1), ("bad.svg", 2), ("bad.svg", 3)}


def test_the_sites_own_drawings_pass():
    from exchange import PROJECT_ROOT

    assert pictures.check_docs_files(PROJECT_ROOT / "docs") == []


# ------------------------------------------------------------------ Content-Security-Policy


PAGE = """<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>x</title>
    <script>var a = 1;</script>
    <script id="__config" type="application/json">{"a": 1}</script>
    <script src="x.js"></script>
  </head>
  <body><p>x</p><script>var b = 2;</script></body>
</html>"""


def test_the_policy_comes_first_and_names_each_inline_script_by_hash():
    page = csp.add_policy(PAGE)
    assert page.index("Content-Security-Policy") < page.index("<title>") and page.index("<meta charset") < page.index("Content-Security-Policy")
    policy = page.split('content="', 1)[1].split('"', 1)[0]
    assert csp.inline_scripts(PAGE) == ["var a = 1;", "var b = 2;"]
    assert csp.source_hash("var a = 1;") in policy and csp.source_hash("var b = 2;") in policy
    assert csp.source_hash('{"a": 1}') not in policy  # data, never run
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert csp.add_policy(page) == page  # once
    assert csp.live_code(page) == []


def test_a_script_the_policy_does_not_name_is_live_code():
    page = csp.add_policy(PAGE).replace("<p>x</p>", '<p onclick="y">x</p><script>evil()</script><a href="javascript:x">z</a>')
    found = csp.live_code(page)
    assert len(found) == 3, found


def test_the_hash_is_the_one_browsers_compute():
    # The CSP specification's example: alert('Hello, world.');
    assert csp.source_hash("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"


def test_table_alignment_is_allowed_by_hash_only_where_it_is_used():
    assert "unsafe-hashes" not in csp.policy_for(PAGE)
    policy = csp.policy_for(PAGE.replace("<p>x</p>", '<table><tr><td style="text-align: left;">1</td></tr></table>'))
    assert "'unsafe-hashes' " + csp.source_hash("text-align: left;") in policy and "'unsafe-inline'" not in policy


def test_a_csv_cell_that_starts_like_a_formula_is_text():
    from exchange.pages.contact_pages import _csv_cell

    assert _csv_cell('=HYPERLINK("https://example.org","Click")').startswith("'=")
    assert _csv_cell("@SUM(A1)") == "'@SUM(A1)" and _csv_cell("+cmd|' /C calc'!A0").startswith("'+")
    assert _csv_cell("+44 29 2000 0000") == "+44 29 2000 0000" and _csv_cell("Cardiff Council") == "Cardiff Council"
