"""/team/audit and /team/audit.csv: admins read their organisation's log, filtered, and no more."""

import csv
import io
import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from cgim.audit import services as audit
from cgim.audit.models import AuditEvent
from cgim.auth.models import User
from cgim.extensions import db
from tests.audit.pages import table_rows

OPENED = "Opened the family&#39;s record"


def csv_rows(response) -> list[dict]:
    """The CSV download as dicts."""
    return list(csv.DictReader(io.StringIO(response.text)))


def add_rows(app, user_id: int, count: int, **values) -> None:
    """Many rows written by one staff member."""
    with app.app_context():
        user = db.session.get(User, user_id)
        for _ in range(count):
            audit.record(user, values.get("action", "view record"), **values.get("about", {}))
        db.session.commit()


@pytest.mark.parametrize("role", ["facilitator", "clinician", "lead"])
def test_only_admins_see_the_log_others_get_404(app, riverside, new_client, make_user, login, role):
    with app.app_context():
        org = db.session.get(User, riverside.admin_id).organisation
    colleague = login(new_client(), make_user(role, organisation=org)[0])
    for url in ("/team/audit", "/team/audit.csv"):
        assert colleague.get(url).status_code == 404
        assert new_client().get(url).location.startswith("/login")
        assert riverside.admin.get(url).status_code == 200


def test_a_read_made_seconds_before_is_on_the_page_with_who_what_and_which_family(riverside):
    assert riverside.facilitator.get(riverside.record("Sam")).status_code == 200

    page = riverside.admin.get("/team/audit")

    assert page.status_code == 200
    when, who, what, family, workshop = table_rows(page.text)[0]
    assert (who, what, family, workshop) == (
        "Ben Facilitator",
        OPENED,
        "Sam",
        "Tuesday group",
    )
    assert datetime.strptime(when, "%Y-%m-%d %H:%M").date() == datetime.now(UTC).date()


def test_one_organisation_never_sees_the_others_rows(riverside, hilltop):
    riverside.facilitator.get(riverside.record("Sam"))
    hilltop.facilitator.get(hilltop.record("Lee"))
    hilltop.facilitator.get(f"/workshops/{hilltop.workshop_id}/live")

    river_page = riverside.admin.get("/team/audit").text
    hill_page = hilltop.admin.get("/team/audit").text
    river_csv = riverside.admin.get("/team/audit.csv").text

    for text in (river_page, river_csv):
        assert "Sam" in text and "Ben Facilitator" in text
        assert "Lee" not in text and "Dee Facilitator" not in text and "Hilltop" not in text
    assert "Lee" in hill_page and "Sam" not in hill_page and "Tuesday group" not in hill_page
    # Another organisation's staff member or family as a filter finds nothing, shows nothing.
    other = riverside.admin.get(f"/team/audit?staff={hilltop.facilitator_id}")
    assert other.status_code == 400 and "Not a valid choice" in other.text
    by_id = riverside.admin.get(f"/team/audit?family={hilltop.families['Lee']}")
    assert "Lee" not in by_id.text and "No lines match" in by_id.text


def test_filters_by_staff_member_family_workshop_and_days(app, riverside, make_workshop):
    riverside.facilitator.get(riverside.record("Sam"))
    riverside.admin.get(riverside.record("Kim"))
    other_workshop, _code = make_workshop(riverside.facilitator_id, title="Thursday group")

    def shown(query: str) -> list[tuple[str, str]]:
        page = riverside.admin.get("/team/audit?" + query)
        assert page.status_code == 200, page.text
        return [(r[1], r[3]) for r in table_rows(page.text) if r[2] == OPENED]

    ben, ada = "Ben Facilitator", "Ada Admin"
    assert shown(f"staff={riverside.facilitator_id}") == [(ben, "Sam")]
    assert shown(f"staff={riverside.admin_id}") == [(ada, "Kim")]
    assert shown("nickname=kim") == [(ada, "Kim")]  # a family by name, any case
    assert shown(f"nickname=Sam&workshop={riverside.workshop_id}") == [(ben, "Sam")]
    assert shown(f"nickname=Sam&workshop={other_workshop}") == []
    assert shown(f"family={riverside.families['Sam']}") == [(ben, "Sam")]
    today = datetime.now(UTC).date().isoformat()
    assert len(shown(f"since={today}&until={today}")) == 2
    assert shown("until=2020-01-01") == []
    assert shown("since=2999-01-01") == []
    chosen = riverside.admin.get(f"/team/audit?staff={riverside.facilitator_id}").text
    assert f'<option selected value="{riverside.facilitator_id}">Ben Facilitator' in chosen


def test_bad_filters_say_which_field_and_keep_what_was_typed(riverside):
    bad_day = riverside.admin.get("/team/audit?since=31/12/2026&nickname=Sam")
    assert bad_day.status_code == 400
    assert "Please type a day like 2026-12-01." in bad_day.text
    assert 'value="31/12/2026"' in bad_day.text and 'value="Sam"' in bad_day.text
    backwards = riverside.admin.get("/team/audit?since=2026-12-02&until=2026-12-01")
    assert backwards.status_code == 400
    assert "Please pick a day on or after the first." in backwards.text
    assert riverside.admin.get("/team/audit.csv?until=soon").status_code == 400
    assert riverside.admin.get("/team/audit?family=abc").status_code == 400
    assert riverside.admin.get("/team/audit?nickname=" + "x" * 41).status_code == 400


def test_fifty_to_a_page_newest_first_with_page_links(app, riverside):
    add_rows(app, riverside.facilitator_id, 120, about={"parent_id": riverside.families["Sam"]})

    first = riverside.admin.get(f"/team/audit?staff={riverside.facilitator_id}").text
    third = riverside.admin.get(f"/team/audit?staff={riverside.facilitator_id}&page=3").text

    assert len(table_rows(first)) == 50 and len(table_rows(third)) == 20
    assert "120 lines" in first and "Page 1 of 3" in first and "Newer lines" not in first
    older = re.search(r'href="([^"]*page=2[^"]*)">Older lines', first).group(1)
    assert f"staff={riverside.facilitator_id}" in older  # the filters stay on
    assert "Page 3 of 3" in third and "Older lines" not in third and "Newer lines" in third
    # Past the end shows the last page; before the start, the first.
    assert "Page 3 of 3" in riverside.admin.get("/team/audit?page=999999").text
    assert "Page 1 of 3" in riverside.admin.get("/team/audit?page=-5").text


def test_the_csv_holds_the_filtered_rows_and_no_cell_can_run_as_a_formula(app, riverside):
    with app.app_context():
        ben = db.session.get(User, riverside.facilitator_id)
        ben.name = '=HYPERLINK("http://evil.example","Ben")'
        db.session.commit()
    riverside.facilitator.get(riverside.record("Sam"))
    riverside.admin.get(riverside.record("Kim"))

    download = riverside.admin.get(f"/team/audit.csv?staff={riverside.facilitator_id}")

    assert download.status_code == 200 and download.mimetype == "text/csv"
    assert download.headers["Content-Disposition"] == 'attachment; filename="audit-log.csv"'
    rows = csv_rows(download)
    opened = [r for r in rows if r["action"] == "view record"]
    assert [(r["staff"], r["family"], r["workshop"]) for r in opened] == [
        ('\'=HYPERLINK("http://evil.example","Ben")', "Sam", "Tuesday group")
    ]
    assert opened[0]["words"] == "Opened the family's record"
    assert opened[0]["family_id"] == str(riverside.families["Sam"])
    assert all(r["staff"] != "Ada Admin" for r in rows)
    with app.app_context():
        actions = list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    assert actions[-1] == "export audit log"  # the download itself is in the log


def test_reading_the_log_is_logged_once_per_ten_minutes(app, riverside):
    for _ in range(3):
        riverside.admin.get("/team/audit")
    with app.app_context():
        reads = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "view audit log")
        ).all()
    assert [(e.user_id, e.parent_id) for e in reads] == [(riverside.admin_id, None)]


def test_a_family_that_deleted_its_data_shows_as_deleted_not_by_name(riverside):
    riverside.facilitator.get(riverside.record("Kim"))
    assert "Delete everything?" not in riverside.tablets["Kim"].post("/me/delete").text

    rows = table_rows(riverside.admin.get("/team/audit").text)

    assert ["Ben Facilitator", "A family whose data is deleted"] in [[r[1], r[3]] for r in rows]
    assert all("Kim" not in cell for row in rows for cell in row)


def test_a_deleted_account_keeps_its_name_in_the_log(app, riverside, make_user):
    with app.app_context():
        org = db.session.get(User, riverside.admin_id).organisation
    leaver_id, _org = make_user("facilitator", organisation=org, name="Lou Leaver")
    add_rows(app, leaver_id, 1, about={"parent_id": riverside.families["Sam"]})
    with app.app_context():
        db.session.delete(db.session.get(User, leaver_id))
        db.session.commit()
        (row,) = db.session.scalars(select(AuditEvent).where(AuditEvent.staff_name == "Lou Leaver"))
        assert row.user_id is None
    rows = table_rows(riverside.admin.get("/team/audit").text)
    assert ["Lou Leaver", "Sam"] in [[r[1], r[3]] for r in rows]
