"""The package's layers and which way imports may run between them (ARCHITECTURE.md).

`import_problems` reads every module of the package with `ast` (function-level imports included) and
reports an import that runs the wrong way; `import_cycles` reports circles between modules.
tests/architecture/test_layers.py runs both.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "exchange"
PACKAGE_DIR = Path(__file__).resolve().parent

# Each layer and the layers it may import (itself included). The top-level `exchange` module (paths
# and languages) may be imported by all.
ALLOWED: dict[str, set[str]] = {
    "core": {"core"},
    "welsh": {"core", "welsh"},
    "content": {"core", "welsh", "content"},
    "pages": {"core", "welsh", "content", "pages"},
    "search": {"core", "welsh", "content", "search"},
    "quality": {"core", "quality"},
    "bench": {"core", "welsh", "content", "pages", "search", "quality", "bench"},
    "hooks": {"core", "welsh", "content", "pages", "search", "quality", "hooks"},
    "layers": set(),
}


@dataclass(frozen=True)
class Import:
    module: str  # importing module, dotted
    target: str  # imported module, dotted
    line: int
    path: Path


def module_name(path: Path, package_dir: Path = PACKAGE_DIR) -> str:
    parts = list(path.relative_to(package_dir.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(package_dir: Path = PACKAGE_DIR) -> dict[str, Path]:
    return {module_name(path, package_dir): path for path in sorted(package_dir.rglob("*.py"))}


def imports_of(path: Path, known: set[str], package_dir: Path = PACKAGE_DIR) -> list[Import]:
    """Every import of a module of the package in `path`, at any depth (functions included)."""
    name = module_name(path, package_dir)
    found: list[Import] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from exchange.pages import listing_pages` imports the submodule when it is one.
            targets = [f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in known else node.module
                       for alias in node.names]
        for target in targets:
            if target == PACKAGE or target.startswith(PACKAGE + "."):
                found.append(Import(name, target, node.lineno, path))
    return found


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def import_problems(package_dir: Path = PACKAGE_DIR) -> list[str]:
    known = set(modules(package_dir))
    problems = []
    for name, path in modules(package_dir).items():
        layer = layer_of(name)
        if layer is None:
            continue
        for imp in imports_of(path, known, package_dir):
            target_layer = layer_of(imp.target)
            if target_layer is None or target_layer in ALLOWED.get(layer, set()):
                continue
            problems.append(f"{path.relative_to(package_dir.parent)}:{imp.line}: {name} ({layer}) imports "
                            f"{imp.target} ({target_layer}); {layer} may import only "
                            f"{', '.join(sorted(ALLOWED.get(layer, set()))) or 'nothing of the package'}")
    return problems


def import_cycles(package_dir: Path = PACKAGE_DIR) -> list[list[str]]:
    """Circles of imports between modules (Tarjan's strongly connected components of size > 1)."""
    known = set(modules(package_dir))
    graph = {name: sorted({imp.target for imp in imports_of(path, known, package_dir)
                           if imp.target in known and imp.target != name and imp.target != PACKAGE})
             for name, path in modules(package_dir).items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in graph.get(node, []):
            # A package's __init__ importing its own submodules is not a circle worth reporting.
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return cycles
