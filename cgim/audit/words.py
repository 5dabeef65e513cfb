"""Plain words for each action in the audit log, as an admin reads them on /team/audit.

The keys are the actions features pass to `services.record`; an action without words here
still shows, as written.
"""

from flask_babel import lazy_gettext as _l

ACTIONS = {
    # Reading a family's data
    "view record": _l("Opened the family's record"),
    "export map": _l("Downloaded the family's map"),
    "import map": _l("Loaded a map file into the family's map"),
    "view workshop page": _l("Saw the family on the workshop page"),
    "view dashboard": _l("Saw the family on the live dashboard"),
    "view projector": _l("Opened the projector screen"),
    "view audit log": _l("Opened the audit log"),
    "export audit log": _l("Downloaded the audit log"),
    # Running a workshop
    "create workshop": _l("Created a workshop"),
    "close workshop": _l("Closed a workshop for joining"),
    "reopen workshop": _l("Opened a workshop again"),
    "control room": _l("Changed what the room sees"),
    "review words": _l("Checked words a parent shared with the room"),
    "clear help request": _l("Marked a help request as done"),
    "clear talk request": _l("Marked a request for a private word as done"),
    "add co-facilitator": _l("Added a co-facilitator"),
    # The organisation
    "add account": _l("Added a staff account"),
    "change retention": _l("Changed how long data is kept"),
    "add help line": _l("Added a help line"),
    "edit help line": _l("Changed a help line"),
    "remove help line": _l("Removed a help line"),
    "change worry sign": _l("Changed what staff see after a serious worry"),
    "change settings": _l("Changed the organisation's settings"),
    # Staff accounts (for the account and sign-in pages to record)
    "change password": _l("Changed their password"),
    "deactivate account": _l("Turned off a staff account"),
    "reactivate account": _l("Turned a staff account back on"),
    "issue reset link": _l("Made a password reset link"),
    "change role": _l("Changed a staff member's role"),
    "unlock account": _l("Unlocked a staff account"),
    "set up two-step": _l("Set up two-step sign-in"),
    "remove two-step": _l("Turned off two-step sign-in"),
    "hand over work": _l("Passed workshops to a colleague"),
}
# Rows written before the log had a `what` column said it inside the action.
LEGACY = {"record": "view record", "export map ": "export map"}


def words_for(action: str, what: str = "") -> str:
    """The plain words for one row: what the staff member did, with its detail."""
    for old, new in LEGACY.items():
        if action == old or (old.endswith(" ") and action.startswith(old)):
            what = what or action[len(old) :]
            action = new
    words = str(ACTIONS.get(action, action))
    return f"{words} ({what})" if what else words
