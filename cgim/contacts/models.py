"""Local help lines and reporting contacts, entered by the organisation (never invented)."""

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class LocalContact(db.Model):
    """A number parents can call: a help line, or where to report a worry about a child."""

    __tablename__ = "local_contacts"
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(40), default="")
    description: Mapped[str] = mapped_column(String(300), default="")
    # "local" help lines come first; a "national" one is the fallback shown everywhere a
    # help line is promised, so no parent ever reads "ask your facilitator" instead.
    kind: Mapped[str] = mapped_column(String(10), default="local", server_default="local")
