"""Eco-map files: JSON (the v1 document), GraphML (networkx, Gephi) and CSV (egor-style).

GraphML: one node per id with a ``type`` attribute (``child``, ``caregiver`` or
``person``) and the document's fields as attributes; list fields are comma-separated
strings (a comma inside free text, e.g. an interest, is written ``\\,``). Each tie is an
edge with ``kind``, ``flow``, ``a`` (which end is the tie's ``a``: undirected GraphML does
not keep the order) and ``order`` (its place in ``ties``). Graph data holds ``format`` and
``version``. Unknown fields travel as JSON text in ``extra_json``; attributes added by
other tools (Gephi colours, sizes) come back as unknown fields. JSON -> GraphML -> JSON
gives the same document.

CSV (export only, one file): researchers' ego / alters / alter-ties tables (as in the R
package egor) stacked in one sheet, told apart by the ``table`` column:

- ``ego``: the child - ``ego_id``, ``type`` = child, ``label``, ``age``, ``interests``.
- ``alter``: the caregiver (``type`` = caregiver) and each person (``type`` = person) -
  ``ego_id``, ``alter_id``, ``label`` and the person fields ``sector`` .. ``y``.
- ``alter_tie``: each tie - ``ego_id``, ``source`` (tie ``a``), ``target`` (tie ``b``),
  ``kind``, ``flow``. Ties to the child have the ego's id as source or target.

Columns, in order: ``CSV_COLUMNS``; cells that do not apply are empty; lists are
comma-separated; ``professional`` is ``true``/``false``. A cell starting (after spaces too)
with ``= + - @ '``, tab, CR or LF gets a leading ``'`` (not plain numbers like ``-0.12``), so
no spreadsheet runs it; it is quoted, as is any cell with a comma, quote or line break, so no
row splits. To read a cell back, drop one leading ``'``. Unknown fields are not exported.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import networkx as nx
from networkx.readwrite.graphml import GraphMLWriter

from ...boundary.rules import BadInput, check_json_value
from .cells import csv_line, join_list, split_list
from .model import FORMAT, VERSION, EcoMap, EcoMapError
from .parse import parse_ecomap

# One table for all rows (egor style): the ego and alter columns, the person fields, the ties.
CSV_HEADER = (
    "table ego_id alter_id type label age interests "
    "sector role closeness contact support child_feels parent_trust fit concerns professional x y "
    "source target kind flow"
)
CSV_COLUMNS = tuple(CSV_HEADER.split())
LIST_FIELDS = ("interests", "support", "fit", "concerns")
PERSON_FIELDS = CSV_COLUMNS[7:19]
INPUT_SUFFIXES = {".json": "json", ".graphml": "graphml", ".xml": "graphml"}
OUTPUT_SUFFIXES = (".json", ".graphml", ".csv")
NODE_FIELDS = {
    "child": ("label", "age", "interests"),
    "caregiver": ("label",),
    "person": ("label", *PERSON_FIELDS),
}


def load_json(text: str) -> EcoMap:
    """Parse JSON text into a checked EcoMap; bad JSON names line and column."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as err:
        raise EcoMapError(
            f"line {err.lineno}, column {err.colno}: invalid JSON ({err.msg})"
        ) from None
    except RecursionError:
        raise EcoMapError("the JSON is nested too deeply") from None
    try:
        check_json_value(raw)  # the one input boundary: depth, counts, every text
    except BadInput as bad:
        raise EcoMapError(str(bad)) from None
    return parse_ecomap(raw)


def dump_json(ecomap: EcoMap) -> str:
    """The v1 document as pretty JSON text."""
    return json.dumps(ecomap.to_dict(), indent=2, ensure_ascii=False) + "\n"


def to_graph(ecomap: EcoMap) -> nx.Graph[str]:
    """The map as a networkx graph with GraphML-ready attributes."""
    doc = ecomap.to_dict()
    graph: nx.Graph[str] = nx.Graph(format=FORMAT, version=VERSION)
    _put_extra(graph.graph, doc, ("format", "version", "child", "caregiver", "people", "ties"))
    graph.add_node(doc["child"]["id"], **_node_attrs("child", doc["child"]))
    graph.add_node(doc["caregiver"]["id"], **_node_attrs("caregiver", doc["caregiver"]))
    for person in doc["people"]:
        graph.add_node(person["id"], **_node_attrs("person", person))
    for i, tie in enumerate(doc["ties"]):
        attrs = {"kind": tie["kind"], "flow": tie["flow"], "a": tie["a"], "order": i}
        _put_extra(attrs, tie, ("a", "b", "kind", "flow"))
        graph.add_edge(tie["a"], tie["b"], **attrs)
    return graph


def _node_attrs(node_type: str, fields: dict[str, Any]) -> dict[str, Any]:
    """GraphML attributes for one node: known fields typed, unknown ones as JSON."""
    known = NODE_FIELDS[node_type]
    attrs: dict[str, Any] = {"type": node_type}
    for key in known:
        if key not in fields:
            continue
        value = fields[key]
        if key in LIST_FIELDS:
            value = join_list(value)
        elif key in ("x", "y"):
            value = float(value)  # one GraphML key type for every node
        attrs[key] = value
    _put_extra(attrs, fields, ("id", *known))
    return attrs


def _put_extra(attrs: dict[str, Any], fields: dict[str, Any], known: tuple[str, ...]) -> None:
    """Store fields the format does not know as one JSON text attribute."""
    extra = {k: v for k, v in fields.items() if k not in known}
    if extra:
        attrs["extra_json"] = json.dumps(extra, ensure_ascii=False)


def dump_graphml(ecomap: EcoMap) -> str:
    """The map as GraphML text (loads with networkx.read_graphml and in Gephi)."""
    writer = GraphMLWriter(prettyprint=True)  # not generate_graphml: it splits text at a CR
    writer.add_graph_element(to_graph(ecomap))
    text = str(writer)
    # networkx writes Python's True/False; GraphML (xs:boolean) wants true/false.
    for key in re.findall(r'<key id="(\w+)" for="node" attr.name="professional"', text):
        text = re.sub(
            rf'(<data key="{key}">)(True|False)<', lambda m: m[1] + m[2].lower() + "<", text
        )
    return text.replace("\r", "&#13;")  # XML readers turn a bare CR into LF


def load_graphml(text: str) -> EcoMap:
    """Parse GraphML text into a checked EcoMap."""
    if re.search(r"<!(DOCTYPE|ENTITY)", text, re.IGNORECASE):
        raise EcoMapError("GraphML with a DOCTYPE or entities is not accepted")
    try:
        graph = nx.parse_graphml(text)
    except (SyntaxError, nx.NetworkXError, KeyError, ValueError, TypeError) as err:
        raise EcoMapError(f"not valid GraphML ({err})") from None
    return from_graph(graph)


def from_graph(graph: nx.Graph[Any]) -> EcoMap:  # any graph: Gephi may have edited it
    """Rebuild the document from a graph written by ``to_graph`` (or edited in Gephi)."""
    doc: dict[str, Any] = {"people": [], "ties": []}
    doc |= {k: v for k, v in graph.graph.items() if not k.endswith("_default")}
    extra = _take_extra(doc)
    doc |= extra
    for node, data in graph.nodes(data=True):
        node_type = data.get("type")
        fields = {"id": node} | _node_fields(data)
        if node_type == "person":
            doc["people"].append(fields)
        elif node_type in ("child", "caregiver") and node_type not in doc:
            doc[node_type] = fields
        else:
            raise EcoMapError(f"node {node!r}: type {node_type!r} is not child, caregiver, person")
    doc["ties"] = [tie for _, tie in sorted(_ties(graph), key=lambda pair: pair[0])]
    return parse_ecomap(doc)


def _node_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Turn one node's GraphML attributes back into document fields."""
    fields = {k: v for k, v in data.items() if k != "type"}
    for key in LIST_FIELDS:
        if isinstance(fields.get(key), str):
            fields[key] = split_list(fields[key])
    extra = _take_extra(fields)
    return fields | extra


def _take_extra(fields: dict[str, Any]) -> dict[str, Any]:
    """Remove and decode the ``extra_json`` attribute."""
    text = fields.pop("extra_json", None)
    if text is None:
        return {}
    try:
        extra = json.loads(text)
    except (TypeError, json.JSONDecodeError):
        raise EcoMapError("extra_json: not valid JSON") from None
    if not isinstance(extra, dict):
        raise EcoMapError("extra_json: must hold a JSON object")
    return extra


def _ties(graph: nx.Graph[Any]) -> list[tuple[int, dict[str, Any]]]:
    """Each edge as (place in the document, tie fields), with the tie's own a and b."""
    found = []
    for i, (u, v, data) in enumerate(graph.edges(data=True)):
        fields = dict(data)
        a = fields.pop("a", u)
        if a not in (u, v):
            raise EcoMapError(f"edge {u!r}-{v!r}: a is {a!r}, not one of its ends")
        order = fields.pop("order", i)
        fields.pop("id", None)
        extra = _take_extra(fields)
        tie = {"a": a, "b": v if a == u else u} | fields | extra
        found.append((order if isinstance(order, int) else i, tie))
    return found


def dump_csv(ecomap: EcoMap) -> str:
    """The map as one CSV sheet with ego, alter and alter_tie rows (see module doc)."""
    doc = ecomap.to_dict()
    ego = doc["child"]["id"]
    rows = [{"table": "ego", "ego_id": ego, "type": "child"} | doc["child"]]
    rows.append({"table": "alter", "ego_id": ego, "type": "caregiver"} | doc["caregiver"])
    rows += [{"table": "alter", "ego_id": ego, "type": "person"} | p for p in doc["people"]]
    for tie in doc["ties"]:
        ends = {"source": tie["a"], "target": tie["b"]}
        rows.append({"table": "alter_tie", "ego_id": ego} | ends | tie)
    lines = [",".join(CSV_COLUMNS)]
    for row in rows:
        if row["table"] == "alter":
            row["alter_id"] = row["id"]
        lines.append(csv_line([row.get(col) for col in CSV_COLUMNS]))
    return "\n".join(lines) + "\n"


def read_file(path: str | Path) -> EcoMap:
    """Load a .json or .graphml file; every error names the file."""
    path = Path(path)
    kind = INPUT_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise EcoMapError(f"{path}: unknown input format (use .json or .graphml)")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise EcoMapError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise EcoMapError(f"{path}: not UTF-8 text") from None
    except OSError as err:
        raise EcoMapError(f"{path}: cannot read ({err.strerror})") from None
    try:
        return load_json(text) if kind == "json" else load_graphml(text)
    except EcoMapError as err:
        raise EcoMapError(f"{path}: {err}") from None


MAX_IMPORT_BYTES = 512 * 1024


def loads(text: str, suffix: str) -> EcoMap:
    """A map from text in the format a file suffix names (.json or .graphml)."""
    kind = INPUT_SUFFIXES.get(suffix.lower())
    if kind is None:
        raise EcoMapError(f"unknown file type {suffix or '(none)'!r} (use .json or .graphml)")
    if len(text.encode("utf-8")) > MAX_IMPORT_BYTES:
        raise EcoMapError(f"the file is larger than {MAX_IMPORT_BYTES // 1024} KB")
    return load_json(text) if kind == "json" else load_graphml(text)


def dumps(ecomap: EcoMap, suffix: str) -> str:
    """The map as text in the format named by a file suffix (.json, .graphml, .csv)."""
    writers = {".json": dump_json, ".graphml": dump_graphml, ".csv": dump_csv}
    writer = writers.get(suffix.lower())
    if writer is None:
        raise EcoMapError(
            f"unknown output format {suffix or '(none)'!r} (use .json, .graphml, .csv)"
        )
    return writer(ecomap)


def write_file(ecomap: EcoMap, path: str | Path) -> None:
    """Write the map in the format its suffix names; errors name the file."""
    path = Path(path)
    try:
        text = dumps(ecomap, path.suffix)
        path.write_text(text, encoding="utf-8", newline="")
    except EcoMapError as err:
        raise EcoMapError(f"{path}: {err}") from None
    except OSError as err:
        raise EcoMapError(f"{path}: cannot write ({err.strerror})") from None
