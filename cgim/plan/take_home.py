"""Everything the take-home plan shows, gathered once for the page and the PDF."""

import base64
import io
from collections.abc import Callable
from dataclasses import dataclass, replace

import segno

from ..codes import display_resume
from ..contacts.models import LocalContact
from ..contacts.services import for_organisation
from ..content.model import Step
from ..ecomap import services as ecomaps
from ..ecomap.core.svg import initials as initials_of
from ..ecomap.core.svg import render_svg
from ..journey.own_words import own_words
from ..journey.progress import Journey
from ..library import language_for
from ..parent import services as answers
from ..parent.models import Parent
from . import services as plans
from . import web
from .forms import CHANNELS, RULES
from .models import Outcome
from .parts import Ask, Rehearsal, SafetyPlan
from .script import Script

# The words the forms ask with, so the plan never keeps a second copy of them.
CHANNEL_WORDS = {choice.value: choice.label for choice in CHANNELS}
TOPICS = dict(RULES)


@dataclass(frozen=True)
class SafetyShown:
    """One adult's safety plan as the plan shows it: every rule in words, never a code."""

    name: str
    rules: tuple[str, ...]  # the family rule ideas ticked, in the content's words
    own_rules: str
    topic_rules: tuple[tuple[str, str], ...]  # (topic, words) from plans made before
    plan: SafetyPlan


@dataclass(frozen=True)
class OutcomeShown:
    """A follow-up the parent recorded, with the name as the plan shows names."""

    day: str
    person: str
    asked: str
    response: str | None


@dataclass(frozen=True)
class TakeHome:
    """One family's plan, ready to show or print."""

    parent: Parent
    words: object
    map_image: str
    adults: list[tuple[plans.Adult, int | None]]  # in the shortlist's order, child's place
    script: Script
    ask: Ask
    channel: str  # how the parent will ask, in the form's words ('' if not chosen)
    safety: list[SafetyShown]
    rehearsal: Rehearsal
    contacts: list[LocalContact]
    resume_code: str
    qr_image: str
    outcomes: list[OutcomeShown]
    if_child_tells: Step | None
    initials: bool = False


def data_uri(svg: str) -> str:
    """An SVG as a data: address, so the page and the PDF need no second request."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def qr_svg(url: str) -> str:
    """A QR code for coming back."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=4, border=2)
    return out.getvalue().decode("utf-8")


def gather(parent: Parent, initials: bool, resume_url: str) -> TakeHome:
    """Collect the plan: own words, map, shortlist in the child's order, script, safety plans.

    With `initials`, every adult's name is shown by its initials: on the map, the shortlist,
    the script, the safety plans and the follow-ups (the drawing's own initials rule).
    """
    language = language_for(parent.language)
    path = Journey(answers.modules_of(parent, language), answers.answers_of(parent))
    ecomap, _version = ecomaps.current(parent)
    parts = plans.parts_in(path.answers)  # the answers the journey read: no second read
    name = initials_of if initials else str
    adults = [replace(a, label=name(a.label)) for a in plans.shortlist(parent, ecomap, parts.ask)]
    ask = replace(
        parts.ask, person_other=name(parts.ask.person_other) if parts.ask.person_other else ""
    )
    rules = web.rule_labels(language)
    safety = [
        safety_shown(a.label, parts.safety[a.id], rules) for a in adults if a.id in parts.safety
    ]
    return TakeHome(
        parent=parent,
        words=own_words(path),
        map_image=data_uri(render_svg(ecomap, initials_only=initials)),
        adults=plans.in_child_order(adults, parts.child),
        script=plans.script_of(parent, ask, adults),
        ask=ask,
        channel=str(CHANNEL_WORDS.get(parts.ask.channel, "")),
        safety=safety,
        rehearsal=parts.rehearsal,
        contacts=for_organisation(parent.workshop.organisation_id),
        resume_code=display_resume(parent.resume_code),
        qr_image=data_uri(qr_svg(resume_url)),
        outcomes=[outcome_shown(o, name) for o in plans.outcomes_of(parent)],
        if_child_tells=web.if_child_tells(language),
        initials=initials,
    )


def safety_shown(name: str, plan: SafetyPlan, rules: dict[str, str]) -> SafetyShown:
    """A safety plan in words: ticked rules by their content labels, topic rules by topic."""
    return SafetyShown(
        name=name,
        rules=tuple(rules[r] for r in plan.rules if r in rules),
        own_rules=plan.own_rules,
        topic_rules=tuple((str(TOPICS[key]), words) for key, words in plan.topic_rules()),
        plan=plan,
    )


def outcome_shown(outcome: Outcome, name: Callable[[str], str]) -> OutcomeShown:
    """A follow-up with its name shown the way the plan shows names."""
    return OutcomeShown(
        day=outcome.created_at.date().isoformat(),
        person=name(outcome.person) if outcome.person else "",
        asked=outcome.asked,
        response=outcome.response,
    )
