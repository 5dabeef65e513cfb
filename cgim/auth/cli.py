"""The command line's organisations and accounts: `cgim org create`, `org list`, `create-user`."""

import click

from ..errors import InvalidInput
from ..extensions import db
from . import organisations, services
from .forms import MIN_PASSWORD
from .models import Organisation


class CommandError(click.ClickException):
    """Bad input to a command: one line on stderr and exit code 2 (design.md 4.1)."""

    exit_code = 2


def pick_organisation(name: str | None) -> Organisation:
    """The organisation named (or numbered), the only one, or a new one when there is none."""
    every = organisations.everyone()
    if name and name.strip():
        return named_or_numbered(name, bool(every))
    if len(every) == 1:
        return every[0]
    if not every:
        raise CommandError("no organisation yet: give --organisation NAME")
    raise CommandError("there are several organisations: give --organisation NAME")


def named_or_numbered(name: str, any_exist: bool) -> Organisation:
    """The organisation with this name or id; the first one ever is made from its name."""
    wanted = name.strip()
    match = organisations.named(wanted)
    if len(match) == 1:
        return match[0]
    if match:
        raise CommandError(
            f"several organisations are called {wanted!r}: give its id instead (cgim org list)"
        )
    if wanted.isdigit() and len(wanted) <= 10 and db.session.get(Organisation, int(wanted)):
        return db.session.get(Organisation, int(wanted))
    if any_exist:
        raise CommandError(
            f"no organisation is called {wanted!r} (add it first: cgim org create {wanted!r})"
        )
    return new_organisation(wanted)


def new_organisation(name: str) -> Organisation:
    """A new organisation, or the reason why not as a command error."""
    try:
        return organisations.create(name)
    except InvalidInput as problem:
        raise CommandError(str(problem.message)) from None


def add_organisation(name: str) -> str:
    """`cgim org create NAME`: add it and give back its id, the one thing printed."""
    organisation = new_organisation(name)
    db.session.commit()
    return str(organisation.id)


def list_organisations() -> list[str]:
    """`cgim org list`: one line per organisation, id then name (tab between)."""
    return [f"{o.id}\t{o.name}" for o in organisations.everyone()]


def add_account(email: str, name: str, role: str, organisation: str | None, password: str) -> str:
    """Create the account and say so in one line."""
    if len(password) < MIN_PASSWORD:
        raise CommandError(f"the password needs at least {MIN_PASSWORD} characters")
    org = pick_organisation(organisation)
    try:
        user = services.create_user(org, name, email, role, password)
    except InvalidInput as problem:
        db.session.rollback()
        raise CommandError(f"{problem.field}: {problem.message!s}") from None
    db.session.commit()
    return f"Added {user.role} {user.email} to {org.name}."
