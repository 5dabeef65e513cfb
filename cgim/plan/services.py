"""The parent's plan, kept as answers (one upserted row per part), plus the shortlist."""

import uuid
from dataclasses import dataclass, replace

from sqlalchemy import select

from ..ecomap import services as ecomaps
from ..ecomap.core import edit
from ..ecomap.core.analysis import analyse
from ..extensions import db
from ..parent import services as answers
from ..parent.models import Parent
from .models import Outcome
from .script import AskParts, build_script
from .words import script_words

PREFIX = "plan."
SHORTLIST_SIZE = 6
ASK_TEXT = (
    "person_other",
    "what",
    "how_often",
    "how_long",
    "who_i_am",
    "why_you",
    "easy_no",
    "thanks",
    "when",
    "if_no",
)


@dataclass(frozen=True)
class Adult:
    """Someone the parent might ask: from the map's suggestions, or named by hand."""

    id: str
    label: str
    score: float | None = None


def get(parent: Parent, key: str, default=None):
    """One part of the plan."""
    return answers.answers_of(parent).get(PREFIX + key, default)


def put(parent: Parent, key: str, value) -> None:
    """Store one part of the plan (an upsert: two tablets cannot undo each other)."""
    answers.save_answer(parent, PREFIX + key, value, uuid.uuid4().hex)


def shortlist(parent: Parent, ecomap=None, ask: dict | None = None) -> list[Adult]:
    """The map's best suggestions, then anyone the parent named by hand for the ask.

    Callers that already loaded the map or the ask pass them in, so nothing is read twice.
    """
    ecomap = ecomap if ecomap is not None else ecomaps.current(parent)[0]
    ask = ask if ask is not None else get(parent, "ask") or {}
    adults = [Adult(c.id, c.label, c.score) for c in analyse(ecomap).candidates[:SHORTLIST_SIZE]]
    by_hand = ask.get("person_other", "")
    if by_hand and by_hand not in {a.label for a in adults}:
        adults.append(Adult("by-hand", by_hand))
    return adults


def in_child_order(
    parent: Parent, adults: list[Adult], ranking: list | None = None
) -> list[tuple[Adult, int | None]]:
    """Each adult with the place the child gave them (None if not ranked)."""
    ranking = ranking if ranking is not None else get(parent, "child_ranking") or []
    return [(a, ranking.index(a.id) + 1 if a.id in ranking else None) for a in adults]


def set_worries(parent: Parent, person_id: str, worries: list[str]) -> None:
    """Worries named in a safety plan go onto the map, so a serious one ends the suggestion."""
    ecomap, version = ecomaps.current(parent)
    try:
        person = edit.person(ecomap, person_id)
    except edit.EcoMapError:
        return  # named by hand: not on the map
    if set(person.concerns) != set(worries):
        ecomaps.save(
            parent, edit.put_person(ecomap, replace(person, concerns=tuple(worries))), version
        )


def record_outcome(
    parent: Parent, person: str, asked: str, response, note: str, share: bool
) -> Outcome:
    """What happened when the parent asked (or not yet)."""
    outcome = Outcome(
        parent_id=parent.id,
        person=person.strip()[:60],
        asked=asked,
        response=response if asked == "asked" else None,
        note=note.strip(),
        share_note=share,
    )
    db.session.add(outcome)
    return outcome


def outcomes_of(parent: Parent) -> list[Outcome]:
    """Every follow-up the parent recorded, newest first."""
    query = select(Outcome).where(Outcome.parent_id == parent.id).order_by(Outcome.id.desc())
    return list(db.session.scalars(query))


def script_of(parent, stored: dict, adults=None):
    """The assembled script from the stored ask."""
    adults = adults if adults is not None else shortlist(parent)
    names = {a.id: a.label for a in adults}
    person = names.get(stored.get("person") or "", "") or stored.get("person_other", "")
    parts = AskParts(
        person=person,
        **{k: stored.get(k) or "" for k in ASK_TEXT if k in AskParts.__dataclass_fields__},
    )
    return build_script(parts, script_words())
