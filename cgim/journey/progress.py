"""Where a parent is in their modules: next and previous screens, progress bars, overview."""

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..content.model import Module
from .screens import ParentState, parent_state, visible_numbers


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


@dataclass
class Journey:
    """One parent's path through their format, as their answers shape it right now."""

    modules: tuple[Module, ...]
    answers: dict[str, Any]

    @cached_property
    def state(self) -> ParentState:
        """Stage and themes, from the answers."""
        return parent_state(self.modules, self.answers)

    def visible(self, module: Module) -> list[int]:
        """Numbers of the module's screens this parent sees."""
        return visible_numbers(module, self.state, self.answers)

    def index(self, module: Module) -> int:
        """Position of a module in the format."""
        return [m.id for m in self.modules].index(module.id)

    def neighbour(self, module: Module, number: int, go: str) -> tuple[str, int] | None:
        """The (module id, screen) after 'back' or 'next', or None to return to the overview."""
        shown = self.visible(module)
        if go == "back":
            earlier = [n for n in shown if n < number]
            return (module.id, earlier[-1]) if earlier else None
        later = [n for n in shown if n > number]
        return (module.id, later[0]) if later else None

    def after(self, module: Module) -> tuple[str, int]:
        """Where 'Continue' leads once a module is done: the next module, or this one again."""
        i = self.index(module)
        following = self.modules[i + 1] if i + 1 < len(self.modules) else module
        return following.id, (self.visible(following) or [1])[0]

    def is_last_before_final(self, module: Module) -> bool:
        """True for the module just before the final one (the plan)."""
        return len(self.modules) > 1 and self.index(module) == len(self.modules) - 2

    def place(self, module: Module, number: int) -> Place:
        """Progress bars for one screen: within its module, and through the workshop."""
        i = self.index(module)
        shown = self.visible(module)
        position = len([n for n in shown if n <= number]) or 1
        before = sum(len(self.visible(m)) for m in self.modules[:i]) + position
        total = sum(len(self.visible(m)) for m in self.modules) or 1
        return Place(
            i + 1, len(self.modules), position, max(len(shown), 1), round(100 * before / total)
        )

    def questions(self, module: Module) -> list[str]:
        """Ids of the module's questions this parent sees."""
        return [module.steps[n - 1].id for n in self.visible(module) if module.steps[n - 1].asks]

    def overview(self, current_module: str | None, current_step: int) -> Overview:
        """Every module with answered counts, and where 'Continue' should lead."""
        rows = []
        for i, module in enumerate(self.modules):
            asked = self.questions(module)
            rows.append(
                ModuleProgress(
                    module=module,
                    number=i + 1,
                    answered=sum(1 for q in asked if q in self.answers),
                    questions=len(asked),
                    is_current=module.id == current_module,
                )
            )
        ids = [m.id for m in self.modules]
        if current_module in ids:
            steps = len(self.modules[ids.index(current_module)].steps)
            continue_at = (current_module, min(max(current_step, 1), steps))
        else:
            continue_at = (ids[0], (self.visible(self.modules[0]) or [1])[0])
        answered = sum(r.answered for r in rows)
        questions = sum(r.questions for r in rows)
        return Overview(
            tuple(rows), continue_at, round(100 * answered / questions) if questions else 0
        )
