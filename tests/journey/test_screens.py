"""Which screens a parent sees: stage and themes from their answers, follow-ups once rated.

Pure: the small MI test content, loaded without the app.
"""

from pathlib import Path

import pytest

from cgim.content.library import load_library
from cgim.journey.screens import latest_rating, parent_state, visible_numbers

MI_CONTENT = Path(__file__).resolve().parents[1] / "fixtures" / "mi_content"
MODULES = load_library(MI_CONTENT).language("en").modules_for("short")
START, FINISH = MODULES


def test_with_no_answers_the_parent_is_contemplating_and_sees_no_follow_up():
    state = parent_state(MODULES, {})
    assert (state.stage, state.rule_id) == ("contemplation", "no_answers_default")
    assert state.themes == frozenset()
    assert (state.importance, state.confidence) == (None, None)
    assert visible_numbers(START, state, {}) == [1, 2, 4, 5, 6, 8, 10]
    assert visible_numbers(FINISH, state, {}) == [1, 3]


@pytest.mark.parametrize(
    ("where", "importance", "stage", "seen"),
    [
        ("not_thinking", 6, "precontemplation", [1, 2, 3, 4, 5, 6, 8]),
        ("planning_soon", 8, "preparation", [1, 2, 3, 7, 8, 10]),
        ("planning_soon", 2, "contemplation", [1, 2, 3, 4, 5, 6, 8, 10]),
    ],
)
def test_the_staging_answer_and_the_ruler_choose_the_screens(where, importance, stage, seen):
    answers = {"start-where": where, "start-importance": importance}
    state = parent_state(MODULES, answers)
    assert state.stage == stage
    assert state.importance == importance
    assert visible_numbers(START, state, answers) == seen


def test_a_worry_reveals_its_theme_and_its_screen():
    calm = {"start-worries": ["not_safe"]}
    worried = {"start-worries": ["asking_hard"]}
    assert parent_state(MODULES, worried).themes == frozenset({"pride"})
    assert 9 in visible_numbers(START, parent_state(MODULES, worried), worried)
    assert 9 not in visible_numbers(START, parent_state(MODULES, calm), calm)


def test_the_latest_ruler_of_a_kind_counts_and_non_numbers_are_ignored():
    both = {"start-importance": 3, "finish-importance": 9}
    assert latest_rating(MODULES, both, "importance") == 9
    assert latest_rating(MODULES, {**both, "finish-importance": "9"}, "importance") == 3
    assert latest_rating(MODULES, both, "confidence") is None


def test_the_state_is_recomputed_from_the_answers_alone():
    answers = {"start-where": "planning_soon", "start-importance": 8}
    assert parent_state(MODULES, answers) == parent_state(MODULES, dict(answers))
    answers["start-where"] = "not_thinking"
    assert parent_state(MODULES, answers).stage == "precontemplation"
