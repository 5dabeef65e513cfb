"""No one edits or deletes the audit log: no URL does, and only `cgim purge` deletes rows."""

import re
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from cgim.audit.models import AuditEvent
from cgim.auth.models import User
from cgim.extensions import db
from cgim.timeutil import utcnow

PACKAGE = Path(__file__).resolve().parents[2] / "cgim"
UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
# Row ids far from any other table's, so every <id> in a swept URL names an audit row.
FIRST_ID = 900_001
CHANGES = re.compile(
    r"(delete|update)\(\s*AuditEvent|(DELETE\s+FROM|UPDATE)\s+audit_events|"
    r"AuditEvent\)?\.(delete|update)\(",
    re.IGNORECASE,
)


def snapshot(app) -> dict:
    """Every audit row's id and fields."""
    with app.app_context():
        return {
            e.id: (e.organisation_id, e.user_id, e.staff_name, e.parent_id, e.action, e.what)
            for e in db.session.scalars(select(AuditEvent))
        }


def test_only_purge_deletes_or_changes_audit_rows_in_the_code():
    found = {
        str(path.relative_to(PACKAGE.parent))
        for path in PACKAGE.rglob("*.py")
        if "migrations" not in path.parts and CHANGES.search(path.read_text())
    }
    assert found == {"cgim/retention.py"}


def test_the_audit_pages_only_read(riverside):
    for url in ("/team/audit", "/team/audit.csv"):
        for method in UNSAFE:
            assert riverside.admin.open(url, method=method).status_code == 405


def test_no_url_edits_or_deletes_an_audit_row(app, riverside, hilltop, login):
    riverside.facilitator.get(riverside.record("Sam"))
    with app.app_context():
        ada = db.session.get(User, riverside.admin_id)
        for offset, action in enumerate(("view record", "export map", "view dashboard")):
            db.session.add(
                AuditEvent(
                    id=FIRST_ID + offset,
                    organisation_id=ada.organisation_id,
                    user_id=ada.id,
                    staff_name=ada.name,
                    parent_id=riverside.families["Kim"],
                    action=action,
                    created_at=utcnow() - timedelta(days=1),
                )
            )
        db.session.commit()
    before = snapshot(app)
    app.config["CGIM_RAISE_ERRORS"] = False  # a route that breaks on odd input is not this test
    adapter = app.url_map.bind("localhost")
    swept = 0
    for rule in app.url_map.iter_rules():
        for method in sorted(set(rule.methods or ()) & set(UNSAFE)):
            url = adapter.build(rule.endpoint, dict.fromkeys(rule.arguments, FIRST_ID))
            form = {"status": "hidden", "action": "end", "id": FIRST_ID, "event": FIRST_ID}
            for staff, user_id in ((riverside.admin, riverside.admin_id), (hilltop.admin, None)):
                staff.open(url, method=method, data=form)
                if user_id and staff.get("/team/audit").status_code != 200:
                    login(staff, user_id)  # the sweep signed the admin out: back in
            swept += 1
    after = snapshot(app)
    assert swept > 20  # the sweep did reach the app's routes
    assert {key: after.get(key) for key in before} == before  # every row kept, unchanged
