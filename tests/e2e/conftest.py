"""Browser tests: a live server in a thread, Debian's Chromium, tablet and laptop contexts, axe."""

import os
import shutil
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from cgim import create_app
from cgim.extensions import limiter

from ..conftest import empty_tables, engine_options, forbid_writes_in_reads

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TABLET = {
    "viewport": {"width": 820, "height": 1180},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
LAPTOP = {"viewport": {"width": 1366, "height": 768}}
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}}
SHOTS = os.environ.get("CGIM_SCREENSHOTS")
# Two shared cores: give pages time to settle before an expectation fails.
expect.set_options(timeout=10_000)


def pytest_collection_modifyitems(items):
    """Every test here is a browser test; without Chromium they skip, except in CI."""
    have_browser = Path(CHROMIUM).exists() or shutil.which(CHROMIUM)
    for item in items:
        if "tests/e2e" not in str(item.fspath):
            continue
        item.add_marker(pytest.mark.browser)
        if not have_browser:
            if os.environ.get("CI"):
                raise pytest.UsageError(f"CI needs Chromium for browser tests; none at {CHROMIUM}")
            item.add_marker(
                pytest.mark.skip(reason=f"no Chromium at {CHROMIUM} (set CHROMIUM_PATH)")
            )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium; Playwright cannot download its own browser here."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def live_app(_schema, tmp_path_factory):
    """The app as people meet it: CSRF on, rate limits on."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "e2e-secret",
            "SQLALCHEMY_DATABASE_URI": _schema,
            "SQLALCHEMY_ENGINE_OPTIONS": engine_options(_schema),
            "CGIM_RAISE_ERRORS": False,
        }
    )
    forbid_writes_in_reads(app)
    return app


@pytest.fixture(scope="session")
def live_server(live_app):
    """Serve the app from a thread on a free loopback port."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def base(live_server, live_app):
    """A clean database (first run) for each browser test."""
    empty_tables(live_app)
    limiter.reset()
    return live_server


@pytest.fixture
def tablet(browser):
    """Factory for parent tablets: 820x1180, touch."""
    contexts = []

    def open_tablet():
        context = browser.new_context(**TABLET)
        contexts.append(context)
        return context.new_page()

    yield open_tablet
    for context in contexts:
        context.close()


@pytest.fixture
def laptop(browser):
    """The facilitator's laptop: 1366x768."""
    context = browser.new_context(**LAPTOP)
    yield context.new_page()
    context.close()


def check_accessibility(page, name: str = "") -> None:
    """axe-core, WCAG 2.1 A/AA rules: no violations. Also a screenshot when asked for."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
        },
    )
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
    if SHOTS and name:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)
