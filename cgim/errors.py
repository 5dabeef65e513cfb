"""Domain errors raised by services; create_app maps them to HTTP once."""


class DomainError(Exception):
    """Base class for errors a service raises about the domain, never about HTTP."""


class NotFound(DomainError):
    """The thing does not exist, or this person may not know it exists."""


class Conflict(DomainError):
    """The request clashes with the current state (a closed workshop, a stale version)."""


class InvalidInput(DomainError):
    """Input a form could not catch; `field` names where to show the message."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message
