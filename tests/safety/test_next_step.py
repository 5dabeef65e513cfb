"""The next step after a serious worry: what to do now, the organisation's help lines, and a
private request to talk; a parent sees only their own map's adults."""

import html

import pytest

from cgim.ecomap.core.worries import WORRIES
from cgim.library import language_for

from .conftest import HARMED, LOCAL_LINE, NATIONAL_LINE, put_person

URL = "/me/safety/next-step/uncle-joe"


def page_of(client, url: str = URL) -> str:
    """The page's text with HTML entities read back (apostrophes, quotes)."""
    answer = client.get(url)
    assert answer.status_code == 200, answer.status_code
    return html.unescape(answer.text)


def test_next_step_says_what_to_do_now_for_each_serious_worry(setting):
    sam = setting.parent()
    put_person(sam, {**HARMED, "concerns": ["harm_to_children", "secrets", "gifts"]})

    page = page_of(sam)

    assert "What you can do now" in page
    assert "Keep your child away from time alone with Uncle Joe." in page
    for worry in ("harm_to_children", "secrets"):
        assert f"They {WORRIES[worry].noticed}." in page
        assert WORRIES[worry].first_step in page
    assert WORRIES["gifts"].noticed not in page  # a caution is not a serious worry
    assert "If a child is in danger right now, call your local emergency number." in page


def test_shared_first_steps_are_said_once(setting):
    sam = setting.parent()
    put_person(sam, {**HARMED, "concerns": ["harm_to_children", "violence"]})
    step = WORRIES["harm_to_children"].first_step
    assert step == WORRIES["violence"].first_step
    assert page_of(sam).count(step) == 1


def test_what_to_do_if_the_child_tells_comes_from_content(app, setting):
    sam = setting.parent()
    put_person(sam, {**HARMED, "concerns": ["violence"]})
    with app.app_context():
        tells = language_for("en").steps["safe-if-child-tells"]
    page = page_of(sam)
    assert tells.title in page
    assert tells.points and all(point in page for point in tells.points)
    assert all(paragraph in page for paragraph in tells.paragraphs)


def test_the_organisations_help_lines_come_first_then_the_national_fallback(setting):
    setting.add_line(**NATIONAL_LINE)
    setting.add_line(**LOCAL_LINE)
    sam = setting.parent()
    put_person(sam, {**HARMED, "concerns": ["harm_to_children"]})

    page = page_of(sam)

    local, national = page.index(LOCAL_LINE["name"]), page.index(NATIONAL_LINE["name"])
    assert local < national
    assert 'href="tel:0800111222"' in page and 'href="tel:08088005000"' in page
    assert "Ask your facilitator for the local help lines." not in page
    assert "call your local emergency number" in page


def test_without_help_lines_the_page_still_gives_a_real_next_step(setting):
    sam = setting.parent()
    put_person(sam, {**HARMED, "concerns": ["harm_to_children"]})
    page = page_of(sam)
    assert "Ask your facilitator for the local help lines." in page
    assert "call your local children's services or the police" in page
    assert "If a child is in danger right now, call your local emergency number." in page
    assert "I'd like to talk to someone" in page


def test_an_adult_without_serious_worries_gets_the_general_steps_only(setting):
    sam = setting.parent()
    put_person(sam, {**HARMED, "concerns": ["gifts"]})
    page = page_of(sam)
    assert "You have no serious worry noted about Uncle Joe right now." in page
    assert "Keep your child away from time alone" not in page
    assert "Who to call" in page


def test_an_adult_not_on_the_map_is_not_found(setting):
    sam = setting.parent()
    put_person(sam, {**HARMED, "concerns": ["harm_to_children"]})
    assert sam.get("/me/safety/next-step/nobody").status_code == 404


def test_a_parent_sees_only_their_own_maps_adults(setting):
    sam = setting.parent()
    put_person(sam, {**HARMED, "concerns": ["harm_to_children"]})
    kim = setting.parent("Kim")
    assert kim.get(URL).status_code == 404
    assert setting.new_client().get(URL).location == "/join"


def test_the_back_link_returns_to_where_the_parent_was(setting):
    sam = setting.parent()
    put_person(sam, {**HARMED, "concerns": ["harm_to_children"]})
    assert 'href="/me/ecomap"' in page_of(sam)  # no ?back: back to the map
    page = page_of(sam, URL + "?back=/me/plan/safety/uncle-joe")
    assert 'href="/me/plan/safety/uncle-joe">Back to where I was' in page
    for outside in ("https://example.org/", "//example.org/me/", "/team/contacts/"):
        assert f'href="{outside}"' not in page_of(sam, f"{URL}?back={outside}")


@pytest.mark.parametrize("back", [None, "/me/plan/safety/uncle-joe"])
def test_asking_to_talk_is_remembered_and_can_be_taken_back(setting, back):
    sam = setting.parent()
    put_person(sam, {**HARMED, "concerns": ["harm_to_children"]})
    form = {"person": "uncle-joe"} | ({"back": back} if back else {})

    asked = sam.post("/me/safety/talk", data=form)

    assert asked.location == URL + (f"?back={back}" if back else "")
    page = page_of(sam, asked.location)
    assert "Your facilitator will find a quiet moment to talk with you." in page
    assert "Your facilitator knows you would like a private word." in page
    assert "I'd like to talk to someone" not in page

    sam.post("/me/safety/talk", data={**form, "talk": "no"})
    page = page_of(sam)
    assert "You can ask again at any time." in page
    assert "I'd like to talk to someone" in page
