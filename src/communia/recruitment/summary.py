"""Summaries of 3–5 lines, each traceable to a verbatim quote of the application.

Extractive without a model: one line per criterion with evidence, quoting it. With a
model (through the gateway only), the model writes the prose and must cite a quote
per sentence; sentences whose quote does not verify are dropped, and fewer than three
verified sentences fall back to the extractive summary.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from communia.recruitment.model import CriterionResult, JobProfile
from communia.recruitment.text import segments

__all__ = ["SUMMARY_SCHEMA", "SummaryLine", "extractive_summary", "summary_prompt",
           "verified_lines"]

MIN_LINES, MAX_LINES = 3, 5
SUMMARY_SCHEMA = {
    "type": "object",
    "properties": {"sentences": {"type": "array", "minItems": 3, "maxItems": 5, "items": {
        "type": "object", "properties": {"text": {"type": "string"},
                                         "quote": {"type": "string"}},
        "required": ["text", "quote"]}}},
    "required": ["sentences"],
}
SYSTEM = ("You summarise a job application for the HR officer in 3 to 5 short factual "
          "sentences, in {lang}. Use only facts written in the application. For each "
          "sentence give the exact words of the application it rests on under 'quote'. "
          "Do not judge, rank, score or advise on the candidate, and never suggest "
          "any decision about them. Personal details are masked; keep the placeholders.")


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


def summary_prompt(profile: JobProfile, masked_texts: list[str]) -> tuple[str, str]:
    """(system, prompt) for the model; the application is already masked."""
    lang = "English" if profile.lang == "en" else "French"
    body = "\n\n---\n\n".join(masked_texts)
    criteria = "; ".join(c.label for c in profile.criteria)
    return SYSTEM.format(lang=lang), (
        f"Post: {profile.title}\nCriteria the HR officer set: {criteria}\n\n"
        f"Application (visible text only):\n{body}"
    )


def verified_lines(data: object) -> list[SummaryLine]:
    """Sentences of a model answer whose quote survived the gateway's verification."""
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except json.JSONDecodeError:
            return []
    if not isinstance(data, dict):
        return []
    lines = []
    for item in data.get("sentences") or []:
        if isinstance(item, dict) and str(item.get("quote", "")).strip() and str(
                item.get("text", "")).strip():
            lines.append(SummaryLine(str(item["text"]).strip(), str(item["quote"]).strip()))
    return lines[:MAX_LINES]
