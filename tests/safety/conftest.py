"""A safety setting: an admin with a workshop, parents joining it, and their maps."""

import functools
from dataclasses import dataclass

import pytest
from werkzeug.security import generate_password_hash

from cgim.auth import models as auth_models
from cgim.auth.models import Organisation
from cgim.extensions import db
from cgim.parent.models import Parent
from cgim.timeutil import utcnow

HARMED = {"id": "uncle-joe", "label": "Uncle Joe", "sector": "family", "contact": "daily"}
LOCAL_LINE = {"name": "Riverside Family Line", "phone": "0800 111 222", "description": "Free"}
NATIONAL_LINE = {
    "name": "National Child Help",
    "phone": "0808 800 5000",
    "description": "Day and night",
    "kind": "national",
}


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch):
    """Staff passwords hash in one round here; hashing itself is tested in tests/auth."""
    quick = functools.partial(generate_password_hash, method="pbkdf2:sha256:1")
    monkeypatch.setattr(auth_models, "generate_password_hash", quick)


def put_person(client, person: dict) -> int:
    """Add (or replace) one adult on the parent's map through the editor's JSON; new version."""
    current = client.get("/me/ecomap/document").json
    document = current["document"]
    document["people"] = [p for p in document["people"] if p["id"] != person["id"]] + [person]
    saved = client.put(
        "/me/ecomap/document", json={"version": current["version"], "document": document}
    )
    assert saved.status_code == 200, saved.text
    return saved.json["version"]


@dataclass
class Setting:
    """An admin signed in on `staff`, their organisation and workshop, and ways to act on it."""

    app: object
    staff: object
    user_id: int
    org_id: int
    workshop_id: int
    code: str
    join: object
    new_client: object
    parent_id: object

    def parent(self, name: str = "Sam"):
        """A new tablet, joined and consented."""
        return self.join(self.new_client(), self.code, name)

    def add_line(self, **line):
        """The admin adds a help line."""
        return self.staff.post("/team/contacts/", data=line)

    def flag(self, on: bool) -> None:
        """The admin's choice about the unnamed sign."""
        answer = self.staff.post(
            "/team/settings/serious-worries", data={"flag": "on" if on else "off"}
        )
        assert answer.status_code == 302

    def note_serious_worry(self, client) -> None:
        """This parent recorded a serious worry, as the map and safety plan forms note it."""
        with self.app.app_context():
            db.session.get(Parent, self.parent_id(client)).serious_worry_at = utcnow()
            db.session.commit()

    def dashboard(self, client=None) -> str:
        """The live region of the dashboard, as it polls."""
        return (client or self.staff).get(f"/workshops/{self.workshop_id}/live?part=1").text

    def organisation(self):
        """The organisation row."""
        with self.app.app_context():
            return db.session.get(Organisation, self.org_id)


@pytest.fixture
def setting(app, make_user, make_workshop, login, client, join, new_client, parent_id):
    """An admin who runs a workshop in their own organisation."""
    user_id, org_id = make_user("admin")
    workshop_id, code = make_workshop(user_id)
    return Setting(
        app, login(client, user_id), user_id, org_id, workshop_id, code, join, new_client, parent_id
    )
