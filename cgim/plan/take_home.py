"""Everything the take-home plan shows, gathered once for the page and the PDF."""

import base64
import io
from dataclasses import dataclass

import segno
from flask import current_app

from ..codes import display_resume
from ..contacts.services import for_organisation
from ..ecomap import services as ecomaps
from ..ecomap.core.svg import render_svg
from ..journey.own_words import own_words
from ..journey.progress import Journey
from ..parent import services as answers
from ..parent.models import Parent
from . import services as plans


@dataclass(frozen=True)
class TakeHome:
    """One family's plan, ready to show or print."""

    parent: Parent
    words: object
    map_image: str
    adults: list
    script: object
    ask: dict
    safety: list
    rehearsal: dict
    contacts: list
    resume_code: str
    qr_image: str
    outcomes: list


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
    language = current_app.extensions["cgim_content"].language(parent.language)
    path = Journey(answers.modules_of(parent, language), answers.answers_of(parent))
    ecomap, _version = ecomaps.current(parent)
    stored = {
        k.removeprefix(plans.PREFIX): v
        for k, v in path.answers.items()
        if k.startswith(plans.PREFIX)
    }
    ask = stored.get("ask") or {}
    adults = plans.shortlist(parent, ecomap, ask)
    safety = [(a.label, stored[f"safety.{a.id}"]) for a in adults if stored.get(f"safety.{a.id}")]
    return TakeHome(
        parent=parent,
        words=own_words(path),
        map_image=data_uri(render_svg(ecomap, initials_only=initials)),
        adults=plans.in_child_order(parent, adults, stored.get("child_ranking") or []),
        script=plans.script_of(parent, ask, adults),
        ask=ask,
        safety=safety,
        rehearsal=stored.get("rehearsal") or {},
        contacts=for_organisation(parent.workshop.organisation_id),
        resume_code=display_resume(parent.resume_code),
        qr_image=data_uri(qr_svg(resume_url)),
        outcomes=plans.outcomes_of(parent),
    )
