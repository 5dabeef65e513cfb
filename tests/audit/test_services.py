"""The audit log's writing side: one row per record, coalesced room reads, announced writes."""

from datetime import timedelta
from types import SimpleNamespace

from sqlalchemy import select

from cgim.audit import services as audit
from cgim.audit.models import AuditEvent
from cgim.audit.words import words_for
from cgim.auth.announce import announce
from cgim.auth.models import User
from cgim.extensions import db


def rows(app) -> list[tuple]:
    """(organisation, user, name, parent, workshop, action, what) of each row, oldest first."""
    with app.app_context():
        events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))
        return [
            (
                e.organisation_id,
                e.user_id,
                e.staff_name,
                e.parent_id,
                e.workshop_id,
                e.action,
                e.what,
            )
            for e in events
        ]


def test_a_row_says_who_in_which_organisation_did_what_to_whom(app, make_user):
    ada_id, org_id = make_user(name="Ada")
    with app.app_context():
        ada = db.session.get(User, ada_id)
        audit.record(ada, "export map", parent_id=7, workshop_id=3, what="csv")
        audit.record(ada, "add help line")
        db.session.commit()
    assert rows(app) == [
        (org_id, ada_id, "Ada", 7, 3, "export map", "csv"),
        (org_id, ada_id, "Ada", None, None, "add help line", ""),
    ]


def test_the_detail_is_cut_to_its_column_and_a_long_name_too(app, make_user):
    user_id, org_id = make_user()
    # Any object with an id, an organisation and a name will do (auth announces its own).
    long_named = SimpleNamespace(id=user_id, organisation_id=org_id, name="N" * 200)
    with app.app_context():
        audit.record(long_named, "control room", what="x" * 300)
        db.session.commit()
    (row,) = rows(app)
    assert row[2] == "N" * 120 and row[6] == "x" * 80


def test_recording_writes_nothing_until_the_caller_commits(app, make_user):
    user_id, _org = make_user()
    with app.app_context():
        audit.record(db.session.get(User, user_id), "view record", parent_id=7)
        db.session.rollback()  # a request that fails leaves no half-written trail
    assert rows(app) == []


def test_room_reads_add_one_row_per_family_then_nothing_for_ten_minutes(app, make_user):
    user_id, _org = make_user()
    with app.app_context():
        user = db.session.get(User, user_id)
        assert audit.record_seen(user, "view dashboard", 5, [1, 2, 2]) == 2
        db.session.commit()
        assert audit.record_seen(user, "view dashboard", 5, [1, 2]) == 0  # polling again
        assert audit.record_seen(user, "view dashboard", 5, [1, 2, 3]) == 1  # a newcomer
        assert audit.record_seen(user, "view workshop page", 5, [1]) == 1  # another screen
        assert audit.record_seen(user, "view dashboard", 6, [1]) == 1  # another workshop
        db.session.commit()
        for event in db.session.scalars(select(AuditEvent)):
            event.created_at -= audit.COALESCE + timedelta(seconds=1)
        db.session.commit()
        assert audit.record_seen(user, "view dashboard", 5, [1, 2, 3]) == 3  # later: again
        db.session.commit()
    dashboard_5 = [r[3] for r in rows(app) if r[5] == "view dashboard" and r[4] == 5]
    assert dashboard_5 == [1, 2, 3, 1, 2, 3]


def test_a_colleague_seeing_the_same_families_gets_rows_of_their_own(app, make_user):
    ada_id, _org = make_user()
    bo_id, _org = make_user()
    with app.app_context():
        ada, bo = db.session.get(User, ada_id), db.session.get(User, bo_id)
        audit.record_seen(ada, "view dashboard", 5, [1])
        db.session.commit()
        assert audit.record_seen(bo, "view dashboard", 5, [1]) == 1


def test_a_room_read_that_names_no_family_is_one_row_for_the_room(app, make_user):
    user_id, _org = make_user()
    with app.app_context():
        user = db.session.get(User, user_id)
        assert audit.record_seen(user, "view projector", 5, []) == 1
        db.session.commit()
        assert audit.record_seen(user, "view projector", 5, []) == 0
    assert [(r[3], r[4], r[5]) for r in rows(app)] == [(None, 5, "view projector")]


def test_what_auth_announces_is_recorded_in_the_same_session(app, make_user):
    user_id, org_id = make_user(name="Ada")
    with app.app_context():
        announce(db.session.get(User, user_id), "deactivate account", what="Bo")
        db.session.commit()
        announce(db.session.get(User, user_id), "change role")
        db.session.rollback()
    assert rows(app) == [(org_id, user_id, "Ada", None, None, "deactivate account", "Bo")]


def test_the_trail_of_a_family_is_newest_first_and_can_be_held_to_one_organisation(app, make_user):
    ada_id, ada_org = make_user()
    bo_id, _bo_org = make_user()
    with app.app_context():
        ada, bo = db.session.get(User, ada_id), db.session.get(User, bo_id)
        audit.record(ada, "view record", parent_id=7)
        audit.record(bo, "view record", parent_id=7)
        audit.record(ada, "export map", parent_id=7, what="csv")
        audit.record(ada, "view record", parent_id=8)
        db.session.commit()
        assert [e.action for e in audit.trail_of(7, ada_org)] == ["export map", "view record"]
        assert len(audit.trail_of(7)) == 3 and audit.trail_of(9) == []


def test_pages_of_the_trail(app, make_user):
    user_id, org_id = make_user()
    with app.app_context():
        user = db.session.get(User, user_id)
        for _ in range(45):
            audit.record(user, "view record", parent_id=7)
        db.session.commit()
        query = audit.trail_query(org_id, 7)
        first, last = audit.page_of(query, 1, 20), audit.page_of(query, 3, 20)
        assert (first.total, first.pages, len(first.events), len(last.events)) == (45, 3, 20, 5)
        assert first.has_older and not first.has_newer and last.has_newer and not last.has_older
        assert first.events[0].id > first.events[-1].id > last.events[0].id
        assert audit.page_of(query, 99, 20).number == 3 and audit.page_of(query, -4, 20).number == 1
        assert audit.page_of(audit.trail_query(org_id, 8), 1, 20).pages == 1


def test_plain_words_for_actions_old_and_new():
    assert words_for("view dashboard") == "Saw the family on the live dashboard"
    assert words_for("export map", "csv") == "Downloaded the family's map (csv)"
    # Rows from before the log had details said them in the action.
    assert words_for("export map graphml") == "Downloaded the family's map (graphml)"
    assert words_for("record") == "Opened the family's record"
    assert words_for("something new") == "something new"
