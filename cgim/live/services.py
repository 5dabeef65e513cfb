"""The live room: what tablets poll for, the dashboard's counts, the projector's results."""

import hashlib
import json
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select

from ..contacts import services as contacts
from ..content.model import Language, Step
from ..extensions import db
from ..mi.aggregate import MIN_GROUP_SIZE
from ..parent.models import Answer, Parent, SharedText
from ..timeutil import utcnow
from ..workshop import pacing
from ..workshop.models import Workshop

STUCK_AFTER = timedelta(minutes=3)


def etag_of(payload) -> str:
    """A strong validator from the content itself: every process computes the same one."""
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()[
        :32
    ]


def tablet_state_for(parent_id, token) -> dict | None:
    """tablet_state for a parent's session, in one light query; None if the session is not valid."""
    if not isinstance(parent_id, int) or not isinstance(token, str):
        return None
    row = db.session.execute(
        select(
            Workshop.mode,
            Workshop.shown_module,
            Workshop.shown_step,
            Workshop.paused,
            Workshop.ended_at,
        )
        .join(Parent, Parent.workshop_id == Workshop.id)
        .where(Parent.id == parent_id, Parent.session_token == token)
    ).first()
    db.session.rollback()  # end the read at once: tablets poll often
    if row is None:
        return None
    mode, module, step, paused, ended = row
    return pacing.tablet_state(
        Workshop(mode=mode, shown_module=module, shown_step=step, paused=paused, ended_at=ended)
    )


def set_help(parent: Parent, wanted: bool) -> None:
    """The parent asks for help, or the facilitator has come over."""
    parent.help_requested_at = utcnow() if wanted else None


def enter_tool(parent: Parent, tool: str | None) -> None:
    """The parent opened a tool (or left it, with None): the dashboard shows who is in one."""
    parent.current_tool = tool
    parent.last_seen_at = utcnow()


def tools_in_use(workshop: Workshop) -> dict[int, str]:
    """{parent id: the tool they are in}, for every parent of the workshop inside one."""
    rows = db.session.execute(
        select(Parent.id, Parent.current_tool).where(
            Parent.workshop_id == workshop.id, Parent.current_tool.is_not(None)
        )
    )
    return {pid: tool for pid, tool in rows}


@dataclass(frozen=True)
class StepCount:
    """How many parents are on one screen."""

    module_title: str
    number: int
    title: str
    parents: int


def counts_per_step(language: Language, workshop: Workshop) -> list[StepCount]:
    """Parents per screen, in workshop order (screens with nobody left out)."""
    rows = db.session.execute(
        select(Parent.current_module, Parent.current_step, func.count(Parent.id))
        .where(Parent.workshop_id == workshop.id)
        .group_by(Parent.current_module, Parent.current_step)
    ).all()
    here = {(m, n): c for m, n, c in rows}
    return [
        StepCount(m.title, n, s.title, here[(m.id, n)])
        for m, n, s in pacing.steps_in_order(language, workshop)
        if (m.id, n) in here
    ]


def is_stuck(seen) -> bool:
    """No activity for a few minutes since `seen` (when the parent was last active)."""
    if seen.tzinfo is None:  # SQLite gives naive datetimes back
        seen = seen.replace(tzinfo=utcnow().tzinfo)
    return utcnow() - seen > STUCK_AFTER


def answers_to(workshop: Workshop, prompt_id: str) -> list:
    """Every parent's answer to one prompt (no names)."""
    query = (
        select(Answer.value)
        .join(Parent)
        .where(Parent.workshop_id == workshop.id, Answer.prompt_id == prompt_id)
    )
    return list(db.session.scalars(query))


def room_results(workshop: Workshop, step: Step) -> dict | None:
    """Counts for the projector; None below three answers so nobody can be picked out."""
    values = answers_to(workshop, step.id)
    if len(values) < MIN_GROUP_SIZE:
        return None
    if step.kind in ("scale", "ruler"):
        return {
            "kind": "numbers",
            "counts": [sum(1 for v in values if v == n) for n in range(11)],
            "total": len(values),
        }
    picked = [o for v in values for o in (v if isinstance(v, list) else [v])]
    return {
        "kind": "options",
        "counts": [(o.label, picked.count(o.id)) for o in step.options],
        "total": len(values),
    }


def approved_texts(workshop: Workshop, prompt_id: str) -> list[str]:
    """Shared words the facilitator approved for this prompt."""
    query = (
        select(SharedText.text)
        .where(
            SharedText.workshop_id == workshop.id,
            SharedText.prompt_id == prompt_id,
            SharedText.status == "approved",
        )
        .order_by(SharedText.id)
    )
    return list(db.session.scalars(query))


def waiting_texts(workshop: Workshop) -> list[SharedText]:
    """Shared words waiting for the facilitator's approval."""
    query = select(SharedText).where(
        SharedText.workshop_id == workshop.id, SharedText.status == "waiting"
    )
    return list(db.session.scalars(query.order_by(SharedText.id)))


def set_text_status(workshop: Workshop, text_id: int, status: str) -> SharedText | None:
    """Approve or hide one shared answer of this workshop; the answer, or None if refused."""
    shared = db.session.get(SharedText, text_id)
    if (
        shared is not None
        and shared.workshop_id == workshop.id
        and status in ("approved", "hidden")
    ):
        shared.status = status
        return shared
    return None


def talk_requests(workshop: Workshop) -> list[tuple[int, str, object]]:
    """Parents who asked for a private word after a serious worry: (id, nickname, when)."""
    rows = db.session.execute(
        select(Parent.id, Parent.nickname, Parent.safety_talk_requested_at)
        .where(Parent.workshop_id == workshop.id, Parent.safety_talk_requested_at.is_not(None))
        .order_by(Parent.safety_talk_requested_at, Parent.id)
    )
    return [tuple(row) for row in rows]


def unnamed_worries(workshop: Workshop) -> int:
    """How many parents noted a serious worry, for the unnamed sign the organisation chose."""
    # Below three parents in the room a count would point at someone: no sign at all.
    if not contacts.flags_serious_worries(workshop.organisation_id):
        return 0
    in_room = func.count(Parent.id)
    noted = func.count(Parent.serious_worry_at)
    total, flagged = db.session.execute(
        select(in_room, noted).where(Parent.workshop_id == workshop.id)
    ).one()
    return flagged if total >= MIN_GROUP_SIZE else 0
