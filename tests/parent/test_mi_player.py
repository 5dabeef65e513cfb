"""The MI engine in the module player: stages, rulers and follow-ups, themes, own words."""

import pytest


@pytest.fixture
def workshop_code(mi_workshop):
    """A workshop in the short test format; returns its join code."""
    return mi_workshop[1]


def joined(mi_app, code, name="Sam"):
    """A parent's client, joined and consented."""
    client = mi_app.test_client()
    client.post(f"/join/{code}", data={"nickname": name, "language": "en"})
    assert client.post(f"/join/{code}/consent").location == "/me"
    return client


def answer(client, module, number, go="next", **data):
    """POST one screen; returns the redirect target."""
    response = client.post(f"/me/{module}/{number}", data={**data, "go": go})
    assert response.status_code == 302, response.text
    return response.location


def test_precontemplation_is_offered_information_and_preparation_a_plan(mi_app, workshop_code):
    early, ready = joined(mi_app, workshop_code, "Ann"), joined(mi_app, workshop_code, "Bo")
    answer(early, "start", 1, answer="not_thinking")
    answer(ready, "start", 1, answer="planning_soon")
    answer(early, "start", 2, answer="6")
    answer(ready, "start", 2, answer="8")
    # After the ruler's follow-up (screen 3), the paths part ways.
    assert answer(early, "start", 3) == "/me/start/4"  # what do you know (EPE)
    assert answer(ready, "start", 3) == "/me/start/7"  # who might you ask first
    assert "What researchers found" in early.get("/me/start/5").text
    page = early.get("/me/start/5").text
    assert "Can we share what researchers found?" in page and "Yes, show me" in page


def test_stage_moves_back_when_confidence_or_importance_is_low(mi_app, workshop_code):
    parent = joined(mi_app, workshop_code)
    answer(parent, "start", 1, answer="planning_soon")
    answer(parent, "start", 2, answer="2")
    # Planning, but importance 2: contemplation, so the information path shows, not the plan.
    assert answer(parent, "start", 3) == "/me/start/4"


@pytest.mark.parametrize(
    ("rating", "asked", "not_asked"),
    [
        ("0", ["What would have to happen for it to be a 1?"], ["Why a 0"]),
        ("1", ["Why a 1 and not a lower number?", "move up to 2"], ["to be a 1?"]),
        ("5", ["Why a 5 and not a lower number?", "move up to 6"], ["to be a 1?"]),
        ("10", ["Why a 10 and not a lower number?"], ["move up", "to be a 1?"]),
    ],
)
def test_ruler_follow_ups_depend_on_the_rating(mi_app, workshop_code, rating, asked, not_asked):
    parent = joined(mi_app, workshop_code)
    assert answer(parent, "start", 2, answer=rating) == "/me/start/3"
    page = parent.get("/me/start/3").text
    assert f"You chose {rating}." in page
    for words in asked:
        assert words in page
    for words in [*not_asked, "not a 10", "not higher"]:
        assert words not in page


def test_follow_up_is_skipped_without_a_rating(mi_app, workshop_code):
    parent = joined(mi_app, workshop_code)
    assert answer(parent, "start", 2) == "/me/start/4"  # no rating: no follow-up screen


def test_end_ruler_shows_the_change_in_encouraging_words(mi_app, workshop_code):
    parent = joined(mi_app, workshop_code)
    answer(parent, "start", 2, answer="4")
    answer(parent, "finish", 1, answer="7")
    page = parent.get("/me/finish/2").text
    assert "You started at 4. Now you are at 7." in page
    answer(parent, "finish", 1, answer="3")
    assert "Thank you for being honest." in parent.get("/me/finish/2").text


def test_themed_step_appears_only_after_the_worry_is_named(mi_app, workshop_code):
    worried, calm = joined(mi_app, workshop_code, "W"), joined(mi_app, workshop_code, "C")
    answer(worried, "start", 1, answer="planning_soon")
    answer(calm, "start", 1, answer="planning_soon")
    assert answer(worried, "start", 8, answer="asking_hard") == "/me/start/9"
    assert answer(calm, "start", 8, answer="not_safe") == "/me/start/10"


def test_follow_up_and_balance_answers_are_saved_as_parts(
    mi_app, workshop_code, parent_id, answers_of
):
    parent = joined(mi_app, workshop_code)
    answer(parent, "start", 1, answer="thinking_about_it")
    answer(parent, "start", 2, answer="5")
    answer(parent, "start", 3, part_why_not_lower="I want it for her", part_move_up_one="A name")
    answer(
        parent,
        "start",
        10,
        part_change_good="More people on her side",
        part_staying_same_good="Less fuss",
    )
    stored = answers_of(parent_id(parent))
    assert stored["start-importance-more"] == {
        "why_not_lower": "I want it for her",
        "move_up_one": "A name",
    }
    assert stored["start-balance"] == {
        "change_good": "More people on her side",
        "staying_same_good": "Less fuss",
    }
    bad = parent.post(
        "/me/answers", json={"prompt": "start-balance", "value": {"nope": "x"}, "key": "abcdefgh99"}
    )
    assert bad.status_code == 400


def test_own_words_groups_change_talk_and_orders_the_balance(mi_app, workshop_code):
    parent = joined(mi_app, workshop_code)
    answer(parent, "start", 1, answer="thinking_about_it")
    answer(parent, "start", 2, answer="5")
    answer(parent, "start", 3, part_why_not_lower="I want it for her")
    answer(parent, "start", 6, answer="She needs more people")  # what you make of it (desire)
    answer(
        parent,
        "start",
        10,
        part_change_good="GAIN",
        part_staying_same_good="EASE",
        part_staying_same_not_so_good="COST",
        part_change_not_so_good="RISK",
    )
    page = parent.get("/me/own-words").text
    assert "“I want it for her”" in page and "“She needs more people”" in page
    assert page.index("What you want for your child") < page.index("Your reasons")
    order = [page.index(f"“{w}”") for w in ("EASE", "RISK", "COST", "GAIN")]
    assert order == sorted(order), (
        "balance must end with the costs of staying the same, then the gains"
    )


def test_finishing_the_module_before_the_last_leads_to_own_words(mi_app, workshop_code):
    parent = joined(mi_app, workshop_code)
    assert answer(parent, "start", 10) == "/me/own-words"
    assert "On to: Finish" in parent.get("/me/own-words").text
