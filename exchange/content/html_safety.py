"""The allow-list every page's content passes: the only HTML a contributor's Markdown may become.

Every page (docs/ in both languages, case studies, news, events, every generated page) is
rendered by MkDocs; its content HTML (before the theme wraps it) is sanitised with nh3
(Rust's ammonia) configured with exactly what the site's Markdown extensions produce (see
mkdocs.yml: toc, admonition, attr_list, md_in_html, tables, abbr, def_list, pymdownx.details).
When sanitising would change anything, the page breaks the rules: `problems` says what, in
plain words, with the line of the source file, and the build publishes the sanitised HTML
(the strict build fails on the warning, so nothing is silently dropped or published).

A block-list can be walked around (a newline or an entity inside "javascript:"); an allow-list
cannot: an element, attribute or address scheme that is not listed here never reaches a reader.
The share form applies the same list (`rules`, written into case-studies/schema.json).
"""

from __future__ import annotations

import functools
import html as html_text
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable

import nh3

from exchange.core.problems import Problem

# Elements the site's Markdown produces (Python-Markdown and the extensions in mkdocs.yml), and
# the few block elements the pages write themselves with md_in_html (<div>, <section>).
ALLOWED_TAGS = frozenset({
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
    "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "q", "cite", "kbd", "code", "pre",
    "blockquote", "ul", "ol", "li", "dl", "dt", "dd",
    "a", "img", "abbr",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "div", "span", "section", "details", "summary", "figure", "figcaption",
})
# Attributes any allowed element may carry: from attr_list ({: #id .class lang=cy }) and toc.
GENERIC_ATTRIBUTES = frozenset({"id", "class", "lang", "title", "dir"})
ATTRIBUTES = {
    "a": frozenset({"href", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "abbr": frozenset(),
    "ol": frozenset({"start", "reversed"}),
    "li": frozenset({"value"}),
    "th": frozenset({"colspan", "rowspan", "scope"}),
    "td": frozenset({"colspan", "rowspan"}),
    "details": frozenset({"open"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
}
# Attributes allowed with these values only: the tables extension aligns columns with them.
ATTRIBUTE_VALUES = {
    tag: {"style": frozenset({"text-align: left;", "text-align: right;", "text-align: center;"})}
    for tag in ("th", "td")
}
# Ids the theme's own elements use (Material's __config, __drawer, __search...): an element of
# a page with one of them would take its place for the theme's scripts.
RESERVED_ID_PREFIX = "__"
# Absolute addresses may use these schemes; relative addresses (other pages, pictures) are fine.
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
# Removed with everything inside them (the rest keep their text when their tag is removed).
CONTENT_REMOVED = frozenset({"script", "style"})

ALLOWED_TEXT = "https://, http://, mailto: or tel: addresses, or a page or file of this site"
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# Browsers ignore tabs and newlines anywhere in an address, and spaces or controls around it.
_URL_IGNORED = re.compile(r"[\t\n\r]")


def rules() -> dict:
    """The allow-list as data: the share form reads it (case-studies/schema.json)."""
    return {
        "tags": sorted(ALLOWED_TAGS),
        "generic_attributes": sorted(GENERIC_ATTRIBUTES),
        "attributes": {tag: sorted(names) for tag, names in sorted(ATTRIBUTES.items())},
        "attribute_values": {tag: {name: sorted(values) for name, values in by_name.items()} for tag, by_name in sorted(ATTRIBUTE_VALUES.items())},
        "url_schemes": sorted(URL_SCHEMES),
        "url_attributes": sorted(URL_ATTRIBUTES),
        "reserved_id_prefix": RESERVED_ID_PREFIX,
    }


def sanitise(html: str) -> str:
    """The content as the allow-list lets it through."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(CONTENT_REMOVED),
        attributes={"*": set(GENERIC_ATTRIBUTES), **{tag: set(names) for tag, names in ATTRIBUTES.items()}},
        tag_attribute_values={tag: {name: set(values) for name, values in by_name.items()} for tag, by_name in ATTRIBUTE_VALUES.items()},
        url_schemes=set(URL_SCHEMES),
        strip_comments=False,
        link_rel=None,
        attribute_filter=_attribute_filter,
    )


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    return None if name == "id" and value.startswith(RESERVED_ID_PREFIX) else value


def url_scheme(value: str) -> str | None:
    """The scheme of an address as a browser reads it (None for a relative address)."""
    cleaned = _URL_IGNORED.sub("", value).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
    found = _SCHEME.match(cleaned)
    return found.group(1).lower() if found else None


# ---------------------------------------------------------------- what would change, in words


@dataclass(frozen=True)
class Finding:
    """One thing the allow-list refuses: the text to look for in the source, and the message."""

    needles: tuple[str, ...]
    message: str


class _Walker(HTMLParser):
    """Reads the content HTML and names every element, attribute and address the allow-list refuses."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[Finding] = []
        self._skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, attrs)

    def _check(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.findings.append(Finding((f"<{tag}",), _tag_message(tag)))
            return
        allowed = GENERIC_ATTRIBUTES | ATTRIBUTES.get(tag, frozenset())
        for name, value in attrs:
            value = value or ""
            if name in ATTRIBUTE_VALUES.get(tag, {}):
                if value not in ATTRIBUTE_VALUES[tag][name]:
                    self.findings.append(Finding((f"{name}=", name), f"the attribute {name}=\"{_short(value)}\" on <{tag}> is not allowed: remove it (the site's look comes from its stylesheet)"))
            elif name == "id" and value.startswith(RESERVED_ID_PREFIX):
                self.findings.append(Finding((f"#{value}", value), f"the id '{value}' on <{tag}> is kept for the site's own elements: use an id that does not start with '{RESERVED_ID_PREFIX}'"))
            elif name not in allowed:
                self.findings.append(Finding((f"{name}=", f"{name} =", name), _attribute_message(tag, name, value, allowed)))
            elif name in URL_ATTRIBUTES:
                scheme = url_scheme(value)
                if scheme is not None and scheme not in URL_SCHEMES:
                    self.findings.append(Finding(_address_needles(value), _address_message(tag, name, value, scheme)))

    def handle_comment(self, data: str) -> None:
        pass


def _short(value: str, limit: int = 40) -> str:
    value = re.sub(r"\s+", " ", value).strip()
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _tag_message(tag: str) -> str:
    if tag in {"script", "iframe", "object", "embed", "frame", "frameset", "applet", "svg", "math", "form", "input", "button",
               "textarea", "select", "style", "link", "meta", "base", "noscript", "template", "portal"}:
        why = "it could run code or change the page"
    else:
        why = "it is not one of the elements the site's Markdown makes"
    return (f"the HTML element <{tag}> is not allowed ({why}): remove it and write plain Markdown "
            f"(a link is [text](https://...), a picture ![what it shows](picture.png))")


def _attribute_message(tag: str, name: str, value: str, allowed: frozenset[str]) -> str:
    if name.startswith("on"):
        return f"the event attribute {name}= on <{tag}> could run code: remove it"
    if name == "style":
        return f"the attribute style= on <{tag}> is not allowed: remove it (the site's look comes from its stylesheet)"
    return f"the attribute {name}= on <{tag}> is not allowed: remove it (allowed on <{tag}>: {', '.join(sorted(allowed))})"


def _address_message(tag: str, name: str, value: str, scheme: str) -> str:
    return (f"the address '{_short(value)}' ({name}= on <{tag}>) uses '{scheme}:', which is not allowed "
            f"(it could run code or hide what it holds): use {ALLOWED_TEXT}")


def _address_needles(value: str) -> tuple[str, ...]:
    """What to look for in the source: the address, its first letters (an address split over
    lines), or what follows its scheme (a scheme written with entities, &#106;avascript:)."""
    first_line = value.splitlines()[0].strip() if value.strip() else value
    prefix = re.match(r"[A-Za-z]+", first_line.lstrip())
    rest = _URL_IGNORED.sub("", value).split(":", 1)[-1].strip()[:12]
    after = (":" + rest, "&colon;" + rest, rest) if rest else ()
    return tuple(needle for needle in (first_line, prefix.group(0) if prefix else "", *after) if needle)


# ---------------------------------------------------------------- comparing


_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
_SPACE = re.compile(r"\s+")


def canonical(html: str) -> list[tuple]:
    """HTML as a list of tokens, so that harmless differences (attribute order, quoting,
    entities, `<br />` or `<br>`, whitespace between elements) do not count as changes. Both
    sides are read by the same parser (libxml2's, through lxml: five times quicker than
    Python's own on a build's thousands of pages)."""
    from lxml import etree
    from lxml import html as lxml_html

    if not html.strip():
        return []
    root = lxml_html.fragment_fromstring(html, create_parent="x-root")
    tokens: list[tuple] = []

    def text(value: str | None) -> None:
        value = _SPACE.sub(" ", value or "").strip()
        if value:
            tokens.append(("text", value))

    for action, element in etree.iterwalk(root, events=("start", "end")):
        if element is root:
            if action == "start":
                text(element.text)
            continue
        if not isinstance(element.tag, str):  # a comment or processing instruction
            if action == "start":
                tokens.append(("comment", element.text or ""))
            else:
                text(element.tail)
            continue
        if action == "start":
            tokens.append(("<", element.tag, tuple(sorted(element.attrib.items()))))
            text(element.text)
        else:
            if element.tag not in _VOID:
                tokens.append((">", element.tag))
            text(element.tail)
    return tokens


def findings(html: str) -> tuple[list[Finding], str | None]:
    """What the allow-list refuses in a page's content, and the sanitised HTML (None when
    sanitising changes nothing)."""
    clean = sanitise(html)
    if canonical(clean) == canonical(html):
        return [], None
    walker = _Walker()
    walker.feed(html)
    walker.close()
    found = list(dict.fromkeys(walker.findings))
    if not found:  # the allow-list changed something the walker cannot name: say where
        before, after = canonical(html), canonical(clean)
        index = next((i for i, (a, b) in enumerate(zip(before, after)) if a != b), min(len(before), len(after)))
        token = before[index] if index < len(before) else after[index]
        shown = html_text.escape(" ".join(str(part) for part in token[1:2]))
        found = [Finding((str(token[1]),), f"this page's HTML is not well-formed or not allowed near '{_short(shown)}': write it in plain Markdown")]
    return found, clean


def line_of(source_text: str, needles: Iterable[str], start: int = 0) -> int:
    """The line (1-based) of the first needle found in the source from `start` (the body;
    case-insensitive), else the line `start` is on."""
    folded = source_text.casefold()
    for needle in needles:
        if needle:
            index = folded.find(needle.casefold(), start)
            if index >= 0:
                return source_text.count("\n", 0, index) + 1
    return source_text.count("\n", 0, start) + 1


def problems(html: str, source: Path | None, shown: str) -> tuple[list[Problem], str | None]:
    """Problems with `shown` (the source file as an editor sees it) and lines in the source
    file, and the sanitised HTML to publish instead (None when nothing changes)."""
    found, clean = findings(html)
    if not found:
        return [], None
    text = ""
    if source is not None and source.is_file():
        try:
            text = source.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
    body_start = _body_start(text)
    result = sorted({Problem(shown, line_of(text, finding.needles, body_start) if text else 1, finding.message, field="body") for finding in found})
    return result, clean


def _body_start(text: str) -> int:
    """Where the Markdown starts (after the front matter), so a title is not found first."""
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end >= 0:
            after = text.find("\n", end + 4)
            return after + 1 if after >= 0 else len(text)
    return 0


def text_has_markup(value: str) -> bool:
    """Text (a title, a summary) that holds something a browser would read as a tag."""
    return bool(_MARKUP_IN_TEXT.search(value))


_MARKUP_IN_TEXT = re.compile(r"<\s*/?\s*[a-z!?]", re.IGNORECASE)


# ---------------------------------------------------------------- Markdown files (make check)


def render_markdown(text: str) -> str:
    """Markdown as the site renders a page's content (the extensions of mkdocs.yml)."""
    import markdown

    return markdown.Markdown(**_markdown_options()).convert(text)


@functools.lru_cache(maxsize=1)
def _markdown_options() -> dict:
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
    return {"extensions": names, "extension_configs": options}


def check_markdown_file(path: Path) -> list[Problem]:
    """A Markdown file as the build checks its page: the allow-list on its rendered content,
    and its title (`make check` says what the build says, without building)."""
    from exchange.core.problems import display_path

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []  # the collection checks and the build say why
    start = _body_start(text)
    found, _ = problems(render_markdown(text[start:]), path, display_path(path))
    title = re.search(r"^(title|subtitle):\s*(.*)$", text[:start], re.MULTILINE) if start else None
    if title and text_has_markup(title.group(2)):
        value = title.group(2).strip().strip("\"'")
        found.append(title_problem(display_path(path), text.count("\n", 0, title.start()) + 1, title.group(1), value))
    return sorted(found)


def title_problem(shown: str, line: int, key: str, value: str) -> Problem:
    return Problem(shown, line, f"the {key} '{value}' holds HTML, which is shown as text: write the {key} in plain words", field=key)
