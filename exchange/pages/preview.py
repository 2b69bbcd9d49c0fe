"""Previews that keep up with an editor: `make serve` runs `mkdocs serve --dirty`.

MkDocs's `--dirty` rebuilds only the pages whose source changed after their HTML was
written, but it counts every generated page (every case study, news post and event is one)
as changed on every rebuild, so with 1,000 case studies each save rebuilt 2,500 pages
(31 s). Here:

- a generated page (`GeneratedPage`) is rebuilt when one of its own source files changed, or
  when something every page shows changed (`shared_mtime`: the templates, the site's data
  files, mkdocs.yml, or the set of pages in docs/, which the navigation lists);
- a page written in docs/ is rebuilt when its file changed, when something every page shows
  changed, or always if it names a `template:` in its front matter: those pages (listings,
  contacts, glossary, statistics...) show records from outside their own file;
- the search index is written by the first build of a preview and kept after (see
  exchange/hooks/search.py): rebuilding it would take longer than the pages.

`mkdocs build` (and `make build`) is never dirty: all of this applies to previews only.
"""

from __future__ import annotations

import functools
import logging
import os
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Iterable, Iterator

import jinja2
import jinja2.bccache
from mkdocs.structure.files import File

from exchange import PROJECT_ROOT

# What every page shows besides its own source: a change here rebuilds every page.
SHARED_SOURCES = ("overrides", "exchange/data", "mkdocs.yml")

_state: dict[str, Any] = {"dirty": False, "rebuild": False, "docs": None, "shared_mtime": 0.0, "build_id": 0}


def start(command: str, dirty: bool) -> None:
    """From the `on_startup` event: does this build (`serve --dirty`, `build --dirty`) rebuild only what changed?"""
    _state.update(dirty=bool(dirty), rebuild=False, docs=None, shared_mtime=0.0)
    if dirty and command == "serve":
        logging.getLogger("mkdocs.commands.build").addFilter(_dirty_warning_answered)


def _dirty_warning_answered(record: logging.LogRecord) -> bool:
    """MkDocs warns on every dirty build that the navigation may be out of date, which fails a
    strict build. Under `serve` it is not: a page added or removed rebuilds every page
    (`begin_build` compares the pages with the last build's, which the server process keeps),
    so the warning is told as information. `mkdocs build --dirty` keeps MkDocs's warning: a
    new process has no last build to compare with."""
    if record.levelno == logging.WARNING and record.getMessage().startswith("A 'dirty' build is being performed"):
        record.levelno, record.levelname = logging.INFO, "INFO"
        record.msg, record.args = "Preview: building only the pages whose files, templates or data changed (exchange/pages/preview.py)", ()
    return True


def is_dirty() -> bool:
    return bool(_state["dirty"])


def is_rebuild() -> bool:
    """A dirty build into a site folder that holds an earlier build: pages whose files did not
    change are not built again (a preview after its first build, or `mkdocs build --dirty`)."""
    return is_dirty() and bool(_state["rebuild"])


def _newest_mtime(paths: Iterable[Path]) -> float:
    """The newest change under the paths: a file's, or a folder's (a file added or removed)."""
    newest = 0.0
    for path in paths:
        if path.is_dir():
            newest = max(newest, path.stat().st_mtime)
            for child in path.rglob("*"):
                newest = max(newest, child.stat().st_mtime)
        elif path.is_file():
            newest = max(newest, path.stat().st_mtime)
    return newest


def begin_build(files: Any, config: Any, language: str) -> None:
    """From `on_files`, once per build and language, before pages are rebuilt or skipped."""
    if not is_dirty():
        return
    if language == "en":  # the Welsh build runs inside the English one: one preview build
        _state["rebuild"] = (Path(config.site_dir) / "index.html").is_file()
        shared = _newest_mtime(PROJECT_ROOT / path for path in SHARED_SOURCES)
        docs = sorted(file.src_uri for file in files if not isinstance(file, GeneratedPage))
        if _state["docs"] is not None and docs != _state["docs"]:
            shared = float("inf")  # a page was added or removed: every page's navigation changed
        _state.update(docs=docs, shared_mtime=shared, build_id=_state["build_id"] + 1)
    for file in files:
        if file.is_documentation_page() and not isinstance(file, GeneratedPage) and file.abs_src_path:
            file.is_modified = functools.partial(_docs_page_is_modified, file)  # type: ignore[method-assign]


_TEMPLATE = re.compile(r"^template:", re.MULTILINE)


@functools.lru_cache(maxsize=1024)
def _names_a_template(path: str, mtime: float) -> bool:
    """Does the page's front matter choose a template (one that shows data from elsewhere)?"""
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    if not text.startswith("---"):
        return False
    end = text.find("\n---", 3)
    return bool(_TEMPLATE.search(text[: end if end > 0 else len(text)]))


def _docs_page_is_modified(file: File) -> bool:
    source = file.abs_src_path
    if not os.path.isfile(file.abs_dest_path) or not os.path.isfile(source):
        return True
    built = os.path.getmtime(file.abs_dest_path)
    changed = os.path.getmtime(source)
    return changed >= built or _state["shared_mtime"] >= built or _names_a_template(source, changed)


class GeneratedPage(File):
    """A page made from records: the files it is made from are `sources`, and those of its
    `records` and `collections` (looked at only in a dirty build, when MkDocs asks)."""

    sources: tuple[str, ...] = ()
    records: tuple[Any, ...] = ()  # records the page shows: its own, and e.g. related ones
    collections: tuple[str, ...] = ()  # folders of collections the page lists in full

    def all_sources(self) -> Iterator[str]:
        yield from self.sources
        for record in self.records:
            yield from _folder_sources(str(record.folder), _state["build_id"])
        for root in self.collections:
            yield collection_source(root)

    def is_modified(self) -> bool:
        """Only asked in a dirty build (a preview)."""
        if not os.path.isfile(self.abs_dest_path):
            return True
        built = os.path.getmtime(self.abs_dest_path)
        if _state["shared_mtime"] >= built:
            return True
        return any(_source_mtime(source) >= built for source in self.all_sources())


COLLECTION = "collection:"  # a source that is a whole collection: `collection_source`


def collection_source(root: Path | str) -> str:
    """A page made from every record of a collection (a listing's further pages, its browse
    pages) is rebuilt when any record's file changes."""
    return f"{COLLECTION}{root}"


def _source_mtime(source: str) -> float:
    if source.startswith(COLLECTION):
        return _newest_in_collection(source.removeprefix(COLLECTION), _state["build_id"])
    return _mtime(source, _state["build_id"])


# A record's files are asked about by its own pages and by the pages that show it (related case
# studies): read once per build (`build_id`).
@functools.lru_cache(maxsize=16384)
def _mtime(path: str, build_id: int) -> float:
    return os.path.getmtime(path) if os.path.exists(path) else float("inf")


@functools.lru_cache(maxsize=8192)
def _folder_sources(folder: str, build_id: int) -> tuple[str, ...]:
    return record_sources(SimpleNamespace(folder=folder))


@functools.lru_cache(maxsize=32)
def _newest_in_collection(root: str, build_id: int) -> float:
    """Read once per build (`build_id`), however many pages ask."""
    return _newest_mtime([Path(root)]) if Path(root).exists() else float("inf")


def record_sources(record: Any) -> tuple[str, ...]:
    """The files a record's pages are made from: its folder (a file added or removed changes
    the folder) and the files in it."""
    folder = Path(record.folder)
    return (str(folder), *(str(child) for child in folder.iterdir())) if folder.is_dir() else (str(folder),)


class _TemplateCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory between preview builds: MkDocs makes a new template
    environment for every build, and compiling the theme's templates again took a third of a
    second of each rebuild. Jinja checks each template's source, so an edited template is
    compiled again."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


_templates = _TemplateCache()


def template_cache() -> jinja2.BytecodeCache | None:
    """For the `on_env` event: the cache of compiled templates in a preview, else None."""
    return _templates if is_dirty() else None
