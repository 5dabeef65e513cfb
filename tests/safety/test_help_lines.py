"""Help lines show wherever the words promise them: screens flagged `show_help_lines` in
content, the safety plan, the next step; local lines first, then the national fallback."""

import html

import pytest

from cgim.content.parse import Problems, parse_step
from cgim.library import language_for

from .conftest import HARMED, LOCAL_LINE, NATIONAL_LINE, put_person

PROMISED = ("safe-who-to-call", "safe-if-child-tells")


def address_of(app, step_id: str) -> str:
    """The parent's address of a content screen in the workshop's format."""
    with app.app_context():
        language = language_for("en")
        for module in language.modules_for("making_connections"):
            for number, step in enumerate(module.steps, start=1):
                if step.id == step_id:
                    return f"/me/{module.id}/{number}"
    raise LookupError(step_id)


def test_the_screens_that_promise_help_lines_are_flagged_in_content(app):
    with app.app_context():
        steps = language_for("en").steps
    assert {s.id for s in steps.values() if s.show_help_lines} == set(PROMISED)


@pytest.mark.parametrize("step_id", PROMISED)
def test_promised_help_lines_show_on_the_parents_screen(app, setting, step_id):
    setting.add_line(**NATIONAL_LINE)
    setting.add_line(**LOCAL_LINE)
    sam = setting.parent()

    page = html.unescape(sam.get(address_of(app, step_id)).text)

    assert "Who to call" in page
    assert page.index(LOCAL_LINE["name"]) < page.index(NATIONAL_LINE["name"])
    assert "If a child is in danger right now, call your local emergency number." in page


def test_a_screen_without_the_flag_shows_no_help_lines(app, setting):
    setting.add_line(**LOCAL_LINE)
    page = setting.parent().get(address_of(app, "safe-signs")).text
    assert LOCAL_LINE["name"] not in page and "Who to call" not in page


def test_on_a_fresh_install_the_box_still_names_a_next_step(app, setting):
    page = html.unescape(setting.parent().get(address_of(app, "safe-who-to-call")).text)
    box = page.split("Who to call")[1].split("</div>")[0]
    assert "Ask your facilitator for the local help lines." in box
    assert "call your local children's services or the police" in box
    assert "If a child is in danger right now, call your local emergency number." in box


def test_only_a_national_line_still_shows_without_ask_your_facilitator(setting):
    setting.add_line(**NATIONAL_LINE)
    sam = setting.parent()
    put_person(sam, {**HARMED, "concerns": ["violence"]})
    page = html.unescape(sam.get("/me/plan/safety/uncle-joe").text)
    assert NATIONAL_LINE["name"] in page
    assert "Ask your facilitator for the local help lines." not in page
    assert "You can also call:" not in page  # nothing local to follow


def test_the_flag_must_be_true_or_false():
    problems = Problems()
    step = {"id": "x", "kind": "info", "title": "T", "text": "Words", "show_help_lines": "yes"}
    parse_step(step, "m.yaml", "steps[0]", problems)
    assert problems.lines == ["m.yaml: steps[0].show_help_lines: must be true or false"]
