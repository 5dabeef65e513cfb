"""One log line per request for `cgim serve`, with nothing in it that identifies a family.

The path is logged as the route that matched (``/join/<code>``, ``/me/plan/safety/<person>``,
``/workshops/<workshop_id>/parents/<parent_id>``), query values as ``<name>``: join codes,
resume codes and ids never reach the log. No client address is logged either.
"""

import logging
import re
import time
from urllib.parse import parse_qsl, urlsplit

from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.routing import Map, RequestRedirect

LOGGER = logging.getLogger("cgim.requests")
_CONVERTER = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,30}$")
_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def route_of(url_map: Map, path: str, method: str) -> str | None:
    """The rule a path matches, with its variable parts as <name>; None if nothing matches."""
    adapter = url_map.bind("localhost")
    for tried in (method, *_METHODS):
        try:
            rule, _values = adapter.match(path, method=tried, return_rule=True)
        except MethodNotAllowed:
            continue
        except RequestRedirect as redirect:  # the same route with a slash added
            return route_of(url_map, urlsplit(redirect.new_url).path, method)
        except HTTPException:
            return None
        if rule.endpoint == "static":
            return path  # file names of the app's own assets identify nobody
        return _CONVERTER.sub(r"<\1>", rule.rule)
    return None


def public_path(url_map: Map, path: str, method: str, query: str) -> str:
    """The path to log: the matched route, or only a first segment that some route starts with."""
    shown = route_of(url_map, path, method)
    if shown is None:
        first = path.strip("/").split("/", 1)[0]
        known = {rule.rule.strip("/").split("/", 1)[0] for rule in url_map.iter_rules()}
        shown = f"/{first}/<unknown>" if first in known and first else "/<unknown>"
    names = [name if _NAME.match(name) else "param" for name, _v in parse_qsl(query, True)]
    if names:
        shown += "?" + "&".join(f"{name}=<{name}>" for name in names[:10])
    return shown


class RequestLog:
    """WSGI middleware: method, path without codes or ids, status and milliseconds, once each."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        status = ["-"]

        def recording(line, headers, exc_info=None):
            status[0] = line.split(" ", 1)[0]
            return start_response(line, headers, exc_info)

        def done() -> None:
            method = environ.get("REQUEST_METHOD", "")
            method = method if method.isalpha() and len(method) <= 10 else "OTHER"
            path = public_path(
                self.app.url_map,
                environ.get("PATH_INFO", "") or "/",
                method,
                environ.get("QUERY_STRING", ""),
            )
            elapsed = (time.perf_counter() - started) * 1000
            LOGGER.info("%s %s %s %.0fms", method, path, status[0], elapsed)

        return _Body(self.app(environ, recording), done)


class _Body:
    """The response body, passed through; logs once the server has sent it (or given up)."""

    def __init__(self, body, done):
        self.body, self.done = body, done

    def __iter__(self):
        return iter(self.body)

    def close(self) -> None:
        try:
            if hasattr(self.body, "close"):
                self.body.close()
        finally:
            self.done()


def log_to_stderr() -> None:
    """Send request lines to standard error, one per line, unless logging is already set up."""
    if LOGGER.handlers:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    LOGGER.addHandler(handler)
    LOGGER.setLevel(logging.INFO)
    LOGGER.propagate = False
