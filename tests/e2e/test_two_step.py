"""Two-step sign-in and the idle warning in a real browser: set up from the page (the test reads
the key from the page text and computes the code), sign out, sign in with a code; a page that
warns before an idle session ends, keeps it on request, and puts typed words back."""

import time
from datetime import timedelta

import pyotp
from playwright.sync_api import expect

from cgim import timeutil
from cgim.auth.models import Organisation, User
from cgim.extensions import db

from . import staff
from .conftest import check_accessibility

EMAIL = "tess@centre.example"


def prepare(app, idle_minutes: int = 30) -> None:
    """A facilitator with one workshop, in an organisation with these idle minutes."""
    staff.workshop_for(app, organisation="Centre", email=EMAIL, name="Tess", role="facilitator")
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == EMAIL))
        db.session.get(Organisation, user.organisation_id).idle_minutes = idle_minutes
        db.session.commit()


def type_password(page, base: str, path: str = "/login") -> None:
    """Fill in the sign-in form by its visible labels and send it."""
    if path:
        page.goto(base + path)
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(staff.PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_set_up_two_step_then_sign_in_with_a_code(base, live_app, laptop):
    prepare(live_app)
    page = laptop
    staff.sign_in(page, base, EMAIL)

    page.goto(base + "/account/two-step")
    expect(page.get_by_role("heading", name="Turn on two-step sign-in")).to_be_visible()
    expect(page.get_by_role("img", name="QR code to add your account")).to_be_visible()
    check_accessibility(page, "two-step-setup")
    secret = page.locator("#two-step-secret").inner_text().replace(" ", "")
    page.get_by_label("The 6-digit code your app shows").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Turn on two-step sign-in").click()

    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    check_accessibility(page, "two-step-codes")
    page.get_by_role("link", name="I have saved my codes. Carry on").click()
    expect(page.get_by_role("heading", name="Workshops")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    type_password(page, base)
    expect(page.get_by_role("heading", name="One more step")).to_be_visible()
    check_accessibility(page, "two-step-code")
    # The code set-up used is not accepted twice: type the app's next one.
    page.get_by_label("Code from your app, or a recovery code").fill(
        pyotp.TOTP(secret).at(time.time() + 30)
    )
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Workshops")).to_be_visible()

    page.goto(base + "/account/two-step")
    expect(page.get_by_role("heading", name="Two-step sign-in is on")).to_be_visible()
    check_accessibility(page, "two-step-on")


def test_idle_warning_stays_signed_in_and_keeps_typed_words(base, live_app, laptop, monkeypatch):
    prepare(live_app, idle_minutes=5)
    page = laptop
    offset = {"value": timedelta()}
    real = timeutil.utcnow
    monkeypatch.setattr(timeutil, "utcnow", lambda: real() + offset["value"])
    page.clock.install()
    staff.sign_in(page, base, EMAIL)
    page.goto(base + "/workshops/new")
    page.get_by_label("Title").fill("Thursday parents")
    warning = page.locator("#idle-warning")
    expect(warning).to_be_hidden()

    offset["value"] = timedelta(minutes=3, seconds=5)  # the server's clock, then the page's
    page.clock.fast_forward("03:05")
    expect(warning).to_contain_text("You'll be signed out in 2 minutes")
    check_accessibility(page, "idle-warning")
    page.get_by_role("button", name="Stay signed in").click()
    expect(warning).to_be_hidden()

    offset["value"] += timedelta(minutes=6)
    page.clock.fast_forward("06:00")
    expect(warning).to_contain_text("You have been signed out.")
    page.get_by_role("link", name="Sign in again").click()
    expect(
        page.get_by_text("You were signed out after 5 minutes without activity.")
    ).to_be_visible()
    type_password(page, base, path="")

    expect(page.get_by_label("Title")).to_have_value("Thursday parents")
    expect(page.get_by_text("We put back what you had typed")).to_be_visible()
    check_accessibility(page, "idle-restored")
