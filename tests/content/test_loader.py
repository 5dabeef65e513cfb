"""Content loading and validation: every problem named with its file and field."""

import shutil
import textwrap
from pathlib import Path

import pytest

from cgim.content.answers import AnswerProblem, clean_answer
from cgim.content.library import load_library
from cgim.content.loader import ContentError
from cgim.content.model import FOLLOW_UP, STEP_KINDS
from cgim.paths import CONTENT

MODULE = """\
id: sample
title: A sample
summary: For tests.
oars:
  open: [What brings you here?]
  affirm: [You came tonight.]
  reflect: [You want this and you worry too.]
  summarise: [So far we heard this.]
steps:
  - id: sample-read
    kind: info
    title: Read this
    text: Hello.
  - id: sample-pick
    kind: single_choice
    title: Pick
    question: Which one?
    options:
      - {id: one, label: One}
      - {id: two, label: Two}
"""
FORMATS = """\
formats:
  - id: short
    title: Short
    description: Short one.
    sessions:
      - title: Only session
        parts:
          - {module: sample, minutes: 10}
"""


def write_content(root: Path, module: str = MODULE, formats: str = FORMATS, lang="en") -> Path:
    """A minimal content folder with one module and one format."""
    (root / lang / "modules").mkdir(parents=True, exist_ok=True)
    (root / lang / "modules" / "sample.yaml").write_text(textwrap.dedent(module))
    (root / lang / "formats.yaml").write_text(textwrap.dedent(formats))
    return root


def problems_for(root: Path) -> list[str]:
    """The problems load_library reports."""
    with pytest.raises(ContentError) as caught:
        load_library(root)
    return caught.value.problems


def test_shipped_content_is_valid_and_uses_every_kind():
    library = load_library(CONTENT)
    english = library.language("en")
    kinds = {s.kind for s in english.steps.values()}
    assert kinds == {*STEP_KINDS, FOLLOW_UP}
    assert {"making_connections", "full_cgim"} <= set(english.formats)


def test_making_connections_is_about_two_hours_with_the_six_parts():
    fmt = load_library(CONTENT).language("en").formats["making_connections"]
    assert 100 <= fmt.minutes <= 140
    assert fmt.module_ids == (
        "welcome",
        "why_caring_adults",
        "keeping_safe",
        "finding_adults",
        "asking_for_help",
        "my_plan",
    )
    assert len(load_library(CONTENT).language("en").formats["full_cgim"].sessions) > 1


def test_minimal_content_loads(tmp_path):
    library = load_library(write_content(tmp_path))
    step = library.language("en").steps["sample-pick"]
    assert step.option_ids == ("one", "two")


def test_bad_yaml_names_file_and_line(tmp_path):
    write_content(tmp_path, module="id: sample\nsteps: [\n  - broken: : :\n")
    problems = problems_for(tmp_path)
    assert any(
        p.startswith("en/modules/sample.yaml: line") and "not valid YAML" in p for p in problems
    )


def test_unknown_kind_names_field_and_allowed_values(tmp_path):
    write_content(tmp_path, module=MODULE.replace("kind: info", "kind: video"))
    problems = problems_for(tmp_path)
    assert any(
        "en/modules/sample.yaml: steps[0].kind: 'video' is not one of info" in p for p in problems
    )


def test_missing_question_and_too_few_options(tmp_path):
    broken = MODULE.replace("    question: Which one?\n", "").replace(
        "      - {id: two, label: Two}\n", ""
    )
    problems = problems_for(write_content(tmp_path, module=broken))
    assert "en/modules/sample.yaml: steps[1].question: is missing" in problems
    assert (
        "en/modules/sample.yaml: steps[1].options: needs a list of at least 2 options" in problems
    )


def test_missing_ids_and_unknown_keys_are_reported_together(tmp_path):
    broken = MODULE.replace("  - id: sample-read\n", "  - colour: red\n")
    problems = problems_for(write_content(tmp_path, module=broken))
    assert any("steps[0].id: None must be a slug" in p for p in problems)
    assert any("steps[0].colour: unknown field" in p for p in problems)


def test_duplicate_step_ids_and_option_ids(tmp_path):
    broken = MODULE.replace("id: sample-pick", "id: sample-read").replace("{id: two,", "{id: one,")
    problems = problems_for(write_content(tmp_path, module=broken))
    assert any("sample-read: step id is used twice" in p for p in problems)
    assert any("option id 'one' is used twice" in p for p in problems)


def test_format_naming_a_missing_module(tmp_path):
    problems = problems_for(
        write_content(tmp_path, formats=FORMATS.replace("module: sample", "module: nope"))
    )
    assert (
        "en/formats.yaml: formats[0].sessions[0].parts[0].module: 'nope' is not a module"
        in problems
    )


def test_module_id_must_match_file_name(tmp_path):
    problems = problems_for(
        write_content(tmp_path, module=MODULE.replace("id: sample\n", "id: other\n"))
    )
    assert any(
        "en/modules/sample.yaml: id: 'other' must be a slug equal to the file name" in p
        for p in problems
    )


def test_a_language_missing_a_content_id_fails(tmp_path):
    write_content(tmp_path)
    write_content(
        tmp_path,
        module=MODULE.replace("{id: two, label: Two}", "{id: deux, label: Deux}"),
        lang="fr",
    )
    problems = problems_for(tmp_path)
    assert "fr: option sample-pick/two: is in 'en' but missing here" in problems


def test_every_shipped_language_has_every_english_id(tmp_path):
    shutil.copytree(CONTENT, tmp_path / "content")
    (tmp_path / "content" / "en" / "modules" / "welcome.yaml").unlink()
    problems = problems_for(tmp_path / "content")
    assert any("'welcome' is not a module" in p for p in problems)


def test_content_check_command(tmp_path):
    from click.testing import CliRunner

    from cgim.cli import cli

    runner = CliRunner()
    ok = runner.invoke(cli, ["content", "check", str(write_content(tmp_path / "good"))])
    assert ok.exit_code == 0 and "en: 1 formats, 1 modules, 2 steps: OK" in ok.output
    bad = runner.invoke(
        cli, ["content", "check", str(write_content(tmp_path / "bad", module="id: [\n"))]
    )
    assert bad.exit_code == 1 and "en/modules/sample.yaml" in bad.output


@pytest.mark.parametrize(
    ("prompt", "raw", "expected"),
    [
        ("sample-pick", "two", "two"),
        ("sample-pick", "", None),
        ("sample-pick", None, None),
    ],
)
def test_clean_answer_accepts(tmp_path, prompt, raw, expected):
    step = load_library(write_content(tmp_path)).language("en").steps[prompt]
    assert clean_answer(step, raw) == expected


@pytest.mark.parametrize("raw", ["three", ["one", "two"], 3])
def test_clean_answer_rejects_choices_not_offered(tmp_path, raw):
    step = load_library(write_content(tmp_path)).language("en").steps["sample-pick"]
    with pytest.raises(AnswerProblem) as caught:
        clean_answer(step, raw)
    assert caught.value.code == "not_an_option"


def test_clean_answer_for_scales_and_text():
    steps = load_library(CONTENT).language("en").steps.values()
    scale = next(s for s in steps if s.kind == "scale")
    long_text = next(s for s in steps if s.kind == "long_text")
    assert clean_answer(scale, "0") == 0 and clean_answer(scale, 10) == 10
    for bad in ("11", "-1", "7.5", True, [3]):
        with pytest.raises(AnswerProblem):
            clean_answer(scale, bad)
    assert clean_answer(long_text, "  a\r\nb  ") == "a\nb"
    with pytest.raises(AnswerProblem) as caught:
        clean_answer(long_text, "x" * 4001)
    assert caught.value.code == "too_long" and caught.value.limit == 4000
