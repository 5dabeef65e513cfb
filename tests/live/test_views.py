"""Running the room, request by request: dashboard, projector, controls, shared words, help,
co-facilitators, and what the tablets poll (live.json, here, help, follow-me pacing).

Who may reach the workshop page, its QR code, close and reopen is in tests/test_access_control.py;
the workshop page itself is in test_workshop_page.py.
"""

import functools
import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from cgim.auth import models as auth_models
from cgim.auth.models import Organisation, User
from cgim.extensions import db
from cgim.parent.models import Parent, SharedText
from cgim.timeutil import utcnow
from cgim.workshop.models import CoFacilitator, Workshop
from tests.conftest import PASSWORD, form_token, join_with_tokens, meta_token

CSRF_MESSAGE = "This page was open a long time. Please go back and try again."
RULER = ("welcome", 6)  # "How much this matters to you": counted as numbers 0-10
CHOICE = ("welcome", 5)  # "Where you are right now": counted per option
TEXT = ("welcome", 3)  # "Your child": a short text a parent may share
RESULT_ROW = re.compile(r'<th scope="row">([^<]+)</th><td><progress[^>]*></progress> (\d+)</td>')
WAIT = "The group moves on together. Your facilitator will take you to the next screen."


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch):
    """Staff passwords hash in one round here; hashing itself is tested in tests/auth."""
    quick = functools.partial(generate_password_hash, method="pbkdf2:sha256:1")
    monkeypatch.setattr(auth_models, "generate_password_hash", quick)


@dataclass
class Room:
    """A facilitator signed in on `staff`, their workshop, and ways to act on it."""

    app: object
    staff: object
    id: int
    code: str
    user_id: int
    org_id: int
    join: object
    new_client: object

    def parent(self, name: str = "Sam"):
        """A new tablet, joined and consented."""
        return self.join(self.new_client(), self.code, name)

    def url(self, rest: str = "") -> str:
        """An address of this workshop."""
        return f"/workshops/{self.id}{rest}"

    def control(self, action: str, **form):
        """Press one control on the dashboard."""
        return self.staff.post(self.url("/control"), data={"action": action, **form})

    def show(self, module: str, number: int):
        """Show one screen."""
        return self.control("show", module=module, number=str(number))

    def state(self) -> dict:
        """The workshop's room columns as stored."""
        with self.app.app_context():
            w = db.session.get(Workshop, self.id)
            return {
                "mode": w.mode,
                "shown": (w.shown_module, w.shown_step),
                "show_results": w.show_results,
                "paused": w.paused,
                "ended": w.ended_at is not None,
                "version": w.control_version,
            }

    def dashboard(self) -> str:
        """The facilitator's live page."""
        return self.staff.get(self.url("/live")).text

    def projector(self) -> str:
        """The projector page."""
        return self.staff.get(self.url("/projector")).text


@pytest.fixture
def room(app, client, new_client, make_user, make_workshop, login, join):
    """A facilitator and their making_connections workshop, nobody joined yet."""
    user_id, org_id = make_user(name="Dana")
    workshop_id, code = make_workshop(user_id)
    staff = login(client, user_id)
    return Room(app, staff, workshop_id, code, user_id, org_id, join, new_client)


def colleague(app, make_user, org_id: int, name: str) -> int:
    """Another facilitator in the same organisation."""
    with app.app_context():
        org = db.session.get(Organisation, org_id)
    return make_user(organisation=org, name=name)[0]


def id_of(client) -> int:
    """The parent id behind a tablet."""
    with client.session_transaction() as session:
        return session["parent"][0]


def help_wanted(app, parent_id: int) -> bool:
    """Whether the parent's help request is standing."""
    with app.app_context():
        return db.session.get(Parent, parent_id).help_requested_at is not None


def texts(app, workshop_id: int) -> list[tuple[str, str]]:
    """(text, status) of every shared answer of a workshop."""
    with app.app_context():
        query = select(SharedText).where(SharedText.workshop_id == workshop_id)
        return [(t.text, t.status) for t in db.session.scalars(query.order_by(SharedText.id))]


def share(parent, words: str, share_it: str = "yes"):
    """Answer the short-text screen and tick (or not) 'Share with the group'."""
    module, number = TEXT
    data = {"answer": words, "go": "next", "share": share_it}
    return parent.post(f"/me/{module}/{number}", data=data)


def db_ids(app, model) -> list[tuple[int]]:
    """Every id of a table."""
    with app.app_context():
        return [(i,) for i in db.session.scalars(select(model.id).order_by(model.id))]


def asking_steps(app) -> list:
    """The questions of making_connections, in order."""
    language = app.extensions["cgim_content"].language("en")
    return [s for m in language.modules_for("making_connections") for s in m.asking_steps]


def slide(page: str) -> str:
    """The projector's slide, without the page around it."""
    return page[page.index('<section class="slide') :]


# --- signed out, other organisations ----------------------------------------------------

STAFF_GETS = ("/live", "/projector", "/live?part=1", "/projector?part=1")
STAFF_POSTS = ("/control", "/texts/{text}", "/help/{parent}", "/colleagues")


@pytest.fixture
def busy_room(app, room, make_user):
    """A room with a parent asking for help, a shared answer waiting and a colleague to add."""
    parent = room.parent("Max")
    share(parent, "Lego towers")
    parent.post("/me/help", data={"next": "/me"})
    with app.app_context():
        text_id = db.session.scalar(select(SharedText.id))
    mate = colleague(app, make_user, room.org_id, "Cora")
    form = {"action": "pause", "status": "approved", "colleague": str(mate)}
    ids = {"text": text_id, "parent": id_of(parent)}
    return room, form, ids, mate


def unchanged(app, room, before: dict, ids: dict) -> None:
    """Nothing a refused request could have changed did change."""
    assert room.state() == before
    assert texts(app, room.id) == [("Lego towers", "waiting")]
    assert help_wanted(app, ids["parent"])
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(CoFacilitator)) == 0


@pytest.mark.parametrize("path", STAFF_GETS)
def test_signed_out_staff_pages_go_to_login(busy_room, new_client, path):
    room, _form, _ids, _mate = busy_room
    response = new_client().get(room.url(path))
    assert response.status_code == 302
    assert response.location.startswith("/login?next=")


@pytest.mark.parametrize("path", STAFF_POSTS)
def test_signed_out_posts_go_to_login_and_change_nothing(app, busy_room, new_client, path):
    room, form, ids, _mate = busy_room
    before = room.state()
    response = new_client().post(room.url(path.format(**ids)), data=form)
    assert response.location.startswith("/login?next=")
    unchanged(app, room, before, ids)


@pytest.mark.parametrize("who", ["other_org", "same_org"])
@pytest.mark.parametrize("path", STAFF_GETS + STAFF_POSTS)
def test_staff_who_may_not_see_the_workshop_get_404_and_change_nothing(
    app, busy_room, new_client, make_user, login, who, path
):
    room, form, ids, mate = busy_room
    other = make_user()[0] if who == "other_org" else mate  # mate is not a co-facilitator yet
    intruder = login(new_client(), other)
    before = room.state()
    url = room.url(path.format(**ids))
    response = intruder.post(url, data=form) if path in STAFF_POSTS else intruder.get(url)
    assert response.status_code == 404
    assert "Lego towers" not in response.text and "Max" not in response.text
    unchanged(app, room, before, ids)


def test_a_parent_session_is_not_staff(room):
    tablet = room.parent()
    assert tablet.get(room.url("/live")).location.startswith("/login?next=")
    assert tablet.post(room.url("/control"), data={"action": "end"}).location.startswith("/login")
    assert room.state()["ended"] is False


# --- dashboard and controls --------------------------------------------------------------


def test_dashboard_before_the_start(room):
    page = room.staff.get(room.url("/live"))
    assert page.status_code == 200
    assert "Not started: the projector shows the join code." in page.text
    assert "No one has joined yet." in page.text
    assert "Start with the first screen" in page.text
    assert "Follow me: tablets go to my screen" in page.text
    assert f'data-live-src="/workshops/{room.id}/live?part=1"' in page.text


def test_show_next_and_previous_move_the_screen_everyone_sees(room):
    versions = [room.state()["version"]]
    for press in (lambda: room.show("welcome", 1), lambda: room.control("next")):
        assert press().location == room.url("/live")
        versions.append(room.state()["version"])
    room.control("next")
    room.control("previous")
    assert room.state()["shown"] == ("welcome", 2)
    assert versions == sorted(set(versions))  # every press is a new version for the pollers
    assert "Now showing: Welcome, screen 2: Your answers are yours" in room.dashboard()


def test_next_and_previous_stop_at_the_ends(app, room):
    room.show("welcome", 1)
    room.control("previous")
    assert room.state()["shown"] == ("welcome", 1)
    modules = app.extensions["cgim_content"].language("en").modules_for("making_connections")
    last = modules[-1]
    room.show(last.id, len(last.steps))
    room.control("next")
    assert room.state()["shown"] == (last.id, len(last.steps))


def test_each_control_sets_the_room(room):
    steps = [
        ("follow", "mode", "follow"),
        ("free", "mode", "free"),
        ("results_on", "show_results", True),
        ("results_off", "show_results", False),
        ("pause", "paused", True),
        ("resume", "paused", False),
        ("end", "ended", True),
    ]
    for action, field, value in steps:
        room.control(action)
        assert room.state()[field] == value, action
    assert room.state()["shown"] == ("welcome", 1)  # any control starts the room


def test_pause_and_end_show_on_the_dashboard_and_projector(room):
    room.show("welcome", 1)
    room.control("pause")
    assert "Carry on" in room.dashboard()
    assert "Paused. Please look up for a moment." in room.projector()
    room.control("end")
    assert "The workshop has ended. Parents see their plan." in room.dashboard()
    assert "Thank you for coming" in room.projector()
    assert room.state()["paused"] is False  # ending lifts the pause


@pytest.mark.parametrize("action", ["", "explode", "SHOW", "show_results"])
def test_unknown_actions_change_nothing(room, action):
    room.show("welcome", 2)
    before = room.state()
    assert room.control(action).location == room.url("/live")
    assert room.state() == before


@pytest.mark.parametrize("number", ["abc", "-3", "", "2.5"])
def test_show_reads_a_screen_number_that_is_not_a_number_as_the_first(room, number):
    room.show("why_caring_adults", 4)
    assert room.control("show", module="why_caring_adults", number=number).status_code == 302
    assert room.state()["shown"] == ("why_caring_adults", 1)


@pytest.mark.parametrize(("module", "number"), [("welcome", "99"), ("no-such-module", "3")])
def test_show_with_an_unknown_screen_still_leaves_a_real_one(app, room, module, number):
    room.show("why_caring_adults", 4)
    assert room.control("show", module=module, number=number).status_code == 302
    screens = [
        (m.id, n)
        for m in app.extensions["cgim_content"].language("en").modules_for("making_connections")
        for n in range(1, len(m.steps) + 1)
    ]
    assert room.state()["shown"] in screens
    assert room.staff.get(room.url("/live")).status_code == 200


def test_controls_need_the_csrf_token(csrf_app, make_user, make_workshop):
    user_id, _org = make_user()
    workshop_id, _code = make_workshop(user_id)
    staff = csrf_app.test_client()
    with csrf_app.app_context():
        email = db.session.get(User, user_id).email
    token = form_token(staff.get("/login").text)
    staff.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    url = f"/workshops/{workshop_id}"

    for path, data in (("/control", {"action": "end"}), ("/close", {}), ("/colleagues", {})):
        refused = staff.post(url + path, data=data)
        assert refused.status_code == 400, path
        assert CSRF_MESSAGE in refused.text
    token = form_token(staff.get(url + "/live").text)
    accepted = staff.post(url + "/control", data={"action": "end", "csrf_token": token})
    assert accepted.status_code == 302
    with csrf_app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        assert workshop.ended_at is not None
        assert workshop.closed_at is None  # the refused close did nothing


def test_tablet_posts_need_the_csrf_token(csrf_app, make_user, make_workshop):
    _id, code = make_workshop(make_user()[0])
    tablet = join_with_tokens(csrf_app.test_client(), code)
    page = tablet.get("/me/welcome/1").text
    here = {"module": "welcome", "number": 3}

    refused = tablet.post("/me/help", data={"next": "/me"})
    assert (refused.status_code, CSRF_MESSAGE in refused.text) == (400, True)
    assert tablet.post("/me/here", json=here).status_code == 400
    with csrf_app.app_context():
        [parent] = db.session.scalars(select(Parent))
        assert parent.help_requested_at is None
        assert parent.current_step != 3

    asked = tablet.post("/me/help", data={"next": "/me", "csrf_token": form_token(page)})
    assert asked.location == "/me"
    moved = tablet.post("/me/here", json=here, headers={"X-CSRFToken": meta_token(page)})
    assert moved.json == {"ok": True}
    with csrf_app.app_context():
        [parent] = db.session.scalars(select(Parent))
        assert parent.help_requested_at is not None
        assert (parent.current_module, parent.current_step) == ("welcome", 3)


# --- the parents on the dashboard ---------------------------------------------------------


def test_dashboard_shows_where_each_parent_is_and_counts_per_screen(app, room):
    kim, lee = room.parent("Kim"), room.parent("Lee")
    kim.post("/me/here", json={"module": "welcome", "number": 3})
    lee.post("/me/here", json={"module": "welcome", "number": 3})
    page = room.dashboard()
    assert "Parents (2)" in page
    assert page.count("Module 1: Welcome, screen 3") == 2
    assert "Welcome, 3: Your child: <strong>2</strong>" in page


def test_a_parent_quiet_for_minutes_shows_as_stuck(app, room):
    tablet = room.parent("Kim")
    assert "No activity for a few minutes" not in room.dashboard()
    with app.app_context():
        db.session.get(Parent, id_of(tablet)).last_seen_at = utcnow() - timedelta(minutes=10)
        db.session.commit()
    page = room.dashboard()
    assert "No activity for a few minutes" in page
    assert '<tr class="stuck">' in page


# --- polling: ETag and 304 --------------------------------------------------------------


@pytest.mark.parametrize("view", ["/live", "/projector"])
def test_live_regions_answer_304_until_the_room_changes(room, view):
    first = room.staff.get(room.url(f"{view}?part=1"))
    assert first.status_code == 200
    assert "<html" not in first.text  # the region only, not the page
    assert first.headers["Cache-Control"] == "no-cache"
    tag = first.headers["ETag"]

    again = room.staff.get(room.url(f"{view}?part=1"), headers={"If-None-Match": tag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == tag

    room.parent("Kim")
    changed = room.staff.get(room.url(f"{view}?part=1"), headers={"If-None-Match": tag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != tag
    assert ("Kim" if view == "/live" else "1 joined") in changed.text
    room.control("pause")
    newer = {"If-None-Match": changed.headers["ETag"]}
    assert room.staff.get(room.url(f"{view}?part=1"), headers=newer).status_code == 200


# --- projector and results ---------------------------------------------------------------


def test_projector_shows_the_join_code_then_the_screen(room):
    before = slide(room.projector())
    assert "Welcome! Join on your tablet" in before
    assert f'<p class="join-code slide-code">{room.code}</p>' in before
    assert "0 joined" in before
    room.parent("Kim")
    room.parent("Lee")
    assert "2 joined" in room.projector()
    room.show("welcome", 3)
    shown = slide(room.projector())
    assert "<h1>Your child</h1>" in shown
    assert room.code not in shown
    assert "Kim" not in shown


def answer_on(tablets, screen, values) -> None:
    """Each tablet saves one answer to the screen's question, as autosave would."""
    prompt = {RULER: "welcome-more-adults", CHOICE: "welcome-where-now"}[screen]
    for tablet, value in zip(tablets, values, strict=True):
        saved = tablet.post("/me/answers", json={"prompt": prompt, "value": value})
        assert saved.status_code == 200


def test_results_stay_hidden_under_three_answers_and_never_name_anyone(room):
    tablets = [room.parent(name) for name in ("Kim", "Lee", "Max")]
    room.show(*RULER)
    room.control("results_on")
    answer_on(tablets[:2], RULER, [7, 7])
    hidden = slide(room.projector())
    assert "Results show once at least 3 people have answered." in hidden
    assert "answers</caption>" not in hidden

    answer_on(tablets[2:], RULER, [4])
    shown = slide(room.projector())
    assert "3 answers" in shown
    assert "Results show once" not in shown
    counts = dict(RESULT_ROW.findall(shown))
    assert counts["7"] == "2" and counts["4"] == "1" and counts["0"] == "0"
    for name in ("Kim", "Lee", "Max"):
        assert name not in shown

    room.control("results_off")
    assert "3 answers" not in room.projector()


def test_choice_results_count_each_option_by_its_label(room):
    tablets = [room.parent(name) for name in ("Kim", "Lee", "Max")]
    room.show(*CHOICE)
    room.control("results_on")
    answer_on(tablets, CHOICE, ["planning_soon", "planning_soon", "not_thinking"])
    shown = slide(room.projector())
    counts = dict(RESULT_ROW.findall(shown))
    assert counts["I plan to ask someone soon"] == "2"
    [step] = [s for s in asking_steps(room.app) if s.id == "welcome-where-now"]
    assert len(counts) == len(step.options)  # every option, the unpicked ones at 0
    assert sorted(counts.values()) == ["0"] * (len(step.options) - 2) + ["1", "2"]


# --- shared words ------------------------------------------------------------------------


def test_shared_words_wait_for_approval_before_the_projector_shows_them(app, room):
    room.show(*TEXT)
    room.control("results_on")
    lee = room.parent("Lee")
    share(lee, "Building huge LEGO towers")
    share(room.parent("Kim"), "Kept to myself", share_it="")

    assert texts(app, room.id) == [("Building huge LEGO towers", "waiting")]
    dashboard = room.dashboard()
    assert "“Building huge LEGO towers”" in dashboard
    assert "Kept to myself" not in dashboard
    assert "Building huge LEGO towers" not in room.projector()

    [(text_id,)] = db_ids(app, SharedText)
    response = room.staff.post(room.url(f"/texts/{text_id}"), data={"status": "approved"})
    assert response.location == room.url("/live")
    assert "“Building huge LEGO towers”" in slide(room.projector())
    assert "None right now." in room.dashboard()
    assert "Lee" not in slide(room.projector())


def test_hidden_words_never_reach_the_projector(app, room):
    room.show(*TEXT)
    room.control("results_on")
    share(room.parent("Lee"), "Please not on the wall")
    [(text_id,)] = db_ids(app, SharedText)
    room.staff.post(room.url(f"/texts/{text_id}"), data={"status": "hidden"})
    assert texts(app, room.id) == [("Please not on the wall", "hidden")]
    assert "Please not on the wall" not in room.projector()
    assert "Please not on the wall" not in room.dashboard()


def test_odd_statuses_and_other_workshops_words_change_nothing(app, room, make_workshop, join):
    share(room.parent("Lee"), "Ours")
    _other_id, other_code = make_workshop(room.user_id, title="Thursday group")
    share(join(room.new_client(), other_code, "Kim"), "Theirs")
    ours, theirs = (i for (i,) in db_ids(app, SharedText))
    for text_id, status in ((ours, "shown"), (ours, ""), (theirs, "approved"), (999_999, "hidden")):
        response = room.staff.post(room.url(f"/texts/{text_id}"), data={"status": status})
        assert response.location == room.url("/live")
    with app.app_context():
        statuses = db.session.execute(select(SharedText.text, SharedText.status)).all()
    assert sorted(statuses) == [("Ours", "waiting"), ("Theirs", "waiting")]


# --- help --------------------------------------------------------------------------------


def test_a_help_request_shows_on_the_dashboard_until_the_facilitator_clears_it(app, room):
    max_ = room.parent("Max")
    pid = id_of(max_)
    asked = max_.post("/me/help", data={"next": "/me/welcome/2"})
    assert asked.location == "/me/welcome/2"
    page = max_.get("/me/welcome/2").text
    assert "Your facilitator will come over." in page
    assert "Your facilitator knows you would like help." in page
    assert help_wanted(app, pid)

    dashboard = room.dashboard()
    assert '<tr class="wants-help">' in dashboard
    assert "Would like help" in dashboard
    done = room.staff.post(room.url(f"/help/{pid}"))
    assert done.location == room.url("/live")
    assert not help_wanted(app, pid)
    assert "Would like help" not in room.dashboard()


def test_a_parent_can_take_the_help_request_back(app, room):
    tablet = room.parent("Max")
    tablet.post("/me/help", data={"next": "/me"})
    taken_back = tablet.post("/me/help", data={"help": "no", "next": "/me"})
    assert taken_back.location == "/me"
    assert "Thank you." in tablet.get("/me").text
    assert not help_wanted(app, id_of(tablet))


def test_the_help_button_answers_json_to_scripts(app, room):
    tablet = room.parent("Max")
    json_accept = {"Accept": "application/json"}
    asked = tablet.post("/me/help", data={}, headers=json_accept)
    assert asked.status_code == 200
    assert asked.json == {"help": True}
    assert tablet.post("/me/help", data={"help": "no"}, headers=json_accept).json == {"help": False}
    assert not help_wanted(app, id_of(tablet))


@pytest.mark.parametrize(
    "back", ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:x", ""]
)
def test_after_asking_for_help_only_local_pages_are_followed(room, back):
    assert room.parent().post("/me/help", data={"next": back}).location == "/me"


def test_clearing_help_only_touches_this_workshops_parents(app, room, make_workshop, join):
    _other_id, other_code = make_workshop(room.user_id, title="Thursday group")
    elsewhere = join(room.new_client(), other_code, "Kim")
    elsewhere.post("/me/help", data={"next": "/me"})
    pid = id_of(elsewhere)
    for parent_id in (pid, 999_999):
        assert room.staff.post(room.url(f"/help/{parent_id}")).location == room.url("/live")
    assert help_wanted(app, pid)


@pytest.mark.parametrize("path", ["/me/help", "/me/here"])
def test_tablet_posts_without_a_parent_session_go_to_join(room, path):
    response = room.staff.post(path, json={"module": "welcome", "number": 1})
    assert response.location == "/join"


# --- co-facilitators ---------------------------------------------------------------------


def test_adding_a_colleague_lets_them_run_the_room(app, room, make_user, new_client, login):
    cora = colleague(app, make_user, room.org_id, "Cora")
    helper = login(new_client(), cora)
    assert helper.get(room.url("/live")).status_code == 404
    assert f'<option value="{cora}">Cora</option>' in room.dashboard()

    added = room.staff.post(room.url("/colleagues"), data={"colleague": str(cora)})
    assert added.location == room.url("/live")
    page = room.dashboard()
    assert "Cora can now run this workshop too." in page
    assert "Only you for now." not in page
    assert f'<option value="{cora}">' not in page
    assert helper.get(room.url("/live")).status_code == 200
    assert helper.post(room.url("/control"), data={"action": "pause"}).status_code == 302
    assert room.state()["paused"] is True

    room.staff.post(room.url("/colleagues"), data={"colleague": str(cora)})  # twice: once only
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(CoFacilitator)) == 1


@pytest.mark.parametrize("who", ["other_org", "nobody", "letters", "owner"])
def test_only_colleagues_of_the_organisation_can_be_added(app, room, make_user, who):
    value = {
        "other_org": lambda: str(make_user(name="Stranger")[0]),
        "nobody": lambda: "999999",
        "letters": lambda: "cora",
        "owner": lambda: str(room.user_id),
    }[who]()
    response = room.staff.post(room.url("/colleagues"), data={"colleague": value})
    assert response.status_code == (404 if who in ("other_org", "nobody") else 302)
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(CoFacilitator)) == 0
    assert "Stranger" not in room.dashboard()


# --- what the tablets poll ---------------------------------------------------------------


def test_live_json_needs_a_valid_parent_session(app, room, new_client):
    tablet = room.parent()
    pid = id_of(tablet)
    forged = new_client()
    with forged.session_transaction() as session:
        session["parent"] = [pid, "not-the-token"]
    for who in (new_client(), room.staff, forged):
        response = who.get("/me/live.json")
        assert response.status_code == 401
        assert response.json == {"error": "not signed in"}
    assert tablet.get("/me/live.json").status_code == 200


def test_live_json_tells_the_tablet_what_to_do(room):
    tablet = room.parent()
    assert tablet.get("/me/live.json").json == {"follow": None, "paused": False, "ended": False}
    room.show("welcome", 4)
    assert tablet.get("/me/live.json").json["follow"] is None  # free: no one is moved
    room.control("follow")
    assert tablet.get("/me/live.json").json["follow"] == ["welcome", 4]
    room.control("pause")
    assert tablet.get("/me/live.json").json == {
        "follow": ["welcome", 4],
        "paused": True,
        "ended": False,
    }
    room.control("free")
    room.control("end")
    assert tablet.get("/me/live.json").json == {"follow": None, "paused": False, "ended": True}


def test_live_json_answers_304_until_the_facilitator_changes_something(room):
    tablet = room.parent()
    first = tablet.get("/me/live.json")
    tag = first.headers["ETag"]
    assert first.headers["Cache-Control"] == "no-cache"
    assert first.mimetype == "application/json"

    again = tablet.get("/me/live.json", headers={"If-None-Match": tag})
    assert (again.status_code, again.data) == (304, b"")
    other_tablet = room.parent("Kim")  # every tablet of the room shares the validator
    assert other_tablet.get("/me/live.json", headers={"If-None-Match": tag}).status_code == 304
    tablet.post("/me/here", json={"module": "welcome", "number": 2})  # a parent moving is no news
    assert tablet.get("/me/live.json", headers={"If-None-Match": tag}).status_code == 304

    room.control("follow")
    changed = tablet.get("/me/live.json", headers={"If-None-Match": tag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != tag
    assert changed.json["follow"] == ["welcome", 1]


# --- where the tablet is, and follow-me pacing -------------------------------------------


def test_here_moves_the_parent_on_the_dashboard(app, room):
    tablet = room.parent("Kim")
    response = tablet.post("/me/here", json={"module": "why_caring_adults", "number": 4})
    assert response.status_code == 200
    assert response.json == {"ok": True}
    with app.app_context():
        parent = db.session.get(Parent, id_of(tablet))
        assert (parent.current_module, parent.current_step) == ("why_caring_adults", 4)
    assert "Module 2: Why caring adults matter, screen 4" in room.dashboard()


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"module": "welcome"}, 400),
        ({"number": 2}, 400),
        ({"module": "welcome", "number": "2"}, 400),
        ({"module": ["welcome"], "number": 2}, 400),
        ("not json", 400),
        ({"module": "welcome", "number": 99}, 404),
        ({"module": "welcome", "number": 0}, 404),
        ({"module": "no-such-module", "number": 1}, 404),
    ],
)
def test_here_refuses_bad_bodies_and_screens_outside_the_format(app, room, body, status):
    tablet = room.parent("Kim")
    tablet.post("/me/here", json={"module": "welcome", "number": 3})
    if isinstance(body, str):
        response = tablet.post("/me/here", data=body, content_type="text/plain")
    else:
        response = tablet.post("/me/here", json=body)
    assert response.status_code == status
    with app.app_context():
        parent = db.session.get(Parent, id_of(tablet))
        assert (parent.current_module, parent.current_step) == ("welcome", 3)


def test_here_refuses_a_module_of_another_format(app, room):
    language = app.extensions["cgim_content"].language("en")
    inside = {m.id for m in language.modules_for("making_connections")}
    outside = next(m.id for m in language.modules_for("full_cgim") if m.id not in inside)
    tablet = room.parent("Kim")
    assert tablet.post("/me/here", json={"module": outside, "number": 1}).status_code == 404


def test_follow_me_keeps_a_parent_from_running_ahead(app, answers_of, room):
    tablet = room.parent("Kim")
    room.show("welcome", 3)
    room.control("follow")

    for ahead in ("/me/welcome/6", "/me/why_caring_adults/1"):
        response = tablet.get(ahead)
        assert response.location == "/me/welcome/3", ahead
    assert WAIT in tablet.get("/me/welcome/3").text
    posted = tablet.post("/me/welcome/5", data={"answer": "planning_soon", "go": "next"})
    assert posted.location == "/me/welcome/3"
    assert answers_of(id_of(tablet)) == {}  # the screen ahead stored nothing

    assert tablet.get("/me/welcome/2").status_code == 200  # going back is fine
    assert tablet.get("/me/welcome/3").status_code == 200
    room.control("next")
    assert tablet.get("/me/welcome/4").status_code == 200


def test_at_their_own_pace_parents_go_anywhere(room):
    tablet = room.parent("Kim")
    room.show("welcome", 1)
    room.control("follow")
    room.control("free")
    page = tablet.get("/me/why_caring_adults/1")
    assert page.status_code == 200
    assert WAIT not in page.text
