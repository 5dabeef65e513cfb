"""Everything the take-home plan shows, gathered once for the page and the PDF."""

import base64
import io
from dataclasses import dataclass

import segno

from ..codes import display_resume
from ..contacts.models import LocalContact
from ..contacts.services import for_organisation
from ..ecomap import services as ecomaps
from ..ecomap.core.svg import render_svg
from ..journey.own_words import own_words
from ..journey.progress import Journey
from ..library import language_for
from ..parent import services as answers
from ..parent.models import Parent
from . import services as plans
from .models import Outcome
from .parts import Ask, Rehearsal, SafetyPlan
from .script import Script


@dataclass(frozen=True)
class TakeHome:
    """One family's plan, ready to show or print."""

    parent: Parent
    words: object
    map_image: str
    adults: list[tuple[plans.Adult, int | None]]  # in the shortlist's order, child's place
    script: Script
    ask: Ask
    safety: list[tuple[str, SafetyPlan]]  # (the adult's name, their plan)
    rehearsal: Rehearsal
    contacts: list[LocalContact]
    resume_code: str
    qr_image: str
    outcomes: list[Outcome]


def data_uri(svg: str) -> str:
    """An SVG as a data: address, so the page and the PDF need no second request."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def qr_svg(url: str) -> str:
    """A QR code for coming back."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=4, border=2)
    return out.getvalue().decode("utf-8")


def gather(parent: Parent, initials: bool, resume_url: str) -> TakeHome:
    """Collect the plan: own words, map, shortlist in the child's order, script, safety plans."""
    language = language_for(parent.language)
    path = Journey(answers.modules_of(parent, language), answers.answers_of(parent))
    ecomap, _version = ecomaps.current(parent)
    parts = plans.parts_in(path.answers)  # the answers the journey read: no second read
    adults = plans.shortlist(parent, ecomap, parts.ask)
    safety = [(a.label, parts.safety[a.id]) for a in adults if a.id in parts.safety]
    return TakeHome(
        parent=parent,
        words=own_words(path),
        map_image=data_uri(render_svg(ecomap, initials_only=initials)),
        adults=plans.in_child_order(adults, parts.child),
        script=plans.script_of(parent, parts.ask, adults),
        ask=parts.ask,
        safety=safety,
        rehearsal=parts.rehearsal,
        contacts=for_organisation(parent.workshop.organisation_id),
        resume_code=display_resume(parent.resume_code),
        qr_image=data_uri(qr_svg(resume_url)),
        outcomes=plans.outcomes_of(parent),
    )
