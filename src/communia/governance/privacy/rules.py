"""Regex rules with checksum validation and context words, as Presidio recognizers."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

CONTEXT_BEFORE = 60
CONTEXT_AFTER = 25
CONTEXT_BOOST = 0.3


@dataclass(frozen=True)
class Rule:
    """One way of spotting an identifier.

    Args:
        pattern: the regex; group ``id`` (if present) is the entity span.
        score: the score when the rule fires without context.
        validator: a checksum on the matched text; a failed check drops the match.
        context: words that raise the score when found just before or after.
        needs_context: drop the match unless a context word is near.
        hint: a cheap search the whole text must pass for the rule to match at all
            (e.g. "@" for an e-mail); a text without it skips the rule's scan.
    """

    pattern: re.Pattern[str]
    score: float
    validator: Callable[[str], bool] | None = None
    context: re.Pattern[str] | None = None
    needs_context: bool = False
    before: int = CONTEXT_BEFORE
    after: int = CONTEXT_AFTER
    stop: re.Pattern[str] | None = None
    hint: re.Pattern[str] | None = None


def words(*alternatives: str) -> re.Pattern[str]:
    """Compile context words into one case-insensitive regex."""
    return re.compile("|".join(alternatives), re.IGNORECASE)


def has_context(text: str, start: int, end: int, rule: Rule) -> bool:
    """Return True when one of the rule's context words sits near [start, end).

    With a ``stop`` pattern, the part of the window before its last match is ignored,
    so "né le 3 mars 1980, embauché le 2 mai 2010" keeps "né" for the first date only.
    """
    if rule.context is None:
        return False
    before = text[max(0, start - rule.before) : start]
    if rule.stop is not None:
        stops = list(rule.stop.finditer(before))
        if stops:
            before = before[stops[-1].end() :]
    window = before + " " + text[end : end + rule.after]
    return rule.context.search(window) is not None


def apply_rule(text: str, rule: Rule) -> list[tuple[int, int, float]]:
    """Return the (start, end, score) spans one rule finds in ``text``."""
    found: list[tuple[int, int, float]] = []
    if rule.hint is not None and rule.hint.search(text) is None:
        return found
    for match in rule.pattern.finditer(text):
        group = "id" if "id" in rule.pattern.groupindex else 0
        start, end = match.span(group)
        if start < 0 or start == end:
            continue
        if rule.validator is not None and not rule.validator(match.group(group)):
            continue
        score = rule.score
        if rule.context is not None:
            near = has_context(text, start, end, rule)
            if rule.needs_context and not near:
                continue
            if near:
                score = min(1.0, score + CONTEXT_BOOST)
        found.append((start, end, score))
    return found


class RuleRecognizer(LocalRecognizer):
    """A Presidio recognizer running a list of rules for one label and one language."""

    def __init__(self, label: str, rules: list[Rule], language: str) -> None:
        self.rules = rules
        super().__init__(
            supported_entities=[label],
            name=f"communia_{label.lower()}_{language}",
            supported_language=language,
        )

    def load(self) -> None:
        """Nothing to load: the rules are compiled at import time."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Run every rule and return Presidio results for this recognizer's label."""
        label = self.supported_entities[0]
        if entities and label not in entities:
            return []
        return [
            RecognizerResult(label, start, end, score)
            for rule in self.rules
            for start, end, score in apply_rule(text, rule)
        ]
