"""Stage- and theme-matched choice of the steps a parent sees.

Matching prompts to stage follows the TTM (Prochaska & DiClemente): raise awareness
gently in precontemplation, resolve ambivalence in contemplation, plan and rehearse in
preparation, support in action, sustain in maintenance. Prompts written for an
ambivalence theme are offered only to parents whose answers showed that theme.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from .change_talk import validate_change_talk
from .stages import validate_stage
from .themes import validate_theme


@dataclass(frozen=True)
class StepRecord:
    """The MI tags of one content step; empty ``stages`` means it suits every stage."""

    step_id: str
    stages: tuple[str, ...] = ()
    change_talk: str | None = None
    themes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        """Check the tags against the MI vocabulary so content typos fail loudly."""
        object.__setattr__(self, "stages", tuple(self.stages))
        object.__setattr__(self, "themes", tuple(self.themes))
        for stage in self.stages:
            validate_stage(stage)
        for theme in self.themes:
            validate_theme(theme)
        if self.change_talk is not None:
            validate_change_talk(self.change_talk)

    def suits(self, stage: str, detected_themes: frozenset[str]) -> bool:
        """Tell whether this step fits the stage and, if it is theme-specific, a theme."""
        stage_ok = not self.stages or stage in self.stages
        theme_ok = not self.themes or not detected_themes.isdisjoint(self.themes)
        return stage_ok and theme_ok


def select_steps(
    steps: Iterable[StepRecord], stage: str, detected_themes: Iterable[str] = ()
) -> tuple[StepRecord, ...]:
    """Return the steps to show for this stage and these themes, in content order."""
    stage = validate_stage(stage)
    themes = frozenset(validate_theme(theme) for theme in detected_themes)
    return tuple(step for step in steps if step.suits(stage, themes))
