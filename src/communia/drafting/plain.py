"""Plain-language rewrite without a model: shorter sentences, everyday words (no I/O).

The rewrite is mechanical on purpose: it replaces administrative jargon from a
fixed list and splits sentences at semicolons. It never removes a number, a date or
a legal reference (checked by ``grounding.lost_facts``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Jargon → everyday French, from the Lexique administratif of the Comité pour la
# simplification du langage administratif (COSLA) and usual plain-language guides.
JARGON: tuple[tuple[str, str], ...] = (
    (r"\bnonobstant\b", "malgré"),
    (r"\bsusvisée?s?\b", "cité plus haut"),
    (r"\bsus-visée?s?\b", "cité plus haut"),
    (r"\bci-dessus mentionnée?s?\b", "cité plus haut"),
    (r"\ben tant que de besoin\b", "si nécessaire"),
    (r"\bà compter de\b", "à partir de"),
    (r"\bà compter du\b", "à partir du"),
    (r"\bafin de\b", "pour"),
    (r"\bpréalablement à\b", "avant"),
    (r"\bpostérieurement à\b", "après"),
    (r"\bantérieurement à\b", "avant"),
    (r"\ben date du\b", "du"),
    (r"\bdans le cadre de\b", "pour"),
    (r"\bau titre de\b", "pour"),
    (r"\beu égard à\b", "vu"),
    (r"\bà l'effet de\b", "pour"),
    (r"\bsusceptible de\b", "qui peut"),
    (r"\bil appartient à\b", "c'est à"),
    (r"\bvous voudrez bien\b", "merci de"),
    (r"\bje vous saurais gré de bien vouloir\b", "merci de"),
    (r"\bafférente?s?\b", "liée"),
    (r"\bsubséquemment\b", "ensuite"),
    (r"\bd'ores et déjà\b", "dès maintenant"),
    (r"\bau sein de\b", "dans"),
    (r"\bprocéder à la réalisation de\b", "réaliser"),
    (r"\bprocéder à\b", "faire"),
    (r"\bs'avère\b", "est"),
    (r"\ben application de\b", "selon"),
    (r"\bconformément à\b", "selon"),
)
MAX_WORDS = 25


def rewrite(text: str) -> str:
    """A plainer version of ``text``: jargon replaced, long sentences split at semicolons."""
    lines = []
    for line in text.split("\n"):
        new = line
        for pattern, plain in JARGON:
            new = re.sub(pattern, _replacer(plain), new, flags=re.IGNORECASE)
        if not re.match(r"^\W*(vu|consid[ée]rant)\b", new, re.IGNORECASE):
            new = _split(new)
        lines.append(new)
    return "\n".join(lines)


def _replacer(plain: str) -> Callable[[re.Match[str]], str]:
    return lambda match: _same_case(match.group(0), plain)


def _same_case(original: str, plain: str) -> str:
    return plain[0].upper() + plain[1:] if original[:1].isupper() else plain


def _split(sentence: str) -> str:
    """Split a long sentence at ' ; ' into separate sentences."""
    if len(sentence.split()) <= MAX_WORDS or " ; " not in sentence:
        return sentence
    parts = [p.strip() for p in sentence.split(" ; ") if p.strip()]
    fixed = [p[0].upper() + p[1:] for p in parts]
    return " ".join(p if p.endswith((".", "!", "?", ":")) else p + "." for p in fixed)


def average_sentence_words(text: str) -> float:
    """Mean words per sentence: a simple readability figure shown with a rewrite."""
    sentences = [s for s in re.split(r"[.!?\n]+", text) if s.strip()]
    if not sentences:
        return 0.0
    return sum(len(s.split()) for s in sentences) / len(sentences)
