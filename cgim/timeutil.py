"""One clock for the whole app: timezone-aware UTC."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Now, in UTC, without microseconds (they add nothing people read)."""
    return datetime.now(UTC).replace(microsecond=0)
