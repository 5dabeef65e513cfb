"""The take-home plan holds only the parent's words: no raw codes, initials everywhere, and a
PDF map whose names can be seen (WeasyPrint painted a white halo over them)."""

import html
import io
import os
import re
import shutil
import subprocess

import pytest
from PIL import Image
from pypdf import PdfReader

from .helpers import SAM, answer, post_drawn, put_people

POPPLER = shutil.which("pdftoppm") and shutil.which("pdftotext")
needs_poppler = pytest.mark.skipif(
    not POPPLER and not os.environ.get("CI"), reason="poppler-utils (pdftoppm) not installed"
)


@pytest.fixture
def kim(make_user, make_workshop, join, new_client):
    """A parent in a workshop."""
    user_id, _org = make_user("admin")
    _workshop_id, code = make_workshop(user_id)
    return join(new_client(), code, "Kim")


def pdf_text(data: bytes) -> str:
    """The text of a PDF."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_a_choice_answer_never_shows_as_the_parents_own_words(kim):
    # "What kind of help might your child need?" is a choice tagged as change talk.
    answer(kim, "find-support-need", "practical")
    answer(kim, "why-good-things", ["role_model"])
    answer(kim, "safe-already-do", "I want Maya to have more people")
    for url in ("/me/own-words", "/me/plan"):
        page = kim.get(url).text
        assert "“I want Maya to have more people”" in page  # typed words are quoted
        assert "“practical”" not in page and "practical</" not in page
        assert "role_model" not in page
    text = pdf_text(kim.get("/me/plan.pdf").data)
    assert "I want Maya to have more people" in text
    assert "practical" not in text and "role_model" not in text


def test_initials_only_hides_every_adults_name_on_the_plan_and_the_pdf(kim):
    put_people(kim, SAM)
    post_drawn(kim, "/me/plan/ask", {"person": "coach-sam", "what": "come to football"})
    post_drawn(kim, "/me/plan/safety/coach-sam", {"drop_ins": "Fridays"})
    kim.post(
        "/me/plan/follow-up",
        data={"person": "Coach Sam", "asked": "asked", "response": "maybe"},
    )
    kim.get("/me")  # shows (and so clears) the saved messages, which name Sam
    full = kim.get("/me/plan").text
    assert "Coach Sam" in full and "Hi Coach Sam," in full

    page = kim.get("/me/plan?initials=1").text
    assert "Sam" not in page
    assert "<td>CS</td>" in page  # the shortlist
    assert "Hi CS," in page  # the ask script
    assert "<h3>CS</h3>" in page  # the safety plans
    assert re.search(r"\d{4}-\d\d-\d\d: CS, asked", page)  # the follow-ups
    text = pdf_text(kim.get("/me/plan.pdf?initials=1").data)
    assert "Sam" not in text and "Hi CS," in text


def test_the_plan_says_how_in_the_forms_words_and_shows_ticked_family_rules(app, kim):
    put_people(kim, SAM)
    post_drawn(kim, "/me/plan/ask", {"person": "coach-sam", "channel": "phone"})
    post_drawn(kim, "/me/plan/safety/coach-sam", {"rules": ["gifts", "rides"]})
    rules = app.extensions["cgim_content"].language("en").steps["safe-family-rules"]
    page = kim.get("/me/plan").text
    assert "How: On the phone" in page  # the ask form's label, not a second copy of it
    for option in rules.options:
        assert (f"<li>{option.label}</li>" in page) == (option.id in ("gifts", "rides"))


def test_the_plan_and_pdf_say_what_to_do_if_a_child_tells_from_content(app, kim):
    tells = app.extensions["cgim_content"].language("en").steps["safe-if-child-tells"]
    page = html.unescape(kim.get("/me/plan").text)
    text = " ".join(pdf_text(kim.get("/me/plan.pdf").data).split())
    for words in (tells.title, *tells.paragraphs, *tells.points):
        assert words in page
        assert " ".join(words.split()[:5]) in text


def ink_share(image: Image.Image, box: tuple[float, float, float, float]) -> float:
    """The share of pixels in a box (PDF points) darker than light grey, at 50 dpi."""
    x0, y0, x1, y1 = (round(v * 50 / 72) for v in box)
    crop = image.crop((x0, y0, max(x1, x0 + 1), max(y1, y0 + 1)))
    histogram = crop.histogram()
    return sum(histogram[:200]) / max(1, sum(histogram))


def word_boxes(pdf, word: str) -> list[tuple[int, tuple[float, ...]]]:
    """(page, box in points) of every place pdftotext finds a word."""
    found = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    boxes = []
    for number, page in enumerate(found.split("<page ")[1:], start=1):
        for match in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', page
        ):
            if match.group(5) == word:
                boxes.append((number, tuple(float(v) for v in match.groups()[:4])))
    return boxes


@needs_poppler
def test_the_pdf_map_shows_its_names_in_ink(kim, tmp_path):
    put_people(kim, {**SAM, "id": "zeb", "label": "Zebulon Quixote", "concerns": ["violence"]})
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(kim.get("/me/plan.pdf").data)
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(tmp_path / "page")], check=True)
    pages = {}
    for png in tmp_path.glob("page-*.png"):
        with Image.open(png) as image:
            pages[int(png.stem.rsplit("-", 1)[1])] = image.convert("L")
    # Not suggested (a serious worry), so the name is written only on the map's drawing.
    boxes = word_boxes(pdf, "Zebulon") + word_boxes(pdf, "Quixote")
    assert len(boxes) == 2, boxes
    for number, box in boxes:
        share = ink_share(pages[number], box)
        assert share > 0.2, f"the label at {box} on page {number} has almost no ink ({share:.2f})"
