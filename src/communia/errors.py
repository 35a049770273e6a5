"""The project's base exception: services raise these, the web and CLI translate them.

``kind`` says what went wrong in domain terms; the web maps it to a status code and
the CLI to an exit code. The message is for the person: what is wrong, what to do.
"""

from __future__ import annotations


class CommuniaError(Exception):
    """A known, explainable failure. Subclasses set ``kind``."""

    kind = "invalid"  # invalid | not_found | refused | conflict | unavailable | too_large


class InvalidInput(CommuniaError):
    """The input is malformed or incomplete; the message names the field or file."""

    kind = "invalid"


class NotFound(CommuniaError):
    kind = "not_found"


class Refused(CommuniaError):
    """A governance rule forbids this action."""

    kind = "refused"


class Conflict(CommuniaError):
    """The action does not fit the current state (e.g. already frozen, not approved)."""

    kind = "conflict"


class Unavailable(CommuniaError):
    """A component (model, database, worker) cannot be reached."""

    kind = "unavailable"


class TooLarge(CommuniaError):
    kind = "too_large"
