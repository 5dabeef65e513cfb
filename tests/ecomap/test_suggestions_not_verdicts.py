"""Suggestions, not verdicts: no page shows a score, and every list says what the app cannot know.

Nobody can clear an adult (domain.md 4): the results page, the take-home plan, its PDF and
the staff record show reasons and cautions in words, never a number out of 100 or a rank.
The score still orders the candidates and stays in the JSON contract (design.md 4.3).
"""

import functools
import html
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from werkzeug.security import generate_password_hash

from cgim.auth import models as auth_models
from cgim.ecomap.core import model
from cgim.ecomap.core.analysis import analyse
from cgim.ecomap.core.parse import parse_ecomap
from cgim.ecomap.core.wording import SAY
from cgim.ecomap.core.worries import caution_words

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
CANNOT_KNOW = "No app can know whether someone is safe"
LIKE = {"sector": "family", "child_feels": "likes", "parent_trust": "high"}
# In map order Lee, Joe, Rosa; by score Rosa, Joe, Lee (Lee's gifts caution cuts his).
PEOPLE = [
    {"id": "lee", "label": "Mr Lee", "closeness": 2, "contact": "weekly", **LIKE},
    {"id": "joe", "label": "Grandpa Joe", "closeness": 2, "contact": "monthly", **LIKE},
    {"id": "rosa", "label": "Aunt Rosa", "closeness": 3, "contact": "weekly", **LIKE},
]
PEOPLE[0] |= {"concerns": ["gifts"], "support": ["practical"]}
PEOPLE[2] |= {"support": list(model.SUPPORTS), "fit": list(model.FITS)}
ORDER = ["Aunt Rosa", "Grandpa Joe", "Mr Lee"]
DOCUMENT = {
    "format": "cgim-ecomap",
    "version": 1,
    "child": {"id": "child", "label": "Maya"},
    "people": PEOPLE,
    "ties": [{"a": "child", "b": p["id"], "kind": "strong"} for p in PEOPLE],
}


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch):
    """Staff passwords hash in one round here; hashing itself is tested in tests/auth."""
    quick = functools.partial(generate_password_hash, method="pbkdf2:sha256:1")
    monkeypatch.setattr(auth_models, "generate_password_hash", quick)


@pytest.fixture
def family(make_user, make_workshop, login, join, new_client, parent_id):
    """(parent client, staff client, record address): the parent's map holds three candidates."""
    user_id, _org = make_user()
    workshop_id, code = make_workshop(user_id)
    parent = join(new_client(), code, "Kim")
    version = parent.get("/me/ecomap/document").json["version"]
    saved = parent.put("/me/ecomap/document", json={"version": version, "document": DOCUMENT})
    assert saved.status_code == 200, saved.text
    return parent, login(new_client(), user_id), f"/workshops/{workshop_id}/parents/"


def words(page: str) -> str:
    """What a reader sees: tags out, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def between(text: str, start: str, end: str) -> str:
    """The part of a text from one heading to the next (which must both be there)."""
    assert start in text and end in text.split(start, 1)[1], (start, end)
    return text.split(start, 1)[1].split(end, 1)[0]


def assert_no_score(part: str) -> None:
    """No number out of 100, no score, no rank: the suggestions part holds no digit at all."""
    assert "out of 100" not in part and "score" not in part.casefold()
    assert not re.search(r"\d", part), part


def test_the_sample_map_has_candidates_in_score_order_with_a_caution():
    candidates = analyse(parse_ecomap(DOCUMENT)).candidates
    assert [c.label for c in candidates] == ORDER
    assert [c.score for c in candidates] == sorted((c.score for c in candidates), reverse=True)
    assert candidates[2].cautions == (caution_words("gifts"),)


def test_the_results_page_shows_words_in_score_order_and_no_score(family):
    parent, _staff, _url = family
    text = words(parent.get("/me/ecomap/results").text)
    part = between(text, "People who could be a good fit", "Your child's circle")
    assert_no_score(part)
    assert SAY["cannot_know"] in part
    assert sorted(ORDER, key=part.index) == ORDER
    assert caution_words("gifts") in part and "They already listen to your child" in part


def test_the_plan_and_its_pdf_show_the_caution_and_no_score(family):
    parent, _staff, _url = family
    page = words(parent.get("/me/plan").text)
    pdf = parent.get("/me/plan.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF-")
    printed = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages).split()
    )
    for text in (page, printed):
        part = between(text, "People I might ask", "My first ask")
        assert_no_score(part)
        assert SAY["cannot_know"] in part and sorted(ORDER, key=part.index) == ORDER
        assert caution_words("gifts") in part


def test_the_staff_record_shows_words_and_no_score(family, parent_id):
    parent, staff, url = family
    version = parent.get("/me/ecomap/document").json["version"]
    shared = parent.post("/me/ecomap/share", data={"version": version, "share": "yes"})
    assert shared.status_code == 302
    text = words(staff.get(f"{url}{parent_id(parent)}/").text)
    part = between(text, "Could be a good fit", "Download:")
    assert_no_score(part)
    assert CANNOT_KNOW in part and caution_words("gifts") in part
    assert sorted(ORDER, key=part.index) == ORDER


def test_no_template_shows_a_score_or_a_number_out_of_100():
    for template in TEMPLATES.rglob("*.html"):
        source = template.read_text(encoding="utf-8")
        assert "out of 100" not in source, template
        assert not re.search(r"\bscore\b", source), template
