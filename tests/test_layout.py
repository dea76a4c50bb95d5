"""The layout stays a pipeline: no import cycles, no other module's private names.

Read from the source with :mod:`ast` (nothing is imported): every ``import``
and ``from ... import`` of a ``seminorm`` module, at module level or inside a
function, is an edge; ``TYPE_CHECKING`` imports count too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "seminorm"


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> list[tuple[str, str | None, int]]:
    """``(module imported, name taken from it or None, line)`` for each import."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: list[tuple[str, str | None, int]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.extend((alias.name, None, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            for alias in node.names:
                if f"{source}.{alias.name}" in MODULES:
                    out.append((f"{source}.{alias.name}", None, node.lineno))
                else:
                    out.append((source, alias.name, node.lineno))
    return [(m, n, line) for m, n, line in out if m == "seminorm" or m.startswith("seminorm.")]


def _owner(module: str) -> str:
    while module not in MODULES and "." in module:
        module = module.rpartition(".")[0]
    return module


GRAPH = {
    name: {_owner(m) for m, _, _ in _imports(name, path)} - {name} for name, path in MODULES.items()
}


def test_the_package_is_found() -> None:
    assert "seminorm.engine" in MODULES
    assert "seminorm.readers.ics" in MODULES


def test_no_import_cycles() -> None:
    """Tarjan's strongly connected components: every one is a single module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(GRAPH[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    assert not cycles, cycles


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_private_name_of_another_module(name: str) -> None:
    taken = [
        f"line {line}: {module}.{imported}"
        for module, imported, line in _imports(name, MODULES[name])
        if imported
        and imported.startswith("_")
        and not imported.startswith("__")
        and _owner(module) != name
    ]
    assert not taken, taken


#: What a stage never imports: a reader or the engine never a writer or the last pass.
FORBIDDEN = {
    "seminorm.readers": ("seminorm.write", "seminorm.resolve", "seminorm.cli", "seminorm.batch"),
    "seminorm.engine": ("seminorm.write", "seminorm.resolve", "seminorm.cli", "seminorm.batch"),
    "seminorm.rules": ("seminorm.write", "seminorm.resolve", "seminorm.readers", "seminorm.engine"),
    "seminorm.zones": ("seminorm.write", "seminorm.resolve", "seminorm.readers", "seminorm.engine"),
}


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


@pytest.mark.parametrize("name", sorted(MODULES))
def test_stages_import_only_earlier_stages(name: str) -> None:
    bad = [p for stage, forbidden in FORBIDDEN.items() if _within(name, stage) for p in forbidden]
    wrong = sorted(t for t in GRAPH[name] if any(_within(t, p) for p in bad))
    assert not wrong, wrong


@pytest.mark.parametrize("name", sorted(n for n in MODULES if _within(n, "seminorm.lang")))
def test_language_tables_are_data_only(name: str) -> None:
    # seminorm.plain: the record classes (no stage, no import of seminorm)
    assert all(_within(t, "seminorm.lang") or t == "seminorm.plain" for t in GRAPH[name]), GRAPH[
        name
    ]


def test_the_record_classes_import_nothing_of_seminorm() -> None:
    assert GRAPH["seminorm.plain"] == set()
