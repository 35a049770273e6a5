"""The prompt workshop: feedback on an agent's prompt and the model's answer through the gateway.

Flags: personal data (``privacy.detect``), a missing role, context, expected format or
constraints (``model.missing_elements``), and requests for a decision
(``guard.judge_request``). Exercises are completed when a rewrite raises no flag.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from communia.ai.backends import BackendFailed, BackendUnavailable
from communia.ai.gateway import DecisionRefused, Gateway, Task
from communia.errors import InvalidInput, NotFound
from communia.governance import journal, privacy
from communia.governance.console.exercises import EXERCISES, Exercise, get_exercise
from communia.governance.console.model import missing_elements
from communia.governance.console.tables import WorkshopCompletionRow
from communia.governance.events import ActionRecorded
from communia.governance.guard import judge_request
from communia.governance.vault import normalise_value, sha256_text

USE_CASE = "prompt_workshop"
MAX_PROMPT = 4000
SYSTEM = ("You are a writing assistant for a French local authority's staff. Answer the "
          "request briefly. Never take a sanction, award or evaluation decision.")


@dataclass
class Feedback:
    """What the workshop says about one prompt."""

    flags: list[str] = field(default_factory=list)
    personal_data: list[str] = field(default_factory=list)
    decision: str = ""
    explanation: str = ""
    suggestion: str = ""

    @property
    def clean(self) -> bool:
        return not self.flags


@dataclass
class Attempt:
    """Feedback plus the model's answer (or why there is none)."""

    feedback: Feedback
    answer: str = ""
    draft_id: str = ""
    notice: str = ""


def analyse(prompt: str, lang: str = "fr") -> Feedback:
    """Flag personal data, missing elements and decision requests in ``prompt``."""
    text = _checked(prompt)
    feedback = Feedback()
    labels = sorted({e.label for e in privacy.detect(text)})
    if labels:
        feedback.flags.append("personal_data")
        feedback.personal_data = labels
    feedback.flags.extend(missing_elements(normalise_value(text)))
    verdict = judge_request(text, lang)
    if verdict.decision_request:
        feedback.flags.append("decision_request")
        feedback.decision = verdict.category
        feedback.explanation, feedback.suggestion = verdict.explanation, verdict.suggestion
    return feedback


def _checked(prompt: str) -> str:
    text = prompt.strip()
    if not text:
        raise InvalidInput("Write a prompt first: the workshop comments on what you write.")
    if len(text) > MAX_PROMPT:
        raise InvalidInput(f"The prompt is {len(text):,} characters; keep it under "
                           f"{MAX_PROMPT:,} for the workshop.")
    return text


def attempt(gateway: Gateway, prompt: str, actor: str, lang: str = "fr") -> Attempt:
    """Feedback, then the model's answer through the gateway (refusals are shown as such)."""
    result = Attempt(analyse(prompt, lang))
    if "decision_request" in result.feedback.flags:
        result.notice = result.feedback.explanation
        return result
    if not gateway.generative:
        result.notice = ("No generative model is configured: only the feedback is shown."
                         if lang == "en" else
                         "Aucun modèle génératif n'est configuré : seuls les conseils sont "
                         "affichés.")
        return result
    try:
        answer = gateway.run(Task(use_case=USE_CASE, actor=actor, template="workshop/v1",
                                  system=SYSTEM, prompt=prompt.strip(), kind="workshop",
                                  title="Prompt workshop", max_tokens=400))
    except DecisionRefused as exc:
        result.notice = str(exc)
    except (BackendUnavailable, BackendFailed) as exc:
        result.notice = str(exc)
    else:
        result.answer, result.draft_id = answer.text, answer.draft_id
    return result


def submit_exercise(session: Session, exercise_id: str, prompt: str, actor: str,
                    lang: str = "fr") -> tuple[Feedback, bool]:
    """Check a rewrite for an exercise; record a completion when it raises no flag."""
    exercise = get_exercise(exercise_id)
    if exercise is None:
        raise NotFound(f"No exercise '{exercise_id}'; pick one from the workshop page.")
    feedback = analyse(prompt, lang)
    if feedback.clean:
        session.add(WorkshopCompletionRow(username=actor, exercise=exercise.id,
                                          use_case=exercise.use_case, flags=[]))
        journal.record(session, ActionRecorded(actor=actor, use_case=USE_CASE,
                                               action="workshop.completed",
                                               detail={"exercise": exercise.id,
                                                       "prompt_sha256": sha256_text(prompt)}))
    return feedback, feedback.clean


def completed(session: Session, username: str) -> set[str]:
    """Identifiers of the exercises ``username`` completed."""
    return set(session.scalars(select(WorkshopCompletionRow.exercise)
                               .where(WorkshopCompletionRow.username == username)))


def exercises_for(use_case: str | None = None) -> list[Exercise]:
    return [e for e in EXERCISES if use_case in (None, e.use_case)]
