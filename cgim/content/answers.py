"""Check a parent's answer against its step and return the value to store."""

from typing import Any

from . import model


class AnswerProblem(ValueError):
    """Why an answer cannot be stored: a code the web layer turns into words."""

    def __init__(self, code: str, limit: int = 0) -> None:
        # code: too_long | not_an_option | not_a_number | not_expected
        super().__init__(code)
        self.code = code
        self.limit = limit


def _as_list(raw: object) -> list[Any]:
    if raw is None:
        return []
    return list(raw) if isinstance(raw, list | tuple) else [raw]


# What a stored answer may be: text, a scale number, option ids, or texts by key.
AnswerValue = str | int | list[str] | dict[str, str] | None


def clean_answer(step: model.Step, raw: object) -> AnswerValue:
    """The value to store for a raw answer, None for 'no answer', or raise AnswerProblem."""
    if not step.asks:
        raise AnswerProblem("not_expected")
    if step.kind in model.TEXT_KINDS:
        value = raw if isinstance(raw, str) else ("" if raw is None else None)
        if value is None:
            raise AnswerProblem("not_expected")
        value = value.replace("\r\n", "\n").strip()
        if len(value) > model.MAX_TEXT[step.kind]:
            raise AnswerProblem("too_long", model.MAX_TEXT[step.kind])
        return value or None
    if step.kind in model.NUMBER_KINDS:
        return _clean_scale(raw)
    if step.kind in model.TEXT_MAP_KINDS:
        return _clean_parts(step, raw)
    chosen = [c for c in _as_list(raw) if c not in ("", None)]
    if any(not isinstance(c, str) or c not in step.option_ids for c in chosen):
        raise AnswerProblem("not_an_option")
    if step.kind in model.ONE_CHOICE_KINDS:
        if len(chosen) > 1:
            raise AnswerProblem("not_an_option")
        return chosen[0] if chosen else None
    ordered = [o for o in step.option_ids if o in chosen]
    return ordered or None


def _clean_scale(raw: object) -> int | None:
    """A whole number from 0 to 10."""
    if raw in (None, ""):
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | str):
        raise AnswerProblem("not_a_number")
    try:
        number = int(raw)
    except ValueError:
        raise AnswerProblem("not_a_number") from None
    if number not in model.SCALE_RANGE or str(raw).strip() != str(number):
        raise AnswerProblem("not_a_number")
    return number


def part_names(step: model.Step) -> tuple[str, ...]:
    """The keys a balance or follow-up answer may hold."""
    if step.kind == model.BALANCE:
        return tuple(key for key, _label in step.boxes)
    return tuple(step.follow_ups)


def _clean_parts(step: model.Step, raw: object) -> dict[str, str] | None:
    """Several short texts by key (balance boxes, follow-up answers); empty ones dropped."""
    if raw is None:
        return None
    if not isinstance(raw, dict) or any(k not in part_names(step) for k in raw):
        raise AnswerProblem("not_expected")
    cleaned: dict[str, str] = {}
    for key, text in raw.items():
        if text is not None and not isinstance(text, str):
            raise AnswerProblem("not_expected")
        text = (text or "").replace("\r\n", "\n").strip()
        if len(text) > model.MAX_TEXT[step.kind]:
            raise AnswerProblem("too_long", model.MAX_TEXT[step.kind])
        if text:
            cleaned[key] = text
    return cleaned or None
