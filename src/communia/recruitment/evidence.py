"""Evidence per criterion: synonyms and equivalents, durations from dates, embeddings.

Deterministic: the same visible text and profile always give the same statuses and
quotes. Only visible text is read; a sentence that addresses an AI (an injection) is
never used as evidence, so an injection cannot move a score. Every quote is a
verbatim slice of the visible text with its offsets.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from communia.documents import find_injections
from communia.recruitment.durations import Period, find_periods, merged_months, stated_months
from communia.recruitment.model import Criterion, CriterionResult, Evidence, JobProfile
from communia.recruitment.text import Folded, Segment, fold_with_offsets, segments

__all__ = ["EMBEDDING_THRESHOLD", "Reader", "SourceText", "term_pattern"]

# Cosine above which a sentence is taken as partial evidence of a skill criterion that
# no rule found. Chosen from the sentence encoder's documented behaviour (paraphrases
# score above ~0.6, related topics ~0.3–0.5), not fitted on the benchmark sets.
EMBEDDING_THRESHOLD = 0.62
JOB_MARKERS = ("animat", "encadr", "stage", "benevol", "volunt", "worked", "work as",
               "travaill", "poste", "emploi", "job", "assistant", "surveill", "intervenant",
               "playworker", "leader", "moniteur", "monitrice", "educat", "responsable",
               "referent", "accompagn", "garde", "nanny", "baby", "coach", "entraineur",
               "tutor", "mentor", "aide", "helper", "supervis", "counsel", "instructor")
_SEP = r"[\s\-'/.,()]+"
# A line that opens another part of a CV ends the entry above it: "Diplômes : CAP petite
# enfance" under a job says nothing about that job's public.
_SECTION = re.compile(r"^\W*(?:formations?|diplomes?|education|qualifications?|certifications?|"
                      r"competences|skills|langues|languages|permis|centres? d'interets?|"
                      r"interests|loisirs|hobbies|secourisme|informatique|references|"
                      r"profil|profile|parcours|experiences?)\b")
# "Pas de BAFA", "no first aid certificate yet", "je n'ai pas encore le permis": a
# negation up to three words before a term, on the same line, says the opposite.
_NEGATED = re.compile(r"(?:\bpas|\bsans|\baucune?|\bjamais|\bno|\bnot|\bwithout|\bnever|"
                      r"\bn'ai pas|\bdon't have|\bdo not have)(?:[ \-'/.,]+[a-z0-9]+){0,3}"
                      r"[ \-'/.,]+$")
# A wish or a plan is not experience: "je souhaite travailler avec des enfants".
_WISH = re.compile(r"\b(?:je souhaite|souhaiterais|j'aimerais|je voudrais|je desire|"
                   r"reconversion|i would like|i'd like|i wish|i hope|i want to|looking to)\b")
Embedder = Callable[[Sequence[str]], object]


@dataclass(frozen=True)
class SourceText:
    """The visible text of one file of an application."""

    file: str
    text: str


@lru_cache(maxsize=4096)
def term_pattern(term: str) -> re.Pattern[str]:
    """A regex for a folded term.

    Words are split by any separator; ``*`` stands for up to 3 words; ``{a|b c}`` for
    any one of its alternatives ("{anime|organise} * {activites|ateliers}").
    """
    folded = fold_with_offsets(term).text.strip()
    joined, after_star = "", True
    for token in re.findall(r"\{[^}]*\}|[^\s{]+", folded):
        if token == "*":
            joined += r"[ \-'/.,()]+(?:[a-z0-9]+[^a-z0-9\n]+){0,3}?"
            after_star = True
            continue
        if token.startswith("{"):
            alternatives = [_phrase_regex(a) for a in token[1:-1].split("|") if a.strip()]
            piece = "(?:" + "|".join(alternatives) + ")"
        else:
            piece = _token_regex(token)
        joined += ("" if after_star else _SEP) + piece
        after_star = False
    return re.compile(r"(?<![a-z0-9])" + joined + r"(?![a-z0-9])")


def _phrase_regex(phrase: str) -> str:
    return _SEP.join(_token_regex(word) for word in phrase.split())


def _token_regex(token: str) -> str:
    pieces = re.findall(r"[a-z]+|\d+|[^a-z\d]", token)
    body = ""
    for i, piece in enumerate(pieces):
        if i and piece[0].isalnum() and pieces[i - 1][-1].isalnum():
            body += r"[\s\-]?"  # "psc1" also matches "PSC 1" and "PSC-1"
        body += piece if piece.isalnum() else re.escape(piece)
    if token.isalpha() and len(token) > 3:
        body += "(?:s|x)?"
    return body


@dataclass
class _File:
    source: SourceText
    folded: Folded
    segments: list[Segment]
    blocked: list[tuple[int, int]]
    blocks: list[int]


class Reader:
    """Reads applications against one profile. Build once per batch, reuse per candidate.

    Args:
        profile: the frozen profile.
        today: (year, month) closing open ranges ("depuis 2020"); fixed for a batch.
        embed: sentence encoder for skill criteria no rule found, or None for rules only.
    """

    def __init__(self, profile: JobProfile, today: tuple[int, int],
                 embed: Embedder | None = None) -> None:
        self.profile = profile
        self.today = today
        self.embed = embed
        self._queries: object | None = None

    def read(self, texts: Sequence[SourceText]) -> list[CriterionResult]:
        """One result per criterion, in profile order."""
        files = [_prepare(t) for t in texts if t.text.strip()]
        results = [self._criterion(c, files) for c in self.profile.criteria]
        if self.embed is not None:
            results = self._embedding_pass(results, files)
        return results

    def _criterion(self, criterion: Criterion, files: list[_File]) -> CriterionResult:
        partial: list[Evidence] = []
        met: list[Evidence] = []
        for file in files:
            p, m = _term_evidence(criterion, file)
            partial.extend(p)
            met.extend(m)
        if criterion.min_years is None:
            if met:
                return CriterionResult(criterion.id, "met", tuple(_unique(met)[:3]))
            if partial:
                return CriterionResult(criterion.id, "partial", tuple(_unique(partial)[:3]))
            return CriterionResult(criterion.id, "not_found")
        return self._duration(criterion, files, met + partial)

    def _duration(self, criterion: Criterion, files: list[_File],
                  mentions: list[Evidence]) -> CriterionResult:
        periods: list[Period] = []
        stated: list[int] = [0]
        quotes: list[Evidence] = []
        undated: list[Evidence] = []
        for file in files:
            p, s, q, u = _experience(criterion, file, self.today)
            periods.extend(p)
            stated.extend(s)
            quotes.extend(q)
            undated.extend(u)
        months = max(merged_months(periods), max(stated))
        years = round(months / 12, 1)
        assert criterion.min_years is not None
        if months and years >= criterion.min_years:
            return CriterionResult(criterion.id, "met", tuple(_unique(quotes)[:4]), years)
        if months:
            note = f"{years:g} of {criterion.min_years:g} years found in the dates"
            return CriterionResult(criterion.id, "partial", tuple(_unique(quotes)[:4]), years,
                                   note)
        if undated or mentions:
            return CriterionResult(criterion.id, "partial",
                                   tuple(_unique(undated + mentions)[:3]),
                                   0.0, "relevant experience without dates or duration")
        return CriterionResult(criterion.id, "not_found", (), 0.0)

    def _embedding_pass(self, results: list[CriterionResult],
                        files: list[_File]) -> list[CriterionResult]:
        import numpy as np

        skill = [i for i, (c, r) in enumerate(zip(self.profile.criteria, results, strict=True))
                 if r.status == "not_found" and c.min_years is None]
        candidates = [(f, s) for f in files for s in f.segments
                      if len(s.text) >= 25 and not _inside(s, f.blocked)]
        if not skill or not candidates:
            return results
        queries = self._query_vectors()
        vectors = np.asarray(self.embed([s.text for _, s in candidates]))  # type: ignore[misc]
        scores = vectors @ np.asarray(queries).T
        out = list(results)
        for i in skill:
            best = int(np.argmax(scores[:, i]))
            if float(scores[best, i]) >= EMBEDDING_THRESHOLD:
                file, seg = candidates[best]
                quote = Evidence(file.source.file, seg.text, seg.start, seg.end, "embedding")
                out[i] = CriterionResult(results[i].criterion_id, "partial", (quote,),
                                         note="close in meaning to the criterion")
        return out

    def _query_vectors(self) -> object:
        if self._queries is None:
            texts = [f"{c.label}. {c.evidence}".strip() for c in self.profile.criteria]
            self._queries = self.embed(texts)  # type: ignore[misc]
        return self._queries


def _prepare(source: SourceText) -> _File:
    segs = segments(source.text)
    blocked = [_line_of(source.text, s) for s in segs if find_injections(s.text)]
    blocks, block = [], 0
    for i, seg in enumerate(segs):
        if i and "\n\n" in source.text[segs[i - 1].end: seg.start]:
            block += 1
        blocks.append(block)
    return _File(source, fold_with_offsets(source.text), segs, blocked, blocks)


def _line_of(text: str, seg: Segment) -> tuple[int, int]:
    """The whole line(s) holding a segment: an injection's neighbours are not evidence."""
    start = text.rfind("\n", 0, seg.start) + 1
    end = text.find("\n", seg.end)
    return start, len(text) if end < 0 else end


def _inside(seg: Segment, blocked: list[tuple[int, int]]) -> bool:
    return any(a < seg.end and seg.start < b for a, b in blocked)


def _segment_at(file: _File, offset: int) -> int:
    for i, seg in enumerate(file.segments):
        if seg.start <= offset < seg.end:
            return i
    return -1


def _quote(file: _File, index: int, source: str) -> Evidence:
    seg = file.segments[index]
    return Evidence(file.source.file, seg.text, seg.start, seg.end, source)


def _matches(file: _File, terms: Sequence[str]) -> list[tuple[int, int]]:
    spans = []
    for term in terms:
        for match in term_pattern(term).finditer(file.folded.text):
            if _NEGATED.search(file.folded.text, max(0, match.start() - 40), match.start()):
                continue
            start, end = file.folded.source_span(match.start(), match.end())
            if not any(a < end and start < b for a, b in file.blocked):
                spans.append((start, end))
    return spans


def _term_evidence(criterion: Criterion, file: _File) -> tuple[list[Evidence], list[Evidence]]:
    partial_spans = _matches(file, criterion.partial_terms)
    met_spans = [s for s in _matches(file, criterion.terms)
                 if not any(a < s[1] and s[0] < b for a, b in partial_spans)]

    def to_quotes(spans: list[tuple[int, int]]) -> list[Evidence]:
        lines = sorted({_segment_at(file, a) for a, _ in spans})
        return [_quote(file, i, "rule") for i in lines if i >= 0]

    return to_quotes(partial_spans), to_quotes(met_spans)


def _has(text: str, words: Sequence[str]) -> bool:
    return any(term_pattern(w).search(text) or (len(w) <= 5 and w in text.split())
               for w in words)


def _experience(criterion: Criterion, file: _File, today: tuple[int, int]) -> tuple[
        list[Period], list[int], list[Evidence], list[Evidence]]:
    """Dated periods and stated durations on lines about the criterion's context."""
    periods: list[Period] = []
    stated: list[int] = []
    quotes: list[Evidence] = []
    undated: list[Evidence] = []
    folded = [fold_with_offsets(s.text).text for s in file.segments]
    dated = [bool(find_periods(f, today) or stated_months(f)) for f in folded]
    wishes = {i for i, f in enumerate(folded) if _WISH.search(f)}
    for i, text in enumerate(folded):
        if i in wishes or _inside(file.segments[i], file.blocked):
            continue
        window = [j for j in _window(file, folded, dated, i) if j not in wishes]
        joined = " ".join(folded[j] for j in window)
        relevant = _has(joined, criterion.context) and not _has(joined, criterion.exclude)
        if not relevant:
            continue
        if dated[i]:
            found = find_periods(text, today)
            periods.extend(found)
            stated.extend(m for m, _, _ in stated_months(text))
            quotes.extend(_quote(file, j, "duration") for j in window
                          if j == i or _has(folded[j], criterion.context))
        elif not any(dated[j] for j in window) and _has(text, criterion.context) and any(
                marker in text for marker in JOB_MARKERS):
            undated.append(_quote(file, i, "rule"))
    return periods, stated, quotes, undated


def _window(file: _File, folded: list[str], dated: list[bool], i: int) -> list[int]:
    """The entry around line ``i``: one undated line before, undated lines after (max 3),
    up to a line that opens another part of the CV."""
    block = file.blocks[i]
    window = [i]
    if i > 0 and file.blocks[i - 1] == block and not dated[i - 1]:
        window.insert(0, i - 1)
    j = i + 1
    while (j < len(dated) and j <= i + 3 and file.blocks[j] == block and not dated[j]
           and not _SECTION.match(folded[j])):
        window.append(j)
        j += 1
    return window


def _unique(items: list[Evidence]) -> list[Evidence]:
    seen: set[tuple[str, int]] = set()
    out = []
    for item in items:
        if (item.file, item.start) not in seen:
            seen.add((item.file, item.start))
            out.append(item)
    return out
