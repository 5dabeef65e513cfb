"""The browser's drawing places people with layout.py's numbers, handed over by the editor page."""

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cgim import paths
from cgim.ecomap.core import layout
from cgim.ecomap.core.parse import parse_ecomap

GEOMETRY = paths.STATIC / "js" / "ecomap" / "geometry.js"
FIXTURES = Path(__file__).parent / "fixtures"
NODE = shutil.which("node")
# Runs geometry.js with the constants the page hands over and prints where it puts everyone.
RUNNER = """
import { readFileSync } from "node:fs";
import { layout, useLayout, wedges } from "./geometry.mjs";
const input = JSON.parse(readFileSync(0, "utf8"));
useLayout(input.constants);
const layouts = input.maps.map((doc) => Object.fromEntries(layout(doc)));
console.log(JSON.stringify({ layouts, wedges: wedges() }));
"""


def data_attribute(page: str, name: str) -> str:
    """One data attribute of the editor figure, unescaped."""
    found = re.search(rf"""data-{name}='([^']*)'""", page)
    assert found, f"no data-{name} on the page"
    return html.unescape(found.group(1))


def test_the_editor_page_hands_over_exactly_the_python_constants(parent):
    page = parent.get("/me/ecomap").text
    assert json.loads(data_attribute(page, "layout")) == layout.browser_constants()


def test_geometry_js_copies_none_of_the_numbers():
    text = GEOMETRY.read_text()
    constants = layout.browser_constants()
    numbers = [layout.OUTER_RADIUS, layout.CHILD_RADIUS, layout.CAREGIVER_RADIUS, 1.5]
    numbers += [*layout.RING_RADII.values(), *layout.STAGGER[1:], *layout.NUDGE.values()]
    for number in {abs(n) for n in numbers if n}:
        assert not re.search(rf"(?<![\w.]){re.escape(str(number))}(?![\d])", text), number
    assert not any(f'"{sector}"' in text for sector in constants["sectors"])


def crowded_map():
    """Eight people in one cell (staggered), unknown closeness, and one placed by hand."""
    people = [{"id": f"p{i}", "label": "P", "sector": "school", "closeness": 2} for i in range(8)]
    people += [{"id": "far", "label": "F"}, {"id": "here", "label": "H", "x": 0.1, "y": 0.2}]
    people += [{"id": f"o{c}", "label": "O", "sector": "other", "closeness": c} for c in (1, 3)]
    return {"format": "cgim-ecomap", "version": 1, "people": people}


@pytest.fixture
def run_geometry(tmp_path):
    """Run geometry.js under node; skipped where node is missing, except in CI."""
    if NODE is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs node to check geometry.js against layout.py")
        pytest.skip("node is not installed")
    shutil.copy(GEOMETRY, tmp_path / "geometry.mjs")  # .mjs: plain ES module, no package.json
    (tmp_path / "run.mjs").write_text(RUNNER)

    def run(maps):
        given = json.dumps({"constants": layout.browser_constants(), "maps": maps})
        done = subprocess.run(
            [NODE, str(tmp_path / "run.mjs")],
            input=given,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    return run


def test_the_browser_places_everyone_where_the_server_does(run_geometry):
    names = ("maya.json", "design_example.json")
    raw = [json.loads((FIXTURES / name).read_text()) for name in names]
    ecomaps = [parse_ecomap(doc) for doc in [*raw, crowded_map()]]
    # the browser gets each map as /me/ecomap/document sends it
    result = run_geometry([ecomap.to_dict() for ecomap in ecomaps])
    for ecomap, placed in zip(ecomaps, result["layouts"], strict=True):
        expected = layout.layout(ecomap)
        assert placed.keys() == expected.keys()
        for pid, spot in expected.items():
            assert placed[pid] == pytest.approx(list(spot), abs=1e-12), pid
    python_wedges = layout.wedges()
    assert [w["sector"] for w in result["wedges"]] == [w.sector for w in python_wedges]
    for js, py in zip(result["wedges"], python_wedges, strict=True):
        assert [js["start"], js["end"], js["middle"]] == pytest.approx(
            [py.start, py.end, py.middle]
        )
