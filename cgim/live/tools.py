"""Which tool a parent's page belongs to, and how the dashboard names it.

A parent inside a tool is never pulled out by follow-me (static/js/tablet.js reads the page's
tool from <body data-tool>), and the dashboard shows who is still in one.
"""

from flask_babel import lazy_gettext as _l

from ..content.model import TOOLS

# Every page of these blueprints is part of one tool. The next step after a serious worry is
# reached from the map and shows as "In the eco-map": the dashboard never hints at a worry.
BLUEPRINT_TOOLS = {"ecomap": "ecomap", "safety": "ecomap"}
ENDPOINT_TOOLS = {
    "plan.safety": "safety_plan",
    "plan.safety_for": "safety_plan",
    "plan.child_voice": "child_voice",
    "plan.ask": "ask",
    "plan.rehearse": "rehearse",
    "plan.page": "plan",
    "plan.follow_up": "plan",
}
PLACES = {
    "ecomap": _l("In the eco-map"),
    "safety_plan": _l("In the safety plan"),
    "child_voice": _l("In their child's choice"),
    "ask": _l("Planning the ask"),
    "rehearse": _l("Practising the ask"),
    "plan": _l("Reading their plan"),
}


def tool_of(endpoint: str | None, blueprint: str | None) -> str:
    """The tool a page belongs to ("" for module screens and every other page)."""
    return ENDPOINT_TOOLS.get(endpoint or "") or BLUEPRINT_TOOLS.get(blueprint or "", "")


def known(tool) -> bool:
    """A tool name the beacon may report (None clears it)."""
    return tool is None or (isinstance(tool, str) and tool in TOOLS)
