"""Model-written summaries go through the real gateway: extracts cited, refusals handled."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

from communia.ai.backends import Completion
from communia.bootstrap import Runtime
from communia.recruitment.catalogue import KNOWN
from communia.recruitment.model import JobProfile
from communia.recruitment.screening import screen_files
from communia.recruitment.service import make_summariser
from tests.unit.recruitment.factories import CV_FR


class ScriptedBackend:
    """A backend that answers with a fixed text, trusted so nothing is pseudonymised."""

    name = "scripted"
    model = "scripted-1"
    trusted_for_personal_data = True

    def __init__(self, answer: Callable[[], str]) -> None:
        self.answer = answer
        self.calls = 0
        self.prompts: list[str] = []

    def complete(self, messages: list[dict[str, str]], schema: dict[str, Any] | None,
                 max_tokens: int) -> Completion:
        self.calls += 1
        self.prompts.append(messages[-1]["content"])
        return Completion(self.answer(), self.model)


def _screen(runtime: Runtime) -> Any:
    profile = JobProfile("Animateur", tuple(k.criterion for k in KNOWN)).freeze()
    return screen_files(profile, [("cv.txt", CV_FR.encode())], today=date(2025, 6, 1),
                        summarise=make_summariser(runtime, "rh"))


def test_model_summary_keeps_only_sentences_citing_an_extract(
        make_runtime: Callable[..., Runtime]) -> None:
    sentences = [{"text": f"Fact {i}.", "extract": i} for i in (1, 2, 3)]
    sentences.append({"text": "Invented.", "extract": 99})
    backend = ScriptedBackend(lambda: json.dumps({"sentences": sentences}))
    screening = _screen(make_runtime(backend=backend))
    candidate = screening.candidates[0]
    assert backend.calls == 1
    assert candidate.summary_source == "model"
    assert candidate.summary.splitlines() == ["Fact 1.", "Fact 2.", "Fact 3."]


def test_the_model_reads_numbered_evidence_extracts_not_the_whole_application(
        make_runtime: Callable[..., Runtime]) -> None:
    answer = {"sentences": [{"text": f"Fact {i}.", "extract": i} for i in (1, 2, 3)]}
    backend = ScriptedBackend(lambda: json.dumps(answer))
    screening = _screen(make_runtime(backend=backend))
    prompt = backend.prompts[0]
    numbered = [line for line in prompt.splitlines() if line[:1].isdigit()]
    assert 3 <= len(numbered) <= 10
    assert numbered[0].startswith("1. ")
    quotes = {e.quote for r in screening.candidates[0].criteria for e in r.evidence}
    assert any(q in prompt for q in quotes)
    assert "Vendeuse en boulangerie" not in prompt  # neither evidence nor an opening line
    assert "Marchand" not in prompt and "06 12 34 56 78" not in prompt


def test_too_few_verified_quotes_fall_back_to_extractive(make_runtime: Callable[..., Runtime]
                                                         ) -> None:
    answer = {"sentences": [{"text": "Invented.", "extract": 0}] * 3}
    screening = _screen(make_runtime(backend=ScriptedBackend(lambda: json.dumps(answer))))
    assert screening.candidates[0].summary_source == "extractive"
    assert screening.notices


def test_a_decision_in_the_model_output_is_refused_and_not_shown(
        make_runtime: Callable[..., Runtime]) -> None:
    verdict = {"sentences": [{"text": "We recommend hiring this candidate; reject the others.",
                              "extract": i} for i in (1, 2, 3)]}
    screening = _screen(make_runtime(backend=ScriptedBackend(lambda: json.dumps(verdict))))
    candidate = screening.candidates[0]
    assert candidate.summary_source == "extractive"
    assert "recommend" not in candidate.summary
    assert any("decision guard" in n for n in screening.notices)
