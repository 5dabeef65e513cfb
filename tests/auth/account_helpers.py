"""Shared by the account life-cycle tests: a team of two, reading users back, reset links."""

import re

from sqlalchemy import select

from cgim.auth.models import Organisation, PasswordReset, User
from cgim.extensions import db
from tests.conftest import PASSWORD

NEW_PASSWORD = "kettle river blue sock"


def user(app, user_id: int) -> User:
    """A fresh copy of a user, read outside any request."""
    with app.app_context():
        found = db.session.get(User, user_id)
        db.session.expunge(found)
        return found


def sign_in(client, app, user_id: int, password: str = PASSWORD):
    """POST the sign-in form as this user."""
    return client.post("/login", data={"email": user(app, user_id).email, "password": password})


def signed_in(client) -> bool:
    """True while the client's staff session works (a staff page opens, not the sign-in)."""
    return client.get("/account").status_code == 200


def team(app, make_user, *roles: str) -> list[int]:
    """Users of one organisation with these roles, in order: their ids."""
    first, org_id = make_user(roles[0], name="Ada Admin" if roles[0] == "admin" else None)
    ids = [first]
    for role in roles[1:]:
        with app.app_context():
            organisation = db.session.get(Organisation, org_id)
        ids.append(make_user(role, organisation=organisation)[0])
    return ids


def link_on(page: str) -> str:
    """The reset link shown on the page an admin sees once."""
    return re.search(r'id="reset-link"[^>]*value="([^"]+)"', page).group(1)


def path_of(link: str) -> str:
    """The path of a whole link (/reset/...)."""
    return "/reset/" + link.rsplit("/reset/", 1)[1]


def reset_rows(app, user_id: int) -> list[tuple]:
    """(token_hash, used_at is set) of every reset link of a user, oldest first."""
    with app.app_context():
        query = select(PasswordReset).where(PasswordReset.user_id == user_id)
        return [(r.token_hash, r.used_at is not None) for r in db.session.scalars(query)]
