"""The named steps create_app runs: content, extensions, blueprints, errors, template helpers."""

from flask import Flask, g, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter

from . import database, errors, paths, security
from .content.library import load_library
from .extensions import babel, csrf, db, limiter, login_manager, migrate
from .library import EXTENSION, library

MIGRATIONS = str(paths.MIGRATIONS)


def load_content(app: Flask) -> None:
    """Load and validate all content once; bad content stops the app with every problem named."""
    app.extensions[EXTENSION] = load_library(app.config["CGIM_CONTENT_DIR"])


def init_extensions(app: Flask) -> None:
    """Bind the extension objects and the database engine settings."""
    from .auth.services import load_user
    from .parent.session import locale_for_request

    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS, render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None
    babel.init_app(app, locale_selector=locale_for_request)
    limiter.init_app(app)
    security.init_app(app)
    with app.app_context():
        database.configure_engine(db.engine)
    app.teardown_appcontext(lambda _exc: db.session.remove())


class WholeNumberConverter(IntegerConverter):
    """`<int:…>` in a URL: at most ten digits, so a 5,000-digit path part is a 404, not a 500."""

    regex = r"\d{1,10}"

    def __init__(self, url_map, min=None, max=2**31 - 1):
        super().__init__(url_map, min=min, max=max)


class IdConverter(WholeNumberConverter):
    """Database ids: positive and within a 32-bit integer column; huge numbers are 404, not 500."""

    def __init__(self, url_map):
        super().__init__(url_map, min=1, max=2**31 - 1)


def register_blueprints(app: Flask) -> None:
    """One blueprint per feature."""
    app.url_map.converters["id"] = IdConverter
    app.url_map.converters["int"] = WholeNumberConverter
    from .audit.views import bp as audit_bp
    from .auth.account import bp as account_bp
    from .auth.members import bp as members_bp
    from .auth.signin_views import bp as signin_bp
    from .auth.two_step_views import bp as two_step_bp
    from .auth.views import bp as auth_bp
    from .contacts.views import bp as contacts_bp
    from .ecomap.views import bp as ecomap_bp
    from .home.views import bp as home_bp
    from .live.views import bp as live_bp
    from .parent.views import bp as parent_bp
    from .plan.views import bp as plan_bp
    from .records.views import bp as records_bp
    from .safety.views import bp as safety_bp
    from .settings.views import bp as settings_bp
    from .workshop.views import bp as workshop_bp

    for blueprint in (
        home_bp,
        auth_bp,
        account_bp,
        members_bp,
        signin_bp,
        two_step_bp,
        audit_bp,
        contacts_bp,
        settings_bp,
        workshop_bp,
        records_bp,
        parent_bp,
        ecomap_bp,
        plan_bp,
        safety_bp,
        live_bp,
    ):
        app.register_blueprint(blueprint)
    register_handovers(app)


def register_handovers(app: Flask) -> None:
    """What a deactivated colleague's successor takes over (cgim/auth/lifecycle.py)."""
    from .auth.lifecycle import register_handover
    from .workshop.handover import WORKSHOPS

    register_handover(app, WORKSHOPS)


def wants_json() -> bool:
    """True for the autosave and polling endpoints, which speak JSON."""
    return request.is_json or request.accept_mimetypes.best == "application/json"


def error_page(status: int, title: str, message: str):
    """One friendly error page (or JSON) for every error."""
    db.session.rollback()
    if wants_json():
        return jsonify(error=message), status
    return render_template("error.html", title=title, message=message), status


def register_error_handlers(app: Flask) -> None:
    """Domain errors and HTTP errors map to a status and plain words, here and only here."""
    pages = {
        400: (_l("Something went wrong"), _l("That request did not make sense to us.")),
        404: (_l("Page not found"), _l("We could not find that page.")),
        405: (_l("Not allowed"), _l("That action is not possible here.")),
        409: (_l("Something changed"), _l("This changed while you were working on it.")),
        413: (_l("Too much at once"), _l("That was too much to send at once.")),
        429: (_l("Please wait a moment"), _l("Too many tries. Please wait a minute.")),
        500: (_l("Sorry, something broke"), _l("It is not your fault. Please try again.")),
    }

    def by_status(status: int, message: str | None = None):
        title, default = pages.get(status, pages[500])
        return error_page(status, str(title), message or str(default))

    app.register_error_handler(errors.NotFound, lambda e: by_status(404))
    app.register_error_handler(errors.Conflict, lambda e: by_status(409, str(e) or None))
    app.register_error_handler(
        CSRFError,
        lambda e: by_status(
            400, _("This page was open a long time. Please go back and try again.")
        ),
    )
    app.register_error_handler(HTTPException, lambda e: by_status(e.code or 500))
    app.register_error_handler(Exception, _internal_error(app, by_status))


def _internal_error(app: Flask, by_status):
    """Log the traceback, show a calm page; in tests let the error surface."""

    def handler(exc: Exception):
        if app.config.get("TESTING") and app.config.get("CGIM_RAISE_ERRORS", True):
            raise exc
        app.logger.exception("Unhandled error")
        return by_status(500)

    return handler


def _l(text: str):
    """Mark a string for translation, translated when rendered."""
    from flask_babel import lazy_gettext

    return lazy_gettext(text)


TOOL_ENDPOINTS = {
    "ecomap": "ecomap.editor",
    "safety_plan": "plan.safety",
    "child_voice": "plan.child_voice",
    "ask": "plan.ask",
    "rehearse": "plan.rehearse",
    "plan": "plan.page",
}


def contacts_for_current_person():
    """Local contacts for the person looking at the page."""
    from .contacts.services import for_current_person

    return for_current_person()


def tool_url(tool: str, back: str) -> str:
    """Where a tool screen's button leads, remembering the screen to come back to."""
    from flask import url_for

    return url_for(TOOL_ENDPOINTS[tool], back=back)


# A sample route value no real URL holds; url_pattern swaps it for a {name} gap.
_GAP = 2_000_000_011


def url_pattern(endpoint: str, *names: str) -> str:
    """The endpoint's URL with {name} gaps for a script to fill, so no script spells a route."""
    from flask import url_for

    url = url_for(endpoint, **{name: _GAP + i for i, name in enumerate(names)})
    for i, name in enumerate(names):
        url = url.replace(str(_GAP + i), "{" + name + "}")
    return url


def register_template_helpers(app: Flask) -> None:
    """Globals every template may use."""
    from .codes import display_resume
    from .ecomap.labels import LABELS

    app.jinja_env.globals["content"] = library
    app.jinja_env.globals["tool_url"] = tool_url
    app.jinja_env.globals["local_contacts"] = contacts_for_current_person
    app.jinja_env.globals["ecomap_labels"] = LABELS
    app.jinja_env.globals["url_pattern"] = url_pattern
    app.jinja_env.filters["resume_code"] = display_resume
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.context_processor
    def page_defaults():
        from flask_babel import get_locale

        return {"current_parent": g.get("parent"), "locale_code": str(get_locale() or "en")}
