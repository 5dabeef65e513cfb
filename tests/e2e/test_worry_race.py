"""Issue 10 in a real browser: two tablets of one parent, and no worry is ever lost.

Tablet B opens an adult's worries screen; tablet A adds two worries; B saves: it is told,
shown the newest worries, keeps what it ticked, and A's worries stay. Taking a worry away asks
"Are you sure?" first. Every screen passes axe at 820x1180, and works without JavaScript.
"""

import re
from pathlib import Path

from playwright.sync_api import expect

from .conftest import TABLET, check_accessibility
from .test_stages import join, open_workshop

WORRIES = "/me/ecomap/people/uncle-ray?part=worries"
FIXTURE = Path(__file__).resolve().parents[1] / "ecomap" / "fixtures" / "maya.json"


def document(page, base):
    return page.request.get(f"{base}/me/ecomap/document").json()


def concerns(page, base, person_id="uncle-ray"):
    people = document(page, base)["document"]["people"]
    return next(p for p in people if p["id"] == person_id)["concerns"]


def next_screen(page, step):
    with page.expect_navigation():
        page.get_by_role("button", name="Next", exact=True).tap()
    expect(page.get_by_text(step)).to_be_visible()


def add_with_every_screen(page, base):
    """Add Uncle Ray through the four screens, checking each one (axe, 44px, screenshots)."""
    page.goto(f"{base}/me/ecomap")
    with page.expect_navigation():
        page.get_by_role("link", name="Add a person").tap()
    expect(page.get_by_text("Step 1 of 4")).to_be_visible()
    assert page.locator("input:checked").count() == 0  # nothing pre-selected
    check_accessibility(page, "tablet-person-1-who")
    page.get_by_label("Their name or initials").fill("Uncle Ray")
    page.get_by_role("radio", name="Family", exact=True).tap()
    next_screen(page, "Step 2 of 4")
    assert page.locator("input:checked").count() == 0
    check_accessibility(page, "tablet-person-2-close")
    page.get_by_role("radio", name="Very close", exact=True).tap()
    next_screen(page, "Step 3 of 4")
    assert page.locator("input:checked").count() == 0
    check_accessibility(page, "tablet-person-3-give")
    page.get_by_role("radio", name="Likes being with them", exact=True).tap()
    next_screen(page, "Step 4 of 4")
    check_accessibility(page, "tablet-person-4-worries")
    for option in page.locator(".option").all():
        assert option.bounding_box()["height"] >= 44  # every target is big enough for a finger
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).tap()
    expect(page.get_by_text("Your answers about Uncle Ray are saved.")).to_be_visible()


def test_a_stale_tablet_is_told_and_the_worries_are_kept(base, live_app, tablet):
    code = open_workshop(live_app)
    first = tablet()
    errors = []
    first.on("pageerror", lambda error: errors.append(str(error)))
    join(first, base, code, "Sam")
    add_with_every_screen(first, base)
    first.goto(f"{base}/me")
    resume_code = first.locator(".resume-code").inner_text().strip()
    stale = resume(tablet(), base, resume_code)

    # Tablet B opens Uncle Ray's worries and ticks one, but has not saved yet.
    stale.goto(f"{base}{WORRIES}")
    stale.get_by_role("checkbox", name="Gives gifts or money for no clear reason").tap()

    # Tablet A adds two serious worries: saved at once, and A is shown what to do now.
    first.goto(f"{base}{WORRIES}")
    first.get_by_role("checkbox", name="Asks my child to keep secrets").tap()
    first.get_by_role("checkbox", name="Often wants to be alone with my child").tap()
    with first.expect_navigation():
        first.get_by_role("button", name="Save", exact=True).tap()
    expect(first.get_by_role("heading", name="What you can do now")).to_be_visible()
    assert concerns(first, base) == ["secrets", "seeks_time_alone"]

    # Tablet B saves its stale screen: refused, told, shown the newest, its tick kept.
    with stale.expect_navigation():
        stale.get_by_role("button", name="Save", exact=True).tap()
    expect(stale.locator(".flash")).to_contain_text("changed on another screen")
    now = stale.locator(".person-now")
    expect(now).to_contain_text("Asks my child to keep secrets")
    expect(now).to_contain_text("Often wants to be alone with my child")
    gifts = stale.get_by_role("checkbox", name="Gives gifts or money for no clear reason")
    expect(gifts).to_be_checked()
    check_accessibility(stale, "tablet-person-worries-refused")
    assert concerns(first, base) == ["secrets", "seeks_time_alone"]

    # Saved again on the newest version, B's worry joins A's: nothing is lost.
    with stale.expect_navigation():
        stale.get_by_role("button", name="Save", exact=True).tap()
    assert concerns(first, base) == ["secrets", "seeks_time_alone", "gifts"]
    take_one_away(stale, base, keep=True)
    assert errors == []


def test_the_screens_work_without_javascript(base, live_app, tablet, browser):
    code = open_workshop(live_app)
    first = tablet()
    join(first, base, code, "Sam")
    first.goto(f"{base}/me")
    resume_code = first.locator(".resume-code").inner_text().strip()
    context = browser.new_context(**TABLET, java_script_enabled=False)
    try:
        page = resume(context.new_page(), base, resume_code)
        page.goto(f"{base}/me/ecomap/people/new")
        page.get_by_label("Their name or initials").fill("Uncle Ray")
        next_screen(page, "Step 2 of 4")
        page.get_by_role("radio", name="I'm not sure", exact=True).first.tap()
        next_screen(page, "Step 3 of 4")
        next_screen(page, "Step 4 of 4")
        page.get_by_role("checkbox", name="Gives gifts or money for no clear reason").tap()
        with page.expect_navigation():
            page.get_by_role("button", name="Save", exact=True).tap()
        expect(page.get_by_text("Your answers about Uncle Ray are saved.")).to_be_visible()
        assert concerns(page, base) == ["gifts"]
        take_one_away(page, base, keep=False)
    finally:
        context.close()


def resume(page, base, resume_code):
    """The same parent on another tablet, by resume code."""
    page.goto(f"{base}/resume")
    page.get_by_label("Your resume code").fill(resume_code)
    page.get_by_role("button", name="Carry on").tap()
    expect(page.get_by_role("heading", name="Hello, Sam")).to_be_visible()
    return page


def take_one_away(page, base, keep):
    """ "I no longer worry about this" asks first: No keeps the worry, Yes takes it away."""
    before = concerns(page, base)
    page.goto(f"{base}{WORRIES}")
    noted = page.get_by_role("group", name="Gives gifts or money for no clear reason")
    noted.get_by_role("checkbox", name="I no longer worry about this").tap()
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).tap()
    asked = page.get_by_role("heading", name=re.compile("You are taking away this worry"))
    expect(asked).to_be_visible()
    assert concerns(page, base) == before  # nothing is taken away before the Yes
    if keep:
        check_accessibility(page, "tablet-person-take-away")
        with page.expect_navigation():
            page.get_by_role("button", name="No, keep it").tap()
        assert concerns(page, base) == before
    else:
        with page.expect_navigation():
            page.get_by_role("button", name="Yes, take it away").tap()
        assert concerns(page, base) == [c for c in before if c != "gifts"]


def test_taking_a_person_off_undo_and_import_ask_before_worries_go(base, live_app, tablet):
    code = open_workshop(live_app)
    page = tablet()
    join(page, base, code, "Sam")
    page.goto(f"{base}/me/ecomap/people/new")
    page.get_by_label("Their name or initials").fill("Uncle Ray")
    page.get_by_role("checkbox", name="They help my child as part of their job").tap()
    next_screen(page, "Step 2 of 4")
    page.goto(f"{base}{WORRIES}")
    page.get_by_role("checkbox", name="Has been violent").tap()
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).tap()

    page.goto(f"{base}/me/ecomap/people/uncle-ray")
    with page.expect_navigation():
        page.get_by_role("button", name="Take Uncle Ray off the map").tap()
    expect(page.get_by_role("heading", name="Take Uncle Ray off the map?")).to_be_visible()
    check_accessibility(page, "tablet-person-delete-confirm")
    with page.expect_navigation():
        page.get_by_role("button", name="No, keep Uncle Ray").tap()
    assert concerns(page, base) == ["violence"]

    page.goto(f"{base}/me/ecomap")
    with page.expect_navigation():
        page.get_by_role("button", name="Undo last change").tap()
    expect(page.get_by_text("Undo would take away these worries")).to_be_visible()
    check_accessibility(page, "tablet-undo-confirm")
    with page.expect_navigation():
        page.get_by_role("button", name="No, keep my map").tap()
    assert concerns(page, base) == ["violence"]

    page.goto(f"{base}/me/ecomap/import")
    page.get_by_label("Map file (.json or .graphml)").set_input_files(str(FIXTURE))
    with page.expect_navigation():
        page.get_by_role("button", name="Load the map").tap()
    expect(page.get_by_text("Loading this file would take away these worries")).to_be_visible()
    expect(page.locator("li", has_text="Uncle Ray: Has been violent")).to_be_visible()
    check_accessibility(page, "tablet-import-confirm")
    with page.expect_navigation():
        page.get_by_role("button", name="No, keep my map").tap()
    assert concerns(page, base) == ["violence"]
