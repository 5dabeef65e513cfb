"""The live room: what tablets should show, the facilitator's dashboard, the projector."""

import hashlib
import json
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, func, select

from ..content.model import Language, Module, Step
from ..extensions import db
from ..mi.aggregate import MIN_GROUP_SIZE
from ..participant.models import Answer, Participant
from ..timeutil import utcnow
from ..workshop.models import Workshop
from .models import SharedText

STUCK_AFTER = timedelta(minutes=3)
ACTIONS = (
    "follow",
    "free",
    "show",
    "next",
    "previous",
    "results_on",
    "results_off",
    "pause",
    "resume",
    "end",
)


def etag_of(payload) -> str:
    """A strong validator from the content itself: every process computes the same one."""
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()[
        :32
    ]


def steps_in_order(language: Language, workshop: Workshop) -> list[tuple[Module, int, Step]]:
    """Every screen of the workshop's format, in order."""
    return [
        (m, n, s)
        for m in language.modules_for(workshop.format_id)
        for n, s in enumerate(m.steps, 1)
    ]


def position(language: Language, workshop: Workshop, module_id: str | None, number: int) -> int:
    """Index of a screen in the whole format (0 if unknown)."""
    for i, (module, n, _step) in enumerate(steps_in_order(language, workshop)):
        if module.id == module_id and n == number:
            return i
    return 0


def control(
    workshop: Workshop, language: Language, action: str, module_id=None, number=None
) -> None:
    """Apply one facilitator control; every tablet sees it on its next poll."""
    order = steps_in_order(language, workshop)
    here = position(language, workshop, workshop.shown_module, workshop.shown_step)
    if action == "show" and module_id:
        here = position(language, workshop, module_id, number or 1)
    elif action in ("next", "previous"):
        here = min(max(here + (1 if action == "next" else -1), 0), len(order) - 1)
    if action in ("show", "next", "previous", "follow") or workshop.shown_module is None:
        workshop.shown_module, workshop.shown_step = order[here][0].id, order[here][1]
    settings = {"follow": ("mode", "follow"), "free": ("mode", "free"), "results_on": ("show_results", True),
                "results_off": ("show_results", False), "pause": ("paused", True), "resume": ("paused", False)}  # fmt: skip
    if action in settings:
        setattr(workshop, *settings[action])
    if action == "end":
        workshop.ended_at, workshop.paused = utcnow(), False
    workshop.control_version += 1


def tablet_state(workshop: Workshop) -> dict:
    """What a parent's tablet must do: follow the shown screen, pause, or go to the plan."""
    following = workshop.mode == "follow" and workshop.shown_module is not None
    return {
        "follow": [workshop.shown_module, workshop.shown_step] if following else None,
        "paused": workshop.paused,
        "ended": workshop.ended_at is not None,
    }


def tablet_state_for(participant_id, token) -> dict | None:
    """tablet_state for a parent's session, in one light query; None if the session is not valid."""
    if not isinstance(participant_id, int) or not isinstance(token, str):
        return None
    row = db.session.execute(
        select(
            Workshop.mode,
            Workshop.shown_module,
            Workshop.shown_step,
            Workshop.paused,
            Workshop.ended_at,
        )
        .join(Participant, Participant.workshop_id == Workshop.id)
        .where(Participant.id == participant_id, Participant.session_token == token)
    ).first()
    db.session.rollback()  # end the read at once: tablets poll often
    if row is None:
        return None
    mode, module, step, paused, ended = row
    return tablet_state(
        Workshop(mode=mode, shown_module=module, shown_step=step, paused=paused, ended_at=ended)
    )


def may_view(
    language: Language, workshop: Workshop, module_id: str, number: int
) -> tuple[str, int] | None:
    """In follow-me mode a parent cannot run ahead: the screen to show instead, if any."""
    if workshop.mode != "follow" or workshop.shown_module is None:
        return None
    wanted = position(language, workshop, module_id, number)
    shown = position(language, workshop, workshop.shown_module, workshop.shown_step)
    return (workshop.shown_module, workshop.shown_step) if wanted > shown else None


def set_help(parent: Participant, wanted: bool) -> None:
    """The parent asks for help, or the facilitator has come over."""
    parent.help_requested_at = utcnow() if wanted else None


def share_text(parent: Participant, prompt_id: str, text: str | None, share: bool) -> None:
    """Offer an answer to the room (it waits for approval), or take it back."""
    query = delete(SharedText).where(
        SharedText.participant_id == parent.id, SharedText.prompt_id == prompt_id
    )
    existing = db.session.scalar(select(SharedText).where(SharedText.participant_id == parent.id,
                                                          SharedText.prompt_id == prompt_id))  # fmt: skip
    if not share or not text:
        db.session.execute(query)
    elif existing is None:
        db.session.add(
            SharedText(
                participant_id=parent.id,
                workshop_id=parent.workshop_id,
                prompt_id=prompt_id,
                text=text,
            )
        )
    elif existing.text != text:
        existing.text, existing.status, existing.updated_at = text, "waiting", utcnow()


def shared_prompts(parent: Participant) -> set[str]:
    """Prompts whose answer this parent is sharing."""
    return set(
        db.session.scalars(
            select(SharedText.prompt_id).where(SharedText.participant_id == parent.id)
        )
    )


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
        select(Participant.current_module, Participant.current_step, func.count(Participant.id))
        .where(Participant.workshop_id == workshop.id)
        .group_by(Participant.current_module, Participant.current_step)
    ).all()
    here = {(m, n): c for m, n, c in rows}
    return [StepCount(m.title, n, s.title, here[(m.id, n)])
            for m, n, s in steps_in_order(language, workshop) if (m.id, n) in here]  # fmt: skip


def is_stuck(seen) -> bool:
    """No activity for a few minutes since `seen` (when the parent was last active)."""
    if seen.tzinfo is None:  # SQLite gives naive datetimes back
        seen = seen.replace(tzinfo=utcnow().tzinfo)
    return utcnow() - seen > STUCK_AFTER


def answers_to(workshop: Workshop, prompt_id: str) -> list:
    """Every parent's answer to one prompt (no names)."""
    query = (
        select(Answer.value)
        .join(Participant)
        .where(Participant.workshop_id == workshop.id, Answer.prompt_id == prompt_id)
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
    query = select(SharedText.text).where(SharedText.workshop_id == workshop.id, SharedText.prompt_id == prompt_id,
                                          SharedText.status == "approved").order_by(SharedText.id)  # fmt: skip
    return list(db.session.scalars(query))


def waiting_texts(workshop: Workshop) -> list[SharedText]:
    """Shared words waiting for the facilitator's approval."""
    query = select(SharedText).where(
        SharedText.workshop_id == workshop.id, SharedText.status == "waiting"
    )
    return list(db.session.scalars(query.order_by(SharedText.id)))


def set_text_status(workshop: Workshop, text_id: int, status: str) -> None:
    """Approve or hide one shared answer of this workshop."""
    shared = db.session.get(SharedText, text_id)
    if (
        shared is not None
        and shared.workshop_id == workshop.id
        and status in ("approved", "hidden")
    ):
        shared.status = status
