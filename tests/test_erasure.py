"""Erasure leaves no trace: after "Delete everything" no copy of a parent's words is on disk.

SQLite: secure_delete zeros the rows in the database file and the delete's commit is followed
by a WAL checkpoint that truncates the -wal file, so grepping the raw bytes of the database
files finds nothing. PostgreSQL: the touched tables are vacuumed, so no dead row is left for
a query, an index or a dump to reach. Database files and the instance folder are private.
"""

import os
import re
import stat
from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import text

from cgim import create_app
from cgim.auth.models import Organisation, User
from cgim.extensions import db, limiter
from cgim.workshop import services as workshop_services
from tests.conftest import PASSWORD, POSTGRES_URL, base_config

# Words no page, template or content file contains: any copy on disk is the parent's.
WORDS = {
    "answer": "Zorblequint",
    "long answer": "Quaffernook",
    "map name": "Vintrasmeld",
    "safety plan": "Plorvendish",
    "outcome note": "Snaddlewick",
}
OTHER = "Brimpletoad"  # another parent's words, written after the delete
FACTS = {"sector": "family", "closeness": "3", "bond": "strong", "contact": "weekly"}
FACTS |= {"child_feels": "likes", "parent_trust": "high", "support": ["emotional"]}


@pytest.fixture
def own_app(tmp_path):
    """An app on a SQLite file of its own, so every byte in it comes from this test."""
    if POSTGRES_URL:
        pytest.skip("the files of a SQLite database are checked here")
    database = tmp_path / "erasure.sqlite3"
    app = create_app(base_config(f"sqlite:///{database}"))
    limiter.reset()
    with app.app_context():
        db.create_all()
        organisation = Organisation(name="Riverside")
        user = User(organisation=organisation, email="ben@example.org", name="Ben", role="admin")
        user.set_password(PASSWORD)
        db.session.add(user)
        workshop = workshop_services.create(
            user, "Tuesday", "making_connections", "en", date.today()
        )
        db.session.commit()
        code = workshop.join_code
    yield app, database, code
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def tablet(app, code: str, nickname: str):
    """A parent's tablet, signed in to the workshop."""
    client = app.test_client()
    client.post("/join", data={"code": code})
    client.post(f"/join/{code}", data={"nickname": nickname, "language": "en"})
    assert client.post(f"/join/{code}/consent").location == "/me"
    return client


def hidden_fields(page: str) -> dict[str, str]:
    """The hidden inputs of a page's form (the map version a save is based on)."""
    found = re.findall(r'<input[^>]*type="hidden"[^>]*>', page)
    fields = {}
    for tag in found:
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if name:
            fields[name.group(1)] = value.group(1) if value else ""
    return fields


def write_everything(client, words: dict[str, str]) -> None:
    """Answers, a person on the map, their safety plan and a follow-up note, all by request."""
    saved = client.post(
        "/me/answers", json={"prompt": "welcome-enjoys", "value": f"{words['answer']} and more"}
    )
    assert saved.status_code == 200, saved.text
    long = client.post(
        "/me/answers", json={"prompt": "why-your-adult", "value": words["long answer"]}
    )
    assert long.status_code == 200, long.text
    version = client.get("/me/ecomap/document").json["version"]
    added = client.post(
        "/me/ecomap/people/new", data={"version": version, "label": words["map name"], **FACTS}
    )
    assert added.status_code == 302, added.text
    person_id = client.get("/me/ecomap/document").json["document"]["people"][0]["id"]
    url = f"/me/plan/safety/{person_id}"
    form = hidden_fields(client.get(url).text)
    planned = client.post(url, data={**form, "own_rules": words["safety plan"]})
    assert planned.status_code == 302, planned.text
    note = {"person": words["map name"], "asked": "asked", "response": "yes"}
    followed = client.post("/me/plan/follow-up", data={**note, "note": words["outcome note"]})
    assert followed.status_code == 302, followed.text


def copies(database: Path, word: str) -> dict[str, int]:
    """How often a word's bytes appear in the database file, its WAL and its shared memory."""
    found = {}
    for suffix in ("", "-wal", "-shm"):
        path = Path(f"{database}{suffix}")
        found[path.name] = path.read_bytes().count(word.encode()) if path.exists() else 0
    return found


def total(database: Path, words) -> int:
    """Copies of all these words in all the database files."""
    return sum(sum(copies(database, word).values()) for word in words)


def test_delete_everything_leaves_no_copy_in_the_database_files(own_app):
    app, database, code = own_app
    parent = tablet(app, code, "Sam")
    write_everything(parent, WORDS)
    # The words are really on disk before the delete: the check below can fail.
    assert all(sum(copies(database, word).values()) for word in WORDS.values())

    deleted = parent.post("/me/delete")

    assert deleted.status_code == 200 and "Everything is deleted" in deleted.text
    left = {kind: copies(database, word) for kind, word in WORDS.items()}
    assert total(database, WORDS.values()) == 0, left
    assert os.path.getsize(f"{database}-wal") == 0  # checkpointed and truncated
    other = tablet(app, code, "Kim")
    write_everything(other, {kind: f"{OTHER}{i}" for i, kind in enumerate(WORDS)})
    assert total(database, [f"{OTHER}0"]) > 0  # later writes do reach the files
    assert total(database, WORDS.values()) == 0
    with app.app_context():
        db.engine.dispose()  # the server stops
    assert total(database, WORDS.values()) == 0


def test_a_rolled_back_delete_scrubs_nothing_and_keeps_the_words(own_app):
    from cgim.database import SCRUB
    from cgim.parent.models import Parent
    from cgim.parent.services import delete_everything

    app, database, code = own_app
    parent = tablet(app, code, "Sam")
    write_everything(parent, WORDS)
    with app.app_context():
        delete_everything(db.session.scalars(db.select(Parent)).one())
        assert db.session.info[SCRUB] >= {"participants", "answers", "ecomaps", "outcomes"}
        db.session.rollback()
        assert SCRUB not in db.session.info
    assert parent.get("/me").status_code == 200
    assert total(database, WORDS.values()) > 0


@pytest.mark.skipif(not POSTGRES_URL, reason="PostgreSQL's dead rows are checked here")
def test_postgresql_delete_vacuums_the_parents_tables(app, make_user, make_workshop, join):
    user_id, _org = make_user()
    _workshop_id, code = make_workshop(user_id)
    parent = join(app.test_client(), code)
    write_everything(parent, WORDS)
    assert parent.post("/me/delete").status_code == 200
    tables = ("participants", "answers", "ecomaps", "ecomap_history", "outcomes")
    with app.app_context():
        db.session.execute(text("CREATE EXTENSION IF NOT EXISTS pgstattuple"))
        db.session.commit()
        dead = {
            table: db.session.execute(
                text("SELECT dead_tuple_count FROM pgstattuple(:t)"), {"t": table}
            ).scalar()
            for table in tables
        }
        db.session.remove()
    assert dead == dict.fromkeys(tables, 0)


def test_the_instance_folder_and_database_files_are_private(tmp_path, monkeypatch):
    instance = tmp_path / "instance"
    monkeypatch.setattr(Flask, "auto_find_instance_path", lambda self: str(instance))
    monkeypatch.delenv("CGIM_DATABASE_URL", raising=False)
    monkeypatch.delenv("CGIM_SECRET_KEY", raising=False)
    old_umask = os.umask(0o022)  # the usual umask would make both readable by everyone
    try:
        app = create_app({"TESTING": True})
        with app.app_context():
            db.create_all()
            db.session.add(Organisation(name="Riverside"))
            db.session.commit()
            database = Path(db.engine.url.database)
            modes = {
                path.name: stat.S_IMODE(path.stat().st_mode)
                for path in (instance, database, Path(f"{database}-wal"), Path(f"{database}-shm"))
            }
            db.session.remove()
            db.engine.dispose()
    finally:
        os.umask(old_umask)
    assert database.parent == instance
    assert modes == {
        "instance": 0o700,
        "cgim.sqlite3": 0o600,
        "cgim.sqlite3-wal": 0o600,
        "cgim.sqlite3-shm": 0o600,
    }


def test_a_database_file_made_readable_by_others_is_made_private(tmp_path):
    database = tmp_path / "old.sqlite3"
    database.touch()
    database.chmod(0o644)
    app = create_app(base_config(f"sqlite:///{database}"))
    with app.app_context():
        db.engine.dispose()
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
