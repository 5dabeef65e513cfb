"""A stored map, answer or plan that fails to load is repaired on reading, never a 500.

Each test writes a broken value straight into the database (as an earlier version could),
then every page a parent or their facilitator opens still works and shows the rest.
"""

import io
import json
import logging

import pytest
from sqlalchemy import select, update

from cgim.ecomap.core.parse import parse_ecomap
from cgim.ecomap.models import EcoMapHistory, EcoMapRecord
from cgim.extensions import db
from cgim.parent.models import Answer

BROKEN = {
    "format": "cgim-ecomap",
    "version": 1,
    "child": {"id": "child", "label": "Maya"},
    "caregiver": {"id": "me", "label": "Me"},
    "people": [
        {
            "id": "rosa",
            "label": "Aunt\x0bRosa",
            "sector": "family",
            "closeness": 3,
            "child_feels": "likes",
            "parent_trust": "high",
            "support": ["emotional"],
        },
        {
            "id": "sam",
            "label": "Coach \ud800Sam",
            "sector": "activities",
            "contact": "weekly",
            "child_feels": "likes",
            "parent_trust": "high",
            "fit": ["reliable"],
        },
        {"id": "ray", "label": "Uncle Ray", "sector": "family", "concerns": ["", "violence"]},
    ],
    "ties": [
        {"a": "child", "b": "rosa", "kind": "strong"},
        {"a": "child", "b": "nobody", "kind": "strong"},
    ],
}
PARENT_PAGES = [
    "/me/ecomap",
    "/me/ecomap/results",
    "/me/ecomap.svg",
    "/me/ecomap.csv",
    "/me/ecomap.json",
    "/me/ecomap.graphml",
    "/me/ecomap/changes",
    "/me/ecomap/import",
    "/me/plan",
    "/me/plan.pdf",
    "/me/plan/ask",
    "/me/plan/safety",
    "/me/plan/safety/rosa",
    "/me/plan/child",
    "/me/plan/rehearse",
    "/me/own-words",
    "/me/safety/next-step/ray",
    "/me",
]


@pytest.fixture
def family(make_user, make_workshop, login, join, new_client):
    """A facilitator and a parent in their workshop: (staff, parent, workshop id)."""
    user_id, _org = make_user()
    workshop_id, code = make_workshop(user_id)
    return login(new_client(), user_id), join(new_client(), code), workshop_id


def store(app, pid: int, document) -> None:
    """Write a map straight into the database (shared with staff), bypassing every check."""
    with app.app_context():
        record = db.session.scalar(select(EcoMapRecord).where(EcoMapRecord.parent_id == pid))
        if record is None:
            db.session.add(EcoMapRecord(parent_id=pid, document=document, version=1, shared=True))
        else:
            db.session.execute(
                update(EcoMapRecord)
                .where(EcoMapRecord.id == record.id)
                .values(document=document, shared=True)
            )
        db.session.commit()


def stored_document(app, pid: int):
    """The map as it is in the database now."""
    with app.app_context():
        return db.session.scalar(select(EcoMapRecord.document).where(EcoMapRecord.parent_id == pid))


def put_answer(app, pid: int, prompt: str, value) -> None:
    """Write one answer straight into the database."""
    with app.app_context():
        db.session.add(Answer(parent_id=pid, prompt_id=prompt, value=value))
        db.session.commit()


def test_every_page_shows_the_rest_of_a_broken_map(app, family, parent_id, caplog):
    staff, parent, workshop_id = family
    pid = parent_id(parent)
    store(app, pid, BROKEN)
    with caplog.at_level(logging.WARNING, logger="cgim.ecomap.services"):
        for url in PARENT_PAGES:
            response = parent.get(url)
            assert response.status_code == 200, url
        for url in ("", "ecomap.svg", "ecomap.csv", "ecomap.json"):
            response = staff.get(f"/workshops/{workshop_id}/parents/{pid}/{url}")
            assert response.status_code == 200, url
    assert "Aunt Rosa" in parent.get("/me/ecomap").text
    assert "Coach Sam" in parent.get("/me/ecomap.csv").text
    assert "Uncle Ray" in staff.get(f"/workshops/{workshop_id}/parents/{pid}/").text
    people = parent.get("/me/ecomap/document").json["document"]["people"]
    assert [(p["label"], p["concerns"]) for p in people] == [
        ("Aunt Rosa", []),
        ("Coach Sam", []),
        ("Uncle Ray", ["violence"]),  # the worry stays; only the empty value went
    ]
    warnings = [r for r in caplog.records if r.name == "cgim.ecomap.services"]
    assert warnings and all(r.levelno == logging.WARNING for r in warnings)
    message = warnings[0].getMessage()
    assert "eco-map record" in message and "people[0].label" in message
    assert "people[2].concerns[0]" in message and "ties[1]" in message
    assert not any(word in r.getMessage() for r in warnings for word in ("Rosa", "Sam", "Ray"))
    assert stored_document(app, pid) == BROKEN  # reading never wrote


def test_the_parent_can_edit_and_save_a_repaired_map(app, family, parent_id):
    _staff, parent, _workshop_id = family
    pid = parent_id(parent)
    store(app, pid, BROKEN)
    got = parent.get("/me/ecomap/document").json
    got["document"]["people"][0]["label"] = "Auntie Rosa"
    saved = parent.put("/me/ecomap/document", json=got)
    assert saved.status_code == 200, saved.get_json()
    stored = parse_ecomap(stored_document(app, pid))
    assert [p.label for p in stored.people] == ["Auntie Rosa", "Coach Sam", "Uncle Ray"]
    assert stored.people[2].concerns == ("violence",)
    # Undo goes back to the broken version, repaired again on the way.
    assert (
        parent.post("/me/ecomap/undo", data={"version": saved.json["version"]}).status_code == 302
    )
    assert parent.get("/me/ecomap").status_code == 200
    labels = [p["label"] for p in parent.get("/me/ecomap/document").json["document"]["people"]]
    assert labels == ["Aunt Rosa", "Coach Sam", "Uncle Ray"]


def test_a_broken_map_can_be_replaced_by_importing_a_file(app, family, parent_id):
    _staff, parent, _workshop_id = family
    pid = parent_id(parent)
    store(app, pid, BROKEN)
    fine = {**BROKEN, "people": [dict(BROKEN["people"][2], concerns=["violence"])], "ties": []}
    upload = {
        "version": str(parent.get("/me/ecomap/document").json["version"]),
        "file": (io.BytesIO(json.dumps(fine).encode()), "map.json"),
    }
    loaded = parent.post("/me/ecomap/import", data=upload, content_type="multipart/form-data")
    assert loaded.status_code == 302
    assert parse_ecomap(stored_document(app, pid)).people[0].label == "Uncle Ray"


def test_a_broken_earlier_version_still_shows_what_undo_would_bring_back(app, family, parent_id):
    _staff, parent, _workshop_id = family
    pid = parent_id(parent)
    store(app, pid, {**BROKEN, "people": [], "ties": []})
    with app.app_context():
        db.session.add(EcoMapHistory(parent_id=pid, document=BROKEN))
        db.session.commit()
    assert parent.get("/me/ecomap").status_code == 200


def test_a_broken_character_in_a_stored_answer_is_shown_as_a_mark(app, family, parent_id):
    staff, parent, workshop_id = family
    pid = parent_id(parent)
    put_answer(app, pid, "welcome-enjoys", "hi \ud800 there\x0b")
    step = parent.get("/me/welcome/3")
    assert step.status_code == 200 and "hi \ufffd there" in step.text
    for url in ("/me/own-words", "/me/plan", "/me/plan.pdf", "/me"):
        assert parent.get(url).status_code == 200, url
    assert staff.get(f"/workshops/{workshop_id}/parents/{pid}/").status_code == 200


def test_broken_characters_in_stored_plan_parts_still_show(app, family, parent_id):
    _staff, parent, _workshop_id = family
    pid = parent_id(parent)
    store(app, pid, BROKEN)
    put_answer(app, pid, "plan.ask", {"person": "rosa", "what": "walks\ud800 on Sunday\x0c"})
    safety = {"settings": ["group", "\ud800"], "own_rules": "Only at home\ud800", "drop_ins": 3}
    put_answer(app, pid, "plan.safety.rosa", safety)
    put_answer(app, pid, "plan.child_said", "she likes\x00 her\ud800")
    for url in ("/me/plan", "/me/plan.pdf", "/me/plan/ask", "/me/plan/safety/rosa"):
        response = parent.get(url)
        assert response.status_code == 200, url
    assert "walks\ufffd on Sunday" in parent.get("/me/plan/ask").text
    assert "Only at home\ufffd" in parent.get("/me/plan/safety/rosa").text
    assert parent.get("/me/plan/child").status_code == 200
