import pytest

from cgim.mi.selection import StepRecord, select_steps
from cgim.mi.stages import STAGES

STEPS = (
    StepRecord("welcome"),
    StepRecord("epe-ask", stages=("precontemplation",)),
    StepRecord("epe-offer", stages=("precontemplation", "contemplation")),
    StepRecord("balance", stages=("contemplation",), change_talk="reasons"),
    StepRecord("pride-reflect", themes=("pride",)),
    StepRecord("plan-first-ask", stages=("preparation",), change_talk="commitment"),
    StepRecord("safety-plan", stages=("preparation", "action"), themes=("safety_worry",)),
    StepRecord("how-did-it-go", stages=("action",), change_talk="taking_steps"),
    StepRecord("keep-going", stages=("maintenance",)),
    StepRecord("worry-any", themes=("safety_worry", "reliability_worry")),
)


def ids(steps):
    return [step.step_id for step in steps]


@pytest.mark.parametrize(
    ("stage", "expected"),
    [
        ("precontemplation", ["welcome", "epe-ask", "epe-offer"]),
        ("contemplation", ["welcome", "epe-offer", "balance"]),
        ("preparation", ["welcome", "plan-first-ask"]),
        ("action", ["welcome", "how-did-it-go"]),
        ("maintenance", ["welcome", "keep-going"]),
    ],
)
def test_selection_per_stage_without_themes(stage, expected):
    assert ids(select_steps(STEPS, stage)) == expected


def test_theme_step_shown_only_when_theme_detected():
    assert "pride-reflect" not in ids(select_steps(STEPS, "contemplation", []))
    assert "pride-reflect" in ids(select_steps(STEPS, "contemplation", ["pride"]))


def test_theme_step_still_respects_stage():
    assert "safety-plan" in ids(select_steps(STEPS, "preparation", ["safety_worry"]))
    assert "safety-plan" not in ids(select_steps(STEPS, "contemplation", ["safety_worry"]))


def test_step_for_several_themes_needs_any_one_of_them():
    assert "worry-any" in ids(select_steps(STEPS, "action", ["reliability_worry"]))
    assert "worry-any" not in ids(select_steps(STEPS, "action", ["time_cost"]))


def test_order_is_content_order_with_themes():
    chosen = select_steps(STEPS, "preparation", ["safety_worry", "pride"])
    assert ids(chosen) == ["welcome", "pride-reflect", "plan-first-ask", "safety-plan", "worry-any"]


def test_selection_is_deterministic_and_accepts_any_iterable():
    first = select_steps(iter(STEPS), "action", iter(["safety_worry"]))
    second = select_steps(list(STEPS), "action", ("safety_worry",))
    assert first == second
    assert isinstance(first, tuple)


def test_untagged_step_is_shown_at_every_stage():
    for stage in STAGES:
        assert "welcome" in ids(select_steps(STEPS, stage))


def test_unknown_stage_is_rejected():
    with pytest.raises(ValueError, match="unknown stage"):
        select_steps(STEPS, "ready")


def test_unknown_detected_theme_is_rejected():
    with pytest.raises(ValueError, match="ambivalence theme"):
        select_steps(STEPS, "action", ["shy"])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"stages": ("ready",)}, "unknown stage"),
        ({"themes": ("shy",)}, "ambivalence theme"),
        ({"change_talk": "hope"}, "change talk"),
    ],
)
def test_step_record_rejects_unknown_tags(kwargs, message):
    with pytest.raises(ValueError, match=message):
        StepRecord("bad", **kwargs)


def test_step_record_normalises_lists_to_tuples():
    step = StepRecord("s", stages=["action"], themes=["pride"])  # type: ignore[arg-type]
    assert step.stages == ("action",)
    assert step.themes == ("pride",)
    assert hash(step) == hash(StepRecord("s", stages=("action",), themes=("pride",)))
