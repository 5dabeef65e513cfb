"""``cgim ecomap``: output of each command, and one-line errors with exit code 2."""

import json
import shutil
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from cgim.ecomap.cli import ecomap
from cgim.ecomap.core.formats import CSV_COLUMNS

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = str(FIXTURES / "maya.json")


def run(*args):
    """Invoke the ecomap group as the shell would."""
    return CliRunner().invoke(ecomap, list(args))


def test_analyze_prints_a_plain_summary():
    result = run("analyze", SAMPLE)
    assert result.exit_code == 0, result.output
    assert "Eco-map for Maya: 8 adults" in result.stdout
    candidates = result.stdout.split("People who could be a good fit:")[1].split("Not suggested:")[
        0
    ]
    assert candidates.startswith("\n  - Aunt Rosa\n     + Your child feels close to them")
    assert "score" not in result.stdout and "0.89" not in result.stdout  # only in --json
    assert "No app can know whether someone is safe" in result.stdout
    assert "Uncle Ray" in result.stdout.split("Not suggested:")[1]
    assert "Coach Sam: Aunt Rosa knows them well" in result.stdout
    assert "Support that rests on one person: emotional (Aunt Rosa)" in result.stdout


def test_analyze_json_is_the_contract_document():
    result = run("analyze", SAMPLE, "--json")
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    assert list(out) == ["candidates", "not_suggested", "introducers", "health"]
    assert out["candidates"][0]["id"] == "rosa"
    assert out["health"]["adults"] == 8


def test_analyze_reads_graphml(tmp_path):
    graphml = tmp_path / "maya.graphml"
    assert run("convert", SAMPLE, "-o", str(graphml)).exit_code == 0
    from_json = json.loads(run("analyze", SAMPLE, "--json").stdout)
    assert json.loads(run("analyze", str(graphml), "--json").stdout) == from_json


def test_render_writes_svg_and_initials_hide_names(tmp_path):
    full, short = tmp_path / "full.svg", tmp_path / "short.svg"
    assert run("render", SAMPLE, "-o", str(full)).exit_code == 0
    assert run("render", SAMPLE, "-o", str(short), "--initials").exit_code == 0
    assert "Aunt Rosa" in full.read_text()
    assert "Aunt Rosa" not in short.read_text() and ">AR<" in short.read_text()


def test_convert_to_every_format(tmp_path):
    for suffix in ("json", "graphml", "csv"):
        out = tmp_path / f"out.{suffix}"
        result = run("convert", SAMPLE, "-o", str(out))
        assert result.exit_code == 0
        assert f"Wrote {out}" in result.stdout
    assert json.loads((tmp_path / "out.json").read_text()) == json.loads(Path(SAMPLE).read_text())
    assert nx.read_graphml(tmp_path / "out.graphml").number_of_nodes() == 10
    header = (tmp_path / "out.csv").read_text().splitlines()[0]
    assert header == ",".join(CSV_COLUMNS)


def bad_files(tmp_path):
    """Files that are wrong in different ways."""
    (tmp_path / "broken.json").write_text('{"format": "cgim-ecomap",\n "version": }')
    doc = json.loads(Path(SAMPLE).read_text())
    doc["people"][2]["sector"] = "famly"
    (tmp_path / "invalid.json").write_text(json.dumps(doc))
    (tmp_path / "broken.graphml").write_text("<graphml><graph>")
    (tmp_path / "map.yaml").write_text("x: 1")
    shutil.copy(SAMPLE, tmp_path / "ok.json")
    surrogate = (
        '{"format": "cgim-ecomap", "version": 1, "people": [{"id": "p", "label": "\\ud800"}]}'
    )
    (tmp_path / "surrogate.json").write_text(surrogate)
    (tmp_path / "deep.json").write_text("[" * 50_000 + "]" * 50_000)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["analyze", "{d}/missing.json"], "missing.json: no such file"),
        (["analyze", "{d}/broken.json"], "broken.json: line 2, column 13: invalid JSON"),
        (["analyze", "{d}/invalid.json", "--json"], "people[2].sector: 'famly' is not one of"),
        (["analyze", "{d}/surrogate.json"], "people[0].label: hidden character"),
        (["analyze", "{d}/deep.json"], "nested too deeply"),
        (["render", "{d}/broken.graphml", "-o", "{d}/x.svg"], "not valid GraphML"),
        (["render", "{d}/map.yaml", "-o", "{d}/x.svg"], "unknown input format"),
        (["render", "{d}/ok.json", "-o", "{d}/x.png"], "x.png: unknown output format (use .svg)"),
        (["render", "{d}/ok.json"], "render needs -o OUT.svg"),
        (["convert", "{d}/ok.json", "-o", "{d}/x.pdf"], "unknown output format (use .json"),
        (["convert", "{d}/ok.json"], "convert needs -o OUT.json"),
        (["convert", "{d}/ok.json", "-o", "{d}/no/such/dir/x.csv"], "cannot write"),
        (["render", "{d}/ok.json", "-o", "{d}/no/such/dir/x.svg"], "cannot write"),
    ],
)
def test_bad_input_is_one_line_and_exit_code_two(tmp_path, args, words):
    bad_files(tmp_path)
    result = run(*[a.format(d=tmp_path) for a in args])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Error: ")
    assert words in lines[0]
    assert "Traceback" not in result.output
