"""The Content-Security-Policy of every page, written as a <meta http-equiv> (GitHub Pages
cannot send headers).

The browser runs only the site's own script files and the inline scripts the theme writes,
each allowed by its sha256 hash, computed from the page as written (Material's first script
names the page's own base address, so the hashes differ from folder to folder). Nothing is
loaded from another site; no plugin object; no form sends anything anywhere; the base address
cannot be changed. SECURITY.md explains each directive.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

from exchange.content.html_safety import url_scheme

# Pagefind, the site's search, compiles its WebAssembly module in the browser: without
# 'wasm-unsafe-eval' (which allows WebAssembly only, never JavaScript's eval) search fails.
POLICY = (
    "default-src 'self'; "
    "script-src 'self' 'wasm-unsafe-eval'{hashes}; "
    "style-src 'self'; "
    "img-src 'self' data:; "
    "font-src 'self'; "
    "connect-src 'self'; "
    "object-src 'none'; "
    "base-uri 'self'; "
    "form-action 'none'"
)
# The tables extension aligns columns with these style attributes; they are allowed by hash
# ('unsafe-hashes' applies to attributes with exactly these hashes, never to <style> or script).
ALLOWED_STYLE_ATTRIBUTES = ("text-align: left;", "text-align: right;", "text-align: center;")

_SCRIPT = re.compile(r"<script(?P<attributes>(?:\s[^>]*)?)>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
_HEAD_START = re.compile(r"<head>\s*(<meta charset=[\"']?utf-8[\"']?\s*/?>)?", re.IGNORECASE)
META_MARK = '<meta http-equiv="Content-Security-Policy"'


def source_hash(text: str) -> str:
    """A CSP source expression for an inline script or style attribute: 'sha256-...'."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script the browser would run (JSON data blocks are not run)."""
    found = []
    for match in _SCRIPT.finditer(html):
        attributes = match.group("attributes")
        kind = _TYPE.search(attributes)
        if _SRC.search(attributes) or (kind and kind.group(1).lower() not in _EXECUTABLE_TYPES):
            continue
        found.append(match.group("body"))
    return found


def policy_for(html: str) -> str:
    hashes = sorted({source_hash(script) for script in inline_scripts(html)})
    policy = POLICY.format(hashes="".join(" " + value for value in hashes))
    if 'style="' in html:
        style_hashes = " ".join(source_hash(value) for value in ALLOWED_STYLE_ATTRIBUTES)
        policy = policy.replace("style-src 'self'", f"style-src 'self' 'unsafe-hashes' {style_hashes}")
    return policy


def add_policy(html: str) -> str:
    """The page with its policy first in <head> (after the character set), before any script."""
    if META_MARK in html:
        return html
    head = _HEAD_START.search(html)
    if head is None:
        return html
    meta = f'{META_MARK} content="{policy_for(html)}">'
    end = head.end()
    return html[:end] + ("\n    " if head.group(1) else "") + meta + html[end:]


# ---------------------------------------------------------------- checking a built site
# What a built page may not hold: a live event attribute, a script address, or an inline script
# its policy does not allow by hash (scripts/check_safety.py and the site tests).

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
        if source_hash(script) not in allowed:
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
