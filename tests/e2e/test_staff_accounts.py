"""Staff accounts in a real browser: an admin hands over a reset link and the colleague uses it;
an admin deactivates a colleague, whose open session ends and whose workshop passes on."""

from playwright.sync_api import expect

from cgim.auth.models import Organisation, User
from cgim.extensions import db

from . import staff
from .conftest import check_accessibility

ADMIN = "ana@riverside.example"
BEN = "ben@riverside.example"
NEW_PASSWORD = "kettle river blue sock"


def prepare(app) -> None:
    """Ana (admin) and Ben (facilitator, runs the Tuesday group) at Riverside."""
    staff.workshop_for(app, organisation="Riverside", email=BEN, name="Ben", role="facilitator")
    with app.app_context():
        riverside = db.session.query(Organisation).filter_by(name="Riverside").one()
        ana = User(organisation=riverside, email=ADMIN, name="Ana", role="admin")
        ana.set_password(staff.PASSWORD)
        db.session.add(ana)
        db.session.commit()


def open_bens_page(page, base) -> None:
    """The admin goes from the team page to Ben's account page."""
    page.goto(base + "/team")
    page.get_by_role("link", name="Ben", exact=True).click()
    expect(page.get_by_role("heading", name="Ben", exact=True)).to_be_visible()
    check_accessibility(page, "admin-colleague")


def test_an_admin_hands_over_a_reset_link_and_the_colleague_signs_in_with_it(
    base, live_app, laptop, browser
):
    prepare(live_app)
    staff.sign_in(laptop, base, ADMIN)
    open_bens_page(laptop, base)
    laptop.get_by_role("button", name="Make a reset link").click()
    expect(laptop.get_by_role("heading", name="Reset link for Ben")).to_be_visible()
    check_accessibility(laptop, "admin-reset-link")
    link = laptop.get_by_label("Reset link").input_value()
    assert link.startswith(base + "/reset/")

    context = browser.new_context(viewport={"width": 1366, "height": 768})
    try:
        bens = context.new_page()
        bens.goto(link)
        expect(bens.get_by_role("heading", name="Choose a new password")).to_be_visible()
        check_accessibility(bens, "reset-form")
        bens.get_by_label("New password (at least 10 characters)").fill("password12")
        bens.get_by_label("New password again").fill("password12")
        bens.get_by_role("button", name="Save my new password").click()
        expect(bens.get_by_text("one of the most used passwords")).to_be_visible()
        check_accessibility(bens, "reset-form-refused")
        bens.get_by_label("New password (at least 10 characters)").fill(NEW_PASSWORD)
        bens.get_by_label("New password again").fill(NEW_PASSWORD)
        bens.get_by_role("button", name="Save my new password").click()
        expect(
            bens.get_by_text("Your new password is saved. Please sign in with it.")
        ).to_be_visible()
        bens.get_by_label("Email").fill(BEN)
        bens.get_by_label("Password").fill(NEW_PASSWORD)
        bens.get_by_role("button", name="Sign in").click()
        expect(bens.get_by_role("heading", name="Workshops")).to_be_visible()
        bens.goto(link)
        expect(bens.get_by_role("heading", name="This link does not work")).to_be_visible()
        check_accessibility(bens, "reset-link-used")
    finally:
        context.close()


def test_an_admin_deactivates_a_colleague_whose_open_session_ends(base, live_app, laptop, browser):
    prepare(live_app)
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    try:
        bens = context.new_page()
        staff.sign_in(bens, base, BEN)
        expect(bens.get_by_text("Tuesday group")).to_be_visible()

        staff.sign_in(laptop, base, ADMIN)
        open_bens_page(laptop, base)
        expect(laptop.get_by_text("1 workshop", exact=True)).to_be_visible()
        laptop.get_by_label("Who takes over their workshops?").select_option(label="Ana")
        laptop.get_by_role("button", name="Deactivate Ben").click()
        expect(
            laptop.get_by_text("Ben's account is deactivated and signed out everywhere.")
        ).to_be_visible()
        expect(laptop.get_by_text("Passed to Ana: 1 workshop.")).to_be_visible()
        check_accessibility(laptop, "admin-colleague-deactivated")

        bens.reload()
        expect(bens.get_by_role("heading", name="Staff sign in")).to_be_visible()
        bens.get_by_label("Email").fill(BEN)
        bens.get_by_label("Password").fill(staff.PASSWORD)
        bens.get_by_role("button", name="Sign in").click()
        expect(bens.get_by_role("heading", name="Staff sign in")).to_be_visible()

        expect(laptop.get_by_text("Nothing at the moment")).to_be_visible()  # Ben runs nothing
        laptop.goto(base + "/team")
        expect(laptop.get_by_text("Deactivated", exact=True)).to_be_visible()
        check_accessibility(laptop, "team-with-leaver")
    finally:
        context.close()
