"""The fixed identifiers records use (themes, authorities, regions, types, audiences)."""

from __future__ import annotations

from exchange.core.data_files import load_data

KINDS = ("themes", "organisation_types", "audiences", "regions", "local_authorities")


def identifiers(kind: str) -> list[str]:
    return list(load_data("vocabulary")[kind])


def label(kind: str, identifier: str, language: str) -> str:
    """The name of an identifier in the reader's language."""
    return load_data("vocabulary")[kind][identifier][language]


def entry(kind: str, identifier: str) -> dict:
    return load_data("vocabulary")[kind][identifier]
