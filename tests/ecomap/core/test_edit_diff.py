"""Pure eco-map edits and comparisons."""

import pytest

from cgim.ecomap.core import edit
from cgim.ecomap.core.diff import compare
from cgim.ecomap.core.model import EcoMap, EcoMapError, Person, Tie


def sample() -> EcoMap:
    """Two people, one line."""
    rosa = Person(id="rosa", label="Aunt Rosa", sector="family", closeness=3)
    sam = Person(id="sam", label="Coach Sam", sector="activities", closeness=1)
    return EcoMap(people=(rosa, sam), ties=(Tie(a="child", b="rosa", kind="strong"),))


def test_new_ids_are_readable_and_unique():
    ecomap = sample()
    assert edit.new_person_id(ecomap, "Ms. Patel!") == "ms-patel"
    assert (
        edit.new_person_id(edit.put_person(ecomap, Person(id="ms-patel", label="x")), "Ms Patel")
        == "ms-patel-2"
    )
    assert edit.new_person_id(ecomap, "***") == "person"
    assert edit.new_person_id(ecomap, "Child") == "child-2"


def test_put_person_replaces_in_place_and_appends_new():
    ecomap = edit.put_person(sample(), Person(id="rosa", label="Rosa", closeness=2))
    assert [p.label for p in ecomap.people] == ["Rosa", "Coach Sam"]
    ecomap = edit.put_person(ecomap, Person(id="lee", label="Lee"))
    assert [p.id for p in ecomap.people] == ["rosa", "sam", "lee"]


def test_map_size_is_bounded(monkeypatch):
    monkeypatch.setattr(edit, "MAX_PEOPLE", 2)
    with pytest.raises(EcoMapError, match="at most 2"):
        edit.put_person(sample(), Person(id="lee", label="Lee"))


def test_removing_a_person_removes_their_lines():
    ecomap = edit.remove_person(sample(), "rosa")
    assert [p.id for p in ecomap.people] == ["sam"] and ecomap.ties == ()
    with pytest.raises(EcoMapError):
        edit.remove_person(ecomap, "rosa")


def test_a_line_replaces_the_one_between_the_same_two_people_either_way_round():
    ecomap = edit.put_tie(sample(), Tie(a="rosa", b="child", kind="stressful"))
    assert ecomap.ties == (Tie(a="rosa", b="child", kind="stressful"),)
    with pytest.raises(EcoMapError):
        edit.put_tie(ecomap, Tie(a="rosa", b="rosa", kind="strong"))
    with pytest.raises(EcoMapError):
        edit.put_tie(ecomap, Tie(a="rosa", b="nobody", kind="strong"))
    assert edit.remove_tie(ecomap, "child", "rosa").ties == ()


def test_compare_names_what_changed():
    before = sample()
    after = edit.put_person(edit.remove_person(before, "sam"), Person(id="lee", label="Lee"))
    after = edit.put_person(
        after, Person(id="rosa", label="Aunt Rosa", sector="family", closeness=2)
    )
    after = edit.put_tie(after, Tie(a="rosa", b="lee", kind="moderate"))
    changes = compare(before, after)
    assert changes.added == ("Lee",) and changes.removed == ("Coach Sam",)
    assert changes.changed == (("Aunt Rosa", ("closeness",)),)
    assert changes.ties_added == (("Aunt Rosa", "Lee"),)
    assert compare(after, after).none and not changes.none
