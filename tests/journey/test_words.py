"""MI words on a screen (a rating's follow-ups, the change since the start) and 'own words'.

Pure: the small MI test content, loaded without the app.
"""

from pathlib import Path

from cgim.content.library import load_library
from cgim.journey.own_words import own_words
from cgim.journey.progress import Journey
from cgim.journey.words import fill, step_words

MI_CONTENT = Path(__file__).resolve().parents[1] / "fixtures" / "mi_content"
MODULES = load_library(MI_CONTENT).language("en").modules_for("short")
START, FINISH = MODULES
START_MORE, FINISH_MORE = START.steps[2], FINISH.steps[1]  # the follow-up screens


def test_fill_puts_numbers_in_and_leaves_other_braces():
    assert fill("Why a {n} and not {lower}? Up to {next}.", n=4, next=5) == (
        "Why a 4 and not {lower}? Up to 5."
    )


def test_follow_up_words_depend_on_the_rating():
    assert step_words(START_MORE, {"start-importance": 4}) == {
        "rating": 4,
        "questions": {
            "why_not_lower": "Why a 4 and not a lower number?",
            "move_up_one": "What would help you move up to 5?",
        },
        "change": None,
    }
    assert list(step_words(START_MORE, {"start-importance": 0})["questions"]) == ["reach_one"]
    assert list(step_words(START_MORE, {"start-importance": 10})["questions"]) == ["why_not_lower"]


def test_no_words_without_a_rating_or_off_a_follow_up_screen():
    assert step_words(START_MORE, {}) == {}
    assert step_words(START_MORE, {"start-importance": "4"}) == {}
    assert step_words(START.steps[1], {"start-importance": 4}) == {}


def test_the_end_ruler_says_how_the_rating_changed():
    for start, end, words in (
        (4, 7, "You started at 4. Now you are at 7."),
        (5, 5, "You are still at 5. That is fine."),
        (6, 3, "You started at 6 and now you are at 3. Thank you for being honest."),
    ):
        answers = {"start-importance": start, "finish-importance": end}
        assert step_words(FINISH_MORE, answers)["change"] == words


def test_own_words_keep_the_parents_phrasing_grouped_and_ordered():
    answers = {
        "start-where": "thinking_about_it",
        "start-importance": 5,
        "start-importance-more": {"why_not_lower": "I want it for her"},
        "start-make-of-it": "She needs people",
        "start-balance": {"change_good": "GAIN", "staying_same_good": "EASE"},
        "finish-importance": 7,
    }
    words = own_words(Journey(MODULES, answers))
    assert [(g.kind, [e.text for e in g.entries]) for g in words.change_talk] == [
        ("desire", ["She needs people"]),
        ("reasons", ["I want it for her"]),
    ]
    [balance] = words.balances
    assert balance.title == "Weighing it up"
    assert balance.boxes == (
        ("Good about things as they are", "EASE"),
        ("Good about reaching out", "GAIN"),
    )
    assert words.changes == ("You started at 5. Now you are at 7.",)
    assert not words.empty


def test_own_words_leave_out_screens_the_parent_did_not_see():
    # Planning: "What you make of it" is not shown, so an old answer there is not quoted.
    answers = {"start-where": "planning_soon", "start-importance": 8, "start-make-of-it": "Old"}
    words = own_words(Journey(MODULES, answers))
    assert all(e.text != "Old" for g in words.change_talk for e in g.entries)
    assert own_words(Journey(MODULES, {})).empty


def test_own_words_quote_only_what_the_parent_typed_never_an_option_code():
    from cgim.content.model import CHOICE_KINDS, MULTI_KINDS, NUMBER_KINDS
    from cgim.paths import CONTENT

    modules = load_library(CONTENT).language("en").modules_for("making_connections")
    answers: dict = {}
    for step in (s for m in modules for s in m.steps if s.change_talk):
        if step.kind in MULTI_KINDS:
            answers[step.id] = list(step.option_ids[:2])
        elif step.kind in CHOICE_KINDS:
            answers[step.id] = step.option_ids[1]  # e.g. "practical" for the kind of help
        elif step.kind in NUMBER_KINDS:
            answers[step.id] = 6
        elif step.kind in ("short_text", "long_text"):
            answers[step.id] = f"typed for {step.id}"
    assert "find-support-need" in answers  # a one-choice question tagged as change talk
    quoted = [e.text for g in own_words(Journey(modules, answers)).change_talk for e in g.entries]
    assert quoted and all(text.startswith("typed for ") for text in quoted), quoted
