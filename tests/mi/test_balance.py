import pytest

from cgim.mi.balance import (
    BOX_KEYS,
    CHANGE_GOOD,
    CHANGE_NOT_SO_GOOD,
    STAYING_SAME_GOOD,
    STAYING_SAME_NOT_SO_GOOD,
    SUMMARY_ORDER,
    BalanceBox,
    balance_summary,
)

FULL = {
    STAYING_SAME_GOOD: "No awkward asking.",
    STAYING_SAME_NOT_SO_GOOD: "Maya is lonely after school.",
    CHANGE_GOOD: "She would have someone who gets her.",
    CHANGE_NOT_SO_GOOD: "I worry they might let her down.",
}


def test_summary_order_ends_with_costs_of_staying_then_gains_of_change():
    keys = [box.key for box in balance_summary(FULL)]
    assert keys == [
        STAYING_SAME_GOOD,
        CHANGE_NOT_SO_GOOD,
        STAYING_SAME_NOT_SO_GOOD,
        CHANGE_GOOD,
    ]
    assert keys[-2:] == [STAYING_SAME_NOT_SO_GOOD, CHANGE_GOOD]


def test_summary_order_differs_from_asking_order():
    assert SUMMARY_ORDER != BOX_KEYS
    assert set(SUMMARY_ORDER) == set(BOX_KEYS)


def test_summary_keeps_the_parents_own_words():
    summary = balance_summary(FULL)
    assert {box.key: box.text for box in summary} == FULL


def test_summary_does_not_depend_on_input_order():
    reversed_input = dict(reversed(list(FULL.items())))
    assert balance_summary(reversed_input) == balance_summary(FULL)


def test_empty_boxes_are_skipped_and_order_is_kept():
    boxes = {
        STAYING_SAME_GOOD: "",
        STAYING_SAME_NOT_SO_GOOD: "She has no one to talk to.",
        CHANGE_GOOD: "Someone on her side.",
        CHANGE_NOT_SO_GOOD: "   \n ",
    }
    assert balance_summary(boxes) == (
        BalanceBox(STAYING_SAME_NOT_SO_GOOD, "She has no one to talk to."),
        BalanceBox(CHANGE_GOOD, "Someone on her side."),
    )


def test_missing_and_none_boxes_are_skipped():
    summary = balance_summary({CHANGE_GOOD: "More support", STAYING_SAME_GOOD: None})
    assert summary == (BalanceBox(CHANGE_GOOD, "More support"),)


def test_all_empty_gives_empty_summary():
    assert balance_summary({}) == ()
    assert balance_summary(dict.fromkeys(BOX_KEYS, " ")) == ()


def test_outer_whitespace_is_trimmed_but_words_unchanged():
    summary = balance_summary({CHANGE_GOOD: "  she'd  LOVE it!! \n"})
    assert summary[0].text == "she'd  LOVE it!!"


def test_unknown_box_is_rejected():
    with pytest.raises(ValueError, match="unknown decisional balance"):
        balance_summary({"pros": "x"})


def test_non_text_box_is_rejected():
    with pytest.raises(ValueError, match="must hold text"):
        balance_summary({CHANGE_GOOD: ["a"]})
