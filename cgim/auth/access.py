"""Who may do what: the one table from role to permissions, and the decorator views use.

Views never compare roles themselves: they ask `requires(permission)` (or `can`), so what a
role means is read here and only here. Anything outside a person's role or organisation is
404, never 403, so its existence stays private.
"""

from functools import wraps

from flask import abort
from flask_login import current_user, login_required

# Sign in, see one's own account, sign out.
ACCOUNT = "account"
# The workshop list (a programme lead sees it as read-only figures, with no family in it).
LIST_WORKSHOPS = "list_workshops"
# Every workshop of the organisation, not only one's own (admins; leads for figures only).
ALL_WORKSHOPS = "all_workshops"
CREATE_WORKSHOPS = "create_workshops"
# The room: workshop page with parents' rows, dashboard, projector, QR code, controls.
RUN_WORKSHOPS = "run_workshops"
# One family's record, its exports and imports.
READ_FAMILIES = "read_families"
# Evaluation figures: counts across workshops, never a family's words.
READ_FIGURES = "read_figures"
# The team, the organisation's settings, help lines and the audit log.
MANAGE_ORGANISATION = "manage_organisation"

PERMISSIONS: dict[str, frozenset[str]] = {
    "admin": frozenset(
        {
            ACCOUNT,
            LIST_WORKSHOPS,
            ALL_WORKSHOPS,
            CREATE_WORKSHOPS,
            RUN_WORKSHOPS,
            READ_FAMILIES,
            READ_FIGURES,
            MANAGE_ORGANISATION,
        }
    ),
    # Group workshops: their own and those they co-facilitate.
    "facilitator": frozenset(
        {ACCOUNT, LIST_WORKSHOPS, CREATE_WORKSHOPS, RUN_WORKSHOPS, READ_FAMILIES, READ_FIGURES}
    ),
    # One-to-one work: only what is theirs (cases come with their own package); no group setup.
    "clinician": frozenset({ACCOUNT, LIST_WORKSHOPS, RUN_WORKSHOPS, READ_FAMILIES}),
    # Evaluation: read-only figures, no family data at all.
    "lead": frozenset({ACCOUNT, LIST_WORKSHOPS, ALL_WORKSHOPS, READ_FIGURES}),
}


def can(user, permission: str) -> bool:
    """True if this signed-in staff member's role carries the permission."""
    if not getattr(user, "is_authenticated", False):
        return False
    return permission in PERMISSIONS.get(user.role, frozenset())


def can_run(colleague) -> bool:
    """May this colleague run a room, and so be picked as a co-facilitator? (Active ones only.)"""
    return can(colleague, RUN_WORKSHOPS) and colleague.is_active


def requires(permission: str):
    """Sign-in first, then the permission; without it, 404. The matrix test reads the mark."""

    def decorate(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not can(current_user, permission):
                abort(404)
            return view(*args, **kwargs)

        wrapped.required_permission = permission
        return wrapped

    return decorate


def admin_required(view):
    """Only the organisation's admins (kept for the views that already say so)."""
    return requires(MANAGE_ORGANISATION)(view)
