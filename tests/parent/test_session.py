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
