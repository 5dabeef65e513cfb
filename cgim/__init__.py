"""cgim: caregiver-initiated mentoring workshops."""

import os


def create_app(test_config: dict | None = None):
    """Build the app in named steps: config, content, extensions, features, errors."""
    # Imported here so the pure packages (content, mi, ecomap) never pull in the web stack.
    from flask import Flask

    from . import config, setup

    app = Flask(__name__, instance_relative_config=True)
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(config.from_environment(app.instance_path))
    if test_config:
        app.config.update(test_config)
    setup.load_content(app)
    setup.init_extensions(app)
    setup.register_blueprints(app)
    setup.register_error_handlers(app)
    setup.register_template_helpers(app)
    return app
