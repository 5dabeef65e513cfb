"""The front door, the health check and a quiet endpoint for load baselines."""

from flask import Blueprint, Response, jsonify, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import text

from ..auth.services import setup_needed
from ..extensions import db
from ..parent.session import current_parent

bp = Blueprint("home", __name__)


@bp.get("/")
def index():
    """Parents join or carry on; staff sign in. First run goes to set-up."""
    if setup_needed():
        return redirect(url_for("auth.setup"))
    return render_template(
        "home/index.html",
        parent=current_parent(),
        staff=current_user if current_user.is_authenticated else None,
    )


@bp.get("/healthz")
def healthz():
    """JSON health: is the database answering?"""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as exc:  # any database failure means unhealthy, whatever its type
        db.session.rollback()
        return jsonify(status="error", database="unavailable", detail=type(exc).__name__), 503
    return jsonify(status="ok", database="ok", dialect=db.engine.dialect.name)


@bp.get("/ping")
def ping():
    """Plain "ok": no database, no session. The baseline that load measurements compare to."""
    return Response("ok", mimetype="text/plain")
