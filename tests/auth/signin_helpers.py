"""Shared by the sign-in tests: a clock the tests move, sign-in by address, two-step set-up."""

import re
from datetime import UTC, datetime, timedelta

import pyotp

from cgim.auth.models import User
from cgim.extensions import db
from tests.conftest import PASSWORD

WRONG = "That email and password do not match an account."
LOCKED = "An admin in your organisation can unlock it on the Team page."


class Clock:
    """Now, as the app and the guess counters see it; tests move it forward."""

    def __init__(self):
        self.now = datetime.now(UTC).replace(microsecond=0)

    def advance(self, seconds: float = 0, minutes: float = 0) -> None:
        """Move time on."""
        self.now += timedelta(seconds=seconds, minutes=minutes)


def email_of(app, user_id: int) -> str:
    """The email of a user id."""
    with app.app_context():
        return db.session.get(User, user_id).email


def from_address(app, address: str):
    """A new browser whose requests come from the given address."""
    browser = app.test_client()
    browser.environ_base["REMOTE_ADDR"] = address
    return browser


def sign_in(client, email: str, password: str = PASSWORD, **kwargs):
    """POST the login form."""
    return client.post("/login", data={"email": email, "password": password}, **kwargs)


def secret_on(page: str) -> str:
    """The authenticator key as the set-up page shows it, without its spaces."""
    shown = re.search(r'id="two-step-secret">([A-Z2-7 ]+)<', page).group(1)
    return shown.replace(" ", "")


def codes_on(page: str) -> list[str]:
    """The recovery codes a page shows."""
    return re.findall(r"<li><code>([A-Z0-9-]+)</code></li>", page)


def turn_on(client) -> tuple[str, list[str]]:
    """Set up two-step sign-in through the pages; (secret, recovery codes)."""
    secret = secret_on(client.get("/account/two-step").text)
    page = client.post("/account/two-step", data={"code": pyotp.TOTP(secret).now()})
    assert page.status_code == 200, page.text
    return secret, codes_on(page.text)


def signed_in(client) -> bool:
    """The client can open the workshops page."""
    return client.get("/workshops/").status_code == 200
