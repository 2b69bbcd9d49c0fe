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
