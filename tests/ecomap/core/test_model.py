"""The v1 document: parsing, validation messages, unknown fields, round trip."""

import copy
import dataclasses
import json
from pathlib import Path

import pytest

from cgim.ecomap.core.model import EcoMap, EcoMapError, Person
from cgim.ecomap.core.parse import parse_ecomap

FIXTURES = Path(__file__).parent.parent / "fixtures"


def sample():
    """The sample document as a fresh dict."""
    return json.loads((FIXTURES / "maya.json").read_text())


def error_for(change):
    """Apply ``change`` to the sample document and return the error message."""
    doc = sample()
    change(doc)
    with pytest.raises(EcoMapError) as info:
        parse_ecomap(doc)
    return str(info.value)


def test_sample_parses_and_round_trips_exactly():
    doc = sample()
    the_map = parse_ecomap(doc)
    assert the_map.child.label == "Maya"
    assert the_map.people[0] == Person(
        id="rosa",
        label="Aunt Rosa",
        sector="family",
        role="aunt",
        closeness=3,
        contact="weekly",
        support=("emotional", "companionship"),
        child_feels="likes",
        parent_trust="high",
        fit=("shares_interests", "lives_nearby", "reliable", "available_weekly"),
        concerns=(),
        professional=False,
        x=0.31,
        y=-0.12,
    )
    assert the_map.to_dict() == doc
    assert EcoMap.from_dict(the_map.to_dict()) == the_map


def test_error_is_a_value_error():
    assert issubclass(EcoMapError, ValueError)


def test_unknown_sector_names_field_and_allowed_values():
    message = error_for(lambda d: d["people"][2].update(sector="famly"))
    assert message == (
        "people[2].sector: 'famly' is not one of family, friends, school, "
        "faith_community, activities, services, other"
    )


@pytest.mark.parametrize(
    ("path", "change", "allowed"),
    [
        ("people[0].contact", lambda d: d["people"][0].update(contact="often"), "daily, weekly"),
        ("people[1].support[0]", lambda d: d["people"][1].update(support=["money"]), "emotional"),
        ("people[0].child_feels", lambda d: d["people"][0].update(child_feels="ok"), "uneasy"),
        ("people[0].parent_trust", lambda d: d["people"][0].update(parent_trust="x"), "low"),
        ("people[0].fit[1]", lambda d: d["people"][0]["fit"].__setitem__(1, "rich"), "reliable"),
        ("people[3].concerns[0]", lambda d: d["people"][3].update(concerns=["bad"]), "secrets"),
        ("ties[2].kind", lambda d: d["ties"][2].update(kind="weak"), "strong, moderate"),
        ("ties[0].flow", lambda d: d["ties"][0].update(flow="up"), "a_to_b, b_to_a, both, none"),
        ("format", lambda d: d.update(format="other"), "cgim-ecomap"),
        ("version", lambda d: d.update(version=2), "1"),
    ],
)
def test_enum_errors_name_path_and_allowed_values(path, change, allowed):
    message = error_for(change)
    assert message.startswith(f"{path}: ")
    assert "is not one of" in message
    assert allowed in message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["people"][0].update(closeness=0), "people[0].closeness: 0 is not between 1"),
        (lambda d: d["people"][0].update(closeness=4), "people[0].closeness: 4 is not between"),
        (lambda d: d["people"][0].update(closeness="3"), "people[0].closeness: must be a whole"),
        (lambda d: d["people"][0].update(closeness=True), "people[0].closeness: must be a whole"),
        (lambda d: d["people"][0].update(closeness=2.5), "people[0].closeness: must be a whole"),
        (lambda d: d["people"][0].update(x=1.5), "people[0].x: 1.5 is not between -1 and 1"),
        (lambda d: d["people"][0].update(y="0"), "people[0].y: must be a number"),
        (lambda d: d["people"][0].update(professional="no"), "people[0].professional: must be"),
        (lambda d: d["people"][0].update(support="emotional"), "people[0].support: must be a list"),
        (lambda d: d["people"][0].update(fit=["reliable", "reliable"]), "listed twice"),
        (lambda d: d["people"][1].update(id="rosa"), "people[1].id: 'rosa' is already used by"),
        (lambda d: d["people"][1].update(id="child"), "people[1].id: 'child' is already used"),
        (lambda d: d["people"][0].pop("label"), "people[0].label: is required"),
        (lambda d: d["people"][0].update(label="  "), "people[0].label: must not be blank"),
        (lambda d: d["people"][0].update(label="a\x00b"), "contains control characters"),
        (lambda d: d["people"][0].update(label="x" * 201), "longer than 200"),
        (lambda d: d["people"].append("rosa"), "people[8]: must be an object"),
        (lambda d: d.update(people={}), "people: must be a list"),
        (lambda d: d["ties"][0].update(b="rosaa"), "ties[0].b: 'rosaa' is not a known id"),
        (lambda d: d["ties"][0].update(b="child"), "ties[0]: a and b are both 'child'"),
        (lambda d: d["ties"].append(d["ties"][0] | {"a": "rosa", "b": "child"}), "already tied"),
        (lambda d: d.pop("version"), "version: is required"),
        (lambda d: d.update(version=True), "version: True is not one of 1"),
        (lambda d: d["child"].update(age=-1), "child.age: -1 is not between 0 and 30"),
        (lambda d: d["child"].update(interests=[3]), "child.interests[0]: must be text"),
    ],
)
def test_validation_errors_name_the_field(change, expected):
    assert expected in error_for(change)


def test_not_an_object():
    with pytest.raises(EcoMapError, match="document: must be an object, not a list"):
        parse_ecomap([])


def test_unknown_fields_survive_the_round_trip():
    doc = sample()
    doc["note"] = {"made_by": "another tool", "n": [1, 2]}
    doc["child"]["pronouns"] = "she/her"
    doc["caregiver"]["phone_ok"] = False
    doc["people"][0]["colour"] = "#ff0000"
    doc["ties"][0]["since"] = 2019
    kept = copy.deepcopy(doc)
    the_map = parse_ecomap(doc)
    assert the_map.people[0].extra == {"colour": "#ff0000"}
    assert the_map.to_dict() == kept


def test_missing_optional_facts_stay_missing():
    doc = {"format": "cgim-ecomap", "version": 1, "people": [{"id": "p", "label": "P"}]}
    the_map = parse_ecomap(doc)
    person = the_map.people[0]
    assert (person.closeness, person.contact, person.x) == (None, None, None)
    assert (person.sector, person.child_feels, person.parent_trust) == (
        "other",
        "unknown",
        "unknown",
    )
    out = the_map.to_dict()["people"][0]
    assert "closeness" not in out and "contact" not in out and "x" not in out
    assert the_map.child.id == "child" and the_map.caregiver.id == "me"


def test_custom_child_and_caregiver_ids_are_used_by_ties():
    doc = {
        "format": "cgim-ecomap",
        "version": 1,
        "child": {"id": "kid", "label": "K"},
        "caregiver": {"id": "mum", "label": "Mum"},
        "people": [{"id": "p", "label": "P"}],
        "ties": [{"a": "kid", "b": "p", "kind": "strong"}, {"a": "mum", "b": "p", "kind": "weak"}],
    }
    with pytest.raises(EcoMapError, match=r"ties\[1\].kind: 'weak'"):
        parse_ecomap(doc)
    doc["ties"][1]["kind"] = "moderate"
    assert parse_ecomap(doc).ties[1].flow == "none"


def test_integers_for_positions_become_floats():
    doc = {"format": "cgim-ecomap", "version": 1, "people": [{"id": "p", "label": "P", "x": 0}]}
    assert isinstance(parse_ecomap(doc).people[0].x, float)


def test_maps_are_frozen():
    the_map = parse_ecomap(sample())
    with pytest.raises(dataclasses.FrozenInstanceError):
        the_map.people[0].label = "Someone else"  # type: ignore[misc]
