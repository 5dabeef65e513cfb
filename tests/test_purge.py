"""Retention, enforced: `cgim purge` deletes what is past each organisation's periods, and
resume codes stop opening answers a set time after their workshop closes."""

import sys
import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import event, func, select

import cgim
from cgim import cli, codes, create_app, retention
from cgim.audit.models import AuditEvent
from cgim.auth.models import Organisation, User
from cgim.ecomap.models import EcoMapRecord
from cgim.extensions import db
from cgim.parent.models import Answer, Parent
from cgim.plan.models import Outcome
from cgim.timeutil import utcnow
from cgim.workshop.models import Workshop
from tests.conftest import base_config
from tests.fresh_database import fresh_url_fixture, keep_loggers_fixture  # noqa: F401

ENDED = (
    "This workshop has ended, so its codes no longer open answers. "
    "Ask your facilitator if you need help."
)


def days_ago(days: int):
    """A moment that many days before now."""
    return utcnow() - timedelta(days=days)


def add_workshop(organisation: Organisation, owner: User, closed_days_ago: int | None):
    """A workshop of the organisation, closed that many days ago (None: still open)."""
    workshop = Workshop(
        organisation_id=organisation.id,
        owner=owner,
        title="Group",
        format_id="making_connections",
        language="en",
        date=date(2026, 1, 6),
        join_code=codes.new_code(codes.JOIN_LENGTH),
        closed_at=None if closed_days_ago is None else days_ago(closed_days_ago),
    )
    db.session.add(workshop)
    return workshop


def add_parent(workshop: Workshop, nickname: str) -> Parent:
    """A parent with two answers, a map and a follow-up note."""
    parent = Parent(
        workshop=workshop,
        nickname=nickname,
        language="en",
        resume_code=codes.new_code(8),  # the length every schema so far can hold
        session_token=codes.new_code(32),
    )
    db.session.add(parent)
    db.session.flush()
    for prompt, value in (("welcome-enjoys", f"{nickname} likes football"), ("welcome-more", 7)):
        db.session.add(Answer(parent_id=parent.id, prompt_id=prompt, value=value))
    db.session.add(EcoMapRecord(parent_id=parent.id, document={"people": []}))
    db.session.add(Outcome(parent_id=parent.id, person="Aunt Rosa", asked="asked", note="yes"))
    return parent


def seed(app) -> dict[str, int]:
    """Two organisations with different periods; rows inside and outside each period."""
    with app.app_context():
        short = Organisation(name="Short", keep_parents_days=30, keep_audit_days=60, resume_days=7)
        default = Organisation(name="Default")  # 365 / 730 / 30 days
        users = {}
        for key, organisation in (("amy", short), ("dev", default)):
            users[key] = User(
                organisation=organisation, email=f"{key}@example.org", name=key, role="admin"
            )
            users[key].set_password("a long password")
        db.session.add_all([short, default, *users.values()])
        db.session.flush()
        parents = {
            "old1": add_parent(add_workshop(short, users["amy"], 40), "Old One"),
            "recent": add_parent(add_workshop(short, users["amy"], 10), "Recent"),
            "open": add_parent(add_workshop(short, users["amy"], None), "Still Open"),
            "kept_by_default": add_parent(add_workshop(default, users["dev"], 40), "Forty"),
            "very_old": add_parent(add_workshop(default, users["dev"], 400), "Very Old"),
        }
        parents["old2"] = add_parent(parents["old1"].workshop, "Old Two")
        db.session.flush()
        for user, ages in ((users["amy"], (70, 65, 10)), (users["dev"], (800, 100))):
            for age in ages:
                event = AuditEvent(
                    organisation_id=user.organisation_id,
                    user_id=user.id,
                    parent_id=parents["open"].id,
                    action="record",
                )
                event.created_at = days_ago(age)
                db.session.add(event)
        db.session.commit()
        return {name: parent.id for name, parent in parents.items()}


def remaining(app) -> tuple[set[int], int, int, int]:
    """Parent ids left, and how many answers, maps and audit rows are left."""
    with app.app_context():
        parents = set(db.session.scalars(select(Parent.id)))
        answers, maps, audit = (
            db.session.scalar(select(func.count()).select_from(model))
            for model in (Answer, EcoMapRecord, AuditEvent)
        )
        db.session.remove()
        return parents, answers, maps, audit


@pytest.fixture
def run_cli(monkeypatch, capsys, fresh_url):
    """Run `cgim ...` as the console script would, on a database of the test's own."""
    monkeypatch.setenv("CGIM_DATABASE_URL", fresh_url)
    monkeypatch.setenv("CGIM_SECRET_KEY", "purge-test-secret")
    made = []
    monkeypatch.setattr(cgim, "create_app", lambda: made.append(create_app()) or made[-1])

    def run(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["cgim", *args])
        code = 0
        try:
            cli.main()
        except SystemExit as exit_:
            code = exit_.code
        finally:
            for made_app in made:  # the command's connections end with it, as in a real run
                with made_app.app_context():
                    db.engine.dispose()
        out, err = capsys.readouterr()
        return code, out, err

    assert run("db", "upgrade")[0] == 0
    app = create_app(base_config(fresh_url))
    yield run, app
    with app.app_context():
        db.engine.dispose()


def counts_in(output: str) -> dict[str, int]:
    """The 'kind: count' lines of purge's output."""
    lines = [line for line in output.splitlines() if not line.startswith("Dry run")]
    pairs = [line.rsplit(": ", 1) for line in lines]
    assert all(len(pair) == 2 and pair[1].isdigit() for pair in pairs), output
    return {kind: int(number) for kind, number in pairs}


def test_dry_run_counts_and_deletes_nothing_then_purge_deletes_just_those(run_cli):
    run, app = run_cli
    ids = seed(app)
    before = remaining(app)

    code, out, err = run("purge", "--dry-run")

    assert (code, err) == (0, "")
    expected = {"parents": 3, "answers": 6, "eco-maps": 3, "follow-ups": 3, "audit events": 3}
    counted = counts_in(out)
    assert {kind: counted[kind] for kind in expected} == expected
    kinds = list(counted)
    assert kinds[0] == "parents" and kinds[-1] == "audit events"
    assert out.splitlines()[-1] == "Dry run: nothing was deleted."
    assert remaining(app) == before

    code, out, err = run("purge")

    assert (code, err) == (0, "")
    assert counts_in(out) == counted and "Dry run" not in out
    kept = {ids["recent"], ids["open"], ids["kept_by_default"]}
    assert remaining(app) == (kept, 6, 3, 2)
    assert set(counts_in(run("purge")[1]).values()) == {0}  # nothing left to purge


def test_purge_works_in_small_transactions_that_lock_at_begin(run_cli, monkeypatch):
    _run, app = run_cli
    ids = seed(app)
    monkeypatch.setattr(retention, "BATCH", 1)
    statements = []
    with app.app_context():
        listen = event.listens_for(db.engine, "before_cursor_execute")
        listen(lambda _c, _cur, statement, *_a: statements.append(statement.split()[0:2]))
        counts = retention.purge()
        dialect = db.engine.dialect.name
    assert counts["parents"] == 3 and counts["audit events"] == 3
    assert remaining(app)[0] == {ids["recent"], ids["open"], ids["kept_by_default"]}
    if dialect == "sqlite":
        # Per organisation: one transaction per parent and per audit row, and one more each
        # that finds none left (2 + 1 and 2 + 1, then 1 + 1 and 1 + 1).
        assert statements.count(["BEGIN", "IMMEDIATE"]) == 10
        begun = None
        for words in statements:
            begun = words if words[0] == "BEGIN" else begun
            if words[0] == "DELETE":
                assert begun == ["BEGIN", "IMMEDIATE"]


def test_purge_runs_while_parents_keep_saving(run_cli, monkeypatch):
    _run, app = run_cli
    ids = seed(app)
    with app.app_context():
        old = db.session.get(Parent, ids["very_old"]).workshop
        for n in range(120):
            add_parent(old, f"Old {n}")
        db.session.commit()
        token = db.session.get(Parent, ids["open"]).session_token
    monkeypatch.setattr(retention, "BATCH", 10)
    tablet = app.test_client()
    with tablet.session_transaction() as session:
        session["parent"] = [ids["open"], token]
    statuses, counts = [], {}

    def purge_now():
        with app.app_context():
            counts.update(retention.purge())

    worker = threading.Thread(target=purge_now)
    worker.start()
    for n in range(60):
        saved = tablet.post("/me/answers", json={"prompt": "welcome-enjoys", "value": f"v{n}"})
        statuses.append(saved.status_code)
    worker.join(timeout=120)
    assert not worker.is_alive()
    assert statuses == [200] * 60
    assert counts["parents"] == 3 + 120
    with app.app_context():
        kept = db.session.get(Parent, ids["open"])
        answer = db.session.scalar(
            select(Answer.value).where(
                Answer.parent_id == kept.id, Answer.prompt_id == "welcome-enjoys"
            )
        )
    assert answer == "v59"


@pytest.mark.parametrize("args", [["purge", "--dry-run", "now"], ["purge", "--days", "3"]])
def test_bad_input_to_purge_is_one_line_and_exit_2(run_cli, args):
    run, app = run_cli
    seed(app)
    code, out, err = run(*args)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("Error: ")
    assert len(remaining(app)[0]) == 6


def close(app, workshop_of: int, days: int) -> None:
    """Close the workshop of this parent that many days ago."""
    with app.app_context():
        parent = db.session.get(Parent, workshop_of)
        parent.workshop.closed_at = days_ago(days)
        db.session.commit()


def resume_code(app, pid: int) -> str:
    """A parent's resume code."""
    with app.app_context():
        return db.session.get(Parent, pid).resume_code


def test_resume_codes_stop_working_after_the_organisations_period(app, new_client):
    ids = seed(app)
    refused = new_client().post("/resume", data={"code": resume_code(app, ids["recent"])})
    assert refused.status_code == 410  # closed 10 days ago, codes last 7 days here
    assert ENDED in refused.text.replace("&#39;", "'")
    fine = new_client()
    assert fine.post("/resume", data={"code": resume_code(app, ids["open"])}).location == "/me"
    close(app, ids["open"], 6)  # within the 7 days
    assert new_client().post("/resume", data={"code": resume_code(app, ids["open"])}).location
    forty = new_client().post("/resume", data={"code": resume_code(app, ids["kept_by_default"])})
    assert forty.status_code == 410  # the default organisation's codes last 30 days
    close(app, ids["kept_by_default"], 29)
    assert new_client().post(
        "/resume", data={"code": resume_code(app, ids["kept_by_default"])}
    ).location == ("/me")


def test_a_period_of_0_days_stops_codes_when_the_workshop_closes(app, new_client):
    ids = seed(app)
    with app.app_context():
        db.session.execute(db.update(Organisation).values(resume_days=0))
        db.session.commit()
    code = resume_code(app, ids["open"])
    assert new_client().post("/resume", data={"code": code}).location == "/me"
    close(app, ids["open"], 0)
    assert new_client().post("/resume", data={"code": code}).status_code == 410
