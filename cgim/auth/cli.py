"""create-user for the command line: the organisation is found or made, then the account."""

import click
from sqlalchemy import select

from ..errors import InvalidInput
from ..extensions import db
from . import services
from .forms import MIN_PASSWORD
from .models import Organisation


def pick_organisation(name: str | None) -> Organisation:
    """The named organisation, the only one, or a new one when there is none."""
    organisations = list(db.session.scalars(select(Organisation)))
    if name:
        match = [o for o in organisations if o.name.lower() == name.strip().lower()]
        if match:
            return match[0]
        if organisations:
            raise click.ClickException(f"no organisation is called {name!r}")
        return Organisation(name=name.strip())
    if len(organisations) == 1:
        return organisations[0]
    if not organisations:
        raise click.ClickException("no organisation yet: give --organisation NAME")
    raise click.ClickException("there are several organisations: give --organisation NAME")


def add_account(email: str, name: str, role: str, organisation: str | None, password: str) -> str:
    """Create the account and say so in one line."""
    if len(password) < MIN_PASSWORD:
        raise click.ClickException(f"the password needs at least {MIN_PASSWORD} characters")
    org = pick_organisation(organisation)
    db.session.add(org)
    try:
        user = services.create_user(org, name, email, role, password)
    except InvalidInput as problem:
        raise click.ClickException(f"{problem.field}: {problem.message!s}") from None
    db.session.commit()
    return f"Added {user.role} {user.email} to {org.name}."
