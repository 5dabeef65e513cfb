"""Parents: join, resume, save answers without ever losing one, and delete everything."""

import re
from datetime import UTC, timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from ..auth.models import Organisation
from ..codes import RESUME_LENGTH, new_code
from ..content.model import Language, Module, Step
from ..database import dependents, insert_for, scrub_after_commit
from ..ecomap.core.stored_text import clean_value
from ..errors import NotFound
from ..extensions import db
from ..timeutil import utcnow
from ..workshop.models import Workshop
from .models import Answer, Parent, SaveReceipt, SharedText
from .session import new_token


def join(workshop: Workshop, nickname: str, language: str) -> Parent:
    """A new parent in an open workshop, with a fresh resume code."""
    for _attempt in range(10):
        parent = Parent(
            workshop=workshop,
            nickname=nickname.strip(),
            language=language,
            resume_code=new_code(RESUME_LENGTH),
            session_token=new_token(),
        )
        try:
            with db.session.begin_nested():
                db.session.add(parent)
            return parent
        except IntegrityError:  # resume code taken: draw again
            continue
    raise RuntimeError("Could not find a free resume code")


def by_resume_code(code: str) -> Parent | None:
    """The parent with this resume code."""
    return db.session.scalar(select(Parent).where(Parent.resume_code == code))


def modules_of(parent: Parent, language: Language) -> tuple[Module, ...]:
    """The modules of the parent's workshop format, in order."""
    return language.modules_for(parent.workshop.format_id)


def find_step(parent: Parent, language: Language, module_id: str, number: int):
    """The module and step a parent asked for, if their format has it."""
    module = next((m for m in modules_of(parent, language) if m.id == module_id), None)
    if module is None or not 1 <= number <= len(module.steps):
        raise NotFound()
    return module, module.steps[number - 1]


def step_by_id(parent: Parent, language: Language, prompt_id: str) -> Step:
    """A prompt of the parent's format by id."""
    for module in modules_of(parent, language):
        for step in module.steps:
            if step.id == prompt_id:
                return step
    raise NotFound()


def answers_of(parent: Parent) -> dict[str, object]:
    """Every stored answer of the parent, by prompt id, cleaned so it can always be shown.

    A value stored before the input checks may hold a lone surrogate (shown as U+FFFD) or a
    control character (taken out): the page, the plan and the PDF never fail on one.
    """
    rows = db.session.execute(
        select(Answer.prompt_id, Answer.value).where(Answer.parent_id == parent.id)
    )
    return {prompt: clean_value(value) for prompt, value in rows.all()}


KEY = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


def valid_key(key) -> str | None:
    """A client's save key if it is well-formed (8-64 letters, digits, - or _), else None."""
    return key if isinstance(key, str) and KEY.match(key) else None


def save_answer(parent: Parent, prompt_id: str, value, key: str | None) -> bool:
    """Store one answer by upsert; a key already seen means a retry, applied only once.

    Returns False for a retry. One statement per write, no read-modify-write, so two
    tablets saving at once cannot undo each other.
    """
    insert = insert_for(db.session.get_bind().dialect.name)
    now = utcnow()
    if key:
        receipt = insert(SaveReceipt).values(parent_id=parent.id, key=key, created_at=now)
        # RETURNING, not rowcount: psycopg reports -1 rows for ON CONFLICT DO NOTHING.
        stored = db.session.execute(receipt.on_conflict_do_nothing().returning(SaveReceipt.key))
        if stored.scalar_one_or_none() is None:
            return False
    if value is None:
        db.session.execute(
            delete(Answer).where(Answer.parent_id == parent.id, Answer.prompt_id == prompt_id)
        )
    else:
        upsert = insert(Answer).values(
            parent_id=parent.id, prompt_id=prompt_id, value=value, updated_at=now
        )
        db.session.execute(
            upsert.on_conflict_do_update(
                index_elements=[Answer.parent_id, Answer.prompt_id],
                set_={"value": upsert.excluded.value, "updated_at": upsert.excluded.updated_at},
            )
        )
    parent.last_seen_at = now
    return True


def move_to(parent: Parent, module_id: str, number: int) -> None:
    """Remember where the parent is, for 'Continue' and the facilitator's screen."""
    parent.current_module = module_id
    parent.current_step = number
    parent.last_seen_at = utcnow()


def delete_everything(parent: Parent) -> None:
    """Remove the parent; the database's foreign keys cascade to every row that is theirs.

    Each feature's table points at the parent with ON DELETE CASCADE, so no list of other
    features' tables is kept here. secure_delete wipes the words from the SQLite file, and
    once the caller commits, the WAL is emptied (PostgreSQL: the tables are vacuumed).
    """
    db.session.execute(delete(Parent).where(Parent.id == parent.id))
    db.session.expunge(parent)
    touched = [Parent.__table__, *dependents(db.metadata, Parent.__table__)]
    scrub_after_commit(db.session(), [table.name for table in touched])


def codes_expired(parent: Parent) -> bool:
    """True once the parent's workshop has been closed longer than its organisation's codes last."""
    closed = parent.workshop.closed_at
    if closed is None:
        return False
    days = db.session.scalar(
        select(Organisation.resume_days).where(Organisation.id == parent.workshop.organisation_id)
    )
    if closed.tzinfo is None:  # SQLite gives naive datetimes back
        closed = closed.replace(tzinfo=UTC)
    return utcnow() >= closed + timedelta(days=days or 0)


def share_text(parent: Parent, prompt_id: str, text: str | None, share: bool) -> None:
    """Offer an answer to the room (it waits for approval), or take it back."""
    query = delete(SharedText).where(
        SharedText.parent_id == parent.id, SharedText.prompt_id == prompt_id
    )
    existing = db.session.scalar(
        select(SharedText).where(
            SharedText.parent_id == parent.id, SharedText.prompt_id == prompt_id
        )
    )
    if not share or not text:
        db.session.execute(query)
    elif existing is None:
        db.session.add(
            SharedText(
                parent_id=parent.id,
                workshop_id=parent.workshop_id,
                prompt_id=prompt_id,
                text=text,
            )
        )
    elif existing.text != text:
        existing.text, existing.status, existing.updated_at = text, "waiting", utcnow()


def shared_prompts(parent: Parent) -> set[str]:
    """Prompts whose answer this parent is sharing."""
    return set(
        db.session.scalars(select(SharedText.prompt_id).where(SharedText.parent_id == parent.id))
    )
