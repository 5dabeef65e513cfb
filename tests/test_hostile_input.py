"""Hostile input: huge text, HTML and script, odd codes and ids, wrong JSON types.

The app must never answer 500 (in tests an unhandled error is raised, failing the test) and
must never render a visitor's markup as markup.
"""

import functools
import json

import pytest
from markupsafe import escape
from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from cgim.auth import models as auth_models
from cgim.auth.models import Organisation, User
from cgim.extensions import db
from cgim.parent.models import Answer, Parent, SaveReceipt
from cgim.workshop.models import Workshop

HUGE = "x" * 100_000
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
PAYLOADS = (SCRIPT, IMG)
SETUP = {
    "organisation": "Org",
    "name": "Ada",
    "email": "ada@example.org",
    "password": "a long enough password",
    "confirm": "a long enough password",
}
TEXT_KINDS = ("short_text", "long_text")


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch):
    """Staff passwords hash in one round here; hashing itself is tested in tests/auth."""
    quick = functools.partial(generate_password_hash, method="pbkdf2:sha256:1")
    monkeypatch.setattr(auth_models, "generate_password_hash", quick)


def short_id(value) -> str | None:
    """Test ids stay readable when a parameter is thousands of characters long."""
    return f"{value[:24]}...({len(value)})" if isinstance(value, str) and len(value) > 40 else None


def rows(app, model) -> int:
    """Rows in a table."""
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def step_of(app, kind: str) -> tuple[str, object]:
    """(address, step) of the first step of a kind in making_connections."""
    modules = app.extensions["cgim_content"].language("en").modules_for("making_connections")
    for module in modules:
        for number, step in enumerate(module.steps, start=1):
            if step.kind == kind:
                return f"/me/{module.id}/{number}", step
    raise AssertionError(f"no {kind} step")


def prompt_of(app, kind: str) -> str:
    """The id of the first question of a kind."""
    return step_of(app, kind)[1].id


def assert_escaped(page: str, payload: str) -> None:
    """The payload is on the page as text, never as markup."""
    assert payload not in page
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert str(escape(payload)) in page


def assert_not_server_error(response) -> None:
    """Any answer but a server error."""
    assert response.status_code < 500, response.status_code


def signed_in_staff(client, make_user, login, role="admin"):
    """A signed-in member of staff and their user id."""
    user_id, _org = make_user(role)
    login(client, user_id)
    return user_id


# --- very long text --------------------------------------------------------------------


@pytest.mark.parametrize("field", ["organisation", "name", "email", "password", "confirm"])
def test_huge_setup_fields_are_refused(app, client, field):
    response = client.post("/setup", data={**SETUP, field: HUGE})
    assert response.status_code == 200
    assert 'class="error"' in response.text
    assert rows(app, User) == rows(app, Organisation) == 0


@pytest.mark.parametrize("field", ["email", "password"])
def test_huge_login_fields_are_refused_at_the_boundary(client, make_user, field):
    make_user(email="ada@example.org")
    response = client.post(
        "/login", data={"email": "ada@example.org", "password": "x", field: HUGE}
    )
    assert response.status_code == 200
    assert "longer than we can keep (20000 characters)" in response.text
    assert "That email and password do not match" not in response.text  # never even tried


@pytest.mark.parametrize("field", ["name", "email", "password", "role"])
def test_huge_team_fields_are_refused(app, client, make_user, login, field):
    signed_in_staff(client, make_user, login)
    data = {
        "name": "Fran",
        "email": "fran@example.org",
        "role": "facilitator",
        "password": "long enough 1",
        field: HUGE,
    }
    response = client.post("/team", data=data)
    assert response.status_code == 200
    assert rows(app, User) == 1


@pytest.mark.parametrize("field", ["title", "format_id", "language", "date"])
def test_huge_workshop_fields_are_refused(app, client, make_user, login, field):
    signed_in_staff(client, make_user, login, "facilitator")
    data = {
        "title": "Group",
        "format_id": "making_connections",
        "language": "en",
        "date": "2026-12-01",
        field: HUGE,
    }
    response = client.post("/workshops/new", data=data)
    assert response.status_code == 200
    assert rows(app, Workshop) == 0


def test_huge_join_and_resume_codes_are_refused(client):
    for path in ("/join", "/resume"):
        response = client.post(path, data={"code": HUGE})
        assert response.status_code == 200
        assert "Field cannot be longer than 20 characters." in response.text


@pytest.mark.parametrize("field", ["nickname", "language"])
def test_huge_name_fields_are_refused(app, client, make_user, make_workshop, field):
    _id, code = make_workshop(make_user()[0])
    response = client.post(f"/join/{code}", data={"nickname": "Sam", "language": "en", field: HUGE})
    assert response.status_code == 200
    assert 'class="error"' in response.text
    with client.session_transaction() as session:
        assert "joining" not in session


@pytest.fixture
def parent(client, join, make_user, make_workshop):
    """A parent who has joined a making_connections workshop."""
    _id, code = make_workshop(make_user()[0])
    return join(client, code)


@pytest.mark.parametrize("kind", TEXT_KINDS)
def test_huge_step_answers_are_refused(app, parent, kind):
    response = parent.post(step_of(app, kind)[0], data={"answer": HUGE, "go": "next"})
    assert response.status_code == 400
    assert "characters or fewer." in response.text
    assert rows(app, Answer) == 0


@pytest.mark.parametrize("field", ["save_key", "go"])
def test_huge_hidden_step_fields_never_break_the_save(app, parent, parent_id, answers_of, field):
    url, step = step_of(app, "short_text")
    data = {"answer": "Football", "go": "next", "save_key": "k" * 32, field: HUGE}
    response = parent.post(url, data=data)
    assert_not_server_error(response)
    assert answers_of(parent_id(parent)) in ({}, {step.id: "Football"})


@pytest.mark.parametrize(
    ("kind", "field", "status"),
    [
        ("short_text", "value", 400),
        ("long_text", "value", 400),
        ("short_text", "prompt", 400),  # longer than any text we take: refused at the boundary
        ("short_text", "key", 400),
    ],
)
def test_huge_autosave_json(app, parent, parent_id, answers_of, kind, field, status):
    body = {"prompt": prompt_of(app, kind), "value": "x", field: HUGE}
    response = parent.post("/me/answers", json=body)
    assert response.status_code == status
    assert response.is_json
    assert answers_of(parent_id(parent)) == {}


def test_many_ticks_of_one_box_store_it_once(app, parent, parent_id, answers_of):
    _url, step = step_of(app, "multiple_choice")
    option = step.option_ids[0]
    response = parent.post("/me/answers", json={"prompt": step.id, "value": [option] * 1_500})
    assert response.status_code == 200
    assert answers_of(parent_id(parent)) == {step.id: [option]}


def test_a_list_longer_than_the_boundary_takes_is_400(app, parent, parent_id, answers_of):
    _url, step = step_of(app, "multiple_choice")
    option = step.option_ids[0]
    response = parent.post("/me/answers", json={"prompt": step.id, "value": [option] * 20_000})
    assert response.status_code == 400
    assert response.json["field"] == "value"
    assert answers_of(parent_id(parent)) == {}


def test_body_over_the_size_limit_is_413(app, parent):
    body = {"prompt": prompt_of(app, "long_text"), "value": "x" * 2_000_000}
    response = parent.post("/me/answers", json=body)
    assert response.status_code == 413
    assert response.is_json


def test_deeply_nested_json_is_refused(app, parent):
    response = parent.post("/me/answers", data="[" * 100_000, content_type="application/json")
    assert response.status_code == 400
    assert response.is_json


# --- HTML and script -------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markup_as_nickname_is_escaped_everywhere(
    app, client, new_client, make_user, login, make_workshop, payload, resume_code_of
):
    staff = new_client()
    workshop_id, code = make_workshop(signed_in_staff(staff, make_user, login, "facilitator"))
    client.post(f"/join/{code}", data={"nickname": payload, "language": "en"})
    assert_escaped(client.get(f"/join/{code}/consent").text, payload)
    client.post(f"/join/{code}/consent")

    with app.app_context():
        assert db.session.scalar(select(Parent.nickname)) == payload  # stored as typed
    assert_escaped(client.get("/me").text, payload)
    tablet = new_client()
    tablet.post("/resume", data={"code": resume_code_of(client)})
    assert_escaped(tablet.get("/me").text, payload)  # the "Welcome back" message
    assert_escaped(staff.get(f"/workshops/{workshop_id}").text, payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markup_as_workshop_title_is_escaped_everywhere(
    app, client, new_client, make_user, login, payload
):
    signed_in_staff(client, make_user, login, "facilitator")
    data = {
        "title": payload,
        "format_id": "making_connections",
        "language": "en",
        "date": "2026-12-01",
    }
    created = client.post("/workshops/new", data=data)
    with app.app_context():
        workshop = db.session.scalar(select(Workshop))
        assert workshop.title == payload

    assert_escaped(client.get(created.location).text, payload)
    assert_escaped(client.get("/workshops/").text, payload)
    assert_escaped(new_client().get(f"/join/{workshop.join_code}").text, payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markup_as_organisation_and_staff_names_is_escaped(app, client, payload):
    client.post("/setup", data={**SETUP, "organisation": payload, "name": payload})
    with app.app_context():
        assert db.session.scalar(select(Organisation.name)) == payload
    client.post(
        "/team",
        data={
            "name": payload,
            "email": "fran@example.org",
            "role": "facilitator",
            "password": "long enough 1",
        },
    )
    assert_escaped(client.get("/team").text, payload)  # org name, names, "Account added for"
    client.post(
        "/workshops/new",
        data={
            "title": "Group",
            "format_id": "making_connections",
            "language": "en",
            "date": "2026-12-01",
        },
    )
    assert_escaped(client.get("/workshops/").text, payload)  # "Run by"


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("kind", TEXT_KINDS)
def test_markup_as_answer_is_stored_and_escaped(app, parent, parent_id, answers_of, payload, kind):
    url, step = step_of(app, kind)
    assert parent.post(url, data={"answer": payload, "go": "next"}).status_code == 302
    assert answers_of(parent_id(parent)) == {step.id: payload}
    assert_escaped(parent.get(url).text, payload)
    autosave = parent.post("/me/answers", json={"prompt": step.id, "value": payload + "!"})
    assert autosave.status_code == 200
    assert_escaped(parent.get(url).text, payload + "!")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markup_in_an_invalid_answer_is_escaped_in_the_error(app, parent, payload):
    too_long = parent.post(
        step_of(app, "long_text")[0], data={"answer": payload * 200, "go": "next"}
    )
    choice = parent.post(step_of(app, "multiple_choice")[0], data={"answer": [payload]})
    for response in (too_long, choice):
        assert response.status_code == 400
        assert "<script>alert" not in response.text
        assert "<img src=x" not in response.text


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markup_in_a_typed_code_is_escaped(client, payload):
    for path in ("/join", "/resume"):
        response = client.post(path, data={"code": payload[:20]})
        assert response.status_code in (200, 404)
        assert_escaped(response.text, payload[:20])


# --- odd codes, ids and paths ----------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/join/%00",
        "/join/" + "A" * 500,
        "/join/ÄÖÜßéè",
        "/join/%F0%9F%98%80%F0%9F%98%80",
        "/join/%ZZ%",
        "/join/AB%0ACD",
        "/join/..%5C..%5C",
        '/join/"><img src=x onerror=alert(1)>',
        "/join/%3Cscript%3E",
    ],
    ids=short_id,
)
def test_odd_join_codes_are_404_pages(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "<script>" not in response.text
    assert "<img src=x" not in response.text
    assert client.post(path, data={"nickname": "Sam", "language": "en"}).status_code == 404
    assert client.post(path + "/consent").status_code in (302, 404)


@pytest.mark.parametrize(
    "workshop_path",
    [
        "abc",
        "1e3",
        "-1",
        "0",
        "1.5",
        "99999999999999999999",
        "9223372036854775808",
        "2147483648",
        "%00",
        "1%00",
    ],
)
@pytest.mark.parametrize("suffix", ["", "/qr.svg"])
def test_odd_workshop_ids_are_404(client, make_user, login, workshop_path, suffix):
    signed_in_staff(client, make_user, login)
    assert client.get(f"/workshops/{workshop_path}{suffix}").status_code == 404
    if not suffix:
        assert client.post(f"/workshops/{workshop_path}/close").status_code == 404


@pytest.mark.parametrize("number", ["99999999999999999999", "-1", "abc", "0"])
def test_odd_step_numbers_are_404(parent, number):
    assert parent.get(f"/me/welcome/{number}").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/wp-login.php",
        "/.env",
        "/static/../../etc/passwd",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/admin",
        "//",
        "/%00",
        "/me/answers/",
        "/" + "x" * 5000,
        "/join/ABCDEF/consent/extra",
        "/workshops//",
        "/static/",
        "/static/nope.js",
        "/healthz/x",
        "/%E2%80%AE",
    ],
    ids=short_id,
)
def test_random_paths_never_fail(client, make_user, path):
    make_user()
    response = client.get(path)
    assert 400 <= response.status_code < 500 or response.status_code in (301, 302, 308)


@pytest.mark.parametrize(
    ("method", "path"),
    [("PUT", "/join"), ("DELETE", "/me"), ("PATCH", "/workshops/"), ("GET", "/logout")],
)
def test_wrong_methods_are_405(client, make_user, method, path):
    make_user()
    assert client.open(path, method=method).status_code == 405


NUL_CASES = (
    "workshop title",
    "login email",
    "resume code",
    "nickname",
    "step answer",
    "autosave answer",
    "autosave key",
)


def send_with_nul(case: str, app, client, staff, code: str):
    """Send one form or JSON field with a NUL character in it, the way a tampering client can."""
    short_url, short = step_of(app, "short_text")
    if case == "workshop title":
        data = {
            "title": "Gro\x00up",
            "format_id": "making_connections",
            "language": "en",
            "date": "2026-12-01",
        }
        return staff.post("/workshops/new", data=data)
    if case == "login email":
        return client.post("/login", data={"email": "a\x00@example.org", "password": "x" * 12})
    if case == "resume code":
        return client.post("/resume", data={"code": "ABCD\x00EFG"})
    if case == "nickname":
        client.post(f"/join/{code}", data={"nickname": "Sa\x00m", "language": "en"})
        return client.post(f"/join/{code}/consent")
    client.post(f"/join/{code}", data={"nickname": "Sam", "language": "en"})
    client.post(f"/join/{code}/consent")
    if case == "step answer":
        return client.post(short_url, data={"answer": "Foot\x00ball", "go": "next"})
    if case == "autosave answer":
        return client.post("/me/answers", json={"prompt": short.id, "value": "a\x00b"})
    return client.post("/me/answers", json={"prompt": short.id, "value": "x", "key": "k\x00" * 8})


@pytest.mark.parametrize("case", NUL_CASES)
def test_nul_characters_in_text_never_break(
    app, client, new_client, make_user, login, make_workshop, case
):
    user_id, _org = make_user()
    _id, code = make_workshop(user_id)
    staff = login(new_client(), user_id)
    assert_not_server_error(send_with_nul(case, app, client, staff, code))


# --- wrong JSON types ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("short_text", {"text": "x"}),
        ("short_text", ["x"]),
        ("short_text", 42),
        ("short_text", True),
        ("long_text", {"a": [1, 2]}),
        ("single_choice", "TWO OPTIONS"),
        ("single_choice", {"option": True}),
        ("single_choice", 3),
        ("single_choice", True),
        ("multiple_choice", {"option": True}),
        ("multiple_choice", [["nested"]]),
        ("multiple_choice", [1, 2]),
        ("multiple_choice", [True]),
        ("scale", True),
        ("scale", False),
        ("scale", 7.0),
        ("scale", "7.5"),
        ("scale", [7]),
        ("scale", {"value": 7}),
        ("scale", "١"),  # a digit, but not one the scale shows
        ("scale", 10**100),
        ("scale", -3),
    ],
)
def test_autosave_wrong_value_types_are_400(app, parent, kind, value):
    _url, step = step_of(app, kind)
    if value == "TWO OPTIONS":
        value = list(step.option_ids[:2])  # a list, for a question with one answer
    response = parent.post("/me/answers", json={"prompt": step.id, "value": value, "key": "k" * 20})
    assert response.status_code == 400
    assert response.is_json
    assert "error" in response.json
    assert rows(app, Answer) == rows(app, SaveReceipt) == 0


@pytest.mark.parametrize(
    "changes",
    [
        {"prompt": 5},
        {"prompt": ["PROMPT"]},
        {"prompt": {"id": "PROMPT"}},
        {"prompt": None},
        {"prompt": True},
        {"key": ["k" * 20]},
        {"key": {"k": 1}},
        {"key": True},
        {"key": 10**20},
    ],
)
def test_autosave_wrong_prompt_or_key_types_are_400(app, parent, changes):
    prompt = prompt_of(app, "short_text")
    body = {"prompt": prompt, "value": "x", **changes}
    if body["prompt"] in (["PROMPT"], {"id": "PROMPT"}):
        body["prompt"] = [prompt] if isinstance(body["prompt"], list) else {"id": prompt}
    response = parent.post("/me/answers", json=body)
    assert response.status_code == 400
    assert response.json["error"] in (
        "We could not read that answer.",
        "We could not read the request: a number is too big",  # 10**20, at the boundary
    )
    assert rows(app, Answer) == 0


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
def test_autosave_without_json_is_400(app, parent, content_type):
    body = json.dumps({"prompt": prompt_of(app, "short_text"), "value": "x"})
    response = parent.post("/me/answers", data=body, content_type=content_type)
    assert response.status_code == 400


def test_autosave_with_bytes_that_are_not_utf8_is_400(parent):
    response = parent.post("/me/answers", data=b"\xff\xfe\x00{", content_type="application/json")
    assert response.status_code == 400
    assert response.is_json
