"""Issue 6 in a real browser: one facilitator, a projector, three tablets, and a wifi drop."""

import re

from playwright.sync_api import expect

from cgim.extensions import db
from cgim.parent.models import Answer

from . import staff
from .conftest import PROJECTOR, check_accessibility

PASSWORD = staff.PASSWORD


def prepare(app) -> tuple[int, str]:
    """A facilitator and a workshop; returns (workshop id, join code)."""
    return staff.workshop_for(
        app, organisation="Centre", email="dana@centre.example", name="Dana", role="facilitator"
    )


def sign_in(page, base):
    """The facilitator signs in by the visible labels."""
    staff.sign_in(page, base, "dana@centre.example")


def join(page, base, code, name):
    """A parent joins from the QR link."""
    page.goto(f"{base}/join/{code}")
    page.get_by_label("Your first name or a nickname").fill(name)
    page.get_by_role("button", name="Next").tap()
    page.get_by_role("button", name="Yes, let's start").tap()
    expect(page.get_by_role("heading", name=f"Hello, {name}")).to_be_visible()


def press(page, name):
    """A dashboard control button, waiting for the page it reloads."""
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def test_follow_me_results_shared_words_help_and_the_end(base, live_app, laptop, tablet, browser):
    workshop_id, code = prepare(live_app)
    sign_in(laptop, base)
    laptop.goto(f"{base}/workshops/{workshop_id}")
    laptop.get_by_role("link", name="Run the room (live)").click()
    expect(laptop.get_by_role("heading", name="Tuesday group")).to_be_visible()
    check_accessibility(laptop, "laptop-live")

    projector_context = browser.new_context(**PROJECTOR)
    projector_context.add_cookies(laptop.context.cookies())
    screen = projector_context.new_page()
    screen.goto(f"{base}/workshops/{workshop_id}/projector")
    expect(screen.locator(".slide-code")).to_have_text(code)
    check_accessibility(screen, "projector-join")

    kim, lee, max_ = tablet(), tablet(), tablet()
    for page, name in ((kim, "Kim"), (lee, "Lee"), (max_, "Max")):
        join(page, base, code, name)
    expect(screen.get_by_text("3 joined")).to_be_visible()

    # Follow me: tablets go where the facilitator goes, and cannot run ahead.
    press(laptop, "Start with the first screen")
    press(laptop, "Follow me: tablets go to my screen")
    for page in (kim, lee, max_):
        expect(page).to_have_url(re.compile(r"/me/welcome/1$"))
    for _ in range(5):
        press(laptop, "Next screen")
    for page in (kim, lee, max_):
        expect(page).to_have_url(re.compile(r"/me/welcome/6$"))
    kim.goto(f"{base}/me/welcome/9")
    expect(kim).to_have_url(re.compile(r"/me/welcome/6$"))
    expect(kim.get_by_text("The group moves on together.")).to_be_visible()
    check_accessibility(kim, "tablet-follow-me")

    # Results: hidden with two answers, shown at three; no names.
    press(laptop, "Show results on the projector")
    for page in (kim, lee):
        page.locator('label[for="answer-7"]').tap()
        expect(page.get_by_role("status").filter(has_text="Saved")).to_be_visible()
    expect(screen.get_by_text("Results show once at least 3 people have answered.")).to_be_visible()
    max_.locator('label[for="answer-4"]').tap()
    expect(screen.get_by_text("3 answers")).to_be_visible()
    expect(screen.locator("main")).not_to_contain_text("Kim")
    check_accessibility(screen, "projector-results")

    # Shared words wait for approval before the projector shows them.
    press(laptop, "Let parents go at their own pace")
    lee.goto(f"{base}/me/welcome/3")
    lee.get_by_label(re.compile("What is one thing your child really enjoys")).fill(
        "Building huge LEGO towers"
    )
    lee.get_by_role("checkbox", name=re.compile("Share with the group")).check()
    with lee.expect_navigation():
        lee.get_by_role("button", name="Next").tap()
    expect(laptop.get_by_text("“Building huge LEGO towers”")).to_be_visible()
    for _ in range(3):
        press(laptop, "Previous screen")
    expect(screen.get_by_text("Building huge LEGO towers")).to_have_count(0)
    laptop.get_by_role("button", name="Show on the projector").click()
    expect(screen.get_by_text("“Building huge LEGO towers”")).to_be_visible()

    # "I'd like help" shows on the dashboard within a few seconds.
    max_.get_by_role("button", name="I'd like help").tap()
    expect(laptop.locator("#live-parents tr.wants-help")).to_contain_text("Max")
    check_accessibility(laptop, "laptop-live-help")

    # The end: tablets turn to the take-home plan.
    press(laptop, "End the workshop: show parents their plan")
    for page, name in ((kim, "Kim"), (lee, "Lee"), (max_, "Max")):
        expect(page.get_by_role("heading", name=f"{name}'s plan")).to_be_visible()
    expect(screen.get_by_text("Thank you for coming")).to_be_visible()
    projector_context.close()


def test_answers_given_offline_are_saved_when_the_wifi_returns(base, live_app, tablet):
    _workshop_id, code = prepare(live_app)
    page = tablet()
    join(page, base, code, "Sam")
    page.goto(f"{base}/me/welcome/3")
    page.context.set_offline(True)
    page.get_by_label(re.compile("What is one thing your child really enjoys")).fill(
        "Swimming in the sea"
    )
    expect(
        page.get_by_role("status").filter(has_text="Will save when you are back online")
    ).to_be_visible()
    page.get_by_role("button", name="Next").tap()  # offline: stays here, keeps the words
    expect(page).to_have_url(re.compile(r"/me/welcome/3$"))
    with live_app.app_context():
        assert (
            db.session.scalar(db.select(Answer.value).where(Answer.prompt_id == "welcome-enjoys"))
            is None
        )
    page.context.set_offline(False)
    expect(page.get_by_role("status").filter(has_text="Saved")).to_be_visible(timeout=20_000)
    with live_app.app_context():
        assert (
            db.session.scalar(db.select(Answer.value).where(Answer.prompt_id == "welcome-enjoys"))
            == "Swimming in the sea"
        )


def test_the_dashboard_shows_the_screen_a_parent_opens(base, live_app, laptop, tablet):
    workshop_id, code = prepare(live_app)
    sign_in(laptop, base)
    laptop.goto(f"{base}/workshops/{workshop_id}/live")
    page = tablet()
    join(page, base, code, "Ana")
    page.goto(f"{base}/me/welcome/4")
    expect(laptop.locator("#live-parents")).to_contain_text("screen 4")
