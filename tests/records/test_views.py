"""Staff view of one parent's record: progress, the shared map's exports and import, the trail.

Who may see a shared map, and that each read is logged, is in tests/ecomap/test_web.py.
"""

import functools
import io
from pathlib import Path

import pytest
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from cgim.audit.models import AuditEvent
from cgim.auth import models as auth_models
from cgim.auth.models import Organisation
from cgim.extensions import db

STAFF_NAME = "Dana Reyes"
MAYA = Path(__file__).resolve().parent.parent / "ecomap" / "fixtures" / "maya.json"


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch):
    """Staff passwords hash in one round here; hashing itself is tested in tests/auth."""
    quick = functools.partial(generate_password_hash, method="pbkdf2:sha256:1")
    monkeypatch.setattr(auth_models, "generate_password_hash", quick)


@pytest.fixture
def record(make_user, make_workshop, login, join, new_client, parent_id):
    """(staff client, parent client, the record's address, user id, organisation id)."""
    user_id, org_id = make_user(name=STAFF_NAME)
    workshop_id, code = make_workshop(user_id)
    parent = join(new_client(), code, "Robin")
    url = f"/workshops/{workshop_id}/parents/{parent_id(parent)}/"
    return login(new_client(), user_id), parent, url, user_id, org_id


def version(parent) -> int:
    """The parent's map version."""
    return parent.get("/me/ecomap/document").json["version"]


def share(parent, yes: bool = True) -> None:
    """The parent shares (or stops sharing) their map."""
    data = {"version": version(parent), "share": "yes" if yes else "no"}
    assert parent.post("/me/ecomap/share", data=data).status_code == 302


def actions(app) -> list[str]:
    """Every action in the audit log with its detail, oldest first (e.g. "export map csv")."""
    with app.app_context():
        rows = db.session.execute(
            select(AuditEvent.action, AuditEvent.what).order_by(AuditEvent.id)
        )
        return [f"{action} {what}".strip() for action, what in rows]


def upload(staff, url: str, name: str, content: bytes):
    """Staff load a file into the family's map."""
    data = {"file": (io.BytesIO(content), name)}
    return staff.post(url + "ecomap/import", data=data, content_type="multipart/form-data")


def test_the_record_shows_progress_and_who_has_looked(app, record):
    staff, parent, url, _user, _org = record
    modules = app.extensions["cgim_content"].language("en").modules_for("making_connections")
    prompt = next(s.id for s in modules[0].asking_steps if s.kind == "short_text")
    parent.post("/me/answers", json={"prompt": prompt, "value": "Drawing dragons"})

    page = staff.get(url)

    assert page.status_code == 200
    assert "<h1>Robin</h1>" in page.text
    assert f"{modules[0].title}: 1 of " in page.text
    assert "Drawing dragons" not in page.text  # progress, never the answers
    assert "Not shared. The parent can share their map from their own screen." in page.text
    opened = "<td>Opened the family&#39;s record</td>"
    assert page.text.count(opened) == 1  # this very read is already in the trail, with who
    assert f"<td>{STAFF_NAME}</td><td>{opened[4:]}" in page.text
    assert staff.get(url).text.count(opened) == 2


def test_an_admin_of_the_organisation_sees_the_record_and_is_logged(
    app, record, make_user, login, new_client
):
    _staff, _parent, url, _user, org_id = record
    with app.app_context():
        org = db.session.get(Organisation, org_id)
    admin = login(new_client(), make_user("admin", organisation=org)[0])
    assert admin.get(url).status_code == 200
    assert actions(app) == ["view record"]


def test_a_parent_under_another_workshop_of_the_same_staff_is_404(
    app, record, make_workshop, parent_id
):
    staff, parent, _url, user_id, _org = record
    other_workshop, _code = make_workshop(user_id, title="Thursday group")
    pid = parent_id(parent)
    for path in ("", "ecomap.json"):
        assert staff.get(f"/workshops/{other_workshop}/parents/{pid}/{path}").status_code == 404
    assert staff.get(f"/workshops/{other_workshop}/parents/999999/").status_code == 404
    assert actions(app) == []  # a refused read is not logged as a read


def test_exports_of_a_shared_map(app, record):
    staff, parent, url, _user, _org = record
    share(parent)
    assert upload(staff, url, "maya.json", MAYA.read_bytes()).status_code == 302

    svg = staff.get(url + "ecomap.svg")
    assert svg.mimetype == "image/svg+xml"
    assert svg.headers["Content-Disposition"] == "inline"
    assert "Aunt Rosa" in svg.text
    initials = staff.get(url + "ecomap.svg?initials=1").text
    assert "Aunt Rosa" not in initials and "Maya" not in initials
    csv = staff.get(url + "ecomap.csv")
    assert csv.headers["Content-Disposition"].startswith('attachment; filename="eco-map-')
    assert "Aunt Rosa" in csv.text
    assert staff.get(url + "ecomap.pdf").status_code == 404
    assert {"export map svg", "export map csv"} <= set(actions(app))


def test_staff_load_a_file_into_a_shared_map_and_bad_files_say_why(record):
    staff, parent, url, _user, _org = record
    share(parent)

    bad = upload(staff, url, "map.json", b"{not json")
    assert bad.location == url
    assert "We could not read that file:" in staff.get(url).text
    assert parent.get("/me/ecomap/document").json["document"]["people"] == []

    good = upload(staff, url, "maya.json", MAYA.read_bytes())
    assert good.location == url
    page = staff.get(url).text
    assert "The map from the file is loaded." in page
    assert "Aunt Rosa" in page  # the suggestions now read the loaded map
    people = parent.get("/me/ecomap/document").json["document"]["people"]
    assert "Aunt Rosa" in {p["label"] for p in people}

    staff.post(url + "ecomap/import", data={}, content_type="multipart/form-data")
    assert "Please choose a file." in staff.get(url).text


def test_no_import_into_a_map_that_is_not_shared(record):
    staff, parent, url, _user, _org = record
    assert upload(staff, url, "maya.json", MAYA.read_bytes()).status_code == 404
    share(parent)
    share(parent, yes=False)
    assert upload(staff, url, "maya.json", MAYA.read_bytes()).status_code == 404
    assert parent.get("/me/ecomap/document").json["document"]["people"] == []


def test_signed_out_import_goes_to_login(record, new_client):
    _staff, parent, url, _user, _org = record
    share(parent)
    response = upload(new_client(), url, "maya.json", MAYA.read_bytes())
    assert response.location.startswith("/login?next=")
    assert parent.get("/me/ecomap/document").json["document"]["people"] == []
