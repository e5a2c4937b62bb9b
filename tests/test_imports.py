"""The package's imports go one way: no module imports the package __init__, no cycle, no upward import.

The layers are read from docs/ARCHITECTURE.md (between the ``layers`` markers), so the document and the
code cannot drift apart. Every import counts, including those inside functions; only imports under
``if TYPE_CHECKING:`` (annotations, never executed) are left out.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import REPO

PACKAGE = "saidbench"
ROOT = REPO / "eval" / PACKAGE


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in ROOT.rglob("*.py")}


def _executed(tree: ast.AST):
    """Every import node, skipping the bodies of ``if TYPE_CHECKING:``."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (n for child in node.orelse for n in _executed_node(child))
            continue
        yield from _executed_node(node)


def _executed_node(node: ast.AST):
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        yield node
    yield from _executed(node)


def imports(name: str) -> set[str]:
    """The package modules ``name`` imports; ``saidbench`` itself when it imports a name of the package __init__."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in _executed(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == PACKAGE}
            continue
        if node.level:
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            target = ".".join(base + ([node.module] if node.module else []))
        elif (node.module or "").split(".")[0] == PACKAGE:
            target = node.module
        else:
            continue
        for alias in node.names:
            submodule = f"{target}.{alias.name}"
            found.add(submodule if submodule in MODULES else target)
    return found


GRAPH = {name: imports(name) for name in MODULES}


def layers() -> list[list[str]]:
    text = (REPO / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    block = text.split("<!-- layers -->")[1].split("<!-- /layers -->")[0]
    return [re.findall(r"`([\w.]+)`", line) for line in block.splitlines() if re.findall(r"`([\w.]+)`", line)]


def layer_of(name: str, table: dict[str, int]) -> int:
    """The layer of a module: its own entry, or its package's (``tasks`` covers ``tasks.entities``)."""
    short = name.removeprefix(PACKAGE).lstrip(".") or PACKAGE
    while short not in table:
        if "." not in short:
            raise AssertionError(f"{name} is in no layer of docs/ARCHITECTURE.md: add it")
        short = short.rpartition(".")[0]
    return table[short]


def test_graph_is_read():
    assert f"{PACKAGE}.schemes" in GRAPH[f"{PACKAGE}.matching"]
    assert f"{PACKAGE}.scoring" in GRAPH[PACKAGE]
    assert f"{PACKAGE}.validate" in GRAPH[f"{PACKAGE}.scoring"]  # an import inside a function counts


def test_nothing_imports_the_package_init():
    offenders = sorted(name for name, targets in GRAPH.items() if PACKAGE in targets and name != PACKAGE)
    assert not offenders, f"these modules import names from saidbench/__init__.py: {offenders}"


def test_no_import_cycle():
    state: dict[str, int] = {}  # 1 on the stack, 2 done

    def visit(name: str, stack: list[str]) -> None:
        state[name] = 1
        for target in sorted(GRAPH[name]):
            if state.get(target) == 1:
                cycle = stack[stack.index(target):] + [target]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target, stack + [target])
        state[name] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [name])


def test_imports_go_down_the_layers_of_architecture_md():
    table = {name: index for index, names in enumerate(layers()) for name in names}
    upward = [
        f"{name} (layer {layer_of(name, table) + 1}) imports {target} (layer {layer_of(target, table) + 1})"
        for name, targets in sorted(GRAPH.items())
        for target in sorted(targets)
        if layer_of(target, table) > layer_of(name, table)
    ]
    assert not upward, "upward imports:\n" + "\n".join(upward)
