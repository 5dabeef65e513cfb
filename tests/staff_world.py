"""Two real organisations, made as an agency would: `cgim org create` and `cgim create-user`.

Each has one account of every role, a workshop run by its facilitator with its clinician
helping, three parents (one shares their map, one asks for help, one shares words), a help
line, and a spare facilitator. Tests build one world each and read it through `World`.
"""

import re
from dataclasses import dataclass, field

from sqlalchemy import select

from cgim.auth.access import ACCOUNT
from cgim.auth.models import ROLES, User
from cgim.cli import cli
from cgim.contacts.models import LocalContact
from cgim.extensions import db
from cgim.parent import services as parent_services
from cgim.parent.models import Parent, SharedText
from tests.conftest import PASSWORD

NAMES = {1: "Hilltop Family Centre", 2: "Riverside Parents Trust"}
WORDS = {1: "One", 2: "Two"}  # in every name of an organisation's people and things


# Pages anyone may open, the parent's own (tests/test_access_control.py covers those), and
# the session clock, which tells anyone only how many seconds their own session has left.
NOT_STAFF = re.compile(
    r"^/(|healthz|ping|login.*|logout|setup|reset/.*|resume|join.*|me.*|exit"
    r"|account/idle|account/stay)$"
)
OWN_ACCOUNT = "/account"


def staff_rules(app) -> list:
    """Every staff URL rule of the app, in a fixed order."""
    rules = [
        rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and not NOT_STAFF.match(rule.rule)
    ]
    return sorted(rules, key=lambda rule: rule.rule)


def permission_of(app, rule) -> str:
    """What a staff URL needs: its view's requires(...) mark; one's own account otherwise."""
    needed = getattr(app.view_functions[rule.endpoint], "required_permission", None)
    if needed is None and rule.rule.startswith(OWN_ACCOUNT):
        return ACCOUNT
    assert needed, f"{rule.rule} has no requires(permission) (cgim/auth/access.py)"
    return needed


def requests_of(app, values: dict) -> list[tuple[str, str, str, bool]]:
    """(method, url, permission, about a thing) for every staff URL; GETs before POSTs."""
    found = []
    for rule in staff_rules(app):
        url = rule.rule
        for name in rule.arguments:
            url = re.sub(rf"<(?:[a-z]+:)?{name}>", str(values[name]), url)
        for method in sorted(rule.methods & {"GET", "POST"}):
            found.append((method, url, permission_of(app, rule), bool(rule.arguments)))
    return sorted(found, key=lambda r: (r[0] != "GET", r[1]))


def run_cli(app, *args: str):
    """Run a `cgim` command against the test app, as Flask's test runner hands it over."""
    return app.test_cli_runner().invoke(cli, list(args))


def org_create(app, name: str) -> int:
    """`cgim org create NAME`: the id it prints."""
    result = run_cli(app, "org", "create", name)
    assert result.exit_code == 0, result.stderr
    return int(result.stdout.strip())


def create_user(app, organisation: str, role: str, email: str, name: str) -> int:
    """`cgim create-user --organisation NAME --role ROLE`: the new account's id."""
    result = run_cli(
        app,
        "create-user",
        "--email",
        email,
        "--name",
        name,
        "--role",
        role,
        "--organisation",
        organisation,
        "--password",
        PASSWORD,
    )
    assert result.exit_code == 0, result.stderr
    with app.app_context():
        return db.session.scalar(select(User.id).where(User.email == email.lower()))


@dataclass
class Org:
    """One organisation of the world: ids of its people and things, and words only it has."""

    id: int
    name: str
    staff: dict[str, int] = field(default_factory=dict)  # role (and "spare") -> user id
    workshop: int = 0
    code: str = ""
    parents: dict[str, int] = field(default_factory=dict)  # nickname -> parent id
    text: int = 0
    contact: int = 0
    markers: list[str] = field(default_factory=list)

    def values(self) -> dict:
        """What a staff URL of this organisation is filled with."""
        return {
            "workshop_id": self.workshop,
            "parent_id": next(iter(self.parents.values())),
            "text_id": self.text,
            "contact_id": self.contact,
            "user_id": self.staff["spare"],
            "kind": "svg",
        }


def build_org(app, n: int, make_workshop, join, new_client, parent_id, login) -> Org:
    """One organisation, its staff through the command line, its room through the pages."""
    word = WORDS[n]
    org = Org(id=org_create(app, NAMES[n]), name=NAMES[n])
    for role in ROLES:
        org.staff[role] = create_user(
            app, org.name, role, f"{role}.{word}@example.org".lower(), f"{role.title()} {word}"
        )
    # Named by its id this time: the command takes either.
    spare = f"spare.{word}@example.org".lower()
    org.staff["spare"] = create_user(app, str(org.id), "facilitator", spare, f"Spare {word}")
    org.workshop, org.code = make_workshop(org.staff["facilitator"], title=f"Group {word}")
    runner = login(new_client(), org.staff["facilitator"])
    helped = runner.post(
        f"/workshops/{org.workshop}/colleagues", data={"colleague": org.staff["clinician"]}
    )
    assert helped.status_code == 302
    families = {}
    for nickname in (f"Robin{word}", f"Kai{word}", f"Ash{word}"):
        families[nickname] = join(new_client(), org.code, nickname)
        org.parents[nickname] = parent_id(families[nickname])
    share_map(families[f"Robin{word}"])
    assert families[f"Kai{word}"].post("/me/help").status_code == 302
    org.text = shared_words(app, org.parents[f"Ash{word}"], f"Shared words {word}")
    admin = login(new_client(), org.staff["admin"])
    line = {"name": f"Helpline {word}", "phone": "0800 000", "kind": "local"}
    assert admin.post("/team/contacts/", data=line).status_code == 302
    with app.app_context():
        org.contact = db.session.scalar(
            select(LocalContact.id).where(LocalContact.organisation_id == org.id)
        )
    org.markers = [org.name, org.code, f"Group {word}", f"Helpline {word}", *families]
    org.markers += [f"{role.title()} {word}" for role in ROLES] + [f"Spare {word}", spare]
    return org


def share_map(parent) -> None:
    """The parent shares their (empty) map with staff."""
    version = parent.get("/me/ecomap/document").json["version"]
    shared = parent.post("/me/ecomap/share", data={"version": version, "share": "yes"})
    assert shared.status_code == 302


def shared_words(app, pid: int, text: str) -> int:
    """The parent offers words to the room (they wait for the facilitator): the row's id."""
    with app.app_context():
        parent = db.session.get(Parent, pid)
        parent_services.share_text(parent, "welcome-enjoys", text, True)
        db.session.commit()
        return db.session.scalar(select(SharedText.id).where(SharedText.parent_id == pid))


@dataclass
class World:
    """Two organisations made through the supported commands."""

    one: Org
    two: Org


def build_world(app, make_workshop, join, new_client, parent_id, login) -> World:
    """Both organisations, in order: ids and codes differ, nothing is shared."""
    args = (make_workshop, join, new_client, parent_id, login)
    return World(build_org(app, 1, *args), build_org(app, 2, *args))
