"""One source for the eco-map's words: every value labelled once, and every page uses that."""

import re
from pathlib import Path

import pytest

from cgim import paths
from cgim.ecomap import forms, labels
from cgim.ecomap.core import model
from cgim.ecomap.core.labels import SECTOR_NAMES

ROOT = Path(__file__).resolve().parents[2]
VALUES = {
    "sector": set(model.SECTORS),
    "closeness": {1, 2, 3},
    "contact": set(model.CONTACTS),
    "support": set(model.SUPPORTS),
    "support_phrase": set(model.SUPPORTS),
    "child_feels": set(model.CHILD_FEELS),
    "parent_trust": set(model.PARENT_TRUST),
    "fit": set(model.FITS),
    "concerns": set(model.CONCERNS),
    "kind": set(model.TIE_KINDS),
    "flow": set(model.FLOWS),
}
FORM_CHOICES = {
    "sector": forms.SECTORS,
    "closeness": forms.CLOSENESS,
    "contact": forms.CONTACT,
    "support": forms.SUPPORT,
    "child_feels": forms.CHILD_FEELS,
    "parent_trust": forms.PARENT_TRUST,
    "fit": forms.FIT,
    "concerns": forms.CONCERNS,
    "kind": forms.TIE_KINDS,
    "flow": forms.FLOWS,
}
# The document's enum values that are words (closeness is a number).
ENUM_WORDS = sorted({v for values in VALUES.values() for v in values if isinstance(v, str)})


@pytest.mark.parametrize("field", sorted(VALUES))
def test_every_value_of_the_document_has_exactly_one_label(field):
    assert set(labels.LABELS[field]) == VALUES[field]
    assert all(str(label).strip() for label in labels.LABELS[field].values())


@pytest.mark.parametrize("field", sorted(FORM_CHOICES))
def test_the_forms_offer_exactly_those_labels(app, field):
    with app.test_request_context():
        offered = [(c.value, str(c.label)) for c in FORM_CHOICES[field]]
        expected = [(str(v), str(label)) for v, label in labels.LABELS[field].items()]
    assert offered == expected


def test_the_drawing_and_the_web_use_the_same_sector_names(app):
    with app.test_request_context():
        assert {k: str(v) for k, v in labels.SECTOR.items()} == SECTOR_NAMES


def label_sets_outside_labels(files):
    """Files that give two values of one field translated words: a second source of labels."""
    words = "|".join(map(re.escape, ENUM_WORDS))
    pattern = re.compile(rf"""["']({words})["']\s*[:,]\s*_l?\(""")
    found = []
    for f in files:
        labelled = set(pattern.findall(f.read_text()))
        found += [(f.name, field) for field, v in VALUES.items() if len(labelled & v) >= 2]
    return sorted(set(found) - {(f.name, "support_phrase") for f in files})


def test_no_template_or_module_keeps_its_own_labels():
    templates = list(paths.TEMPLATES.rglob("*.html"))
    modules = [f for f in (ROOT / "cgim").rglob("*.py") if f != ROOT / "cgim/ecomap/labels.py"]
    assert label_sets_outside_labels(templates + modules) == []


def test_the_check_finds_a_label_set(tmp_path):
    page = tmp_path / "results.html"
    page.write_text('{% set w = {"informational": _("advice"), "practical": _("help")} %}\n')
    lone = tmp_path / "rules.py"  # one shared id (a safety rule called "gifts") is no label set
    lone.write_text('RULES = (("gifts", _l("Gifts and money")), ("rides", _l("Rides")))\n')
    assert label_sets_outside_labels([page, lone]) == [("results.html", "support")]


def test_the_editor_shows_the_labels(app, parent):
    page = parent.get("/me/ecomap").text
    assert "Services and professionals · Quite close" in page
    assert "Weak or on and off" in page
    for kind in model.TIE_KINDS:  # the key and the chooser: one entry per kind, in its words
        assert page.count(f"map-tie-{kind}") >= 2


def test_the_results_name_the_missing_help_in_the_same_words_as_the_plan(parent):
    page = parent.get("/me/ecomap/results").text
    with parent.application.test_request_context():
        phrases = {k: str(v) for k, v in labels.SUPPORT_PHRASE.items()}
    assert f"Nobody gives {phrases['informational']} yet." in page
    assert f"Nobody gives {phrases['emotional']} yet." not in page
    parent.post("/me/plan/ask", data={"support": "informational", "person_other": "Rosa"})
    plan = parent.get("/me/plan").text
    assert f"Kind of help: {phrases['informational']}" in plan
