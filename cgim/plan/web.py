"""What the plan's views share: content read by id, and a form shown again after a refused save."""

from collections.abc import Mapping

from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField

from ..content.model import Language, Step
from ..ecomap.core.worries import WORRIES
from ..forms import choices
from .forms import LONG, PlanPartForm
from .merge import Saved
from .services import FAMILY_RULES, Adult

# The content screen on what to do if a child tells (keeping_safe.yaml), shown by its id.
IF_CHILD_TELLS = "safe-if-child-tells"
# What each worry does, in the one set of words the eco-map rules define (core/worries.py).
EFFECTS = {worry.id: worry.effect_words for worry in WORRIES.values()}


def rule_ideas(language: Language) -> list:
    """The family rule ideas as tick boxes: the options of the content's family-rules step."""
    step = language.steps.get(FAMILY_RULES)
    return choices((o.id, o.label) for o in step.options) if step else []


def rule_labels(language: Language) -> dict[str, str]:
    """Each family rule idea's words in the parent's language, by its id."""
    return {choice.value: choice.label for choice in rule_ideas(language)}


def if_child_tells(language: Language) -> Step | None:
    """The 'If your child tells you something' screen from content (None if it is missing)."""
    return language.steps.get(IF_CHILD_TELLS)


def shown_again(form_class: type[FlaskForm], saved: Saved, **extra: object) -> FlaskForm:
    """The form drawn again from a refused save: merged words, newest fingerprint."""
    return form_class(formdata=None, data={**saved.stored, "drawn": saved.drawn, **extra})


def words_of(field: object, value: object) -> str:
    """A stored value as the parent reads it: labels for choices, never a raw code."""
    labels = {str(c.value): str(c.label) for c in getattr(field, "choices", None) or ()}
    items = value if isinstance(value, list | tuple) else [value]
    shown = [labels.get(str(item), str(item)) if labels else str(item) for item in items if item]
    return ", ".join(shown) or _("(empty)")


def conflict_rows(
    form: FlaskForm, saved: Saved, names: Mapping[str, str] | None = None
) -> list[tuple[str, str]]:
    """(question, what the other screen saved) for each field both screens changed."""
    rows = []
    for key in saved.conflicts:
        field = form._fields.get(key)
        label = field.label.text if field is not None else (names or {}).get(key, key)
        rows.append((label, words_of(field, saved.theirs.get(key))))
    return rows


def conflict_words(
    form: FlaskForm, saved: Saved, names: Mapping[str, str] | None = None
) -> dict[str, object]:
    """What a page says about a refused save: the fields both screens changed, and the map."""
    return {"conflicts": conflict_rows(form, saved, names), "stale_map": saved.stale_map}


def child_form(adults: list[Adult]) -> type[PlanPartForm]:
    """A form with one place to pick per adult on the shortlist, and the child's words."""
    places = choices([("", _("Not sure"))] + [(str(n), str(n)) for n in range(1, len(adults) + 1)])
    fields = {
        f"rank_{i}": SelectField(_("Place for %(name)s", name=a.label), choices=places)
        for i, a in enumerate(adults)
    }
    fields["child_said"] = TextAreaField(_("What did your child say? (optional)"), validators=LONG)
    return type("ChildForm", (PlanPartForm,), fields)
