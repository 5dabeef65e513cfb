"""Security headers, cookie flags, CSRF on every form and on autosave, gzip, escaping."""

import functools
import gzip
import re
from pathlib import Path

import itsdangerous
import pytest
from werkzeug.security import generate_password_hash

import cgim
from cgim import paths
from cgim.auth import models as auth_models
from cgim.auth.models import User
from cgim.extensions import db
from tests.conftest import PASSWORD, form_token, join_with_tokens, meta_token

TEMPLATES = paths.TEMPLATES
CSRF_MESSAGE = "This page was open a long time. Please go back and try again."
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch):
    """Staff passwords hash in one round here; hashing itself is tested in tests/auth."""
    quick = functools.partial(generate_password_hash, method="pbkdf2:sha256:1")
    monkeypatch.setattr(auth_models, "generate_password_hash", quick)


def csp_directives(response) -> dict[str, list[str]]:
    """The Content-Security-Policy as directive -> sources."""
    policy = response.headers["Content-Security-Policy"]
    return {
        name: rest for name, *rest in (part.split() for part in policy.split(";") if part.strip())
    }


def session_set_cookie(response) -> str:
    """The Set-Cookie header of the session cookie."""
    [header] = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("cgim_session=")]
    return header


def cookie_flags(header: str) -> set[str]:
    """Set-Cookie attributes, lower-cased, values kept (e.g. 'samesite=lax')."""
    return {part.strip().lower() for part in header.split(";")[1:]}


def email_of(app, user_id: int) -> str:
    """A staff member's email."""
    with app.app_context():
        return db.session.get(User, user_id).email


def short_text_prompt(app) -> str:
    """The id of the first short-text question of making_connections."""
    modules = app.extensions["cgim_content"].language("en").modules_for("making_connections")
    return next(s.id for m in modules for s in m.steps if s.kind == "short_text")


class Https:
    """A test client whose every request comes over HTTPS."""

    def __init__(self, client):
        self.client = client

    def get(self, path, **kwargs):
        return self.client.get(path, base_url="https://localhost", **kwargs)

    def post(self, path, **kwargs):
        return self.client.post(path, base_url="https://localhost", **kwargs)


@pytest.fixture
def parent(client, join, make_user, make_workshop):
    """A parent signed in on the plain test app."""
    _workshop_id, code = make_workshop(make_user()[0])
    return join(client, code)


# --- headers ---------------------------------------------------------------------------


@pytest.fixture
def pages(client, new_client, join, make_user, make_workshop, login):
    """Responses of every kind of page: public, parent, staff, error, JSON and SVG."""
    user_id, _org = make_user()
    workshop_id, code = make_workshop(user_id)
    parent = join(new_client(), code)
    staff = login(new_client(), user_id)
    return {
        "/": client.get("/"),
        "/join": client.get("/join"),
        "/login": client.get("/login"),
        "/me": parent.get("/me"),
        "/me/welcome/1": parent.get("/me/welcome/1"),
        "/workshops/": staff.get("/workshops/"),
        "qr": staff.get(f"/workshops/{workshop_id}/qr.svg"),
        "404": client.get("/no-such-page"),
        "/healthz": client.get("/healthz"),
        "autosave": parent.post(
            "/me/answers", json={"prompt": short_text_prompt(client.application), "value": "x"}
        ),
    }


def test_every_response_has_a_strict_csp(pages):
    for name, response in pages.items():
        csp = csp_directives(response)
        for directive in ("default-src", "script-src", "style-src"):
            assert csp[directive] == ["'self'"], (name, directive)
        assert csp["object-src"] == ["'none'"]
        assert csp["frame-ancestors"] == ["'none'"]
        assert csp["base-uri"] == ["'none'"]
        policy = response.headers["Content-Security-Policy"]
        assert "unsafe-inline" not in policy
        assert "unsafe-eval" not in policy


def test_every_response_has_the_other_security_headers(pages):
    for name, response in pages.items():
        for header, value in HEADERS.items():
            assert response.headers.get(header) == value, (name, header)
        assert response.headers["Cache-Control"] == "no-store", name
        assert "Strict-Transport-Security" not in response.headers  # plain HTTP


def test_static_files_may_be_cached_but_keep_the_headers(client):
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    response.close()


def test_https_adds_hsts(app):
    response = Https(app.test_client()).get("/join")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_pages_have_no_inline_script_style_or_handlers(pages):
    for name, response in pages.items():
        if response.mimetype != "text/html":
            continue
        html = response.text
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == [], name
        assert "<style" not in html, name
        assert not re.search(r"\sstyle=", html), name
        assert not re.search(r"\son[a-z]+=", html), name


# --- cookies ---------------------------------------------------------------------------


def test_session_cookie_is_httponly_and_lax_on_http(client, make_user, make_workshop):
    _id, code = make_workshop(make_user()[0])
    response = client.post(f"/join/{code}", data={"nickname": "Sam", "language": "en"})
    flags = cookie_flags(session_set_cookie(response))
    assert {"httponly", "samesite=lax", "path=/"} <= flags
    assert "secure" not in flags  # a workshop laptop often serves plain HTTP on the room's wifi


def test_session_cookie_is_secure_on_https(app, make_user, make_workshop, login):
    user_id, _org = make_user()
    _id, code = make_workshop(user_id)
    parent = Https(app.test_client()).post(
        f"/join/{code}", data={"nickname": "Sam", "language": "en"}
    )
    staff = Https(app.test_client()).post(
        "/login", data={"email": email_of(app, user_id), "password": PASSWORD}
    )
    for response in (parent, staff):
        assert {"secure", "httponly", "samesite=lax"} <= cookie_flags(session_set_cookie(response))


def test_staff_login_cookie_is_httponly_and_lax(app, client, make_user):
    make_user(email="ada@example.org")
    response = client.post("/login", data={"email": "ada@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert {"httponly", "samesite=lax"} <= cookie_flags(session_set_cookie(response))


# --- CSRF ------------------------------------------------------------------------------


def test_join_needs_the_csrf_token(csrf_app, make_user, make_workshop):
    _id, code = make_workshop(make_user()[0])
    client = csrf_app.test_client()

    refused = client.post("/join", data={"code": code})

    assert refused.status_code == 400
    assert CSRF_MESSAGE in refused.text
    token = form_token(client.get("/join").text)
    assert client.post("/join", data={"code": code, "csrf_token": token}).status_code == 302
    assert client.post("/join", data={"code": code, "csrf_token": "forged"}).status_code == 400


def test_login_needs_the_csrf_token(csrf_app, make_user):
    make_user(email="ada@example.org")
    client = csrf_app.test_client()
    data = {"email": "ada@example.org", "password": PASSWORD}

    assert client.post("/login", data=data).status_code == 400
    assert client.get("/workshops/").status_code == 302  # not signed in

    token = form_token(client.get("/login").text)
    assert client.post("/login", data={**data, "csrf_token": token}).status_code == 302
    assert client.get("/workshops/").status_code == 200


def test_consent_and_every_parent_form_need_the_token(csrf_app, make_user, make_workshop):
    _id, code = make_workshop(make_user()[0])
    client = csrf_app.test_client()
    join_with_tokens(client, code)
    for path in ("/me/welcome/1", "/me/leave", "/me/delete"):
        assert client.post(path, data={"answer": "x"}).status_code == 400, path
    assert client.get("/me").status_code == 200  # nothing above signed the parent out


def test_autosave_needs_the_csrf_header(csrf_app, make_user, make_workshop):
    _id, code = make_workshop(make_user()[0])
    client = join_with_tokens(csrf_app.test_client(), code)
    token = meta_token(client.get("/me/welcome/1").text)
    body = {"prompt": short_text_prompt(csrf_app), "value": "Football", "key": "k" * 16}

    refused = client.post("/me/answers", json=body)

    assert refused.status_code == 400
    assert refused.json == {"error": CSRF_MESSAGE}
    saved = client.post("/me/answers", json=body, headers={"X-CSRFToken": token})
    assert saved.status_code == 200
    assert saved.json == {"saved": True, "repeated": False}


def test_a_token_from_another_session_is_refused(csrf_app, make_user, make_workshop):
    _id, code = make_workshop(make_user()[0])
    alex = join_with_tokens(csrf_app.test_client(), code)
    billie = join_with_tokens(csrf_app.test_client(), code)
    alex_token = meta_token(alex.get("/me").text)
    response = billie.post(
        "/me/answers",
        json={"prompt": short_text_prompt(csrf_app), "value": "x"},
        headers={"X-CSRFToken": alex_token},
    )
    assert response.status_code == 400


def test_csrf_token_does_not_expire_during_a_long_evening(
    csrf_app, make_user, make_workshop, monkeypatch
):
    _id, code = make_workshop(make_user()[0])
    client = csrf_app.test_client()
    token = form_token(client.get("/join").text)
    later = itsdangerous.TimestampSigner.get_timestamp(None) + 3 * 24 * 3600
    monkeypatch.setattr(itsdangerous.TimestampSigner, "get_timestamp", lambda self: later)
    assert client.post("/join", data={"code": code, "csrf_token": token}).status_code == 302


def test_https_forms_work_with_the_same_origin_referrer(csrf_app, make_user, make_workshop):
    _id, code = make_workshop(make_user()[0])
    client = Https(csrf_app.test_client())
    page = client.get("/join")
    assert page.headers["Referrer-Policy"] == "same-origin"  # browsers send Referer to us
    token = form_token(page.text)
    data = {"code": code, "csrf_token": token}

    assert client.post("/join", data=data).status_code == 400  # no Referer at all
    other_site = client.post("/join", data=data, headers={"Referer": "https://evil.example/"})
    assert other_site.status_code == 400
    same_site = client.post("/join", data=data, headers={"Referer": "https://localhost/join"})
    assert same_site.status_code == 302


# --- gzip, templates -----------------------------------------------------------


def test_parent_pages_are_gzipped_when_asked(parent):
    plain = parent.get("/me")
    zipped = parent.get("/me", headers={"Accept-Encoding": "gzip, deflate"})

    assert "Content-Encoding" not in plain.headers
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped.headers["Vary"]
    body = gzip.decompress(zipped.data).decode()
    assert "Your modules" in body
    assert len(zipped.data) < len(body.encode()) / 2


def test_small_and_error_responses_are_not_gzipped(app, client, parent):
    for response in (
        parent.post(
            "/me/answers",
            json={"prompt": short_text_prompt(app), "value": "x"},
            headers={"Accept-Encoding": "gzip"},
        ),
        client.get("/nope", headers={"Accept-Encoding": "gzip"}),
    ):
        assert "Content-Encoding" not in response.headers
        assert response.get_data()  # readable as it is


def test_templates_are_all_autoescaped_html_and_never_mark_anything_safe():
    templates = [p for p in TEMPLATES.rglob("*") if p.is_file()]
    assert templates
    assert {p.suffix for p in templates} == {".html"}  # only .html is auto-escaped
    for path in templates:
        source = path.read_text()
        assert not re.search(r"\|\s*safe\b", source), path
        assert "autoescape false" not in source, path
        assert "Markup(" not in source, path
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", source), path
        assert not re.search(r"\sstyle=", source), path


def test_python_code_never_builds_markup():
    sources = [p for p in Path(cgim.__file__).parent.rglob("*.py")]
    offenders = [
        p for p in sources if re.search(r"\bMarkup\(|render_template_string", p.read_text())
    ]
    assert offenders == []
