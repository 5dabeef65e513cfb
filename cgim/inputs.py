"""The input boundary on the web side (rules in cgim/boundary): every request passes here first.

- Form fields are cleaned (hidden characters out, cut to the longest value we take) and each
  problem is remembered; the form base class (cgim.forms.Form) shows it beside its field,
  so the person sees what to fix and keeps what they typed.
- Query strings and JSON bodies with a problem are refused with 400 and the field's name.
- Views read JSON only through ``json_body()``: an object, bounded in size, depth, numbers.
- Flash messages kept in an old cookie are cleaned when the session opens, so one bad value
  can never break a shared tablet for the next family.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, abort, g, jsonify, request
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from .boundary.rules import (
    HIDDEN_CHARACTER,
    MAX_VALUE,
    TOO_BIG,
    BadInput,
    cleaned,
    load_json,
    problem_in,
)

_PROBLEMS = "cgim_input_problems"
_JSON = "cgim_json_body"


def words_for(problem: str, limit: int = MAX_VALUE) -> str:
    """A problem in the reader's language: what happened and what to do."""
    if problem == HIDDEN_CHARACTER:
        return _(
            "This had a hidden character we cannot save (copied text can bring one). "
            "We took it out. Please check the words and save again."
        )
    if problem == TOO_BIG:
        return _("This number is bigger than we can use. Please check it.")
    return _(
        "This is longer than we can keep (%(limit)d characters). Please shorten it.", limit=limit
    )


def check_request() -> Any:
    """Before every view: clean the form, refuse bad query strings and bad JSON."""
    for name, value in request.args.items(multi=True):
        if problem_in(name, 200) or problem_in(value):
            abort(400)
    if request.form:
        _clean_form()
    if request.method in ("POST", "PUT", "PATCH") and request.is_json:
        try:
            g.setdefault(_JSON, load_json(request.get_data(cache=True)))
        except BadInput as bad:
            return _refuse_json(bad)
    return None


def _clean_form() -> None:
    """Replace the form with cleaned values; remember which fields had what problem."""
    problems: dict[str, str] = {}
    tidy: MultiDict[str, str] = MultiDict()
    for name, value in request.form.items(multi=True):
        if name is None:  # a multipart part whose name werkzeug could not read
            continue
        problem = problem_in(value)
        if problem:
            problems.setdefault(cleaned(name, 200), problem)
            value = cleaned(value)
        tidy.add(cleaned(name, 200), value)
    if problems:
        request.form = tidy  # werkzeug caches the parsed form here; views see only this
        g.setdefault(_PROBLEMS, {}).update(problems)


def _refuse_json(bad: BadInput):
    """400 with the field path and what was wrong, in plain words."""
    field = bad.field or _("the request")
    return jsonify(
        error=_("We could not read %(field)s: %(problem)s", field=field, problem=bad.problem),
        field=bad.field,
    ), 400


def whole_number(value: object, low: int = 1, high: int = 2**31 - 1) -> int | None:
    """A form value that is a whole number within a column's bounds (an id), else None."""
    text = str(value or "").strip()
    if not text.isdigit() or len(text) > 10:
        return None
    number = int(text)
    return number if low <= number <= high else None


def problems() -> dict[str, str]:
    """Form fields (by name) the boundary cleaned in this request, with their problem codes."""
    return g.get(_PROBLEMS, {})


def json_body() -> dict[str, Any] | None:
    """This request's JSON object, already checked; None if it sent no JSON."""
    return g.get(_JSON)


def clean_flashes(session: Any) -> None:
    """Flash messages from an older cookie may hold characters no page can show: take them out."""
    flashes = session.get("_flashes")
    if not flashes:
        return
    tidy = [(str(kind), cleaned(str(text))) for kind, text in flashes]
    if tidy != [tuple(item) for item in flashes]:
        session["_flashes"] = tidy


def init_app(app: Flask) -> None:
    """Run the boundary before every request."""
    app.before_request(check_request)
