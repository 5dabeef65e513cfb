"""cgim.library: the one typed way views reach the content create_app loaded."""

import pytest

from cgim.content.model import Library
from cgim.library import EXTENSION, language_for, library


def test_library_is_the_content_create_app_loaded(app):
    with app.app_context():
        found = library()
        assert isinstance(found, Library)
        assert found is app.extensions[EXTENSION]
        assert "en" in found.languages


def test_language_for_falls_back_to_the_default_language(app):
    with app.app_context():
        english = library().languages["en"]
        assert language_for("en") is english
        assert language_for(None) is english
        assert language_for("xx") is english  # a code with no content folder


def test_library_refuses_anything_that_is_not_a_library(app):
    app.extensions[EXTENSION] = {"en": "not content"}
    with app.app_context(), pytest.raises(RuntimeError, match="no content library"):
        library()
