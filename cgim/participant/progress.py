"""Where a parent is in their modules: next and previous screens, progress bars, overview."""

from dataclasses import dataclass

from ..content.model import Language, Module
from .models import Participant
from .services import modules_of


@dataclass(frozen=True)
class Place:
    """Where one screen sits: in its module and in the whole workshop."""

    module_number: int
    module_count: int
    step_number: int
    step_count: int
    percent: int


@dataclass(frozen=True)
class ModuleProgress:
    """One module on the parent's overview."""

    module: Module
    number: int
    answered: int
    questions: int
    is_current: bool

    @property
    def done(self) -> bool:
        """Every question answered (skipping is allowed, so this is a guide, not a gate)."""
        return self.questions > 0 and self.answered >= self.questions


@dataclass(frozen=True)
class Overview:
    """The parent's whole workshop at a glance."""

    modules: tuple[ModuleProgress, ...]
    continue_at: tuple[str, int]
    percent: int


def neighbour(parent: Participant, language: Language, module: Module, number: int, go: str):
    """The (module id, step number) to show after 'back' or 'next', or None for the overview."""
    if go == "back":
        return (module.id, number - 1) if number > 1 else None
    return (module.id, number + 1) if number < len(module.steps) else None


def after(parent: Participant, language: Language, module: Module) -> tuple[str, int]:
    """Where 'Continue' leads once a module is finished: the next module, or its own start."""
    modules = modules_of(parent, language)
    index = [m.id for m in modules].index(module.id)
    following = modules[index + 1] if index + 1 < len(modules) else module
    return following.id, 1


def place(parent: Participant, language: Language, module: Module, number: int) -> Place:
    """Progress bars for one screen: step within module, and screens through the workshop."""
    modules = modules_of(parent, language)
    index = [m.id for m in modules].index(module.id)
    before = sum(len(m.steps) for m in modules[:index]) + number
    total = sum(len(m.steps) for m in modules)
    return Place(index + 1, len(modules), number, len(module.steps), round(100 * before / total))


def overview(parent: Participant, language: Language, answers: dict) -> Overview:
    """Every module with answered counts, and where 'Continue' should lead."""
    modules = modules_of(parent, language)
    ids = [m.id for m in modules]
    current = parent.current_module if parent.current_module in ids else None
    rows = tuple(
        ModuleProgress(
            module=m, number=i + 1,
            answered=sum(1 for s in m.asking_steps if s.id in answers),
            questions=len(m.asking_steps), is_current=m.id == current,
        )
        for i, m in enumerate(modules)
    )  # fmt: skip
    if current:
        steps = len(modules[ids.index(current)].steps)
        continue_at = (current, min(max(parent.current_step, 1), steps))
    else:
        continue_at = (modules[0].id, 1)
    answered = sum(r.answered for r in rows)
    questions = sum(r.questions for r in rows)
    return Overview(rows, continue_at, round(100 * answered / questions) if questions else 0)
