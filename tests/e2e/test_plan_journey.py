"""Issue 5 in a real browser: safety plan, child's voice, ask, rehearsal, plan, follow-up."""

import re
from datetime import date

from playwright.sync_api import expect

from cgim.auth.models import Organisation, User
from cgim.contacts.models import LocalContact
from cgim.content.library import load_library
from cgim.extensions import db
from cgim.paths import CONTENT
from cgim.workshop import services

from .conftest import check_accessibility

ENGLISH = load_library(CONTENT).language("en")


def open_workshop(app) -> str:
    """An organisation with a local help line, and a workshop; returns the join code."""
    with app.app_context():
        org = Organisation(name="Riverside")
        user = User(organisation=org, email="f@river.example", name="F", role="admin")
        user.set_password("a long enough password")
        db.session.add(org)
        db.session.flush()
        db.session.add(
            LocalContact(organisation_id=org.id, name="Family Support Line", phone="0800 000 111")
        )
        workshop = services.create(user, "Evening group", "making_connections", "en", date.today())
        db.session.commit()
        return workshop.join_code


def step_number(module_id: str, step_id: str) -> int:
    """The screen number of a step in its module."""
    return [s.id for s in ENGLISH.modules[module_id].steps].index(step_id) + 1


def join_ready_parent(page, base, code):
    """Join, and say 'I plan to ask someone soon' so the planning tools are offered."""
    page.goto(f"{base}/join/{code}")
    page.get_by_label("Your first name or a nickname").fill("Kim")
    page.get_by_role("button", name="Next").tap()
    page.get_by_role("button", name="Yes, let's start").tap()
    expect(page.get_by_role("heading", name="Hello, Kim")).to_be_visible()
    page.goto(f"{base}/me/welcome/{step_number('welcome', 'welcome-where-now')}")
    page.get_by_role("radio", name="I plan to ask someone soon").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Next").tap()


def add_person(page, base, name, closeness="Very close"):
    """Add someone to the map with the guided form."""
    page.goto(f"{base}/me/ecomap/people/new")
    page.get_by_label("Their name or initials").fill(name)
    page.get_by_role("button", name="Next").tap()
    page.get_by_role("radio", name=closeness, exact=True).check()
    page.get_by_role("button", name="Next").tap()
    page.get_by_role("radio", name="Likes being with them").check()
    page.get_by_role("radio", name="A lot", exact=True).check()
    page.get_by_role("checkbox", name="Fun and shared interests").check()
    page.get_by_role("button", name="Next").tap()
    page.get_by_role("button", name="Save").tap()
    expect(page.get_by_text(f"Your answers about {name} are saved.")).to_be_visible()


def open_tool(page, base, step_id, button):
    """Go to the tool's screen in 'Asking for help' and tap its button."""
    page.goto(f"{base}/me/asking_for_help/{step_number('asking_for_help', step_id)}")
    check_accessibility(page, f"tablet-{step_id}")
    page.get_by_role("link", name=button).tap()


def test_safety_plan_child_voice_ask_rehearsal_plan_and_follow_up(base, live_app, tablet):
    code = open_workshop(live_app)
    page = tablet()
    join_ready_parent(page, base, code)
    add_person(page, base, "Aunt Rosa")
    add_person(page, base, "Coach Sam")

    open_tool(page, base, "ask-child-voice-tool", "Open your child's choice")
    expect(page.get_by_role("heading", name="Your child's choice")).to_be_visible()
    check_accessibility(page, "tablet-child-voice")
    page.get_by_label("Place for Coach Sam").select_option("1")
    page.get_by_label("Place for Aunt Rosa").select_option("2")
    page.get_by_role("button", name="Save").tap()
    expect(page.get_by_text("Your child's choices are saved.")).to_be_visible()
    page.get_by_role("link", name="Back to the workshop").tap()
    expect(page).to_have_url(re.compile(r"/me/asking_for_help/\d+$"))

    open_tool(page, base, "ask-safety-tool", "Open the safety plan")
    expect(page.get_by_role("heading", name="A safety plan for each adult")).to_be_visible()
    expect(page.get_by_text("Family Support Line")).to_be_visible()
    check_accessibility(page, "tablet-safety-list")
    page.get_by_role("link", name=re.compile("Aunt Rosa")).tap()
    expect(page.get_by_role("heading", name="Safety plan for Aunt Rosa")).to_be_visible()
    check_accessibility(page, "tablet-safety-plan")
    page.get_by_role("checkbox", name="In a group, with other children").check()
    page.get_by_role("checkbox", name="Gifts or money are agreed with me first").check()
    page.get_by_label("Any other rules, in your own words").fill("Screens off at dinner")
    page.get_by_role("checkbox", name="How did it feel?").check()
    page.get_by_role("button", name="Save the safety plan").tap()
    expect(page.get_by_text("The safety plan for Aunt Rosa is saved.")).to_be_visible()

    open_tool(page, base, "ask-plan-tool", "Plan the ask")
    expect(page.get_by_role("heading", name="Plan the ask")).to_be_visible()
    check_accessibility(page, "tablet-ask")
    page.get_by_label("Who will you ask?").select_option(label="Aunt Rosa")
    page.get_by_role("radio", name="Fun and shared interests").check()
    page.get_by_label("What is the small first ask?").fill("take Maya to the pool")
    page.get_by_label("How often?").fill("once a week")
    page.get_by_label("For how long, to start with?").fill("until the summer")
    page.get_by_label("Why you thought of them").fill("Maya lights up when you swim together.")
    page.get_by_role("radio", name="On the phone").check()
    page.get_by_label("When will you ask?").fill("Saturday morning")
    page.get_by_role("button", name="Save and see my words").tap()

    expect(page.get_by_role("heading", name="Practise the ask")).to_be_visible()
    expect(
        page.get_by_text(
            "Would you be willing to take Maya to the pool, once a week, until the summer?"
        )
    ).to_be_visible()
    check_accessibility(page, "tablet-rehearse")
    page.locator("fieldset").filter(has_text="Before practising").get_by_text("4", exact=True).tap()
    page.get_by_role("checkbox", name="I read it aloud").check()
    page.locator("fieldset").filter(has_text="After practising").get_by_text("7", exact=True).tap()
    page.get_by_role("button", name="Save").tap()
    expect(page.get_by_text("You were at 4 before practising, and 7 after.")).to_be_visible()

    page.goto(f"{base}/me/my_plan/{step_number('my_plan', 'plan-take-home')}")
    page.get_by_role("link", name="Open my plan").tap()
    expect(page.get_by_role("heading", name="Kim's plan")).to_be_visible()
    expect(page.get_by_text("Gifts or money are agreed with me first")).to_be_visible()
    expect(page.get_by_text("Our rules: Screens off at dinner")).to_be_visible()
    expect(page.get_by_text("0800 000 111")).to_be_visible()
    check_accessibility(page, "tablet-plan")
    pdf = page.request.get(f"{base}/me/plan.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF-")
    resume = re.search(r"Your resume code: ([A-Z0-9-]+)", page.locator("main").inner_text()).group(
        1
    )

    # A week later, on another tablet: how did it go?
    later = tablet()
    later.goto(f"{base}/resume")
    later.get_by_label("Your resume code").fill(resume)
    later.get_by_role("button", name="Carry on").tap()
    expect(later.get_by_role("heading", name="Hello, Kim")).to_be_visible()
    later.goto(f"{base}/me/plan/follow-up")
    expect(later.get_by_role("heading", name="How did it go?")).to_be_visible()
    check_accessibility(later, "tablet-follow-up")
    later.get_by_label("Who did you plan to ask?").fill("Aunt Rosa")
    later.get_by_role("radio", name="Yes, I asked").check()
    later.get_by_role("radio", name="Maybe, or not now").check()
    later.get_by_role("button", name="Save").tap()
    expect(later.get_by_text("A maybe is not a no.")).to_be_visible()
    check_accessibility(later, "tablet-next-step")


def second_tablet(tablet, page, base):
    """The same parent on another tablet, by their resume code."""
    page.goto(f"{base}/me")
    code = page.locator(".resume-code").inner_text()
    other = tablet()
    other.goto(f"{base}/resume")
    other.get_by_label("Your resume code").fill(code)
    other.get_by_role("button", name="Carry on").tap()
    expect(other.get_by_role("heading", name="Hello, Kim")).to_be_visible()
    return other


def test_a_stale_safety_plan_on_another_tablet_keeps_the_worries_and_says_so(
    base, live_app, tablet
):
    code = open_workshop(live_app)
    page = tablet()
    join_ready_parent(page, base, code)
    add_person(page, base, "Aunt Rosa")
    other = second_tablet(tablet, page, base)
    other.goto(f"{base}/me/plan/safety/aunt-rosa")  # tablet 2 opens the safety plan

    page.goto(f"{base}/me/plan/safety/aunt-rosa")  # tablet 1 notes a worry and is told what next
    expect(page.get_by_text("Add a worry", exact=True)).to_be_visible()  # open: none noted yet
    page.get_by_role("checkbox", name=re.compile("Often wants to be alone with my child")).check()
    page.get_by_role("button", name="Save the safety plan").tap()
    expect(page.get_by_role("heading", name="What you can do now")).to_be_visible()

    other.get_by_label("When could you drop in or check in?").fill("Saturday mornings")
    other.get_by_role("button", name="Save the safety plan").tap()
    expect(other.get_by_text("The map was changed on another screen.")).to_be_visible()
    expect(other.get_by_label("When could you drop in or check in?")).to_have_value(
        "Saturday mornings"
    )
    expect(other.locator(".worry-now")).to_contain_text("Often wants to be alone with my child")
    check_accessibility(other, "tablet-safety-plan-stale")
    other.get_by_role("button", name="Save the safety plan").tap()
    expect(other.get_by_text("The safety plan for Aunt Rosa is saved.")).to_be_visible()

    page.goto(f"{base}/me/plan/safety/aunt-rosa")
    expect(page.locator(".worry-now")).to_contain_text("Often wants to be alone with my child")
    expect(page.get_by_label("When could you drop in or check in?")).to_have_value(
        "Saturday mornings"
    )
