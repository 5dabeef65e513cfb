"""No worry is ever removed by accident (issue 10): stale saves are refused, removal is confirmed.

Two clients of the same parent (a second tablet joined by resume code) race on every eco-map
path that can change an adult's worries: the person's screens, delete, undo, the JSON editor
and import. Nothing here depends on the database: the lead runs it on PostgreSQL too.
"""

import io
import json
import re
from pathlib import Path

import pytest

from cgim.ecomap.core.worries import WORRIES
from cgim.extensions import db
from cgim.parent.models import Parent

FIXTURE = Path(__file__).parent / "fixtures" / "maya.json"
WORRY_SCREEN = "/me/ecomap/people/rosa?part=worries"
TWO = ["secrets", "seeks_time_alone"]


@pytest.fixture
def tablets(parent, new_client, resume_code_of):
    """The parent on two tablets (the second carries on by resume code); Rosa is on the map."""
    other = new_client()
    response = other.post("/resume", data={"code": resume_code_of(parent)})
    assert response.status_code == 302, response.text
    return parent, other


def drawn_version(page: str) -> int:
    """The version a page's form was drawn from (its hidden field)."""
    return int(re.search(r'name="version"[^>]*value="(\d+)"', page).group(1))


def document(client) -> dict:
    return client.get("/me/ecomap/document").json


def rosa(client) -> dict:
    return next(p for p in document(client)["document"]["people"] if p["id"] == "rosa")


def add_worries(client, worries, person="rosa"):
    """Tick worries on the person's worries screen and save (adding needs no confirming)."""
    url = f"/me/ecomap/people/{person}?part=worries"
    version = drawn_version(client.get(url).text)
    return client.post(url, data={"version": version, "concerns": worries})


def serious_worry_at(app, parent_id, client):
    with app.app_context():
        return db.session.get(Parent, parent_id(client)).serious_worry_at


def test_a_stale_worries_screen_is_refused_and_both_worries_are_kept(tablets):
    first, second = tablets
    stale = drawn_version(second.get(WORRY_SCREEN).text)  # tablet B opens Rosa's worries
    assert add_worries(first, TWO).status_code == 302  # tablet A adds two worries
    refused = second.post(WORRY_SCREEN, data={"version": stale, "concerns": ["gifts"]})
    assert refused.status_code == 409
    page = refused.text
    assert "changed on another screen" in page
    now = page.split('class="card quiet step-card person-now"')[1].split("</section>")[0]
    assert "Asks my child to keep secrets" in now and "Often wants to be alone" in now
    assert re.search(r'value="gifts"[^>]*checked', page)  # what B ticked is still ticked
    assert drawn_version(page) == document(first)["version"]  # and B now holds the newest
    assert rosa(first)["concerns"] == TWO
    # B saves again on the newest version: its worry is added, A's are kept.
    again = second.post(WORRY_SCREEN, data={"version": drawn_version(page), "concerns": ["gifts"]})
    assert again.status_code == 302
    assert rosa(first)["concerns"] == [*TWO, "gifts"]


def test_a_stale_first_screen_cannot_touch_the_worries(tablets):
    first, second = tablets
    stale = drawn_version(second.get("/me/ecomap/people/rosa").text)
    add_worries(first, TWO)
    refused = second.post(
        "/me/ecomap/people/rosa",
        data={"version": stale, "label": "Auntie Rosa", "sector": "family"},
    )
    assert refused.status_code == 409 and "changed on another screen" in refused.text
    assert 'value="Auntie Rosa"' in refused.text  # what B typed is kept
    assert "Asks my child to keep secrets" in refused.text  # the newest worries are shown
    assert rosa(first)["label"] == "Rosa" and rosa(first)["concerns"] == TWO


def test_taking_a_worry_away_needs_a_yes(parent):
    add_worries(parent, TWO)
    version = drawn_version(parent.get(WORRY_SCREEN).text)
    asked = parent.post(WORRY_SCREEN, data={"version": version, "no_longer": ["secrets"]})
    assert asked.status_code == 200
    assert "You are taking away this worry about Rosa" in asked.text
    assert "Asks my child to keep secrets" in asked.text and "Are you sure?" in asked.text
    assert "You still have other worries about Rosa" in asked.text
    assert rosa(parent)["concerns"] == TWO  # nothing is taken away yet
    confirm = {"version": drawn_version(asked.text), "worry": ["secrets"], "then": ""}
    kept = parent.post("/me/ecomap/people/rosa/take-away", data={**confirm, "answer": "no"})
    assert kept.status_code == 302 and rosa(parent)["concerns"] == TWO
    done = parent.post("/me/ecomap/people/rosa/take-away", data={**confirm, "answer": "yes"})
    assert done.status_code == 302 and rosa(parent)["concerns"] == ["seeks_time_alone"]


def test_adding_and_taking_away_at_once_saves_the_new_worry_and_asks_about_the_other(parent):
    add_worries(parent, ["gifts"])
    version = drawn_version(parent.get(WORRY_SCREEN).text)
    data = {"version": version, "concerns": ["secrets"], "no_longer": ["gifts"]}
    asked = parent.post(WORRY_SCREEN, data=data)
    assert "You are taking away this worry" in asked.text
    assert rosa(parent)["concerns"] == ["gifts", "secrets"]  # the new worry needed no Yes
    assert (
        'name="then" type="hidden" value="safety"' in asked.text or 'value="safety"' in asked.text
    )
    answer = {"version": drawn_version(asked.text), "worry": ["gifts"], "then": "safety"}
    done = parent.post("/me/ecomap/people/rosa/take-away", data={**answer, "answer": "yes"})
    assert done.location == "/me/safety/next-step/rosa"  # the serious worry's next step
    assert rosa(parent)["concerns"] == ["secrets"]


def test_a_stale_yes_takes_nothing_away(tablets):
    first, second = tablets
    add_worries(first, TWO)
    version = drawn_version(second.get(WORRY_SCREEN).text)
    asked = second.post(WORRY_SCREEN, data={"version": version, "no_longer": ["secrets"]})
    add_worries(first, ["gifts"])  # the other tablet saves meanwhile
    answer = {"version": drawn_version(asked.text), "worry": ["secrets"], "answer": "yes"}
    refused = second.post("/me/ecomap/people/rosa/take-away", data=answer)
    assert refused.status_code == 409 and "changed on another screen" in refused.text
    assert re.search(r'name="no_longer" value="secrets"[^>]*checked', refused.text)
    assert rosa(first)["concerns"] == [*TWO, "gifts"]


def test_a_person_taken_off_on_another_tablet_is_not_brought_back(tablets):
    first, second = tablets
    stale = drawn_version(second.get(WORRY_SCREEN).text)
    version = document(first)["version"]
    first.post("/me/ecomap/people/rosa/delete", data={"version": version})  # no worries: at once
    refused = second.post(WORRY_SCREEN, data={"version": stale, "concerns": ["secrets"]})
    assert refused.location == "/me/ecomap"
    assert (
        "taken off the map on another screen. Nothing was saved." in second.get("/me/ecomap").text
    )
    assert document(first)["document"]["people"] == []


def test_taking_two_away_lists_both(parent):
    add_worries(parent, TWO)
    version = drawn_version(parent.get(WORRY_SCREEN).text)
    asked = parent.post(WORRY_SCREEN, data={"version": version, "no_longer": TWO})
    assert "You are taking away these worries about Rosa" in asked.text
    assert "Without this, Rosa may be suggested as a mentor again." in asked.text
    assert "Yes, take them away" in asked.text


def test_deleting_a_person_with_worries_asks_first(tablets):
    first, second = tablets
    add_worries(first, ["secrets"])
    version = document(first)["version"]
    asked = first.post("/me/ecomap/people/rosa/delete", data={"version": version})
    assert "Take Rosa off the map?" in asked.text and "Asks my child to keep secrets" in asked.text
    assert rosa(first)["concerns"] == ["secrets"]
    first.post("/me/ecomap/people/rosa/delete", data={"version": version, "answer": "no"})
    assert rosa(first)["concerns"] == ["secrets"]
    add_worries(second, ["gifts"])  # a stale Yes is refused
    first.post("/me/ecomap/people/rosa/delete", data={"version": version, "answer": "yes"})
    assert rosa(first)["concerns"] == ["secrets", "gifts"]
    newest = document(first)["version"]
    first.post("/me/ecomap/people/rosa/delete", data={"version": newest, "answer": "yes"})
    assert document(first)["document"]["people"] == []


def test_undo_that_would_take_a_worry_away_asks_first(parent):
    add_worries(parent, ["secrets"])
    version = document(parent)["version"]
    asked = parent.post("/me/ecomap/undo", data={"version": version})
    assert "Undo would take away these worries" in asked.text
    assert "<li>Rosa: Asks my child to keep secrets</li>" in asked.text
    assert rosa(parent)["concerns"] == ["secrets"]
    parent.post("/me/ecomap/undo", data={"version": version, "answer": "no"})
    assert rosa(parent)["concerns"] == ["secrets"]
    parent.post("/me/ecomap/undo", data={"version": version, "answer": "yes"})
    assert rosa(parent)["concerns"] == []


def test_the_json_editor_cannot_drop_a_worry_unless_it_names_it(tablets):
    first, second = tablets
    add_worries(first, TWO)
    current = document(first)
    dropped = json.loads(json.dumps(current["document"]))
    dropped["people"][0]["concerns"] = ["seeks_time_alone"]
    body = {"version": current["version"], "document": dropped}
    refused = first.put("/me/ecomap/document", json=body)
    assert refused.status_code == 422
    assert refused.json["would_remove"] == [
        {"person": "rosa", "label": "Rosa", "worries": ["secrets"]}
    ]
    assert "Asks my child to keep secrets" in refused.json["error"]
    assert refused.json["document"] == current["document"]
    assert rosa(first)["concerns"] == TWO
    # Naming another worry is not enough; a stale copy is 409 before anything else.
    assert (
        first.put("/me/ecomap/document", json={**body, "remove_worries": ["gifts"]}).status_code
        == 422
    )
    add_worries(second, ["gifts"])
    stale = first.put("/me/ecomap/document", json={**body, "remove_worries": ["secrets"]})
    assert stale.status_code == 409 and "gifts" in stale.json["document"]["people"][0]["concerns"]
    newest = document(first)
    dropped["people"][0]["concerns"] = ["seeks_time_alone", "gifts"]
    meant = {"version": newest["version"], "document": dropped, "remove_worries": ["secrets"]}
    assert first.put("/me/ecomap/document", json=meant).json == {"version": newest["version"] + 1}
    assert rosa(first)["concerns"] == ["seeks_time_alone", "gifts"]


def test_the_json_editor_names_worries_by_person_and_refuses_a_bad_list(parent):
    add_worries(parent, ["secrets"])
    current = document(parent)
    gone = dict(current["document"], people=[], ties=[])  # Rosa and her worry off the map
    body = {"version": current["version"], "document": gone}
    assert parent.put("/me/ecomap/document", json=body).status_code == 422
    bad = parent.put("/me/ecomap/document", json={**body, "remove_worries": "secrets"})
    assert bad.status_code == 400 and "remove_worries" in bad.json["error"]
    meant = {**body, "remove_worries": {"rosa": ["secrets"]}}
    assert parent.put("/me/ecomap/document", json=meant).status_code == 200
    assert document(parent)["document"]["people"] == []


def upload(data: bytes, name: str = "map.json") -> dict:
    return {"file": (io.BytesIO(data), name)}


def hidden(page: str, name: str) -> str:
    """A hidden field's value, unescaped as the browser would send it."""
    import html

    return html.unescape(re.search(rf'name="{name}" type="hidden" value="([^"]*)"', page).group(1))


def again_fields(page: str) -> dict:
    return {name: hidden(page, name) for name in ("version", "document", "meant")}


def test_an_import_that_drops_a_worry_loads_only_after_a_yes(parent):
    add_worries(parent, ["gifts"])  # maya.json has a Rosa too, with no worries
    version = drawn_version(parent.get("/me/ecomap/import").text)
    asked = parent.post(
        "/me/ecomap/import",
        data={"version": version, **upload(FIXTURE.read_bytes())},
        content_type="multipart/form-data",
    )
    assert asked.status_code == 422
    assert "would take away these worries" in asked.text
    assert "<li>Rosa: Gives gifts or money for no clear reason</li>" in asked.text
    assert len(document(parent)["document"]["people"]) == 1
    fields = again_fields(asked.text)
    parent.post("/me/ecomap/import/again", data={**fields, "answer": "no"})
    assert len(document(parent)["document"]["people"]) == 1 and rosa(parent)["concerns"] == [
        "gifts"
    ]
    loaded = parent.post("/me/ecomap/import/again", data={**fields, "answer": "yes"})
    assert loaded.status_code == 302
    assert len(document(parent)["document"]["people"]) == 8 and rosa(parent)["concerns"] == []


def test_a_stale_import_is_refused_and_the_file_is_kept(tablets):
    first, second = tablets
    version = drawn_version(first.get("/me/ecomap/import").text)
    add_worries(second, ["secrets"])
    refused = first.post(
        "/me/ecomap/import",
        data={"version": version, **upload(FIXTURE.read_bytes())},
        content_type="multipart/form-data",
    )
    assert refused.status_code == 409 and "changed on another screen" in refused.text
    assert "Rosa: Asks my child to keep secrets" in refused.text  # the newest map's worry
    assert json.loads(again_fields(refused.text)["document"])["people"][4]["id"] == "ray"
    assert (
        rosa(first)["concerns"] == ["secrets"] and len(document(first)["document"]["people"]) == 1
    )


def test_staff_import_never_takes_a_familys_worry_away(
    make_user, make_workshop, login, join, new_client, parent_id
):
    user_id, _org = make_user()
    workshop_id, code = make_workshop(user_id)
    staff, family = login(new_client(), user_id), join(new_client(), code)
    version = document(family)["version"]
    family.post("/me/ecomap/people/new", data={"version": version, "label": "Rosa"})
    add_worries(family, ["secrets"])
    family.post("/me/ecomap/share", data={"version": document(family)["version"], "share": "yes"})
    record = f"/workshops/{workshop_id}/parents/{parent_id(family)}/"
    refused = staff.post(
        record + "ecomap/import",
        data=upload(FIXTURE.read_bytes()),
        content_type="multipart/form-data",
    )
    assert refused.status_code == 302
    assert "would take away worries the family noted" in staff.get(record).text
    assert (
        rosa(family)["concerns"] == ["secrets"] and len(document(family)["document"]["people"]) == 1
    )
    # A version the staff page was drawn from is checked too.
    stale = staff.post(
        record + "ecomap/import",
        data={"version": 1, **upload(FIXTURE.read_bytes())},
        content_type="multipart/form-data",
    )
    assert stale.status_code == 302 and "changed since you opened" in staff.get(record).text


@pytest.mark.parametrize("worry", sorted(WORRIES))
def test_a_new_worry_leads_to_the_next_step_only_when_serious(app, parent, parent_id, worry):
    response = add_worries(parent, [worry])
    assert response.status_code == 302
    if WORRIES[worry].serious:
        assert response.location == "/me/safety/next-step/rosa"
        assert serious_worry_at(app, parent_id, parent) is not None
    else:
        assert response.location == "/me/ecomap"
        assert serious_worry_at(app, parent_id, parent) is None


def test_every_way_in_leads_a_serious_worry_to_the_next_step(app, parent, parent_id):
    version = document(parent)["version"]
    one_post = parent.post(
        "/me/ecomap/people/new",
        data={"version": version, "label": "Uncle Ray", "concerns": ["harm_to_children"]},
    )
    assert one_post.location == "/me/safety/next-step/uncle-ray"
    assert serious_worry_at(app, parent_id, parent) is not None
    current = document(parent)
    doc = current["document"]
    doc["people"][0]["concerns"] = ["violence"]
    put = parent.put("/me/ecomap/document", json={"version": current["version"], "document": doc})
    assert put.json == {"version": current["version"] + 1, "next": "/me/safety/next-step/rosa"}
    doc["people"][0]["support"] = ["emotional"]  # no new worry: no next step
    quiet = parent.put(
        "/me/ecomap/document", json={"version": put.json["version"], "document": doc}
    )
    assert "next" not in quiet.json


def test_an_undo_that_brings_a_serious_worry_back_leads_to_the_next_step(app, parent, parent_id):
    add_worries(parent, ["harm_to_children"])
    with_worry = document(parent)
    cleared = json.loads(json.dumps(with_worry["document"]))
    cleared["people"][0]["concerns"] = []
    body = {
        "version": with_worry["version"],
        "document": cleared,
        "remove_worries": ["harm_to_children"],
    }
    assert parent.put("/me/ecomap/document", json=body).status_code == 200
    with app.app_context():
        db.session.get(Parent, parent_id(parent)).serious_worry_at = None
        db.session.commit()
    undone = parent.post("/me/ecomap/undo", data={"version": document(parent)["version"]})
    assert undone.location == "/me/safety/next-step/rosa"
    assert rosa(parent)["concerns"] == ["harm_to_children"]
    assert serious_worry_at(app, parent_id, parent) is not None
