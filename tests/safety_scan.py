"""What a built page may not hold: a live event attribute, a script address, or an inline
script that its page's Content-Security-Policy does not allow by hash. The site tests scan the
real site and a site built from hostile contributions with it."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from exchange import csp
from exchange.html_safety import url_scheme

ADDRESS_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "cite", "background"}
_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.live: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False
        self._script_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.live.append(f"<{tag} {name}=...>")
            if name in ADDRESS_ATTRIBUTES and value and url_scheme(value) in ("javascript", "vbscript", "data") and tag != "img":
                self.live.append(f"<{tag} {name}={value[:40]!r}>")
        if tag == "script":
            kind = dict(attrs).get("type") or ""
            executable = "src" not in dict(attrs) and kind.lower() in ("", "text/javascript", "application/javascript", "module")
            self._in_script = executable
            self._script_text = []
        if tag in ("iframe", "object", "embed", "base"):
            self.live.append(f"<{tag}>")

    def handle_data(self, data):
        if self._in_script:
            self._script_text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_script:
            self.scripts.append("".join(self._script_text))
            self._in_script = False


def live_code(html: str) -> list[str]:
    """Everything in a page that could run code it was not meant to."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    found = list(scanner.live)
    policy = _POLICY.search(html)
    allowed = set(re.findall(r"'sha256-[^']+'", policy.group(1))) if policy else set()
    if policy is None:
        found.append("no Content-Security-Policy")
    elif "'unsafe-inline'" in policy.group(1).split("script-src", 1)[1].split(";", 1)[0]:
        found.append("script-src allows 'unsafe-inline'")
    for script in scanner.scripts:
        if csp.source_hash(script) not in allowed:
            found.append(f"an inline script not allowed by hash: {script[:60]!r}")
    return found


def live_code_in_site(site: Path) -> dict[str, list[str]]:
    """Every HTML page of a built site with what it holds that could run code."""
    found = {}
    for page in sorted(site.rglob("*.html")):
        if "pagefind" in page.parts:
            continue
        problems = live_code(page.read_text(encoding="utf-8"))
        if problems:
            found[str(page.relative_to(site))] = problems
    return found


def render(text: str) -> str:
    """Markdown as the site renders a page's content (mkdocs.yml's markdown_extensions)."""
    import markdown
    from mkdocs.utils import yaml_load

    from exchange import PROJECT_ROOT

    with (PROJECT_ROOT / "mkdocs.yml").open(encoding="utf-8") as handle:
        configured = yaml_load(handle)["markdown_extensions"]
    names, options = [], {}
    for item in configured:
        name, config = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        names.append(name)
        if config:
            options[name] = config
    return markdown.Markdown(extensions=names, extension_configs=options).convert(text)


def allow_list_problems(source: Path) -> list:
    """The problems the build reports for a Markdown file's content (the allow-list's)."""
    from exchange.html_safety import problems

    found, _ = problems(render(source.read_text(encoding="utf-8").split("\n---\n", 1)[-1] if source.read_text(encoding="utf-8").startswith("---") else source.read_text(encoding="utf-8")), source, str(source))
    return found
