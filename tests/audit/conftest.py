"""Two organisations with staff, a workshop each and families, for the audit log's tests."""

import functools
from dataclasses import dataclass

import pytest
from werkzeug.security import generate_password_hash

from cgim.auth import models as auth_models
from cgim.auth.models import Organisation
from cgim.extensions import db


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch):
    """Staff passwords hash in one round here; hashing itself is tested in tests/auth."""
    quick = functools.partial(generate_password_hash, method="pbkdf2:sha256:1")
    monkeypatch.setattr(auth_models, "generate_password_hash", quick)


@dataclass
class Agency:
    """One organisation: an admin, a facilitator, a workshop and its families' clients."""

    org_id: int
    admin_id: int
    facilitator_id: int
    workshop_id: int
    admin: object
    facilitator: object
    families: dict  # nickname -> parent id
    tablets: dict  # nickname -> the parent's client

    def record(self, nickname: str) -> str:
        """The address of a family's record."""
        return f"/workshops/{self.workshop_id}/parents/{self.families[nickname]}/"


@pytest.fixture
def agency(app, make_user, make_workshop, login, join, new_client, parent_id):
    """Factory: an organisation with an admin, a facilitator, a workshop and families."""

    def make(name: str, admin: str, facilitator: str, title: str, nicknames: tuple[str, ...]):
        admin_id, org_id = make_user("admin", name=admin)
        with app.app_context():
            org = db.session.get(Organisation, org_id)
            org.name = name
            db.session.commit()
        facilitator_id, _org = make_user("facilitator", organisation=org, name=facilitator)
        workshop_id, code = make_workshop(facilitator_id, title=title)
        tablets = {n: join(new_client(), code, n) for n in nicknames}
        families = {n: parent_id(tablet) for n, tablet in tablets.items()}
        return Agency(
            org_id,
            admin_id,
            facilitator_id,
            workshop_id,
            login(new_client(), admin_id),
            login(new_client(), facilitator_id),
            families,
            tablets,
        )

    return make


@pytest.fixture
def riverside(agency):
    """Riverside: Ada (admin), Ben (facilitator), the Tuesday group with Sam and Kim."""
    return agency("Riverside", "Ada Admin", "Ben Facilitator", "Tuesday group", ("Sam", "Kim"))


@pytest.fixture
def hilltop(agency):
    """Hilltop: Cai (admin), Dee (facilitator), the Hilltop evening with Lee."""
    return agency("Hilltop", "Cai Admin", "Dee Facilitator", "Hilltop evening", ("Lee",))
