"""What is logged: room reads (workshop page, dashboard, projector) and every staff write."""

import io
from datetime import date

import pytest
from sqlalchemy import select

from cgim.audit.models import AuditEvent
from cgim.extensions import db
from cgim.parent.models import Parent, SharedText
from cgim.timeutil import utcnow
from tests.audit.pages import table_rows

MAP = b'{"format": "cgim-ecomap", "version": 1, "child": {"id": "child", "label": "Maya"}, '
MAP += b'"caregiver": {"id": "me", "label": "Me"}, "people": [], "ties": []}'


def events(app, **where) -> list[tuple]:
    """(user, parent, workshop, action, what) of the rows matching, oldest first."""
    with app.app_context():
        query = select(AuditEvent).filter_by(**where).order_by(AuditEvent.id)
        return [
            (e.user_id, e.parent_id, e.workshop_id, e.action, e.what)
            for e in db.session.scalars(query)
        ]


def trail(staff, url: str) -> list[list[str]]:
    """The "who has looked" rows a family's record shows: [when, who, what]."""
    return table_rows(staff.get(url).text, "trail")


@pytest.mark.parametrize(
    ("path", "action"), [("", "view workshop page"), ("/live", "view dashboard")]
)
def test_a_room_page_logs_each_family_it_shows_once_per_ten_minutes(app, riverside, path, action):
    room = f"/workshops/{riverside.workshop_id}{path}"
    assert riverside.facilitator.get(room).status_code == 200
    for _ in range(5):  # the dashboard polls its live region
        assert riverside.facilitator.get(room + "?part=1").status_code in (200, 304)

    shown = events(app, action=action)
    ben, w = riverside.facilitator_id, riverside.workshop_id
    assert shown == [(ben, riverside.families[n], w, action, "") for n in ("Sam", "Kim")]
    words = (
        "Saw the family on the workshop page"
        if path == ""
        else "Saw the family on the live dashboard"
    )
    rows = trail(riverside.admin, riverside.record("Sam"))
    assert [r[1:] for r in rows if r[2] == words] == [["Ben Facilitator", words]]


def test_a_family_who_joins_later_is_logged_on_the_next_poll(app, riverside, join, new_client):
    room = f"/workshops/{riverside.workshop_id}/live"
    riverside.facilitator.get(room)
    with app.app_context():
        code = db.session.get(Parent, riverside.families["Sam"]).workshop.join_code
    join(new_client(), code, "Robin")
    riverside.facilitator.get(room + "?part=1")
    assert len(events(app, action="view dashboard")) == 3


def test_the_projector_names_no_family_and_logs_one_row_for_the_room(app, riverside):
    screen = f"/workshops/{riverside.workshop_id}/projector"
    riverside.facilitator.get(screen)
    riverside.facilitator.get(screen + "?part=1")
    assert events(app, action="view projector") == [
        (riverside.facilitator_id, None, riverside.workshop_id, "view projector", "")
    ]


def test_a_refused_room_read_logs_nothing(app, riverside, hilltop):
    for path in ("", "/live", "/projector"):
        url = f"/workshops/{riverside.workshop_id}{path}"
        assert hilltop.facilitator.get(url).status_code == 404
    assert events(app) == []


def test_the_record_pages_who_has_looked_twenty_at_a_time(app, riverside):
    url = riverside.record("Sam")
    for _ in range(24):
        riverside.facilitator.get(url)
    first = riverside.facilitator.get(url).text
    assert "25 times in all" in first and "Page 1 of 2" in first
    assert len(trail(riverside.facilitator, url)) == 20
    older = riverside.facilitator.get(url + "?trail=2").text
    assert "Page 2 of 2" in older and "Newer" in older
    # Admins can go on to the organisation's log for this family; others see no such link.
    assert f"/team/audit?family={riverside.families['Sam']}" in riverside.admin.get(url).text
    assert "/team/audit" not in first


def test_running_the_room_is_logged(app, riverside):
    staff, w = riverside.facilitator, riverside.workshop_id
    sam = riverside.families["Sam"]
    staff.post(f"/workshops/{w}/control", data={"action": "follow"})
    staff.post(f"/workshops/{w}/control", data={"action": "no such thing"})
    riverside.tablets["Sam"].post("/me/help")
    staff.post(f"/workshops/{w}/help/{sam}")
    with app.app_context():
        db.session.get(Parent, sam).safety_talk_requested_at = utcnow()
        text = SharedText(parent_id=sam, workshop_id=w, prompt_id="welcome-enjoys", text="Football")
        db.session.add(text)
        db.session.commit()
        text_id = text.id
    staff.post(f"/workshops/{w}/talk/{sam}")
    staff.post(f"/workshops/{w}/texts/{text_id}", data={"status": "approved"})
    staff.post(f"/workshops/{w}/texts/{text_id}", data={"status": "odd"})
    staff.post(f"/workshops/{w}/close")
    staff.post(f"/workshops/{w}/reopen")

    ben = riverside.facilitator_id
    assert events(app) == [
        (ben, None, w, "control room", "follow"),
        (ben, sam, w, "clear help request", ""),
        (ben, sam, w, "clear talk request", ""),
        (ben, sam, w, "review words", "approved"),
        (ben, None, w, "close workshop", ""),
        (ben, None, w, "reopen workshop", ""),
    ]


def test_creating_a_workshop_and_adding_a_colleague_are_logged(app, riverside):
    made = riverside.facilitator.post(
        "/workshops/new",
        data={"title": "Friday group", "format_id": "making_connections", "language": "en"}
        | {"date": date(2026, 12, 4).isoformat()},
    )
    assert made.status_code == 302
    new_id = int(made.location.rstrip("/").rsplit("/", 1)[1])
    riverside.facilitator.post(
        f"/workshops/{new_id}/colleagues", data={"colleague": str(riverside.admin_id)}
    )
    ben = riverside.facilitator_id
    assert events(app) == [
        (ben, None, new_id, "create workshop", ""),
        (ben, None, new_id, "add co-facilitator", "Ada Admin"),
    ]


def test_loading_a_map_for_a_family_is_logged_whether_it_worked_or_not(app, riverside):
    tablet, url = riverside.tablets["Sam"], riverside.record("Sam")
    version = tablet.get("/me/ecomap/document").json["version"]
    tablet.post("/me/ecomap/share", data={"version": version, "share": "yes"})

    def upload(content: bytes):
        data = {"file": (io.BytesIO(content), "map.json")}
        return riverside.facilitator.post(
            url + "ecomap/import", data=data, content_type="multipart/form-data"
        )

    upload(b"{not json")
    upload(MAP)
    imports = [(e[1], e[4]) for e in events(app, action="import map")]
    sam = riverside.families["Sam"]
    assert imports == [(sam, "not loaded"), (sam, "loaded")]


def test_the_organisations_help_lines_and_team_changes_are_logged(app, riverside):
    admin = riverside.admin
    admin.post("/team/contacts/", data={"name": "Family Line", "phone": "0800 1", "kind": "local"})
    with app.app_context():
        from cgim.contacts.models import LocalContact

        contact_id = db.session.scalar(select(LocalContact.id))
    admin.post(f"/team/contacts/{contact_id}/edit", data={"name": "Family Line 2", "kind": "local"})
    admin.post("/team/settings/serious-worries", data={"flag": "on"})
    admin.post(f"/team/contacts/{contact_id}/remove")
    admin.post(
        "/team",
        data={
            "name": "Gus New",
            "email": "gus@example.org",
            "role": "facilitator",
            "password": "a much longer password here",
        },
    )
    ada = riverside.admin_id
    assert events(app) == [
        (ada, None, None, "add help line", "Family Line"),
        (ada, None, None, "edit help line", "Family Line 2"),
        (ada, None, None, "change worry sign", "on"),
        (ada, None, None, "remove help line", str(contact_id)),
        (ada, None, None, "add account", "Gus New, Facilitator"),
    ]


def test_account_changes_are_logged_with_who_did_them(app, client, make_user, login):
    from sqlalchemy import select

    from cgim.audit.models import AuditEvent
    from cgim.extensions import db

    admin, org = make_user("admin")
    with app.app_context():
        from cgim.auth.models import Organisation

        organisation = db.session.get(Organisation, org)
    colleague, _ = make_user("facilitator", organisation=organisation)
    login(client, admin)
    client.post(f"/team/{colleague}/reset-link")
    client.post(f"/team/{colleague}/role", data={"role": "clinician"})
    with app.app_context():
        rows = db.session.scalars(select(AuditEvent).where(AuditEvent.user_id == admin)).all()
        actions = {row.action for row in rows}
    assert {"issue reset link", "change role"} <= actions
