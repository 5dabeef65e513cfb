"""Realistic states for the hostile barrage, built through the app's own pages: an admin with a
workshop and a colleague, a parent with a full map, answers and a plan, and a visitor."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from cgim.auth.models import User
from cgim.extensions import db, limiter

from .conftest import PASSWORD
from .hostile_surface import parse

COOKIE = "cgim_session"
TAKES_AWAY = re.compile(r"no_longer|remove|delete")  # a person building a plan only adds
PEOPLE = [
    {
        "id": "rosa",
        "label": "Aunt Rosa",
        "sector": "family",
        "closeness": 3,
        "contact": "weekly",
        "support": ["emotional", "companionship"],
        "child_feels": "likes",
        "parent_trust": "high",
        "fit": ["reliable"],
        "concerns": ["gifts", "secrets"],
        "x": 0.3,
        "y": -0.1,
    },
    {
        "id": "coach-sam",
        "label": "Coach Sam",
        "sector": "activities",
        "closeness": 2,
        "contact": "weekly",
        "support": ["informational"],
        "child_feels": "likes",
        "parent_trust": "some",
        "fit": ["shares_interests"],
        "concerns": [],
    },
    {
        "id": "uncle-lee",
        "label": "Uncle Lee",
        "sector": "family",
        "closeness": 1,
        "contact": "rarely",
        "support": [],
        "child_feels": "uneasy",
        "parent_trust": "low",
        "concerns": ["violence"],
    },
]
TIES = [
    {"a": "child", "b": "rosa", "kind": "strong", "flow": "both"},
    {"a": "me", "b": "coach-sam", "kind": "moderate", "flow": "a_to_b"},
    {"a": "child", "b": "uncle-lee", "kind": "stressful", "flow": "none"},
]
PLAN_PAGES = (
    "/me/plan/safety/rosa",
    "/me/plan/safety/uncle-lee",
    "/me/plan/child",
    "/me/plan/ask",
    "/me/plan/rehearse",
    "/me/plan/follow-up",
)
TYPED = {
    "text": "Rosa listens",
    "textarea": "We meet on Sundays.",
    "email": "a@example.org",
    "number": "3",
    "password": PASSWORD,
    "date": "2026-12-01",
    "tel": "0800 123",
}


@dataclass
class State:
    """One browser in a known situation, and how to tell it is still who it was."""

    name: str
    client: object
    seeds: list[str]
    key: str | None = None  # the session entry saying who this browser is
    valid: Callable[[object], object] | None = None  # the id behind it, if the app honours it
    identity: object = None
    cookie: str | None = None
    lost: int = 0
    extra: dict = field(default_factory=dict)

    def save(self) -> None:
        """Remember the session cookie, to put it back after a request signs the browser out."""
        cookie = self.client.get_cookie(COOKIE)
        self.cookie = cookie.value if cookie else None

    def current(self):
        """Who the app takes this browser for now (None: nobody)."""
        with self.client.session_transaction() as session:
            value = session.get(self.key)
        return None if value is None else self.valid(value)

    def holds(self) -> bool:
        """Whether the browser is still who it was (not signed out, not someone else)."""
        return self.key is None or self.current() == self.identity


def filled(form) -> list[tuple[str, str]]:
    """What a person would send: the drawn values, a word in each box, the first choices."""
    pairs, chosen = [], set()
    for f in form.fields:
        if f.kind in ("checkbox", "radio"):
            if f.name not in chosen and not TAKES_AWAY.search(f.name):
                chosen.add(f.name)
                pairs.append((f.name, f.options[0]))
        elif f.kind == "select":
            options = [o for o in f.options if o] or [""]
            pairs.append((f.name, f.value or options[0]))
        elif f.kind in TYPED and not f.value:
            pairs.append((f.name, TYPED[f.kind]))
        elif f.kind not in ("file", "submit", "button", "submit-value", "image", "reset"):
            pairs.append((f.name, f.value))
    return pairs


def fill_page(client, url: str):
    """Open a page and submit its first POST form to itself, as a person would."""
    page = client.get(url)
    if page.status_code != 200:
        return page
    for form in parse(url, page.get_data(as_text=True)).forms:
        target = urlsplit(form.action).path
        if form.method == "POST" and target == urlsplit(url).path:
            return client.post(target, data=MultiDict(filled(form)))
    return page


def post_form(client, url: str, action: str, changes: dict):
    """Submit the form for `action` on the page at `url` as drawn, with some values changed."""
    for form in parse(url, client.get(url).text).forms:
        if urlsplit(form.action).path == action:
            pairs = [(n, v) for n, v in form.drawn() if n not in changes]
            return client.post(action, data=MultiDict(pairs + list(changes.items())))
    raise AssertionError(f"no form for {action} on {url}")


def walk_steps(client, limit: int = 200) -> list[str]:
    """Answer every module's screens in order, as a parent would, from each first screen."""
    screen = re.compile(r"^/me/[\w-]+/\d+$")
    firsts = sorted(
        link for link in parse("/me", client.get("/me").text).links if screen.match(link)
    )
    done: list[str] = []
    for url in firsts:
        while url and screen.match(url) and url not in done and len(done) < limit:
            done.append(url)
            response = fill_page(client, url)
            url = urlsplit(response.location).path if response.status_code == 302 else None
    return done


def build_parent(client, code: str, join) -> list[str]:
    """Join, draw the map (people, ties, worries), answer the screens and make the plan."""
    join(client, code)
    got = client.get("/me/ecomap/document").json
    document = got["document"]
    document["people"] = [dict(p) for p in PEOPLE]
    document["ties"] = [dict(t) for t in TIES]
    put = client.put("/me/ecomap/document", json={"version": got["version"], "document": document})
    assert put.status_code == 200, put.get_json()
    screens = walk_steps(client)
    assert len(screens) > 20, screens
    for url in PLAN_PAGES:
        saved = fill_page(client, url)
        assert saved.status_code == 302, (url, saved.status_code)
    for action, extra in (("/me/ecomap/share", {"share": "yes"}), ("/me/ecomap/snapshot", {})):
        post_form(client, "/me/ecomap", action, extra)
    client.post("/me/help", data={"help": "yes"})
    client.post("/me/safety/talk", data={"person": "rosa", "talk": "yes"})
    return screens


def build_staff(app, make_user, make_workshop, login, new_client):
    """An admin with a workshop, a colleague added through /team and made co-facilitator."""
    admin_id, _org = make_user(role="admin")
    admin = login(new_client(), admin_id)
    workshop_id, code = make_workshop(admin_id)
    email = "colleague@example.org"
    added = admin.post(
        "/team",
        data={"name": "Col League", "email": email, "role": "facilitator", "password": PASSWORD},
    )
    assert added.status_code == 302, added.text[:500]
    with app.app_context():
        colleague_id = db.session.scalar(select(User.id).where(User.email == email))
    admin.post(f"/workshops/{workshop_id}/colleagues", data={"colleague": str(colleague_id)})
    fill_page(admin, "/team/contacts/")
    colleague = login(new_client(), colleague_id)
    return admin, admin_id, colleague, colleague_id, workshop_id, code


def resume_code(client) -> str | None:
    """The parent's resume code, as their page shows it."""
    found = re.search(r'class="resume-code">([A-Z0-9-]+)<', client.get("/me").text)
    return found.group(1) if found else None


def restore(state: State, rebuild) -> None:
    """Put a browser back as it was: its cookie again, else the resume code, else rebuild."""
    limiter.reset()
    if "keeper" in state.extra:
        state.extra["keeper"].heal()
    state.lost += 1
    if state.cookie:
        state.client.set_cookie(COOKIE, state.cookie)
        if state.holds() and state.client.get(state.seeds[0]).status_code == 200:
            return
    code = state.extra.get("resume")
    if code:
        state.client.post("/resume", data={"code": code})
        if state.holds():
            state.save()
            return
    rebuild(state)
    state.identity = state.current()
    state.save()


class Keeper:
    """Puts staff accounts and organisation settings back as set up (roles, passwords,
    two-step, idle time, locks), so one hostile request cannot lock the rest of the run out."""

    TABLES = ("organisations", "users")

    def __init__(self, app) -> None:
        self.app = app
        with app.app_context():
            self.rows = {name: self.read(name) for name in self.TABLES}

    def read(self, name: str) -> list[dict]:
        table = db.metadata.tables[name]
        return [dict(row._mapping) for row in db.session.execute(table.select())]

    def heal(self) -> None:
        with self.app.app_context():
            for name, rows in self.rows.items():
                table = db.metadata.tables[name]
                if self.read(name) != rows:
                    for row in rows:
                        db.session.execute(
                            table.update().where(table.c.id == row["id"]).values(row)
                        )
            for table in db.metadata.sorted_tables:
                if "fail" in table.name:
                    db.session.execute(table.delete())
            db.session.commit()


def top_up(client) -> None:
    """Put the parent's people and ties back if the barrage took them away."""
    got = client.get("/me/ecomap/document").get_json(silent=True) or {}
    document = got.get("document")
    if not isinstance(document, dict):
        return
    ids = {p.get("id") for p in document.get("people", [])}
    missing = [dict(p) for p in PEOPLE if p["id"] not in ids]
    if missing:
        document["people"] = [*document.get("people", []), *missing]
        document["ties"] = [*document.get("ties", []), *(dict(t) for t in TIES)]
        client.put("/me/ecomap/document", json={"version": got["version"], "document": document})
