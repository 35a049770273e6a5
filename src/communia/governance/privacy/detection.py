"""Find personal data in text: normalise, analyse per chunk and language, map back."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Presidio and spaCy load on first detection, not at import
    from presidio_analyzer import RecognizerResult

from .chunks import CHUNK_CHARS, split_paragraphs, split_stream, split_text
from .language import detect_language
from .model import LABELS, Entity, check_language
from .normalise import Normalised, normalise

DETECT_THRESHOLD = 0.4
EGRESS_THRESHOLD = 0.3
EGRESS_NAME_THRESHOLD = 0.6
MIN_LANGUAGE_SAMPLE = 200
_PRIORITY = {
    label: rank
    for rank, label in enumerate(
        (
            "EMAIL",
            "IBAN",
            "NIR",
            "SIRET",
            "URL",
            "SIREN",
            "ID_DOCUMENT",
            "PHONE",
            "IP",
            "DATE_OF_BIRTH",
            "PLATE",
            "ADDRESS",
            "PERSON",
        )
    )
}


def _language_runs(text: str, lang: str) -> list[tuple[int, str, str]]:
    """Return (offset, piece, language) runs: consecutive paragraphs of one language."""
    if lang != "auto":
        return [(0, text, lang)]
    default = detect_language(text)
    runs: list[tuple[int, str, str]] = []
    for offset, paragraph in split_paragraphs(text):
        language = detect_language(paragraph) if len(paragraph) >= MIN_LANGUAGE_SAMPLE else None
        if language is None:
            language = runs[-1][2] if runs else default
        if runs and runs[-1][2] == language:
            start, piece, _ = runs[-1]
            runs[-1] = (start, piece + paragraph, language)
        else:
            runs.append((offset, paragraph, language))
    return runs


_CONTAINERS = frozenset({"ADDRESS", "EMAIL", "URL"})


def _drop_names_inside(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Drop person names lying inside an address, e-mail or URL ("rue Victor Hugo")."""
    containers = [r for r in results if r.entity_type in _CONTAINERS]
    return [
        r
        for r in results
        if r.entity_type != "PERSON"
        or not any(c.start <= r.start and r.end <= c.end for c in containers)
    ]


def _resolve(results: list[RecognizerResult], threshold: float) -> list[RecognizerResult]:
    """Keep the best non-overlapping results: higher score, then longer, then priority."""
    kept_input = [r for r in results if r.score >= threshold and r.entity_type in _PRIORITY]
    ranked = sorted(
        _drop_names_inside(kept_input),
        key=lambda r: (-r.score, -(r.end - r.start), _PRIORITY[r.entity_type]),
    )
    kept: list[RecognizerResult] = []
    for result in ranked:
        if all(result.end <= k.start or k.end <= result.start for k in kept):
            kept.append(result)
    return sorted(kept, key=lambda r: r.start)


def _detect_piece(piece: str, offset: int, language: str, threshold: float) -> list[Entity]:
    """Detect entities in one chunk of a single language, with original offsets."""
    if not piece.strip():
        return []
    normalised = normalise(piece)
    from .engine import get_engine

    results = get_engine(language).analyze(
        text=normalised.text, language=language, entities=list(LABELS)
    )
    return _entities(piece, offset, normalised, results, threshold)


def _entities(
    piece: str, offset: int, normalised: Normalised, results: list[RecognizerResult],
    threshold: float,
) -> list[Entity]:
    """The kept results as entities with offsets into the original text."""
    entities: list[Entity] = []
    for result in _resolve(results, threshold):
        start, end = normalised.to_original(result.start, result.end)
        if end > start and piece[start:end].strip():
            entities.append(
                Entity(
                    offset + start,
                    offset + end,
                    result.entity_type,
                    piece[start:end],
                    round(float(result.score), 3),
                )
            )
    return entities


def _detect_chunk(chunk: str, offset: int, lang: str, threshold: float) -> list[Entity]:
    """Detect entities in one chunk, splitting it by language when ``lang`` is auto."""
    found: list[Entity] = []
    for start, piece, language in _language_runs(chunk, lang):
        found.extend(_detect_piece(piece, offset + start, language, threshold))
    return found


def detect(text: str, lang: str = "auto", *, threshold: float = DETECT_THRESHOLD) -> list[Entity]:
    """Return the personal data found in ``text``, with offsets into ``text``.

    Args:
        text: any Unicode text; long texts are processed in bounded chunks.
        lang: "fr", "en" or "auto" (chosen per paragraph group).
        threshold: minimum score kept.
    """
    check_language(lang)
    found: list[Entity] = []
    for offset, chunk in split_text(text, CHUNK_CHARS):
        found.extend(_detect_chunk(chunk, offset, lang, threshold))
    return found


def detect_stream(pieces: Iterable[str], lang: str = "auto") -> Iterator[tuple[str, list[Entity]]]:
    """Yield each chunk of a streamed text with its entities (offsets into the whole text)."""
    check_language(lang)
    for offset, chunk in split_stream(pieces, CHUNK_CHARS):
        yield chunk, _detect_chunk(chunk, offset, lang, DETECT_THRESHOLD)


def residual_identifiers(text: str, lang: str = "auto") -> list[Entity]:
    """Return identifiers still visible in an already pseudonymised text, by rules only.

    The egress check after ``Pseudonymiser.pseudonymise(..., threshold=EGRESS_THRESHOLD)``:
    e-mails, phone numbers, IBAN, NIR, SIRET, plates, addresses and names announced by
    a title or a label are found by their shape, without running spaCy a second time
    (named-entity recognition already ran, at the egress threshold, on the original).
    """
    check_language(lang)
    found: list[Entity] = []
    for offset, chunk in split_text(text, CHUNK_CHARS):
        for start, piece, language in _language_runs(chunk, lang):
            found.extend(_rules_piece(piece, offset + start, language))
    return [e for e in found if e.label != "PERSON" or e.score >= EGRESS_NAME_THRESHOLD]


def _rules_piece(piece: str, offset: int, language: str) -> list[Entity]:
    """Run Communia's rule recognizers (no NER) on one chunk of a single language."""
    if not piece.strip():
        return []
    normalised = normalise(piece)
    from .engine import rule_recognizers

    results = [
        result
        for recognizer in rule_recognizers(language)
        # Communia's rule recognizers read the text only, never spaCy's artefacts.
        for result in recognizer.analyze(normalised.text, list(LABELS), None)  # type: ignore[arg-type]
    ]
    return _entities(piece, offset, normalised, results, EGRESS_THRESHOLD)


def contains_identifiers(text: str) -> list[Entity]:
    """Return direct identifiers to block before text leaves for an untrusted backend.

    Recall first: the threshold is lower than ``detect``'s; only names found by
    shape alone (no title, label, NER or signature) are left out.
    """
    return [
        e
        for e in detect(text, "auto", threshold=EGRESS_THRESHOLD)
        if e.label != "PERSON" or e.score >= EGRESS_NAME_THRESHOLD
    ]
