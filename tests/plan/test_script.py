"""The ask script and the next step after the ask: pure rules."""

import pytest

from cgim.plan.next_step import next_step
from cgim.plan.script import AskParts, build_script

WORDS = {
    "greeting": "Hi {person},",
    "ask": "Would you be willing to {what}",
    "ask_often": "{ask}, {how_often}",
    "ask_long": "{ask}, {how_long}",
    "ask_end": "{ask}?",
    "easy_no": "It is fine to say no.",
    "thanks": "Thank you.",
}


def test_the_parents_own_words_come_first_in_order():
    parts = AskParts(
        person="Rosa",
        who_i_am="It's Kim.",
        why_you="Maya loves you.",
        what="swim with Maya",
        how_often="once a week",
        how_long="for two months",
        easy_no="No pressure.",
        thanks="Thanks!",
    )
    script = build_script(parts, WORDS)
    assert script.paragraphs == (
        "Hi Rosa, It's Kim. Maya loves you.",
        "Would you be willing to swim with Maya, once a week, for two months?",
        "No pressure.",
        "Thanks!",
    )


def test_gentle_defaults_only_where_the_parent_wrote_nothing():
    script = build_script(AskParts(what="help with homework"), WORDS)
    assert script.paragraphs == (
        "Would you be willing to help with homework?",
        "It is fine to say no.",
        "Thank you.",
    )


def test_an_empty_ask_has_no_ask_sentence_but_keeps_the_easy_no():
    script = build_script(AskParts(), WORDS)
    assert script.ask == "" and script.opening == "" and script.easy_no == "It is fine to say no."


def test_spaces_and_line_breaks_are_tidied_and_braces_in_words_stay_words():
    script = build_script(AskParts(person="  Rosa\n ", what="go to {the} park  "), WORDS)
    assert script.opening == "Hi Rosa,"
    assert script.ask == "Would you be willing to go to {the} park?"


@pytest.mark.parametrize(
    ("asked", "response", "step"),
    [
        ("asked", "yes", "first_conversation"),
        ("asked", "maybe", "give_time"),
        ("asked", "no", "next_person"),
        ("not_yet", None, "practise_and_pick_a_day"),
        ("not_yet", "yes", "practise_and_pick_a_day"),
    ],
)
def test_next_step_after_the_ask(asked, response, step):
    assert next_step(asked, response) == step


@pytest.mark.parametrize(
    ("asked", "response"), [("maybe", None), ("asked", None), ("asked", "perhaps")]
)
def test_next_step_refuses_unknown_answers(asked, response):
    with pytest.raises(ValueError):
        next_step(asked, response)
