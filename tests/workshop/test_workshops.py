"""Facilitators create workshops, get a join code and its QR code, and list their workshops."""

import functools
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
import segno
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from cgim.auth import models as auth_models
from cgim.codes import ALPHABET
from cgim.extensions import db
from cgim.workshop.models import Workshop

SVG = "{http://www.w3.org/2000/svg}"
CODE = re.compile(f"^[{ALPHABET}]{{6}}$")
NEW = {
    "title": "Spring group",
    "format_id": "making_connections",
    "language": "en",
    "date": "2026-12-01",
}


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch):
    """Staff passwords hash in one round here; hashing itself is tested in tests/auth."""
    quick = functools.partial(generate_password_hash, method="pbkdf2:sha256:1")
    monkeypatch.setattr(auth_models, "generate_password_hash", quick)


def stored_workshops(app) -> list[tuple]:
    """Every workshop as (title, format, language, date, code, open?)."""
    with app.app_context():
        rows = db.session.scalars(select(Workshop).order_by(Workshop.id))
        return [(w.title, w.format_id, w.language, w.date, w.join_code, w.is_open) for w in rows]


def dark_modules_of_svg(svg: bytes) -> set[tuple[int, int]]:
    """The dark modules a segno SVG draws, read back from its path (rows of horizontal runs)."""
    root = ET.fromstring(svg)  # noqa: S314 - the app's own output
    assert root.tag == f"{SVG}svg"
    paths = root.findall(f"{SVG}path")
    assert len(paths) == 1
    x = y = 0.0
    dark = set()
    for op, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?:\s+(-?[\d.]+))?", paths[0].get("d")):
        if op == "M":
            x, y = float(a), float(b)
        elif op == "m":
            x, y = x + float(a), y + float(b)
        else:
            dark.update((int(y), int(x) + i) for i in range(int(a)))
            x += float(a)
    return normalised(dark)


def dark_modules_of(url: str) -> set[tuple[int, int]]:
    """The dark modules of the QR code that encodes url."""
    matrix = segno.make(url, error="m").matrix
    return normalised({(r, c) for r, row in enumerate(matrix) for c, v in enumerate(row) if v})


def normalised(cells: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Cells moved so the top-left finder pattern starts at (0, 0), whatever the border."""
    top = min(r for r, _ in cells)
    left = min(c for _, c in cells)
    return {(r - top, c - left) for r, c in cells}


def staff_client(client, make_user, login, role="facilitator"):
    """A signed-in member of staff, and their user id."""
    user_id, org_id = make_user(role)
    return login(client, user_id), user_id, org_id


# --- create ----------------------------------------------------------------------------


def test_new_workshop_page_offers_formats_and_languages(client, make_user, login):
    staff_client(client, make_user, login)
    page = client.get("/workshops/new")
    assert page.status_code == 200
    for expected in (
        'value="making_connections"',
        'value="full_cgim"',
        'value="en"',
        "Making Connections",
        "Full CG-IM",
    ):
        assert expected in page.text


def test_create_workshop_gets_a_six_character_join_code(app, client, make_user, login):
    staff_client(client, make_user, login)

    response = client.post("/workshops/new", data=NEW)

    [(title, format_id, language, on, code, is_open)] = stored_workshops(app)
    assert (title, format_id, language, on, is_open) == (
        "Spring group",
        "making_connections",
        "en",
        date(2026, 12, 1),
        True,
    )
    assert CODE.match(code)
    assert not set(code) & set("0O1IL")
    assert re.fullmatch(r"/workshops/\d+", response.location)
    page = client.get(response.location).text
    assert f"Parents can join with the code {code}." in page
    assert f'class="join-code" aria-label="Join code">{code}<' in page
    assert "Spring group" in page


def test_join_codes_are_distinct_and_from_the_safe_alphabet(app, client, make_user, login):
    staff_client(client, make_user, login)
    for n in range(25):
        assert client.post("/workshops/new", data={**NEW, "title": f"Group {n}"}).status_code == 302
    codes = [row[4] for row in stored_workshops(app)]
    assert len(set(codes)) == 25
    assert all(CODE.match(code) for code in codes)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "Please give the workshop a title."),
        ({"title": "x" * 121}, "Field cannot be longer than 120 characters."),
        ({"format_id": "no_such_format"}, "Not a valid choice"),
        ({"language": "xx"}, "Not a valid choice"),
        ({"date": "not a date"}, "Please pick a date."),
    ],
)
def test_create_workshop_errors_re_render(app, client, make_user, login, changes, message):
    staff_client(client, make_user, login)
    response = client.post("/workshops/new", data={**NEW, **changes})
    assert response.status_code == 200
    assert message in response.text
    assert stored_workshops(app) == []


def test_full_format_workshop(app, client, make_user, login):
    staff_client(client, make_user, login)
    client.post("/workshops/new", data={**NEW, "format_id": "full_cgim"})
    assert stored_workshops(app)[0][1] == "full_cgim"


# --- QR code ---------------------------------------------------------------------------


def test_qr_code_is_svg_encoding_the_join_address(client, make_user, login, make_workshop):
    _client, user_id, _org = staff_client(client, make_user, login)
    workshop_id, code = make_workshop(user_id)

    response = client.get(f"/workshops/{workshop_id}/qr.svg")

    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    drawn = dark_modules_of_svg(response.data)
    assert drawn == dark_modules_of(f"http://localhost/join/{code}")
    assert drawn != dark_modules_of("http://localhost/join/ABCDEF")


def test_qr_code_uses_the_public_address_when_set(app, client, make_user, login, make_workshop):
    _client, user_id, _org = staff_client(client, make_user, login)
    workshop_id, code = make_workshop(user_id)
    app.config["CGIM_PUBLIC_URL"] = "http://192.168.1.20:5000/"

    svg = client.get(f"/workshops/{workshop_id}/qr.svg").data
    page = client.get(f"/workshops/{workshop_id}").text

    assert dark_modules_of_svg(svg) == dark_modules_of(f"http://192.168.1.20:5000/join/{code}")
    assert "Open http://192.168.1.20:5000/join and type the code:" in page
    assert f'src="/workshops/{workshop_id}/qr.svg"' in page


# --- list ------------------------------------------------------------------------------


def test_list_shows_own_workshops(client, make_user, login, make_workshop):
    _client, user_id, _org = staff_client(client, make_user, login)
    assert "No workshops yet." in client.get("/workshops/").text
    first = make_workshop(user_id, title="Monday group")
    second = make_workshop(user_id, title="Friday group")

    page = client.get("/workshops/").text

    for workshop_id, code in (first, second):
        assert f'href="/workshops/{workshop_id}"' in page
        assert code in page
    assert "Monday group" in page
    assert "Friday group" in page
