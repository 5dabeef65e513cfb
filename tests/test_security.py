"""Security headers, cookie flags, CSRF on every form and on autosave, gzip, escaping."""

import functools
import gzip
import logging
import re
from pathlib import Path

import itsdangerous
import pytest
import werkzeug.test
from werkzeug.security import generate_password_hash

import cgim
from cgim import cli, paths
from cgim import request_log as cgim_request_log
from cgim.auth import models as auth_models
from cgim.auth.models import User
from cgim.extensions import db
from cgim.parent.models import Parent
from cgim.request_log import RequestLog
from tests.conftest import PASSWORD, base_config, form_token, join_with_tokens, meta_token

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


@pytest.fixture
def app_with(app):
    """Factory: another app on the same database with some settings changed."""
    made = []

    def make(**settings):
        other = cgim.create_app({**base_config(app.config["SQLALCHEMY_DATABASE_URI"]), **settings})
        made.append(other)
        return other

    yield make
    for other in made:
        with other.app_context():
            db.engine.dispose()


PROXIED_HTTPS = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}


def test_behind_a_trusted_proxy_https_makes_cookies_secure_and_adds_hsts(
    app_with, make_user, make_workshop
):
    _id, code = make_workshop(make_user()[0])
    proxied = app_with(CGIM_TRUSTED_PROXIES=1).test_client()

    response = proxied.post(
        f"/join/{code}", data={"nickname": "Sam", "language": "en"}, headers=PROXIED_HTTPS
    )
    plain = proxied.post(f"/join/{code}", data={"nickname": "Sam", "language": "en"})

    assert "secure" in cookie_flags(session_set_cookie(response))
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    assert "secure" not in cookie_flags(session_set_cookie(plain))  # the proxy spoke plain HTTP
    assert "Strict-Transport-Security" not in plain.headers


def test_forwarded_headers_are_ignored_when_no_proxy_is_trusted(client, make_user, make_workshop):
    _id, code = make_workshop(make_user()[0])
    response = client.post(
        f"/join/{code}", data={"nickname": "Sam", "language": "en"}, headers=PROXIED_HTTPS
    )
    assert "secure" not in cookie_flags(session_set_cookie(response))
    assert "Strict-Transport-Security" not in response.headers


def test_a_trusted_proxy_gives_rate_limits_the_clients_address(app_with):
    proxied = app_with(CGIM_TRUSTED_PROXIES=1)

    def wrong_code(client_address: str) -> int:
        browser = proxied.test_client()  # a new browser each time: only the address is shared
        headers = {"X-Forwarded-For": client_address}
        return browser.post("/join", data={"code": "ZZZZZZ"}, headers=headers).status_code

    assert [wrong_code("198.51.100.1") for _ in range(20)] == [404] * 20
    assert wrong_code("198.51.100.1") == 429
    assert wrong_code("198.51.100.2") == 404  # another client behind the same proxy


def test_secure_cookies_setting_makes_cookies_secure_on_plain_http(
    monkeypatch, app_with, make_user, make_workshop
):
    _id, code = make_workshop(make_user()[0])
    monkeypatch.setenv("CGIM_SECURE_COOKIES", "1")
    forced = app_with().test_client()
    response = forced.post(f"/join/{code}", data={"nickname": "Sam", "language": "en"})
    assert "secure" in cookie_flags(session_set_cookie(response))
    assert "Strict-Transport-Security" not in response.headers  # HSTS only over HTTPS


@pytest.mark.parametrize(
    ("name", "value"),
    [("CGIM_TRUSTED_PROXIES", "yes"), ("CGIM_TRUSTED_PROXIES", "-1"), ("CGIM_SECURE_COOKIES", "2")],
)
def test_transport_settings_refuse_values_they_cannot_mean(monkeypatch, app_with, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(ValueError, match=name):
        app_with()


def test_proxy_count_comes_from_the_environment(monkeypatch, app_with):
    monkeypatch.setenv("CGIM_TRUSTED_PROXIES", "2")
    assert app_with().config["CGIM_TRUSTED_PROXIES"] == 2


# --- the request log -------------------------------------------------------------------


def test_request_log_names_routes_not_the_codes_or_ids_in_them(
    app, make_user, make_workshop, caplog
):
    user_id, _org = make_user()
    workshop_id, join_code = make_workshop(user_id)
    browser = werkzeug.test.Client(RequestLog(app))
    assert browser.post("/join", data={"code": join_code.lower()}).status_code == 302
    browser.post(f"/join/{join_code}", data={"nickname": "Sam", "language": "en"})
    browser.post(f"/join/{join_code}/consent")
    with app.app_context():
        parent = db.session.scalar(db.select(Parent))
        secrets = [join_code, join_code.lower(), parent.resume_code, "person-917"]
    caplog.set_level(logging.INFO, logger="cgim.requests")
    visits = [
        ("GET", f"/join/{join_code}", "/join/<code>"),
        ("GET", f"/resume?code={parent.resume_code}", "/resume?code=<code>"),
        ("POST", "/resume", "/resume"),
        ("GET", "/me/plan/safety/person-917", "/me/plan/safety/<person_id>"),
        ("GET", f"/workshops/{workshop_id}/parents/{parent.id}/", None),
        ("GET", f"/me/{parent.resume_code}/nothing/here", "/me/<unknown>"),
        ("GET", f"/{parent.resume_code}", "/<unknown>"),
        ("GET", "/static/css/app.css", "/static/css/app.css"),
    ]
    for method, path, _shown in visits:
        browser.open(path, method=method, data={"code": parent.resume_code}).close()

    lines = [r.getMessage() for r in caplog.records if r.name == "cgim.requests"]

    assert len(lines) == len(visits)  # one line per request
    for line, (method, _path, shown) in zip(lines, visits, strict=True):
        logged_method, logged_path, status, elapsed = line.split(" ")
        assert logged_method == method
        assert logged_path == shown or shown is None, line
        assert status.isdigit() and re.fullmatch(r"\d+ms", elapsed), line
        assert not any(secret in line for secret in secrets), line
        assert not re.search(r"\d", logged_path), line  # no id of any kind
    assert lines[4].split(" ")[1] == "/workshops/<workshop_id>/parents/<parent_id>/"


def test_cgim_serve_logs_through_the_request_log(monkeypatch, tmp_path):
    import waitress
    from click.testing import CliRunner

    served = {}
    monkeypatch.setattr(cli, "upgrade_database", lambda app: None)
    monkeypatch.setattr(waitress, "serve", lambda app, **kw: served.update(app=app, **kw))
    for name in ("handlers", "level", "propagate"):  # put back after the test
        original = getattr(cgim_request_log.LOGGER, name)
        monkeypatch.setattr(cgim_request_log.LOGGER, name, [] if name == "handlers" else original)
    monkeypatch.setenv("CGIM_SECRET_KEY", "x")
    monkeypatch.setenv("CGIM_DATABASE_URL", f"sqlite:///{tmp_path}/serve.sqlite3")

    result = CliRunner().invoke(cli.cli, ["serve", "--port", "5999"])

    assert result.exit_code == 0, result.output
    assert isinstance(served["app"], RequestLog)
    assert served["port"] == 5999
    assert cgim_request_log.LOGGER.level == logging.INFO
    assert cgim_request_log.LOGGER.handlers  # lines go to standard error


def test_a_real_cgim_serve_writes_request_lines_without_codes(tmp_path):
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.error
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "CGIM_SECRET_KEY": "x" * 32,
        "CGIM_DATABASE_URL": f"sqlite:///{tmp_path}/serve.sqlite3",
        "PYTHONUNBUFFERED": "1",
    }
    command = "import sys; from cgim.cli import main; sys.argv[0] = 'cgim'; main()"
    log = tmp_path / "serve.log"
    with open(log, "w") as out:
        server = subprocess.Popen(
            [sys.executable, "-c", command, "serve", "--port", str(port)],
            env=env,
            cwd=Path(cgim.__file__).resolve().parents[1],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            for path in ("/healthz", "/join/QQWWEE", "/resume?code=QQWWEERRTT"):
                for _try in range(300):  # the server upgrades the database first
                    try:
                        urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5)
                        break
                    except urllib.error.HTTPError:
                        break  # an answer (404) is an answer
                    except OSError:
                        time.sleep(0.1)
            time.sleep(0.5)
        finally:
            server.terminate()
            server.wait(timeout=10)
    text = log.read_text()
    assert re.search(r"GET /join/<code> 404 \d+ms", text), text
    assert re.search(r"GET /resume\?code=<code> 200 \d+ms", text), text
    assert "QQWWEE" not in text


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
