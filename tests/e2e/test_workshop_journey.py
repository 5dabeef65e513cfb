"""The issue-2 journey in a browser: set-up, workshop, two parents on tablets, resume, delete."""

import re

from playwright.sync_api import expect

from cgim.content.library import load_library
from cgim.paths import CONTENT

from .conftest import check_accessibility

PASSWORD = "a long enough password"
ANSWERS = {
    "short_text": "She loves drawing",
    "long_text": "My neighbour Ana,\nand Coach Lee <b>not bold</b>",
}


def first_step_of_each_kind():
    """(module id, step number, step) for the first step of every kind in Making Connections."""
    english = load_library(CONTENT).language("en")
    found = {}
    for module in english.modules_for("making_connections"):
        for number, step in enumerate(module.steps, start=1):
            found.setdefault(step.kind, (module.id, number, step))
    return found


def set_up_and_create_workshop(page, base) -> str:
    """First run on the facilitator's laptop, then a new workshop; returns the join code."""
    page.goto(base + "/")
    expect(page).to_have_url(re.compile(r"/setup$"))
    check_accessibility(page, "laptop-setup")
    page.get_by_label("Organisation name").fill("Riverside Family Centre")
    page.get_by_label("Your name").fill("Dana")
    page.get_by_label("Email").fill("dana@riverside.example")
    page.get_by_label("Password (at least 10 characters)").fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Create the account").click()
    expect(page.get_by_role("heading", name="Workshops")).to_be_visible()
    check_accessibility(page, "laptop-workshops")
    page.get_by_role("link", name="New workshop").click()
    expect(page.get_by_role("heading", name="New workshop")).to_be_visible()
    check_accessibility(page, "laptop-new-workshop")
    page.get_by_label("Title").fill("Tuesday parents")
    page.get_by_label("Format").select_option(label="Making Connections (2 h 00 min)")
    page.get_by_role("button", name="Create workshop").click()
    expect(page.get_by_role("heading", name="Tuesday parents")).to_be_visible()
    check_accessibility(page, "laptop-workshop")
    return page.locator(".join-code").inner_text().strip()


def join_on_tablet(page, base, code: str, nickname: str, typed: bool) -> None:
    """A parent joins by typing the code, or straight from the QR link."""
    if typed:
        page.goto(base + "/")
        check_accessibility(page, "tablet-home")
        page.get_by_role("link", name="Join a workshop").tap()
        expect(page.get_by_role("heading", name="Join a workshop")).to_be_visible()
        check_accessibility(page, "tablet-join")
        page.get_by_label("Workshop code").fill(code.lower())
        page.get_by_role("button", name="Join").tap()
    else:
        page.goto(f"{base}/join/{code}")
    expect(page.get_by_role("heading", name="Welcome! What should we call you?")).to_be_visible()
    check_accessibility(page, "tablet-name")
    page.get_by_label("Your first name or a nickname").fill(nickname)
    page.get_by_role("button", name="Next").tap()
    expect(page.get_by_role("heading", name=f"Before we start, {nickname}")).to_be_visible()
    check_accessibility(page, "tablet-consent")
    page.get_by_role("button", name="Yes, let's start").tap()
    expect(page.get_by_role("heading", name=f"Hello, {nickname}")).to_be_visible()
    check_accessibility(page, "tablet-me")


def answer(page, step) -> None:
    """Answer one step by its visible labels, as a parent would by touch."""
    if step.kind in ANSWERS:
        page.get_by_label(step.question).fill(ANSWERS[step.kind])
    elif step.kind in ("scale", "ruler"):
        page.locator('label[for="answer-7"]').tap()
    elif step.kind == "balance":
        for _key, label in step.boxes:
            page.get_by_label(label, exact=True).fill(f"{label}: my words")
    elif step.kind == "follow_up":
        page.get_by_label(step.follow_ups["why_not_lower"].replace("{n}", "7")).fill(
            "Because I care"
        )
    elif step.kind in ("single_choice", "scenario"):
        page.get_by_role("radio", name=step.options[1].label).check()
    elif step.kind == "tool":
        return
    else:
        for option in step.options[:2]:
            page.get_by_role("checkbox", name=option.label).check()


def expect_answer_kept(page, step) -> None:
    """The step shows the answer given earlier."""
    if step.kind in ANSWERS:
        expect(page.get_by_label(step.question)).to_have_value(ANSWERS[step.kind])
    elif step.kind in ("scale", "ruler"):
        expect(page.get_by_role("radio", name="7", exact=True)).to_be_checked()
    elif step.kind == "balance":
        for _key, label in step.boxes:
            expect(page.get_by_label(label, exact=True)).to_have_value(f"{label}: my words")
    elif step.kind == "follow_up":
        expect(
            page.get_by_label(step.follow_ups["why_not_lower"].replace("{n}", "7"))
        ).to_have_value("Because I care")
    elif step.kind in ("single_choice", "scenario"):
        expect(page.get_by_role("radio", name=step.options[1].label)).to_be_checked()
        if step.kind == "scenario":
            expect(page.get_by_text(step.options[1].feedback)).to_be_visible()
    else:
        for option in step.options[:2]:
            expect(page.get_by_role("checkbox", name=option.label)).to_be_checked()


def answer_every_kind(page, base, steps) -> None:
    """Visit one step of each kind, answer it and move on with Next."""
    for kind, (module_id, number, step) in steps.items():
        page.goto(f"{base}/me/{module_id}/{number}")
        expect(page.get_by_role("heading", name=step.title)).to_be_visible()
        expect(page.locator("progress").first).to_be_visible()
        check_accessibility(page, f"tablet-step-{kind}")
        if step.asks:
            answer(page, step)
        with page.expect_navigation():
            page.get_by_role("button", name="Next").tap()


def test_two_parents_join_answer_resume_and_delete(base, laptop, tablet):
    code = set_up_and_create_workshop(laptop, base)
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{6}", code)

    kim, lee = tablet(), tablet()
    join_on_tablet(kim, base, code, "Kim", typed=True)
    join_on_tablet(lee, base, code, "Lee", typed=False)
    steps = first_step_of_each_kind()
    assert set(steps) == {
        "info",
        "short_text",
        "long_text",
        "single_choice",
        "multiple_choice",
        "checklist",
        "scale",
        "ruler",
        "follow_up",
        "balance",
        "scenario",
        "tool",
    }
    answer_every_kind(kim, base, steps)

    # Autosave: type, see "Saved", reload without pressing Next: the words are still there.
    module_id, number, long_step = steps["long_text"]
    lee.goto(f"{base}/me/{module_id}/{number}")
    lee.get_by_label(long_step.question).fill(ANSWERS["long_text"])
    expect(lee.get_by_role("status").filter(has_text="Saved")).to_be_visible()
    lee.reload()
    expect(lee.get_by_label(long_step.question)).to_have_value(ANSWERS["long_text"])

    # Every kind kept after a reload.
    for module_id, number, step in steps.values():
        if step.asks:
            kim.goto(f"{base}/me/{module_id}/{number}")
            expect_answer_kept(kim, step)

    # Resume on another tablet with the resume code.
    kim.goto(base + "/me")
    resume_code = kim.locator(".resume-code").inner_text().strip()
    other = tablet()
    other.goto(base + "/resume")
    check_accessibility(other, "tablet-resume")
    other.get_by_label("Your resume code").fill(resume_code.lower().replace("-", " "))
    other.get_by_role("button", name="Carry on").tap()
    expect(other.get_by_role("heading", name="Hello, Kim")).to_be_visible()
    for module_id, number, step in steps.values():
        if step.asks:
            other.goto(f"{base}/me/{module_id}/{number}")
            expect_answer_kept(other, step)

    # The facilitator sees both parents and how far each has come.
    laptop.reload()
    rows = laptop.locator("#parents-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="Kim")).to_contain_text(re.compile(r"\b([6-9]|1[0-9]) of"))
    expect(rows.filter(has_text="Lee")).to_contain_text("1 of")
    check_accessibility(laptop, "laptop-progress")

    # Lee deletes everything from the tablet; the facilitator no longer sees Lee.
    lee.goto(base + "/me")
    lee.get_by_role("link", name="Delete all my answers").tap()
    expect(lee.get_by_role("heading", name="Delete everything?")).to_be_visible()
    check_accessibility(lee, "tablet-delete")
    lee.get_by_role("button", name="Yes, delete everything").tap()
    expect(lee.get_by_role("heading", name="Everything is deleted")).to_be_visible()
    lee.goto(base + "/me")
    expect(lee).to_have_url(re.compile(r"/join$"))
    laptop.reload()
    expect(laptop.locator("#parents-table tbody tr")).to_have_count(1)
    expect(laptop.locator("#parents-table tbody tr")).to_contain_text("Kim")
