"""Wrong guesses at codes and passwords: counted so guessing fails and a busy room never locks out.

Only failures are counted: per device (a random id in the signed session cookie), per address,
per target (a resume code's first half, a staff account) and on one budget for the whole
service, all in the rate limiter's storage (CGIM_RATELIMIT_STORAGE: Redis shares them between
processes). A guess is refused before it is checked when its device, its target or the service
budget is spent, or when its address is spent and the device has not earned trust by signing in
here before: a room of tablets behind one address keeps working while one of them mistypes.
The figures and the arithmetic are in docs/security.md.
"""

import hashlib
import ipaddress
import math
import secrets
import time
from dataclasses import dataclass, replace

from flask import current_app, request, session
from flask_babel import gettext as _
from flask_babel import ngettext
from limits import parse
from limits.strategies import MovingWindowRateLimiter

from . import codes
from .extensions import limiter


@dataclass(frozen=True)
class Limits:
    """Failures allowed per window for one kind of guess ("N per period", as limits parses)."""

    device: str
    address: str
    overall: str
    target: str | None = None
    # Devices that signed in as this group before skip the address limit.
    group: str = "parent"
    # False only where trust cannot be had without a secret (staff): trusted devices then
    # also skip the service budget, so an attack on it cannot lock staff out.
    strict: bool = True
    # Device, address and target counters shared with another kind (old-length resume codes).
    counts_as: str = ""


LIMITS = {
    "join": Limits(device="20 per minute", address="20 per minute", overall="1000 per hour"),
    "resume": Limits(
        device="10 per 15 minutes",
        address="30 per 10 minutes",
        overall="1000 per hour",
        target="10 per day",
    ),
    # Codes from before the 10-character length: a smaller space, so a budget of their own.
    "resume-legacy": Limits(
        device="10 per 15 minutes",
        address="30 per 10 minutes",
        overall="2 per hour",
        target="10 per day",
        counts_as="resume",
    ),
    "login": Limits(
        device="10 per minute",
        address="30 per 10 minutes",
        overall="1000 per hour",
        target="10 per 15 minutes",
        group="staff",
        strict=False,
    ),
}
# Families with an open resume code the guarantee is stated for (docs/security.md).
FAMILIES = 10_000
DAY = 24 * 60 * 60


def limits_for(kind: str) -> Limits:
    """The limits of a kind, with the app's CGIM_GUESS_LIMITS overrides (tests shrink them)."""
    overrides = current_app.config.get("CGIM_GUESS_LIMITS", {}).get(kind, {})
    return replace(LIMITS[kind], **overrides)


def per_day(rate: str) -> int:
    """The most failures a moving-window rate lets through in any 24 hours."""
    item = parse(rate)
    return item.amount * math.ceil(DAY / item.get_expiry())


def resume_odds(kind: str = "resume", families: int = FAMILIES) -> float:
    """The chance per day that guesses within the service budget open some family's record."""
    length = codes.LEGACY_RESUME_LENGTH if kind == "resume-legacy" else codes.RESUME_LENGTH
    guesses = per_day(LIMITS[kind].overall)
    return codes.daily_odds(len(codes.ALPHABET), length, families, guesses)


@dataclass(frozen=True)
class Refusal:
    """Why a guess was not checked, and how long until it may be."""

    reason: str  # "here" (this device or address), "target" or "overall"
    kind: str
    minutes: int

    def message(self) -> str:
        """Plain words for the person at the screen."""
        if self.reason == "target":
            first = (
                _("This account is locked for now after too many wrong passwords.")
                if self.kind == "login"
                else _("There have been too many wrong tries with this code today.")
            )
        elif self.reason == "overall":
            first = _(
                "Too many wrong codes have been tried on this service just now, "
                "so we have paused checking them to keep families' answers safe."
            )
        else:
            first = _("There have been too many wrong tries from here.")
        if self.minutes > 90:
            hours = math.ceil(self.minutes / 60)
            wait = ngettext(
                "Please try again in %(num)s hour.", "Please try again in %(num)s hours.", hours
            )
        else:
            wait = ngettext(
                "Please try again in %(num)s minute.",
                "Please try again in %(num)s minutes.",
                self.minutes,
            )
        return f"{first} {wait}"


class Attempt:
    """One guess of a kind (join, resume, resume-legacy, login), at an optional target."""

    def __init__(self, kind: str, target: str | None = None):
        self.kind = kind
        self.limits = limits_for(kind)
        self.strategy = MovingWindowRateLimiter(limiter.storage)
        counter = self.limits.counts_as or kind
        prefix = ("cgim-guess", current_app.config.get("RATELIMIT_KEY_PREFIX", ""))
        self.keys = {
            "device": (*prefix, counter, "device", device()["id"]),
            "address": (*prefix, counter, "address", address()),
            "overall": (*prefix, kind, "overall"),
        }
        if target is not None and self.limits.target:
            self.keys["target"] = (*prefix, counter, "target", digest(target))

    def checks(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """(reason, rate, key) of each limit that applies to this device."""
        trusted = self.limits.group in device()["trusted"]
        found = [("here", self.limits.device, self.keys["device"])]
        if "target" in self.keys:
            found.append(("target", self.limits.target or "", self.keys["target"]))
        if self.limits.strict or not trusted:
            found.append(("overall", self.limits.overall, self.keys["overall"]))
        if not trusted:
            found.append(("here", self.limits.address, self.keys["address"]))
        return found

    def refusal(self) -> Refusal | None:
        """Why this guess must not be checked now, or None."""
        for reason, rate, key in self.checks():
            item = parse(rate)
            if not self.strategy.test(item, *key):
                reset = self.strategy.get_window_stats(item, *key).reset_time
                minutes = max(1, math.ceil((reset - time.time()) / 60))
                return Refusal(reason, self.kind, minutes)
        return None

    def failed(self) -> None:
        """Count a wrong guess on every counter it belongs to."""
        rates = {
            "device": self.limits.device,
            "address": self.limits.address,
            "overall": self.limits.overall,
            "target": self.limits.target or "",
        }
        for scope, key in self.keys.items():
            self.strategy.hit(parse(rates[scope]), *key)


def device() -> dict:
    """This browser's random id and the groups it has signed in as, kept in its session."""
    found = session.get("device")
    if not isinstance(found, dict) or not isinstance(found.get("id"), str):
        found = {"id": secrets.token_urlsafe(12), "trusted": []}
        session["device"] = found
    return found


def trust_this_device(group: str) -> None:
    """A sign-in succeeded here: other people's failures on this address no longer block it."""
    current = device()
    if group not in current["trusted"]:
        session["device"] = {**current, "trusted": [*current["trusted"], group]}


def address() -> str:
    """The client's address; IPv6 by /64, since one household gets a whole /64."""
    raw = request.remote_addr or "unknown"
    try:
        parsed = ipaddress.ip_address(raw)
    except ValueError:
        return raw
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def digest(value: str) -> str:
    """A target as a short hash: storage never holds an email or half a code."""
    return hashlib.sha256(value.encode("utf-8", "replace")).hexdigest()[:32]
