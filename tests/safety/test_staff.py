"""What staff see: private talk requests on the dashboard (cleared like help requests), the
unnamed sign only where the organisation chose it, warnings while no help line is set up, and
nothing of another organisation's parents."""

import html

import pytest

from cgim.auth.models import Organisation
from cgim.contacts.models import LocalContact
from cgim.extensions import db

from .conftest import HARMED, LOCAL_LINE, put_person

WANTS = "Sam would like a private word"
SIGN_ONE = "A parent in this room may want a private word about safety."
NO_LINE = "No help line is set up yet."


def ask_to_talk(setting, name: str = "Sam"):
    """A parent notes a serious worry and taps 'I'd like to talk to someone'."""
    parent = setting.parent(name)
    put_person(parent, {**HARMED, "concerns": ["harm_to_children"]})
    assert parent.post("/me/safety/talk", data={"person": "uncle-joe"}).status_code == 302
    return parent


def test_a_talk_request_shows_on_the_dashboard_and_is_cleared(app, setting, parent_id):
    assert WANTS not in setting.dashboard()
    sam = ask_to_talk(setting)

    assert WANTS in html.unescape(setting.dashboard())
    projector = setting.staff.get(f"/workshops/{setting.workshop_id}/projector?part=1").text
    assert "private word" not in projector and "Sam" not in projector

    done = setting.staff.post(f"/workshops/{setting.workshop_id}/talk/{parent_id(sam)}")

    assert done.location == f"/workshops/{setting.workshop_id}/live"
    assert WANTS not in html.unescape(setting.dashboard())
    assert "I'd like to talk to someone" in html.unescape(
        sam.get("/me/safety/next-step/uncle-joe").text
    )


def test_polling_sees_a_new_talk_request(setting):
    url = f"/workshops/{setting.workshop_id}/live?part=1"
    first = setting.staff.get(url)
    tag = first.headers["ETag"]
    assert setting.staff.get(url, headers={"If-None-Match": tag}).status_code == 304
    ask_to_talk(setting)
    again = setting.staff.get(url, headers={"If-None-Match": tag})
    assert again.status_code == 200 and WANTS in html.unescape(again.text)


def three_parents_one_worried(setting):
    """A room of three; Sam notes a serious worry."""
    sam = setting.parent("Sam")
    setting.parent("Kim")
    setting.parent("Lee")
    put_person(sam, {**HARMED, "concerns": ["harm_to_children"]})
    setting.note_serious_worry(sam)
    return sam


@pytest.mark.parametrize("chosen", [True, False])
def test_the_unnamed_sign_shows_only_where_the_organisation_chose_it(setting, chosen):
    setting.flag(chosen)
    three_parents_one_worried(setting)

    dashboard = html.unescape(setting.dashboard())
    workshop = html.unescape(setting.staff.get(f"/workshops/{setting.workshop_id}").text)

    for page in (dashboard, workshop):
        assert (SIGN_ONE in page) is chosen
        assert "Uncle Joe" not in page and "harmed" not in page
    if chosen:
        sign = dashboard.split(SIGN_ONE)[0].rsplit("<section", 1)[1]
        assert "Sam" not in sign  # the sign's section names nobody


def test_the_sign_counts_and_stays_silent_in_a_small_room(setting):
    setting.flag(True)
    sam = setting.parent("Sam")
    kim = setting.parent("Kim")
    for parent in (sam, kim):
        setting.note_serious_worry(parent)
    assert "private word about safety" not in setting.dashboard()  # two parents: who is plain
    setting.parent("Lee")
    assert "2 parents in this room may want a private word about safety." in setting.dashboard()


@pytest.mark.parametrize("chosen", [True, False])
def test_the_consent_screen_says_what_staff_see_before_anything_is_stored(setting, chosen):
    setting.flag(chosen)
    tablet = setting.new_client()
    tablet.post("/join", data={"code": setting.code})
    tablet.post(f"/join/{setting.code}", data={"nickname": "Sam", "language": "en"})

    page = html.unescape(tablet.get(f"/join/{setting.code}/consent").text)

    assert "they may have to act to keep the child safe" in page
    told = "your facilitator may see a small sign that someone in the group may want a private word"
    assert (told in page) is chosen
    assert ("staff are not told" in page) is not chosen
    assert "The sign shows no name and no details." in page or not chosen


def test_the_admin_page_shows_the_consent_words_for_the_choice(setting):
    page = html.unescape(setting.staff.get("/team/settings").text)
    assert "staff are not told" in page
    setting.flag(True)
    assert setting.organisation().flag_serious_worries is True
    page = html.unescape(setting.staff.get("/team/settings").text)
    assert "your facilitator may see a small sign" in page
    assert 'value="on" checked' in page


def staff_pages(setting) -> list[str]:
    """The workshop page, the live dashboard and the new-workshop page."""
    urls = (
        f"/workshops/{setting.workshop_id}",
        f"/workshops/{setting.workshop_id}/live",
        "/workshops/new",
    )
    return [html.unescape(setting.staff.get(url).text) for url in urls]


def test_staff_pages_warn_until_a_help_line_is_set_up(setting):
    for page in staff_pages(setting):
        assert NO_LINE in page and 'href="/team/contacts/"' in page
    setting.add_line(**LOCAL_LINE)
    for page in staff_pages(setting):
        assert NO_LINE not in page


def test_a_facilitator_is_told_to_ask_the_admin(
    setting, make_user, login, new_client, make_workshop
):
    with setting.app.app_context():
        org = db.session.get(Organisation, setting.org_id)
    user_id, _org = make_user("facilitator", organisation=org)
    staff = login(new_client(), user_id)
    workshop_id, _code = make_workshop(user_id)
    page = html.unescape(staff.get(f"/workshops/{workshop_id}").text)
    assert NO_LINE in page and "ask your organisation's admin" in page
    assert 'href="/team/contacts/"' not in page.split(NO_LINE)[1].split("</div>")[0]


def test_another_organisation_sees_nothing(setting, make_user, login, new_client, make_workshop):
    setting.flag(True)
    setting.add_line(**LOCAL_LINE)
    sam = ask_to_talk(setting)
    setting.parent("Kim")
    setting.parent("Lee")
    setting.note_serious_worry(sam)
    other_id, _other_org = make_user("admin")
    other = login(new_client(), other_id)
    their_workshop, their_code = make_workshop(other_id)

    assert other.get(f"/workshops/{setting.workshop_id}/live?part=1").status_code == 404
    with setting.app.app_context():
        sam_id = setting.parent_id(sam)
    assert other.post(f"/workshops/{setting.workshop_id}/talk/{sam_id}").status_code == 404
    assert other.post(f"/workshops/{their_workshop}/talk/{sam_id}").status_code == 302
    assert WANTS in html.unescape(setting.dashboard())  # still there
    theirs = html.unescape(other.get(f"/workshops/{their_workshop}/live?part=1").text)
    assert "private word" not in theirs and "Sam" not in theirs
    assert NO_LINE in html.unescape(other.get(f"/workshops/{their_workshop}").text)
    their_parent = setting.join(new_client(), their_code, "Ola")
    put_person(their_parent, {**HARMED, "concerns": ["harm_to_children"]})
    their_page = html.unescape(their_parent.get("/me/safety/next-step/uncle-joe").text)
    assert LOCAL_LINE["name"] not in their_page
    assert "Ask your facilitator for the local help lines." in their_page


def test_help_lines_keep_their_kind_and_can_be_edited(setting):
    setting.add_line(**LOCAL_LINE, kind="national")
    with setting.app.app_context():
        line = db.session.query(LocalContact).one()
        line_id, kind = line.id, line.kind
    assert kind == "national"
    assert "National fallback" in setting.staff.get("/team/contacts/").text
    url = f"/team/contacts/{line_id}/edit"
    assert 'value="national" checked' in setting.staff.get(url).text
    saved = setting.staff.post(url, data={**LOCAL_LINE, "phone": "0800 999", "kind": "local"})
    assert saved.location == "/team/contacts/"
    with setting.app.app_context():
        line = db.session.get(LocalContact, line_id)
        assert (line.phone, line.kind) == ("0800 999", "local")
    bad = setting.staff.post(url, data={**LOCAL_LINE, "phone": "call me"})
    assert bad.status_code == 200 and "Please use digits" in bad.text


def test_another_organisation_cannot_edit_a_help_line(setting, make_user, login, new_client):
    setting.add_line(**LOCAL_LINE)
    with setting.app.app_context():
        line_id = db.session.query(LocalContact.id).scalar()
    other = login(new_client(), make_user("admin")[0])
    url = f"/team/contacts/{line_id}/edit"
    assert other.get(url).status_code == 404
    assert other.post(url, data={**LOCAL_LINE, "name": "Theirs"}).status_code == 404
    with setting.app.app_context():
        assert db.session.get(LocalContact, line_id).name == LOCAL_LINE["name"]
