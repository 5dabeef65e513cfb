"""The audit log in a real browser: a staff read made seconds before is on /team/audit."""

import csv
import io
from pathlib import Path

from playwright.sync_api import expect

from cgim.auth.models import User
from cgim.extensions import db

from . import staff
from .conftest import check_accessibility


def prepare(app) -> tuple[int, str]:
    """A facilitator running a workshop and an admin of the same organisation."""
    workshop_id, code = staff.workshop_for(
        app,
        organisation="Riverside",
        email="ben@river.example",
        name="Ben Okafor",
        role="facilitator",
    )
    with app.app_context():
        ben = db.session.scalar(db.select(User).where(User.email == "ben@river.example"))
        ada = User(
            organisation=ben.organisation, email="ada@river.example", name="Ada Stone", role="admin"
        )
        ada.set_password(staff.PASSWORD)
        db.session.add(ada)
        db.session.commit()
    return workshop_id, code


def test_an_admin_sees_a_read_made_seconds_before_filters_it_and_downloads_it(
    base, live_app, laptop, tablet, browser
):
    workshop_id, code = prepare(live_app)
    robin = tablet()
    robin.goto(f"{base}/join/{code}")
    robin.get_by_label("Your first name or a nickname").fill("Robin")
    robin.get_by_role("button", name="Next").tap()
    robin.get_by_role("button", name="Yes, let's start").tap()
    expect(robin.get_by_role("heading", name="Hello, Robin")).to_be_visible()

    staff.sign_in(laptop, base, "ben@river.example")
    laptop.goto(f"{base}/workshops/{workshop_id}")
    laptop.get_by_role("link", name="Robin").click()
    expect(laptop.get_by_role("heading", name="Robin")).to_be_visible()
    trail = laptop.locator("#trail")
    expect(trail).to_contain_text("Ben Okafor")
    expect(trail).to_contain_text("Opened the family's record")
    expect(trail).to_contain_text("Saw the family on the workshop page")
    check_accessibility(laptop, "record-trail")

    admin_context = browser.new_context(viewport={"width": 1366, "height": 768})
    admin = admin_context.new_page()
    staff.sign_in(admin, base, "ada@river.example")
    admin.get_by_role("link", name="Audit log").click()
    expect(admin.get_by_role("heading", name="Audit log", exact=True)).to_be_visible()
    rows = admin.locator("#audit-table tbody tr")
    newest_read = rows.filter(has_text="Opened the family's record").first
    expect(newest_read).to_contain_text("Ben Okafor")
    expect(newest_read).to_contain_text("Robin")
    expect(newest_read).to_contain_text("Tuesday group")
    check_accessibility(admin, "audit-log")

    admin.get_by_label("Staff member").select_option(label="Ada Stone")
    admin.get_by_label("Family's name or nickname").fill("robin")
    admin.get_by_role("button", name="Show").click()
    expect(admin.get_by_text("No lines match. Try fewer filters.")).to_be_visible()
    admin.get_by_label("Staff member").select_option(label="Ben Okafor")
    admin.get_by_role("button", name="Show").click()
    expect(rows.first).to_contain_text("Robin")
    expect(rows.filter(has_text="Ada Stone")).to_have_count(0)
    check_accessibility(admin, "audit-log-filtered")

    with admin.expect_download() as download:
        admin.get_by_role("link", name="Download these lines (CSV)").click()
    lines = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text())))
    assert {line["staff"] for line in lines} == {"Ben Okafor"}
    assert {"view record", "view workshop page"} <= {line["action"] for line in lines}

    admin.get_by_label("From (day)").fill("2026-12-31")
    admin.get_by_label("To (day)").fill("2026-01-01")
    admin.get_by_role("button", name="Show").click()
    expect(admin.get_by_text("Please pick a day on or after the first.")).to_be_visible()
    check_accessibility(admin, "audit-log-bad-dates")
    admin_context.close()
