"""Who is still in a tool: the tablet's beacon reports it, the dashboard shows it (issue 10).

Follow-me leaves a parent inside a tool where they are (static/js/tablet.js, browser-tested in
tests/e2e/test_follow_me_typing.py); here, request by request, the part the server keeps.
"""

import re
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from cgim.content.model import TOOLS
from cgim.extensions import db
from cgim.factory import TOOL_ENDPOINTS
from cgim.live import tools
from cgim.parent.models import Parent

ROW = re.compile(r"<tr[^>]*>\s*<td>([^<]+)</td>(.*?)</tr>", re.DOTALL)


@dataclass
class Room:
    """A facilitator signed in on `staff`, their workshop, and a way to add tablets."""

    app: object
    staff: object
    id: int
    code: str
    join: object
    new_client: object

    def parent(self, name: str):
        """A new tablet, joined and consented."""
        return self.join(self.new_client(), self.code, name)

    def rows(self, headers=None) -> dict[str, str]:
        """{nickname: the rest of their row} on the dashboard's live region."""
        page = self.staff.get(f"/workshops/{self.id}/live?part=1", headers=headers or {})
        return {name.strip(): rest for name, rest in ROW.findall(page.text)}


@pytest.fixture
def room(app, client, new_client, make_user, make_workshop, login, join):
    """A facilitator and their making_connections workshop, nobody joined yet."""
    user_id, _org = make_user(name="Dana")
    workshop_id, code = make_workshop(user_id)
    return Room(app, login(client, user_id), workshop_id, code, join, new_client)


def tool_of(app, nickname: str):
    """The tool stored for a parent."""
    with app.app_context():
        return db.session.scalar(select(Parent.current_tool).where(Parent.nickname == nickname))


def test_a_tool_page_reported_by_the_beacon_shows_on_the_dashboard(app, room):
    kim, _lee = room.parent("Kim"), room.parent("Lee")
    assert kim.post("/me/here", json={"tool": "ecomap"}).json == {"ok": True}
    assert tool_of(app, "Kim") == "ecomap"
    assert tool_of(app, "Lee") is None
    rows = room.rows()
    assert "In the eco-map" in rows["Kim"]
    assert "In the eco-map" not in rows["Lee"]


@pytest.mark.parametrize(
    ("tool", "place"),
    [
        ("safety_plan", "In the safety plan"),
        ("child_voice", "In their child's choice"),
        ("ask", "Planning the ask"),
        ("rehearse", "Practising the ask"),
        ("plan", "Reading their plan"),
    ],
)
def test_each_tool_has_its_own_words_on_the_dashboard(room, tool, place):
    room.parent("Kim").post("/me/here", json={"tool": tool})
    assert place in room.rows()["Kim"]


def test_every_tool_has_a_place_name_and_its_pages_belong_to_it():
    assert set(tools.PLACES) == set(TOOLS)
    for tool, endpoint in TOOL_ENDPOINTS.items():
        assert tools.tool_of(endpoint, endpoint.split(".")[0]) == tool
    assert tools.tool_of("ecomap.person", "ecomap") == "ecomap"
    assert tools.tool_of("parent.step", "parent") == ""
    assert tools.tool_of(None, None) == ""


@pytest.mark.parametrize("tool", ["map", "ECOMAP", "", 3, ["ecomap"], {"tool": "ecomap"}, True])
def test_an_unknown_tool_is_refused_and_changes_nothing(app, room, tool):
    kim = room.parent("Kim")
    kim.post("/me/here", json={"tool": "ask"})
    refused = kim.post("/me/here", json={"tool": tool})
    assert refused.status_code == 400
    assert refused.json == {"error": "unknown tool"}
    assert tool_of(app, "Kim") == "ask"


@pytest.mark.parametrize("body", [[1, 2], "ecomap", 7, None])
def test_a_beacon_that_is_not_an_object_is_refused(app, room, body):
    kim = room.parent("Kim")
    assert kim.post("/me/here", json=body).status_code == 400
    assert tool_of(app, "Kim") is None


def test_leaving_a_tool_for_another_page_clears_it(app, room):
    kim = room.parent("Kim")
    kim.post("/me/here", json={"tool": "ecomap"})
    assert kim.post("/me/here", json={"tool": None}).json == {"ok": True}
    assert tool_of(app, "Kim") is None
    assert "In the eco-map" not in room.rows()["Kim"]


def test_opening_a_module_screen_leaves_the_tool(app, room):
    kim = room.parent("Kim")
    kim.post("/me/here", json={"tool": "ecomap"})
    assert kim.post("/me/here", json={"module": "welcome", "number": 4}).json == {"ok": True}
    assert tool_of(app, "Kim") is None
    row = room.rows()["Kim"]
    assert "screen 4" in row
    assert "In the eco-map" not in row


def test_a_refused_module_screen_keeps_the_tool(app, room):
    kim = room.parent("Kim")
    kim.post("/me/here", json={"tool": "ecomap"})
    assert kim.post("/me/here", json={"module": "nowhere", "number": 1}).status_code == 404
    assert kim.post("/me/here", json={"module": "welcome"}).status_code == 400
    assert tool_of(app, "Kim") == "ecomap"


def test_entering_a_tool_changes_the_dashboards_etag(room):
    kim = room.parent("Kim")
    first = room.staff.get(f"/workshops/{room.id}/live?part=1")
    tag = {"If-None-Match": first.headers["ETag"]}
    assert room.staff.get(f"/workshops/{room.id}/live?part=1", headers=tag).status_code == 304
    kim.post("/me/here", json={"tool": "rehearse"})
    again = room.staff.get(f"/workshops/{room.id}/live?part=1", headers=tag)
    assert again.status_code == 200
    assert "Practising the ask" in again.text


def test_a_tool_page_tells_the_tablet_it_is_a_tool_and_what_is_stored(app, room):
    kim = room.parent("Kim")
    editor = kim.get("/me/ecomap").text
    assert 'data-tool="ecomap"' in editor
    assert 'data-in-tool=""' in editor  # a GET never writes: the beacon reports it
    assert tool_of(app, "Kim") is None
    kim.post("/me/here", json={"tool": "ecomap"})
    form = kim.get("/me/ecomap/people/new").text
    assert 'data-tool="ecomap"' in form
    assert 'data-in-tool="ecomap"' in form
    screen = kim.get("/me/welcome/1").text
    assert 'data-tool=""' in screen
    assert 'class="moved-banner is-hidden" data-moved="group"' in screen
    assert "Join the group" in screen
