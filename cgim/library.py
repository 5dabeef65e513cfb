"""The content library create_app loaded, typed, for every view and service that shows content."""

from flask import current_app

from .content.model import Language, Library

# Where create_app keeps the library (cgim.factory); tests read it there too.
EXTENSION = "cgim_content"


def library() -> Library:
    """The app's content in every language, loaded and checked once at start."""
    found = current_app.extensions[EXTENSION]
    if not isinstance(found, Library):
        raise RuntimeError(f"app.extensions[{EXTENSION!r}] holds no content library")
    return found


def language_for(code: str | None) -> Language:
    """The content in one language, or in the default language when there is none or no code."""
    return library().language(code)
