"""Scripts spell no URL: every one comes from the page, built with url_for."""

import html
import re

from cgim import paths

# A quoted or template string starting with /me, or a regular expression matching it.
SPELLED = re.compile(r"""["'`]/me\b|\\/me\b""")


def spelled_urls(files):
    """Lines of scripts that spell a /me URL themselves."""
    return [
        f"{f.name}:{n}: {line.strip()}"
        for f in files
        for n, line in enumerate(f.read_text().splitlines(), 1)
        if SPELLED.search(line)
    ]


def test_no_script_spells_a_parent_url():
    scripts = sorted((paths.STATIC / "js").rglob("*.js"))
    assert scripts
    assert spelled_urls(scripts) == []


def test_the_check_finds_spelled_urls(tmp_path):
    script = tmp_path / "old.js"
    script.write_text('leave("/me/plan");\nconst t = `/me/${m}`;\nx.match(/^\\/me\\/(\\w+)$/);\n')
    assert len(spelled_urls([script])) == 3


def body_data(page: str) -> dict[str, str]:
    """The data attributes of the page's body."""
    body = re.search(r"<body[^>]*>", page).group(0)
    return {k: html.unescape(v) for k, v in re.findall(r'data-([\w-]+)="([^"]*)"', body)}


def test_a_parents_pages_carry_the_urls_their_scripts_need(app, make_user, make_workshop, join):
    user_id, _org = make_user()
    _workshop_id, code = make_workshop(user_id)
    parent = join(app.test_client(), code)
    data = body_data(parent.get("/me").text)
    with app.test_request_context():
        from flask import url_for

        assert data["plan"] == url_for("plan.page")
        assert data["autosave"] == url_for("parent.autosave")
        assert data["room-state"] == url_for("live.tablet")
        step = data["step"].replace("{module_id}", "welcome").replace("{number}", "3")
        assert step == url_for("parent.step", module_id="welcome", number=3)
    screen = parent.get(step).text
    assert 'data-module="welcome" data-number="3"' in screen
