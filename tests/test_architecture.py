"""The house rules the code must keep: pure cores, small modules, no escaping switched off."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "cgim"
WEB_STACK = ("flask", "flask_", "sqlalchemy", "wtforms", "werkzeug", "jinja2")
PURE = ["content", "mi"]
ECOMAP_CORE = [
    "edit.py",
    "diff.py",
    "model.py",
    "parse.py",
    "formats.py",
    "analysis.py",
    "results.py",
    "wording.py",
    "layout.py",
    "svg.py",
]


def imported_modules(path: Path) -> set[str]:
    """Top-level names of every module a file imports."""
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def pure_files() -> list[Path]:
    """Files that must not touch the web stack or the database."""
    files = [f for pkg in PURE for f in (PACKAGE / pkg).glob("*.py")]
    files += [
        PACKAGE / "ecomap" / name for name in ECOMAP_CORE if (PACKAGE / "ecomap" / name).exists()
    ]
    return files


@pytest.mark.parametrize("path", pure_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_pure_core_imports_no_web_stack(path):
    offenders = {m for m in imported_modules(path) if m.split(".")[0].startswith(WEB_STACK)}
    assert not offenders, f"{path.name} imports {offenders}"


def test_pure_core_list_is_not_empty():
    assert len(pure_files()) >= 8


def test_modules_stay_small():
    too_big = [
        p.name
        for p in PACKAGE.rglob("*.py")
        if "migrations" not in p.parts and len(p.read_text().splitlines()) > 320
    ]
    assert not too_big


def test_feature_init_files_stay_empty():
    for init in PACKAGE.glob("*/__init__.py"):
        assert init.read_text().strip() == "", f"{init} is not empty"


def test_no_template_switches_off_escaping_or_inlines_script_or_style():
    for template in (ROOT / "templates").rglob("*.html"):
        source = template.read_text()
        assert "|safe" not in source.replace(" ", ""), template
        assert "<script>" not in source and " style=" not in source and "<style" not in source, (
            template
        )
        assert not re.search(r"\son[a-z]+\s*=", source), f"inline event handler in {template}"
