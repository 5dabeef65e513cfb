"""Security headers, a session cookie that is Secure whenever the page is, proxies, and gzip."""

import gzip

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.middleware.proxy_fix import ProxyFix

from . import inputs

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # same-origin keeps the Referer that Flask-WTF checks on HTTPS; no-referrer would break it.
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
GZIP_TYPES = ("text/", "application/json", "image/svg+xml", "application/javascript")
GZIP_MIN_BYTES = 500


class SessionInterface(SecureCookieSessionInterface):
    """Signed cookie sessions, marked Secure whenever the request came over HTTPS.

    A workshop laptop often serves plain HTTP on the room's wifi; a cookie that is always
    Secure would then never come back. Behind HTTPS (or with CGIM_SECURE_COOKIES) it is Secure.
    """

    def get_cookie_secure(self, app: Flask) -> bool:
        """Secure on HTTPS requests, or always when configured."""
        return bool(app.config.get("SESSION_COOKIE_SECURE")) or request.is_secure

    def open_session(self, app: Flask, request):
        """The signed cookie's session, with any flash message no page could show cleaned."""
        session = super().open_session(app, request)
        if session is not None:
            inputs.clean_flashes(session)
        return session


def add_headers(response):
    """Security headers on every response; no caching of personal pages."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if not request.path.startswith("/static/"):
        response.headers.setdefault("Cache-Control", "no-store")
    return compress(response)


def compress(response):
    """Gzip text responses for tablets on slow wifi."""
    if (
        "gzip" not in request.headers.get("Accept-Encoding", "")
        or response.status_code < 200
        or response.status_code >= 300
        or "Content-Encoding" in response.headers
        or not (response.mimetype or "").startswith(GZIP_TYPES)
    ):
        return response
    response.direct_passthrough = False
    data = response.get_data()
    if len(data) < GZIP_MIN_BYTES:
        return response
    response.set_data(gzip.compress(data, compresslevel=6))
    response.headers["Content-Encoding"] = "gzip"
    response.headers.add("Vary", "Accept-Encoding")
    return response


def trust_proxies(app: Flask) -> None:
    """Behind CGIM_TRUSTED_PROXIES proxies, take the client's address, scheme and host from them.

    Then HTTPS at the proxy makes cookies Secure and adds HSTS, and rate limits count the
    client's address rather than the proxy's.
    """
    count = int(app.config.get("CGIM_TRUSTED_PROXIES") or 0)
    if count > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)


def init_app(app: Flask) -> None:
    """Install the session interface, the input boundary and the response hook."""
    trust_proxies(app)
    app.session_interface = SessionInterface()
    inputs.init_app(app)
    app.after_request(add_headers)
