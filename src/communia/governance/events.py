"""Typed journal events: one dataclass per auditable action.

Each event holds metadata and SHA-256 digests only, never raw personal data.
``journal.record`` writes any of them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, ClassVar


@dataclass(frozen=True)
class Event:
    """Base of every journal event."""

    kind: ClassVar[str] = "event"
    actor: str
    use_case: str

    def payload(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("actor")
        data.pop("use_case")
        return data


@dataclass(frozen=True)
class ModelCalled(Event):
    """A model answered a gateway call; digests of what went in and out."""

    kind: ClassVar[str] = "model.called"
    backend: str = ""
    model: str = ""
    template: str = ""
    input_sha256: str = ""
    output_sha256: str = ""
    pseudonymised: bool = False
    entities_masked: int = 0
    dropped_quotes: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    duration_ms: int = 0
    draft_id: str = ""


@dataclass(frozen=True)
class CallRefused(Event):
    """The gateway refused a call; why, and a digest of the request."""

    kind: ClassVar[str] = "model.refused"
    reason: str = ""
    category: str = ""
    input_sha256: str = ""


@dataclass(frozen=True)
class CallFailed(Event):
    """A backend failed during a gateway call; no result was stored."""

    kind: ClassVar[str] = "model.failed"
    backend: str = ""
    error: str = ""
    input_sha256: str = ""


@dataclass(frozen=True)
class DraftReviewed(Event):
    """A named person approved, edited or rejected a draft."""

    kind: ClassVar[str] = "draft.reviewed"
    draft_id: str = ""
    action: str = ""
    content_sha256: str = ""


@dataclass(frozen=True)
class UseCaseChanged(Event):
    """A use case of the register was created or changed status."""

    kind: ClassVar[str] = "register.changed"
    status: str = ""
    detail: str = ""


@dataclass(frozen=True)
class UserChanged(Event):
    """An account was created, its role changed, or it was disabled."""

    kind: ClassVar[str] = "user.changed"
    username: str = ""
    role: str = ""
    action: str = ""


@dataclass(frozen=True)
class LoginRecorded(Event):
    """Someone signed in, failed to, or was throttled."""

    kind: ClassVar[str] = "auth.login"
    outcome: str = ""
    method: str = "password"


@dataclass(frozen=True)
class AccessDenied(Event):
    """A signed-in person asked for a page or action their role does not allow."""

    kind: ClassVar[str] = "auth.denied"
    path: str = ""
    role: str = ""


@dataclass(frozen=True)
class HumanDecision(Event):
    """A named person recorded a decision (e.g. on a candidate) with a reason."""

    kind: ClassVar[str] = "decision.recorded"
    subject_ref: str = ""
    decision: str = ""
    reason_sha256: str = ""


@dataclass(frozen=True)
class PersonalDataRevealed(Event):
    """A named person lifted pseudonymisation (e.g. revealed a candidate's identity)."""

    kind: ClassVar[str] = "privacy.revealed"
    scope: str = ""
    subject_ref: str = ""


@dataclass(frozen=True)
class ActionRecorded(Event):
    """Any other auditable action of a capability, named by ``action``."""

    kind: ClassVar[str] = "action"
    action: str = ""
    detail: dict[str, Any] = field(default_factory=dict)
