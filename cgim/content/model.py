"""Frozen dataclasses for workshop content: formats, modules, steps and options."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..mi.change_talk import CHANGE_TALK_KINDS
from ..mi.stages import STAGES as STAGES
from ..mi.themes import THEMES as THEMES

INFO = "info"
SHORT_TEXT = "short_text"
LONG_TEXT = "long_text"
SINGLE_CHOICE = "single_choice"
MULTIPLE_CHOICE = "multiple_choice"
CHECKLIST = "checklist"
SCALE = "scale"
RULER = "ruler"
BALANCE = "balance"
SCENARIO = "scenario"
TOOL = "tool"  # a screen that opens one of the app's tools (the eco-map, the plan, ...)
TOOLS = ("ecomap", "safety_plan", "child_voice", "ask", "rehearse", "plan")
# Not written in content: the loader adds one after each ruler for its MI follow-up questions.
FOLLOW_UP = "follow_up"

TEXT_KINDS = (SHORT_TEXT, LONG_TEXT)
CHOICE_KINDS = (SINGLE_CHOICE, MULTIPLE_CHOICE, CHECKLIST)
ONE_CHOICE_KINDS = (SINGLE_CHOICE, SCENARIO)
MULTI_KINDS = (MULTIPLE_CHOICE, CHECKLIST)
NUMBER_KINDS = (SCALE, RULER)
TEXT_MAP_KINDS = (BALANCE, FOLLOW_UP)
STEP_KINDS = (INFO, *TEXT_KINDS, *CHOICE_KINDS, SCALE, RULER, BALANCE, SCENARIO, TOOL)
MAX_TEXT = {SHORT_TEXT: 200, LONG_TEXT: 4000, BALANCE: 4000, FOLLOW_UP: 4000}
SCALE_RANGE = range(0, 11)
CHANGE_TALK = CHANGE_TALK_KINDS


@dataclass(frozen=True)
class Option:
    """One answer a parent can pick."""

    id: str
    label: str
    theme: str | None = None
    feedback: str = ""


@dataclass(frozen=True)
class Step:
    """One screen of a module: an idea to read or one question to answer."""

    id: str
    kind: str
    title: str
    text: str = ""
    question: str = ""
    hint: str = ""
    points: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    low_label: str = ""
    high_label: str = ""
    stages: tuple[str, ...] = ()
    change_talk: str | None = None
    themes: tuple[str, ...] = ()
    staging: bool = False
    provide: bool = False
    permission: str = ""
    ruler: str | None = None
    follow_ups: Mapping[str, str] = field(default_factory=dict)
    compare_with: str | None = None
    change_words: Mapping[str, str] = field(default_factory=dict)
    boxes: tuple[tuple[str, str], ...] = ()
    follows: str | None = None
    tool: str | None = None
    # The screen promises help lines: it shows the organisation's (and the emergency line).
    show_help_lines: bool = False
    # The screen tells the parent their answer is just for them: it never offers sharing.
    private: bool = False

    @property
    def asks(self) -> bool:
        """True when the step expects an answer."""
        return self.kind not in (INFO, TOOL)

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The text split into paragraphs at blank lines."""
        parts = (" ".join(p.split()) for p in self.text.split("\n\n"))
        return tuple(p for p in parts if p)

    @property
    def option_ids(self) -> tuple[str, ...]:
        """The ids of the step's options, in order."""
        return tuple(o.id for o in self.options)

    def option_label(self, option_id: str) -> str:
        """The words of an option, or the id itself if the option is gone."""
        return next((o.label for o in self.options if o.id == option_id), option_id)


@dataclass(frozen=True)
class Module:
    """A module: a titled sequence of steps."""

    id: str
    title: str
    summary: str
    steps: tuple[Step, ...]
    oars: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def asking_steps(self) -> tuple[Step, ...]:
        """Steps that expect an answer."""
        return tuple(s for s in self.steps if s.asks)


@dataclass(frozen=True)
class Part:
    """A module slot in a session, with its planned length."""

    module_id: str
    minutes: int


@dataclass(frozen=True)
class Session:
    """One meeting of a workshop format."""

    title: str
    parts: tuple[Part, ...]

    @property
    def minutes(self) -> int:
        """Planned length of the session."""
        return sum(p.minutes for p in self.parts)


@dataclass(frozen=True)
class Format:
    """A workshop format: which modules, over which sessions, for how long."""

    id: str
    title: str
    description: str
    sessions: tuple[Session, ...]

    @property
    def module_ids(self) -> tuple[str, ...]:
        """Module ids in the order the format runs them."""
        return tuple(p.module_id for s in self.sessions for p in s.parts)

    @property
    def minutes(self) -> int:
        """Planned length of the whole format."""
        return sum(s.minutes for s in self.sessions)


@dataclass(frozen=True)
class Language:
    """All content in one language."""

    code: str
    name: str
    formats: Mapping[str, Format]
    modules: Mapping[str, Module]
    steps: Mapping[str, Step] = field(default_factory=dict)

    def modules_for(self, format_id: str) -> tuple[Module, ...]:
        """The modules of a format, in order."""
        return tuple(self.modules[m] for m in self.formats[format_id].module_ids)


@dataclass(frozen=True)
class Library:
    """Content for every language; English is the reference language."""

    languages: Mapping[str, Language]
    default: str = "en"

    def language(self, code: str | None) -> Language:
        """The content in a language, falling back to the default one."""
        return self.languages.get(code or self.default) or self.languages[self.default]
