"""Settings per environment, read by cgim.create_app; CGIM_* environment variables override.

This file is read by path (cgim.paths.CONFIG), not imported, so it works the same from a
source checkout and from an installed wheel. CGIM_ENV picks the environment
(production by default); create_app(test_config) layers a test's settings on top.
"""

import os
import secrets
from pathlib import Path
from typing import ClassVar


def secret_key(instance_path: str) -> str:
    """CGIM_SECRET_KEY, or one generated on first run and kept in the instance folder."""
    from_env = os.environ.get("CGIM_SECRET_KEY")
    if from_env:
        return from_env
    key_file = Path(instance_path) / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    key = secrets.token_hex(32)
    key_file.parent.mkdir(parents=True, exist_ok=True)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


class Production:
    """Safe defaults for a laptop in a community room or a hosted service."""

    SQLALCHEMY_ENGINE_OPTIONS: ClassVar[dict] = {"pool_pre_ping": True}
    RATELIMIT_HEADERS_ENABLED = True
    # A parent may keep a tablet open all evening, or come back next week:
    # the token is tied to the session, so it needs no clock of its own.
    WTF_CSRF_TIME_LIMIT = None
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_NAME = "cgim_session"
    PERMANENT_SESSION_LIFETIME = 60 * 60 * 24 * 14
    BABEL_DEFAULT_LOCALE = "en"
    MAX_CONTENT_LENGTH = 1024 * 1024


class Development(Production):
    """A developer's machine: templates reload when edited."""

    TEMPLATES_AUTO_RELOAD = True


class Testing(Production):
    """The test suite: errors surface instead of a calm 500 page."""

    TESTING = True


ENVIRONMENTS = {"production": Production, "development": Development, "testing": Testing}


def settings(instance_path: str, content_dir: str, translations_dir: str) -> dict:
    """The settings of CGIM_ENV's environment, with CGIM_* environment variables applied."""
    name = os.environ.get("CGIM_ENV", "production")
    if name not in ENVIRONMENTS:
        raise ValueError(f"CGIM_ENV must be one of {', '.join(ENVIRONMENTS)}, not {name!r}")
    chosen = ENVIRONMENTS[name]
    values = {key: getattr(chosen, key) for key in dir(chosen) if key.isupper()}
    default_db = "sqlite:///" + str(Path(instance_path) / "cgim.sqlite3")
    values.update(
        SECRET_KEY=secret_key(instance_path),
        SQLALCHEMY_DATABASE_URI=os.environ.get("CGIM_DATABASE_URL", default_db),
        CGIM_CONTENT_DIR=content_dir,  # CGIM_CONTENT_DIR or the shipped content (cgim.paths)
        CGIM_PUBLIC_URL=os.environ.get("CGIM_PUBLIC_URL", ""),
        RATELIMIT_STORAGE_URI=os.environ.get("CGIM_RATELIMIT_STORAGE", "memory://"),
        BABEL_TRANSLATION_DIRECTORIES=translations_dir,
        **transport(),
    )
    return values


def transport() -> dict:
    """CGIM_TRUSTED_PROXIES (how many proxies in front add X-Forwarded-*) and CGIM_SECURE_COOKIES.

    With no proxy trusted, X-Forwarded-* headers are ignored: anyone could send them. With
    CGIM_SECURE_COOKIES=1 cookies are Secure even on requests that look like plain HTTP.
    """
    proxies = os.environ.get("CGIM_TRUSTED_PROXIES", "0").strip() or "0"
    if not proxies.isdigit() or int(proxies) > 10:
        raise ValueError(f"CGIM_TRUSTED_PROXIES must be a number from 0 to 10, not {proxies!r}")
    secure = os.environ.get("CGIM_SECURE_COOKIES", "0").strip().lower()
    if secure not in ("", "0", "1", "true", "false", "yes", "no"):
        raise ValueError(f"CGIM_SECURE_COOKIES must be 1 or 0, not {secure!r}")
    forced = secure in ("1", "true", "yes")
    return {
        "CGIM_TRUSTED_PROXIES": int(proxies),
        "SESSION_COOKIE_SECURE": forced,
        "REMEMBER_COOKIE_SECURE": forced,
    }
