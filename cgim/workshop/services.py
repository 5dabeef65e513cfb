"""Workshops: create, find (only where the user may look), close, and follow progress."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..auth.models import User
from ..codes import JOIN_LENGTH, new_code
from ..content.model import Library
from ..errors import NotFound
from ..extensions import db
from ..journey.progress import Journey
from ..participant.models import Answer, Participant
from ..plan.models import Outcome
from ..timeutil import utcnow
from .models import CoFacilitator, Workshop


def visible_to(user: User):
    """Workshops a user may see: their own and those they co-facilitate; admins see all of theirs."""
    same_org = Workshop.organisation_id == user.organisation_id
    if user.is_admin:
        return same_org
    helping = select(CoFacilitator.workshop_id).where(CoFacilitator.user_id == user.id)
    return same_org & ((Workshop.owner_id == user.id) | Workshop.id.in_(helping))


def add_co_facilitator(workshop: Workshop, colleague_id: int) -> User:
    """Let a colleague from the same organisation run this workshop too."""
    colleague = db.session.get(User, colleague_id)
    if colleague is None or colleague.organisation_id != workshop.organisation_id:
        raise NotFound()
    if colleague.id != workshop.owner_id and not db.session.get(
        CoFacilitator, (workshop.id, colleague.id)
    ):
        db.session.add(CoFacilitator(workshop_id=workshop.id, user_id=colleague.id))
    return colleague


def co_facilitators(workshop: Workshop) -> list[User]:
    """Colleagues running the workshop with its owner."""
    query = (
        select(User)
        .join(CoFacilitator, CoFacilitator.user_id == User.id)
        .where(CoFacilitator.workshop_id == workshop.id)
    )
    return list(db.session.scalars(query.order_by(User.name)))


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

    id: int
    nickname: str
    module_id: str
    module_title: str
    module_number: int
    module_count: int
    answered: int
    total: int
    last_seen_at: object
    step: int = 1
    help_requested_at: object = None
    outcome: object = None  # the latest follow-up (what happened after the ask), if any

    @property
    def percent(self) -> int:
        """Share of the format's questions answered."""
        return round(100 * self.answered / self.total) if self.total else 0


def answers_by_parent(workshop: Workshop) -> dict[int, dict]:
    """Every parent's answers in one query: {participant id: {prompt id: value}}."""
    rows = db.session.execute(
        select(Answer.participant_id, Answer.prompt_id, Answer.value)
        .join(Participant)
        .where(Participant.workshop_id == workshop.id)
    )
    grouped: dict[int, dict] = {}
    for pid, prompt, value in rows:
        grouped.setdefault(pid, {})[prompt] = value
    return grouped


def progress(
    workshop: Workshop, library: Library, answers: dict[int, dict]
) -> list[ParentProgress]:
    """Every parent with their place and how many of the questions shown to them they answered."""
    modules = library.language(workshop.language).modules_for(workshop.format_id)
    module_ids = [m.id for m in modules]
    parents = db.session.scalars(
        select(Participant).where(Participant.workshop_id == workshop.id).order_by(Participant.id)
    )
    latest = latest_outcomes(workshop)
    rows = []
    for parent in parents:
        path = Journey(modules, answers.get(parent.id, {}))
        asked = [q for m in modules for q in path.questions(m)]
        current = parent.current_module
        index = module_ids.index(current) if current in module_ids else 0
        rows.append(ParentProgress(
            id=parent.id, nickname=parent.nickname, module_id=modules[index].id, module_title=modules[index].title, module_number=index + 1,
            module_count=len(modules), answered=sum(1 for q in asked if q in path.answers),
            total=len(asked), last_seen_at=parent.last_seen_at, step=parent.current_step, help_requested_at=parent.help_requested_at, outcome=latest.get(parent.id),
        ))  # fmt: skip
    return rows


def latest_outcomes(workshop: Workshop) -> dict:
    """Each parent's most recent follow-up, in one query."""
    rows = db.session.scalars(
        select(Outcome)
        .join(Participant)
        .where(Participant.workshop_id == workshop.id)
        .order_by(Outcome.id)
    )
    return {outcome.participant_id: outcome for outcome in rows}


def find_open(code: str) -> Workshop | None:
    """The open workshop with this join code."""
    return db.session.scalar(
        select(Workshop).where(Workshop.join_code == code, Workshop.closed_at.is_(None))
    )
