"""Every worry's stated effect holds everywhere: analysis, results page, command line and docs.

Each worry is defined once in ``core.worries``; for each, an adult with only that worry (and
every good attribute) is put on a map, and each place must say the worry's effect words
and leave the adult off the suggestions (not suggested) or keep them on it (caution).
"""

import html
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cgim.ecomap.cli import ecomap as ecomap_command
from cgim.ecomap.core import model
from cgim.ecomap.core.analysis import analyse
from cgim.ecomap.core.parse import parse_ecomap
from cgim.ecomap.core.worries import CAUTION, NOT_SUGGESTED, WORRIES, caution_words

DOC = Path(__file__).resolve().parents[2] / "docs" / "ecomap-analysis.md"
ALL = sorted(WORRIES)
NAME = "Alex Worry"


def adult(concern: str) -> dict:
    """An adult with every good attribute and only this one worry."""
    return {
        "id": "alex",
        "label": NAME,
        "sector": "family",
        "closeness": 3,
        "contact": "weekly",
        "support": list(model.SUPPORTS),
        "child_feels": "likes",
        "parent_trust": "high",
        "fit": list(model.FITS),
        "concerns": [concern],
        "professional": False,
    }


def document(concern: str) -> dict:
    """A whole eco-map document with that one adult, close to the child and to the parent."""
    ties = [
        {"a": "child", "b": "alex", "kind": "strong"},
        {"a": "me", "b": "alex", "kind": "moderate"},
    ]
    return {"format": "cgim-ecomap", "version": 1, "people": [adult(concern)], "ties": ties}


def test_every_worry_has_one_of_the_two_effects_and_every_concern_is_a_worry():
    assert set(WORRIES) == set(model.CONCERNS)
    assert {w.effect for w in WORRIES.values()} == {NOT_SUGGESTED, CAUTION}
    assert set(model.SERIOUS_CONCERNS) | set(model.LESSER_CONCERNS) == set(WORRIES)
    assert not set(model.SERIOUS_CONCERNS) & set(model.LESSER_CONCERNS)


@pytest.mark.parametrize("concern", ALL)
def test_the_analysis_says_the_effect_and_does_it(concern):
    worry = WORRIES[concern]
    result = analyse(parse_ecomap(document(concern)))
    if worry.serious:
        assert [c.id for c in result.candidates] == []
        (left_out,) = result.not_suggested
        assert left_out.reasons == (
            f"You noted a worry: they {worry.noticed}",
            worry.effect_words,
            f"What you could do now: {worry.first_step}",
        )
        assert "alex" not in json.dumps([i.to_dict() for i in result.introducers])
    else:
        assert result.not_suggested == ()
        (kept,) = result.candidates
        assert kept.cautions == (caution_words(concern),)
        assert worry.effect_words in kept.cautions[0] and worry.first_step in kept.cautions[0]


@pytest.mark.parametrize("concern", ALL)
def test_the_command_line_says_the_effect_under_the_right_heading(concern, tmp_path):
    worry = WORRIES[concern]
    path = tmp_path / "map.json"
    path.write_text(json.dumps(document(concern)), encoding="utf-8")
    result = CliRunner().invoke(ecomap_command, ["analyze", str(path)])
    assert result.exit_code == 0, result.output
    suggested, _sep, left_out = result.stdout.partition("\nNot suggested:")
    assert worry.effect_words in result.stdout
    assert (NAME in left_out, NAME in suggested) == (worry.serious, not worry.serious)
    assert "score" not in result.stdout


@pytest.mark.parametrize("concern", ALL)
def test_the_results_page_says_the_effect_and_lists_the_adult_accordingly(
    concern, make_user, make_workshop, join, new_client
):
    worry = WORRIES[concern]
    user_id, _org = make_user()
    _workshop_id, code = make_workshop(user_id)
    parent = join(new_client(), code)
    version = parent.get("/me/ecomap/document").json["version"]
    saved = parent.put(
        "/me/ecomap/document", json={"version": version, "document": document(concern)}
    )
    assert saved.status_code == 200, saved.text
    page = html.unescape(parent.get("/me/ecomap/results").text)
    suggested, _sep, left_out = page.split("People who could be a good fit</h1>")[1].partition(
        "Not on the list for now"
    )
    assert (NAME in left_out, NAME in suggested) == (worry.serious, not worry.serious)
    shown = left_out if worry.serious else suggested
    assert worry.effect_words in shown
    assert (worry.first_step in shown) if worry.serious else (caution_words(concern) in shown)


def doc_table() -> dict[str, tuple[str, str]]:
    """The worries table of docs/ecomap-analysis.md: id -> (effect, effect words)."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## What each worry does", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z_]+)` \| ([^|]+) \| ([^|]+) \|", section, flags=re.M)
    assert len(rows) == len({r[0] for r in rows}), "a worry is listed twice"
    return {worry: (effect.strip(), words.strip()) for worry, effect, words in rows}


def test_the_docs_table_lists_exactly_every_worry_with_its_effect_words():
    effect_name = {NOT_SUGGESTED: "not suggested", CAUTION: "caution"}
    expected = {w.id: (effect_name[w.effect], w.effect_words) for w in WORRIES.values()}
    assert doc_table() == expected
