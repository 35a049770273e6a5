"""Recruitment rules: criteria, job profiles, evidence statuses and the weighted match score.

Pure rules and dataclasses (no I/O). The score is a plain weighted average of the
statuses a deterministic reading found; it carries no threshold and no verdict.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any

from communia.errors import Conflict, InvalidInput

RETENTION_DAYS = 730  # two years after the last contact (register default for recruitment)

__all__ = [
    "DECISIONS",
    "REQUIREMENTS",
    "STATUSES",
    "STATUS_VALUE",
    "CandidateResult",
    "Criterion",
    "CriterionResult",
    "Evidence",
    "JobProfile",
    "ProfileFrozen",
    "ProfileInvalid",
    "fold",
    "match_score",
    "profile_from_dict",
    "profile_to_dict",
    "slug",
]

STATUSES = ("met", "partial", "not_found")
STATUS_VALUE = {"met": 1.0, "partial": 0.5, "not_found": 0.0}
REQUIREMENTS = ("required", "desirable")
DECISIONS = ("invite", "not_retained", "on_hold")
MAX_WEIGHT = 10.0


# Sentences about a profile (English; the web translates them from recruitment.po).
BAD_ID = ("criterion {index} ('{id}'): the id must be 1–40 lower-case letters, digits or "
          "underscores.")
TWICE_ID = "criterion {index} ('{id}'): the id is used twice; give each criterion its own."
BAD_REQUIREMENT = ("criterion {index} ('{id}'): requirement is '{value}'; it must be "
                   "'required' or 'desirable'.")
BAD_WEIGHT = ("criterion {index} ('{id}'): weight is {value}; it must be a number above 0 "
              "and at most {max}.")
EMPTY_LABEL = "criterion {index} ('{id}'): the label is empty."
NO_TERMS = ("criterion {index} ('{id}'): list the words that count as evidence under "
            "'terms' (synonyms and equivalents).")


class ProfileInvalid(InvalidInput):
    """A job profile or one of its criteria is malformed; the message names the field."""


class ProfileFrozen(Conflict):
    """The criteria are frozen: a change needs a new version, which re-runs the analysis."""


@dataclass(frozen=True)
class Criterion:
    """One objective criterion chosen by a human, with what counts as evidence.

    Args:
        id: short identifier, unique in the profile (``qualification``).
        label: what the criterion asks for, in the reader's words.
        requirement: ``required`` or ``desirable``.
        weight: relative importance set by the human (0 < weight ≤ 10).
        evidence: plain description of what evidence counts.
        terms: synonyms and equivalents whose mention meets the criterion.
        partial_terms: mentions that meet it only in part (``BAFA en cours``).
        context: words that mark a line as relevant to a duration criterion.
        exclude: words that make a line irrelevant to it unless a context word also is.
        min_years: years of experience asked for; durations are computed from dates.
        situation: a situational interview question for this criterion (optional).
    """

    id: str
    label: str
    requirement: str = "required"
    weight: float = 1.0
    evidence: str = ""
    terms: tuple[str, ...] = ()
    partial_terms: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    min_years: float | None = None
    situation: str = ""

    def describe(self) -> str:
        """One line naming the criterion, its requirement and weight."""
        return f"{self.label} ({self.requirement}, weight {self.weight:g})"


@dataclass(frozen=True)
class JobProfile:
    """A post and its criteria; frozen before any application is read, then versioned."""

    title: str
    criteria: tuple[Criterion, ...]
    lang: str = "fr"
    version: int = 1
    frozen: bool = False
    missions: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id; ``ProfileInvalid`` when absent."""
        for item in self.criteria:
            if item.id == criterion_id:
                return item
        raise ProfileInvalid(f"No criterion '{criterion_id}' in the profile '{self.title}'.")

    def freeze(self) -> JobProfile:
        """The same profile, frozen (validated first)."""
        validate(self)
        return replace(self, frozen=True)

    def next_version(self, criteria: tuple[Criterion, ...]) -> JobProfile:
        """A new, unfrozen version with other criteria; the old one stays as it was."""
        return replace(self, criteria=criteria, version=self.version + 1, frozen=False)


@dataclass(frozen=True)
class Evidence:
    """A verbatim quote from one file's visible text, with its offsets in that text."""

    file: str
    quote: str
    start: int
    end: int
    source: str = "rule"  # rule | duration | embedding | model


@dataclass(frozen=True)
class CriterionResult:
    """How one application meets one criterion, and why."""

    criterion_id: str
    status: str
    evidence: tuple[Evidence, ...] = ()
    years: float | None = None
    note: str = ""


@dataclass
class CandidateResult:
    """Everything the deterministic reading produced for one candidate."""

    id: str
    files: list[str]
    criteria: list[CriterionResult]
    match_score: float
    summary: str = ""
    summary_source: str = "extractive"
    flags: list[dict[str, str]] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)
    to_clarify: list[str] = field(default_factory=list)


def match_score(profile: JobProfile, results: list[CriterionResult]) -> float:
    """Weighted share of criteria met (partly met counts half), 0–100, one decimal.

    Only the human's weights enter the score; there is no cut-off and no label.
    """
    by_id = {r.criterion_id: r for r in results}
    total = sum(c.weight for c in profile.criteria)
    if total <= 0:
        return 0.0
    got = sum(c.weight * STATUS_VALUE[by_id[c.id].status] for c in profile.criteria
              if c.id in by_id)
    return round(100.0 * got / total, 1)


def validate(profile: JobProfile) -> None:
    """Check ids, requirements and weights; raise ``ProfileInvalid`` naming the field."""
    if not profile.title.strip():
        raise ProfileInvalid("The job profile needs a title (field 'title').")
    if not profile.criteria:
        raise ProfileInvalid("The job profile has no criteria; add at least one under "
                             "'criteria' before freezing it.")
    seen: set[str] = set()
    for index, item in enumerate(profile.criteria, start=1):
        where = {"index": index, "id": item.id}
        if not re.fullmatch(r"[a-z0-9_]{1,40}", item.id):
            raise ProfileInvalid(BAD_ID.format(**where))
        if item.id in seen:
            raise ProfileInvalid(TWICE_ID.format(**where))
        seen.add(item.id)
        if item.requirement not in REQUIREMENTS:
            raise ProfileInvalid(BAD_REQUIREMENT.format(**where, value=item.requirement))
        if not 0 < item.weight <= MAX_WEIGHT:
            raise ProfileInvalid(BAD_WEIGHT.format(**where, value=f"{item.weight:g}",
                                                   max=f"{MAX_WEIGHT:g}"))
        if not item.label.strip():
            raise ProfileInvalid(EMPTY_LABEL.format(**where))
        if not item.terms and item.min_years is None:
            raise ProfileInvalid(NO_TERMS.format(**where))


def slug(text: str, limit: int = 40) -> str:
    """A lower-case identifier made of the words of ``text``."""
    words = re.findall(r"[a-z0-9]+", fold(text))
    return ("_".join(words) or "criterion")[:limit].strip("_")


def fold(text: str) -> str:
    """Lower case without accents, ligatures undone (NFKC), for matching."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def profile_to_dict(profile: JobProfile) -> dict[str, Any]:
    """A plain mapping (for YAML and JSON), criteria in order."""
    return {
        "title": profile.title,
        "lang": profile.lang,
        "version": profile.version,
        "frozen": profile.frozen,
        "missions": list(profile.missions),
        "flags": list(profile.flags),
        "criteria": [_criterion_dict(c) for c in profile.criteria],
    }


def _criterion_dict(c: Criterion) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": c.id, "label": c.label, "requirement": c.requirement, "weight": c.weight,
        "evidence": c.evidence, "terms": list(c.terms), "partial_terms": list(c.partial_terms),
    }
    if c.context:
        data["context"] = list(c.context)
    if c.exclude:
        data["exclude"] = list(c.exclude)
    if c.min_years is not None:
        data["min_years"] = c.min_years
    if c.situation:
        data["situation"] = c.situation
    return data


def profile_from_dict(data: Any) -> JobProfile:
    """Read a profile from a mapping (YAML or JSON); ``ProfileInvalid`` names the bad field."""
    if not isinstance(data, dict):
        raise ProfileInvalid("The job file must be a mapping with 'title' and 'criteria'.")
    raw = data.get("criteria")
    if not isinstance(raw, list):
        raise ProfileInvalid("The job file needs a list under 'criteria'.")
    criteria = tuple(_criterion_from(item, i) for i, item in enumerate(raw, start=1))
    try:
        version = int(data.get("version", 1))
    except (TypeError, ValueError):
        raise ProfileInvalid("'version' must be a whole number.") from None
    return JobProfile(
        title=str(data.get("title", "")).strip(),
        criteria=criteria,
        lang=str(data.get("lang", "fr")),
        version=version,
        frozen=bool(data.get("frozen", False)),
        missions=tuple(str(m) for m in data.get("missions") or ()),
        flags=tuple(str(f) for f in data.get("flags") or ()),
    )


def _criterion_from(item: Any, index: int) -> Criterion:
    if not isinstance(item, dict):
        raise ProfileInvalid(f"criterion {index}: expected a mapping with id, label, weight.")
    label = str(item.get("label", "")).strip()
    try:
        weight = float(item.get("weight", 1))
        years = item.get("min_years")
        min_years = None if years in (None, "") else float(years)
    except (TypeError, ValueError):
        raise ProfileInvalid(f"criterion {index} ('{label}'): weight and min_years must be "
                             "numbers.") from None
    return Criterion(
        id=str(item.get("id") or slug(label)),
        label=label,
        requirement=str(item.get("requirement", "required")),
        weight=weight,
        evidence=str(item.get("evidence", "")),
        terms=_strings(item.get("terms")),
        partial_terms=_strings(item.get("partial_terms")),
        context=_strings(item.get("context")),
        exclude=_strings(item.get("exclude")),
        min_years=min_years,
        situation=str(item.get("situation", "")),
    )


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    return tuple(str(v).strip() for v in value if str(v).strip())
