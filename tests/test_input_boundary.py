"""The input boundary (cgim/inputs.py, rules in cgim/boundary): what it refuses, and how.

A form keeps what the person typed, minus the characters we cannot store, and says beside
the field what happened; JSON and query strings with such values are a 400 naming the field;
nothing with them is ever stored; an old cookie holding one can never break a tablet.
"""

import pytest
from markupsafe import escape
from sqlalchemy import func, select

from cgim.extensions import db
from cgim.parent.models import Answer, Parent

from .test_hostile_input import prompt_of, step_of

HIDDEN = "This had a hidden character we cannot save"


def rows(app, model) -> int:
    """Rows in a table."""
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def code(make_user, make_workshop) -> str:
    """A making_connections workshop's join code."""
    return make_workshop(make_user()[0])[1]


@pytest.fixture
def parent(client, join, code):
    """A parent who has joined."""
    return join(client, code)


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x7f", "\x9b"])
def test_a_nickname_with_a_hidden_character_comes_back_cleaned_with_a_message(
    app, client, code, char
):
    client.post("/join", data={"code": code})
    page = client.post(f"/join/{code}", data={"nickname": f"Sa{char}m", "language": "en"})
    assert page.status_code == 200
    assert HIDDEN in page.text
    assert 'value="Sam"' in page.text  # what they typed, minus the character
    assert rows(app, Parent) == 0


def test_a_long_answer_with_a_pasted_vertical_tab_keeps_the_words(app, parent):
    url, _step = step_of(app, "long_text")
    words = "My sister\x0bis good with him\u2029& listens."
    page = parent.post(url, data={"answer": words})
    assert page.status_code == 400  # the step page says what to fix with a 400
    assert HIDDEN in page.text
    assert str(escape("My sister is good with him & listens.")) in page.text
    assert rows(app, Answer) == 0
    saved = parent.post(url, data={"answer": "My sister is good with him."})
    assert saved.status_code == 302 and rows(app, Answer) == 1


@pytest.mark.parametrize("value", ["hi \ud800", "a\x00b", "x" * 20_001])
def test_autosave_refuses_what_it_cannot_store_naming_the_field(app, parent, value):
    response = parent.post(
        "/me/answers", json={"prompt": prompt_of(app, "short_text"), "value": value}
    )
    assert response.status_code == 400
    assert response.json["field"] == "value"
    assert rows(app, Answer) == 0


def test_a_map_with_a_lone_surrogate_in_a_label_is_refused_and_the_map_still_loads(parent):
    document = parent.get("/me/ecomap/document").json
    person = {"id": "p1", "label": "Aunt \ud800", "sector": "family"}
    body = {
        "version": document["version"],
        "document": {**document["document"], "people": [person]},
    }
    refused = parent.put("/me/ecomap/document", json=body)
    assert refused.status_code == 400
    assert refused.json["field"] == "document.people[0].label"
    assert parent.get("/me/ecomap").status_code == 200


@pytest.mark.parametrize("version", [10**22, 2**63, -(2**40)])
def test_a_huge_version_number_in_a_form_is_a_message_not_a_500(parent, version):
    page = parent.post("/me/ecomap/people/new", data={"version": str(version), "label": "Ann"})
    assert page.status_code in (200, 400, 409)
    assert parent.get("/me/ecomap").status_code == 200


@pytest.mark.parametrize("query", ["?back=%00", "?back=a%0bb", "?initials=%7f"])
def test_a_query_string_with_a_hidden_character_is_400(parent, query):
    assert parent.get("/me/ecomap" + query).status_code == 400


def test_an_old_cookie_with_an_unshowable_flash_message_does_not_break_the_tablet(client, code):
    with client.session_transaction() as session:
        session["_flashes"] = [("message", "Saved \ud800 for Sam")]
    for path in ("/", "/join", f"/join/{code}"):
        client.post("/join", data={"code": code}) if path != "/" else None
        page = client.get(path)
        assert page.status_code in (200, 302), path
    assert client.get("/join").status_code == 200


def test_a_file_with_a_lone_surrogate_is_refused_by_the_import_with_a_message(parent):
    from io import BytesIO

    version = parent.get("/me/ecomap/document").json["version"]
    file = b'{"format": "cgim-ecomap", "version": 1, "people": [{"id": "p", "label": "\\ud800"}]}'
    page = parent.post(
        "/me/ecomap/import",
        data={"version": str(version), "file": (BytesIO(file), "map.json")},
        content_type="multipart/form-data",
    )
    assert page.status_code == 200
    assert "We could not read that file" in page.text
    assert parent.get("/me/ecomap").status_code == 200


def test_true_is_not_a_number_for_the_screen_or_the_map_version(app, parent):
    url, _step = step_of(app, "long_text")
    module_id = url.split("/")[2]
    assert parent.post("/me/here", json={"module": module_id, "number": True}).status_code == 400
    assert parent.post("/me/here", json={"module": module_id, "number": 1}).status_code == 200
    document = parent.get("/me/ecomap/document").json["document"]
    put = parent.put("/me/ecomap/document", json={"version": True, "document": document})
    assert put.status_code == 400
