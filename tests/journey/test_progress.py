"""Where a parent is: next and back, where 'Continue' leads, progress bars and the overview.

Pure: the small MI test content, loaded without the app.
"""

from pathlib import Path

from cgim.content.library import load_library
from cgim.journey.progress import Journey

MI_CONTENT = Path(__file__).resolve().parents[1] / "fixtures" / "mi_content"
MODULES = load_library(MI_CONTENT).language("en").modules_for("short")
START, FINISH = MODULES
PLANNING = {"start-where": "planning_soon", "start-importance": 8}  # sees 1, 2, 3, 7, 8, 10


def test_next_and_back_skip_the_screens_this_parent_does_not_see():
    path = Journey(MODULES, PLANNING)
    assert path.neighbour(START, 3, "next") == ("start", 7)
    assert path.neighbour(START, 7, "back") == ("start", 3)
    assert path.neighbour(START, 1, "back") is None  # back from the first: the overview
    assert path.neighbour(START, 10, "next") is None  # past the last: the module is done


def test_continue_leads_to_the_next_module_or_the_last_one_again():
    path = Journey(MODULES, PLANNING)
    assert path.after(START) == ("finish", 1)
    assert path.after(FINISH) == ("finish", 1)
    assert path.is_last_before_final(START)
    assert not path.is_last_before_final(FINISH)


def test_questions_are_the_asking_screens_this_parent_sees():
    path = Journey(MODULES, PLANNING)
    assert path.questions(START) == [
        "start-where",
        "start-importance",
        "start-importance-more",
        "start-plan-who",
        "start-worries",
        "start-balance",
    ]
    assert path.questions(FINISH) == ["finish-importance"]  # its follow-up waits for a rating


def test_place_counts_only_the_screens_shown():
    path = Journey(MODULES, PLANNING)  # 6 screens in start, 2 in finish
    place = path.place(START, 7)
    assert (place.module_number, place.module_count) == (1, 2)
    assert (place.step_number, place.step_count) == (4, 6)
    assert place.percent == round(100 * 4 / 8)
    last = path.place(FINISH, 3)
    assert (last.module_number, last.step_number, last.step_count, last.percent) == (2, 2, 2, 100)


def test_the_overview_counts_answers_and_knows_where_to_carry_on():
    answers = {**PLANNING, "start-plan-who": "My aunt", "start-what-know": "not shown to them"}
    overview = Journey(MODULES, answers).overview("start", 7)
    start, finish = overview.modules
    assert (start.number, start.answered, start.questions, start.is_current) == (1, 3, 6, True)
    assert (finish.number, finish.answered, finish.questions, finish.is_current) == (2, 0, 1, False)
    assert not start.done
    assert overview.continue_at == ("start", 7)
    assert overview.percent == round(100 * 3 / 7)


def test_the_overview_starts_at_the_first_screen_and_keeps_screen_numbers_in_range():
    path = Journey(MODULES, {})
    assert path.overview(None, 1).continue_at == ("start", 1)
    assert path.overview("no-such-module", 4).continue_at == ("start", 1)
    assert path.overview("finish", 99).continue_at == ("finish", 3)
    assert path.overview("finish", -2).continue_at == ("finish", 1)
    assert path.overview(None, 1).percent == 0


def test_a_module_is_done_when_every_question_shown_is_answered():
    answers = {"finish-importance": 7}
    assert Journey(MODULES, answers).overview(None, 1).modules[1].questions == 2  # + follow-up
    answers["finish-importance-more"] = {"why_not_lower": "It matters"}
    assert Journey(MODULES, answers).overview(None, 1).modules[1].done
