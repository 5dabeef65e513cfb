import itertools

import pytest

from cgim.mi import stages
from cgim.mi.stages import (
    ACTION,
    ALREADY_ASKED,
    CONTEMPLATION,
    HAS_MENTOR_KEEPING_GOING,
    MAINTENANCE,
    NOT_THINKING,
    PLANNING_SOON,
    PRECONTEMPLATION,
    PREPARATION,
    STAGE_RULES,
    STAGES,
    STAGING_ANSWERS,
    THINKING_ABOUT_IT,
    StageResult,
    assess_stage,
)

ANSWERS = (None, *STAGING_ANSWERS)
RATINGS = (None, *range(11))
ALL_PATTERNS = list(itertools.product(ANSWERS, RATINGS, RATINGS))
BASE_STAGE = {
    NOT_THINKING: PRECONTEMPLATION,
    THINKING_ABOUT_IT: CONTEMPLATION,
    PLANNING_SOON: PREPARATION,
    ALREADY_ASKED: ACTION,
    HAS_MENTOR_KEEPING_GOING: MAINTENANCE,
}


@pytest.mark.parametrize(
    ("answer", "importance", "confidence", "stage", "rule_id"),
    [
        (PLANNING_SOON, 2, 8, CONTEMPLATION, "prep_low_importance"),
        (PLANNING_SOON, 3, None, CONTEMPLATION, "prep_low_importance"),
        (PLANNING_SOON, 8, 3, CONTEMPLATION, "prep_low_confidence"),
        (PLANNING_SOON, None, 0, CONTEMPLATION, "prep_low_confidence"),
        (PLANNING_SOON, 5, 2, CONTEMPLATION, "prep_low_confidence"),
        (NOT_THINKING, None, None, PRECONTEMPLATION, "answer_not_thinking"),
        (NOT_THINKING, 9, 9, PRECONTEMPLATION, "answer_not_thinking"),
        (THINKING_ABOUT_IT, None, None, CONTEMPLATION, "answer_thinking"),
        (THINKING_ABOUT_IT, 1, 10, CONTEMPLATION, "answer_thinking"),
        (PLANNING_SOON, None, None, PREPARATION, "answer_planning"),
        (PLANNING_SOON, 4, 4, PREPARATION, "answer_planning"),
        (PLANNING_SOON, 9, 8, PREPARATION, "answer_planning"),
        (ALREADY_ASKED, None, None, ACTION, "answer_already_asked"),
        (ALREADY_ASKED, 1, 1, ACTION, "answer_already_asked"),
        (HAS_MENTOR_KEEPING_GOING, None, None, MAINTENANCE, "answer_has_mentor"),
        (HAS_MENTOR_KEEPING_GOING, 0, 2, MAINTENANCE, "answer_has_mentor"),
        (None, 3, None, PRECONTEMPLATION, "rulers_low_importance"),
        (None, 0, 10, PRECONTEMPLATION, "rulers_low_importance"),
        (None, 7, 7, PREPARATION, "rulers_ready"),
        (None, 10, 9, PREPARATION, "rulers_ready"),
        (None, 7, 6, CONTEMPLATION, "rulers_some_importance"),
        (None, 4, 10, CONTEMPLATION, "rulers_some_importance"),
        (None, 9, None, CONTEMPLATION, "rulers_some_importance"),
        (None, None, None, CONTEMPLATION, "no_answers_default"),
        (None, None, 9, CONTEMPLATION, "no_answers_default"),
    ],
)
def test_stage_per_answer_pattern(answer, importance, confidence, stage, rule_id):
    assert assess_stage(answer, importance, confidence) == StageResult(stage, rule_id)


@pytest.mark.parametrize(
    ("importance", "stage"),
    [(3, PRECONTEMPLATION), (4, CONTEMPLATION), (6, CONTEMPLATION), (7, PREPARATION)],
)
def test_importance_band_edges_without_staging_answer(importance, stage):
    assert assess_stage(None, importance, 8).stage == stage


@pytest.mark.parametrize(("confidence", "stage"), [(3, CONTEMPLATION), (4, PREPARATION)])
def test_confidence_band_edge_at_preparation(confidence, stage):
    assert assess_stage(PLANNING_SOON, 8, confidence).stage == stage


def test_every_stage_is_reachable():
    reached = {assess_stage(*pattern).stage for pattern in ALL_PATTERNS}
    assert reached == set(STAGES)


def test_every_rule_decides_some_pattern():
    used = {assess_stage(*pattern).rule_id for pattern in ALL_PATTERNS}
    assert used == {rule.rule_id for rule in STAGE_RULES}


def test_rule_ids_are_unique_and_stages_known():
    ids = [rule.rule_id for rule in STAGE_RULES]
    assert len(ids) == len(set(ids))
    assert {rule.stage for rule in STAGE_RULES} <= set(STAGES)


def test_staging_answer_sets_a_ceiling_rulers_never_move_a_parent_later():
    for answer, importance, confidence in ALL_PATTERNS:
        if answer is None:
            continue
        stage = assess_stage(answer, importance, confidence).stage
        assert STAGES.index(stage) <= STAGES.index(BASE_STAGE[answer])


def test_rulers_change_only_preparation():
    for answer, importance, confidence in ALL_PATTERNS:
        if answer in (None, PLANNING_SOON):
            continue
        assert assess_stage(answer, importance, confidence).stage == BASE_STAGE[answer]


def test_without_staging_answer_rulers_never_give_action_or_maintenance():
    for importance, confidence in itertools.product(RATINGS, RATINGS):
        assert assess_stage(None, importance, confidence).stage in (
            PRECONTEMPLATION,
            CONTEMPLATION,
            PREPARATION,
        )


def test_stage_is_recomputed_from_current_answers():
    assert assess_stage(PLANNING_SOON, 8, 2).stage == CONTEMPLATION
    assert assess_stage(PLANNING_SOON, 8, 6).stage == PREPARATION
    assert assess_stage(PLANNING_SOON, 8, 2).stage == CONTEMPLATION


def test_keyword_call():
    result = assess_stage(answer=ALREADY_ASKED, importance=5, confidence=5)
    assert result.stage == ACTION


@pytest.mark.parametrize("bad", ["maybe", "Not_Thinking", "", 3])
def test_unknown_staging_answer_is_rejected(bad):
    with pytest.raises(ValueError, match="staging answer"):
        assess_stage(bad)


@pytest.mark.parametrize("bad", [-1, 11, "7", 7.5, True])
def test_bad_ruler_values_are_rejected(bad):
    with pytest.raises(ValueError, match="rating"):
        assess_stage(THINKING_ABOUT_IT, importance=bad)
    with pytest.raises(ValueError, match="rating"):
        assess_stage(THINKING_ABOUT_IT, confidence=bad)


def test_validate_stage():
    assert stages.validate_stage(ACTION) == ACTION
    with pytest.raises(ValueError, match="unknown stage"):
        stages.validate_stage("ready")


def test_vocabulary_values_are_stable():
    assert STAGES == (
        "precontemplation",
        "contemplation",
        "preparation",
        "action",
        "maintenance",
    )
    assert STAGING_ANSWERS == (
        "not_thinking",
        "thinking_about_it",
        "planning_soon",
        "already_asked",
        "has_mentor_keeping_going",
    )


def test_result_is_frozen():
    result = assess_stage()
    with pytest.raises(AttributeError):
        result.stage = ACTION  # type: ignore[misc]
