"""Workshops: create, find (only where the user may look), close, and follow progress."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..auth.models import User
from ..codes import JOIN_LENGTH, new_code
from ..content.model import Library
from ..errors import NotFound
from ..extensions import db
from ..participant.models import Answer, Participant
from ..timeutil import utcnow
from .models import Workshop


def visible_to(user: User):
    """The SQL condition for workshops a user may see: their own; admins see the organisation's."""
    same_org = Workshop.organisation_id == user.organisation_id
    return same_org if user.is_admin else (same_org & (Workshop.owner_id == user.id))


def workshops_for(user: User) -> list[Workshop]:
    """Workshops the user may see, newest first."""
    query = (
        select(Workshop).where(visible_to(user)).order_by(Workshop.date.desc(), Workshop.id.desc())
    )
    return list(db.session.scalars(query))


def get_for(user: User, workshop_id: int) -> Workshop:
    """One workshop the user may see; anything else is 'not found', never 'forbidden'."""
    workshop = db.session.scalar(
        select(Workshop).where(Workshop.id == workshop_id, visible_to(user))
    )
    if workshop is None:
        raise NotFound()
    return workshop


def create(user: User, title: str, format_id: str, language: str, on: date) -> Workshop:
    """A new workshop with a fresh join code."""
    for _attempt in range(10):
        workshop = Workshop(
            organisation_id=user.organisation_id, owner=user, title=title.strip(),
            format_id=format_id, language=language, date=on, join_code=new_code(JOIN_LENGTH),
        )  # fmt: skip
        try:
            with db.session.begin_nested():
                db.session.add(workshop)
            return workshop
        except IntegrityError:  # the code was taken: draw again
            continue
    raise RuntimeError("Could not find a free join code")


def close(workshop: Workshop) -> None:
    """No one new can join; parents keep their answers and resume codes."""
    if workshop.closed_at is None:
        workshop.closed_at = utcnow()


def reopen(workshop: Workshop) -> None:
    """Let parents join again."""
    workshop.closed_at = None


@dataclass(frozen=True)
class ParentProgress:
    """How far one parent has come, for the facilitator's screen."""

    nickname: str
    module_title: str
    module_number: int
    module_count: int
    answered: int
    total: int
    last_seen_at: object

    @property
    def percent(self) -> int:
        """Share of the format's questions answered."""
        return round(100 * self.answered / self.total) if self.total else 0


def progress(workshop: Workshop, library: Library) -> list[ParentProgress]:
    """Every parent in the workshop with their place and how many questions they answered."""
    language = library.language(workshop.language)
    modules = language.modules_for(workshop.format_id)
    asking = {s.id for m in modules for s in m.asking_steps}
    module_ids = [m.id for m in modules]
    counts = dict(
        db.session.execute(
            select(Answer.participant_id, func.count(Answer.id))
            .join(Participant)
            .where(Participant.workshop_id == workshop.id, Answer.prompt_id.in_(asking))
            .group_by(Answer.participant_id)
        ).all()
    )
    parents = db.session.scalars(
        select(Participant).where(Participant.workshop_id == workshop.id).order_by(Participant.id)
    )
    rows = []
    for parent in parents:
        index = (
            module_ids.index(parent.current_module) if parent.current_module in module_ids else 0
        )
        rows.append(ParentProgress(
            nickname=parent.nickname, module_title=modules[index].title, module_number=index + 1,
            module_count=len(modules), answered=counts.get(parent.id, 0), total=len(asking),
            last_seen_at=parent.last_seen_at,
        ))  # fmt: skip
    return rows


def find_open(code: str) -> Workshop | None:
    """The open workshop with this join code."""
    return db.session.scalar(
        select(Workshop).where(Workshop.join_code == code, Workshop.closed_at.is_(None))
    )
