"""Find, in a normalised request, the wording that asks the tool to take a decision."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from communia.governance.guard import frames
from communia.governance.guard.category import categorise
from communia.governance.guard.lexicon import (
    BENEFIT,
    BID,
    CANDIDATE,
    GRANT,
    PERSON,
    REJECT_VERB,
    SANCTION_NOUN,
    SPECIFIC_VERB,
    compile_rule,
    either,
)
from communia.governance.guard.rules import (
    ADMIN_OBJECT,
    CORE_STEMS,
    EN_MARKER,
    FR_MARKER,
    INFINITIVE,
    NAMED_EARLIER,
    NEAR_OBJECT,
    NEUTRAL_ORDER,
    OBJECT_BEFORE,
    PERSON_CUE,
    REFERRING_OBJECT,
    RULES,
    SCALE_TARGET,
    SPECIFIC,
    THING,
    Rule,
)
from communia.governance.guard.text import collapse, sentences


@dataclass(frozen=True)
class Finding:
    """The rule that recognised a decision request, the phrase it matched, its category."""

    rule: str
    phrase: str
    category: str


_CONNECTOR = re.compile(r".*(?:, | et | and | puis | then | mais | but |^)")
_INVERTED_SUBJECT = re.compile(r"^ (?:t )?(?:tu|vous|je|on|nous|il|elle)\b")
_WEAK_OUTCOME = compile_rule(
    r"\b" + either(SANCTION_NOUN, SPECIFIC_VERB, REJECT_VERB + r"\b.*\b" + BENEFIT) + r"\b")
_WEAK_TARGET = compile_rule(r"\b" + either(PERSON, CANDIDATE, BID, GRANT, BENEFIT) + r"\b")
_MITIGATORS = (frames.TAKEN, frames.DRAFT, frames.INFO, frames.SUPPORT, frames.LEGAL_QUESTION)


def _gate(rule: Rule) -> tuple[str, ...]:
    return tuple(collapse(stem) for stem in rule.gate) if rule.gate else CORE_STEMS


_GATES = tuple(dict.fromkeys(_gate(rule) for rule in RULES))
_RULE_BITS = tuple(1 << _GATES.index(_gate(rule)) for rule in RULES)


@lru_cache(maxsize=65536)
def _word_mask(word: str) -> int:
    """Bit i is set when word begins with one of the stems of gate i."""
    return sum(1 << i for i, gate in enumerate(_GATES) if word.startswith(gate))


def _mask(words: set[str]) -> int:
    mask = 0
    for word in words:
        mask |= _word_mask(word)
    return mask


def find_decision_request(normalised: str) -> Finding | None:
    """Return the first decision request found in normalised text, or None."""
    parts = []
    for sentence in sentences(normalised, split_colon=True):
        words = set(sentence.split())
        parts.append((sentence, words, _mask(words)))
    whole: list[tuple[str, set[str], int]] = []
    for rule, bit in zip(RULES, _RULE_BITS, strict=True):
        if rule.whole_text and not whole:
            words = set(normalised.split())
            whole = [(normalised, words, _mask(words))]
        for scope, words, mask in whole if rule.whole_text else parts:
            if not mask & bit or (rule.words and not rule.words & words):
                continue
            for match in rule.pattern.finditer(scope):
                if _accepts(rule, match, scope, normalised):
                    return Finding(rule.name, match.group(0).strip(),
                                   categorise(match.group(0), scope, normalised))
    core = _RULE_BITS[0]
    return _weak_request([p for p, _, m in parts if m & core], normalised)


def _accepts(rule: Rule, match: re.Match[str], scope: str, text: str) -> bool:
    if not _shape_holds(rule, match, scope, text):
        return False
    sentence_before = scope[:match.start()]
    refusal_scope = scope if rule.strength == "medium" else sentence_before + match.group(0)
    if frames.REFUSES_DELEGATION.search(refusal_scope):
        return False
    taken_scope = text if rule.strength == "medium" else scope
    if frames.found(frames.TAKEN, taken_scope):
        return False
    clause = _CONNECTOR.sub("", sentence_before)
    if rule.name == "yes_no" and frames.GOVERNING_SUPPORT.search(clause):
        return False
    if rule.strength == "strong":
        return True
    return not any(f.search(clause) for f in
                   (frames.INFO, frames.GOVERNING_SUPPORT, frames.LEGAL_QUESTION))


def _shape_holds(rule: Rule, match: re.Match[str], scope: str, text: str) -> bool:
    """Checks a regular expression cannot express compactly, per rule."""
    groups = match.groupdict()
    if rule.name == "give_sanction":  # "mets-lui un blâme", "un blâme à Mme Roussel"
        return any(groups.get(name) for name in ("before", "pronoun", "target"))
    if rule.name == "person_up_to_it":  # a person, not "the new booking software"
        return bool(PERSON_CUE.search(match.group(0))) and not THING.search(match.group(0))
    if rule.name == "who_fr":
        after = scope[match.end():]
        return bool(FR_MARKER.search(groups["gap"]) or INFINITIVE.search(groups["verb"])
                    or _INVERTED_SUBJECT.search(after))
    if rule.name == "who_en":
        return bool(EN_MARKER.search(groups["gap"])
                    or groups["verb"] in {"deserves", "gets", "wins", "should win"})
    if rule.name == "imperative_score":
        return not NEUTRAL_ORDER.search(scope) and not frames.GOVERNING_SUPPORT.search(scope)
    if rule.name == "object_to_outcome":
        # "les candidats à retenir": after the French "à", only an infinitive counts
        # (English "a reprimand" is an article and a noun).
        word = match.group(0).split()[-1]
        if match.group(0).startswith("a ") and not INFINITIVE.search(word):
            return False
        return bool(OBJECT_BEFORE.search(scope[max(0, match.start() - 80):match.start()]))
    if rule.name == "scale":
        return bool(SCALE_TARGET.search(scope)) and not frames.GOVERNING_SUPPORT.search(scope)
    if rule.needs_object and not SPECIFIC.match(groups.get("verb") or ""):
        after = scope[match.end():]
        if ADMIN_OBJECT.match(after):
            return False
        return bool(NEAR_OBJECT.match(after)
                    or (REFERRING_OBJECT.match(after) and NAMED_EARLIER.search(text)))
    return True


def mitigated(normalised: str) -> bool:
    """Whether any mitigating frame applies anywhere in a normalised text."""
    return any(frames.found(f, normalised) for f in _MITIGATORS)


def _weak_request(parts: list[str], text: str) -> Finding | None:
    """A short or questioning sentence naming an outcome and its target, unframed."""
    for sentence in parts:
        if not (sentence.endswith("?") or len(sentence.split()) <= 12):
            continue
        outcome = _WEAK_OUTCOME.search(sentence)
        if not outcome or not _WEAK_TARGET.search(sentence):
            continue
        if any(frames.found(f, text) for f in _MITIGATORS):
            return None
        return Finding("weak_outcome_and_target", outcome.group(0),
                       categorise(outcome.group(0), sentence, text))
    return None
