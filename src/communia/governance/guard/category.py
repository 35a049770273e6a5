"""Which kind of decision a request or an output is about."""

from __future__ import annotations

from communia.governance.guard.lexicon import (
    BENEFIT,
    BID,
    CANDIDATE,
    GRANT,
    HIRE_VERB,
    PERFORMANCE,
    PROMOTE_VERB,
    REJECT_VERB,
    SANCTION_NOUN,
    SANCTION_VERB,
    SCORE_VERB,
    SELECT_VERB,
    compile_rule,
    either,
)

CATEGORIES = ("sanction", "award", "evaluation", "hiring", "refusal")

# First match wins: a dismissal is a sanction even when it names a candidate, a
# permit or benefit is a refusal decision whoever applies, a subsidy refused is an
# award decision, a score given to a candidate is an evaluation.
_ORDER = (
    ("sanction", compile_rule(r"\b" + either(SANCTION_NOUN, SANCTION_VERB) + r"\b")),
    ("hiring", compile_rule(r"\b" + HIRE_VERB + r"\b")),
    ("hiring", compile_rule(
        r"^(?=.*\b(?:candidat\w*|candidate\w*|applicant\w*|postulant\w*|cv|cvs|profil\w*)\b)"
        r".*\b" + either(REJECT_VERB, SELECT_VERB) + r"\b")),
    ("refusal", compile_rule(r"\b" + BENEFIT + r"\b")),
    ("award", compile_rule(r"\b" + either(BID, GRANT) + r"\b")),
    ("evaluation", compile_rule(r"\b" + either(SCORE_VERB, PERFORMANCE, PROMOTE_VERB,
                                              r"note|score|grade|rating") + r"\b")),
    ("hiring", compile_rule(r"\b" + either(CANDIDATE, r"poste|post|job|position|recrutement"
                                                      r"|recruitment") + r"\b")),
)
_REFUSAL = compile_rule(r"\b" + REJECT_VERB + r"\b")


def categorise(phrase: str, sentence: str, text: str) -> str:
    """Return the category of the narrowest scope that names one.

    Args:
        phrase: the words a rule matched.
        sentence: the sentence holding them.
        text: the whole normalised text.
    """
    scopes = (phrase, sentence, text)
    found = [_first(scope) for scope in scopes]
    # A scoring verb or an award word in the phrase yields to the sentence's sharper
    # category: "rank the applicants and eliminate the bottom five" is about hiring,
    # "would you grant the building permit" about a refusal.
    if found[0] in ("evaluation", "award") and found[1] not in (None, found[0]):
        return found[1]
    for category in found:
        if category:
            return category
    if any(_REFUSAL.search(scope) for scope in scopes):
        return "refusal"
    return "evaluation"


def named_category(text: str) -> str | None:
    """The category a normalised text names in its own words, or None."""
    return _first(text)


def _first(scope: str) -> str | None:
    for category, pattern in _ORDER:
        if pattern.search(scope):
            return category
    return None
