"""Two organisations made by `cgim org create`, in a real browser: an admin keeps their own
settings, adds a colleague whose address another organisation uses and hears nothing of it,
and a programme lead sees the workshops as figures, never a family."""

from playwright.sync_api import expect

from cgim.cli import cli

from . import staff
from .conftest import check_accessibility

ANA = "ana@hilltop.example"
LEA = "lea@hilltop.example"
RIA = "ria@riverside.example"


def command(app, *args: str) -> str:
    """Run `cgim ...` against the served app; what it printed."""
    result = app.test_cli_runner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def prepare(app) -> None:
    """Hilltop (Ana, admin; Lea, programme lead) and Riverside (Ria, admin)."""
    for name in ("Hilltop", "Riverside"):
        assert command(app, "org", "create", name).strip().isdigit()
    for email, role, org in ((ANA, "admin", "Hilltop"), (LEA, "lead", "Hilltop")):
        command(
            app,
            "create-user",
            "--email",
            email,
            "--name",
            email[:3].title(),
            "--role",
            role,
            "--organisation",
            org,
            "--password",
            staff.PASSWORD,
        )
    command(
        app,
        "create-user",
        "--email",
        RIA,
        "--name",
        "Ria",
        "--role",
        "admin",
        "--organisation",
        "Riverside",
        "--password",
        staff.PASSWORD,
    )
    staff.workshop_for(
        app, organisation="Elsewhere", email="x@elsewhere.example", name="X", role="facilitator"
    )


def test_an_admin_keeps_their_organisations_settings(base, live_app, laptop):
    prepare(live_app)
    staff.sign_in(laptop, base, ANA)
    laptop.get_by_role("link", name="Team").click()
    laptop.get_by_role("link", name="Organisation settings").click()
    expect(laptop.get_by_role("heading", name="Settings for Hilltop")).to_be_visible()
    check_accessibility(laptop, "settings")

    laptop.get_by_label("Organisation name").fill("")
    laptop.get_by_role("button", name="Save the name").click()
    expect(laptop.get_by_text("Please enter the organisation's name.")).to_be_visible()
    check_accessibility(laptop, "settings-name-refused")
    laptop.get_by_label("Organisation name").fill("Hilltop Family Centre")
    laptop.get_by_role("button", name="Save the name").click()
    expect(laptop.get_by_text("Saved. Staff now see the new name.")).to_be_visible()
    expect(laptop.get_by_role("heading", name="Settings for Hilltop Family Centre")).to_be_visible()

    laptop.get_by_text("Staff see a discreet sign, with no name and no details").click()
    laptop.get_by_role("button", name="Save this choice").click()
    expect(laptop.get_by_text("The consent screen now tells parents")).to_be_visible()
    expect(laptop.get_by_text("your facilitator may see a small sign")).to_be_visible()

    # Ria's address at Riverside: adding it here says what any new address says.
    laptop.get_by_role("link", name="Team").click()
    laptop.get_by_label("Name", exact=True).fill("Ria Again")
    laptop.get_by_label("Email").fill(RIA)
    laptop.get_by_label("First password (at least 10 characters)").fill("a first pass phrase")
    laptop.get_by_role("button", name="Add account").click()
    expect(laptop.get_by_text("Account added for Ria Again.")).to_be_visible()
    expect(laptop.get_by_text("Riverside", exact=True)).to_have_count(0)
    check_accessibility(laptop, "team-added")


def test_a_programme_lead_sees_workshops_as_figures_only(base, live_app, laptop):
    prepare(live_app)
    command(
        live_app,
        "create-user",
        "--email",
        "fay@hilltop.example",
        "--name",
        "Fay",
        "--organisation",
        "Hilltop",
        "--password",
        staff.PASSWORD,
    )
    staff.sign_in(laptop, base, "fay@hilltop.example")
    laptop.get_by_role("link", name="New workshop").click()
    laptop.get_by_label("Title").fill("Thursday evening")
    laptop.get_by_role("button", name="Create workshop").click()
    expect(laptop.get_by_role("heading", name="Thursday evening")).to_be_visible()
    room = laptop.url
    laptop.get_by_role("button", name="Sign out").click()

    staff.sign_in(laptop, base, LEA)
    expect(laptop.get_by_role("cell", name="Thursday evening")).to_be_visible()
    expect(laptop.get_by_role("link", name="Thursday evening")).to_have_count(0)
    expect(laptop.get_by_role("link", name="New workshop")).to_have_count(0)
    check_accessibility(laptop, "lead-workshops")
    laptop.goto(room)
    expect(laptop.get_by_role("heading", name="Page not found")).to_be_visible()
