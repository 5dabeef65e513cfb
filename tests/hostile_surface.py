"""Finding the app's surface: every rule in url_map, the forms and links on its pages, the JSON
endpoints and the query-string arguments its views read (from their source), so the barrage
follows the app as it grows instead of a hand-kept list."""

import inspect
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

PACKAGE = Path(__file__).resolve().parent.parent / "cgim"
PLACEHOLDER = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")
READS_JSON = re.compile(r"get_json|json_body|read_json|request\.json\b")
ARG = re.compile(r"request\.args\.get\(\s*[\"']([^\"']+)[\"']")
FORM_NAME = re.compile(r"request\.form\.get\(\s*[\"']([^\"']+)[\"']")
JSON_KEY = re.compile(r"data(?:\.get\(|\[)\s*[\"']([a-z_]+)[\"']")


@dataclass
class Field:
    """One control of a form as drawn: its name, kind, drawn value and offered options."""

    name: str
    kind: str
    value: str = ""
    options: list[str] = field(default_factory=list)
    checked: bool = False


@dataclass
class Form:
    """A form on a page: where it goes and what a browser would send."""

    action: str
    method: str
    enctype: str
    fields: list[Field] = field(default_factory=list)

    def drawn(self) -> list[tuple[str, str]]:
        """The (name, value) pairs a browser submits untouched (first option of a choice)."""
        pairs = []
        for f in self.fields:
            if f.kind in ("checkbox", "radio"):
                if f.checked:
                    pairs.append((f.name, f.value or "on"))
            elif f.kind == "select":
                pairs.append((f.name, f.value or (f.options[0] if f.options else "")))
            elif f.kind not in ("file", "submit", "button", "image", "reset"):
                pairs.append((f.name, f.value))
        return pairs


class Page(HTMLParser):
    """Forms, links and data-* attributes of one HTML page."""

    def __init__(self, url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.url = url
        self.forms: list[Form] = []
        self.links: set[str] = set()
        self.data: dict[str, set[str]] = {}
        self._form: Form | None = None
        self._select: Field | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        for name, value in a.items():
            if name.startswith("data-"):
                self.data.setdefault(name[5:], set()).add(value)
            if name in ("href", "src", "action", "formaction") or name.startswith("data-"):
                self.link(value)
        if tag == "form":
            action = urljoin(self.url, a.get("action") or self.url)
            method = (a.get("method") or "get").upper()
            self._form = Form(action, method, a.get("enctype", ""))
            self.forms.append(self._form)
        elif self._form is not None and "name" in a:
            self.control(tag, a)
        elif tag == "option" and self._select is not None:
            self.option(a)

    def control(self, tag, a):
        """An input, select, textarea or named button inside the current form."""
        kind = a.get("type", "text").lower() if tag == "input" else tag
        if tag == "button":
            kind = "submit-value"
        f = Field(a["name"], kind, a.get("value", ""), checked="checked" in a)
        if kind in ("checkbox", "radio"):
            f.options = [a.get("value", "on")]
        self._form.fields.append(f)
        self._select = f if tag == "select" else None
        self._textarea = f if tag == "textarea" else None

    def option(self, a):
        value = a.get("value", "")
        self._select.options.append(value)
        if "selected" in a:
            self._select.value = value

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def link(self, value: str) -> None:
        """Keep same-site paths (not static files or other sites)."""
        if not value.startswith("/") or value.startswith("//"):
            return
        path = urlsplit(value)
        if not path.path.startswith("/static/") and "{" not in value:
            self.links.add(value.split("#")[0])


def parse(url: str, html: str) -> Page:
    """The parsed page."""
    page = Page(url)
    page.feed(html)
    page.close()
    return page


@dataclass(frozen=True)
class Rule:
    """One url_map rule with one method, and what its view reads."""

    rule: str
    method: str
    endpoint: str
    reads_json: bool
    converters: tuple[tuple[str, str], ...]  # (name, converter) of each placeholder


def view_source(app, endpoint: str) -> str:
    """The source of a view function (what it reads: JSON, form names, query arguments)."""
    view = inspect.unwrap(app.view_functions[endpoint])
    try:
        return inspect.getsource(view)
    except (OSError, TypeError):
        return ""


def rules(app) -> list[Rule]:
    """Every rule and method the app answers, but static files."""
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        source = view_source(app, rule.endpoint)
        placeholders = tuple((n, c or "default") for c, n in PLACEHOLDER.findall(rule.rule))
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            reads = method in ("POST", "PUT", "PATCH") and bool(READS_JSON.search(source))
            found.append(Rule(rule.rule, method, rule.endpoint, reads, placeholders))
    return sorted(found, key=lambda r: (r.rule, r.method))


def package_names(pattern: re.Pattern) -> list[str]:
    """Every name a pattern finds in the package's source (query args, form names)."""
    names: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        if "migrations" not in path.parts:
            names.update(pattern.findall(path.read_text()))
    return sorted(names)


def json_keys(app, endpoint: str) -> list[str]:
    """The keys a JSON view reads from its body."""
    return sorted(set(JSON_KEY.findall(view_source(app, endpoint))))


def fill(rule: Rule, values: dict[str, str]) -> str:
    """The rule's path with each placeholder replaced by its value."""

    def one(match: re.Match) -> str:
        return values[match.group(2)]

    return PLACEHOLDER.sub(one, rule.rule)


def match(app, path: str, method: str = "GET"):
    """(Rule text, arguments) of a path, or None."""
    adapter = app.url_map.bind("localhost")
    try:
        rule, args = adapter.match(urlsplit(path).path, method, return_rule=True)
    except Exception:  # 404, 405 or a redirect: not a rule we can fill
        return None
    return rule.rule, {k: str(v) for k, v in args.items()}
