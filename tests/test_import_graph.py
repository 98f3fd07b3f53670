"""Data flows one way (issue 16, item 1): no import cycle in the package, and data never imports
its presentation.

The graph is built with :mod:`ast` from every ``import`` in ``gametheory/``: module-level,
function-level and ``if TYPE_CHECKING:`` ones alike (a type-only cycle is still a cycle in the
design).  An import of a package counts as an edge to its ``__init__``; ``from pkg import mod``
as an edge to the module.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "gametheory"

Graph = Mapping[str, set[str]]


def modules(root: Path) -> dict[str, Path]:
    """``{dotted name: path}`` of every module under ``root`` (packages by their name)."""
    out = {}
    for p in root.rglob("*.py"):
        parts = list(p.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = p
    return out


def _targets(mods: Mapping[str, Path], cur: str, node: ast.Import | ast.ImportFrom) -> list[str]:
    pkg = cur.split(".") if mods[cur].name == "__init__.py" else cur.split(".")[:-1]
    if isinstance(node, ast.ImportFrom):
        if node.level:
            base = pkg[: len(pkg) - node.level + 1]
            mod = ".".join(base + (node.module.split(".") if node.module else []))
        else:
            mod = node.module or ""
        return [f"{mod}.{a.name}" if f"{mod}.{a.name}" in mods else mod for a in node.names]
    return [a.name for a in node.names]


def import_graph(root: Path) -> dict[str, set[str]]:
    """Each module's imports of other modules of the package (every import statement)."""
    mods = modules(root)
    top = root.name
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in mods.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                for t in _targets(mods, name, node):
                    while t and t not in mods:
                        t = t.rpartition(".")[0]
                    if t and t != name and t.startswith(top):
                        graph[name].add(t)
    return graph


def cycles(graph: Graph) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm, with
    an explicit stack)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def enter(v: str) -> tuple[str, Iterator[str]]:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        return v, iter(sorted(graph.get(v, ())))

    for start in sorted(set(graph) | {w for ws in graph.values() for w in ws}):
        if start in index:
            continue
        work = [enter(start)]
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is not None:
                if w not in index:
                    work.append(enter(w))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    u = stack.pop()
                    on.discard(u)
                    comp.append(u)
                    if u == v:
                        break
                if len(comp) > 1:
                    found.append(sorted(comp))
    return found


def test_the_cycle_finder_finds_cycles() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": {"e"}, "e": {"d"}, "f": {"a"}}
    assert sorted(cycles(graph)) == [["a", "b", "c"], ["d", "e"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_graph_sees_every_kind_of_import(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("from . import low\n")
    (pkg / "sub" / "low.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from ..high import H\n"
        "def f():\n    from pkg.other import g\n"
    )
    (pkg / "high.py").write_text("from .sub.low import f\n")
    (pkg / "other.py").write_text("import pkg.sub\n")
    graph = import_graph(pkg)
    assert graph["pkg.sub.low"] == {"pkg.high", "pkg.other"}
    assert graph["pkg.sub"] == {"pkg.sub.low"}
    assert cycles(graph) == [["pkg.high", "pkg.other", "pkg.sub", "pkg.sub.low"]]


def test_no_import_cycle_in_the_package() -> None:
    assert cycles(import_graph(ROOT)) == []


DATA = (
    "gametheory.params",
    "gametheory.conditions",
    "gametheory.games",
    "gametheory.equilibrium",
    "gametheory.repeated.game",
    "gametheory.sweeps._result",
)
PRESENTATION = (
    "gametheory.present",
    "gametheory.latex",
    "gametheory._html",
    "gametheory.io",
    "gametheory.naming",
    "gametheory.sweeps._plot",
    "gametheory.sweeps._present",
)


def _under(name: str, prefixes: Iterable[str]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def test_data_never_imports_its_presentation_nor_the_solvers() -> None:
    graph = import_graph(ROOT)
    bad = sorted(
        f"{m} -> {t}"
        for m, ts in graph.items()
        if _under(m, DATA)
        for t in ts
        if _under(t, (*PRESENTATION, "gametheory.solvers"))
    )
    assert bad == []
