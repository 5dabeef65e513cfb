"""Turn parsed YAML mappings into content dataclasses, recording every problem found."""

import re
from dataclasses import dataclass, field
from typing import Any, TypeGuard

from . import model

STEP_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
COMMON_OPTIONAL = {"text", "hint", "points", "stages", "change_talk", "themes"}
SCALE_REQUIRED = {"title", "question", "low_label", "high_label"}
KIND_FIELDS = {
    model.INFO: ({"title", "text"}, {"points", "stages", "themes", "provide", "permission"}),
    **{k: ({"title", "question"}, COMMON_OPTIONAL) for k in model.TEXT_KINDS},
    **{k: ({"title", "question", "options"}, COMMON_OPTIONAL) for k in model.CHOICE_KINDS},
    model.SCALE: (SCALE_REQUIRED, COMMON_OPTIONAL),
    model.RULER: (
        SCALE_REQUIRED | {"ruler", "follow_ups"},
        COMMON_OPTIONAL | {"compare_with", "change_words"},
    ),
    model.BALANCE: ({"title", "question", "boxes"}, COMMON_OPTIONAL),
    model.SCENARIO: ({"title", "text", "question", "options"}, COMMON_OPTIONAL - {"text"}),
    model.TOOL: ({"title", "text", "tool"}, {"points", "stages", "themes"}),
}
TEXT_FIELDS = {"title", "question", "low_label", "high_label", "text"}


@dataclass
class Problems:
    """Collects problems as 'file: field: message' lines."""

    lines: list[str] = field(default_factory=list)

    def add(self, where: str, path: str, message: str) -> None:
        """Record one problem."""
        self.lines.append(f"{where}: {path}: {message}" if path else f"{where}: {message}")


def text(
    data: dict[str, Any], key: str, where: str, path: str, problems: Problems, required: bool = True
) -> str:
    """A non-empty string field, or '' with a problem recorded."""
    value = data.get(key)
    if value is None:
        if required:
            problems.add(where, f"{path}{key}", "is missing")
        return ""
    if not isinstance(value, str) or not value.strip():
        problems.add(where, f"{path}{key}", "must be non-empty text")
        return ""
    return value.strip()


def string_list(
    data: dict[str, Any], key: str, where: str, path: str, problems: Problems
) -> tuple[str, ...]:
    """A list of non-empty strings (optional field)."""
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.add(where, f"{path}{key}", "must be a list of text")
        return ()
    return tuple(v.strip() for v in value)


def check_keys(
    data: dict[str, Any], allowed: set[str], where: str, path: str, problems: Problems
) -> None:
    """Unknown keys are errors: they are nearly always typos."""
    for key in sorted(set(data) - allowed, key=str):
        problems.add(
            where, f"{path}{key}", f"unknown field (allowed: {', '.join(sorted(allowed))})"
        )


def one_of(
    value: object, allowed: tuple[str, ...], where: str, path: str, problems: Problems
) -> TypeGuard[str]:
    """Check a value against a closed vocabulary, naming the allowed values."""
    if value in allowed:
        return True
    problems.add(where, path, f"{value!r} is not one of {', '.join(allowed)}")
    return False


def parse_option(
    data: object, where: str, path: str, problems: Problems, needs_feedback: bool = False
) -> model.Option | None:
    """One option of a choice step."""
    if not isinstance(data, dict):
        problems.add(where, path, "must be a mapping with id and label")
        return None
    check_keys(data, {"id", "label", "theme", "feedback"}, where, f"{path}.", problems)
    option_id = data.get("id")
    if not isinstance(option_id, str) or not SLUG.match(option_id):
        problems.add(where, f"{path}.id", f"{option_id!r} must be a slug like 'some_option'")
    theme = data.get("theme")
    if theme is not None:
        one_of(theme, model.THEMES, where, f"{path}.theme", problems)
    label = text(data, "label", where, f"{path}.", problems)
    feedback = text(data, "feedback", where, f"{path}.", problems, required=needs_feedback)
    return model.Option(id=str(option_id), label=label, theme=theme, feedback=feedback)


def parse_options(
    data: dict[str, Any], where: str, path: str, problems: Problems
) -> tuple[model.Option, ...]:
    """The options of a choice step: at least two, ids unique."""
    raw = data.get("options") or []
    if not isinstance(raw, list) or len(raw) < 2:
        problems.add(where, f"{path}options", "needs a list of at least 2 options")
        return ()
    feedback = data.get("kind") == model.SCENARIO
    parsed = [
        parse_option(o, where, f"{path}options[{i}]", problems, feedback) for i, o in enumerate(raw)
    ]
    options = [o for o in parsed if o]
    ids = [o.id for o in options]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        problems.add(where, f"{path}options", f"option id {dup!r} is used twice")
    return tuple(options)


def parse_step(data: object, where: str, path: str, problems: Problems) -> model.Step | None:
    """One step; its kind decides which fields it must and may have."""
    if not isinstance(data, dict):
        problems.add(where, path, "must be a mapping")
        return None
    kind = data.get("kind")
    if not one_of(kind, model.STEP_KINDS, where, f"{path}.kind", problems):
        return None
    step_id = data.get("id")
    if not isinstance(step_id, str) or not STEP_ID.match(step_id):
        problems.add(where, f"{path}.id", f"{step_id!r} must be a slug like 'why-welcome'")
    required, optional = KIND_FIELDS[kind]
    extra = {"staging"} if kind == model.SINGLE_CHOICE else set()
    extra.add("show_help_lines")  # any screen may promise the help lines
    extra |= {"private"} if kind in model.TEXT_KINDS else set()  # only typed words are shared
    check_keys(data, required | optional | extra | {"id", "kind"}, where, f"{path}.", problems)
    p = f"{path}."
    # Values differ in type by field; model.Step checks nothing, so the kinds above decide.
    fields: dict[str, Any] = {
        key: text(data, key, where, p, problems) for key in sorted(required & TEXT_FIELDS)
    }
    for key in sorted(optional & {"text", "hint", "permission"}):
        fields[key] = text(data, key, where, p, problems, required=False)
    fields |= tags(data, where, p, problems)
    fields["show_help_lines"] = flag(data, "show_help_lines", where, p, problems)
    fields["private"] = private_flag(data, kind, where, p, problems)
    from . import parse_mi  # parse_mi builds on the helpers in this module

    if kind == model.RULER:
        fields |= parse_mi.ruler_fields(data, where, p, problems)
    elif kind == model.BALANCE:
        fields |= parse_mi.balance_fields(data, where, p, problems)
    elif kind == model.TOOL:
        fields["tool"] = data.get("tool")
        one_of(fields["tool"], model.TOOLS, where, f"{p}tool", problems)
    options = parse_options(data, where, p, problems) if "options" in required else ()
    points = string_list(data, "points", where, p, problems)
    return model.Step(id=str(step_id), kind=kind, points=points, options=options, **fields)


def vocabulary_list(
    data: dict[str, Any],
    key: str,
    allowed: tuple[str, ...],
    where: str,
    p: str,
    problems: Problems,
) -> tuple[str, ...]:
    """An optional list whose items come from a closed vocabulary."""
    items = string_list(data, key, where, p, problems)
    for i, item in enumerate(items):
        one_of(item, allowed, where, f"{p}{key}[{i}]", problems)
    return items


# Words that promise the parent privacy. A screen saying them must set `private: true`, so it
# never offers "Share with the group" (English; other languages carry the flag from their file).
PROMISES_PRIVACY = re.compile(
    r"\bjust for you\b|\bonly for you\b|\bonly you (?:will )?see\b|\bstays private\b",
    re.IGNORECASE,
)


def private_flag(data: dict[str, Any], kind: str, where: str, p: str, problems: Problems) -> bool:
    """The `private` flag of a text step; words that promise privacy need it set."""
    private = flag(data, "private", where, p, problems)
    if kind in model.TEXT_KINDS and not private:
        words = " ".join(str(data.get(key) or "") for key in ("text", "question", "hint"))
        if PROMISES_PRIVACY.search(words):
            problems.add(where, f"{p}private", "the words promise privacy: set private: true")
    return private


def flag(data: dict[str, Any], key: str, where: str, p: str, problems: Problems) -> bool:
    """An optional true/false field."""
    value = data.get(key, False)
    if not isinstance(value, bool):
        problems.add(where, f"{p}{key}", "must be true or false")
    return value is True


def tags(data: dict[str, Any], where: str, p: str, problems: Problems) -> dict[str, Any]:
    """The MI tags any step may carry: stages, themes, change talk, staging, provide."""
    change_talk = data.get("change_talk")
    if change_talk is not None:
        one_of(change_talk, model.CHANGE_TALK, where, f"{p}change_talk", problems)
    return {
        "stages": vocabulary_list(data, "stages", model.STAGES, where, p, problems),
        "themes": vocabulary_list(data, "themes", model.THEMES, where, p, problems),
        "change_talk": change_talk,
        "staging": flag(data, "staging", where, p, problems),
        "provide": flag(data, "provide", where, p, problems),
    }
