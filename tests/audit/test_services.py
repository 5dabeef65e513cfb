"""The audit log: each staff read of a parent's record is written down and read back."""

from cgim.audit import services as audit
from cgim.audit.models import AuditEvent
from cgim.auth.models import User
from cgim.extensions import db


def test_reads_are_written_and_the_trail_is_newest_first_per_parent(app, make_user):
    ada_id, _org = make_user(name="Ada")
    bo_id, _org = make_user(name="Bo")
    with app.app_context():
        ada, bo = db.session.get(User, ada_id), db.session.get(User, bo_id)
        audit.record_read(ada, 7, "view record")
        audit.record_read(bo, 8, "view record")
        audit.record_read(bo, 7, "export map csv")
        db.session.commit()

        trail = audit.trail_of(7)

        assert [(e.user_id, e.action) for e in trail] == [
            (bo_id, "export map csv"),
            (ada_id, "view record"),
        ]
        assert all(e.created_at is not None for e in trail)
        assert [e.action for e in audit.trail_of(8)] == ["view record"]
        assert audit.trail_of(9) == []


def test_recording_a_read_writes_nothing_until_the_caller_commits(app, make_user):
    user_id, _org = make_user()
    with app.app_context():
        audit.record_read(db.session.get(User, user_id), 7, "view record")
        db.session.rollback()  # a request that fails leaves no half-written trail
        assert db.session.scalar(db.select(db.func.count()).select_from(AuditEvent)) == 0
