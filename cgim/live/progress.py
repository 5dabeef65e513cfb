"""Every parent's progress in a workshop, for the facilitator's screens (no answers shown)."""

from dataclasses import dataclass

from sqlalchemy import select

from ..content.model import Library
from ..extensions import db
from ..journey.progress import Journey
from ..parent.models import Answer, Parent
from ..plan.models import Outcome
from ..workshop.models import Workshop


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
    # The latest follow-up the parent chose to share (whom they asked, what was said), if any.
    outcome: object = None

    @property
    def percent(self) -> int:
        """Share of the format's questions answered."""
        return round(100 * self.answered / self.total) if self.total else 0


def answers_by_parent(workshop: Workshop) -> dict[int, dict]:
    """Every parent's answers in one query: {parent id: {prompt id: value}}."""
    rows = db.session.execute(
        select(Answer.parent_id, Answer.prompt_id, Answer.value)
        .join(Parent)
        .where(Parent.workshop_id == workshop.id)
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
        select(Parent).where(Parent.workshop_id == workshop.id).order_by(Parent.id)
    )
    latest = latest_shared_outcomes(workshop)
    rows = []
    for parent in parents:
        path = Journey(modules, answers.get(parent.id, {}))
        asked = [q for m in modules for q in path.questions(m)]
        current = parent.current_module
        index = module_ids.index(current) if current in module_ids else 0
        rows.append(
            ParentProgress(
                id=parent.id,
                nickname=parent.nickname,
                module_id=modules[index].id,
                module_title=modules[index].title,
                module_number=index + 1,
                module_count=len(modules),
                answered=sum(1 for q in asked if q in path.answers),
                total=len(asked),
                last_seen_at=parent.last_seen_at,
                step=parent.current_step,
                help_requested_at=parent.help_requested_at,
                outcome=latest.get(parent.id),
            )
        )
    return rows


def latest_shared_outcomes(workshop: Workshop) -> dict:
    """Each parent's most recent follow-up that they shared, in one query.

    The consent screen promises staff the name and progress only, unless the parent shares:
    a follow-up not ticked "share with my facilitator" never leaves the parent's own pages.
    """
    rows = db.session.scalars(
        select(Outcome)
        .join(Parent)
        .where(Parent.workshop_id == workshop.id, Outcome.share_note.is_(True))
        .order_by(Outcome.id)
    )
    return {outcome.parent_id: outcome for outcome in rows}
