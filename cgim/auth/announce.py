"""Staff writes inside `auth` (accounts, team, settings), announced for the audit log to record.

The audit log sits above `auth` (it uses auth's roles for /team/audit), so auth cannot call it
directly without an import cycle. Auth announces instead; cgim/audit/services.py listens and
writes the row into the same database session, so the caller's commit keeps both or neither.
"""

from blinker import Namespace

staff_wrote = Namespace().signal("cgim.staff-wrote")


def announce(user, action: str, *, parent_id=None, workshop_id=None, what: str = "") -> None:
    """Tell the audit log that this staff member changed something (see audit/words.py)."""
    staff_wrote.send(user, action=action, parent_id=parent_id, workshop_id=workshop_id, what=what)
