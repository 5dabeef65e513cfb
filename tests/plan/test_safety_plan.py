"""The safety plan builds on what the parent chose: family rules ticked earlier, rule ideas
from content, help lines where the words promise them, what to do if a child tells."""

import html
import re

import pytest

from .helpers import SAM, answer, form_fields, post_drawn, put_people, store_rows

SAFETY = "/me/plan/safety/coach-sam"


@pytest.fixture
def setting(make_user, make_workshop, login, join, new_client):
    """An admin (who can add help lines) and a parent with Coach Sam on the map."""
    user_id, _org = make_user("admin")
    _workshop_id, code = make_workshop(user_id)
    staff = login(new_client(), user_id)
    kim = join(new_client(), code, "Kim")
    put_people(kim, SAM)
    return staff, kim


def content(app, step_id: str):
    """A step of the shipped English content."""
    return app.extensions["cgim_content"].language("en").steps[step_id]


def ticked(page: str, name: str) -> list[str]:
    """The boxes of one field that are ticked on a page."""
    return form_fields(page).get(name, [])


def test_family_rules_ticked_earlier_come_ticked_as_rule_ideas_from_content(app, setting):
    _staff, kim = setting
    answer(kim, "safe-family-rules", ["hugs", "gifts"])
    page = kim.get(SAFETY).text
    rules = content(app, "safe-family-rules")
    offered = re.findall(r'name="rules" value="([^"]+)"', page)
    assert offered == list(rules.option_ids)  # one source: the content's options, in order
    for option in rules.options:
        assert html.escape(option.label, quote=False) in page
    assert ticked(page, "rules") == ["gifts", "hugs"]
    assert 'name="own_rules"' in page  # and room for the family's own words
    assert 'name="rule_gifts"' not in page  # no empty box per topic any more


def test_once_the_plan_chose_its_rules_they_are_not_ticked_again_from_earlier(app, setting):
    _staff, kim = setting
    answer(kim, "safe-family-rules", ["hugs", "gifts"])
    assert (
        post_drawn(kim, SAFETY, {"rules": ["drop_in"], "own_rules": "Call first"}).status_code
        == 302
    )
    page = kim.get(SAFETY).text
    assert ticked(page, "rules") == ["drop_in"]
    assert "Call first" in page
    plan = kim.get("/me/plan").text
    assert content(app, "safe-family-rules").option_label("drop_in") in plan
    assert "Our rules: Call first" in plan


def test_a_rule_written_per_topic_before_is_still_shown_and_kept(app, setting):
    _staff, kim = setting
    store_rows(app, "Kim", {"plan.safety.coach-sam": {"rule_rides": "Only with me"}})
    page = kim.get(SAFETY).text
    assert 'name="rule_rides"' in page and "Only with me" in page
    assert 'name="rule_gifts"' not in page
    assert "Rides: Only with me" in kim.get("/me/plan").text


def test_the_safety_screens_show_the_help_lines_and_what_to_do_if_a_child_tells(app, setting):
    staff, kim = setting
    staff.post(
        "/team/contacts/", data={"name": "Family Line", "phone": "0800 111 222", "description": ""}
    )
    tells = content(app, "safe-if-child-tells")
    for url in ("/me/plan/safety", SAFETY):
        page = html.unescape(kim.get(url).text)
        assert "Family Line" in page and "0800 111 222" in page
        assert tells.title in page
        assert all(point in page for point in tells.points)


def test_the_worries_say_what_each_one_does_never_that_any_worry_takes_someone_off(setting):
    from cgim.ecomap.core.worries import WORRIES

    _staff, kim = setting
    page = html.unescape(kim.get(SAFETY).text)
    assert "A worry here keeps this person off the list" not in page  # untrue for cautions
    for worry in WORRIES.values():
        assert worry.effect_words in page
