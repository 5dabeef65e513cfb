"""Every staff page keeps the consent screen's promise about what staff see.

The consent screen says staff see a parent's name and how far they have got, and their
answers or map only if the parent shares them. So a parent who shares nothing has their
words, map and follow-up (whom they asked, what was said, their note) on no staff page at
all; a parent who shares a follow-up, asks for help or offers words is seen doing so.
"""

import functools

import pytest
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from cgim.auth import models as auth_models
from cgim.auth.models import Organisation
from cgim.extensions import db
from cgim.parent.models import SharedText
from tests.staff_world import requests_of

# The consent screen's words this test holds staff pages to: if they change, so must this.
PROMISES = (
    "Your facilitator sees your name and how far you have got.",
    "They see your answers or your map only if you choose to share them.",
)
# What Robin keeps private: none of it may reach a staff member.
PRIVATE = (
    "Robin keeps this answer",
    "Auntie Zephyrine",
    "Robin's private note",
    "Uncle Quentin",
    "said yes",
)
MAP = {
    "format": "cgim-ecomap",
    "version": 1,
    "child": {"id": "child", "label": "Maya"},
    "caregiver": {"id": "me", "label": "Me"},
    "people": [{"id": "quentin", "label": "Uncle Quentin", "sector": "family"}],
    "ties": [],
}


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch):
    """Staff passwords hash in one round here; hashing itself is tested in tests/auth."""
    quick = functools.partial(generate_password_hash, method="pbkdf2:sha256:1")
    monkeypatch.setattr(auth_models, "generate_password_hash", quick)


def consent_page(client, code: str, nickname: str) -> str:
    """Join up to the consent screen, read it, then say yes."""
    assert client.post("/join", data={"code": code}).status_code == 302
    named = client.post(f"/join/{code}", data={"nickname": nickname, "language": "en"})
    assert named.status_code == 302
    page = client.get(f"/join/{code}/consent").text
    assert client.post(f"/join/{code}/consent").location == "/me"
    return page


def follow_up(parent, person: str, response: str, note: str, share: bool) -> None:
    """The parent says how the ask went, sharing it with staff or not."""
    data = {"person": person, "asked": "asked", "response": response, "note": note}
    if share:
        data["share_note"] = "y"
    assert parent.post("/me/plan/follow-up", data=data).status_code == 302


def keep_a_map(parent) -> None:
    """The parent draws someone on their map and does not share it."""
    version = parent.get("/me/ecomap/document").json["version"]
    saved = parent.put("/me/ecomap/document", json={"version": version, "document": MAP})
    assert saved.status_code == 200, saved.text


@pytest.fixture
def room(app, make_user, make_workshop, new_client, login, parent_id, answers_of):
    """A workshop where Robin shares nothing and Kai shares a follow-up, words and a request."""
    admin_id, org_id = make_user("admin")
    with app.app_context():
        organisation = db.session.get(Organisation, org_id)
    facilitator_id, _org = make_user("facilitator", organisation=organisation)
    workshop_id, code = make_workshop(facilitator_id)
    robin, kai = new_client(), new_client()
    consent = consent_page(robin, code, "Robin")
    consent_page(kai, code, "Kai")

    robin.post("/me/welcome/3", data={"answer": "Robin keeps this answer", "go": "next"})
    follow_up(robin, "Auntie Zephyrine", "yes", "Robin's private note", share=False)
    keep_a_map(robin)
    assert answers_of(parent_id(robin)) == {"welcome-enjoys": "Robin keeps this answer"}
    kai.post("/me/welcome/3", data={"answer": "Kai offers these words", "share": "yes"})
    follow_up(kai, "Coach Beatrix", "maybe", "Kai's shared note", share=True)
    kai.post("/me/help")
    admin = login(new_client(), admin_id)
    admin.post("/team/contacts/", data={"name": "Line", "phone": "0800 1", "kind": "local"})
    with app.app_context():
        text_id = db.session.scalar(select(SharedText.id))
    values = {
        "workshop_id": workshop_id,
        "parent_id": parent_id(robin),
        "text_id": text_id,
        "contact_id": 1,
        "user_id": facilitator_id,
        "kind": "json",
    }
    staff = {"admin": admin, "facilitator": login(new_client(), facilitator_id)}
    return {
        "consent": consent,
        "values": values,
        "staff": staff,
        "kai": parent_id(kai),
        "robin": robin,
    }


def staff_pages(app, client, values) -> dict[str, str]:
    """Every staff page a GET reaches, live regions too, by address."""
    pages = {}
    urls = [url for method, url, _p, _a in requests_of(app, values) if method == "GET"]
    workshop = f"/workshops/{values['workshop_id']}"
    urls += [f"{workshop}/live?part=1", f"{workshop}/projector?part=1"]
    family = f"{workshop}/parents/{values['parent_id']}"
    urls += [f"{family}/ecomap.{kind}" for kind in ("csv", "svg", "graphml")]
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, url
        pages[url] = response.get_data(as_text=True)
    return pages


def test_the_consent_screen_makes_the_promises_this_test_holds(room):
    for promise in PROMISES:
        assert promise in room["consent"]


@pytest.mark.parametrize("role", ["facilitator", "admin"])
def test_nothing_a_parent_kept_private_is_on_any_staff_page(app, room, role):
    pages = staff_pages(app, room["staff"][role], room["values"])

    assert len(pages) >= 20
    for url, page in pages.items():
        for words in PRIVATE:
            assert words not in page, (role, url, words)


@pytest.mark.parametrize("role", ["facilitator", "admin"])
def test_what_a_parent_shares_is_seen(app, room, role):
    staff = room["staff"][role]
    workshop = f"/workshops/{room['values']['workshop_id']}"

    page = staff.get(workshop).text
    assert "Robin" in page and "Kai" in page  # the name, promised
    assert "Coach Beatrix" in page and "said maybe" in page  # Kai shared the follow-up
    assert "Kai&#39;s shared note" in page
    live = staff.get(f"{workshop}/live").text
    assert "Would like help" in live
    assert "Kai offers these words" in live  # offered to the room, waiting for approval
    assert staff.get(f"{workshop}/parents/{room['kai']}/").status_code == 200


def test_a_follow_up_shared_later_shows_and_the_private_one_stays_private(room):
    staff = room["staff"]["facilitator"]
    workshop = f"/workshops/{room['values']['workshop_id']}"
    assert "Neighbour Odile" not in staff.get(workshop).text

    follow_up(room["robin"], "Neighbour Odile", "no", "Odile was busy", share=True)

    page = staff.get(workshop).text
    assert "Neighbour Odile" in page and "said no" in page and "Odile was busy" in page
    assert "Auntie Zephyrine" not in page
    assert "Robin&#39;s private note" not in page and "Robin's private note" not in page
