"""The parent's plan: the one place that reads and writes its parts (answer rows under plan.*)."""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace

from sqlalchemy import select

from ..ecomap import services as ecomaps
from ..ecomap.core import edit
from ..ecomap.core.analysis import analyse
from ..ecomap.core.model import EcoMap
from ..extensions import db
from ..parent import services as answers
from ..parent.models import Parent
from .models import Outcome
from .parts import Ask, ChildChoice, PlanParts, Rehearsal, SafetyPlan
from .script import AskParts, Script, build_script
from .words import script_words

SHORTLIST_SIZE = 6
# The stored rows: these keys are in databases today, so they never change.
PREFIX = "plan."
ASK = PREFIX + "ask"
REHEARSAL = PREFIX + "rehearsal"
CHILD_RANKING = PREFIX + "child_ranking"
CHILD_SAID = PREFIX + "child_said"
SAFETY = PREFIX + "safety."


@dataclass(frozen=True)
class Adult:
    """Someone the parent might ask: from the map's suggestions, or named by hand."""

    id: str
    label: str
    score: float | None = None


def parts_in(stored: Mapping[str, object]) -> PlanParts:
    """Every plan part found in a parent's answers (by prompt id), defaults where none."""
    safety = {
        key.removeprefix(SAFETY): SafetyPlan.from_stored(value)
        for key, value in stored.items()
        if key.startswith(SAFETY) and value  # an empty row never meant a plan
    }
    return PlanParts(
        ask=Ask.from_stored(stored.get(ASK)),
        child=ChildChoice.from_stored(
            {"child_ranking": stored.get(CHILD_RANKING), "child_said": stored.get(CHILD_SAID)}
        ),
        rehearsal=Rehearsal.from_stored(stored.get(REHEARSAL)),
        safety=safety,
    )


def all_parts(parent: Parent) -> PlanParts:
    """The whole plan in one read of the parent's answers."""
    return parts_in(answers.answers_of(parent))


def ask_of(parent: Parent) -> Ask:
    """The plan for the first ask."""
    return Ask.from_stored(answers.answers_of(parent).get(ASK))


def safety_plan_of(parent: Parent, person_id: str) -> SafetyPlan:
    """The safety plan for one adult (an empty one if none was made)."""
    return SafetyPlan.from_stored(answers.answers_of(parent).get(SAFETY + person_id))


def _put(parent: Parent, key: str, value: object) -> None:
    """Store one row (an upsert: two tablets cannot undo each other); None removes it."""
    answers.save_answer(parent, key, value, uuid.uuid4().hex)


def save_ask(parent: Parent, ask: Ask) -> None:
    """Keep the plan for the first ask."""
    _put(parent, ASK, ask.to_stored())


def save_child_choice(parent: Parent, choice: ChildChoice) -> None:
    """Keep the child's order and words (two rows, as they were always stored)."""
    stored = choice.to_stored()
    _put(parent, CHILD_RANKING, stored["child_ranking"])
    _put(parent, CHILD_SAID, stored["child_said"])


def save_rehearsal(parent: Parent, rehearsal: Rehearsal) -> None:
    """Keep how practising went."""
    _put(parent, REHEARSAL, rehearsal.to_stored())


def save_safety_plan(parent: Parent, person_id: str, plan: SafetyPlan) -> None:
    """Keep the safety plan for one adult."""
    _put(parent, SAFETY + person_id, plan.to_stored())


def shortlist(parent: Parent, ecomap: EcoMap | None = None, ask: Ask | None = None) -> list[Adult]:
    """The map's best suggestions, then anyone the parent named by hand for the ask.

    Callers that already loaded the map or the ask pass them in, so nothing is read twice.
    """
    ecomap = ecomap if ecomap is not None else ecomaps.current(parent)[0]
    ask = ask if ask is not None else ask_of(parent)
    adults = [Adult(c.id, c.label, c.score) for c in analyse(ecomap).candidates[:SHORTLIST_SIZE]]
    if ask.person_other and ask.person_other not in {a.label for a in adults}:
        adults.append(Adult("by-hand", ask.person_other))
    return adults


def in_child_order(adults: list[Adult], choice: ChildChoice) -> list[tuple[Adult, int | None]]:
    """Each adult with the place the child gave them (None if not ranked)."""
    return [(a, choice.place_of(a.id)) for a in adults]


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
    parent: Parent, person: str, asked: str, response: str | None, note: str, share: bool
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


def script_of(parent: Parent, ask: Ask, adults: list[Adult] | None = None) -> Script:
    """The assembled script from the planned ask."""
    adults = adults if adults is not None else shortlist(parent, ask=ask)
    names = {a.id: a.label for a in adults}
    parts = AskParts(
        person=names.get(ask.person, "") or ask.person_other,
        who_i_am=ask.who_i_am,
        why_you=ask.why_you,
        what=ask.what,
        how_often=ask.how_often,
        how_long=ask.how_long,
        easy_no=ask.easy_no,
        thanks=ask.thanks,
    )
    return build_script(parts, script_words())
