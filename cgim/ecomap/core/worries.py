"""What each worry about an adult does: one stated effect per worry, defined here and only here.

Nobody can clear an adult (domain.md 4), so a worry never adds up to a verdict; it has one
effect, said in the same words wherever it shows (the person form, the results, the plan,
the PDF, the command line, docs/ecomap-analysis.md):

- ``NOT_SUGGESTED``: the adult is left off the suggestions while the worry stands, and is
  never used to introduce anyone. These are the recognised warning signs (Stop It Now,
  Darkness to Light): boundary violations, isolation, secrecy, favouritism, violence, harm,
  substance misuse, and the parent's own sense that something is wrong (trust your gut).
  A parent who records one is offered a next step at once (what to do now, whom to call).
- ``CAUTION``: still suggested, with the named caution and a step to take first, because
  over-vigilance can also cost a child a good mentor.
"""

from __future__ import annotations

from dataclasses import dataclass

NOT_SUGGESTED = "not_suggested"
CAUTION = "caution"


@dataclass(frozen=True)
class Worry:
    """One worry a parent can record about an adult, and what the app does with it."""

    id: str
    effect: str
    noticed: str  # completes "You noted a worry: they ..." (not suggested) or opens the caution
    # What to do: now, as a full sentence (not suggested), or before asking them, completing
    # "Still suggested, with a step to take first: ..." (caution).
    first_step: str

    @property
    def serious(self) -> bool:
        """True when the adult is not suggested while this worry stands."""
        return self.effect == NOT_SUGGESTED

    @property
    def effect_words(self) -> str:
        """The effect in one plain line, the same on every screen."""
        if self.serious:
            return "Not suggested as a mentor while you have this worry."
        return "Still suggested, with a step to take first: " + self.first_step


WORRIES: dict[str, Worry] = {
    w.id: w
    for w in (
        Worry(
            "harm_to_children",
            NOT_SUGGESTED,
            "may have harmed a child",
            "Keep your child away from time alone with them, and talk to a help line.",
        ),
        Worry(
            "violence",
            NOT_SUGGESTED,
            "have been violent",
            "Keep your child away from time alone with them, and talk to a help line.",
        ),
        Worry(
            "ignores_boundaries",
            NOT_SUGGESTED,
            "ignore your family's or your child's limits",
            "Keep visits in the open, with you there, and say your rules out loud.",
        ),
        Worry(
            "seeks_time_alone",
            NOT_SUGGESTED,
            "try to get time alone with your child",
            "No time alone with your child: keep visits in groups or with you there.",
        ),
        Worry(
            "secrets",
            NOT_SUGGESTED,
            "ask your child to keep secrets",
            "Tell your child: no secrets from me, ever. No time alone with them for now.",
        ),
        Worry(
            "favouritism",
            NOT_SUGGESTED,
            "treat your child as 'special', more than other children",
            "Keep time together in groups or in the open, and watch how it goes.",
        ),
        Worry(
            "substance_misuse",
            NOT_SUGGESTED,
            "misuse alcohol or drugs",
            "No rides or time alone with them, and keep visits where you can see.",
        ),
        Worry(
            "other",
            NOT_SUGGESTED,
            "make you feel something is wrong: trust that feeling",
            "Trust your gut. Talk it through with someone you trust before anything else.",
        ),
        Worry(
            "gifts",
            CAUTION,
            "You noticed gifts or money.",
            "agree a family rule that gifts and money go through you.",
        ),
        Worry(
            "unreliable",
            CAUTION,
            "They have not always been reliable.",
            "talk about a small, regular plan they can keep.",
        ),
    )
}
SERIOUS = tuple(w.id for w in WORRIES.values() if w.serious)
CAUTIONS = tuple(w.id for w in WORRIES.values() if not w.serious)


EFFECT_WORDS: dict[str, str] = {w.id: w.effect_words for w in WORRIES.values()}


def caution_words(worry_id: str) -> str:
    """The caution a candidate carries for a worry whose effect is CAUTION: worry, then effect."""
    worry = WORRIES[worry_id]
    return f"{worry.noticed} {worry.effect_words}"


def serious_in(concerns: tuple[str, ...]) -> tuple[str, ...]:
    """The worries among these that leave an adult off the suggestions, in table order."""
    return tuple(w for w in SERIOUS if w in concerns)
