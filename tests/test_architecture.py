"""The house rules the code must keep: small modules, empty feature inits, no escaping switched off.

The import rules (pure cores, one-way dependencies) are in test_import_graph.py.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "cgim"


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
