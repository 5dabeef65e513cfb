"""No acknowledged answer is ever lost: concurrent autosaves for one parent, on real threads.

Each thread has its own test client carrying a copy of the parent's session cookie (one
parent's answers arriving from several browser tabs or retries at once). A Barrier releases
them together so the requests really overlap. Runs on SQLite (file, WAL) and PostgreSQL.
"""

import functools
import threading

import pytest
from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from cgim.auth import models as auth_models
from cgim.extensions import db
from cgim.parent.models import Answer, SaveReceipt

THREADS = 30
ROUNDS = 2
SIMPLE_KINDS = ("short_text", "long_text", "single_choice", "multiple_choice", "checklist", "scale")


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch):
    """Staff passwords hash in one round here; hashing itself is tested in tests/auth."""
    quick = functools.partial(generate_password_hash, method="pbkdf2:sha256:1")
    monkeypatch.setattr(auth_models, "generate_password_hash", quick)


def asking_steps(app, count: int, kinds=SIMPLE_KINDS):
    """The first `count` questions of making_connections of the given kinds."""
    language = app.extensions["cgim_content"].language("en")
    modules = language.modules_for("making_connections")
    steps = [s for m in modules for s in m.asking_steps if s.kind in kinds]
    assert len(steps) >= count
    return steps[:count]


def value_for(step, round_: int, thread: int):
    """A valid answer for a step that differs from round to round: (sent, stored)."""
    if step.kind in ("short_text", "long_text"):
        text = f"round {round_} thread {thread}"
        return text, text
    if step.kind == "scale":
        return round_, round_
    option = step.option_ids[round_ % len(step.option_ids)]
    if step.kind == "single_choice":
        return option, option
    return [option], [option]


def clients_sharing(app, parent_client, count: int) -> list:
    """`count` fresh clients, each with a copy of the parent's session cookie."""
    cookie = parent_client.get_cookie("cgim_session").value
    clients = []
    for _ in range(count):
        client = app.test_client()
        client.set_cookie("cgim_session", cookie)
        clients.append(client)
    return clients


def run_together(clients, bodies) -> list[tuple[int, dict]]:
    """POST bodies[i] from clients[i], all released at once; (status, JSON) per thread."""
    barrier = threading.Barrier(len(clients))
    results: list = [None] * len(clients)

    def work(i: int) -> None:
        barrier.wait(timeout=30)
        try:
            response = clients[i].post("/me/answers", json=bodies[i])
            results[i] = (response.status_code, response.get_json())
        except Exception as exc:  # reported below, with the thread that failed
            results[i] = (None, repr(exc))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a save never finished"
    return results


def stored_rows(app, pid: int, model, *where) -> int:
    """Rows of a parent's table, optionally filtered."""
    with app.app_context():
        query = select(func.count()).select_from(model).where(model.parent_id == pid, *where)
        return db.session.scalar(query)


@pytest.fixture
def parent(client, join, make_user, make_workshop):
    """A parent who has joined a making_connections workshop."""
    _id, code = make_workshop(make_user()[0])
    return join(client, code)


def test_concurrent_saves_to_different_prompts_lose_nothing(app, parent, parent_id, answers_of):
    pid = parent_id(parent)
    steps = asking_steps(app, THREADS)
    clients = clients_sharing(app, parent, THREADS)
    acknowledged = 0
    for round_ in range(1, ROUNDS + 1):
        sent = [value_for(step, round_, i) for i, step in enumerate(steps)]
        bodies = [
            {"prompt": step.id, "value": sent[i][0], "key": f"r{round_}-t{i}-{pid}-key"}
            for i, step in enumerate(steps)
        ]

        results = run_together(clients, bodies)

        assert results == [(200, {"saved": True, "repeated": False})] * THREADS
        acknowledged += len(results)
        stored = answers_of(pid)
        expected = {step.id: sent[i][1] for i, step in enumerate(steps)}
        lost = {k: v for k, v in expected.items() if stored.get(k) != v}
        assert lost == {}, f"round {round_}: {len(lost)} acknowledged answers lost"
        assert stored == expected
    assert acknowledged == THREADS * ROUNDS
    assert stored_rows(app, pid, Answer) == THREADS
    assert stored_rows(app, pid, SaveReceipt) == THREADS * ROUNDS


def test_concurrent_saves_to_one_prompt_leave_one_row_with_a_sent_value(
    app, parent, parent_id, answers_of
):
    pid = parent_id(parent)
    [prompt] = [s.id for s in asking_steps(app, 1, kinds=("long_text",))]
    sent = [f"version {i}" for i in range(THREADS)]
    bodies = [
        {"prompt": prompt, "value": v, "key": f"same-prompt-{i:03d}"} for i, v in enumerate(sent)
    ]

    results = run_together(clients_sharing(app, parent, THREADS), bodies)

    assert results == [(200, {"saved": True, "repeated": False})] * THREADS
    assert stored_rows(app, pid, Answer, Answer.prompt_id == prompt) == 1
    assert answers_of(pid) == {prompt: answers_of(pid)[prompt]}
    assert answers_of(pid)[prompt] in sent
    assert stored_rows(app, pid, SaveReceipt) == THREADS


def test_concurrent_retries_of_one_save_are_applied_once(app, parent, parent_id, answers_of):
    pid = parent_id(parent)
    [prompt] = [s.id for s in asking_steps(app, 1, kinds=("short_text",))]
    body = {"prompt": prompt, "value": "Football", "key": "retry-on-bad-wifi-1"}

    results = run_together(clients_sharing(app, parent, THREADS), [body] * THREADS)

    assert all(status == 200 for status, _json in results), results
    assert sorted(json["repeated"] for _status, json in results) == [False] + [True] * (THREADS - 1)
    assert answers_of(pid) == {prompt: "Football"}
    assert stored_rows(app, pid, SaveReceipt) == 1


def test_late_concurrent_retries_never_overwrite_a_newer_answer(app, parent, parent_id, answers_of):
    pid = parent_id(parent)
    [prompt] = [s.id for s in asking_steps(app, 1, kinds=("short_text",))]
    old = {"prompt": prompt, "value": "old words", "key": "first-save-key-1"}
    assert parent.post("/me/answers", json=old).json == {"saved": True, "repeated": False}
    newer = {"prompt": prompt, "value": "newer words", "key": "second-save-key-2"}
    assert parent.post("/me/answers", json=newer).json == {"saved": True, "repeated": False}

    results = run_together(clients_sharing(app, parent, THREADS), [old] * THREADS)

    assert results == [(200, {"saved": True, "repeated": True})] * THREADS
    assert answers_of(pid) == {prompt: "newer words"}
