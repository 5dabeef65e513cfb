"""Assemble a Library from a content folder and check languages against English."""

from pathlib import Path
from types import MappingProxyType

from . import model
from .fidelity import check_language
from .loader import LANGUAGE_NAMES, ContentError, load_formats, load_module
from .parse import Problems


def load_language(root: Path, code: str, problems: Problems) -> model.Language:
    """Every module and format of one language folder; step ids unique across modules."""
    folder = root / code
    modules, steps = {}, {}
    for path in sorted((folder / "modules").glob("*.yaml")):
        module = load_module(path, root, problems)
        if not module:
            continue
        modules[module.id] = module
        for step in module.steps:
            if step.id in steps:
                problems.add(str(path.relative_to(root)), step.id, "step id is used twice")
            steps[step.id] = step
    if not modules:
        problems.add(f"{code}/modules", "", "holds no module files")
    formats = load_formats(folder / "formats.yaml", root, modules, problems)
    home = {step.id: module.id for module in modules.values() for step in module.steps}
    for problem in check_language(model.Language(code, code, formats, modules, steps)):
        module_id = home.get(problem.split(":", 1)[0], "")
        problems.add(
            f"{code}/modules/{module_id}.yaml" if module_id else f"{code}/modules", "", problem
        )
    return model.Language(
        code=code,
        name=LANGUAGE_NAMES.get(code, code),
        formats=MappingProxyType(formats),
        modules=MappingProxyType(modules),
        steps=MappingProxyType(steps),
    )


def content_ids(language: model.Language) -> set[str]:
    """Every id a translation must keep: formats, modules, steps and options."""
    ids = {f"format {f}" for f in language.formats} | {f"module {m}" for m in language.modules}
    for step in language.steps.values():
        ids.add(f"step {step.id}")
        ids.update(f"option {step.id}/{o.id}" for o in step.options)
    return ids


def load_library(root: str | Path, default: str = "en") -> model.Library:
    """Load every language folder under root; raise ContentError listing all problems."""
    root = Path(root)
    problems = Problems()
    if not root.is_dir():
        raise ContentError([f"{root}: is not a folder"])
    codes = sorted(p.name for p in root.iterdir() if p.is_dir() and (p / "modules").is_dir())
    if default not in codes:
        raise ContentError([f"{root}: has no '{default}/modules' folder"])
    languages = {code: load_language(root, code, problems) for code in codes}
    reference = content_ids(languages[default])
    for code, language in languages.items():
        for missing in sorted(reference - content_ids(language)):
            problems.add(code, missing, f"is in '{default}' but missing here")
    if problems.lines:
        raise ContentError(problems.lines)
    return model.Library(languages=MappingProxyType(languages), default=default)
