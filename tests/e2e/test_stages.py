"""Issue 3 in a real browser: two parents at different stages see different prompts."""

import re
from datetime import date

from playwright.sync_api import expect

from cgim.auth.models import Organisation, User
from cgim.content.library import load_library
from cgim.extensions import db
from cgim.paths import CONTENT
from cgim.workshop import services

from .conftest import check_accessibility

ENGLISH = load_library(CONTENT).language("en")


def open_workshop(app) -> str:
    """A facilitator and a workshop made directly; returns the join code."""
    with app.app_context():
        user = User(
            organisation=Organisation(name="Centre"),
            email="f@centre.example",
            name="F",
            role="admin",
        )
        user.set_password("a long enough password")
        workshop = services.create(user, "Evening group", "making_connections", "en", date.today())
        db.session.commit()
        return workshop.join_code


def join(page, base, code, name):
    """Join from the QR link and agree."""
    page.goto(f"{base}/join/{code}")
    page.get_by_label("Your first name or a nickname").fill(name)
    page.get_by_role("button", name="Next").tap()
    page.get_by_role("button", name="Yes, let's start").tap()
    expect(page.get_by_role("heading", name=f"Hello, {name}")).to_be_visible()


def tap_next(page):
    """Next, waiting for the page it leads to."""
    with page.expect_navigation():
        page.get_by_role("button", name="Next").tap()


def welcome_as(page, staging_label: str, rating: str):
    """Walk the welcome module by touch: say where you are, rate both rulers."""
    with page.expect_navigation():
        page.get_by_role("link", name="Continue").tap()
    while "/me/welcome/" in page.url:
        step = current_step(page)
        if step.staging:
            page.get_by_role("radio", name=staging_label).check()
        elif step.kind == "ruler":
            page.locator(f'label[for="answer-{rating}"]').tap()
        elif step.kind == "follow_up":
            expect(page.get_by_text(f"You chose {rating}.")).to_be_visible()
            check_accessibility(page, "tablet-ruler-follow-up")
        tap_next(page)


def current_step(page):
    """The content step the page shows, from its URL."""
    module_id, number = re.search(r"/me/(\w+)/(\d+)", page.url).groups()
    return ENGLISH.modules[module_id].steps[int(number) - 1]


def titles_seen(page, base, module_id: str) -> list[str]:
    """Walk a module with Next only; the screen titles shown on the way."""
    page.goto(f"{base}/me/{module_id}/1")
    seen = []
    while f"/me/{module_id}/" in page.url:
        seen.append(current_step(page).id)
        tap_next(page)
    return seen


def test_stages_change_what_parents_see(base, live_app, tablet):
    code = open_workshop(live_app)
    early, ready = tablet(), tablet()
    join(early, base, code, "Ana")
    join(ready, base, code, "Ben")
    welcome_as(early, "I haven't really thought about it", "8")
    welcome_as(ready, "I plan to ask someone soon", "8")

    early_path = titles_seen(early, base, "why_caring_adults")
    ready_path = titles_seen(ready, base, "why_caring_adults")
    assert "why-facts-who" in early_path and "why-facts-who" not in ready_path
    assert "why-balance" in ready_path and "why-balance" not in early_path
    assert "why-child-future" in early_path and "why-ready" in ready_path

    number = [s.id for s in ENGLISH.modules["why_caring_adults"].steps].index("why-balance") + 1
    ready.goto(f"{base}/me/why_caring_adults/{number}")
    check_accessibility(ready, "tablet-balance")
    boxes = dict(ENGLISH.steps["why-balance"].boxes)
    ready.get_by_label(boxes["change_good"], exact=True).fill("More people on his side")
    ready.get_by_label(boxes["staying_same_good"], exact=True).fill("No awkward asking")
    tap_next(ready)
    ready.goto(f"{base}/me/own-words")
    expect(ready.get_by_role("heading", name="In your own words")).to_be_visible()
    expect(ready.get_by_text("“More people on his side”")).to_be_visible()
    check_accessibility(ready, "tablet-own-words")

    number = [s.id for s in ENGLISH.modules["why_caring_adults"].steps].index("why-facts-who") + 1
    early.goto(f"{base}/me/why_caring_adults/{number}")
    permission = ENGLISH.steps["why-facts-who"].permission
    expect(early.get_by_text(permission)).to_be_visible()
    first_paragraph = ENGLISH.steps["why-facts-who"].paragraphs[0]
    expect(early.get_by_text(first_paragraph)).to_be_hidden()
    early.get_by_text("Yes, show me").tap()
    expect(early.get_by_text(first_paragraph)).to_be_visible()
    check_accessibility(early, "tablet-information")
