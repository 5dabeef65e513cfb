"""JSON, GraphML and CSV: round trips, networkx compatibility, CSV layout, file errors."""

import csv
import io
import json
import re
from pathlib import Path

import networkx as nx
import pytest

from cgim.ecomap.core import formats
from cgim.ecomap.core.model import EcoMapError
from cgim.ecomap.core.parse import parse_ecomap

FIXTURES = Path(__file__).parent.parent / "fixtures"


def sample_doc():
    """The sample document as a dict."""
    return json.loads((FIXTURES / "maya.json").read_text())


def rich_doc():
    """The sample with unknown fields everywhere and awkward text."""
    doc = sample_doc()
    doc["note"] = {"tool": "x", "list": [1, "a,b"]}
    doc["child"]["interests"] = ["arts, crafts", "back\\slash", "football"]
    doc["child"]["pronouns"] = "she"
    doc["caregiver"]["extra_json"] = "not really"
    doc["people"][0]["colour"] = None
    doc["people"][0]["type"] = "tricky"
    doc["people"][1]["x"] = 0
    doc["people"][1]["y"] = 1
    doc["ties"][0]["since"] = 2019
    doc["ties"][1]["order"] = "first"
    doc["ties"][9] = {"a": "lee", "b": "child", "kind": "tenuous", "flow": "a_to_b"}
    return doc


def test_json_round_trip():
    the_map = parse_ecomap(sample_doc())
    assert formats.load_json(formats.dump_json(the_map)) == the_map


def test_invalid_json_names_line_and_column():
    with pytest.raises(EcoMapError, match=r"^line 2, column 1: invalid JSON"):
        formats.load_json('{"format":\n}')


@pytest.mark.parametrize("make", [sample_doc, rich_doc])
def test_json_graphml_json_is_equal(make):
    doc = make()
    the_map = parse_ecomap(doc)
    back = formats.load_graphml(formats.dump_graphml(the_map))
    assert back.to_dict() == the_map.to_dict()
    assert json.loads(formats.dump_json(back)) == parse_ecomap(doc).to_dict()


def test_empty_map_round_trips_through_graphml():
    the_map = parse_ecomap({"format": "cgim-ecomap", "version": 1})
    assert formats.load_graphml(formats.dump_graphml(the_map)) == the_map


def test_networkx_read_graphml_loads_the_file(tmp_path):
    path = tmp_path / "maya.graphml"
    path.write_text(formats.dump_graphml(parse_ecomap(sample_doc())), encoding="utf-8")
    graph = nx.read_graphml(path)
    assert graph.graph["format"] == "cgim-ecomap"
    assert graph.graph["version"] == 1
    assert graph.nodes["child"]["type"] == "child"
    assert graph.nodes["me"]["type"] == "caregiver"
    assert graph.nodes["rosa"]["type"] == "person"
    assert graph.nodes["rosa"]["support"] == "emotional,companionship"
    assert graph.nodes["rosa"]["closeness"] == 3
    assert graph.nodes["patel"]["professional"] is True
    assert graph.number_of_nodes() == 10
    assert graph.number_of_edges() == 13
    assert graph.edges["child", "rosa"]["kind"] == "strong"


def test_graphml_booleans_are_xml_schema_booleans():
    text = formats.dump_graphml(parse_ecomap(sample_doc()))
    assert ">false<" in text and ">true<" in text
    assert ">False<" not in text and ">True<" not in text


def test_tie_ends_keep_their_order_in_undirected_graphml():
    doc = sample_doc()
    doc["ties"][0] = {"a": "rosa", "b": "child", "kind": "strong", "flow": "a_to_b"}
    back = formats.load_graphml(formats.dump_graphml(parse_ecomap(doc)))
    assert (back.ties[0].a, back.ties[0].b, back.ties[0].flow) == ("rosa", "child", "a_to_b")


def test_attributes_added_by_other_tools_become_unknown_fields():
    graph = formats.to_graph(parse_ecomap(sample_doc()))
    graph.nodes["rosa"]["size"] = 12.5
    graph.graph["layout"] = "ForceAtlas"
    back = formats.load_graphml("\n".join(nx.generate_graphml(graph)))
    assert back.people[0].extra == {"size": 12.5}
    assert back.extra == {"layout": "ForceAtlas"}


def test_graphml_from_elsewhere_needs_node_types():
    graph = nx.Graph()
    graph.add_node("a", label="A")
    with pytest.raises(EcoMapError, match="node 'a': type None is not child, caregiver, person"):
        formats.load_graphml("\n".join(nx.generate_graphml(graph)))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("<graphml><graph>", "not valid GraphML"),
        ("not xml at all", "not valid GraphML"),
        ('<!DOCTYPE x [<!ENTITY a "aaaa">]><graphml/>', "DOCTYPE"),
    ],
)
def test_bad_graphml_is_one_clear_error(text, words):
    with pytest.raises(EcoMapError, match=words):
        formats.load_graphml(text)


def test_graphml_content_is_still_validated():
    text = formats.dump_graphml(parse_ecomap(sample_doc())).replace(">famly<", "")
    text = text.replace(">family<", ">famly<", 1)
    with pytest.raises(EcoMapError, match=r"people\[0\]\.sector: 'famly' is not one of family"):
        formats.load_graphml(text)


@pytest.mark.parametrize("items", [[], ["a"], ["a,b", "c"], ["back\\", "\\,x", ","], ["x", ""]])
def test_list_encoding_round_trips(items):
    assert formats.split_list(formats.join_list(items)) == items


def read_csv(the_map):
    """The CSV export as a list of dict rows."""
    return list(csv.DictReader(io.StringIO(formats.dump_csv(the_map))))


def test_csv_has_the_documented_columns_and_tables():
    the_map = parse_ecomap(sample_doc())
    text = formats.dump_csv(the_map)
    assert text.splitlines()[0].split(",") == list(formats.CSV_COLUMNS)
    rows = read_csv(the_map)
    tables = [r["table"] for r in rows]
    assert tables == ["ego"] + ["alter"] * 9 + ["alter_tie"] * 13
    assert {r["ego_id"] for r in rows} == {"child"}
    ego = rows[0]
    assert (ego["type"], ego["label"], ego["age"], ego["interests"]) == (
        "child",
        "Maya",
        "11",
        "football,drawing",
    )
    assert (rows[1]["alter_id"], rows[1]["type"]) == ("me", "caregiver")
    rosa = rows[2]
    assert rosa["alter_id"] == "rosa" and rosa["type"] == "person"
    assert rosa["support"] == "emotional,companionship"
    assert (rosa["closeness"], rosa["professional"], rosa["x"]) == ("3", "false", "0.31")
    assert rosa["source"] == "" and rosa["kind"] == ""
    tie = rows[10]
    assert (tie["source"], tie["target"], tie["kind"], tie["flow"]) == (
        "child",
        "rosa",
        "strong",
        "b_to_a",
    )
    assert tie["label"] == "" and tie["alter_id"] == ""


def test_csv_defuses_spreadsheet_formulas_but_not_numbers():
    doc = sample_doc()
    doc["people"][0]["label"] = "=HYPERLINK(1)"
    doc["people"][1]["role"] = "@cmd"
    rows = read_csv(parse_ecomap(doc))
    assert rows[2]["label"] == "'=HYPERLINK(1)"
    assert rows[3]["role"] == "'@cmd"
    assert rows[2]["y"] == "-0.12"


# Values a spreadsheet could run as a formula, or that could split a row.
HOSTILE = [
    "=HYPERLINK(1)",
    "+SUM(A1)",
    "-2+3",
    "@cmd",
    "\t=1+1",
    "\r=cmd|' /C calc'!A0",
    "\n=x",
    "  =1+1",
    "a\rb",
    "a\nb",
    "x\r\ny",
    "a\u2028b",
    "'quoted",
    "''",
    'say "hi", then',
    "-5",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def unquoted_rest(text: str) -> str:
    """The CSV text with every quoted cell taken out: what a careless reader splits on."""
    return re.sub(r'"(?:[^"]|"")*"', "", text)


def cell_value(cell: str) -> str:
    """A cell read back: the defusing apostrophe dropped (module doc)."""
    return cell[1:] if cell.startswith("'") else cell


def test_csv_cells_cannot_run_as_formulas_or_split_rows():
    lines = [formats.csv_line([value, "next"]) for value in HOSTILE]
    text = "\n".join(lines) + "\n"

    rows = list(csv.reader(io.StringIO(text, newline="")))

    assert len(rows) == len(HOSTILE)  # no value split its row
    assert unquoted_rest(text).count("\n") == len(HOSTILE)
    assert not re.search(r"[\r\u2028]", unquoted_rest(text))
    for value, (cell, after) in zip(HOSTILE, rows, strict=True):
        assert after == "next"
        assert cell_value(cell) == value  # nothing lost
        assert cell == "-5" or cell.lstrip(" ")[:1] not in FORMULA_START, cell
    for line, value in zip(lines, HOSTILE, strict=True):
        if value not in ("-5",):
            assert line.startswith('"'), line  # defused or awkward cells are quoted


def test_csv_of_a_map_with_hostile_labels_keeps_its_rows_and_values():
    doc = sample_doc()
    for person, value in zip(doc["people"], HOSTILE, strict=False):
        person["label"] = value
        person["role"] = value
    doc["child"]["interests"] = ["\r=1+1", "@x"]
    the_map = parse_ecomap(doc)

    rows = read_csv(the_map)

    assert [r["table"] for r in rows] == ["ego"] + ["alter"] * 9 + ["alter_tie"] * 13
    people = {r["alter_id"]: r for r in rows if r["type"] == "person"}
    for person in the_map.people:
        for field in ("label", "role"):
            cell = people[person.id][field]
            assert cell_value(cell) == getattr(person, field)
            assert cell[:1] not in FORMULA_START, cell
    assert rows[0]["interests"] == "'\r=1+1,@x"
    assert formats.split_list(cell_value(rows[0]["interests"])) == ["\r=1+1", "@x"]
    # Importing our own JSON and GraphML exports of the same map gives the same map.
    assert formats.load_json(formats.dump_json(the_map)) == the_map
    assert formats.load_graphml(formats.dump_graphml(the_map)).to_dict() == the_map.to_dict()


def test_read_file_by_suffix(tmp_path):
    the_map = parse_ecomap(sample_doc())
    for suffix in (".json", ".graphml"):
        path = tmp_path / f"map{suffix}"
        formats.write_file(the_map, path)
        assert formats.read_file(path) == the_map


def test_read_file_accepts_a_byte_order_mark(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + (FIXTURES / "maya.json").read_bytes())
    assert formats.read_file(path).child.label == "Maya"


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("missing.json", None, "missing.json: no such file"),
        ("map.txt", "{}", "map.txt: unknown input format (use .json or .graphml)"),
        ("bad.json", "{", "bad.json: line 1, column 2: invalid JSON"),
        ("doc.json", '{"format": "cgim-ecomap", "version": 3}', "doc.json: version: 3"),
        ("latin.json", b"\xff\xfe\x00", "latin.json: not UTF-8 text"),
    ],
)
def test_read_file_errors_name_the_file(tmp_path, name, content, words):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content)
    with pytest.raises(EcoMapError) as info:
        formats.read_file(path)
    assert str(info.value).startswith(str(tmp_path / words.split(":")[0]) + ": ")
    assert words in str(info.value)


def test_write_file_rejects_unknown_suffix(tmp_path):
    with pytest.raises(EcoMapError, match=r"unknown output format '\.pdf'"):
        formats.write_file(parse_ecomap(sample_doc()), tmp_path / "map.pdf")
