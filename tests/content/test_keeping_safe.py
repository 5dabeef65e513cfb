"""The shipped safety content: reacting responsibly for every parent, scenarios in MI voice."""

import re

import pytest
import textstat

from cgim.content.library import load_library
from cgim.content.model import FOLLOW_UP, SCENARIO, STAGES, Step
from cgim.mi.selection import StepRecord, select_steps
from cgim.paths import CONTENT

LANGUAGE = load_library(CONTENT).language("en")
SAFE = LANGUAGE.modules["keeping_safe"]
SCENARIOS = [s for s in SAFE.steps if s.kind == SCENARIO]
# Correcting the parent after they chose is the righting reflex MI avoids (Miller & Rollnick).
CORRECTIONS = re.compile(
    r"many parents would|the part to notice|\bbut\b|before you decide|\bshould\b",
    re.IGNORECASE,
)
MAX_GRADE = 6.0


def records(steps: tuple[Step, ...]) -> list[StepRecord]:
    """The MI tags of the module's steps, as the journey selects them."""
    return [StepRecord(s.id, s.stages, s.change_talk, s.themes) for s in steps]


@pytest.mark.parametrize("stage", STAGES)
def test_every_parent_meets_what_to_do_if_a_child_tells_between_two_questions(stage):
    shown = [r.step_id for r in select_steps(records(SAFE.steps), stage)]
    place = shown.index("safe-if-child-tells")
    steps = {s.id: s for s in SAFE.steps}
    before, after = steps[shown[place - 1]], steps[shown[place + 1]]
    assert before.asks and after.asks  # Elicit-Provide-Elicit holds at every stage


def test_what_to_do_if_a_child_tells_names_each_step_and_no_made_up_number():
    step = LANGUAGE.steps["safe-if-child-tells"]
    words = " ".join((step.text, *step.points)).lower()
    for needed in (
        "stay calm",
        "believe",
        "thank",
        "don't ask lots of questions",
        "away from that person",
        "children's services or the police",
        "emergency number",
        "help lines",
    ):
        assert needed in words, needed
    # Shown to every parent as it is, not behind a "show me" tap: it must not be missed.
    assert not step.provide and step.title and step.points
    assert not re.search(r"\d", words)  # the app shows the organisation's real numbers


@pytest.mark.parametrize("step", SCENARIOS, ids=lambda s: s.id)
def test_scenarios_evoke_first_and_feedback_never_corrects(step):
    assert "protect" in step.question.lower()
    assert len(step.options) >= 3
    for option in step.options:
        assert not CORRECTIONS.search(option.feedback), (option.id, option.feedback)
        assert "protect" in option.feedback.lower() or "safe" in option.feedback.lower()


@pytest.mark.parametrize("option", LANGUAGE.steps["safe-scenario-gift"].options, ids=lambda o: o.id)
def test_every_answer_to_the_secret_phone_leads_to_the_protective_path(option):
    words = option.feedback.lower()
    assert "thank" in words
    assert "no secrets" in words or "don't keep secrets" in option.label.lower()
    assert "phone back" in words
    assert "one-to-one time" in words or "visits" in option.label.lower()
    assert "serious warning sign" in words
    assert "help lines" in words


def module_text(module) -> str:
    """Everything a parent reads in a module, one sentence-ended fragment per line."""
    parts = []
    for step in module.steps:
        if step.kind == FOLLOW_UP:
            continue
        parts += [step.permission, *step.paragraphs, *step.points, step.question, step.hint]
        parts += [t for o in step.options for t in (o.label, o.feedback)]
        parts += [*step.follow_ups.values(), *step.change_words.values()]
        parts += [label for _, label in step.boxes]
    lines = (" ".join(p.split()) for p in parts if p)
    return "\n".join(t if t[-1] in ".?!\"'" else t + "." for t in lines)


@pytest.mark.parametrize("module_id", sorted(LANGUAGE.modules))
def test_every_module_reads_at_about_age_eleven(module_id):
    grade = textstat.flesch_kincaid_grade(module_text(LANGUAGE.modules[module_id]))
    assert grade <= MAX_GRADE, f"{module_id}: Flesch-Kincaid grade {grade}"
