"""No import cycle between qingdan's modules (issue 26).

Each module's imports are read from its source (``ast``), laid out as the wheel names
them (``extract/grid.py`` is ``qingdan.extract.grid``, pyproject.toml's package-dir).
Every import counts, at the top or inside a function (a lazy import still ties the two
modules together), except those under ``if TYPE_CHECKING:``, which never run. A cycle
is a strongly connected group of two or more modules; it is named with its members.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = {
    "qingdan": ROOT / "qingdan",
    "qingdan.extract": ROOT / "extract",
    "qingdan.normalize": ROOT / "normalize",
    "qingdan.schema": ROOT / "schema",
}


def modules() -> dict[str, Path]:
    """Every module of the installed package, by its dotted name."""
    found: dict[str, Path] = {}
    for package, folder in FOLDERS.items():
        for path in folder.rglob("*.py"):
            parts = [*package.split("."), *path.relative_to(folder).with_suffix("").parts]
            if parts[-1] == "__init__":
                parts.pop()
            name = ".".join(parts)
            if package == "qingdan" and name.split(".")[1:2] in (["extract"], ["normalize"]):
                continue  # not a folder of the qingdan tree (mapped from the top)
            found[name] = path
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement of a module, except under ``if TYPE_CHECKING:``."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            yield from (n for child in node.orelse for n in _import_nodes_of(child))
            continue
        yield from _import_nodes_of(node)


def _import_nodes_of(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    if isinstance(node, ast.Import | ast.ImportFrom):
        yield node
    else:
        yield from _import_nodes(node)


def _target(name: str, known: dict[str, Path]) -> str | None:
    """The module ``name`` names (the longest known prefix), or ``None`` outside qingdan."""
    parts = name.split(".")
    while parts:
        if ".".join(parts) in known:
            return ".".join(parts)
        parts.pop()
    return None


def imports(module: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The qingdan modules ``module`` imports."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            names = [f"{base}.{alias.name}" for alias in node.names]
        found.update(t for n in names if (t := _target(n, known)) and t != module)
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of two or more modules (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_the_walk_finds_a_cycle_and_resolves_relative_imports() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
    known = modules()
    assert "qingdan.normalize.units.model" in known and "qingdan.cli" in known
    assert "qingdan.extract.grid" in imports(
        "qingdan.normalize.layout", known["qingdan.normalize.layout"], known
    )
    collectives = "qingdan.normalize.units.collectives"  # UnitModel under TYPE_CHECKING only
    assert "qingdan.normalize.units.model" not in imports(collectives, known[collectives], known)
    workbook = "qingdan.extract.spreadsheet.workbook"  # a lazy import inside a function
    assert "qingdan.extract.spreadsheet.xls" in imports(workbook, known[workbook], known)


def test_no_import_cycle_between_qingdan_modules() -> None:
    known = modules()
    graph = {name: imports(name, path, known) for name, path in known.items()}
    assert cycles(graph) == []
