"""An admin looks after colleagues: deactivate (sessions end, work passes on), reactivate, role."""

import pytest
from sqlalchemy import select

from cgim.extensions import db
from cgim.workshop.models import CoFacilitator, Workshop
from tests.auth.account_helpers import sign_in, signed_in, team, user

ACTIONS = ("/role", "/reset-link", "/deactivate", "/reactivate")


def deactivate(client, member: int, successor: int | str):
    """POST the leaving form on a colleague's page."""
    return client.post(f"/team/{member}/deactivate", data={"successor": str(successor)})


def owners(app) -> dict[str, int]:
    """Workshop title -> owner id."""
    with app.app_context():
        return {w.title: w.owner_id for w in db.session.scalars(select(Workshop))}


def helpers(app) -> set[tuple[str, int]]:
    """(workshop title, co-facilitator id) pairs."""
    with app.app_context():
        query = select(Workshop.title, CoFacilitator.user_id).join(
            CoFacilitator, CoFacilitator.workshop_id == Workshop.id
        )
        return {tuple(row) for row in db.session.execute(query)}


def co_facilitate(app, workshop_id: int, user_id: int) -> None:
    """Make a colleague a co-facilitator of a workshop."""
    with app.app_context():
        db.session.add(CoFacilitator(workshop_id=workshop_id, user_id=user_id))
        db.session.commit()


def test_the_team_page_leads_to_each_colleagues_page(app, client, make_user, login):
    admin, ben = team(app, make_user, "admin", "facilitator")
    login(client, admin)
    assert f'href="/team/{ben}"' in client.get("/team").text
    page = client.get(f"/team/{ben}")
    assert page.status_code == 200
    assert user(app, ben).email in page.text and "Deactivate" in page.text


@pytest.mark.parametrize("role", ["facilitator", "clinician"])
def test_only_admins_of_the_same_organisation_reach_a_colleague(
    app, client, new_client, make_user, login, role
):
    admin, ben, other = team(app, make_user, "admin", "facilitator", role)
    stranger, _ = make_user("admin")
    for who in (other, stranger):
        browser = login(new_client(), who)
        assert browser.get(f"/team/{ben}").status_code == 404
        for action in ACTIONS:
            assert browser.post(f"/team/{ben}{action}", data={"role": "admin"}).status_code == 404
    assert user(app, ben).is_active and user(app, ben).role == "facilitator"
    login(client, admin)
    assert client.get(f"/team/{stranger}").status_code == 404


def test_deactivating_ends_the_colleagues_open_session_at_once(
    app, client, new_client, make_user, login
):
    admin, ben = team(app, make_user, "admin", "facilitator")
    login(client, admin)
    bens_laptop = login(new_client(), ben)
    assert signed_in(bens_laptop)

    response = deactivate(client, ben, admin)

    assert response.status_code == 302
    assert not signed_in(bens_laptop)
    assert bens_laptop.get("/workshops/").status_code == 302
    assert sign_in(new_client(), app, ben).status_code == 200  # the right password fails now
    assert user(app, ben).deactivated_at is not None
    assert "Deactivated" in client.get("/team").text


def test_their_workshops_pass_to_the_colleague_the_admin_picks(
    app, client, make_user, make_workshop, login
):
    admin, ben, cora, dev = team(app, make_user, "admin", "facilitator", "facilitator", "clinician")
    tuesday, _ = make_workshop(ben, title="Tuesday")
    friday, _ = make_workshop(ben, title="Friday")
    helped, _ = make_workshop(dev, title="Dev's group")
    coras, _ = make_workshop(cora, title="Cora's group")
    co_facilitate(app, friday, cora)  # Cora already helps: she becomes the owner instead
    co_facilitate(app, helped, ben)
    co_facilitate(app, coras, ben)
    login(client, admin)
    assert "4 workshops" in client.get(f"/team/{ben}").text

    done = client.post(f"/team/{ben}/deactivate", data={"successor": cora}, follow_redirects=True)

    assert "Passed to Staff" in done.text and "4 workshops" in done.text
    mine = {"Tuesday": cora, "Friday": cora, "Cora's group": cora}
    assert owners(app) == {**mine, "Dev's group": dev}
    assert helpers(app) == {("Dev's group", cora)}
    cora_browser = login(app.test_client(), cora)
    assert cora_browser.get(f"/workshops/{tuesday}").status_code == 200


def test_the_successor_must_be_an_active_colleague_of_the_same_organisation(
    app, client, make_user, login
):
    admin, ben, cora, lead = team(app, make_user, "admin", "facilitator", "facilitator", "lead")
    stranger, _ = make_user()
    login(client, admin)
    deactivate(client, cora, admin)
    assert f'value="{lead}"' not in client.get(f"/team/{ben}").text  # leads run no room
    for bad in (stranger, cora, ben, lead, "", "abc", "99999999999"):
        page = deactivate(client, ben, bad)
        assert page.status_code == 400
        assert "Please choose who takes over their work." in page.text
    assert user(app, ben).is_active


def test_an_admin_cannot_deactivate_themselves(app, client, make_user, login):
    admin, _other_admin = team(app, make_user, "admin", "admin")
    login(client, admin)
    assert "You cannot deactivate your own account." in client.get(f"/team/{admin}").text
    refused = deactivate(client, admin, _other_admin)
    assert refused.status_code == 409
    assert user(app, admin).is_active and signed_in(client)


def test_reactivating_lets_them_sign_in_again_but_old_sessions_stay_ended(
    app, client, new_client, make_user, login
):
    admin, ben = team(app, make_user, "admin", "facilitator")
    login(client, admin)
    old_laptop = login(new_client(), ben)
    deactivate(client, ben, admin)

    assert client.post(f"/team/{ben}/reactivate").status_code == 302

    assert user(app, ben).is_active
    assert not signed_in(old_laptop)
    assert sign_in(new_client(), app, ben).status_code == 302
    assert f'action="/team/{ben}/deactivate"' in client.get(f"/team/{ben}").text


def test_an_admin_changes_a_colleagues_role(app, client, new_client, make_user, login):
    admin, ben = team(app, make_user, "admin", "facilitator")
    login(client, admin)
    bens_laptop = login(new_client(), ben)
    assert bens_laptop.get("/team").status_code == 404

    assert client.post(f"/team/{ben}/role", data={"role": "admin"}).status_code == 302

    assert user(app, ben).role == "admin"
    assert bens_laptop.get("/team").status_code == 200  # at once, no new sign-in
    refused = client.post(f"/team/{ben}/role", data={"role": "owner"})
    assert refused.status_code == 400 and "Please pick one of the roles shown." in refused.text
    assert user(app, ben).role == "admin"


def test_the_last_admin_keeps_the_admin_role(app, client, make_user, login):
    admin, ben = team(app, make_user, "admin", "facilitator")
    login(client, admin)

    refused = client.post(f"/team/{admin}/role", data={"role": "facilitator"})

    assert refused.status_code == 400
    assert "needs at least one admin" in refused.text
    assert user(app, admin).role == "admin"
    client.post(f"/team/{ben}/role", data={"role": "admin"})
    assert client.post(f"/team/{admin}/role", data={"role": "facilitator"}).status_code == 302
    assert user(app, admin).role == "facilitator"


def test_the_last_active_admin_cannot_be_deactivated(app, make_user):
    """Even by an admin whose own role was changed in the meantime (the service checks)."""
    from cgim.auth import lifecycle
    from cgim.auth.models import User
    from cgim.errors import Conflict

    first, second, ben = team(app, make_user, "admin", "admin", "facilitator")
    with app.app_context():
        acting, last = db.session.get(User, first), db.session.get(User, second)
        acting.role = "facilitator"
        with pytest.raises(Conflict):
            lifecycle.deactivate(acting, last, ben)
        assert last.is_active


def test_a_deactivated_colleague_cannot_be_added_to_a_workshop(
    app, client, make_user, make_workshop, login
):
    admin, ben, cora = team(app, make_user, "admin", "facilitator", "facilitator")
    workshop_id, _ = make_workshop(ben)
    login(client, admin)
    bens = login(app.test_client(), ben)
    assert f'value="{cora}"' in bens.get(f"/workshops/{workshop_id}/live").text
    deactivate(client, cora, admin)
    assert f'value="{cora}"' not in bens.get(f"/workshops/{workshop_id}/live").text
    added = bens.post(f"/workshops/{workshop_id}/colleagues", data={"colleague": str(cora)})
    assert added.status_code == 404
    assert helpers(app) == set()
