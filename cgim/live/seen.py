"""Room reads in the audit log: which families each member of staff saw on which screen, when."""

from functools import wraps

from flask_login import current_user
from sqlalchemy import select

from ..audit import services as audit
from ..database import writes_on_read
from ..extensions import db
from ..parent.models import Parent


def logs_room_read(action: str, names_families: bool = True):
    """Log a room page the view showed: one row per family on it (coalesced), or one for the room.

    The workshop page and the dashboard name every parent of the workshop, so each gets a
    row their record shows; the projector names no one and gets one row for the room. A view
    that refuses (404) logs nothing. Polling re-reads add no row within audit.COALESCE.
    """

    def decorate(view):
        @wraps(view)
        def logged(workshop_id: int, **kwargs):
            response = view(workshop_id=workshop_id, **kwargs)
            shown = (
                db.session.scalars(select(Parent.id).where(Parent.workshop_id == workshop_id))
                if names_families
                else []
            )
            audit.record_seen(current_user, action, workshop_id, list(shown))
            db.session.commit()
            return response

        return writes_on_read(logged)

    return decorate
