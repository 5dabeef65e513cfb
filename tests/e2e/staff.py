"""Staff set-up shared by the room's browser tests: one account with a workshop, and sign-in."""

from datetime import date

from playwright.sync_api import expect

from cgim.auth.models import Organisation, User
from cgim.extensions import db
from cgim.workshop import services

PASSWORD = "a long enough password"


def workshop_for(app, *, organisation: str, email: str, name: str, role: str) -> tuple[int, str]:
    """A staff member of a new organisation who runs one workshop: (workshop id, join code)."""
    with app.app_context():
        user = User(organisation=Organisation(name=organisation), email=email, name=name, role=role)
        user.set_password(PASSWORD)
        workshop = services.create(user, "Tuesday group", "making_connections", "en", date.today())
        db.session.commit()
        return workshop.id, workshop.join_code


def sign_in(page, base: str, email: str) -> None:
    """A member of staff signs in by the visible labels."""
    page.goto(base + "/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Workshops")).to_be_visible()
