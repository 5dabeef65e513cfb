"""Helpers for the plan's request tests: adults on the map, answers, forms posted as drawn.

A browser submits every field of a form as the page drew it (hidden state included), then
what the parent typed; `post_drawn` does the same, so two "tablets" behave like real ones.
"""

from html.parser import HTMLParser

SAM = {
    "id": "coach-sam",
    "label": "Coach Sam",
    "sector": "activities",
    "closeness": 3,
    "contact": "weekly",
    "support": ["emotional", "companionship"],
    "child_feels": "likes",
    "parent_trust": "high",
    "fit": ["reliable", "shares_interests"],
    "concerns": [],
}


def change_map(client, change) -> None:
    """Change the map as the drawing editor does (the whole document, on its version)."""
    got = client.get("/me/ecomap/document").json
    document = got["document"]
    change(document)
    response = client.put(
        "/me/ecomap/document", json={"version": got["version"], "document": document}
    )
    assert response.status_code == 200, response.get_json()


def put_people(client, *people) -> None:
    """Put adults on the map as the drawing editor does."""
    change_map(client, lambda document: document["people"].extend(dict(p) for p in people))


def answer(client, prompt: str, value) -> None:
    """Answer a workshop question as autosave does."""
    response = client.post("/me/answers", json={"prompt": prompt, "value": value})
    assert response.status_code == 200, response.get_json()


class FormFields(HTMLParser):
    """The values a browser would submit for the first POST form on a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fields: dict[str, list[str]] = {}
        self.depth = 0  # inside the first post form when > 0
        self.done = False
        self.textarea: str | None = None
        self.select: str | None = None

    def add(self, name: str | None, value: str) -> None:
        if name:
            self.fields.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self.done and (a.get("method") or "").lower() == "post":
            self.depth = 1
            return
        if not self.depth:
            return
        kind = (a.get("type") or "text").lower()
        if tag == "input" and kind in ("checkbox", "radio"):
            if "checked" in a:
                self.add(a.get("name"), a.get("value") or "on")
        elif tag == "input" and kind not in ("submit", "button", "file"):
            self.add(a.get("name"), a.get("value") or "")
        elif tag == "textarea":
            self.textarea = a.get("name")
            self.add(self.textarea, "")
        elif tag == "select":
            self.select = a.get("name")
            self.fields.setdefault(self.select or "", [])
        elif tag == "option" and self.select and "selected" in a:
            self.add(self.select, a.get("value") or "")

    def handle_data(self, data):
        if self.depth and self.textarea:
            self.fields[self.textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form" and self.depth:
            self.depth, self.done = 0, True


def form_fields(page: str) -> dict[str, list[str]]:
    """Every field of the page's first POST form with the values it shows."""
    parser = FormFields()
    parser.feed(page)
    for name, values in parser.fields.items():  # a textarea's first newline is not its text
        parser.fields[name] = [v.removeprefix("\r").removeprefix("\n") for v in values]
    return parser.fields


def hidden_fields(page: str) -> dict[str, str]:
    """The form's hidden state: the fingerprint it was drawn from and the map version."""
    fields = form_fields(page)
    return {name: fields[name][0] for name in ("drawn", "version") if fields.get(name)}


def post_drawn(client, url: str, changes: dict, page: str | None = None):
    """Submit the form on `page` (or freshly opened at url) with `changes` typed or ticked."""
    page = page if page is not None else client.get(url).text
    data = {name: values for name, values in form_fields(page).items() if values}
    for name, value in changes.items():
        data[name] = value
    return client.post(url, data=data)


def store_rows(app, nickname: str, rows: dict) -> None:
    """Write plan rows straight into the database, as an earlier version left them."""
    from sqlalchemy import select

    from cgim.extensions import db
    from cgim.parent.models import Answer, Parent

    with app.app_context():
        parent_id = db.session.scalar(select(Parent.id).where(Parent.nickname == nickname))
        db.session.add_all(
            Answer(parent_id=parent_id, prompt_id=k, value=v) for k, v in rows.items()
        )
        db.session.commit()
