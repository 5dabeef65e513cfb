import pytest

from cgim.mi.fidelity import (
    InfoBlockRecord,
    QuestionRecord,
    RulerRecord,
    asks_why_not_higher,
    check_fidelity,
    check_info_block,
    check_question,
    check_ruler,
)

GOOD_FOLLOW_UPS = {
    "why_not_lower": "Why a {rating} and not a lower number?",
    "move_up_one": "What would help you move up one point?",
    "reach_one": "What would have to happen for it to be a 1?",
}


@pytest.mark.parametrize(
    "text",
    [
        "Why not a 10?",
        "why not a ten?",
        "WHY NOT 10?",
        "Why not higher?",
        "Why isn't it higher?",
        "Why isn’t it higher?",
        "Why is it not higher?",
        "Why not more?",
        "Why isn't it more?",
        "Why aren't you more confident?",
        "Why isn't this more important to you?",
        "Why not a higher number?",
        "Why didn't you choose a higher number?",
        "Why wouldn't you be at 10?",
        "Why isn't it a 10?",
        "Why a 6 and not a 10?",
        "Why a 6 and not a 9?",
        "Why a {rating} rather than a higher number?",
        "Why a 5 instead of a 10?",
        "What stops you from being a 10?",
        "What's keeping you from going higher?",
        "What is holding you back from a higher number?",
        "Why only a 4?",
        "Why only {rating}?",
        "Thanks. Why not a 10, though?",
    ],
)
def test_why_not_higher_phrasings_are_flagged(text):
    assert asks_why_not_higher(text)


@pytest.mark.parametrize(
    "text",
    [
        "Why a 6 and not a lower number?",
        "Why a {rating} and not a lower number?",
        "Why a 10 and not a lower number?",
        "Why a 6 and not a 3?",
        "Why is it not lower?",
        "What would help you move up one point?",
        "What would have to happen for it to be a 1?",
        "Why don't you tell me more?",
        "Tell me more about that.",
        "Why not spend 10 minutes together each week?",
        "What keeps you going?",
        "Why did you choose 6 and not a lower number, and what would it take to go one higher?",
        "What is important to you about this? Is there more?",
        "",
    ],
)
def test_acceptable_phrasings_are_not_flagged(text):
    assert not asks_why_not_higher(text)


def test_check_question_names_the_step():
    problems = check_question(QuestionRecord("importance-why", "Why not a 10?"))
    assert len(problems) == 1
    assert problems[0].startswith("importance-why: ")
    assert "not higher" in problems[0]
    assert check_question(QuestionRecord("ok", "Why a 6 and not a lower number?")) == []


def test_complete_ruler_passes():
    assert check_ruler(RulerRecord("importance", GOOD_FOLLOW_UPS)) == []


@pytest.mark.parametrize("missing", sorted(GOOD_FOLLOW_UPS))
def test_ruler_missing_a_follow_up_is_flagged(missing):
    follow_ups = {k: v for k, v in GOOD_FOLLOW_UPS.items() if k != missing}
    problems = check_ruler(RulerRecord("confidence", follow_ups))
    assert problems == [f"confidence: ruler has no '{missing}' follow-up"]


def test_ruler_with_blank_follow_up_is_flagged():
    problems = check_ruler(RulerRecord("r", {**GOOD_FOLLOW_UPS, "move_up_one": "  "}))
    assert problems == ["r: ruler has no 'move_up_one' follow-up"]


def test_ruler_without_any_follow_ups_lists_all_three():
    problems = check_ruler(RulerRecord("r", {}))
    assert len(problems) == 3
    assert all(problem.startswith("r: ruler has no ") for problem in problems)


def test_ruler_with_why_not_ten_follow_up_is_flagged_twice():
    follow_ups = {**GOOD_FOLLOW_UPS, "why_not_ten": "Why not a 10?"}
    problems = check_ruler(RulerRecord("r", follow_ups))
    assert len(problems) == 2
    assert "'why_not_ten' is unknown" in problems[0]
    assert "not higher" in problems[1]


def test_ruler_follow_up_text_is_checked_for_why_not_higher():
    follow_ups = {**GOOD_FOLLOW_UPS, "why_not_lower": "Why a {rating} and not a 10?"}
    problems = check_ruler(RulerRecord("r", follow_ups))
    assert len(problems) == 1
    assert problems[0].startswith("r: asks why a rating is not higher")


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (True, True, []),
        (False, True, ["ask-before"]),
        (True, False, ["ask-after"]),
        (False, False, ["ask-before", "ask-after"]),
    ],
)
def test_info_block_needs_both_elicit_steps(before, after, expected):
    problems = check_info_block(InfoBlockRecord("figures", before, after))
    assert len(problems) == len(expected)
    for problem, word in zip(problems, expected, strict=True):
        assert problem.startswith("figures: ")
        assert word in problem


def test_check_fidelity_collects_every_problem_in_order():
    problems = check_fidelity(
        questions=[QuestionRecord("q1", "Why not higher?"), QuestionRecord("q2", "What matters?")],
        rulers=[RulerRecord("r1", {})],
        info_blocks=[InfoBlockRecord("i1", True, False)],
    )
    assert [problem.split(":")[0] for problem in problems] == ["q1", "r1", "r1", "r1", "i1"]


def test_check_fidelity_clean_content_has_no_problems():
    assert (
        check_fidelity(
            questions=[QuestionRecord("q", "What would help you move up one point?")],
            rulers=[RulerRecord("r", GOOD_FOLLOW_UPS)],
            info_blocks=[InfoBlockRecord("i", True, True)],
        )
        == []
    )
    assert check_fidelity() == []


def test_template_rating_against_a_fixed_number_is_flagged():
    from cgim.mi.fidelity import asks_why_not_higher

    assert asks_why_not_higher("Why a {n} and not a 9?")
    assert not asks_why_not_higher("Why a {n} and not a lower number?")
