"""Screen a batch of application files against a frozen profile, without a database.

extract (visible text, hidden-text and injection flags) → group files per candidate →
evidence per criterion → weighted match score → masked summary → points to clarify.
One bad file never stops the batch: it is reported on its candidate with its error.
The CLI ``screen`` and the web campaign both run this.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath
from typing import Any

from communia.documents import (
    DEFAULT_LIMITS,
    ExtractedDocument,
    ExtractionError,
    Limits,
    extract_batch,
    group_by_candidate,
)
from communia.recruitment.blind import Masker, profile_vocabulary
from communia.recruitment.evidence import Embedder, Reader, SourceText
from communia.recruitment.grid import InterviewGrid, build_grid, points_to_clarify
from communia.recruitment.model import (
    CandidateResult,
    JobProfile,
    match_score,
    profile_to_dict,
)
from communia.recruitment.summary import (
    MIN_LINES,
    SummaryLine,
    extractive_summary,
    summary_extracts,
)

__all__ = ["Screening", "Summariser", "analyse_candidate", "candidate_json", "extract_files",
           "problem_json", "screen_files"]

# (profile, masked texts, numbered masked extracts) -> (lines, notice for the batch)
Summariser = Callable[[JobProfile, list[str], list[str]], tuple[list[SummaryLine], str]]
Progress = Callable[[str, int, int], None]


@dataclass
class Screening:
    """The outcome of one batch: candidates (file order kept), the grid and stage times."""

    profile: JobProfile
    candidates: list[CandidateResult]
    grid: InterviewGrid
    documents: dict[str, ExtractedDocument] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The ``screening.json`` contract."""
        return {
            "job": profile_to_dict(self.profile),
            "candidates": [candidate_json(c) for c in self.candidates],
            "interview_grid": self.grid.to_dict(),
            "notices": list(self.notices),
        }


def candidate_json(c: CandidateResult) -> dict[str, Any]:
    """One candidate as written in ``screening.json``."""
    return {
        "id": c.id,
        "files": list(c.files),
        "criteria": [{"id": r.criterion_id, "status": r.status,
                      **({"years": r.years} if r.years is not None else {}),
                      **({"note": r.note} if r.note else {}),
                      "evidence": [{"file": e.file, "quote": e.quote, "start": e.start,
                                    "end": e.end, "source": e.source} for e in r.evidence]}
                     for r in c.criteria],
        "match_score": c.match_score,
        "summary": c.summary,
        "summary_source": c.summary_source,
        "to_clarify": list(c.to_clarify),
        "flags": list(c.flags),
        "errors": list(c.errors),
    }


def screen_files(
    profile: JobProfile,
    files: Sequence[tuple[str, bytes]],
    *,
    today: date | None = None,
    embed: Embedder | None = None,
    summarise: Summariser | None = None,
    progress: Progress | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Screening:
    """Screen ``files`` (name, bytes; ZIPs expanded) against a frozen ``profile``."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    documents, errors = extract_files(files, limits, progress)
    timings["extraction"] = time.perf_counter() - started
    groups = group_by_candidate(sorted({*documents, *errors}))
    day = today or date.today()
    reader = Reader(profile, (day.year, day.month), embed)
    candidates: list[CandidateResult] = []
    notices: set[str] = set()
    clock = {"evidence": 0.0, "summary": 0.0}
    problems = {n: problem_json(e) for n, e in errors.items()}
    for number, (_, names) in enumerate(sorted(groups.items()), start=1):
        candidate = analyse_candidate(f"C{number:03d}", sorted(names), documents, problems,
                                      reader, summarise, notices, clock)
        candidates.append(candidate)
        if progress:
            progress("analyse", number, len(groups))
    timings.update(clock)
    timings["total"] = time.perf_counter() - started
    return Screening(profile, candidates, build_grid(profile), documents, timings,
                     sorted(notices))


def extract_files(files: Sequence[tuple[str, bytes]], limits: Limits, progress: Progress | None
                  ) -> tuple[dict[str, ExtractedDocument], dict[str, ExtractionError]]:
    """Read every file (ZIPs expanded): readable documents and unreadable files, by name."""
    documents: dict[str, ExtractedDocument] = {}
    errors: dict[str, ExtractionError] = {}
    for index, (name, data) in enumerate(files, start=1):
        batch = extract_batch([(name, data)], limits)
        documents.update((d.name, d) for d in batch.documents)
        errors.update((e.name, e) for e in batch.errors)
        if progress:
            progress("extract", index, len(files))
    return documents, errors


def problem_json(error: ExtractionError) -> dict[str, str]:
    """An unreadable file as reported on its candidate (and stored with the campaign)."""
    return {"file": error.name, "code": error.code, "error": str(error)}


def analyse_candidate(
    cid: str, names: list[str], documents: Mapping[str, ExtractedDocument],
    problems: Mapping[str, dict[str, str]], reader: Reader, summarise: Summariser | None,
    notices: set[str], clock: dict[str, float] | None = None,
) -> CandidateResult:
    """Read one candidate's files: evidence, score, points to clarify, masked summary.

    Args:
        names: the candidate's file names; each is in ``documents`` (readable) or
            ``problems`` (unreadable, as ``problem_json`` gives it).
        notices: collects batch-level notices (e.g. the model was unavailable).
        clock: adds the seconds spent on ``evidence`` and ``summary`` (benchmark).
    """
    clock = clock if clock is not None else {"evidence": 0.0, "summary": 0.0}
    candidate = _candidate(cid, names, documents, problems, reader, clock)
    tick = time.perf_counter()
    _summarise(candidate, reader.profile, documents, summarise, notices)
    clock["summary"] += time.perf_counter() - tick
    return candidate


def flag_without_file(detail: str, files: Collection[str]) -> str:
    """A flag's detail without the name of the file it starts with ("cv.docx: white text
    on a white background: …"): the name may identify the candidate. Only a name of the
    candidate's ``files`` (or its last part) is taken off, so a flag whose own text holds
    ": " keeps its label; with no known name, the text up to the first ": " goes."""
    names = {*files, *(PurePosixPath(name).name for name in files)}
    for name in sorted(names, key=len, reverse=True):
        if name and detail.startswith(f"{name}: "):
            return detail[len(name) + 2:]
    return detail if files else detail.split(": ", 1)[-1]


# Below this many words across a candidate's files (a scanned CV without a text layer, an
# image renamed .pdf), the application is reported as not analysed rather than scored 0.
MIN_WORDS_ANALYSED = 20


def _candidate(cid: str, names: list[str], documents: Mapping[str, ExtractedDocument],
               errors: Mapping[str, dict[str, str]], reader: Reader,
               clock: dict[str, float]) -> CandidateResult:
    tick = time.perf_counter()
    texts = [SourceText(n, documents[n].text) for n in names if n in documents]
    results = reader.read(texts)
    clock["evidence"] += time.perf_counter() - tick
    flags = [{"kind": f.kind, "detail": f"{PurePosixPath(n).name}: {f.detail}"}
             for n in names if n in documents for f in documents[n].flags]
    problems = [errors[n] for n in names if n in errors]
    flags.extend({"kind": "unreadable", "detail": p["error"]} for p in problems)
    if not texts:
        flags.append({"kind": "not_analysed", "detail": "no readable file for this candidate; "
                      "the score is 0 because nothing could be read, not because of content"})
    elif (sum(len(t.text.split()) for t in texts) < MIN_WORDS_ANALYSED
          and not any(r.evidence or r.status != "not_found" for r in results)):
        # A short CV that was read (evidence quoted) is analysed, not "unreadable".
        flags.append({"kind": "not_analysed", "detail": "the files hold almost no text (a scan "
                      "or an image?); the score is 0 because nothing could be read, not "
                      "because of content"})
    return CandidateResult(cid, names, results, match_score(reader.profile, results),
                           flags=flags, errors=problems,
                           to_clarify=points_to_clarify(reader.profile, results))


def _summarise(candidate: CandidateResult, profile: JobProfile,
               documents: Mapping[str, ExtractedDocument], summarise: Summariser | None,
               notices: set[str]) -> None:
    masker = Masker(profile_vocabulary(profile))
    texts = [documents[n].text for n in candidate.files if n in documents]
    quotes = [e.quote for r in candidate.criteria for e in r.evidence]
    cache: dict[str, str] = {}

    def masked_quote(quote: str) -> str:
        if quote not in cache:
            cache[quote] = masker.mask(quote)
        return cache[quote]

    lines: list[SummaryLine] = []
    if summarise is not None and texts:
        masked = masker.mask_many([*texts, *quotes])
        cache.update(zip(quotes, masked[len(texts):], strict=True))
        extracts = summary_extracts(profile, candidate.criteria, masked[:len(texts)],
                                    masked_quote)
        lines, notice = summarise(profile, masked[:len(texts)], extracts)
        if notice:
            notices.add(notice)
        source = "model"
    if not lines:
        if not cache:
            cache.update(zip(quotes, masker.mask_many(quotes), strict=True))
        lines = extractive_summary(profile, candidate.criteria, [], masked_quote)
        if len(lines) < MIN_LINES:
            lines = extractive_summary(profile, candidate.criteria,
                                       _lead_texts(texts, masker), masked_quote)
        source = "extractive"
    candidate.summary = "\n".join(line.text for line in lines)
    candidate.summary_source = source


def _lead_texts(texts: list[str], masker: Masker) -> list[str]:
    """The first lines of each file after the header, masked (fillers for short summaries)."""
    leads = []
    for text in texts:
        body = "\n".join(text.splitlines()[3:15])
        leads.append(masker.mask(body) if body.strip() else "")
    return leads
