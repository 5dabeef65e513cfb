import pytest

from cgim.mi.themes import (
    NO_ONE_TO_ASK,
    PRIDE,
    RELIABILITY_WORRY,
    SAFETY_WORRY,
    THEMES,
    TIME_COST,
    detect_themes,
    validate_theme,
)

OPTION_THEMES = {
    ("worries", "dont_want_to_impose"): PRIDE,
    ("worries", "not_safe"): SAFETY_WORRY,
    ("worries", "might_let_down"): RELIABILITY_WORRY,
    ("worries", "dont_know_anyone"): NO_ONE_TO_ASK,
    ("worries", "no_time"): TIME_COST,
    ("asking", "feel_ashamed"): PRIDE,
}


def test_themes_vocabulary():
    assert THEMES == ("pride", "safety_worry", "reliability_worry", "no_one_to_ask", "time_cost")


def test_nothing_selected_detects_nothing():
    assert detect_themes(OPTION_THEMES, []) == ()


def test_one_selected_option_reveals_its_theme():
    assert detect_themes(OPTION_THEMES, [("worries", "not_safe")]) == (SAFETY_WORRY,)


def test_themes_come_once_each_in_vocabulary_order():
    selected = [
        ("worries", "no_time"),
        ("asking", "feel_ashamed"),
        ("worries", "dont_want_to_impose"),
        ("worries", "not_safe"),
    ]
    assert detect_themes(OPTION_THEMES, selected) == (PRIDE, SAFETY_WORRY, TIME_COST)


def test_untagged_selections_are_ignored():
    selected = [("worries", "something_else"), ("worries", "might_let_down")]
    assert detect_themes(OPTION_THEMES, selected) == (RELIABILITY_WORRY,)


def test_same_option_id_in_another_step_is_not_confused():
    assert detect_themes(OPTION_THEMES, [("other_step", "not_safe")]) == ()


def test_plain_option_ids_also_work_as_keys():
    assert detect_themes({"not_safe": SAFETY_WORRY}, iter(["not_safe", "x"])) == (SAFETY_WORRY,)


def test_unknown_theme_in_content_is_rejected():
    with pytest.raises(ValueError, match="ambivalence theme"):
        detect_themes({"a": "shyness"}, [])


def test_validate_theme():
    assert validate_theme(PRIDE) == PRIDE
    with pytest.raises(ValueError, match="ambivalence theme"):
        validate_theme("Pride")
