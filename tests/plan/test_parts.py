"""The typed plan parts: round trips, and rows written by earlier versions still loading."""

import pytest

from cgim.plan import services
from cgim.plan.forms import RULES
from cgim.plan.parts import RULE_KEYS, Ask, ChildChoice, PlanParts, Rehearsal, SafetyPlan

# Each row exactly as the plan's forms have stored it (keys and JSON shape kept for good).
STORED_ASK = {
    "person": "aunt-rosa",
    "person_other": "Gran",
    "support": "practical",
    "what": "take Maya swimming",
    "how_often": "once a week",
    "how_long": "for two months",
    "who_i_am": "It's Kim.",
    "why_you": "Maya loves you.",
    "easy_no": "No worries",
    "thanks": "Cake",
    "channel": "phone",
    "when": "Saturday",
    "if_no": "try Sam",
    "first_talk": ["times", "rules"],
}
STORED_SAFETY = {
    "settings": ["group", "public"],
    "rules": ["public_first", "gifts"],
    "own_rules": "Screens off at dinner",
    "drop_ins": "Fridays",
    "ask_child": ["who"],
    "if_crossed": "Stop",
    "rule_gifts": "Ask me",
    "rule_rides": "",
    "rule_phones": "",
    "rule_hugs": "",
    "rule_alone": "Never",
}
STORED_REHEARSAL = {"before": "0", "read_aloud": False, "partner": True, "after": "7"}
STORED_CHILD = {"child_ranking": ["coach-sam", "aunt-rosa"], "child_said": "Sam is fun"}
PARTS = [
    (Ask, STORED_ASK),
    (SafetyPlan, STORED_SAFETY),
    (Rehearsal, STORED_REHEARSAL),
    (ChildChoice, STORED_CHILD),
]
# What earlier rows or odd hands can hold: nothing, the wrong type, nulls, extra keys.
ODD = [None, "", "ask", 3, True, [], ["a", "b"], {}, {"unknown": 1}]


@pytest.mark.parametrize(("part", "stored"), PARTS)
def test_a_stored_row_loads_and_saves_back_unchanged(part, stored):
    loaded = part.from_stored(stored)
    assert loaded.to_stored() == stored
    assert part.from_stored(loaded.to_stored()) == loaded


def test_a_safety_plan_stored_before_rule_ideas_loads_and_keeps_its_topic_rules():
    # Rows from before the family rule ideas: no "rules" or "own_rules", a text box per topic.
    earlier = {k: v for k, v in STORED_SAFETY.items() if k not in ("rules", "own_rules")}
    plan = SafetyPlan.from_stored(earlier)
    assert plan.rules == () and plan.own_rules == ""
    assert plan.topic_rules() == (("gifts", "Ask me"), ("alone", "Never"))
    assert plan.to_stored() == {**earlier, "rules": [], "own_rules": ""}


@pytest.mark.parametrize(("part", "_stored"), PARTS)
@pytest.mark.parametrize("odd", ODD)
def test_anything_stored_loads_without_raising(part, _stored, odd):
    assert part.from_stored(odd) == part()


def test_loaded_values_are_typed():
    ask = Ask.from_stored(STORED_ASK)
    assert ask.person == "aunt-rosa" and ask.first_talk == ("times", "rules")
    plan = SafetyPlan.from_stored(STORED_SAFETY)
    assert plan.settings == ("group", "public") and plan.rule("gifts") == "Ask me"
    assert Rehearsal.from_stored(STORED_REHEARSAL) == Rehearsal("0", False, True, "7")
    assert ChildChoice.from_stored(STORED_CHILD).ranking == ("coach-sam", "aunt-rosa")


def test_nulls_and_wrong_types_in_a_row_fall_back_field_by_field():
    # An unticked radio and a missing text box were stored as null before this layer.
    ask = Ask.from_stored({**STORED_ASK, "support": None, "channel": None, "what": 7})
    assert (ask.support, ask.channel, ask.what, ask.when) == ("", "", "", "Saturday")
    odd = {"settings": "group", "ask_child": ["who", 3, None], "rule_hugs": None, "x": 1}
    plan = SafetyPlan.from_stored({**STORED_SAFETY, **odd})
    assert plan.settings == () and plan.ask_child == ("who",) and plan.rule("hugs") == ""
    assert "x" not in plan.to_stored() and plan.drop_ins == "Fridays"
    rehearsal = Rehearsal.from_stored({"before": 4, "read_aloud": "y", "partner": True})
    assert rehearsal == Rehearsal(before="", read_aloud=False, partner=True, after="")
    child = ChildChoice.from_stored({"child_ranking": "coach-sam", "child_said": ["x"]})
    assert child == ChildChoice()


def test_the_childs_place_and_no_words_remove_that_row():
    child = ChildChoice(ranking=("coach-sam", "aunt-rosa"))
    assert [child.place_of(p) for p in ("coach-sam", "aunt-rosa", "gran")] == [1, 2, None]
    assert child.to_stored() == {"child_ranking": ["coach-sam", "aunt-rosa"], "child_said": None}


def test_a_form_post_becomes_the_stored_row():
    # The forms' field names are the stored names; the form's extras are not stored.
    form = {**STORED_SAFETY, "worries": ["gifts"], "csrf_token": "t"}
    assert SafetyPlan.from_stored(form).to_stored() == STORED_SAFETY
    assert Ask.from_stored({**STORED_ASK, "csrf_token": "t"}).to_stored() == STORED_ASK


def test_the_safety_rules_are_the_forms_rules():
    assert tuple(key for key, _label in RULES) == RULE_KEYS
    assert SafetyPlan().rule("not-a-rule") == ""


def test_parts_are_found_in_a_parents_answers_under_their_keys():
    answers = {
        "plan.ask": STORED_ASK,
        "plan.child_ranking": STORED_CHILD["child_ranking"],
        "plan.child_said": STORED_CHILD["child_said"],
        "plan.rehearsal": STORED_REHEARSAL,
        "plan.safety.aunt-rosa": STORED_SAFETY,
        "plan.safety.coach-sam": {},  # an empty row never counted as a plan made
        "plan.safety.dot.ted": {"drop_ins": "Mondays"},
        "safety.aunt-rosa": {"drop_ins": "not a plan row"},
        "m1-importance": 7,
    }
    parts = services.parts_in(answers)
    assert parts.ask == Ask.from_stored(STORED_ASK)
    assert parts.child == ChildChoice.from_stored(STORED_CHILD)
    assert parts.rehearsal == Rehearsal.from_stored(STORED_REHEARSAL)
    assert dict(parts.safety) == {
        "aunt-rosa": SafetyPlan.from_stored(STORED_SAFETY),
        "dot.ted": SafetyPlan(drop_ins="Mondays"),
    }
    assert services.parts_in({}) == PlanParts()
