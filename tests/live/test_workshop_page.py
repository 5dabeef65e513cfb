"""The workshop page: close and reopen, every parent's progress, and the room's MI at a glance."""

import functools
import re

import pytest
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from cgim.auth import models as auth_models
from cgim.auth.models import User
from cgim.extensions import db
from cgim.workshop.models import Workshop
from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch):
    """Staff passwords hash in one round here; hashing itself is tested in tests/auth."""
    quick = functools.partial(generate_password_hash, method="pbkdf2:sha256:1")
    monkeypatch.setattr(auth_models, "generate_password_hash", quick)


def stored_workshops(app) -> list[tuple]:
    """Every workshop as (title, format, language, date, code, open?)."""
    with app.app_context():
        rows = db.session.scalars(select(Workshop).order_by(Workshop.id))
        return [(w.title, w.format_id, w.language, w.date, w.join_code, w.is_open) for w in rows]


def asking_steps(app, format_id: str = "making_connections") -> list:
    """The steps that ask something, in the order a parent meets them."""
    language = app.extensions["cgim_content"].language("en")
    return [s for m in language.modules_for(format_id) for s in m.asking_steps]


def staff_client(client, make_user, login, role="facilitator"):
    """A signed-in member of staff, and their user id."""
    user_id, org_id = make_user(role)
    return login(client, user_id), user_id, org_id


def answer(client, module, number, go="next", **data):
    """POST one screen; returns the redirect target."""
    response = client.post(f"/me/{module}/{number}", data={**data, "go": go})
    assert response.status_code == 302, response.text
    return response.location


# --- close and reopen ------------------------------------------------------------------


def test_close_stops_joining_and_reopen_allows_it(
    app, client, new_client, make_user, login, make_workshop, join
):
    _client, user_id, _org = staff_client(client, make_user, login)
    workshop_id, code = make_workshop(user_id)

    closed = client.post(f"/workshops/{workshop_id}/close")

    assert closed.location == f"/workshops/{workshop_id}"
    page = client.get(f"/workshops/{workshop_id}").text
    assert "The workshop is closed. Parents keep their answers and resume codes." in page
    assert f"/workshops/{workshop_id}/reopen" in page
    assert stored_workshops(app)[0][5] is False
    parent = new_client()
    typed = parent.post("/join", data={"code": code})
    assert typed.status_code == 404
    assert "We could not find an open workshop with that code." in typed.text
    scanned = parent.get(f"/join/{code}")
    assert scanned.status_code == 404
    assert "This workshop code is not open." in scanned.text

    assert client.post(f"/workshops/{workshop_id}/reopen").location == f"/workshops/{workshop_id}"

    assert "The workshop is open again." in client.get(f"/workshops/{workshop_id}").text
    join(parent, code, "Robin")
    assert parent.get("/me").status_code == 200


def test_closing_mid_join_stops_the_consent(client, new_client, make_user, login, make_workshop):
    _client, user_id, _org = staff_client(client, make_user, login)
    workshop_id, code = make_workshop(user_id)
    parent = new_client()
    parent.post(f"/join/{code}", data={"nickname": "Robin", "language": "en"})
    client.post(f"/workshops/{workshop_id}/close")

    assert parent.post(f"/join/{code}/consent").location == f"/join/{code}"
    assert parent.get("/me").location == "/join"


def test_parents_already_in_keep_going_after_close(
    app, client, new_client, make_user, login, make_workshop, join, answers_of, parent_id
):
    _client, user_id, _org = staff_client(client, make_user, login)
    workshop_id, code = make_workshop(user_id)
    parent = join(new_client(), code, "Robin")
    client.post(f"/workshops/{workshop_id}/close")

    prompt = next(s.id for s in asking_steps(app) if s.kind == "short_text")
    saved = parent.post("/me/answers", json={"prompt": prompt, "value": "Football"})

    assert saved.status_code == 200
    assert answers_of(parent_id(parent)) == {prompt: "Football"}


# --- progress --------------------------------------------------------------------------


def parents_table(page: str) -> dict[str, str]:
    """The facilitator's parents table as nickname -> the rest of the row."""
    section = page[page.index('id="parents-heading"') :]
    section = section[: section.index("</section>")]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", section, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        if cells:
            rows[re.sub(r"<[^>]+>", "", cells[0]).strip()] = " ".join(cells[1:])
    return rows


def test_progress_table_shows_nicknames_and_answered_counts(
    app, client, new_client, make_user, login, make_workshop, join
):
    _client, user_id, _org = staff_client(client, make_user, login)
    workshop_id, code = make_workshop(user_id)
    first, second = (
        app.extensions["cgim_content"].language("en").modules_for("making_connections")[:2]
    )
    texts = [s for s in first.asking_steps if s.kind in ("short_text", "long_text")]
    assert "No one has joined yet." in client.get(f"/workshops/{workshop_id}").text
    robin = join(new_client(), code, "Robin")
    kim = join(new_client(), code, "Kim")
    robin.post("/me/answers", json={"prompt": texts[0].id, "value": "Drawing"})
    robin.post(f"/me/{second.id}/1", data={"go": "next"})  # Robin has moved on to module 2

    page = client.get(f"/workshops/{workshop_id}").text

    assert "Parents (2)" in page
    rows = parents_table(page)
    assert set(rows) == {"Robin", "Kim"}
    assert re.search(r"\b1 of \d+", rows["Robin"])
    assert f"Module 2 of 6: {second.title}" in rows["Robin"]
    assert re.search(r"\b0 of \d+", rows["Kim"])
    assert f"Module 1 of 6: {first.title}" in rows["Kim"]
    assert "Drawing" not in page  # the facilitator sees progress, never answers
    assert kim.get("/me").status_code == 200


# --- the room at a glance (MI test content) ---------------------------------------------


def test_room_ratings_and_stages_hidden_under_three_parents(mi_app, mi_workshop, join):
    with mi_app.app_context():
        email = db.session.scalar(db.select(User.email))
    page_url = f"/workshops/{mi_workshop[0]}"
    facilitator = mi_app.test_client()
    facilitator.post("/login", data={"email": email, "password": PASSWORD})
    for i, (stage, rating) in enumerate([("not_thinking", "2"), ("planning_soon", "9")]):
        parent = join(mi_app.test_client(), mi_workshop[1], f"Parent{i}")
        answer(parent, "start", 1, answer=stage)
        answer(parent, "start", 2, answer=rating)
    page = facilitator.get(page_url).text
    room = page[page.index("The room (no names)") :]
    assert room.count("Shown once at least 3 parents have answered.") == 3
    parent = join(mi_app.test_client(), mi_workshop[1], "Parent3")
    answer(parent, "start", 1, answer="thinking_about_it")
    answer(parent, "start", 2, answer="9")
    room = facilitator.get(page_url).text.split("The room (no names)")[1]
    # Importance and stages now show; confidence has no ruler in this content, so it stays hidden.
    assert room.count("Shown once at least 3 parents have answered.") == 1
    assert "Parent0" not in room and "Parent3" not in room
    rows = dict(re.findall(r'<th scope="row">([A-Z][^<]+)</th><td>(\d+)</td>', room))
    assert rows["Not thinking about it yet"] == "1" and rows["Thinking about it"] == "1"
    assert rows["Getting ready"] == "1"
    assert "What brings you here?" in facilitator.get(page_url + "?module=start").text
