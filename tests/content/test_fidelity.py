"""cgim content check keeps MI fidelity: rulers, questions, Elicit-Provide-Elicit, OARS cards."""

import pytest

from .test_loader import MODULE, problems_for, write_content

RULER = """\
  - id: sample-ruler
    kind: ruler
    ruler: importance
    title: How important
    question: How important is this?
    low_label: Not at all
    high_label: Very
    follow_ups:
      why_not_lower: Why a {n} and not a lower number?
      move_up_one: What would help you move up one point?
      reach_one: What would have to happen for it to be a 1?
"""
FACT = """\
  - id: sample-fact
    kind: info
    provide: true
    permission: Can we share something?
    title: A fact
    text: 1 in 3 young people grow up without a mentor.
"""
ASK = """\
  - id: sample-ask-{n}
    kind: long_text
    title: Your view
    question: What do you think?
"""


def module_with(*steps: str) -> str:
    """The sample module with extra steps appended."""
    return MODULE + "".join(steps)


def test_a_good_ruler_and_a_fact_between_two_questions_pass(tmp_path):
    from cgim.content.library import load_library

    content = write_content(
        tmp_path, module=module_with(RULER, ASK.format(n=1), FACT, ASK.format(n=2))
    )
    steps = load_library(content).language("en").steps
    assert steps["sample-ruler-more"].follows == "sample-ruler"  # the follow-up screen is added


@pytest.mark.parametrize(
    "wording",
    [
        "Why not a 10?",
        "Why isn't it higher?",
        "Why a {n} and not a 9?",
        "What stops you from being a 10?",
    ],
)
def test_follow_ups_asking_why_not_higher_fail(tmp_path, wording):
    ruler = RULER.replace("Why a {n} and not a lower number?", wording)
    problems = problems_for(write_content(tmp_path, module=module_with(ruler)))
    assert any("sample-ruler" in p and "en/modules/sample.yaml" in p for p in problems), problems


def test_a_question_asking_why_not_ten_fails(tmp_path):
    ask = ASK.format(n=1).replace("What do you think?", "You said 6. Why not a 10?")
    problems = problems_for(write_content(tmp_path, module=module_with(ask)))
    assert any(p.startswith("en/modules/sample.yaml: sample-ask-1") for p in problems), problems


def test_a_ruler_without_its_follow_ups_fails(tmp_path):
    ruler = RULER.split("    follow_ups:")[0]
    problems = problems_for(write_content(tmp_path, module=module_with(ruler)))
    assert (
        "en/modules/sample.yaml: steps[2].follow_ups: needs why_not_lower, move_up_one, reach_one"
        in problems
    )


def test_information_without_the_elicit_steps_fails(tmp_path):
    problems = problems_for(write_content(tmp_path, module=module_with(FACT)))
    assert any("sample-fact" in p for p in problems), problems


def test_a_figure_outside_an_information_step_fails(tmp_path):
    module = MODULE.replace("    text: Hello.", "    text: 90% of people agree.")
    problems = problems_for(write_content(tmp_path, module=module))
    assert any("sample-read: gives a figure, so it must be provide: true" in p for p in problems)


def test_information_needs_a_permission_line(tmp_path):
    fact = FACT.replace("    permission: Can we share something?\n", "")
    problems = problems_for(
        write_content(tmp_path, module=module_with(ASK.format(n=1), fact, ASK.format(n=2)))
    )
    assert any("sample-fact: information needs a permission line" in p for p in problems)


def test_every_module_needs_an_oars_card(tmp_path):
    module = MODULE.split("oars:")[0] + "steps:" + MODULE.split("steps:")[1]
    problems = problems_for(write_content(tmp_path, module=module))
    assert (
        "en/modules/sample.yaml: oars: needs open, affirm, reflect, summarise (lists of examples)"
        in problems
    )


def test_compare_with_must_name_another_ruler_of_the_same_kind(tmp_path):
    later = RULER.replace("sample-ruler", "sample-later").replace(
        "ruler: importance", "ruler: confidence"
    )
    later += "    compare_with: sample-ruler\n"
    later += "    change_words: {went_up: Up, stayed_same: Same, went_down: Down}\n"
    problems = problems_for(write_content(tmp_path, module=module_with(RULER, later)))
    assert any(
        "sample-later: compare_with must name another confidence ruler" in p for p in problems
    )


def test_staging_options_must_use_the_staging_vocabulary(tmp_path):
    module = MODULE.replace(
        "    kind: single_choice\n", "    kind: single_choice\n    staging: true\n"
    )
    problems = problems_for(write_content(tmp_path, module=module))
    assert any("staging option 'one' is not one of" in p for p in problems)
