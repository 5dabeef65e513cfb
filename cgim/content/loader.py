"""Load and validate content/<lang>/ YAML into a Library; every problem is reported at once."""

from pathlib import Path
from typing import Any

import yaml

from . import model
from .parse import SLUG, Problems, check_keys, parse_step, text
from .parse_mi import parse_oars, with_follow_ups

# libyaml's loader is ten times faster; the pure-Python one gives the same result.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
LANGUAGE_NAMES = {"en": "English", "es": "Español", "fr": "Français", "ar": "العربية"}


class ContentError(ValueError):
    """Content is invalid; `problems` lists each one as 'file: field: message'."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def read_yaml(path: Path, root: Path, problems: Problems) -> Any:
    """Parse one YAML file, recording syntax errors with their line."""
    where = str(path.relative_to(root))
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)  # noqa: S506
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 1}" if mark else ""
        problems.add(where, line, f"is not valid YAML ({getattr(exc, 'problem', exc)})")
    except (OSError, UnicodeDecodeError) as exc:
        problems.add(where, "", f"cannot be read ({exc})")
    return None


def load_module(path: Path, root: Path, problems: Problems) -> model.Module | None:
    """One module file; its id must match the file name."""
    where = str(path.relative_to(root))
    data = read_yaml(path, root, problems)
    if data is None:
        return None
    if not isinstance(data, dict):
        problems.add(where, "", "must be a mapping with id, title, summary and steps")
        return None
    check_keys(data, {"id", "title", "summary", "steps", "oars"}, where, "", problems)
    module_id = data.get("id")
    if module_id != path.stem or not SLUG.match(str(module_id)):
        problems.add(where, "id", f"{module_id!r} must be a slug equal to the file name")
    raw_steps = data.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        problems.add(where, "steps", "needs a list of at least one step")
        raw_steps = []
    steps = [parse_step(s, where, f"steps[{i}]", problems) for i, s in enumerate(raw_steps)]
    return model.Module(
        id=str(module_id),
        title=text(data, "title", where, "", problems),
        summary=text(data, "summary", where, "", problems),
        steps=with_follow_ups([s for s in steps if s]),
        oars=parse_oars(data, where, problems),
    )


def load_formats(
    path: Path, root: Path, modules: dict[str, model.Module], problems: Problems
) -> dict[str, model.Format]:
    """formats.yaml: each format names only existing modules, each at most once."""
    where = str(path.relative_to(root))
    data = read_yaml(path, root, problems) if path.exists() else None
    if not isinstance(data, dict) or not isinstance(data.get("formats"), list):
        problems.add(where, "formats", "is missing or not a list")
        return {}
    formats: dict[str, model.Format] = {}
    for i, raw in enumerate(data["formats"]):
        fmt = parse_format(raw, where, f"formats[{i}]", modules, problems)
        if fmt and fmt.id in formats:
            problems.add(where, f"formats[{i}].id", f"{fmt.id!r} is used twice")
        elif fmt:
            formats[fmt.id] = fmt
    return formats


def parse_format(
    raw: object, where: str, path: str, modules: dict[str, model.Module], problems: Problems
) -> model.Format | None:
    """One format with its sessions and timed parts."""
    if not isinstance(raw, dict):
        problems.add(where, path, "must be a mapping")
        return None
    check_keys(raw, {"id", "title", "description", "sessions"}, where, f"{path}.", problems)
    sessions, seen = [], []
    for s, session in enumerate(raw.get("sessions") or []):
        sp = f"{path}.sessions[{s}]"
        if not isinstance(session, dict):
            problems.add(where, sp, "must be a mapping with title and parts")
            continue
        check_keys(session, {"title", "parts"}, where, f"{sp}.", problems)
        parts = []
        for p, part in enumerate(session.get("parts") or []):
            pp = f"{sp}.parts[{p}]"
            module_id = part.get("module") if isinstance(part, dict) else None
            minutes = part.get("minutes") if isinstance(part, dict) else None
            if module_id not in modules:
                problems.add(where, f"{pp}.module", f"{module_id!r} is not a module")
            elif module_id in seen:
                problems.add(where, f"{pp}.module", f"{module_id!r} appears twice")
            if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes < 1:
                problems.add(where, f"{pp}.minutes", "must be a whole number of minutes")
            seen.append(module_id)
            parts.append(model.Part(module_id=str(module_id), minutes=minutes or 0))
        sessions.append(
            model.Session(
                title=text(session, "title", where, f"{sp}.", problems), parts=tuple(parts)
            )
        )
    if not sessions:
        problems.add(where, f"{path}.sessions", "needs at least one session")
    return model.Format(
        id=str(raw.get("id")),
        title=text(raw, "title", where, f"{path}.", problems),
        description=text(raw, "description", where, f"{path}.", problems),
        sessions=tuple(sessions),
    )
