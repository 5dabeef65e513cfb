"""The eco-map core stays pure: no web or database imports (design.md 2, rule 1)."""

import ast
import sys
from pathlib import Path

import pytest

import cgim.ecomap

PACKAGE = Path(cgim.ecomap.__file__).parent
CORE = ("model", "parse", "formats", "analysis", "results", "wording", "layout", "svg", "cli")
FORBIDDEN = ("flask", "flask_", "sqlalchemy", "wtforms", "werkzeug", "jinja2", "cgim.extensions")


def imported_modules(path):
    """Every module a file imports, as dotted names."""
    names = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names.append(("." * node.level) + (node.module or ""))
    return names


@pytest.mark.parametrize("name", CORE)
def test_core_modules_import_only_stdlib_networkx_and_click(name):
    allowed = set(sys.stdlib_module_names) | {"networkx", "__future__"}
    if name == "cli":
        allowed.add("click")
    for module in imported_modules(PACKAGE / f"{name}.py"):
        top = module.split(".")[0]
        assert not module.startswith(FORBIDDEN), f"{name}.py imports {module}"
        own = module == "cgim.ecomap" or module.startswith("cgim.ecomap.")
        assert top in allowed or own, f"{name}.py imports {module}"


def test_package_init_is_empty():
    assert (PACKAGE / "__init__.py").read_text().strip() == ""


def test_imports_are_checked():
    # the checker itself must see imports, or the test above could never fail
    found = imported_modules(PACKAGE / "cli.py")
    assert "click" in found and "cgim.ecomap.model" in found
