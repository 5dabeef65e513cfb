"""A parent's journey: join, consent, steps of every kind, autosave, resume, leave, delete."""

import functools
import re
from html.parser import HTMLParser

import pytest
from markupsafe import escape
from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from cgim.auth import models as auth_models
from cgim.codes import ALPHABET
from cgim.extensions import db
from cgim.parent.models import Answer, Parent, SaveReceipt

WRONG_CODE = "We could not find an open workshop with that code."
KEY = "a" * 32
KINDS = (
    "info",
    "short_text",
    "long_text",
    "single_choice",
    "multiple_choice",
    "checklist",
    "scale",
)
TEXT_KINDS = ("short_text", "long_text")


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch):
    """Staff passwords hash in one round here; hashing itself is tested in tests/auth."""
    quick = functools.partial(generate_password_hash, method="pbkdf2:sha256:1")
    monkeypatch.setattr(auth_models, "generate_password_hash", quick)


class Fields(HTMLParser):
    """The inputs named "answer" on a page and the visible label text of each."""

    def __init__(self, html: str):
        super().__init__()
        self.inputs: list[dict] = []
        self.labels: dict[str, str] = {}  # for= id -> text
        self.legend = ""
        self._open: list[list] = []  # [tag, for id or None, text parts, wrapped inputs]
        self._in_textarea = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("label", "legend"):
            self._open.append([tag, attrs.get("for"), [], []])
        elif tag in ("input", "textarea") and attrs.get("name") == "answer":
            field = {"tag": tag, **attrs}
            self.inputs.append(field)
            self._in_textarea = tag == "textarea"
            for frame in self._open:
                frame[3].append(field)

    def handle_data(self, data):
        for frame in self._open:
            frame[2].append(data)
        if self._in_textarea:
            self.inputs[-1]["text"] = self.inputs[-1].get("text", "") + data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._in_textarea = False
        if self._open and self._open[-1][0] == tag:
            kind, for_id, parts, wrapped = self._open.pop()
            words = " ".join("".join(parts).split())
            if kind == "legend":
                self.legend = words
            elif for_id:
                self.labels[for_id] = words
            for field in wrapped:
                field["wrapped_label"] = words

    def label_of(self, field: dict) -> str:
        """The visible words that name a field."""
        return field.get("wrapped_label") or self.labels.get(field.get("id", ""), "")

    def shown(self):
        """What the answer field shows: its text, the checked value, or the checked values."""
        first = self.inputs[0]
        if first["tag"] == "textarea":
            return first.get("text", "")
        if first.get("type") == "text":
            return first.get("value", "")
        checked = [f["value"] for f in self.inputs if "checked" in f]
        return checked if first["type"] == "checkbox" else (checked or [None])[0]


def language(app):
    """The English content."""
    return app.extensions["cgim_content"].language("en")


def step_of(app, kind: str) -> tuple[str, object]:
    """(address, step) of one step of a kind in making_connections.

    Prefers a step every parent sees (no stage or theme condition, not the staging question),
    so answering it does not change which screens follow.
    """
    found = [
        (f"/me/{module.id}/{number}", step)
        for module in language(app).modules_for("making_connections")
        for number, step in enumerate(module.steps, start=1)
        if step.kind == kind
    ]
    assert found, f"no {kind} step in making_connections"
    plain = [(url, step) for url, step in found if not (step.stages or step.themes or step.staging)]
    return (plain or found)[0]


def module_numbers(path: str) -> tuple[str, int]:
    """(module id, screen number) of a step address."""
    _me, module_id, number = path.strip("/").split("/")
    return module_id, int(number)


def walk(client, module_id: str) -> tuple[list[int], str]:
    """Press Next from the first screen until the module is left: (screens seen, where to)."""
    seen, where = [1], f"/me/{module_id}/1"
    while True:
        where = client.post(where, data={"go": "next"}).location
        if not where.startswith(f"/me/{module_id}/"):
            return seen, where
        seen.append(module_numbers(where)[1])
        assert len(seen) < 100


def count(app, model) -> int:
    """Rows in a table."""
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def shows(page: str, words: str) -> bool:
    """True when the words are on the page (as HTML-escaped text)."""
    return str(escape(words)) in page


@pytest.fixture
def workshop(make_user, make_workshop):
    """An open making_connections workshop: (id, join code)."""
    return make_workshop(make_user()[0])


@pytest.fixture
def parent(client, join, workshop):
    """A parent who has joined and consented."""
    return join(client, workshop[1])


def autosave(client, prompt, value, key=None):
    """POST one answer as the page's script would."""
    body = {"prompt": prompt, "value": value}
    if key is not None:
        body["key"] = key
    return client.post("/me/answers", json=body)


# --- joining ---------------------------------------------------------------------------


def variants(code: str) -> list[str]:
    """The ways a parent might type a code: lower case, spaces, dashes."""
    return [code, code.lower(), f" {code[:3]} {code[3:]} ", f"{code[:3]}-{code[3:].lower()}"]


def test_join_page(client):
    page = client.get("/join")
    assert page.status_code == 200
    assert "Workshop code" in page.text


def test_join_by_code_ignores_case_spaces_and_dashes(client, workshop):
    code = workshop[1]
    for typed in variants(code):
        assert client.post("/join", data={"code": typed}).location == f"/join/{code}"
    assert client.get(f"/join/{code.lower()}").status_code == 200


@pytest.mark.parametrize("typed", ["ABC", "ABCDEFG", "O0O0O0", "ZZZZZZ"])
def test_wrong_code_is_a_404_page_with_a_clear_message(client, workshop, typed):
    response = client.post("/join", data={"code": typed})
    assert response.status_code == 404
    assert WRONG_CODE in response.text
    assert f'value="{typed}"' in response.text


def test_empty_code_asks_for_the_code(client, workshop):
    response = client.post("/join", data={"code": "  "})
    assert response.status_code == 200
    assert "Please type the code from the screen." in response.text


def test_scanned_wrong_code_is_a_404_page_with_a_clear_message(client, workshop):
    response = client.get("/join/ZZZZZZ")
    assert response.status_code == 404
    assert "This workshop code is not open. Please check it with your facilitator." in response.text
    assert 'value="ZZZZZZ"' in response.text


def test_wrong_codes_are_rate_limited_but_right_ones_are_not(client, workshop):
    code = workshop[1]
    for n in range(20):
        assert client.post("/join", data={"code": "ZZZZZZ"}).status_code == 404
        if n % 4 == 0:
            assert client.post("/join", data={"code": code}).status_code == 302

    blocked = client.post("/join", data={"code": "ZZZZZZ"})

    assert blocked.status_code == 429
    assert "There have been too many wrong tries from here." in blocked.text
    assert "Please try again in 1 minute." in blocked.text
    assert 'value="ZZZZZZ"' in blocked.text  # what was typed stays
    # This browser is the one guessing: even the right code is not checked for it now.
    assert client.post("/join", data={"code": code}).status_code == 429


def test_wrong_scanned_codes_are_rate_limited(client, workshop):
    for n in range(20):
        assert client.get("/join/ZZZZZZ").status_code == 404
        if n % 5 == 0:
            assert client.get(f"/join/{workshop[1]}").status_code == 200
    assert client.get("/join/ZZZZZZ").status_code == 429


@pytest.mark.parametrize(
    ("nickname", "language", "message"),
    [
        ("", "en", "Please type a name. A nickname is fine."),
        ("   ", "en", "Please type a name. A nickname is fine."),
        ("N" * 41, "en", "Please use 40 letters or fewer."),
        ("Sam", "xx", "Not a valid choice"),
    ],
)
def test_name_form_errors_keep_what_was_typed(app, client, workshop, nickname, language, message):
    response = client.post(
        f"/join/{workshop[1]}", data={"nickname": nickname, "language": language}
    )
    assert response.status_code == 200
    assert message in response.text
    if nickname.strip():
        assert f'value="{nickname}"' in response.text
    assert count(app, Parent) == 0
    assert client.get("/me").location == "/join"


def test_consent_comes_before_anything_is_stored(app, client, workshop, parent_id):
    code = workshop[1]
    assert client.post(f"/join/{code}", data={"nickname": " Sam ", "language": "en"}).location == (
        f"/join/{code}/consent"
    )
    page = client.get(f"/join/{code}/consent")
    assert page.status_code == 200
    assert "Before we start, Sam" in page.text
    for heading in ("What we keep", "Who sees it", "Your choice"):
        assert heading in page.text
    assert count(app, Parent) == 0
    assert client.get("/me").location == "/join"

    assert client.post(f"/join/{code}/consent").location == "/me"

    with app.app_context():
        stored = db.session.get(Parent, parent_id(client))
        assert (stored.nickname, stored.language, stored.workshop_id) == ("Sam", "en", workshop[0])
    assert count(app, Parent) == 1


def test_decline_stores_nothing_and_forgets_the_name(app, client, workshop):
    code = workshop[1]
    client.post(f"/join/{code}", data={"nickname": "Sam", "language": "en"})

    response = client.post(f"/join/{code}/decline")

    assert response.status_code == 200
    assert "Nothing was saved." in response.text
    assert count(app, Parent) == 0
    with client.session_transaction() as session:
        assert "joining" not in session
    assert client.post(f"/join/{code}/consent").location == f"/join/{code}"
    assert count(app, Parent) == 0


def test_consent_without_a_name_goes_back_to_the_name(app, client, workshop):
    code = workshop[1]
    assert client.get(f"/join/{code}/consent").location == f"/join/{code}"
    assert client.post(f"/join/{code}/consent").location == f"/join/{code}"
    assert count(app, Parent) == 0


# --- the parent's page -----------------------------------------------------------------


def test_me_lists_the_modules_and_shows_a_resume_code(
    app, client, parent, parent_id, resume_code_of
):
    page = client.get("/me").text
    assert "Hello, Sam" in page
    titles = [m.title for m in language(app).modules_for("making_connections")]
    positions = [page.index(str(escape(title))) for title in titles]
    assert positions == sorted(positions)
    assert 'href="/me/welcome/1"' in page
    shown = resume_code_of(client)
    assert re.fullmatch(f"[{ALPHABET}]{{5}}-[{ALPHABET}]{{5}}", shown)  # 10 to type
    with app.app_context():
        assert db.session.get(Parent, parent_id(client)).resume_code == shown.replace("-", "")


def test_me_counts_answers_per_module(app, client, parent):
    module = language(app).modules_for("making_connections")[0]
    texts = [s for s in module.asking_steps if s.kind in TEXT_KINDS]
    assert texts
    autosave(client, texts[0].id, "Football")
    answered = re.findall(r"(\d+) of (\d+) questions answered", client.get("/me").text)
    assert len(answered) == len(language(app).modules_for("making_connections"))
    assert answered[0][0] == "1"
    assert all(done == "0" for done, _total in answered[1:])


# --- every step kind -------------------------------------------------------------------


def test_info_step_has_no_answer_field(app, client, parent):
    url, step = step_of(app, "info")
    page = client.get(url)
    assert page.status_code == 200
    assert shows(page.text, step.title)
    assert shows(page.text, step.paragraphs[0])
    assert Fields(page.text).inputs == []


@pytest.mark.parametrize(
    ("kind", "tag", "type_"), [("short_text", "input", "text"), ("long_text", "textarea", None)]
)
def test_text_steps_render_a_labelled_field(app, client, parent, kind, tag, type_):
    url, step = step_of(app, kind)
    fields = Fields(client.get(url).text)
    [field] = fields.inputs
    assert field["tag"] == tag
    assert field.get("type") == type_
    assert fields.label_of(field) == " ".join(step.question.split())


@pytest.mark.parametrize(
    ("kind", "type_"),
    [("single_choice", "radio"), ("multiple_choice", "checkbox"), ("checklist", "checkbox")],
)
def test_choice_steps_render_one_labelled_option_each(app, client, parent, kind, type_):
    url, step = step_of(app, kind)
    fields = Fields(client.get(url).text)
    assert fields.legend == " ".join(step.question.split())
    assert [f["value"] for f in fields.inputs] == list(step.option_ids)
    assert {f["type"] for f in fields.inputs} == {type_}
    assert [fields.label_of(f) for f in fields.inputs] == [o.label for o in step.options]


def test_scale_step_renders_eleven_labelled_numbers(app, client, parent):
    url, step = step_of(app, "scale")
    page = client.get(url).text
    fields = Fields(page)
    assert fields.legend == " ".join(step.question.split())
    assert [(f["type"], f["value"], fields.label_of(f)) for f in fields.inputs] == [
        ("radio", str(n), str(n)) for n in range(11)
    ]
    assert shows(page, step.low_label)
    assert shows(page, step.high_label)


def posted_and_stored(kind: str, step, variant: int = 0):
    """A valid form answer for a step and the value it must be stored as."""
    ids = step.option_ids
    if kind == "short_text":
        return "  Football  ", "Football"
    if kind == "long_text":
        return "First line\r\nSecond line", "First line\nSecond line"
    if kind == "single_choice":
        return ids[1], ids[1]
    if kind == "multiple_choice":
        return [ids[2], ids[0]], [ids[0], ids[2]]  # stored in content order
    if kind == "checklist":
        return [ids[-1], ids[0]], [ids[0], ids[-1]]
    return (("7", 7), ("0", 0), ("10", 10))[variant]


@pytest.mark.parametrize(
    ("kind", "variant"),
    [(k, 0) for k in KINDS if k != "info"] + [("scale", 1), ("scale", 2)],
)
def test_posting_each_kind_stores_the_value(
    app, client, parent, parent_id, answers_of, kind, variant
):
    url, step = step_of(app, kind)
    posted, stored = posted_and_stored(kind, step, variant)
    response = client.post(url, data={"answer": posted, "go": "next", "save_key": KEY})
    assert response.status_code == 302
    assert answers_of(parent_id(client)) == {step.id: stored}
    shown = Fields(client.get(url).text).shown()  # and the screen shows it again
    assert shown == (stored if isinstance(stored, list | str) else str(stored))


def test_posting_an_info_step_stores_nothing(app, client, parent, parent_id, answers_of):
    url, _step = step_of(app, "info")
    assert client.post(url, data={"go": "next"}).status_code == 302
    assert answers_of(parent_id(client)) == {}


def test_posting_an_empty_answer_clears_it(app, client, parent, parent_id, answers_of):
    for kind in ("short_text", "long_text", "multiple_choice", "checklist"):
        url, step = step_of(app, kind)
        autosave(client, step.id, posted_and_stored(kind, step)[1])
        client.post(
            url, data={"answer": "   ", "go": "next"} if kind in TEXT_KINDS else {"go": "next"}
        )
    assert answers_of(parent_id(client)) == {}


def test_posting_without_a_choice_keeps_the_chosen_one(app, client, parent, parent_id, answers_of):
    url, step = step_of(app, "scale")
    autosave(client, step.id, 6)
    client.post(url, data={"go": "next"})  # a radio group cannot be emptied in a browser
    assert answers_of(parent_id(client)) == {step.id: 6}


# --- navigation ------------------------------------------------------------------------


def test_next_walks_forward_and_finishing_a_module_goes_to_my_page(app, client, parent):
    first = language(app).modules_for("making_connections")[0]
    second = language(app).modules_for("making_connections")[1]

    seen, where = walk(client, first.id)

    assert len(seen) > 1
    assert seen == sorted(set(seen))
    assert where == f"/me?done={first.id}"
    page = client.get(where).text
    assert shows(page, f"Well done. You finished “{first.title}”.")
    assert f'class="button big" href="/me/{second.id}/' in page


def test_back_walks_backward_and_leaves_from_the_first_screen(app, client, parent):
    module = language(app).modules_for("making_connections")[0]
    seen, _where = walk(client, module.id)
    for later, earlier in zip(reversed(seen), list(reversed(seen))[1:], strict=False):
        back = client.post(f"/me/{module.id}/{later}", data={"go": "back"}).location
        assert back == f"/me/{module.id}/{earlier}"
    assert client.post(f"/me/{module.id}/1", data={"go": "back"}).location == "/me"


def test_next_is_the_default(app, client, parent):
    url, _step = step_of(app, "info")
    module_id, number = module_numbers(url)
    going = client.post(url, data={}).location
    assert module_numbers(going)[0] == module_id
    assert module_numbers(going)[1] > number


def test_finishing_the_last_module_offers_it_again(app, client, parent):
    last = language(app).modules_for("making_connections")[-1]
    _seen, where = walk(client, last.id)
    assert where == f"/me?done={last.id}"
    assert f'class="button big" href="/me/{last.id}/' in client.get("/me").text


def test_continue_returns_to_the_last_screen_reached(app, client, parent):
    url, _step = step_of(app, "info")
    going = client.post(url, data={"go": "next"}).location
    assert f'class="button big" href="{going}"' in client.get("/me").text


@pytest.mark.parametrize(
    "path",
    ["/me/welcome/0", "/me/welcome/99", "/me/nope/1", "/me/keeping_it_going/1", "/me/welcome/x"],
)
def test_unknown_screens_are_404(client, parent, path):
    assert client.get(path).status_code == 404
    assert client.post(path, data={"answer": "x"}).status_code == 404


def test_step_page_shows_progress(app, client, parent):
    modules = language(app).modules_for("making_connections")
    page = client.get(f"/me/{modules[1].id}/1").text
    assert shows(page, f"Part 2 of {len(modules)}: {modules[1].title}")
    screen, total = map(int, re.search(r"Screen (\d+) of (\d+)", page).groups())
    assert screen == 1
    assert 1 <= total <= len(modules[1].steps)


# --- invalid answers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "posted", "message"),
    [
        ("short_text", "s" * 201, "Please keep this to 200 characters or fewer."),
        ("long_text", "l" * 4001, "Please keep this to 4000 characters or fewer."),
        ("single_choice", "not_an_option", "Not a valid choice"),
        ("multiple_choice", ["not_an_option"], "not a valid choice"),
        ("checklist", ["nope"], "not a valid choice"),
        ("scale", "11", "Not a valid choice"),
        ("scale", "-1", "Not a valid choice"),
        ("scale", "seven", "Not a valid choice"),
    ],
    ids=lambda value: f"{len(value)} chars" if isinstance(value, str) and len(value) > 40 else None,
)
def test_invalid_answers_re_render_with_a_message_and_store_nothing(
    app, client, parent, parent_id, answers_of, kind, posted, message
):
    url, step = step_of(app, kind)
    before = posted_and_stored(kind, step)[1]
    autosave(client, step.id, before)

    response = client.post(url, data={"answer": posted, "go": "next"})

    assert response.status_code == 400
    assert message in response.text
    assert 'class="error" id="answer-error"' in response.text
    if kind in TEXT_KINDS:
        assert posted in response.text  # what was typed is still there
    assert answers_of(parent_id(client)) == {step.id: before}


def test_a_valid_option_among_invalid_ones_is_refused(app, client, parent, parent_id, answers_of):
    url, step = step_of(app, "multiple_choice")
    response = client.post(url, data={"answer": [step.option_ids[0], "bogus"], "go": "next"})
    assert response.status_code == 400
    assert answers_of(parent_id(client)) == {}


# --- autosave --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "variant"),
    [(k, 0) for k in KINDS if k != "info"] + [("scale", 1)],
)
def test_autosave_stores_every_kind(app, client, parent, parent_id, answers_of, kind, variant):
    _url, step = step_of(app, kind)
    sent, stored = posted_and_stored(kind, step, variant)
    if kind == "scale" and variant == 0:
        sent = stored  # JSON may send the number itself, or its text ("0" below)
    response = autosave(client, step.id, sent, KEY)
    assert response.status_code == 200
    assert response.json == {"saved": True, "repeated": False}
    assert answers_of(parent_id(client)) == {step.id: stored}


def test_autosave_without_a_key_always_applies(app, client, parent, parent_id, answers_of):
    prompt = step_of(app, "short_text")[1].id
    autosave(client, prompt, "one")
    assert autosave(client, prompt, "two").json == {"saved": True, "repeated": False}
    assert answers_of(parent_id(client)) == {prompt: "two"}


def test_autosave_is_idempotent_by_key(app, client, parent, parent_id, answers_of):
    prompt = step_of(app, "short_text")[1].id
    first = autosave(client, prompt, "first", "key-one-1234")
    newer = autosave(client, prompt, "newer", "key-two-1234")
    retry = autosave(client, prompt, "first", "key-one-1234")

    assert first.json == newer.json == {"saved": True, "repeated": False}
    assert retry.status_code == 200
    assert retry.json == {"saved": True, "repeated": True}
    assert answers_of(parent_id(client)) == {prompt: "newer"}
    assert count(app, SaveReceipt) == 2


def test_autosave_null_clears_the_answer(app, client, parent, parent_id, answers_of):
    prompt = step_of(app, "scale")[1].id
    autosave(client, prompt, 4)
    assert autosave(client, prompt, None).status_code == 200
    assert answers_of(parent_id(client)) == {}


def json_problems(app) -> list[tuple[bytes, int, str]]:
    """Autosave bodies that must be refused: (body, status, error message)."""
    import json

    short, info = step_of(app, "short_text")[1].id, step_of(app, "info")[1].id
    scale, single = step_of(app, "scale")[1].id, step_of(app, "single_choice")[1].id
    unreadable = "We could not read that answer."

    def body(**fields) -> bytes:
        return json.dumps(fields).encode()

    return [
        # Refused at the input boundary, before the view: the error says what was wrong.
        (b"{not json", 400, "We could not read the request: not JSON"),
        (b"[1, 2]", 400, "We could not read the request: must be a JSON object"),
        (b'"just a string"', 400, "We could not read the request: must be a JSON object"),
        (body(value="x"), 400, unreadable),
        (
            body(prompt="no-such-prompt", value="x"),
            404,
            "That question is not part of your workshop.",
        ),
        (body(prompt=short, value="x", key="short"), 400, unreadable),
        (body(prompt=short, value="x", key=12345678), 400, unreadable),
        (body(prompt=short, value="x", key="k" * 65), 400, unreadable),
        (body(prompt=info, value="x"), 400, "Please choose one of the answers shown."),
        (body(prompt=scale, value=11), 400, "Please choose a number from 0 to 10."),
        (body(prompt=single, value="nope"), 400, "Please choose one of the answers shown."),
        (body(prompt=short, value="x" * 201), 400, "Please keep this to 200 characters or fewer."),
    ]


def test_autosave_bad_requests_are_json_4xx(app, client, parent, parent_id, answers_of):
    for body, status, error in json_problems(app):
        response = client.post("/me/answers", data=body, content_type="application/json")
        assert response.status_code == status, body
        assert response.is_json
        assert response.json["error"] == error, body
    assert answers_of(parent_id(client)) == {}


def test_autosave_refuses_other_methods(client, parent):
    response = client.get("/me/answers")
    assert response.status_code == 405


# --- resume, leave, delete -------------------------------------------------------------


def test_resume_code_on_another_tablet_restores_the_answers(
    app, client, new_client, parent, resume_code_of
):
    short_url, short = step_of(app, "short_text")
    scale_url, scale = step_of(app, "scale")
    autosave(client, short.id, "Football")
    autosave(client, scale.id, 8)
    code = resume_code_of(client)
    tablet = new_client()
    assert tablet.get("/me").location == "/join"

    response = tablet.post("/resume", data={"code": code.replace("-", " ").lower()})

    assert response.location == "/me"
    page = tablet.get("/me").text
    assert "Welcome back, Sam. Your answers are here." in page
    assert Fields(tablet.get(short_url).text).shown() == "Football"
    assert Fields(tablet.get(scale_url).text).shown() == "8"


@pytest.mark.parametrize("typed", ["ABCD-EFGH", "nonsense", "2345"])
def test_wrong_resume_code_is_a_404_with_a_message(client, parent, typed):
    response = client.post("/resume", data={"code": typed})
    assert response.status_code == 404
    assert "We could not find that code." in response.text


def test_finish_for_now_signs_out(client, parent, resume_code_of):
    code = resume_code_of(client)
    response = client.post("/me/leave")
    assert response.location == "/"
    assert "You have left this tablet. Your answers are saved." in client.get("/").text
    assert client.get("/me").location == "/join"
    assert client.post("/resume", data={"code": code}).location == "/me"


def test_delete_removes_participant_answers_and_receipts(
    app, client, new_client, parent, parent_id, resume_code_of
):
    pid = parent_id(client)
    code = resume_code_of(client)
    short, scale = step_of(app, "short_text")[1].id, step_of(app, "scale")[1].id
    autosave(client, short, "Football", KEY)
    autosave(client, scale, 3, "another-key-123")
    other_tablet = new_client()
    other_tablet.post("/resume", data={"code": code})
    copied = new_client()
    copied.set_cookie("cgim_session", client.get_cookie("cgim_session").value)
    assert "Delete everything?" in client.get("/me/delete").text

    response = client.post("/me/delete")

    assert response.status_code == 200
    assert "Everything is deleted" in response.text
    with app.app_context():
        assert db.session.get(Parent, pid) is None
        for model in (Answer, SaveReceipt):
            assert (
                db.session.scalar(
                    select(func.count()).select_from(model).where(model.parent_id == pid)
                )
                == 0
            )
    for anyone in (client, other_tablet, copied):
        assert anyone.get("/me").location == "/join"
        assert autosave(anyone, short, "x").location == "/join"
    assert new_client().post("/resume", data={"code": code}).status_code == 404


def test_delete_keeps_other_parents(
    app, client, new_client, join, workshop, parent, parent_id, answers_of
):
    prompt = step_of(app, "short_text")[1].id
    other = join(new_client(), workshop[1], "Kim")
    autosave(other, prompt, "Kim's answer")
    client.post("/me/delete")
    assert answers_of(parent_id(other)) == {prompt: "Kim's answer"}
    assert count(app, Parent) == 1
