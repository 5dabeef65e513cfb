"""The parent session helpers: who is signed in on this browser, typed for the views."""

import pytest

from cgim.parent.session import current_parent, signed_in_parent


def test_signed_in_parent_is_the_parent_of_this_browser(
    client, make_user, make_workshop, join, parent_id
):
    user_id, _org = make_user()
    _id, code = make_workshop(user_id)
    join(client, code, nickname="Sam")
    with client:
        assert client.get("/me").status_code == 200
        parent = signed_in_parent()
        assert parent.id == parent_id(client)
        assert parent.nickname == "Sam"
        assert current_parent() is parent


def test_signed_in_parent_refuses_a_browser_with_no_parent(app):
    with app.test_request_context("/me"):
        assert current_parent() is None
        with pytest.raises(LookupError, match="parent_required"):
            signed_in_parent()


def test_finish_for_now_makes_a_copied_cookie_worthless(
    app, client, new_client, make_user, make_workshop, join, parent_id
):
    _id, code = make_workshop(make_user()[0])
    join(client, code)
    pid = parent_id(client)
    copied = new_client()
    copied.set_cookie("cgim_session", client.get_cookie("cgim_session").value)
    assert copied.get("/me").status_code == 200  # a copy works while the parent is here
    with app.app_context():
        from cgim.extensions import db
        from cgim.parent.models import Parent

        before = db.session.get(Parent, pid)
        old_token, resume_code = before.session_token, before.resume_code

    assert client.post("/me/leave").location == "/"

    assert copied.get("/me").location == "/join"  # the copy of the old cookie is worthless
    assert client.get("/me").location == "/join"
    with app.app_context():
        after = db.session.get(Parent, pid)
        assert after.session_token != old_token
        assert len(after.session_token) == 32
    tablet = new_client()
    assert tablet.post("/resume", data={"code": resume_code}).location == "/me"  # code still works
    assert tablet.get("/me").status_code == 200
