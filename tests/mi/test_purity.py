"""cgim/mi stays pure: stdlib and cgim.mi only, no web stack (design.md, rule 1)."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

MI_DIR = Path(__file__).resolve().parents[2] / "cgim" / "mi"
MODULES = sorted(MI_DIR.glob("*.py"))
FORBIDDEN = ("flask", "flask_", "sqlalchemy", "wtforms", "werkzeug", "jinja2", "cgim.")


def imported_names(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            yield "." * node.level + (node.module or "")


def test_mi_package_has_modules():
    assert len(MODULES) >= 9


def test_init_is_empty():
    assert (MI_DIR / "__init__.py").read_text(encoding="utf-8").strip() == ""


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_module_imports_only_stdlib_and_cgim_mi(path):
    for name in imported_names(path):
        if name.startswith("cgim.mi.") or name == "cgim.mi":
            continue
        assert not name.startswith("."), f"{path.name}: use absolute imports ({name})"
        assert not name.lower().startswith(FORBIDDEN), f"{path.name} imports {name}"
        top = name.split(".")[0]
        assert top in sys.stdlib_module_names, f"{path.name} imports non-stdlib {name}"


def test_importing_every_module_loads_no_web_stack():
    # A bare stand-in for the cgim package keeps cgim/__init__.py (create_app) out of it.
    names = ", ".join(f"cgim.mi.{path.stem}" for path in MODULES if path.stem != "__init__")
    code = (
        "import sys, types\n"
        "cgim = types.ModuleType('cgim')\n"
        f"cgim.__path__ = [{str(MI_DIR.parent)!r}]\n"
        "sys.modules['cgim'] = cgim\n"
        f"import {names}\n"
        "web = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('flask', 'sqlalchemy', 'wtforms', 'werkzeug', 'jinja2', 'flask_wtf'))\n"
        "print('loaded', len([m for m in sys.modules if m.startswith('cgim.mi.')]))\n"
        "print(','.join(web))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split("\n")[:2] == [f"loaded {len(MODULES) - 1}", ""]
