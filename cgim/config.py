"""Configuration from the environment, with safe defaults for a laptop in a community room."""

import os
import secrets
from pathlib import Path


def secret_key(instance_path: str) -> str:
    """Return CGIM_SECRET_KEY, or one generated on first run and kept in the instance folder."""
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


def from_environment(instance_path: str) -> dict:
    """Build the app configuration from CGIM_* environment variables."""
    default_db = "sqlite:///" + str(Path(instance_path) / "cgim.sqlite3")
    return {
        "SECRET_KEY": secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": os.environ.get("CGIM_DATABASE_URL", default_db),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "CGIM_CONTENT_DIR": content_dir(),
        "CGIM_PUBLIC_URL": os.environ.get("CGIM_PUBLIC_URL", ""),
        "RATELIMIT_STORAGE_URI": os.environ.get("CGIM_RATELIMIT_STORAGE", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        # A parent may keep a tablet open all evening, or come back next week:
        # the token is tied to the session, so it needs no clock of its own.
        "WTF_CSRF_TIME_LIMIT": None,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_NAME": "cgim_session",
        "PERMANENT_SESSION_LIFETIME": 60 * 60 * 24 * 14,
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).resolve().parent / "translations"),
        "MAX_CONTENT_LENGTH": 1024 * 1024,
    }


def default_content_dir() -> Path:
    """The content folder of the source checkout the package runs from."""
    return Path(__file__).resolve().parent.parent / "content"


def content_dir() -> str:
    """CGIM_CONTENT_DIR, or the content shipped with the source."""
    return os.environ.get("CGIM_CONTENT_DIR") or str(default_content_dir())
