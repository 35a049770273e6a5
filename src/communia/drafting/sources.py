"""Source documents attached to a request: limits and an extractive digest (no I/O).

Long sources are not refused: the digest keeps the sentences that carry the most of
the text's vocabulary, verbatim and in their original order, and a note says so.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from communia.drafting.messages import Message

# Per request, all sources together: the default of the setting ``drafting_max_source_chars``.
MAX_SOURCE_CHARS = 60_000
DIGEST_SENTENCES = 6
_WORD = re.compile(r"[a-zàâçéèêëîïôûùüÿœ]{5,}", re.IGNORECASE)


@dataclass(frozen=True)
class Source:
    """One attached document's visible text."""

    name: str
    text: str


def limit(sources: list[Source], max_chars: int = MAX_SOURCE_CHARS
          ) -> tuple[list[Source], list[Message]]:
    """Sources cut to ``max_chars`` in total, and a note for each one that was cut."""
    kept: list[Source] = []
    notes: list[Message] = []
    budget = max_chars
    for source in sources:
        if len(source.text) > budget:
            notes.append(Message("{source}: {chars} characters; only the first {used} were "
                                 "used (limit {limit} per request).",
                                 {"source": source.name, "chars": len(source.text),
                                  "used": budget, "limit": max_chars}))
            kept.append(Source(source.name, source.text[:budget]))
            budget = 0
        else:
            kept.append(source)
            budget -= len(source.text)
    return [s for s in kept if s.text.strip()], notes


def sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+|\n+", text)
    return [" ".join(p.split()) for p in parts if len(p.split()) >= 5]


def digest(sources: list[Source], count: int = DIGEST_SENTENCES) -> list[str]:
    """The ``count`` most representative sentences, verbatim, each with its source name."""
    vocabulary = Counter(w.lower() for s in sources for w in _WORD.findall(s.text))
    scored: list[tuple[float, int, str]] = []
    order = 0
    for source in sources:
        for sentence in sentences(source.text):
            words = [w.lower() for w in _WORD.findall(sentence)]
            if not words:
                continue
            score = sum(vocabulary[w] for w in set(words)) / (len(sentence.split()) ** 0.5)
            scored.append((score, order, f"{sentence} ({source.name})"))
            order += 1
    best = sorted(scored, key=lambda t: -t[0])[:count]
    return [text for _, _, text in sorted(best, key=lambda t: t[1])]
