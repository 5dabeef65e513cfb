"""The access-control matrix, route by route.

Staff see only their organisation's workshops (facilitators and clinicians only their own,
admins all of the organisation's); anything else is 404. A parent reaches only their own
answers; parent and staff sessions never stand in for each other.
"""

import functools

import pytest
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from cgim.auth import models as auth_models
from cgim.auth.models import Organisation
from cgim.extensions import db
from cgim.workshop.models import Workshop

WORKSHOP_GETS = ("/workshops/{id}", "/workshops/{id}/qr.svg")
WORKSHOP_POSTS = ("/workshops/{id}/close", "/workshops/{id}/reopen")
STAFF_PAGES = ("/workshops/", "/workshops/new", "/team")
PARENT_GETS = ("/me", "/me/welcome/1", "/me/welcome/2", "/me/delete")
PARENT_POSTS = ("/me/welcome/1", "/me/answers", "/me/delete", "/me/leave")


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch):
    """Staff passwords hash in one round here; hashing itself is tested in tests/auth."""
    quick = functools.partial(generate_password_hash, method="pbkdf2:sha256:1")
    monkeypatch.setattr(auth_models, "generate_password_hash", quick)


def colleague(app, make_user, org_id: int, role: str) -> int:
    """A new staff member in an existing organisation."""
    with app.app_context():
        org = db.session.get(Organisation, org_id)
    return make_user(role, organisation=org)[0]


def is_open(app, workshop_id: int) -> bool:
    """Whether a workshop still lets parents join."""
    with app.app_context():
        return (
            db.session.scalar(select(Workshop.closed_at).where(Workshop.id == workshop_id)) is None
        )


def statuses(client, workshop_id: int) -> dict[str, int]:
    """The status of every workshop route for one workshop."""
    result = {}
    for path in WORKSHOP_GETS:
        result[path] = client.get(path.format(id=workshop_id)).status_code
    for path in WORKSHOP_POSTS:
        result[path] = client.post(path.format(id=workshop_id)).status_code
    return result


def short_text_step(app) -> tuple[str, str]:
    """(address, prompt id) of the first short-text question of making_connections."""
    language = app.extensions["cgim_content"].language("en")
    for module in language.modules_for("making_connections"):
        for number, step in enumerate(module.steps, start=1):
            if step.kind == "short_text":
                return f"/me/{module.id}/{number}", step.id
    raise AssertionError("no short_text step")


def all_routes(status: int) -> dict[str, int]:
    """Every workshop route with the same status."""
    return dict.fromkeys(WORKSHOP_GETS + WORKSHOP_POSTS, status)


@pytest.fixture
def world(app, make_user, make_workshop):
    """Two organisations: org 1 has an admin, facilitators A and B, a clinician; org 2 an
    admin and a facilitator. A and B each run a workshop."""
    admin1, org1 = make_user("admin")
    fac_a = colleague(app, make_user, org1, "facilitator")
    fac_b = colleague(app, make_user, org1, "facilitator")
    clinician = colleague(app, make_user, org1, "clinician")
    admin2, org2 = make_user("admin")
    fac2 = colleague(app, make_user, org2, "facilitator")
    return {
        "admin1": admin1,
        "fac_a": fac_a,
        "fac_b": fac_b,
        "clinician": clinician,
        "admin2": admin2,
        "fac2": fac2,
        "workshop_a": make_workshop(fac_a, title="Group of A"),
        "workshop_b": make_workshop(fac_b, title="Group of B"),
    }


# --- staff -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", [*STAFF_PAGES, "/workshops/1", "/workshops/1/qr.svg"])
def test_anonymous_staff_pages_redirect_to_login(client, world, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.location.startswith("/login?next=")


@pytest.mark.parametrize("path", ["/workshops/new", *WORKSHOP_POSTS])
def test_anonymous_staff_posts_redirect_to_login_and_change_nothing(app, client, world, path):
    workshop_id = world["workshop_a"][0]
    response = client.post(path.format(id=workshop_id), data={"title": "x"})
    assert response.location.startswith("/login?next=")
    assert is_open(app, workshop_id)
    with app.app_context():
        assert db.session.scalar(select(db.func.count(Workshop.id))) == 2


def test_owner_reaches_every_route_of_their_workshop(client, login, world):
    login(client, world["fac_a"])
    assert statuses(client, world["workshop_a"][0]) == {
        "/workshops/{id}": 200,
        "/workshops/{id}/qr.svg": 200,
        "/workshops/{id}/close": 302,
        "/workshops/{id}/reopen": 302,
    }


@pytest.mark.parametrize("who", ["fac_b", "clinician", "admin2", "fac2"])
def test_others_get_404_on_every_route_of_a_workshop(app, client, login, world, who):
    login(client, world[who])
    workshop_id, code = world["workshop_a"]

    assert statuses(client, workshop_id) == all_routes(404)
    assert is_open(app, workshop_id)  # the close attempt did nothing
    listing = client.get("/workshops/").text
    assert "Group of A" not in listing
    assert code not in listing


def test_a_reopen_by_someone_else_does_not_reopen(app, client, new_client, login, world):
    workshop_id = world["workshop_a"][0]
    login(client, world["fac_a"]).post(f"/workshops/{workshop_id}/close")
    intruder = login(new_client(), world["fac_b"])
    assert intruder.post(f"/workshops/{workshop_id}/reopen").status_code == 404
    assert not is_open(app, workshop_id)


def test_org_admin_reaches_every_workshop_of_the_organisation(app, client, login, world):
    login(client, world["admin1"])
    listing = client.get("/workshops/").text
    for key in ("workshop_a", "workshop_b"):
        workshop_id, code = world[key]
        assert code in listing
        assert client.get(f"/workshops/{workshop_id}").status_code == 200
        assert client.get(f"/workshops/{workshop_id}/qr.svg").status_code == 200
        assert client.post(f"/workshops/{workshop_id}/close").status_code == 302
        assert not is_open(app, workshop_id)
    assert "Group of A" in listing
    assert "Group of B" in listing


def test_other_organisation_sees_nothing_of_org_1(client, login, world, make_workshop):
    own_id, own_code = make_workshop(world["fac2"], title="Org 2 group")
    login(client, world["admin2"])
    listing = client.get("/workshops/").text
    assert own_code in listing
    for key in ("workshop_a", "workshop_b"):
        assert world[key][1] not in listing
        assert statuses(client, world[key][0]) == all_routes(404)
    assert client.get(f"/workshops/{own_id}").status_code == 200


def test_unknown_workshop_is_404_too(client, login, world):
    login(client, world["admin1"])
    assert statuses(client, 999_999) == all_routes(404)


def test_team_page_matrix(client, new_client, login, world):
    for who, status in (("admin1", 200), ("admin2", 200), ("fac_a", 404), ("clinician", 404)):
        assert login(new_client(), world[who]).get("/team").status_code == status


# --- parents ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", PARENT_GETS)
def test_parent_pages_without_parent_session_redirect_to_join(client, path):
    assert client.get(path).location == "/join"


@pytest.mark.parametrize("path", PARENT_POSTS)
def test_parent_posts_without_parent_session_redirect_to_join(client, path):
    assert client.post(path, json={"prompt": "welcome-enjoys", "value": "x"}).location == "/join"


def two_parents(new_client, join, make_user, make_workshop, same_workshop=True):
    """Parents A and B, in one workshop or in workshops of two organisations."""
    user_id, _org = make_user()
    _id, code = make_workshop(user_id)
    other_code = code if same_workshop else make_workshop(make_user()[0])[1]
    return join(new_client(), code, "Alex"), join(new_client(), other_code, "Billie")


@pytest.mark.parametrize("same_workshop", [True, False])
def test_each_parent_reads_and_writes_only_their_own_answers(
    app, new_client, join, make_user, make_workshop, parent_id, answers_of, same_workshop
):
    url, prompt = short_text_step(app)
    alex, billie = two_parents(new_client, join, make_user, make_workshop, same_workshop)
    alex.post("/me/answers", json={"prompt": prompt, "value": "Alex secret"})
    billie.post(url, data={"answer": "Billie secret", "go": "next"})
    # Billie types over the same prompt: the session decides whose answer it is.
    billie.post("/me/answers", json={"prompt": prompt, "value": "Billie again"})

    assert answers_of(parent_id(alex)) == {prompt: "Alex secret"}
    assert answers_of(parent_id(billie)) == {prompt: "Billie again"}
    for mine, name in ((alex, "Billie"), (billie, "Alex")):
        pages = mine.get(url).text + mine.get("/me").text
        assert f"{name} secret" not in pages
        assert f"{name} again" not in pages
        assert f"Hello, {name}" not in pages
    assert "Alex secret" in alex.get(url).text
    assert "Billie again" in billie.get(url).text


def test_a_cookie_naming_another_parent_is_not_a_session(
    app, new_client, join, make_user, make_workshop, parent_id, answers_of
):
    _url, prompt = short_text_step(app)
    alex, billie = two_parents(new_client, join, make_user, make_workshop)
    billie_id = parent_id(billie)
    with alex.session_transaction() as session:
        session["parent"] = [billie_id, session["parent"][1]]  # Alex's own token

    assert alex.get("/me").location == "/join"
    assert alex.post("/me/answers", json={"prompt": prompt, "value": "x"}).location == "/join"
    assert answers_of(billie_id) == {}


def test_a_parent_cannot_reach_modules_outside_their_format(
    app, new_client, join, make_user, make_workshop
):
    language = app.extensions["cgim_content"].language("en")
    inside = {m.id for m in language.modules_for("making_connections")}
    [outside] = [m for m in language.modules_for("full_cgim") if m.id not in inside]
    alex, _billie = two_parents(new_client, join, make_user, make_workshop)
    assert alex.get(f"/me/{outside.id}/1").status_code == 404
    saved = alex.post("/me/answers", json={"prompt": outside.asking_steps[0].id, "value": "x"})
    assert saved.status_code == 404
    assert saved.json == {"error": "That question is not part of your workshop."}


@pytest.mark.parametrize("path", [*STAFF_PAGES, "/workshops/{id}", "/workshops/{id}/qr.svg"])
def test_a_parent_session_cannot_reach_staff_pages(client, join, make_user, make_workshop, path):
    workshop_id, code = make_workshop(make_user("admin")[0])
    join(client, code)
    assert client.get(path.format(id=workshop_id)).location.startswith("/login?next=")
    assert client.post(f"/workshops/{workshop_id}/close").location.startswith("/login")


def test_a_staff_session_is_not_a_parent_session(app, client, login, world):
    login(client, world["fac_a"])
    for path in PARENT_GETS:
        assert client.get(path).location == "/join"
    for path in PARENT_POSTS:
        assert (
            client.post(path, json={"prompt": "welcome-enjoys", "value": "x"}).location == "/join"
        )
    assert client.get("/workshops/").status_code == 200  # still signed in as staff
