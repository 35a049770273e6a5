"""Summaries of 3–5 lines, each traceable to a verbatim quote of the application.

Extractive without a model: one line per criterion with evidence, quoting it. With a
model (through the gateway only), the model reads numbered extracts of the masked
application (the evidence quotes, then a few opening lines) and writes the prose, citing
one extract per sentence by its number. It never sees more than those extracts, so it
can only restate what the application says, and its prompt stays short: on two CPU cores
a whole application took about 40 s to read, the extracts a fraction of that.
Sentences citing no valid extract are dropped, and fewer than three valid sentences fall
back to the extractive summary.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from communia.recruitment.model import CriterionResult, JobProfile
from communia.recruitment.text import segments

__all__ = ["MAX_EXTRACTS", "SummaryLine", "extractive_summary", "summary_extracts",
           "summary_prompt", "summary_schema", "verified_lines"]

MIN_LINES, MAX_LINES = 3, 5
# A model writes three sentences of at most 140 characters: generation is the slow part
# on a CPU (about 15 tokens/s under the JSON grammar on two cores).
MODEL_LINES = 3
MODEL_SENTENCE_CHARS = 140
MAX_EXTRACTS = 10  # evidence quotes first; opening lines only to reach three
MAX_EXTRACT_CHARS = 220
SYSTEM = ("You summarise a job application for the HR officer in 3 short factual "
          "sentences, in {lang}, using only the numbered extracts of the application. "
          "Write in the third person about the application ({subject}), never 'I'. "
          "Combine related extracts; do not copy them. For each sentence give the number "
          "of the extract it rests on. Do not judge, rank, score or advise on the "
          "candidate, and never suggest any decision about them. Personal details are "
          "masked; keep the placeholders.")
SUBJECT = {"fr": "« La candidature mentionne… », « Le parcours indique… »",
           "en": "'The application mentions…', 'The CV lists…'"}


def summary_schema(extracts: int) -> dict[str, object]:
    """Sentences citing an extract by its number (1..extracts)."""
    return {
        "type": "object",
        "properties": {"sentences": {
            "type": "array", "minItems": MODEL_LINES, "maxItems": MODEL_LINES,
            "items": {"type": "object",
                      "properties": {"text": {"type": "string",
                                              "maxLength": MODEL_SENTENCE_CHARS},
                                     "extract": {"type": "integer", "minimum": 1,
                                                 "maximum": max(extracts, 1)}},
                      "required": ["text", "extract"]}}},
        "required": ["sentences"],
    }


@dataclass(frozen=True)
class SummaryLine:
    """One sentence of a summary and the quote it rests on."""

    text: str
    quote: str


def extractive_summary(profile: JobProfile, results: list[CriterionResult],
                       masked_texts: list[str], mask: Callable[[str], str]) -> list[SummaryLine]:
    """3–5 lines quoting the evidence of the heaviest criteria, then the application itself."""
    lang = "en" if profile.lang == "en" else "fr"
    by_id = {r.criterion_id: r for r in results}
    lines: list[SummaryLine] = []
    seen: set[str] = set()
    for criterion in sorted(profile.criteria, key=lambda c: -c.weight):
        result = by_id.get(criterion.id)
        if result is None or not result.evidence or len(lines) >= MAX_LINES:
            continue
        quote = mask(result.evidence[-1].quote if result.years else result.evidence[0].quote)
        if quote in seen:
            continue
        seen.add(quote)
        lead = criterion.label if result.status == "met" else (
            f"{criterion.label} ({'partly' if lang == 'en' else 'en partie'})")
        lines.append(SummaryLine(f"{lead} : « {quote} »" if lang == "fr"
                                 else f"{lead}: “{quote}”", quote))
    for text in masked_texts:
        for seg in segments(text):
            if len(lines) >= MIN_LINES:
                return lines
            if len(seg.text) >= 40 and seg.text not in seen:
                seen.add(seg.text)
                lead = "The application states" if lang == "en" else "La candidature indique"
                lines.append(SummaryLine(f"{lead} : « {seg.text} »" if lang == "fr"
                                         else f"{lead}: “{seg.text}”", seg.text))
    return lines


def summary_extracts(profile: JobProfile, results: list[CriterionResult],
                     masked_texts: list[str], mask: Callable[[str], str]) -> list[str]:
    """Numbered material for the model: masked evidence quotes, then, when there are
    fewer than three, opening lines of the application (courtesy sentences otherwise)."""
    by_id = {r.criterion_id: r for r in results}
    extracts: list[str] = []
    for criterion in sorted(profile.criteria, key=lambda c: -c.weight):
        result = by_id.get(criterion.id)
        for evidence in (result.evidence[:2] if result else ()):
            _add_extract(extracts, mask(evidence.quote))
    for text in masked_texts:
        for seg in segments(text):
            if len(extracts) >= MIN_LINES:
                return extracts[:MAX_EXTRACTS]
            if len(seg.text) >= 40:
                _add_extract(extracts, seg.text)
    return extracts[:MAX_EXTRACTS]


def _add_extract(extracts: list[str], text: str) -> bool:
    text = " ".join(text.split())[:MAX_EXTRACT_CHARS]
    if not text or any(text in e or e in text for e in extracts):
        return False
    extracts.append(text)
    return True


def summary_prompt(profile: JobProfile, extracts: list[str]) -> tuple[str, str]:
    """(system, prompt) for the model; the extracts are already masked."""
    lang = "English" if profile.lang == "en" else "French"
    subject = SUBJECT["en" if profile.lang == "en" else "fr"]
    numbered = "\n".join(f"{n}. {text}" for n, text in enumerate(extracts, start=1))
    return SYSTEM.format(lang=lang, subject=subject), (
        f"Post: {profile.title}\n\nExtracts of the application:\n{numbered}")


def verified_lines(data: object, extracts: list[str]) -> list[SummaryLine]:
    """Sentences of a model answer that cite a valid extract, with that extract as quote."""
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except json.JSONDecodeError:
            return []
    if not isinstance(data, dict):
        return []
    lines = []
    for item in data.get("sentences") or []:
        if not isinstance(item, dict):
            continue
        text, number = str(item.get("text", "")).strip(), item.get("extract")
        if text and isinstance(number, int) and 1 <= number <= len(extracts):
            lines.append(SummaryLine(text, extracts[number - 1]))
    return lines[:MAX_LINES]
