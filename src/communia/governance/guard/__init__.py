"""Decision guard: the AI never decides a sanction, an award or an evaluation.

`judge_request` reads what a person asks; `judge_output` reads what a model answers.
Deterministic rules over normalised text, plus shipped linear classifiers over n-grams
(see docs/guard.md): for requests the rules do not recognise and no mitigating frame
covers, and for outputs the rules let through.
"""

from __future__ import annotations

import re

from communia.governance.guard import frames, learned
from communia.governance.guard.category import CATEGORIES, named_category
from communia.governance.guard.output import find_stated_decision, may_state, output_deferred
from communia.governance.guard.request import Finding, find_decision_request, mitigated
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
    finding = find_decision_request(normalised) or _learned_request(normalised)
    if finding is None:
        return passed(language)
    return refused(_category(finding, normalised), language, finding.rule)


def _category(finding: Finding, normalised: str) -> str:
    """The category model's answer when it is sure enough, else the rules' lexicon."""
    category, probability = learned.likely_category(normalised)
    return category if probability >= learned.CATEGORY_CONFIDENCE else finding.category


def _learned_request(normalised: str) -> Finding | None:
    """The classifier's finding when the rules found nothing and no frame mitigates.

    The classifier learned from requests of a few sentences; a longer one (context
    pasted before or after the ask) is read in sentence windows of at most MAX_WORDS
    words, those holding a word that can carry a decision, and judged by its likeliest.
    """
    words = len(normalised.split())
    if not words or mitigated(normalised):
        return None
    if words <= learned.MAX_WORDS:
        part, probability = normalised, learned.decision_probability(normalised)
    else:
        found = learned.likeliest_window(normalised, learned.load().decision, may_state)
        if found is None:
            return None
        part, probability = found
    if probability < learned.load().threshold:
        return None
    category = named_category(part) or learned.likely_category(part)[0]
    return Finding("learned", f"p={probability:.2f}", category)


def judge_output(text: str) -> GuardVerdict:
    """Judge a model output: block it if it states a decision the tool must not take."""
    normalised = normalise(text)
    language = detect_language(normalised)
    finding = find_stated_decision(normalised) or (
        None if _BLANKS.search(text) else _learned_output(normalised))
    if finding is None:
        return passed(language)
    return refused(finding.category, language, finding.rule, output=True)


# Blanks to fill ("Agent : ______", "Appréciation : ..........") make a form, not a decision.
_BLANKS = re.compile(r"_{3,}|\.{5,}|…{3,}")


def _learned_output(normalised: str) -> Finding | None:
    """The output model's finding when the rules found nothing: the window it believes
    states a decision, with the category it names or the output category model's.

    Like the rules, it reads only windows holding a word that can carry a decision, and
    like the declarative rules it stays silent on one that attributes the decision to a
    named authority (a notification), on an act signed by its authority and on a form."""
    if frames.found(frames.ACT_FORM, normalised):  # an act signed by its authority
        return None
    found = learned.stated_decision(
        normalised, lambda window: may_state(window) and not output_deferred(window))
    if found is None:
        return None
    window, probability = found
    category = named_category(window) or learned.likely_category(
        window, learned.load().output_category)[0]
    return Finding("learned", f"p={probability:.2f}", category)
