"""Architecture checks: the engine never loads Textual, the CLI's start-up stays light, and the
package's modules import each other without cycles. Modules are discovered, never listed, so a
new module is checked the day it appears."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import briefing_tui

PACKAGE_DIR = Path(briefing_tui.__file__).resolve().parent
PACKAGE = PACKAGE_DIR.name
UI_PACKAGE = f"{PACKAGE}.tui"


# ----------------------------------------------------------------- discovery and the import graph
def module_files(package_dir: Path) -> dict[str, Path]:
    """Every module of the package by dotted name, from the file tree (pkgutil would skip the
    folders that have no __init__.py, which are namespace packages here)."""
    out = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = path.relative_to(package_dir.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _known(name: str, modules: dict[str, Path]) -> str | None:
    """The module an import of `name` runs: itself, else its nearest enclosing module (importing
    a name from a namespace package with no __init__ resolves to nothing of ours)."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(module: str, path: Path, modules: dict[str, Path], root: str) -> set[str]:
    """The package modules `module` imports anywhere in its file: at module level, inside
    functions and under `if TYPE_CHECKING:` too, because an import hidden there is how a cycle is
    dodged rather than removed."""
    is_package = path.name == "__init__.py"
    here = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = here.split(".")
                if node.level - 1 >= len(base_parts):
                    continue  # beyond the top package: not ours
                base = ".".join(base_parts[: len(base_parts) - (node.level - 1)])
                base = f"{base}.{node.module}" if node.module else base
            else:
                base = node.module or ""
            # `from pkg import x` runs pkg.x when x is a module, else only pkg
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
        else:
            continue
        for target in targets:
            if target == root or target.startswith(root + "."):
                resolved = _known(target, modules)
                if resolved and resolved != module:
                    found.add(resolved)
    return found


def import_graph(package_dir: Path) -> dict[str, set[str]]:
    modules = module_files(package_dir)
    return {name: imports_of(name, path, modules, package_dir.name) for name, path in modules.items()}


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One shortest cycle (first node repeated at the end) through each strongly connected group of
    modules that has one, in a stable order; Tarjan's algorithm, written iteratively."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []
    nodes = sorted(set(graph) | {m for targets in graph.values() for m in targets})
    for start in nodes:
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1 or node in graph.get(node, ()):
                    groups.append(group)
    return sorted((_shortest_cycle(graph, g) for g in groups), key=lambda c: c[0])


def _shortest_cycle(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    """A shortest path from the group's first member back to itself, inside the group (breadth first)."""
    start = min(group)
    parents: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for child in sorted(graph.get(node, ())):
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(parents[path[-1]])
                    return [*reversed(path), start]
                if child in group and child not in parents:
                    parents[child] = node
                    following.append(child)
        frontier = following
    raise AssertionError(f"no cycle through {start} in {sorted(group)}")  # a group always has one


# ----------------------------------------------------------------- the checks
def engine_modules() -> list[str]:
    return [m for m in module_files(PACKAGE_DIR) if m != UI_PACKAGE and not m.startswith(UI_PACKAGE + ".")]


def _fresh(code: str) -> dict:
    """Run `code` in a fresh interpreter; it prints one JSON line last."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_every_engine_module_imports_without_textual():
    modules = engine_modules()
    assert f"{PACKAGE}.cli" in modules and len(modules) > 10, modules  # discovery really found the package
    code = f"""
import importlib, json, sys
first, along = None, []
for name in {modules!r}:
    before = set(sys.modules)
    importlib.import_module(name)
    if first is None and 'textual' in sys.modules:
        first = name
        along = sorted(m for m in set(sys.modules) - before if m.startswith({PACKAGE!r}))
print(json.dumps({{'first_to_load_textual': first, 'along': along, 'imported': len({modules!r})}}))
"""
    result = _fresh(code)
    assert result["first_to_load_textual"] is None, \
        f"importing {result['first_to_load_textual']} loads Textual (it brought in {', '.join(result['along'])})"
    assert result["imported"] == len(modules)


def test_help_loads_neither_textual_nor_spacy():
    code = f"""
import contextlib, io, json, sys
import {PACKAGE}.cli as cli
cli.build_parser()
with contextlib.redirect_stdout(io.StringIO()) as shown:
    try:
        cli.main(['--help'])
    except SystemExit as exc:
        code = exc.code
print(json.dumps({{'code': code, 'usage': 'usage' in shown.getvalue(),
                  'loaded': sorted(m for m in ('textual', 'spacy') if m in sys.modules)}}))
"""
    result = _fresh(code)
    assert result == {"code": 0, "usage": True, "loaded": []}


def test_cycle_finder_finds_a_planted_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"a", "e"}, "f": {"d"}}
    assert find_cycles(graph) == [["a", "b", "c", "a"], ["e", "e"]]
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": set(), "d": {"a", "c"}}) == []
    # two cycles sharing a node form one group; the shortest cycle through its first member is shown
    assert find_cycles({"a": {"b", "x"}, "b": {"a"}, "x": {"y"}, "y": {"a"}}) == [["a", "b", "a"]]


def test_import_graph_resolves_relative_lazy_and_package_imports(tmp_path):
    pkg = tmp_path / "toy"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "ns").mkdir()  # a namespace package: no __init__.py
    files = {
        "__init__.py": "VERSION = 1\n",
        "top.py": "from . import sub\nfrom .sub import deep\nimport json\n",
        "sub/__init__.py": "from .deep import thing\n",
        "sub/deep.py": "def f():\n    from ..top import VERSION\n    from .. import VERSION as V\n    thing = 1\n",
        "sub/other.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from toy.ns.leaf import x\n"
                        "from toy.sub.deep import f\nimport toy.sub\n",
        "ns/leaf.py": "from ...outside import nothing\nx = 1\n",
    }
    for name, text in files.items():
        (pkg / name).write_text(text)
    assert import_graph(pkg) == {
        "toy": set(),
        "toy.top": {"toy.sub", "toy.sub.deep"},
        "toy.sub": {"toy.sub.deep"},
        "toy.sub.deep": {"toy.top", "toy"},
        "toy.sub.other": {"toy.ns.leaf", "toy.sub.deep", "toy.sub"},
        "toy.ns.leaf": set(),
    }
    # deep -> top closes two loops (top -> deep, top -> sub -> deep): one group, shown from its first member
    assert find_cycles(import_graph(pkg)) == [["toy.sub", "toy.sub.deep", "toy.top", "toy.sub"]]


def test_no_import_cycle_between_modules():
    cycles = find_cycles(import_graph(PACKAGE_DIR))
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)
