"""No plan save undoes another screen's: the safety plan and its worries, the ask, the others.

Two tablets are two clients with the same parent's session (as after typing the resume
code on a second tablet). Database-neutral: runs on SQLite and on PostgreSQL
(CGIM_TEST_DATABASE_URL).
"""

import html
import re
import threading

import pytest
from sqlalchemy import select

from cgim.extensions import db
from cgim.parent.models import Answer, Parent

from .helpers import SAM, change_map, form_fields, post_drawn

SAFETY = "/me/plan/safety/coach-sam"


@pytest.fixture
def tablets(app, make_user, make_workshop, join, new_client):
    """One parent on two tablets, with Coach Sam on the map."""
    user_id, _org = make_user("admin")
    _workshop_id, code = make_workshop(user_id)
    first = join(new_client(), code, "Kim")
    second = new_client()
    second.set_cookie("cgim_session", first.get_cookie("cgim_session").value)
    change_map(first, lambda doc: doc["people"].append(dict(SAM)))
    return first, second


def concerns(client, person_id="coach-sam") -> list[str]:
    """The worries the map holds now for one adult."""
    people = client.get("/me/ecomap/document").json["document"]["people"]
    return next(p for p in people if p["id"] == person_id)["concerns"]


def add_worries(*worries):
    """A map change that ticks worries for Coach Sam (another tablet's eco-map form)."""

    def change(document):
        sam = next(p for p in document["people"] if p["id"] == "coach-sam")
        sam["concerns"] = [*sam["concerns"], *worries]

    return change


def field_value(page: str, name: str) -> str:
    """The text in a form field (input value or textarea body), unescaped."""
    found = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', page) or re.search(
        rf'<textarea[^>]*name="{name}"[^>]*>\s*([^<]*)</textarea>', page
    )
    return html.unescape(found.group(1)) if found else ""


def stored(app, key: str):
    """One stored plan row of the only parent."""
    with app.app_context():
        parent_id = db.session.scalar(select(Parent.id))
        return db.session.scalar(
            select(Answer.value).where(Answer.parent_id == parent_id, Answer.prompt_id == key)
        )


def test_a_stale_safety_plan_never_erases_worries_ticked_on_another_tablet(app, tablets):
    first, second = tablets
    opened = second.get(SAFETY).text  # tablet 2 opens the safety plan
    change_map(first, add_worries("seeks_time_alone", "secrets"))  # tablet 1 ticks two worries
    typed = {"drop_ins": "Saturday mornings", "own_rules": "No closed doors", "settings": ["group"]}
    refused = post_drawn(second, SAFETY, typed, page=opened)

    assert refused.status_code == 409
    page = refused.text
    assert "The map was changed on another screen." in page
    assert field_value(page, "drop_ins") == "Saturday mornings"  # what was typed is kept
    assert field_value(page, "own_rules") == "No closed doors"
    assert "Often wants to be alone with my child" in page  # the newest worries are shown
    assert "Asks my child to keep secrets" in page
    assert concerns(first) == ["seeks_time_alone", "secrets"]
    assert stored(app, "plan.safety.coach-sam") is None  # nothing was stored

    # Saved again from the page it was shown: the plan is kept and so are both worries.
    again = post_drawn(second, SAFETY, typed, page=page)
    assert again.status_code == 302
    assert concerns(first) == ["seeks_time_alone", "secrets"]
    assert field_value(first.get(SAFETY).text, "drop_ins") == "Saturday mornings"


def test_a_safety_plan_form_only_adds_worries_it_never_drops_one_by_leaving_it_out(tablets):
    first, _second = tablets
    change_map(first, add_worries("gifts"))
    response = post_drawn(first, SAFETY, {"worries": ["unreliable"]})
    assert response.status_code == 302
    assert concerns(first) == ["gifts", "unreliable"]
    # A form that posts no worries at all (or an old form's list) removes nothing.
    assert post_drawn(first, SAFETY, {"drop_ins": "Fridays"}).status_code == 302
    assert concerns(first) == ["gifts", "unreliable"]


def test_a_worry_is_taken_off_only_with_i_no_longer_worry_and_a_confirmation(app, tablets):
    first, _second = tablets
    change_map(first, add_worries("secrets", "unreliable"))
    asked = post_drawn(first, SAFETY, {"no_longer": ["secrets"], "drop_ins": "Fridays"})
    assert asked.status_code == 200
    assert "You are taking away these worries about Coach Sam:" in asked.text
    assert "Are you sure?" in asked.text
    assert "may be suggested as a mentor again" in asked.text  # the only serious worry goes
    assert field_value(asked.text, "drop_ins") == "Fridays"
    assert concerns(first) == ["secrets", "unreliable"]  # nothing changed yet
    assert stored(app, "plan.safety.coach-sam") is None

    confirmed = post_drawn(first, SAFETY, {"confirm_no_longer": "y"}, page=asked.text)
    assert confirmed.status_code == 302
    assert concerns(first) == ["unreliable"]
    assert stored(app, "plan.safety.coach-sam")["drop_ins"] == "Fridays"


def test_no_keep_them_saves_the_plan_and_keeps_every_worry(app, tablets):
    first, _second = tablets
    change_map(first, add_worries("gifts"))
    asked = post_drawn(first, SAFETY, {"no_longer": ["gifts"], "if_crossed": "Stop visits"})
    kept = post_drawn(first, SAFETY, {"keep_worries": "y"}, page=asked.text)
    assert kept.status_code == 302
    assert concerns(first) == ["gifts"]
    assert stored(app, "plan.safety.coach-sam")["if_crossed"] == "Stop visits"


def test_a_new_serious_worry_from_the_safety_plan_goes_straight_to_the_next_step(app, tablets):
    first, _second = tablets
    caution = post_drawn(first, SAFETY, {"worries": ["gifts"]})
    assert caution.location == "/me/plan/safety"  # a caution: no alarm, back to the list
    with app.app_context():
        assert db.session.scalar(select(Parent.serious_worry_at)) is None

    serious = post_drawn(first, SAFETY, {"worries": ["harm_to_children"]})
    assert serious.status_code == 302
    assert serious.location.startswith("/me/safety/next-step/coach-sam")
    with app.app_context():
        assert db.session.scalar(select(Parent.serious_worry_at)) is not None
    assert "What you can do now" in first.get(serious.location).text


def test_two_tablets_saving_the_ask_merge_field_by_field(app, tablets):
    first, second = tablets
    one, two = first.get("/me/plan/ask").text, second.get("/me/plan/ask").text
    assert post_drawn(first, "/me/plan/ask", {"what": "come swimming"}, page=one).status_code == 302
    assert post_drawn(second, "/me/plan/ask", {"when": "Saturday"}, page=two).status_code == 302
    ask = stored(app, "plan.ask")
    assert (ask["what"], ask["when"]) == ("come swimming", "Saturday")  # neither field lost


def test_the_same_ask_field_changed_on_two_tablets_is_refused_and_both_words_shown(app, tablets):
    first, second = tablets
    one, two = first.get("/me/plan/ask").text, second.get("/me/plan/ask").text
    post_drawn(first, "/me/plan/ask", {"what": "come swimming", "how_often": "weekly"}, page=one)
    refused = post_drawn(second, "/me/plan/ask", {"what": "help with homework"}, page=two)

    assert refused.status_code == 409
    assert "Some answers were changed on another screen too." in refused.text
    assert field_value(refused.text, "what") == "help with homework"  # this tablet's words
    assert "“come swimming”" in refused.text  # and the other tablet's, shown beside them
    assert field_value(refused.text, "how_often") == "weekly"  # the other change, not undone
    assert stored(app, "plan.ask")["what"] == "come swimming"

    # Saving the page as shown keeps this tablet's words and the other tablet's other change.
    saved = post_drawn(
        second,
        "/me/plan/ask",
        {"what": "help with homework", "how_often": "weekly"},
        page=refused.text,
    )
    assert saved.status_code == 302
    ask = stored(app, "plan.ask")
    assert (ask["what"], ask["how_often"]) == ("help with homework", "weekly")


def test_two_tablets_editing_one_safety_plan_keep_both_changes(app, tablets):
    first, second = tablets
    one, two = first.get(SAFETY).text, second.get(SAFETY).text
    assert post_drawn(first, SAFETY, {"drop_ins": "Fridays"}, page=one).status_code == 302
    assert post_drawn(second, SAFETY, {"if_crossed": "Stop visits"}, page=two).status_code == 302
    plan = stored(app, "plan.safety.coach-sam")
    assert (plan["drop_ins"], plan["if_crossed"]) == ("Fridays", "Stop visits")


def test_rehearsal_and_childs_choice_are_merged_too(app, tablets):
    first, second = tablets
    one, two = first.get("/me/plan/rehearse").text, second.get("/me/plan/rehearse").text
    post_drawn(first, "/me/plan/rehearse", {"before": "3"}, page=one)
    post_drawn(second, "/me/plan/rehearse", {"after": "8"}, page=two)
    assert (stored(app, "plan.rehearsal")["before"], stored(app, "plan.rehearsal")["after"]) == (
        "3",
        "8",
    )
    one, two = first.get("/me/plan/child").text, second.get("/me/plan/child").text
    post_drawn(first, "/me/plan/child", {"rank_0": "1"}, page=one)
    said = post_drawn(second, "/me/plan/child", {"child_said": "Sam is fun"}, page=two)
    assert said.status_code == 302
    assert stored(app, "plan.child_ranking") == ["coach-sam"]
    assert stored(app, "plan.child_said") == "Sam is fun"


def test_many_tablets_saving_the_ask_at_once_lose_nothing(app, tablets):
    first, _second = tablets
    cookie = first.get_cookie("cgim_session").value
    page = first.get("/me/plan/ask").text
    fields = ["what", "how_often", "how_long", "who_i_am", "why_you", "easy_no", "thanks", "when"]
    clients = []
    for _field in fields:
        client = app.test_client()
        client.set_cookie("cgim_session", cookie)
        clients.append(client)
    barrier = threading.Barrier(len(fields))
    statuses: list = [None] * len(fields)

    def save(i: int) -> None:
        barrier.wait(timeout=30)
        data = {**form_fields(page), fields[i]: f"words {i}"}
        statuses[i] = clients[i].post("/me/plan/ask", data=data).status_code

    threads = [threading.Thread(target=save, args=(i,)) for i in range(len(fields))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert statuses == [302] * len(fields)
    ask = stored(app, "plan.ask")
    assert [ask[f] for f in fields] == [f"words {i}" for i in range(len(fields))]


def test_a_safety_plan_for_someone_taken_off_the_map_meanwhile_says_so(app, tablets):
    first, second = tablets
    opened = second.get(SAFETY).text
    change_map(first, lambda document: document["people"].clear())
    response = post_drawn(second, SAFETY, {"drop_ins": "Fridays"}, page=opened)
    assert response.status_code == 302 and response.location == "/me/plan/safety"
    page = second.get("/me/plan/safety").text
    assert "This person was taken off the map on another screen. Nothing was saved." in page
    assert stored(app, "plan.safety.coach-sam") is None
