"""Each cause of a server error the generated barrage (test_hostile_generated.py) found, pinned
as one plain request, so a regression names its cause."""

from io import BytesIO

import pytest

from .plan.helpers import post_drawn
from .test_hostile_input import signed_in_staff, step_of

HUGE_NUMBER = "9" * 5000


@pytest.fixture
def parent(client, join, make_user, make_workshop):
    """A parent who has joined a making_connections workshop."""
    return join(client, make_workshop(make_user()[0])[1])


@pytest.mark.parametrize(
    "path", ["/workshops/{n}", "/team/{n}", "/workshops/1/parents/{n}/", "/me/welcome/{n}"]
)
def test_a_5000_digit_number_in_a_path_is_404(client, make_user, login, path):
    signed_in_staff(client, make_user, login)
    assert client.get(path.format(n=HUGE_NUMBER)).status_code == 404


@pytest.mark.parametrize(
    "query", ["staff=+", "workshop=%09%0A", "family=%20", f"family={HUGE_NUMBER}"]
)
def test_odd_audit_filters_show_the_log(client, make_user, login, query):
    signed_in_staff(client, make_user, login)
    assert client.get(f"/team/audit?{query}").status_code in (200, 400)


def test_a_blank_answer_on_a_choice_screen_says_what_to_do(app, parent):
    url, _step = step_of(app, "single_choice")
    page = parent.post(url, data={"answer": " \t"})
    assert page.status_code == 400
    assert "Please choose one of the answers shown." in page.text


@pytest.mark.parametrize("body", [{"code": True}, {"code": 1.5}, {"code": {"a": 1}}])
def test_json_sent_to_a_form_is_no_form_data(client, body):
    response = client.post("/join", json=body)
    assert response.status_code in (200, 400)


def test_a_huge_colleague_id_is_refused_calmly(client, make_user, make_workshop, login):
    user_id = signed_in_staff(client, make_user, login)
    workshop_id, _code = make_workshop(user_id)
    for colleague in (str(2**64), "1" + "0" * 22, HUGE_NUMBER):
        response = client.post(
            f"/workshops/{workshop_id}/colleagues", data={"colleague": colleague}
        )
        assert response.status_code in (302, 400, 404)


def test_a_400_digit_retention_period_is_a_message_beside_the_field(client, make_user, login):
    signed_in_staff(client, make_user, login)
    days = {"keep_parents_days": "9" * 400, "keep_audit_days": "730", "resume_days": "30"}
    page = client.post("/team/settings/retention", data=days)
    assert page.status_code == 400
    assert "This number is bigger than we can use." in page.text


def test_a_multipart_part_without_a_readable_name_is_skipped(parent):
    body = (
        b'--b\r\nContent-Disposition: form-data; name="x\ny"\r\n\r\nvalue\r\n'
        b'--b\r\nContent-Disposition: form-data; name="file"; filename="m.json"\r\n\r\n{}\r\n'
        b"--b--\r\n"
    )
    response = parent.post(
        "/me/ecomap/import", data=BytesIO(body), content_type="multipart/form-data; boundary=b"
    )
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("char", ["\u2029", "\u2028", "\x85"])
def test_a_paragraph_separator_in_the_ask_never_breaks_the_plan_pdf(parent, char):
    saved = post_drawn(parent, "/me/plan/ask", {"what": "come swimming", "when": f" {char}"})
    assert saved.status_code in (200, 302)
    assert parent.get("/me/plan.pdf").status_code == 200
