"""A screen whose words say "this is just for you" never offers "Share with the group".

The content flag `private: true` says so; the loader refuses a text screen whose words
promise privacy without it, and the step page and its POST both honour it.
"""

import pytest
from sqlalchemy import select

from cgim.content.library import load_library
from cgim.content.model import TEXT_KINDS
from cgim.extensions import db
from cgim.parent.models import SharedText
from cgim.paths import CONTENT

from .test_loader import FORMATS, problems_for, write_content

ENGLISH = load_library(CONTENT).language("en")
PRIVATE_STEP = ENGLISH.steps["safe-safety-worry"]
TEXT_STEP = """\
id: sample
title: A sample
summary: For tests.
oars:
  open: [What brings you here?]
  affirm: [You came tonight.]
  reflect: [You want this and you worry too.]
  summarise: [So far we heard this.]
steps:
  - id: sample-think
    kind: long_text
    title: Think
    question: What worries you?
    hint: {hint}
{extra}"""


def test_words_that_promise_privacy_need_the_private_flag(tmp_path):
    module = TEXT_STEP.format(hint="This is just for you.", extra="")
    problems = problems_for(write_content(tmp_path, module=module, formats=FORMATS))
    assert any("steps[0].private: the words promise privacy" in p for p in problems)


def test_a_private_text_step_loads_and_other_kinds_may_not_carry_the_flag(tmp_path):
    private = TEXT_STEP.format(hint="This is just for you.", extra="    private: true\n")
    step = load_library(write_content(tmp_path, module=private)).language("en").steps
    assert step["sample-think"].private
    info = private.replace("kind: long_text", "kind: info").replace(
        "    question: What worries you?\n    hint: This is just for you.\n", "    text: Hello.\n"
    )
    problems = problems_for(write_content(tmp_path, module=info))
    assert any("steps[0].private: unknown field" in p for p in problems)
    wrong = TEXT_STEP.format(hint="Fine.", extra="    private: sometimes\n")
    assert any(
        "private: must be true or false" in p for p in problems_for(write_content(tmp_path, wrong))
    )


def test_the_shipped_screens_that_say_just_for_you_are_private():
    promised = [
        s.id
        for s in ENGLISH.steps.values()
        if s.kind in TEXT_KINDS and "just for you" in f"{s.text} {s.question} {s.hint}".lower()
    ]
    assert promised == ["safe-safety-worry"]
    assert all(ENGLISH.steps[i].private for i in promised)


@pytest.fixture
def kim(make_user, make_workshop, join, new_client):
    """A parent in a workshop of the format that has the safety module."""
    user_id, _org = make_user("admin")
    _workshop_id, code = make_workshop(user_id)
    return join(new_client(), code, "Kim")


def url_of(step_id: str) -> str:
    """The screen of a step in the making_connections format."""
    for module in ENGLISH.modules_for("making_connections"):
        ids = [s.id for s in module.steps]
        if step_id in ids:
            return f"/me/{module.id}/{ids.index(step_id) + 1}"
    raise LookupError(step_id)


def test_a_private_screen_offers_no_sharing_and_shares_nothing_if_asked(app, kim):
    private_page = kim.get(url_of("safe-safety-worry")).text
    assert PRIVATE_STEP.hint in private_page
    assert 'name="share"' not in private_page and "Share with the group" not in private_page
    assert 'name="share"' in kim.get(url_of("safe-already-do")).text  # others still offer it

    kim.post(url_of("safe-safety-worry"), data={"answer": "MY PRIVATE WORRY", "share": "yes"})
    kim.post(url_of("safe-already-do"), data={"answer": "We meet at the park", "share": "yes"})
    with app.app_context():
        shared = db.session.scalars(select(SharedText.text)).all()
    assert shared == ["We meet at the park"]
