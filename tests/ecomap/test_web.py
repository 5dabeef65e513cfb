"""The parent's eco-map pages, the JSON API, exports, and the staff view of a shared map."""

import io
import re
from pathlib import Path

import pytest

from cgim.audit.models import AuditEvent
from cgim.extensions import db

FIXTURE = Path(__file__).parent / "fixtures" / "maya.json"
GOOD = {
    "sector": "family",
    "closeness": "3",
    "bond": "strong",
    "contact": "weekly",
    "child_feels": "likes",
    "parent_trust": "high",
    "support": ["emotional"],
    "fit": ["reliable"],
}


@pytest.fixture
def family(make_user, make_workshop, login, join, new_client):
    """A signed-in facilitator and a parent in their workshop: (staff, parent, workshop id)."""
    user_id, _org = make_user()
    workshop_id, code = make_workshop(user_id)
    return login(new_client(), user_id), join(new_client(), code), workshop_id


def version(parent) -> int:
    """The map's current version."""
    return parent.get("/me/ecomap/document").json["version"]


def add(parent, label, **facts):
    """Add a person with the guided form."""
    response = parent.post(
        "/me/ecomap/people/new", data={"version": version(parent), "label": label, **GOOD, **facts}
    )
    assert response.status_code == 302, response.text
    return response


def test_adding_people_and_lines_builds_the_document(family):
    _staff, parent, _w = family
    add(parent, "Aunt Rosa")
    add(parent, "Coach Sam", sector="activities", closeness="1", bond="tenuous")
    parent.post(
        "/me/ecomap/ties",
        data={
            "version": version(parent),
            "a": "aunt-rosa",
            "b": "coach-sam",
            "kind": "strong",
            "flow": "both",
        },
    )
    doc = parent.get("/me/ecomap/document").json["document"]
    assert [p["label"] for p in doc["people"]] == ["Aunt Rosa", "Coach Sam"]
    assert {(t["a"], t["b"], t["kind"]) for t in doc["ties"]} == {
        ("child", "aunt-rosa", "strong"),
        ("child", "coach-sam", "tenuous"),
        ("aunt-rosa", "coach-sam", "strong"),
    }
    page = parent.get("/me/ecomap").text
    assert "Aunt Rosa" in page and "Draw the line" in page


def test_a_serious_worry_keeps_a_person_out_of_the_suggestions(family):
    _staff, parent, _w = family
    add(parent, "Aunt Rosa")
    add(
        parent,
        "Uncle Ray",
        support=["emotional", "practical", "informational", "companionship"],
        fit=["shares_interests", "lives_nearby", "reliable"],
        concerns=["harm_to_children"],
    )
    page = parent.get("/me/ecomap/results").text.split("People who could be a good fit</h1>")[1]
    suggested, _sep, not_suggested = page.partition("Not on the list for now")
    assert (
        "Aunt Rosa" in suggested and "Uncle Ray" not in suggested and "Uncle Ray" in not_suggested
    )


def test_a_stale_form_keeps_what_was_typed_and_overwrites_nothing(family):
    _staff, parent, _w = family
    add(parent, "Aunt Rosa")
    stale = version(parent) - 1
    response = parent.post(
        "/me/ecomap/people/new", data={"version": stale, "label": "Grandpa Joe", **GOOD}
    )
    assert response.status_code == 409  # refused, as the map's JSON save is
    assert "changed on another screen" in response.text and 'value="Grandpa Joe"' in response.text
    assert [p["label"] for p in parent.get("/me/ecomap/document").json["document"]["people"]] == [
        "Aunt Rosa"
    ]


def test_json_api_checks_the_version_and_the_document(family):
    _staff, parent, _w = family
    current = parent.get("/me/ecomap/document").json
    doc = current["document"] | {"people": [{"id": "rosa", "label": "Rosa", "sector": "family"}]}
    assert parent.put(
        "/me/ecomap/document", json={"version": current["version"], "document": doc}
    ).json == {"version": current["version"] + 1}
    stale = parent.put("/me/ecomap/document", json={"version": current["version"], "document": doc})
    assert stale.status_code == 409 and stale.json["version"] == current["version"] + 1
    bad = dict(doc, people=[{"id": "x", "label": "X", "sector": "famly"}])
    response = parent.put(
        "/me/ecomap/document", json={"version": current["version"] + 1, "document": bad}
    )
    assert response.status_code == 400 and "famly" in response.json["error"]
    assert (
        parent.put("/me/ecomap/document", data="[[[", content_type="application/json").status_code
        == 400
    )


def test_undo_steps_back_one_change_at_a_time(family):
    _staff, parent, _w = family
    add(parent, "A")
    add(parent, "B")
    for expected in (["A"], []):
        parent.post("/me/ecomap/undo", data={"version": version(parent)})
        assert [
            p["label"] for p in parent.get("/me/ecomap/document").json["document"]["people"]
        ] == expected


def test_exports_in_every_format_and_initials_only(family):
    _staff, parent, _w = family
    add(parent, "Aunt Rosa")
    assert parent.get("/me/ecomap.json").json["people"][0]["label"] == "Aunt Rosa"
    assert b"<graphml" in parent.get("/me/ecomap.graphml").data
    assert parent.get("/me/ecomap.csv").text.splitlines()[0].startswith("table,")
    assert "Aunt Rosa" in parent.get("/me/ecomap.svg").text
    initials = parent.get("/me/ecomap.svg?initials=1").text
    assert "Aunt Rosa" not in initials and ">AR<" in initials
    assert parent.get("/me/ecomap.exe").status_code == 404


def test_import_replaces_the_map_and_bad_files_say_why(family):
    _staff, parent, _w = family
    upload = {"file": (io.BytesIO(FIXTURE.read_bytes()), "maya.json")}
    assert (
        parent.post(
            "/me/ecomap/import", data=upload, content_type="multipart/form-data"
        ).status_code
        == 302
    )
    assert len(parent.get("/me/ecomap/document").json["document"]["people"]) == 8
    bad = parent.post(
        "/me/ecomap/import",
        data={"file": (io.BytesIO(b"{nope"), "x.json")},
        content_type="multipart/form-data",
    )
    assert bad.status_code == 200 and "We could not read that file" in bad.text
    wrong = parent.post(
        "/me/ecomap/import",
        data={"file": (io.BytesIO(b"a,b"), "x.csv")},
        content_type="multipart/form-data",
    )
    assert "use .json or .graphml" in wrong.text


def test_snapshot_at_the_end_of_the_workshop_and_what_changed(family):
    staff, parent, workshop_id = family
    add(parent, "Aunt Rosa")
    staff.post(f"/workshops/{workshop_id}/close")
    add(parent, "Coach Sam")
    page = parent.get("/me/ecomap/changes").text
    assert "End of the workshop" in page and "New on the map" in page and "Coach Sam" in page


def test_staff_see_a_map_only_when_shared_and_every_read_is_logged(app, family, parent_id):
    staff, parent, workshop_id = family
    add(parent, "Aunt <b>Rosa</b>")
    pid = parent_id(parent)
    record = f"/workshops/{workshop_id}/parents/{pid}/"
    assert "Not shared" in staff.get(record).text
    assert staff.get(record + "ecomap.json").status_code == 404
    parent.post("/me/ecomap/share", data={"version": version(parent), "share": "yes"})
    page = staff.get(record).text
    assert "Aunt &lt;b&gt;Rosa&lt;/b&gt;" in page and "<b>Rosa" not in page
    assert staff.get(record + "ecomap.graphml").status_code == 200
    with app.app_context():
        actions = [
            (e.action, e.what)
            for e in db.session.scalars(db.select(AuditEvent).where(AuditEvent.parent_id == pid))
        ]
    # The refused export read nothing, so only the reads that happened are in the log.
    assert actions == [("view record", ""), ("view record", ""), ("export map", "graphml")]
    parent.post("/me/ecomap/share", data={"version": version(parent), "share": "no"})
    assert staff.get(record + "ecomap.json").status_code == 404


def test_other_staff_and_other_workshops_get_404(
    family, make_user, login, new_client, make_workshop, parent_id
):
    _staff, parent, workshop_id = family
    parent.post("/me/ecomap/share", data={"version": version(parent), "share": "yes"})
    outsider_id, _org = make_user()
    outsider = login(new_client(), outsider_id)
    own_workshop, _code = make_workshop(outsider_id)
    pid = parent_id(parent)
    for url in (
        f"/workshops/{workshop_id}/parents/{pid}/",
        f"/workshops/{own_workshop}/parents/{pid}/",
        f"/workshops/{workshop_id}/parents/{pid}/ecomap.json",
    ):
        assert outsider.get(url).status_code == 404
    assert new_client().get(f"/workshops/{workshop_id}/parents/{pid}/").status_code == 302


def test_deleting_the_parent_deletes_the_map_but_keeps_the_audit_log(app, family, parent_id):
    staff, parent, workshop_id = family
    add(parent, "Aunt Rosa")
    pid = parent_id(parent)
    staff.get(f"/workshops/{workshop_id}/parents/{pid}/")
    parent.post("/me/delete")
    from cgim.ecomap.models import EcoMapHistory, EcoMapRecord

    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(EcoMapRecord)) == 0
        assert db.session.scalar(db.select(db.func.count()).select_from(EcoMapHistory)) == 0
        assert db.session.scalar(db.select(db.func.count()).select_from(AuditEvent)) == 1


def test_the_workshop_screen_opens_the_map_and_comes_back(family):
    _staff, parent, _w = family
    from cgim.content.library import load_library
    from cgim.paths import CONTENT

    steps = load_library(CONTENT).language("en").modules["finding_adults"].steps
    number = [s.tool for s in steps].index("ecomap") + 1
    page = parent.get(f"/me/finding_adults/{number}").text
    link = re.search(r'href="(/me/ecomap\?back=[^"]+)"', page).group(1).replace("&amp;", "&")
    assert "Back to the workshop" in parent.get(link).text
    add(parent, "Aunt Rosa")
    assert f'href="/me/finding_adults/{number}"' in parent.get("/me/ecomap").text
