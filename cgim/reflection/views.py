"""The parent's 'In your own words' page, shown before their plan."""

from flask import Blueprint, current_app, render_template

from ..journey.own_words import own_words
from ..journey.progress import Journey
from ..participant import services
from ..participant.session import current_participant, participant_required

bp = Blueprint("reflection", __name__)


@bp.get("/me/own-words")
@participant_required
def own_words_page():
    """What the parent has said about wanting, being able to, and planning to reach out."""
    parent = current_participant()
    language = current_app.extensions["cgim_content"].language(parent.language)
    path = Journey(services.modules_of(parent, language), services.answers_of(parent))
    final = path.modules[-1]
    return render_template(
        "reflection/own_words.html",
        words=own_words(path),
        next_module=final,
        next_number=(path.visible(final) or [1])[0],
    )
