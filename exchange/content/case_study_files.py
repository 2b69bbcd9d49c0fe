"""A case study's files, en.md and cy.md, written from answers: the code `make new-case-study`
(scripts/new_case_study.py) and the issue-to-pull-request workflow (exchange/content/issue_intake.py)
share, so that both write exactly the same files."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import yaml

from exchange.content.case_studies import RESERVED_SLUGS, SLUG
from exchange.core.problems import display_path
from exchange.welsh.translations import REVISION_FIELD

SLUG_LENGTH = 60


def suggest_slug(title: str) -> str:
    """A folder name from a title: 'Café mornings for carers' -> 'cafe-mornings-for-carers'."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > SLUG_LENGTH:
            break
        slug = candidate
    return slug or (words[0][:SLUG_LENGTH] if words else "")


def slug_problems(slug: str, root: Path) -> list[str]:
    if not SLUG.match(slug):
        return [f"'{slug}' is not a valid folder name: use lowercase letters, digits and hyphens, like 'cardiff-termly-reviews'"]
    if slug in RESERVED_SLUGS:
        return [f"'{slug}' is reserved for the site's own pages: choose another name"]
    if (root / slug).exists():
        return [f"{display_path(root / slug)} already exists: choose another name (this script never overwrites a case study)"]
    return []


def yaml_text(value: str) -> str:
    """A string as a YAML double-quoted scalar (JSON's quoting is valid YAML)."""
    quoted = json.dumps(value, ensure_ascii=False)
    if yaml.safe_load(quoted) != value:  # rare characters YAML reads differently
        quoted = json.dumps(value)
    return quoted


def yaml_date(value: str) -> str:
    """A full date unquoted (YAML reads it as a date); a year or a month in quotes."""
    return value if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else yaml_text(value)


def english_file(answers: dict, body: str | None = None, confirmed: bool = False) -> str:
    """en.md: the answers as front matter, then `body` (or the template's 'TODO' notes).
    `confirmed`: the author has confirmed that no child can be identified."""
    lines = [
        "---",
        f"title: {yaml_text(answers['title'])}",
        f"summary: {yaml_text(answers['summary'])}",
        f"organisation: {yaml_text(answers['organisation'])}",
    ]
    if answers["contact_role"]:
        lines.append(f"contact_role: {yaml_text(answers['contact_role'])}")
    lines += [
        f"organisation_type: {answers['organisation_type']}",
        f"local_authority: {answers['local_authority']}",
        f"region: {answers['region']}",
        f"themes: [{', '.join(answers['themes'])}]",
        f"audiences: [{', '.join(answers['audiences'])}]",
        f"published: {yaml_date(answers['published'])}",
        "source:",
        f"  document: {yaml_text(answers['source_document'])}",
        f"  url: {yaml_text(answers['source_url'])}",
    ]
    if confirmed:
        lines.append("no_child_identified: true")
    else:
        lines += [
            "# Change false to true once you have checked that no child can be identified",
            "# from the text or the pictures (no names, photos or detailed circumstances).",
            "no_child_identified: false",
        ]
    lines += ["---", ""]
    if body is not None:
        return "\n".join(lines) + "\n" + _body(body)
    lines += [
        "TODO: in two or three short paragraphs, say what you did, who it was for and why.",
        "Never name a child or describe one in a way that could identify them.",
        "",
        "## What we did",
        "",
        "TODO: the steps you took, who was involved and how long it took.",
        "",
        "## What difference it made",
        "",
        "TODO: what changed for the children and young people, and how you know.",
        "",
        "## What we learned",
        "",
        "TODO: what you would tell another school, council or consortium trying the same.",
        "",
    ]
    return "\n".join(lines)


def welsh_file(answers: dict, body: str | None = None, revision: str = "") -> str:
    """cy.md: the Welsh values (or 'TODO' notes), then `body` (or a note to translate en.md).
    `revision`: the revision of en.md it translates (exchange/welsh/translations.py), if known."""
    def field(name: str, todo: str) -> str:
        value = answers.get(f"{name}_cy") or f"TODO: {todo}"
        return f"{name}: {yaml_text(value)}"

    lines = [
        "---",
        *([] if body is not None else [
            "# CYMRAEG / WELSH: translate each value and the text below; keep the field names in English.",
            "# Only these fields belong here: the others are shared and set in en.md."]),
        field("title", "teitl yn Gymraeg (Welsh title)"),
        field("summary", "crynodeb yn Gymraeg (Welsh summary)"),
        field("organisation", "enw'r sefydliad yn Gymraeg (the organisation's name in Welsh)"),
    ]
    if answers["contact_role"]:
        lines.append(field("contact_role", "y rôl gyswllt yn Gymraeg (the contact role in Welsh)"))
    if revision:
        lines.append(f"{REVISION_FIELD}: {revision}")
    lines += ["---", ""]
    if body is not None:
        return "\n".join(lines) + "\n" + _body(body)
    lines += [
        "TODO: cyfieithwch destun en.md yma, gyda'r un penawdau '## '.",
        "(Translate the text of en.md here, with the same '## ' headings.)",
        "",
    ]
    return "\n".join(lines)




def _body(text: str) -> str:
    """A text as the files' body: Windows line ends made Unix ones, no blank lines around it."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip("\n").rstrip() + "\n"
