"""When a colleague leaves, the workshops they own or help run pass to the one the admin picks."""

from flask_babel import ngettext
from sqlalchemy import delete, func, or_, select, update

from ..auth.lifecycle import Handover
from ..auth.models import User
from ..extensions import db
from .models import CoFacilitator, Workshop


def held_by(user: User):
    """Workshops this person owns or co-facilitates."""
    helping = select(CoFacilitator.workshop_id).where(CoFacilitator.user_id == user.id)
    return or_(Workshop.owner_id == user.id, Workshop.id.in_(helping))


def count(user: User) -> int:
    """How many workshops this person runs."""
    return db.session.scalar(select(func.count(Workshop.id)).where(held_by(user))) or 0


def move(leaver: User, successor: User) -> int:
    """The successor owns what the leaver owned and helps where the leaver helped."""
    moved = count(leaver)
    owned = select(Workshop.id).where(Workshop.owner_id == leaver.id)
    # An owner is never their own co-facilitator.
    db.session.execute(
        delete(CoFacilitator).where(
            CoFacilitator.user_id == successor.id, CoFacilitator.workshop_id.in_(owned)
        )
    )
    db.session.execute(
        update(Workshop).where(Workshop.owner_id == leaver.id).values(owner_id=successor.id)
    )
    helping = select(CoFacilitator.workshop_id).where(CoFacilitator.user_id == leaver.id)
    already = select(Workshop.id).where(
        or_(
            Workshop.owner_id == successor.id,
            Workshop.id.in_(
                select(CoFacilitator.workshop_id).where(CoFacilitator.user_id == successor.id)
            ),
        )
    )
    joining = list(db.session.scalars(helping.where(CoFacilitator.workshop_id.not_in(already))))
    for workshop_id in joining:
        db.session.add(CoFacilitator(workshop_id=workshop_id, user_id=successor.id))
    db.session.execute(delete(CoFacilitator).where(CoFacilitator.user_id == leaver.id))
    db.session.expire_all()
    return moved


def words(number: int) -> str:
    """'3 workshops', in the reader's language."""
    return ngettext("%(num)s workshop", "%(num)s workshops", number)


WORKSHOPS = Handover(count=count, move=move, words=words)
