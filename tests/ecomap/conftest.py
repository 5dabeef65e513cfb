"""Fixtures for the eco-map's page tests."""

import pytest


@pytest.fixture
def parent(make_user, make_workshop, join, new_client):
    """A parent who has joined a workshop, with Aunt Rosa on the map (she listens: emotional)."""
    user_id, _org = make_user()
    _workshop_id, code = make_workshop(user_id)
    client = join(new_client(), code)
    version = client.get("/me/ecomap/document").json["version"]
    facts = {"sector": "services", "closeness": "2", "bond": "tenuous", "contact": "weekly"}
    facts |= {"child_feels": "likes", "parent_trust": "high", "support": ["emotional"]}
    made = client.post("/me/ecomap/people/new", data={"version": version, "label": "Rosa", **facts})
    assert made.status_code == 302
    return client
