"""Which parent this browser belongs to: a signed cookie holding an id and a random token."""

import secrets
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec

from flask import g, has_request_context, redirect, request, session, url_for
from flask.typing import ResponseReturnValue

from ..extensions import db
from ..guesses import trust_this_device
from ..library import library
from .models import Parent

P = ParamSpec("P")


def sign_in(parent: Parent) -> None:
    """Remember this parent in the browser's signed session cookie."""
    session.pop("joining", None)
    session["parent"] = [parent.id, parent.session_token]
    session.permanent = True
    g.parent = parent
    trust_this_device("parent")


def sign_out() -> None:
    """Forget the parent on this browser; their answers stay until they delete them."""
    session.pop("parent", None)
    g.parent = None


def sign_out_everywhere(parent: Parent) -> None:
    """Forget the parent here and give them a new token, so any copy of the cookie is worthless.

    One token per parent: another tablet the parent carried on from is signed out as well;
    the resume code brings them back on either.
    """
    parent.session_token = new_token()
    sign_out()


def new_token() -> str:
    """A random session token (32 hex characters, the column's size)."""
    return secrets.token_hex(16)


def current_parent() -> Parent | None:
    """The signed-in parent, loaded once per request; a deleted parent's cookie is worthless."""
    if "parent" not in g:
        g.parent = None
        pid, token = (session.get("parent") or [None, None])[:2]
        if pid is not None:
            found = db.session.get(Parent, pid)
            if found and secrets.compare_digest(found.session_token, str(token)):
                g.parent = found
    parent: Parent | None = g.parent
    return parent


def signed_in_parent() -> Parent:
    """The parent of a page behind @parent_required, which sends anyone else to the join page."""
    parent = current_parent()
    if parent is None:
        raise LookupError("no parent is signed in: the view needs @parent_required")
    return parent


def parent_required(view: Callable[P, ResponseReturnValue]) -> Callable[P, ResponseReturnValue]:
    """Parent pages: without a parent session, go to the join page."""

    @wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> ResponseReturnValue:
        if current_parent() is None:
            return redirect(url_for("parent.join"))
        return view(*args, **kwargs)

    return wrapped


def locale_for_request() -> str:
    """The parent's chosen language, else the browser's best match, else English."""
    if not has_request_context():  # the command line speaks English
        return "en"
    available = list(library().languages)
    parent = current_parent()
    if parent and parent.language in available:
        return parent.language
    chosen = (session.get("joining") or {}).get("language")
    if isinstance(chosen, str) and chosen in available:
        return chosen
    return request.accept_languages.best_match(available) or "en"


def workshop_return(raw: str | None) -> tuple[str, int] | None:
    """The module screen a tool was opened from, kept while the parent works in the tool."""
    raw = raw or session.get("tool_back", "")
    module_id, _sep, number = raw.partition("/")
    if not number.isdigit() or len(number) > 4 or not module_id.replace("_", "").isalnum():
        return None
    session["tool_back"] = raw
    return module_id, int(number)
