"""The parent's plan: the one place that reads and writes its parts (answer rows under plan.*).

A part saved from a form is merged field by field with what another screen saved since the
form was drawn (merge.py), under a lock on the parent's row, so two tablets never undo each
other; a safety plan also checks the map version its worries were drawn from.
"""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace

from sqlalchemy import select

from ..ecomap import services as ecomaps
from ..ecomap.core import edit
from ..ecomap.core.analysis import analyse
from ..ecomap.core.model import EcoMap, Person
from ..ecomap.core.worries import serious_in
from ..extensions import db
from ..parent import services as answers
from ..parent.models import Parent
from ..timeutil import utcnow
from .merge import Saved, WorryChange, fingerprint, merge
from .models import Outcome
from .parts import Ask, ChildChoice, PlanParts, Rehearsal, SafetyPlan, StoredPart
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
# The checklist in "Keeping your child safe" whose ticked rules start every safety plan.
FAMILY_RULES = "safe-family-rules"


@dataclass(frozen=True)
class Adult:
    """Someone the parent might ask: from the map's suggestions, or named by hand."""

    id: str
    label: str
    score: float | None = None
    cautions: tuple[str, ...] = ()  # the analysis's words, each with its step to take first


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


def _put(parent: Parent, key: str, value: object) -> None:
    """Store one row (an upsert: two tablets cannot undo each other); None removes it."""
    answers.save_answer(parent, key, value, uuid.uuid4().hex)


def _lock(parent: Parent) -> None:
    """Hold the parent's row until commit, so two saves of one plan run one after the other.

    PostgreSQL takes a row lock; SQLite ignores FOR UPDATE, and needs none: requests that
    write start with BEGIN IMMEDIATE (cgim.database), which already runs them one at a time.
    """
    db.session.execute(select(Parent.id).where(Parent.id == parent.id).with_for_update())


def _stored(parent: Parent, key: str) -> object:
    """One stored row's value, read after the lock (None when there is none)."""
    return answers.answers_of(parent).get(key)


def _merged(drawn: object, empty: StoredPart, current: StoredPart, posted: StoredPart) -> Saved:
    """Merge one part (typed values in, a Saved out): nothing is written here."""
    theirs = current.to_stored()
    merged = merge(drawn, empty.to_stored(), theirs, posted.to_stored())
    return Saved(merged.stored, theirs, fingerprint(theirs), merged.conflicts)


def drawn_from(part: StoredPart) -> str:
    """The fingerprint a form carries of the part it shows (see merge.py)."""
    return fingerprint(part.to_stored())


def save_ask(parent: Parent, ask: Ask, drawn: object = None) -> Saved:
    """Keep the plan for the first ask, merged with any change made meanwhile elsewhere."""
    _lock(parent)
    saved = _merged(drawn, Ask(), Ask.from_stored(_stored(parent, ASK)), ask)
    if not saved.refused:
        _put(parent, ASK, saved.stored)
    return saved


def save_child_choice(parent: Parent, choice: ChildChoice, drawn: object = None) -> Saved:
    """Keep the child's order and words (two rows, as they were always stored), merged."""
    _lock(parent)
    stored = answers.answers_of(parent)
    current = ChildChoice.from_stored(
        {"child_ranking": stored.get(CHILD_RANKING), "child_said": stored.get(CHILD_SAID)}
    )
    saved = _merged(drawn, ChildChoice(), current, choice)
    if not saved.refused:
        _put(parent, CHILD_RANKING, saved.stored["child_ranking"])
        _put(parent, CHILD_SAID, saved.stored["child_said"])
    return saved


def save_rehearsal(parent: Parent, rehearsal: Rehearsal, drawn: object = None) -> Saved:
    """Keep how practising went, merged with any change made meanwhile elsewhere."""
    _lock(parent)
    current = Rehearsal.from_stored(_stored(parent, REHEARSAL))
    saved = _merged(drawn, Rehearsal(), current, rehearsal)
    if not saved.refused:
        _put(parent, REHEARSAL, saved.stored)
    return saved


def family_rules(stored: Mapping[str, object], offered: tuple[str, ...]) -> tuple[str, ...]:
    """The family rules the parent ticked in "Keeping your child safe", among those offered."""
    ticked = stored.get(FAMILY_RULES)
    chosen = set(ticked) if isinstance(ticked, list) else set()
    return tuple(rule for rule in offered if rule in chosen)


def safety_draft(
    parent: Parent, person_id: str, offered: tuple[str, ...]
) -> tuple[SafetyPlan, str]:
    """The safety plan to show for one adult, and the fingerprint of what is stored.

    A plan that never chose its rules starts with the family rules ticked earlier.
    """
    stored = answers.answers_of(parent)
    row = stored.get(SAFETY + person_id)
    plan = SafetyPlan.from_stored(row)
    drawn = drawn_from(plan)
    if not (isinstance(row, Mapping) and "rules" in row):
        plan = replace(plan, rules=family_rules(stored, offered))
    return plan, drawn


def save_safety_plan(
    parent: Parent,
    person_id: str,
    plan: SafetyPlan,
    drawn: object,
    version: int,
    worries: WorryChange | None = None,
) -> Saved:
    """Keep the safety plan for one adult and change their worries, or store nothing.

    Refused when a field changed on another screen too, or when the map changed since the
    form was drawn: a stale form never erases a worry ticked meanwhile.
    """
    _lock(parent)
    current = SafetyPlan.from_stored(_stored(parent, SAFETY + person_id))
    saved = _merged(drawn, SafetyPlan(), current, plan)
    ecomap, newest = ecomaps.current(parent)
    person = edit.person(ecomap, person_id)
    saved = replace(saved, stale_map=version != newest, version=newest, person=person)
    if saved.refused:
        return saved
    try:
        with db.session.begin_nested():
            _put(parent, SAFETY + person_id, saved.stored)
            change = worries or WorryChange()
            new_serious = _change_worries(parent, ecomap, person, change, version)
    except ecomaps.StaleVersion:  # saved on another screen between our read and our write
        ecomap, newest = ecomaps.current(parent)
        return replace(saved, stale_map=True, version=newest, person=edit.person(ecomap, person_id))
    return replace(saved, new_serious=new_serious)


def _change_worries(
    parent: Parent, ecomap: EcoMap, person: Person, worries: WorryChange, version: int
) -> tuple[str, ...]:
    """Put the changed worries on the map; returns the serious worries that are new.

    Only the named worries change: a worry recorded elsewhere is never removed by omission.
    A new serious worry is remembered on the parent (staff see it unnamed, if at all).
    """
    kept = [c for c in person.concerns if c not in worries.no_longer]
    concerns = tuple(kept + [c for c in worries.add if c not in kept])
    if concerns != person.concerns:
        ecomaps.save(parent, edit.put_person(ecomap, replace(person, concerns=concerns)), version)
    new_serious = tuple(c for c in serious_in(concerns) if c not in person.concerns)
    if new_serious:
        parent.serious_worry_at = utcnow()
    return new_serious


def shortlist(parent: Parent, ecomap: EcoMap | None = None, ask: Ask | None = None) -> list[Adult]:
    """The map's best suggestions, then anyone the parent named by hand for the ask.

    Callers that already loaded the map or the ask pass them in, so nothing is read twice.
    """
    ecomap = ecomap if ecomap is not None else ecomaps.current(parent)[0]
    ask = ask if ask is not None else ask_of(parent)
    best = analyse(ecomap).candidates[:SHORTLIST_SIZE]
    adults = [Adult(c.id, c.label, c.score, c.cautions) for c in best]
    if ask.person_other and ask.person_other not in {a.label for a in adults}:
        adults.append(Adult("by-hand", ask.person_other))
    return adults


def in_child_order(adults: list[Adult], choice: ChildChoice) -> list[tuple[Adult, int | None]]:
    """Each adult with the place the child gave them (None if not ranked)."""
    return [(a, choice.place_of(a.id)) for a in adults]


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
