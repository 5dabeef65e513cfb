"""A serious worry in a real browser: the admin's help line and choice of the unnamed sign reach
the parent (next step, consent screen), and "I'd like to talk to someone" reaches the
facilitator's dashboard, privately."""

import re

from playwright.sync_api import expect

from cgim.library import language_for

from . import staff
from .conftest import check_accessibility

PASSWORD = staff.PASSWORD
LINE = ("Riverside Family Line", "0800 111 222", "Free, day and night")


def prepare(app) -> tuple[int, str]:
    """An admin who runs a workshop; returns (workshop id, join code)."""
    return staff.workshop_for(
        app, organisation="Riverside", email="ana@riverside.example", name="Ana", role="admin"
    )


def sign_in(page, base):
    """The admin signs in by the visible labels."""
    staff.sign_in(page, base, "ana@riverside.example")


def add_help_line(page, base):
    """The admin adds a local help line on /team/contacts/, then turns the sign on in Settings."""
    page.goto(base + "/team/contacts/")
    name, phone, description = LINE
    page.get_by_label("Name of the service").fill(name)
    page.get_by_label("Phone number").fill(phone)
    page.get_by_label("What it is for").fill(description)
    page.get_by_label("Local: shown first").check()
    page.get_by_role("button", name="Add contact").click()
    expect(page.get_by_text("Contact added.")).to_be_visible()
    check_accessibility(page, "admin-contacts")
    page.get_by_role("link", name="Change this in Settings").click()  # the one place for it
    page.get_by_label("Staff see a discreet sign, with no name and no details").check()
    page.get_by_role("button", name="Save this choice").click()
    expect(page.get_by_text("The consent screen now tells parents what staff see.")).to_be_visible()
    check_accessibility(page, "admin-settings")


def screen_of(app, step_id: str) -> str:
    """The parent's address of a content screen in the workshop's format."""
    with app.app_context():
        for module in language_for("en").modules_for("making_connections"):
            numbers = [n for n, s in enumerate(module.steps, start=1) if s.id == step_id]
            if numbers:
                return f"/me/{module.id}/{numbers[0]}"
    raise LookupError(step_id)


def record_harm(page) -> None:
    """The parent marks 'Has harmed a child' for Uncle Joe (the map editor's JSON save)."""
    saved = page.evaluate(
        """async () => {
          const csrf = document.querySelector('meta[name="csrf-token"]').content;
          const current = await (await fetch("/me/ecomap/document")).json();
          const document_ = current.document;
          document_.people.push({id: "uncle-joe", label: "Uncle Joe", sector: "family",
                                 contact: "daily", concerns: ["harm_to_children"]});
          const answer = await fetch("/me/ecomap/document", {
            method: "PUT",
            headers: {"Content-Type": "application/json", "X-CSRFToken": csrf},
            body: JSON.stringify({version: current.version, document: document_}),
          });
          return answer.status;
        }"""
    )
    assert saved == 200


def test_serious_worry_next_step_and_a_private_word(base, live_app, laptop, tablet):
    workshop_id, code = prepare(live_app)
    sign_in(laptop, base)
    laptop.goto(f"{base}/workshops/{workshop_id}")
    expect(laptop.get_by_text("No help line is set up yet.")).to_be_visible()
    check_accessibility(laptop, "workshop-no-help-line")
    add_help_line(laptop, base)
    laptop.goto(f"{base}/workshops/{workshop_id}")
    expect(laptop.get_by_text("No help line is set up yet.")).to_have_count(0)

    sam = tablet()
    sam.goto(f"{base}/join/{code}")
    sam.get_by_label("Your first name or a nickname").fill("Sam")
    sam.get_by_role("button", name="Next").tap()
    expect(sam.get_by_text("they may have to act to keep the child safe")).to_be_visible()
    expect(sam.get_by_text("The sign shows no name and no details.")).to_be_visible()
    check_accessibility(sam, "consent")
    sam.get_by_role("button", name="Yes, let's start").tap()
    expect(sam.get_by_role("heading", name="Hello, Sam")).to_be_visible()

    sam.goto(base + screen_of(live_app, "safe-who-to-call"))
    expect(sam.get_by_role("heading", name="If something feels wrong")).to_be_visible()
    expect(sam.get_by_role("link", name=LINE[1])).to_be_visible()
    check_accessibility(sam, "step-who-to-call")

    sam.goto(f"{base}/me/ecomap")
    record_harm(sam)
    sam.goto(f"{base}/me/safety/next-step/uncle-joe")
    expect(sam.get_by_role("heading", name="What you can do now")).to_be_visible()
    expect(sam.get_by_text("Keep your child away from time alone with Uncle Joe.")).to_be_visible()
    expect(sam.get_by_role("heading", name="If your child tells you something")).to_be_visible()
    expect(sam.get_by_role("link", name=LINE[1])).to_have_attribute("href", "tel:0800111222")
    expect(sam.get_by_text(LINE[0])).to_be_visible()
    check_accessibility(sam, "next-step")

    laptop.goto(f"{base}/workshops/{workshop_id}/live")
    wants = laptop.get_by_text("Sam would like a private word")
    expect(wants).to_have_count(0)
    sam.get_by_role("button", name="I'd like to talk to someone").tap()
    expect(sam.get_by_text("Your facilitator knows you would like a private word.")).to_be_visible()
    expect(sam).to_have_url(re.compile(r"/me/safety/next-step/uncle-joe$"))
    check_accessibility(sam, "next-step-asked")

    expect(wants).to_be_visible()  # the dashboard's live region polls every 2 s
    check_accessibility(laptop, "dashboard-private-word")
    with laptop.expect_navigation():
        laptop.get_by_role("button", name="Done: talked with Sam").click()
    expect(wants).to_have_count(0)
