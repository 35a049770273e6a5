"""The governed gateway: the only path from any capability to a generative model.

Per call: the use case must be approved in the register; the decision guard refuses
requests to decide a sanction, an award, an evaluation, a hiring or a refusal;
personal data is pseudonymised before a backend not trusted with it (and the call is
refused if an identifier would still leave); the output is checked by the guard
again, its quotes verified against the sources, pseudonyms restored for the reader;
the result is stored as a draft with provenance and the call is journaled.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

from communia.ai.backends import Backend, BackendFailed, BackendUnavailable, Completion
from communia.ai.quotes import verify_quotes
from communia.errors import Refused, TooLarge
from communia.governance import journal, privacy, register, review
from communia.governance.events import CallFailed, CallRefused, ModelCalled
from communia.governance.guard import GuardVerdict, judge_output, judge_request
from communia.governance.vault import Vault, sha256_text
from communia.store.base import Database

__all__ = [
    "DecisionRefused",
    "EgressBlocked",
    "Gateway",
    "GatewayResult",
    "InputTooLong",
    "Task",
]


class DecisionRefused(Refused):
    """The request (or the model's answer) would decide a sanction, award or evaluation."""

    def __init__(self, verdict: GuardVerdict) -> None:
        super().__init__(verdict.explanation)
        self.verdict = verdict


class EgressBlocked(Refused):
    """Personal data would still reach a backend not trusted with it; nothing was sent."""


class InputTooLong(TooLarge):
    """The text is longer than the gateway accepts for one call."""


@dataclass(frozen=True)
class Task:
    """One model call, described by a capability.

    Args:
        use_case: register identifier (e.g. ``drafting``).
        actor: username of the person on whose behalf the call is made.
        template: name and version of the prompt template, e.g. ``letter/v1``.
        system: the instructions.
        prompt: the request and its material (facts, source excerpts).
        request: the person's own words, judged by the decision guard (defaults to prompt).
        schema: JSON schema the answer must follow, or None for free text.
        sources: texts quotes must come from; quotes under ``quote_keys`` are checked.
        kind, title: what the resulting draft is.
        material: the answer is material for a document the capability submits for review
            itself (e.g. the prose of a letter): it is kept with its provenance but not
            queued for review, and it can never be final on its own.
    """

    use_case: str
    actor: str
    template: str
    system: str
    prompt: str
    request: str = ""
    schema: dict[str, Any] | None = None
    sources: tuple[str, ...] = ()
    quote_keys: tuple[str, ...] = ("quote", "quotes", "evidence")
    kind: str = "text"
    title: str = ""
    max_tokens: int = 512
    material: bool = False


@dataclass
class GatewayResult:
    """A draft with provenance: the text for the reader and the parsed data if any."""

    draft_id: str
    text: str
    data: Any
    provenance: dict[str, Any]
    dropped_quotes: list[str] = field(default_factory=list)


class Gateway:
    """Runs tasks through the governance checks against one configured backend."""

    def __init__(self, db: Database, vault: Vault, backend: Backend, max_input_chars: int) -> None:
        self.db = db
        self.vault = vault
        self.backend = backend
        self.max_input_chars = max_input_chars

    @property
    def generative(self) -> bool:
        """True when a generative model is configured (not ``none``)."""
        return self.backend.name != "none"

    def run(self, task: Task) -> GatewayResult:
        """Check, call, verify, journal; return a draft. Raises on refusal or failure."""
        digest = sha256_text(task.system + "\n" + task.prompt)
        self._admit(task, digest)
        messages, mapping, masked = self._prepare(task, digest)
        started = time.perf_counter()
        completion = self._call(task, messages, digest)
        text = privacy.restore(completion.text, mapping) if mapping else completion.text
        self._check_output(task, text, digest)
        data, text, dropped = self._verify(task, text)
        provenance = self._provenance(task, completion)
        with self.db.session() as session:
            draft = review.create_draft(
                session, self.vault, use_case=task.use_case, kind=task.kind,
                title=task.title or task.template, content=text, requested_by=task.actor,
                provenance=provenance, material=task.material,
            )
            journal.record(session, ModelCalled(
                actor=task.actor, use_case=task.use_case, backend=self.backend.name,
                model=completion.model, template=task.template, input_sha256=digest,
                output_sha256=sha256_text(text), pseudonymised=bool(mapping) or masked > 0,
                entities_masked=masked, dropped_quotes=len(dropped),
                prompt_tokens=completion.prompt_tokens,
                completion_tokens=completion.completion_tokens,
                duration_ms=int((time.perf_counter() - started) * 1000), draft_id=draft.id,
            ))
        return GatewayResult(draft.id, text, data, provenance, dropped)

    def _admit(self, task: Task, digest: str) -> None:
        if len(task.prompt) + len(task.system) > self.max_input_chars:
            self._refuse(task, digest, "too_long", "")
            raise InputTooLong(
                f"The text is {len(task.prompt):,} characters; the limit for one call is "
                f"{self.max_input_chars:,}. Shorten it or split it into parts."
            )
        try:
            with self.db.session() as session:
                register.require_approved(session, task.use_case)
        except (register.UseCaseNotApproved, register.UseCaseNotFound):
            self._refuse(task, digest, "use_case_not_approved", "")
            raise
        verdict = judge_request(task.request or task.prompt)
        if verdict.decision_request:
            self._refuse(task, digest, "decision_request", verdict.category)
            raise DecisionRefused(verdict)

    def _prepare(self, task: Task, digest: str) -> tuple[list[dict[str, str]], dict[str, str], int]:
        messages = [{"role": "system", "content": task.system},
                    {"role": "user", "content": task.prompt}]
        if self.backend.trusted_for_personal_data:
            return messages, {}, 0
        # One detection pass at the egress threshold (recall first) over the instructions
        # and the request read as one exchange, then a rules-only look at what would
        # leave: see docs/adr/0002-single-pass-egress.md.
        masker = privacy.Pseudonymiser()
        contents = masker.pseudonymise_parts([m["content"] for m in messages],
                                             threshold=privacy.EGRESS_THRESHOLD)
        safe = [{"role": m["role"], "content": content}
                for m, content in zip(messages, contents, strict=True)]
        leaks = privacy.residual_identifiers(privacy.PART_BREAK.join(contents))
        if leaks:
            self._refuse(task, digest, "egress_blocked", "")
            labels = sorted({e.label for e in leaks})
            raise EgressBlocked(
                "Personal data could not be fully masked (" + ", ".join(labels) + "); "
                "nothing was sent to the untrusted model. Remove it or use a trusted backend."
            )
        return safe, dict(masker.mapping), len(masker.mapping)

    def _call(self, task: Task, messages: list[dict[str, str]], digest: str) -> Completion:
        try:
            return self.backend.complete(messages, task.schema, task.max_tokens)
        except (BackendUnavailable, BackendFailed) as exc:
            with self.db.session() as session:
                journal.record(session, CallFailed(
                    actor=task.actor, use_case=task.use_case, backend=self.backend.name,
                    error=type(exc).__name__, input_sha256=digest))
            raise

    def _check_output(self, task: Task, text: str, digest: str) -> None:
        verdict = judge_output(text)
        if verdict.decision_request:
            self._refuse(task, digest, "decision_in_output", verdict.category)
            raise DecisionRefused(verdict)

    def _verify(self, task: Task, text: str) -> tuple[Any, str, list[str]]:
        if task.schema is None:
            return None, text, []
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            raise BackendFailed("The model's answer is not valid JSON; try again.") from None
        if not task.sources:
            return data, text, []
        checked = verify_quotes(data, task.quote_keys, list(task.sources))
        return checked.data, json.dumps(checked.data, ensure_ascii=False), checked.dropped

    def _provenance(self, task: Task, completion: Completion) -> dict[str, Any]:
        return {
            "use_case": task.use_case,
            "user": task.actor,
            "backend": self.backend.name,
            "model": completion.model,
            "template": task.template,
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "pseudonymised": not self.backend.trusted_for_personal_data,
        }

    def _refuse(self, task: Task, digest: str, reason: str, category: str) -> None:
        with self.db.session() as session:
            journal.record(session, CallRefused(actor=task.actor, use_case=task.use_case,
                                                reason=reason, category=category,
                                                input_sha256=digest))
