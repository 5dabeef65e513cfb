"""What the barrage aims at, and the hostile request it sends at each: pages with odd query
strings and path parts, forms with one field (or all) turned hostile, JSON of every wrong shape."""

import json
import random
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode, urlsplit

from . import hostile_values as hv
from .hostile_runner import Request
from .hostile_surface import ARG, FORM_NAME, PLACEHOLDER, Form, Rule, package_names, view_source

QUERY_ARGS = package_names(ARG)
NUMERIC = [n for n in hv.NUMBERS if n.isdigit()] + ["0", "00001", "-1", "1.0", " 1"]
HEADER_VALUES = ["", " ", "\t", "x" * 8_000, "*/*;q=NaN", "\xff\xfe", "en;q=1e999", 'W/""', ",,,"]
TYPED_KINDS = (
    "text",
    "textarea",
    "search",
    "email",
    "number",
    "date",
    "select",
    "radio",
    "checkbox",
    "tel",
    "url",
    "password",
)
HEADERS = ["Accept-Language", "Accept", "If-None-Match", "X-Forwarded-For", "Referer", "Origin"]


@dataclass
class Target:
    """One thing to aim at in one state."""

    state: str
    kind: str  # page, form, json or rule
    rule: Rule
    path: str
    args: dict[str, str] = field(default_factory=dict)
    form: Form | None = None
    source: str | None = None  # the page a form came from, opened again for fresh hidden values
    baseline: dict | None = None
    weight: int = 1


def hostile_headers(rng: random.Random) -> dict[str, str]:
    """Now and then, odd headers (latin-1 only: a header cannot carry more)."""
    if rng.random() > 0.1:
        return {}
    return {hv.one_of(rng, HEADERS): hv.one_of(rng, HEADER_VALUES)}


def path_with(rng: random.Random, target: Target) -> tuple[str, str]:
    """The target's path with one placeholder made hostile (or the path as it is)."""
    if not target.rule.converters:
        return target.path, ""
    name, converter = hv.one_of(rng, list(target.rule.converters))
    if converter in ("int", "id"):
        bad = hv.one_of(rng, NUMERIC).strip()
    elif rng.random() < 0.2:
        bad = hv.invalid_utf8(rng)
    else:
        bad = quote(hv.text(rng)[:5_000], safe="")
    values = {**target.args, name: bad}
    path = PLACEHOLDER.sub(lambda m: values.get(m.group(2), "1"), target.rule.rule)
    query = urlsplit(target.path).query
    return path + (f"?{query}" if query else ""), f"path {name}"


def page_request(rng: random.Random, target: Target) -> Request:
    """A GET with a hostile query string or path part."""
    move = rng.randrange(10)
    base = target.path.split("?")[0]
    if move < 4:
        names = rng.sample(QUERY_ARGS, k=min(len(QUERY_ARGS), rng.randrange(1, 4)))
        if rng.random() < 0.2:
            names.append(hv.text(rng)[:100] or "x")
        query = urlencode([(n, hv.text(rng)) for n in names])
        path, why = f"{base}?{query}", f"query {names}"
    elif move == 4:
        arg = hv.one_of(rng, QUERY_ARGS)
        path, why = f"{base}?{arg}={hv.invalid_utf8(rng)}", f"query {arg} not UTF-8"
    elif move in (5, 6):
        path, why = path_with(rng, target)
    elif move == 7:
        arg = hv.one_of(rng, QUERY_ARGS)
        path, why = f"{base}?{urlencode([(arg, '1'), (arg, hv.text(rng)), (arg, '')])}", "dup"
    else:
        path, why = target.path, "as drawn"
    return Request(target.state, "GET", path, headers=hostile_headers(rng), why=why)


def form_request(rng: random.Random, target: Target, form: Form, document: dict) -> Request:
    """The form as drawn with something hostile in it."""
    pairs = form.drawn()
    names = sorted({f.name for f in form.fields} | {n for n, _ in pairs}) or ["x"]
    typed = sorted({f.name for f in form.fields if f.kind in TYPED_KINDS})
    move = rng.randrange(11)
    name = hv.one_of(rng, typed if typed and rng.random() < 0.6 else names)
    why, body = f"{name}", None
    if move < 4:
        pairs = [(n, v) for n, v in pairs if n != name] + [(name, hv.text(rng))]
    elif move == 4:
        family = hv.one_of(rng, hv.FAMILIES)
        pairs, why = [(n, hv.text(rng, family=family)) for n, _ in pairs], f"every field: {family}"
    elif move == 5:
        pairs, why = ([] if rng.random() < 0.3 else [p for p in pairs if p[0] != name]), "missing"
    elif move == 6:
        pairs = [*pairs, (name, hv.text(rng)), (name, hv.text(rng))]
        why = f"{name} twice"
    elif move == 7:
        pairs, why = [*pairs, (hv.text(rng)[:200] or "x", hv.text(rng))], "unknown field"
    elif move == 8:
        encoded = urlencode([p for p in pairs if p[0] != name])
        body = f"{encoded}&{quote(name)}={hv.invalid_utf8(rng)}".lstrip("&").encode()
        why = f"{name} not UTF-8"
    elif move == 9:
        odd = hv.one_of(rng, [" ", "\t\n", "", "none", "-1", "0", "999", "__proto__", "yes"])
        pairs = [(n, v) for n, v in pairs if n != name] + [(name, odd)] * rng.choice((1, 2, 300))
        why = f"choice {name}"
    else:
        return json_request(rng, target, {n: v for n, v in pairs})
    files = {}
    for f in form.fields:
        if f.kind == "file":
            files[f.name] = hv.upload(rng) if rng.random() < 0.6 else upload_of(rng, document)
    if body is not None and not files:
        return Request(
            target.state,
            form.method,
            urlsplit(form.action).path,
            body=body,
            content_type="application/x-www-form-urlencoded",
            why=why,
        )
    request = Request(
        target.state,
        form.method,
        urlsplit(form.action).path,
        form=pairs,
        files=files,
        headers=hostile_headers(rng),
        why=why,
    )
    if form.method == "GET":
        request.path = f"{request.path}?{urlencode(pairs)}"
        request.form = None
    return request


def upload_of(rng: random.Random, document: dict) -> tuple[bytes, str]:
    """The real map as a file, with something in it made hostile."""
    changed = deep_mutate(rng, document)
    return hv.dumps(changed), hv.one_of(rng, ["map.json", "map.JSON", "m"])


def paths_in(value, path=(), found=None, limit=400) -> list[tuple]:
    """Every place in a JSON value (as a key path), up to a limit."""
    found = [] if found is None else found
    if len(found) >= limit:
        return found
    found.append(path)
    if isinstance(value, dict):
        for key, inner in value.items():
            paths_in(inner, (*path, key), found, limit)
    elif isinstance(value, list):
        for index, inner in enumerate(value[:50]):
            paths_in(inner, (*path, index), found, limit)
    return found


def value_at(body, path):
    """The value at a key path."""
    for step in path:
        body = body[step]
    return body


def deep_mutate(rng: random.Random, body):
    """One change anywhere in a JSON value: replaced, taken out, an unknown key, doubled."""
    body = json.loads(json.dumps(body))
    places = paths_in(body)
    words = [p for p in places if p and isinstance(value_at(body, p), str)]
    if words and rng.random() < 0.4:  # the text a person types (labels, roles) is stored
        path = hv.one_of(rng, words)
        parent = value_at(body, path[:-1])
        parent[path[-1]] = hv.text(rng, surrogates=True)
        return body
    path = hv.one_of(rng, places)
    if not path:
        return hv.json_value(rng) if rng.random() < 0.5 else hv.mutate_json(rng, body)
    parent = body
    for step in path[:-1]:
        parent = parent[step]
    last, move = path[-1], rng.randrange(6)
    if move == 0 and isinstance(parent, dict):
        del parent[last]
    elif move == 0:
        parent.pop(last)
    elif move == 1 and isinstance(parent, dict):
        parent[hv.text(rng, True)[:60]] = hv.json_value(rng)
    elif move == 2 and isinstance(parent, list):
        parent.extend([parent[last]] * rng.choice((1, 2, 1_000)))
    elif move == 3:
        parent[last] = hv.text(rng, surrogates=True)
    else:
        parent[last] = hv.json_value(rng)
    return body


def json_request(rng: random.Random, target: Target, baseline) -> Request:
    """JSON of a wrong shape: one value changed, not an object, too deep, not JSON at all."""
    method = target.rule.method if target.rule.method != "GET" else "POST"
    path = urlsplit(target.path).path
    move = rng.randrange(10)
    if move < 6:
        body, why = hv.dumps(deep_mutate(rng, baseline)), "one value"
    elif move == 6:
        body, why = hv.dumps(hv.json_value(rng)), "not an object"
    elif move == 7:
        body, why = hv.raw_json_body(rng), "raw body"
    elif move == 8:
        body, why = hv.dumps(baseline), "as drawn"
    else:
        form = [(str(k), hv.text(rng)) for k in (baseline or {"x": 1})]
        return Request(target.state, method, path, form=form, why="form, not JSON")
    kind = "application/json" if rng.random() < 0.9 else "application/json; charset=latin-1"
    return Request(target.state, method, path, body=body, content_type=kind, why=why)


def rule_request(rng: random.Random, target: Target) -> Request:
    """A POST no page draws a form for here: the names its view reads, made hostile."""
    names = FORM_NAME.findall(view_source_of(target)) or ["x"]
    pairs = [(n, hv.text(rng)) for n in names if rng.random() < 0.8]
    path, why = path_with(rng, target) if rng.random() < 0.3 else (target.path, "fields")
    return Request(target.state, target.rule.method, path, form=pairs, why=why)


SOURCES: dict[str, str] = {}


def view_source_of(target: Target) -> str:
    return SOURCES.get(target.rule.endpoint, "")


def remember_sources(app) -> None:
    """Keep each view's source, for the form names it reads."""
    for endpoint in app.view_functions:
        SOURCES[endpoint] = view_source(app, endpoint)
