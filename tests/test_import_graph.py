"""One-way dependencies: the import graph of cgim has no cycles and the pure packages stay pure.

Nodes are the units of the house (docs/architecture.md): each feature package, each shared
module at the top of cgim, and each pure package (cgim.ecomap.core counts on its own).
Absolute and relative imports both count, wherever they stand in a file.
"""

import ast
import subprocess
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "cgim"
WEB_STACK = ("flask", "flask_", "sqlalchemy", "wtforms", "werkzeug", "jinja2", "markupsafe")
# Third-party libraries a pure package may use: they do no I/O of the web or the database.
PURE_MAY_USE = {"yaml", "networkx", "__future__"}


def pure_packages() -> list[str]:
    """The one list of pure packages: mypy checks exactly these (pyproject.toml, [tool.mypy])."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return [
        "cgim." + f.removeprefix("cgim/").replace("/", ".") for f in config["tool"]["mypy"]["files"]
    ]


PURE = pure_packages()


def module_of(path: Path, root: Path = ROOT) -> str:
    """The dotted name of a file under root/cgim/."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, root: Path = ROOT) -> set[str]:
    """Every module a file imports, as absolute dotted names (relative imports resolved)."""
    me = module_of(path, root)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            # `from . import services` imports a module, not a name
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def unit_of(module: str, root: Path = ROOT) -> str | None:
    """The unit a cgim module belongs to (a pure package, a feature package or a shared module)."""
    if not module.startswith("cgim."):
        return None
    for pure in PURE:
        if module == pure or module.startswith(pure + "."):
            return pure
    parts = module.split(".")
    unit = ".".join(parts[:2])
    package = root / "cgim"
    exists = (package / parts[1]).is_dir() or (package / f"{parts[1]}.py").exists()
    return unit if exists else None


def source_files(root: Path = PACKAGE) -> list[Path]:
    """Python files of the app (migrations are Alembic's, not part of the graph)."""
    return [p for p in root.rglob("*.py") if "migrations" not in p.relative_to(root).parts]


def import_graph(files: list[Path], root: Path = ROOT) -> dict[str, dict[str, set[str]]]:
    """unit -> unit it imports -> the files that do it."""
    graph: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for path in files:
        here = unit_of(module_of(path, root), root)
        for module in imports_of(path, root):
            there = unit_of(module, root)
            if here and there and there != here:
                graph[here][there].add(str(path.relative_to(root)))
    return graph


def cycles(graph) -> list[list[str]]:
    """Every strongly connected group of two or more units (Tarjan), as sorted lists."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph.get(node, {}):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                item = stack.pop()
                group.append(item)
                if item == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in list(graph):
        if node not in index:
            visit(node)
    return found


GRAPH = import_graph(source_files())


def test_the_graph_is_read():
    # Guard against a reader that sees nothing: the parent feature must depend on workshops.
    assert "cgim.workshop" in GRAPH["cgim.parent"]
    assert "cgim.ecomap.core" in GRAPH["cgim.ecomap"]
    assert set(PURE) == {
        "cgim.boundary",
        "cgim.content",
        "cgim.mi",
        "cgim.journey",
        "cgim.ecomap.core",
    }


def test_no_cycles_between_units():
    found = cycles(GRAPH)
    detail = {
        tuple(group): {a: sorted(GRAPH[a][b]) for a in group for b in group if b in GRAPH[a]}
        for group in found
    }
    assert not found, f"import cycles: {detail}"


def test_no_unit_imports_another_units_views():
    offenders = [
        (there, files)
        for here, targets in GRAPH.items()
        if here not in ("cgim.factory",)
        for there, files in targets.items()
        if any(f"{there}.views" in imports_of(ROOT / f) for f in files)
    ]
    assert not offenders, f"views imported from outside their package: {offenders}"


@pytest.mark.parametrize("pure", PURE)
def test_pure_packages_import_only_the_stdlib_and_pure_packages(pure):
    allowed = set(sys.stdlib_module_names) | PURE_MAY_USE
    folder = ROOT / pure.replace(".", "/")
    for path in folder.rglob("*.py"):
        for module in imports_of(path):
            if module.startswith("cgim"):
                unit = unit_of(module)
                assert unit in PURE, f"{path.relative_to(ROOT)} imports {module} (not pure)"
            else:
                assert not module.startswith(WEB_STACK), (
                    f"{path.relative_to(ROOT)} imports {module}"
                )
                assert module.split(".")[0] in allowed, f"{path.relative_to(ROOT)} imports {module}"


def test_importing_the_pure_packages_loads_no_web_stack():
    # A bare stand-in for the cgim package keeps cgim/__init__.py (create_app) out of it.
    modules = sorted(
        module_of(p) for pure in PURE for p in (ROOT / pure.replace(".", "/")).rglob("*.py")
    )
    code = (
        "import sys, types\n"
        "cgim = types.ModuleType('cgim')\n"
        f"cgim.__path__ = [{str(PACKAGE)!r}]\n"
        "sys.modules['cgim'] = cgim\n"
        f"import {', '.join(modules)}\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0].startswith({WEB_STACK!r})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_checks_catch_a_planted_cycle_and_upward_import(tmp_path):
    # Plant the faults the rules exist for, relative and absolute: the reading must see them.
    planted = tmp_path / "cgim"
    for folder in ("content", "workshop", "parent"):
        (planted / folder).mkdir(parents=True)
    (planted / "extensions.py").write_text("")
    (planted / "content" / "model.py").write_text("from ..extensions import db\n")
    (planted / "workshop" / "services.py").write_text("from ..parent import models\n")
    (planted / "parent" / "models.py").write_text("from cgim.workshop.services import x\n")
    graph = import_graph(list(planted.rglob("*.py")), tmp_path)
    assert cycles(graph) == [["cgim.parent", "cgim.workshop"]]
    assert "cgim.extensions" in graph["cgim.content"]
