"""The index's data version: a digest of what the stored annotations and postings depend on, by content
(the code that computes them, without comments or docstrings, and the data files it reads), so a
change that alters the stored data forces re-annotation and one that cannot (a comment, the ranking
weights) does not."""
from __future__ import annotations

import ast
import hashlib
import json
from functools import lru_cache
from pathlib import Path

from ..settings import models_dir

PACKAGE = Path(__file__).resolve().parents[1]
MODELS = models_dir()
ANNOTATION_VERSION = 1  # bump to force re-annotation when nothing hashed below changes
# The modules that compute stored data, followed through their imports within the package.
ROOTS = ("index/annotate.py", "index/telling.py", "index/store.py", "index/build.py")
QUERY_TIME_DATA = {"ranking.json", "intents.json", "change.json"}  # read when answering; only ranking.json's "telling" block reaches the index


def _module_file(current: Path, node: ast.ImportFrom | ast.Import) -> list[Path]:
    """Package files an import statement names (relative or absolute within briefing_tui)."""
    out = []
    if isinstance(node, ast.ImportFrom):
        if node.level:
            base = current.parent
            for _ in range(node.level - 1):
                base = base.parent
        elif node.module and node.module.split(".")[0] == PACKAGE.name:
            base = PACKAGE.parent
        else:
            return []
        parts = (node.module or "").split(".") if node.module else []
        target = base.joinpath(*parts)
        for name in [a.name for a in node.names]:
            out += [target / f"{name}.py"]
        out += [target.with_suffix(".py"), target / "__init__.py"]
    else:
        for a in node.names:
            if a.name.split(".")[0] == PACKAGE.name:
                target = PACKAGE.parent.joinpath(*a.name.split("."))
                out += [target.with_suffix(".py"), target / "__init__.py"]
    return [p for p in out if p.is_file()]


def _stripped(tree: ast.AST) -> str:
    """The module's syntax without docstrings: what it computes, not how it is explained."""
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(getattr(body[0], "value", None), ast.Constant) and isinstance(body[0].value.value, str):
            node.body = body[1:] or [ast.Pass()]
    return ast.dump(tree, annotate_fields=False, include_attributes=False)


def modules() -> list[Path]:
    """The package modules the stored data depends on, in a stable order."""
    todo = [PACKAGE / r for r in ROOTS]
    seen: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                todo += [p for p in _module_file(path, node) if p not in seen]
    # The interface and the engine that only read the store are not part of what it stores.
    return sorted(p for p in seen if "tui" not in p.relative_to(PACKAGE).parts[:1]
                  and p.relative_to(PACKAGE).parts[0] != "briefing")


def data_files() -> list[Path]:
    """The data files annotation reads: the top-level JSON data and the sentence-role models (spaCy's
    model/, the linear model's weights, decision.json)."""
    roles = [p for p in (MODELS / "roles").rglob("*")
             if p.is_file() and (p.parent.name != "roles" or p.name in ("decision.json", "linear.npz"))]
    return sorted(p for p in MODELS.glob("*.json*") if p.name not in QUERY_TIME_DATA) + sorted(roles)


def source_key() -> str:
    """A cheap digest of the raw bytes of every engine module and data file, parsed nowhere: while it
    is unchanged so is `data_version()`, which a store may therefore remember (index.build)."""
    digest = hashlib.sha1(str(ANNOTATION_VERSION).encode())
    code = sorted(p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] != "tui")
    for path in [*code, *data_files(), MODELS / "ranking.json"]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def data_version() -> str:
    digest = hashlib.sha1(str(ANNOTATION_VERSION).encode())
    for path in modules():
        digest.update(str(path.relative_to(PACKAGE)).encode())
        digest.update(_stripped(ast.parse(path.read_text(encoding="utf-8"))).encode())
    for path in data_files():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    ranking = json.loads((MODELS / "ranking.json").read_text(encoding="utf-8"))
    digest.update(json.dumps(ranking.get("telling"), sort_keys=True).encode())
    return digest.hexdigest()[:12]
