"""Guessing resume codes fails; a room of tablets behind one address never locks itself out.

Clients on a real socket bind their own 127.x source address (docs/security.md, testing.md),
so per-address limits and the service-wide budget are tested as an attacker would meet them.
"""

import http.client
import json
import re
import subprocess
import sys
import threading
import urllib.parse
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from cgim import codes, create_app, guesses
from cgim.extensions import db
from cgim.parent.models import Parent
from tests.test_rate_limits_shared import REDIS_URL, shared_config  # noqa: F401 (a fixture)

DOCS = Path(__file__).resolve().parent.parent / "docs" / "security.md"
PAUSED = "Too many wrong codes have been tried on this service just now"
FROM_HERE = "There have been too many wrong tries from here."
NOT_FOUND = "We could not find that code."


def wrong_code(n: int, length: int = codes.RESUME_LENGTH) -> str:
    """A well-formed code no family has, starting differently for each n (so halves differ)."""
    spelled = "".join(codes.ALPHABET[int(d) + 10] for d in str(n).zfill(4)[::-1])
    return (spelled + "Z" * length)[:length]


def resume_code_of(app, client) -> str:
    """The resume code of the parent signed in on a client."""
    with client.session_transaction() as session:
        parent_id = session["parent"][0]
    with app.app_context():
        return db.session.get(Parent, parent_id).resume_code


@pytest.fixture
def family(client, join, make_user, make_workshop):
    """A parent who joined on `client`: (their tablet, their resume code, the join code)."""
    _id, join_code = make_workshop(make_user()[0])
    join(client, join_code)
    return client, resume_code_of(client.application, client), join_code


def from_address(app, address: str):
    """A new browser (no cookies) whose requests come from the given address."""
    browser = app.test_client()
    browser.environ_base["REMOTE_ADDR"] = address
    return browser


# --- the arithmetic --------------------------------------------------------------------


def test_the_documented_odds_are_computed_from_the_real_constants():
    space = len(codes.ALPHABET) ** codes.RESUME_LENGTH
    per_day = guesses.per_day(guesses.LIMITS["resume"].overall)
    odds = guesses.resume_odds()
    legacy = guesses.resume_odds("resume-legacy")

    assert len(codes.ALPHABET) == 31 and codes.RESUME_LENGTH == 10
    assert odds == pytest.approx(per_day * guesses.FAMILIES / space, rel=1e-3)
    assert odds < 1e-6
    assert legacy < 1e-6  # codes given out before keep working, on a budget of their own
    text = DOCS.read_text()
    for figure in (f"{space:,}", f"{per_day:,}", f"{odds:.2e}", f"{legacy:.2e}"):
        assert figure in text, figure


def test_the_odds_function_reproduces_the_measured_risk_of_the_old_limits():
    # Issue 11: 8 characters, 20 wrong codes a minute per address, 1,000 addresses: 28.7%.
    before = codes.daily_odds(31, 8, 10_000, 1_000 * 20 * 60 * 24)
    assert round(before, 3) == 0.287
    assert codes.daily_odds(31, 2, 10_000, 1) == 1.0  # more families than codes


def test_new_codes_are_ten_characters_shown_in_two_groups_of_five(family):
    _tablet, code, _join = family
    assert re.fullmatch(f"[{codes.ALPHABET}]{{10}}", code)
    assert re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", codes.display_resume(code))
    assert not set(code) & set("01ILO")


# --- a real server, many source addresses ----------------------------------------------


@pytest.fixture
def server(app):
    """The app on a loopback port: (port, app); clients choose their own 127.x address."""
    app.config["CGIM_GUESS_LIMITS"] = {"resume": {"overall": "25 per hour"}}
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_port
    httpd.shutdown()
    thread.join(5)


def post_from(port: int, source: str, path: str, fields: dict) -> tuple[int, str]:
    """POST a form from a source address over a fresh connection (no cookies): status, body."""
    connection = http.client.HTTPConnection("127.0.0.1", port, source_address=(source, 0))
    body = urllib.parse.urlencode(fields)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def test_failures_from_rotating_addresses_spend_the_service_budget(server, family):
    tablet, code, join_code = family
    statuses = [
        post_from(server, f"127.0.1.{n // 5 + 1}", "/resume", {"code": wrong_code(n)})[0]
        for n in range(25)  # five addresses, five wrong codes each: no address is near its limit
    ]
    assert statuses == [404] * 25

    status, page = post_from(server, "127.0.9.9", "/resume", {"code": code})

    assert status == 429  # the right code, from an address that never failed: checks are paused
    assert PAUSED in page
    assert NOT_FOUND not in page
    # Browsers that signed in before are paused too: anyone can become one by joining.
    assert tablet.post("/me/leave").location == "/"
    assert tablet.post("/resume", data={"code": code}).status_code == 429
    # The pause is for resume codes only: joining a workshop still works.
    assert post_from(server, "127.0.9.9", "/join", {"code": join_code})[0] == 302


def test_typos_from_a_room_on_one_address_do_not_stop_the_right_code(server, family):
    _tablet, code, _join = family
    for n in range(20):  # twenty mistypes from the room's one address
        assert post_from(server, "127.0.2.1", "/resume", {"code": wrong_code(n)})[0] == 404
    assert post_from(server, "127.0.2.1", "/resume", {"code": code})[0] == 302


# --- devices, addresses, half-known codes ----------------------------------------------


def test_a_tablet_that_joined_here_resumes_while_others_on_its_address_guess(
    app, family, new_client
):
    tablet, code, _join = family
    room = "127.0.0.1"  # the test client's address: the tablet joined from here
    assert tablet.post("/me/leave").location == "/"
    for n in range(30):  # 30 wrong codes from fresh browsers on the same address
        assert from_address(app, room).post(
            "/resume", data={"code": wrong_code(n)}
        ).status_code == (404)

    stranger = from_address(app, room).post("/resume", data={"code": code})

    assert stranger.status_code == 429  # a browser this address never signed in on waits
    assert FROM_HERE in stranger.text
    assert tablet.post("/resume", data={"code": code}).location == "/me"
    assert from_address(app, "127.0.2.2").post("/resume", data={"code": code}).location == "/me"


def test_a_browser_that_guesses_is_stopped_even_with_the_right_code(app, family):
    _tablet, code, _join = family
    guesser = from_address(app, "127.0.3.1")
    for n in range(10):
        assert guesser.post("/resume", data={"code": wrong_code(n)}).status_code == 404

    refused = guesser.post("/resume", data={"code": code})

    assert refused.status_code == 429  # checking it would tell a guesser when they hit
    assert FROM_HERE in refused.text
    assert "Please try again in 15 minutes." in refused.text
    assert from_address(app, "127.0.3.1").post("/resume", data={"code": code}).location == "/me"


def test_a_half_seen_code_cannot_be_completed_by_guessing(app, family):
    _tablet, code, _join = family
    first, rest = codes.first_half(code), code[5:]
    others = [c for c in codes.ALPHABET if c != rest[0]]
    for n in range(10):  # the first half is known; the second is guessed from many addresses
        guess = first + others[n] + rest[1:]
        browser = from_address(app, f"127.0.4.{n + 1}")
        assert browser.post("/resume", data={"code": guess}).status_code == 404

    refused = from_address(app, "127.0.4.99").post("/resume", data={"code": code})

    assert refused.status_code == 429
    assert "There have been too many wrong tries with this code today." in refused.text
    assert "Please try again in 24 hours." in refused.text


def test_codes_of_the_old_length_keep_working_on_their_own_budget(app, family):
    tablet, code, _join = family
    with app.app_context():
        parent = db.session.scalar(db.select(Parent).where(Parent.resume_code == code))
        parent.resume_code = "ABCDEFGH"
        db.session.commit()
    assert "ABCD-EFGH" in tablet.get("/me").text
    assert from_address(app, "127.0.5.1").post("/resume", data={"code": "abcd efgh"}).location == (
        "/me"
    )
    for n in range(2):  # the old length's budget: two failures an hour for the whole service
        browser = from_address(app, f"127.0.5.{n + 2}")
        assert browser.post("/resume", data={"code": wrong_code(n, 8)}).status_code == 404

    paused = from_address(app, "127.0.5.9").post("/resume", data={"code": "ABCD-EFGH"})

    assert paused.status_code == 429
    assert PAUSED in paused.text
    assert from_address(app, "127.0.5.9").post(
        "/resume", data={"code": wrong_code(7)}
    ).status_code == (
        404  # ten-character codes are still checked
    )


def test_codes_that_cannot_be_one_are_not_counted(app, family):
    _tablet, code, _join = family
    browser = from_address(app, "127.0.6.1")
    for typed in ["nonsense", "ABC", "ZZZZZ-ZZZZ0"] * 10:
        assert browser.post("/resume", data={"code": typed}).status_code == 404
    assert browser.post("/resume", data={"code": code}).location == "/me"


# --- shared between processes ----------------------------------------------------------

OTHER_PROCESS = """
import json, sys
from cgim import create_app
app = create_app(json.loads(sys.argv[1]))
statuses = []
for n in range(5):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = f"127.0.8.{n + 1}"
    statuses.append(client.post("/resume", data={"code": sys.argv[2] + str(n + 2)}).status_code)
print(json.dumps(statuses))
"""


def test_the_service_budget_is_shared_by_processes_through_redis(shared_config):  # noqa: F811
    config = {**shared_config, "CGIM_GUESS_LIMITS": {"resume": {"overall": "5 per hour"}}}
    other = subprocess.run(
        [sys.executable, "-c", OTHER_PROCESS, json.dumps(config), "ZZZZZZZZZ"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(other.stdout.strip().splitlines()[-1]) == [404] * 5
    here = create_app(config).test_client()
    here.environ_base["REMOTE_ADDR"] = "127.0.8.99"
    refused = here.post("/resume", data={"code": "ZZZZZ-ZZZZ9"})
    assert refused.status_code == 429
    assert PAUSED in refused.text


def test_ipv6_addresses_count_by_their_64_bit_network(app, family):
    _tablet, code, _join = family
    for n in range(30):  # one household's /64 holds more addresses than anyone could rotate
        browser = from_address(app, f"2001:db8:0:1::{n + 1:x}")
        assert browser.post("/resume", data={"code": wrong_code(n)}).status_code == 404

    same_network = from_address(app, "2001:db8:0:1:ffff::1").post("/resume", data={"code": code})

    assert same_network.status_code == 429
    assert from_address(app, "2001:db8:0:2::1").post("/resume", data={"code": code}).location == (
        "/me"
    )
