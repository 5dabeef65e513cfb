"""Wrong passwords and codes per account, in the database: a growing wait, then a lock.

cgim/guesses.py counts failures per browser, address and service in the rate limiter's storage;
this adds what must hold on every process and can be lifted by a person: after FREE failures
in a row each further try waits longer, and after LOCK_AFTER the account is locked until an
admin unlocks it on /team (or LOCK_HOURS pass). A try is counted *before* its password is
checked (a claim), so many tries sent at once check one password, not all of them. Emails
nobody has are counted the same way, so a lock tells nobody which emails exist.
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import delete, select, update

from .. import guesses, timeutil
from ..database import insert_for
from ..extensions import db
from .models import User
from .signin_models import SignInFailures, SignInUnlock

FREE = 3
LOCK_AFTER = 10
FIRST_WAIT = 30  # seconds after the FREE-th failure; doubles with each one after it
LONGEST_WAIT = 15 * 60
LOCK_HOURS = 24


def key_for(email: str) -> str:
    """The row's key: a hash of the normalised email, as the guess counters keep it."""
    return guesses.digest(email.strip().lower())


def wait_after(failures: int) -> int:
    """Seconds a new try waits after this many failures in a row."""
    if failures < FREE:
        return 0
    return min(FIRST_WAIT * 2 ** (failures - FREE), LONGEST_WAIT)


@dataclass(frozen=True)
class Refused:
    """Why a try is not checked: a wait, or a lock (which an admin's unlock may let through)."""

    message: str
    locked: bool = False


@dataclass(frozen=True)
class Claim:
    """A try counted in advance: what the row held before, to give it back if it was right."""

    key: str
    before: int
    before_at: datetime | None
    at: datetime


def _current(key: str, now: datetime) -> tuple[int, datetime | None, int]:
    """(failures that count, the last one's time, failures stored); old ones no longer count."""
    row = db.session.execute(
        select(SignInFailures.failures, SignInFailures.last_failed_at).where(
            SignInFailures.key == key
        )
    ).first()
    if row is None:
        return 0, None, 0
    failures, last = row
    last = last if last.tzinfo else last.replace(tzinfo=now.tzinfo)
    if now - last >= timedelta(hours=LOCK_HOURS):
        return 0, last, failures
    return failures, last, failures


def refusal(failures: int, last: datetime | None, now: datetime) -> Refused | None:
    """Why a try may not be checked now (locked, or still waiting); or None."""
    if failures >= LOCK_AFTER:
        return Refused(locked_message(), locked=True)
    seconds = wait_after(failures)
    if last is None or not seconds:
        return None
    left = math.ceil(seconds - (now - last).total_seconds())
    if left <= 0:
        return None
    return Refused(wait_message(left))


def locked_message() -> str:
    """What someone sees at a locked account: kind, and who can help."""
    return _(
        "This account is locked to keep it safe, after too many wrong tries. "
        "An admin in your organisation can unlock it on the Team page. "
        "If nobody can, it unlocks by itself after 24 hours."
    )


def wait_message(seconds: int) -> str:
    """After a few wrong tries: how long to wait, and why."""
    if seconds > 90:
        minutes = math.ceil(seconds / 60)
        wait = ngettext(
            "Please wait %(num)s minute before you try again.",
            "Please wait %(num)s minutes before you try again.",
            minutes,
        )
    else:
        wait = ngettext(
            "Please wait %(num)s second before you try again.",
            "Please wait %(num)s seconds before you try again.",
            seconds,
        )
    return f"{wait} {_('After a few wrong tries we slow down, to keep the account safe.')}"


def claim(email: str) -> Claim | Refused:
    """Count one try for this email before checking it, or say why it must not run."""
    key, now = key_for(email), timeutil.utcnow()
    db.session.execute(
        delete(SignInFailures).where(
            SignInFailures.last_failed_at < now - timedelta(hours=LOCK_HOURS)
        )
    )
    failures, last, stored = _current(key, now)
    refused = refusal(failures, last, now)
    if refused:
        return refused
    if last is None:
        insert = insert_for(db.engine.dialect.name)
        statement = insert(SignInFailures).values(key=key, failures=1, last_failed_at=now)
        added = statement.on_conflict_do_nothing().returning(SignInFailures.key)
        done = len(db.session.execute(added).all())
    else:
        done = db.session.execute(
            update(SignInFailures)
            .where(SignInFailures.key == key, SignInFailures.last_failed_at == last)
            .where(SignInFailures.failures == stored)
            .values(failures=failures + 1, last_failed_at=now)
        ).rowcount
    if done != 1:  # another try for this account got there first: it is being checked
        return Refused(wait_message(1))
    return Claim(key, failures, last, now)


def after_failure(claim: Claim) -> str | None:
    """The wait or lock a wrong try has just caused, in words; None if there is none yet."""
    failures = claim.before + 1
    if failures >= LOCK_AFTER:
        return locked_message()
    seconds = wait_after(failures)
    return wait_message(seconds) if seconds else None


def give_back(claim: Claim) -> None:
    """The try was right but sign-in is not finished (a code comes next): uncount it."""
    if claim.before == 0 or claim.before_at is None:
        db.session.execute(
            delete(SignInFailures).where(
                SignInFailures.key == claim.key,
                SignInFailures.last_failed_at == claim.at,
                SignInFailures.failures == 1,
            )
        )
        return
    db.session.execute(
        update(SignInFailures)
        .where(SignInFailures.key == claim.key, SignInFailures.last_failed_at == claim.at)
        .where(SignInFailures.failures == claim.before + 1)
        .values(failures=claim.before, last_failed_at=claim.before_at)
    )


def clear(email: str) -> None:
    """The account starts again with no failures."""
    db.session.execute(delete(SignInFailures).where(SignInFailures.key == key_for(email)))


def _accounts(email: str) -> list[User]:
    """Every account with this email, in any organisation."""
    return list(db.session.scalars(select(User).where(User.email == email.strip().lower())))


def signed_in(user: User) -> None:
    """Signed in: the count starts again, unless another organisation has the same email.

    Then a success here says nothing about tries at the other account, so they keep counting
    (and age out after LOCK_HOURS).
    """
    if len(_accounts(user.email)) == 1:
        clear(user.email)


def unlock(user: User) -> None:
    """An admin lifts the lock of their colleague's account, and no other organisation's."""
    if all(a.organisation_id == user.organisation_id for a in _accounts(user.email)):
        clear(user.email)
        return
    db.session.execute(delete(SignInUnlock).where(SignInUnlock.user_id == user.id))
    db.session.add(SignInUnlock(user_id=user.id, unlocked_at=timeutil.utcnow()))


def _locked_since(email: str) -> datetime | None:
    """When this email's lock began (its tenth failure), or None if it is not locked."""
    now = timeutil.utcnow()
    failures, last, _stored = _current(key_for(email), now)
    return last if failures >= LOCK_AFTER else None


def _unlocked(user: User, since: datetime) -> bool:
    """An admin unlocked this account after the lock began."""
    at = db.session.scalar(select(SignInUnlock.unlocked_at).where(SignInUnlock.user_id == user.id))
    return at is not None and (at if at.tzinfo else at.replace(tzinfo=since.tzinfo)) >= since


def has_pass(user: User) -> bool:
    """The email is locked but an admin unlocked this account since: it may go on."""
    since = _locked_since(user.email)
    return since is not None and _unlocked(user, since)


def passed_account(email: str, password: str) -> User | None:
    """While the email is locked: the unlocked account whose password this is, if any."""
    since = _locked_since(email)
    if since is None:
        return None
    for user in _accounts(email):
        if _unlocked(user, since) and user.check_password(password) and user.is_active:
            return user
    return None


def locked_users(users: list[User]) -> set[int]:
    """Ids of these users whose accounts are locked now (for the Team page's Unlock buttons)."""
    since = timeutil.utcnow() - timedelta(hours=LOCK_HOURS)
    keys = {key_for(user.email) for user in users}
    found = set(
        db.session.scalars(
            select(SignInFailures.key).where(
                SignInFailures.key.in_(keys),
                SignInFailures.failures >= LOCK_AFTER,
                SignInFailures.last_failed_at > since,
            )
        )
    )
    return {user.id for user in users if key_for(user.email) in found and not has_pass(user)}
