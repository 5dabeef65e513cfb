"""Where the app's top-level folders are: beside the package in a checkout, inside it in a wheel.

The repository keeps templates/, static/, content/ and config.py at the top level (the
owner's layout); the wheel's build configuration (pyproject.toml) bundles them into
cgim/bundled/. Everything that needs one of them asks here, so both installs behave alike.
"""

import os
import runpy
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
BUNDLED = PACKAGE / "bundled"


def top_level(name: str) -> Path:
    """A top-level file or folder: the wheel's bundled copy if there is one, else the checkout's."""
    bundled = BUNDLED / name
    return bundled if bundled.exists() else PACKAGE.parent / name


TEMPLATES = top_level("templates")
STATIC = top_level("static")
CONTENT = top_level("content")
CONFIG = top_level("config.py")
TRANSLATIONS = PACKAGE / "translations"
MIGRATIONS = PACKAGE / "migrations"


def content_dir() -> str:
    """CGIM_CONTENT_DIR, or the content shipped with the app."""
    return os.environ.get("CGIM_CONTENT_DIR") or str(CONTENT)


def settings(instance_path: str) -> dict:
    """The settings config.py gives for this environment (CGIM_ENV) and instance folder."""
    config = runpy.run_path(str(CONFIG))
    return config["settings"](instance_path, content_dir(), str(TRANSLATIONS))
