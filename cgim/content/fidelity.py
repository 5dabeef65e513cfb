"""MI fidelity of a language's content: rulers, questions, Elicit-Provide-Elicit, staging."""

import re
from collections.abc import Iterator

from ..mi import fidelity
from ..mi.stages import STAGING_ANSWERS
from . import model

FIGURE = re.compile(r"\d")


def question_records(step: model.Step) -> Iterator[fidelity.QuestionRecord]:
    """Every text a parent is asked on a step."""
    for text in (step.question, step.hint, *step.follow_ups.values()):
        if text:
            yield fidelity.QuestionRecord(step.id, text)


def info_records(module: model.Module) -> Iterator[fidelity.InfoBlockRecord]:
    """Information blocks with whether an asking step comes just before and just after."""
    steps = module.steps
    for i, step in enumerate(steps):
        if step.kind == model.INFO and step.provide:
            before = i > 0 and steps[i - 1].asks
            after = i + 1 < len(steps) and steps[i + 1].asks
            yield fidelity.InfoBlockRecord(step.id, before, after)


def structure_problems(language: model.Language) -> list[str]:
    """Rules the MI engine needs from content, beyond the wording checks."""
    problems = []
    staging = [s for s in language.steps.values() if s.staging]
    if len(staging) > 1:
        problems.append(f"{staging[1].id}: only one step may have staging: true")
    for step in staging:
        for option in step.option_ids:
            if option not in STAGING_ANSWERS:
                problems.append(
                    f"{step.id}: staging option {option!r} is not one of "
                    f"{', '.join(STAGING_ANSWERS)}"
                )
    rulers = {s.id: s for s in language.steps.values() if s.kind == model.RULER}
    for module in language.modules.values():
        for step in module.steps:
            problems += step_problems(step, rulers)
    return problems + comparison_order_problems(language)


def comparison_order_problems(language: model.Language) -> list[str]:
    """In every format, a ruler compared with another must come after it."""
    problems = []
    for fmt in language.formats.values():
        order = [
            s.id for m in fmt.module_ids if m in language.modules for s in language.modules[m].steps
        ]
        for position, step_id in enumerate(order):
            earlier = language.steps[step_id].compare_with
            if earlier and earlier in order and order.index(earlier) > position:
                problems.append(f"{step_id}: in format {fmt.id}, {earlier} must come before it")
    return problems


def step_problems(step: model.Step, rulers_seen: dict[str, model.Step]) -> list[str]:
    """Per-step rules: permission for information, figures only in information, comparisons."""
    problems = []
    if step.kind == model.INFO:
        if step.provide and not step.permission:
            problems.append(f"{step.id}: information needs a permission line")
        if not step.provide and FIGURE.search(step.text + " ".join(step.points)):
            problems.append(
                f"{step.id}: gives a figure, so it must be provide: true (Elicit-Provide-Elicit)"
            )
    if step.kind == model.RULER and step.compare_with:
        earlier = rulers_seen.get(step.compare_with)
        if earlier is None or earlier.ruler != step.ruler or earlier.id == step.id:
            problems.append(f"{step.id}: compare_with must name another {step.ruler} ruler")
    return problems


def check_language(language: model.Language) -> list[str]:
    """Every fidelity problem in one language, each starting with the step id."""
    rulers = [
        fidelity.RulerRecord(s.id, s.follow_ups)
        for s in language.steps.values()
        if s.kind == model.RULER
    ]
    questions = [
        r for s in language.steps.values() if s.kind != model.FOLLOW_UP for r in question_records(s)
    ]
    infos = [r for m in language.modules.values() for r in info_records(m)]
    problems = fidelity.check_fidelity(questions=questions, rulers=rulers, info_blocks=infos)
    return problems + structure_problems(language)
