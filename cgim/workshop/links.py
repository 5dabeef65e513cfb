"""Addresses staff hand to parents: the join link a QR code points at."""

from flask import current_app, request, url_for


def join_url(code: str) -> str:
    """The address parents open; CGIM_PUBLIC_URL wins when the laptop's own address is not it."""
    base = current_app.config.get("CGIM_PUBLIC_URL") or request.url_root
    return base.rstrip("/") + url_for("parent.join_code", code=code)
