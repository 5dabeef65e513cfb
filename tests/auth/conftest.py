"""Fixtures of the sign-in tests: a clock held still, and quick password hashes."""

import pytest

from cgim import timeutil
from tests.auth.signin_helpers import Clock


@pytest.fixture
def clock(monkeypatch):
    """The app's clock (cgim.timeutil) and time.time (the limiter's windows), held still."""
    import time

    held = Clock()
    monkeypatch.setattr(timeutil, "utcnow", lambda: held.now)
    monkeypatch.setattr(time, "time", lambda: held.now.timestamp())
    return held


@pytest.fixture
def quick_hashing(monkeypatch):
    """One-round password hashes: these tests count many sign-ins, not hashing."""
    import functools

    from werkzeug.security import generate_password_hash

    from cgim.auth import models, services, two_step

    quick = functools.partial(generate_password_hash, method="pbkdf2:sha256:1")
    monkeypatch.setattr(models, "generate_password_hash", quick)
    monkeypatch.setattr(two_step, "generate_password_hash", quick)
    monkeypatch.setattr(services, "_DUMMY_HASH", quick("cgim-timing-equaliser"))
