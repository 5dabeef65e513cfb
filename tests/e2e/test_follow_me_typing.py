"""Issue 10: follow-me never loses work. A parent in a tool, or with words not yet saved, is told
the group has moved on and chooses when to join; the dashboard shows who is still in a tool."""

import re
import time

from playwright.sync_api import expect

from cgim.extensions import db
from cgim.parent.models import Answer
from cgim.workshop import pacing
from cgim.workshop.models import Workshop

from .conftest import check_accessibility
from .test_live_room import join, prepare, press, sign_in

MOVED_ON = "The group has moved on. Join them when you're ready."
# Tablets poll every 3 s: this is more than two polls.
TWO_POLLS_MS = 7_000


def show_screen(app, workshop_id: int, module_id: str, number: int) -> None:
    """The facilitator's 'Go to a module' and Next presses up to one screen, done at once."""
    with app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        language = app.extensions["cgim_content"].language("en")
        pacing.control(workshop, language, "show", module_id, number)
        db.session.commit()


def map_screen(app) -> tuple[str, int]:
    """(module, screen number) of the workshop screen that opens the eco-map."""
    language = app.extensions["cgim_content"].language("en")
    for module in language.modules_for("making_connections"):
        for number, step in enumerate(module.steps, 1):
            if step.kind == "tool" and step.tool == "ecomap":
                return module.id, number
    raise AssertionError("making_connections has no eco-map screen")


def following(laptop, base, live_app, tablet, name):
    """A facilitator on the live dashboard in follow-me, and one parent's tablet following."""
    workshop_id, code = prepare(live_app)
    sign_in(laptop, base)
    laptop.goto(f"{base}/workshops/{workshop_id}/live")
    page = tablet()
    join(page, base, code, name)
    press(laptop, "Start with the first screen")
    press(laptop, "Follow me: tablets go to my screen")
    expect(page).to_have_url(re.compile(r"/me/welcome/1$"))
    return workshop_id, page


def banner(page):
    """The 'group has moved on' banner, found by its words."""
    return page.locator("#moved-banner").get_by_text(MOVED_ON)


def stored_answer(app, prompt_id: str):
    """A parent's stored answer to one prompt."""
    with app.app_context():
        return db.session.scalar(db.select(Answer.value).where(Answer.prompt_id == prompt_id))


def test_a_parent_typing_in_the_person_form_keeps_their_words(base, live_app, laptop, tablet):
    workshop_id, page = following(laptop, base, live_app, tablet, "Ana")
    module_id, number = map_screen(live_app)
    show_screen(live_app, workshop_id, module_id, number)
    laptop.reload()
    expect(page).to_have_url(re.compile(rf"/me/{module_id}/{number}$"))

    page.get_by_role("link", name="Open the map").tap()
    page.get_by_role("link", name="Add a person").first.tap()
    name = page.get_by_label(re.compile("name or initials", re.I))
    name.fill("Aunt Rosa")
    expect(laptop.locator("#live-parents")).to_contain_text("In the eco-map")

    press(laptop, "Next screen")
    page.wait_for_timeout(TWO_POLLS_MS)
    assert "/me/ecomap/people/new" in page.url
    expect(name).to_have_value("Aunt Rosa")
    expect(banner(page)).to_be_visible()
    join_button = page.get_by_role("link", name="Join the group")
    box = join_button.bounding_box()
    assert box and box["height"] >= 44
    check_accessibility(page, "tablet-group-moved-on")
    expect(laptop.locator("#live-parents")).to_contain_text("In the eco-map")
    check_accessibility(laptop, "laptop-live-in-a-tool")

    join_button.tap()
    expect(page).to_have_url(re.compile(rf"/me/{module_id}/{number + 1}$"))
    expect(banner(page)).to_be_hidden()
    expect(laptop.locator("#live-parents")).to_contain_text(f"screen {number + 1}")
    expect(laptop.locator("#live-parents")).not_to_contain_text("In the eco-map")

    # Back on a plain screen with nothing unsaved, follow-me moves the parent as before.
    press(laptop, "Next screen")
    expect(page).to_have_url(re.compile(rf"/me/{module_id}/{number + 2}$"))


def test_unsaved_words_on_a_module_screen_hold_the_parent_there(base, live_app, laptop, tablet):
    workshop_id, page = following(laptop, base, live_app, tablet, "Bo")
    show_screen(live_app, workshop_id, "welcome", 3)
    laptop.reload()
    expect(page).to_have_url(re.compile(r"/me/welcome/3$"))

    # The server cannot take the answer for now: it waits on the tablet, not yet saved.
    autosave = "**" + page.locator("form[data-autosave]").get_attribute("data-autosave")
    page.route(autosave, lambda route: route.fulfill(status=503, body="busy"))
    field = page.get_by_label(re.compile("What is one thing your child really enjoys"))
    field.fill("Climbing trees")
    expect(page.get_by_role("status").filter(has_text="Will save when")).to_be_visible()
    page.wait_for_timeout(5_500)  # past the typing pause: only the unsaved answer holds them

    press(laptop, "Next screen")
    page.wait_for_timeout(TWO_POLLS_MS)
    expect(page).to_have_url(re.compile(r"/me/welcome/3$"))
    expect(field).to_have_value("Climbing trees")
    expect(banner(page)).to_be_visible()
    assert stored_answer(live_app, "welcome-enjoys") is None
    check_accessibility(page, "tablet-group-moved-on-unsaved-words")

    page.unroute(autosave)
    page.get_by_role("link", name="Join the group").tap()
    expect(page).to_have_url(re.compile(r"/me/welcome/4$"))
    deadline = time.monotonic() + 20
    while stored_answer(live_app, "welcome-enjoys") is None and time.monotonic() < deadline:
        page.wait_for_timeout(500)
    assert stored_answer(live_app, "welcome-enjoys") == "Climbing trees"


def test_the_end_offers_the_plan_to_a_parent_in_a_tool(base, live_app, laptop, tablet):
    _workshop_id, page = following(laptop, base, live_app, tablet, "Cy")
    page.goto(f"{base}/me/ecomap/people/new")
    page.get_by_label(re.compile("name or initials", re.I)).fill("Coach Lee")
    press(laptop, "End the workshop: show parents their plan")
    ended = page.locator("#moved-banner").get_by_text("The workshop has ended.")
    expect(ended).to_be_visible()
    check_accessibility(page, "tablet-workshop-ended-in-a-tool")
    page.wait_for_timeout(TWO_POLLS_MS)
    assert "/me/ecomap/people/new" in page.url
    expect(page.get_by_label(re.compile("name or initials", re.I))).to_have_value("Coach Lee")
    page.get_by_role("link", name="Open my plan").tap()
    expect(page.get_by_role("heading", name="Cy's plan")).to_be_visible()
