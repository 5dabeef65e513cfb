"""Who may see what: staff sign-in and roles."""

from functools import wraps

from flask import abort
from flask_login import current_user, login_required


def admin_required(view):
    """Only the organisation's admins; others get 404, so the page's existence stays private."""

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.is_admin:
            abort(404)
        return view(*args, **kwargs)

    return wrapped
