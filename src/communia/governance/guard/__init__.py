"""Decision guard: the AI never decides a sanction, an award or an evaluation.

`judge_request` reads what a person asks; `judge_output` reads what a model answers.
Both are deterministic rules over normalised text (see docs/guard.md).
"""

from __future__ import annotations

from communia.governance.guard.category import CATEGORIES
from communia.governance.guard.output import find_stated_decision
from communia.governance.guard.request import find_decision_request
from communia.governance.guard.text import detect_language, normalise
from communia.governance.guard.verdict import GuardVerdict, passed, refused

__all__ = ["CATEGORIES", "GuardVerdict", "judge_output", "judge_request"]


def judge_request(text: str, lang: str | None = None) -> GuardVerdict:
    """Judge a request text: refuse it if it asks the tool to take a decision.

    Args:
        text: the person's request, French or English.
        lang: "fr" or "en" for the explanation; detected from the text when None.
    """
    normalised = normalise(text)
    language = lang if lang in ("fr", "en") else detect_language(normalised)
    finding = find_decision_request(normalised)
    if finding is None:
        return passed(language)
    return refused(finding.category, language, finding.rule)


def judge_output(text: str) -> GuardVerdict:
    """Judge a model output: block it if it states a decision the tool must not take."""
    normalised = normalise(text)
    language = detect_language(normalised)
    finding = find_stated_decision(normalised)
    if finding is None:
        return passed(language)
    return refused(finding.category, language, finding.rule, output=True)
