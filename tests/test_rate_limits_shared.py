"""Rate limits hold across app processes when their storage is Redis (CGIM_RATELIMIT_STORAGE)."""

import json
import os
import subprocess
import sys
import uuid

import pytest

from cgim import create_app

from .conftest import base_config

LOCAL_REDIS = "redis://127.0.0.1:6379/15"


def redis_url() -> str:
    """CGIM_TEST_REDIS_URL, else a local Redis if one answers, else ''."""
    if os.environ.get("CGIM_TEST_REDIS_URL"):
        return os.environ["CGIM_TEST_REDIS_URL"]
    import redis

    try:
        redis.Redis.from_url(LOCAL_REDIS, socket_connect_timeout=0.5).ping()
    except redis.exceptions.RedisError:
        return ""
    return LOCAL_REDIS


REDIS_URL = redis_url()
OTHER_PROCESS = """
import json, sys
from cgim import create_app
app = create_app(json.loads(sys.argv[1]))
client = app.test_client()
print(json.dumps([client.post("/join", data={"code": "ZZZZZZ"}).status_code for _ in range(20)]))
"""


@pytest.fixture
def shared_config(_schema):
    """App settings with rate limits kept in Redis under a key prefix of this test's own."""
    if not REDIS_URL:
        if os.environ.get("CI"):
            pytest.fail("CI must set CGIM_TEST_REDIS_URL")
        # Like the browser tests: a laptop without Redis skips; CI above fails instead.
        pytest.skip("no Redis on 127.0.0.1:6379 (or set CGIM_TEST_REDIS_URL)")
    return {
        **base_config(_schema),
        "SQLALCHEMY_ENGINE_OPTIONS": {},
        "RATELIMIT_STORAGE_URI": REDIS_URL,
        "RATELIMIT_KEY_PREFIX": f"cgim-test-{uuid.uuid4().hex}",
    }


def test_wrong_join_codes_counted_in_another_process_limit_this_one(shared_config):
    other = subprocess.run(
        [sys.executable, "-c", OTHER_PROCESS, json.dumps(shared_config)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(other.stdout.strip().splitlines()[-1]) == [404] * 20
    here = create_app(shared_config).test_client()
    assert here.post("/join", data={"code": "ZZZZZZ"}).status_code == 429
