"""cgim: caregiver-initiated mentoring workshops."""

import os


def create_app(test_config: dict | None = None):
    """Build the app in named steps: config, content, extensions, features, errors."""
    # Imported here so the pure packages (content, mi, ecomap) never pull in the web stack.
    from flask import Flask

    from . import factory, paths

    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(paths.TEMPLATES),
        static_folder=str(paths.STATIC),
    )
    # Owner only: it holds the secret key and, by default, the database of families' words.
    os.makedirs(app.instance_path, mode=0o700, exist_ok=True)
    app.config.from_mapping(paths.settings(app.instance_path))
    if test_config:
        app.config.update(test_config)
    factory.load_content(app)
    factory.init_extensions(app)
    factory.register_blueprints(app)
    factory.register_error_handlers(app)
    factory.register_template_helpers(app)
    return app
