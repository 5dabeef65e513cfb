import pytest

from cgim.mi.change_talk import (
    CHANGE_TALK_KINDS,
    MOBILISING_KINDS,
    PREPARATORY_KINDS,
    ChangeTalkEntry,
    ChangeTalkGroup,
    collect_change_talk,
)

TAGS = {
    "first-ask": "taking_steps",
    "why-it-matters": "reasons",
    "will-ask": "commitment",
    "i-want": "desire",
    "i-can": "ability",
    "more-reasons": "reasons",
    "need": "need",
    "ready": "activation",
}


def test_kinds_are_darn_cat_in_order():
    assert CHANGE_TALK_KINDS == (
        "desire",
        "ability",
        "reasons",
        "need",
        "commitment",
        "activation",
        "taking_steps",
    )
    assert PREPARATORY_KINDS + MOBILISING_KINDS == CHANGE_TALK_KINDS


def test_groups_follow_darn_cat_order_whatever_the_content_order():
    answers = {step: f"words for {step}" for step in TAGS}
    groups = collect_change_talk(answers, TAGS)
    assert [group.kind for group in groups] == list(CHANGE_TALK_KINDS)


def test_entries_keep_content_order_and_own_words():
    answers = {"why-it-matters": "She needs someone.", "more-reasons": "  I can't be everywhere. "}
    assert collect_change_talk(answers, TAGS) == (
        ChangeTalkGroup(
            "reasons",
            (
                ChangeTalkEntry("why-it-matters", "She needs someone."),
                ChangeTalkEntry("more-reasons", "I can't be everywhere."),
            ),
        ),
    )


def test_empty_missing_and_non_text_answers_are_skipped():
    answers = {
        "i-want": "",
        "i-can": "   ",
        "need": None,
        "ready": ["option_a"],
        "will-ask": "I'll ask Rosa on Sunday.",
    }
    groups = collect_change_talk(answers, TAGS)
    assert groups == (
        ChangeTalkGroup("commitment", (ChangeTalkEntry("will-ask", "I'll ask Rosa on Sunday."),)),
    )


def test_untagged_answers_are_ignored():
    assert collect_change_talk({"plan-notes": "some text"}, TAGS) == ()


def test_mobilising_flag():
    answers = {"i-want": "I want this", "first-ask": "I asked"}
    groups = collect_change_talk(answers, TAGS)
    assert [(g.kind, g.mobilising) for g in groups] == [
        ("desire", False),
        ("taking_steps", True),
    ]


def test_unknown_kind_is_rejected():
    with pytest.raises(ValueError, match="change talk kind"):
        collect_change_talk({}, {"x": "hope"})
