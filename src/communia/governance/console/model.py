"""Rules of the governance console: allowed values, form checks, reminders, energy figures.

No I/O: the services in this package read and write the store and call these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from communia.errors import InvalidInput

RISK_LEVELS = ("minimal", "limited", "high")
ASSESSMENT_STATUSES = ("not_required", "required", "in_progress", "done")
DOCUMENT_KINDS = ("dpia", "fria", "other")
OPINIONS = ("favourable", "favourable_with_conditions", "unfavourable")
CONDITION_STATUSES = ("open", "met", "dropped")
OWNER_ROLES = ("admin", "dpo", "hr", "agent", "field_lead", "ethics")
REMINDER_DAYS = 30
"""A review date this close (or past) shows as a reminder on the dashboard."""

DOCUMENT_SUFFIXES = (".pdf", ".odt", ".docx", ".txt", ".md")
USE_CASE_ID = re.compile(r"^[a-z][a-z0-9_]{1,63}$")

# Estimated energy per 1,000 tokens processed (prompt + completion), in watt-hours.
# embedded: a 2-core CPU at ~30 W running a ~1B-parameter quantised model at ~15 tokens/s
#   → 30 W × (1000/15) s / 3600 ≈ 0.56 Wh (order of magnitude, this machine class).
# openai-compatible: a GPU server (vLLM, ~300 W board power shared by ~20 concurrent
#   streams at ~40 tokens/s each) → 300/(20×40) × 1000 / 3600 ≈ 0.10 Wh, plus datacentre
#   overhead (PUE 1.5) ≈ 0.16 Wh. echo/none: no model runs.
# These are estimates for comparison between backends, documented in docs/governance.md.
ENERGY_WH_PER_1K_TOKENS: dict[str, float] = {
    "embedded": 0.56,
    "openai-compatible": 0.16,
    "echo": 0.0,
    "none": 0.0,
}


class FormInvalid(InvalidInput):
    """A register form has a missing or wrong field; the message names it."""


@dataclass(frozen=True)
class UseCaseFields:
    """Everything the DPO fills in for a use case (status is changed separately)."""

    id: str
    name_fr: str
    name_en: str
    purpose: str
    legal_basis: str
    data_categories: tuple[str, ...] = ()
    owner_role: str = "admin"
    retention_days: int = 365
    risk_level: str = "minimal"
    dpia_status: str = "not_required"
    fria_status: str = "not_required"


def parse_use_case(values: dict[str, str]) -> UseCaseFields:
    """Check a submitted form and build the fields; ``FormInvalid`` names the first problem."""
    ident = values.get("id", "").strip()
    if not USE_CASE_ID.match(ident):
        raise FormInvalid("Field 'id': 2 to 64 lowercase letters, digits or '_', starting with "
                          f"a letter (got '{ident[:40]}').")
    for name in ("name_fr", "name_en", "purpose", "legal_basis"):
        if not values.get(name, "").strip():
            raise FormInvalid(f"Field '{name}' is required; fill it in and submit again.")
    return UseCaseFields(
        id=ident,
        name_fr=values["name_fr"].strip()[:200],
        name_en=values["name_en"].strip()[:200],
        purpose=values["purpose"].strip(),
        legal_basis=values["legal_basis"].strip(),
        data_categories=split_lines(values.get("data_categories", "")),
        owner_role=_choice(values, "owner_role", OWNER_ROLES, "admin"),
        retention_days=_retention(values.get("retention_days", "365")),
        risk_level=_choice(values, "risk_level", RISK_LEVELS, "minimal"),
        dpia_status=_choice(values, "dpia_status", ASSESSMENT_STATUSES, "not_required"),
        fria_status=_choice(values, "fria_status", ASSESSMENT_STATUSES, "not_required"),
    )


def split_lines(text: str) -> tuple[str, ...]:
    """Non-empty trimmed lines (or comma-separated items when the text has one line)."""
    parts = text.splitlines() if "\n" in text else text.split(",")
    return tuple(p.strip() for p in parts if p.strip())


def _choice(values: dict[str, str], name: str, allowed: tuple[str, ...], default: str) -> str:
    value = values.get(name, "").strip() or default
    if value not in allowed:
        raise FormInvalid(f"Field '{name}': '{value[:30]}' is not one of {', '.join(allowed)}.")
    return value


def _retention(raw: str) -> int:
    try:
        days = int(str(raw).strip())
    except ValueError:
        raise FormInvalid(f"Field 'retention_days': a whole number of days, got '{raw}'.") from None
    if not 1 <= days <= 3650:
        raise FormInvalid("Field 'retention_days': between 1 and 3,650 days (ten years).")
    return days


def parse_review_date(raw: str) -> date | None:
    """An ISO date (YYYY-MM-DD) or None when empty; ``FormInvalid`` otherwise."""
    raw = raw.strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise FormInvalid(f"Field 'review_date': expected YYYY-MM-DD, got '{raw[:20]}'.") from None


@dataclass(frozen=True)
class Reminder:
    """Something the dashboard must show: an ethics review date due or overdue."""

    use_case: str
    due: date
    overdue: bool
    days: int


def reminder_for(use_case: str, review_date: date | None, today: date) -> Reminder | None:
    """A reminder when the review date is within ``REMINDER_DAYS`` or already past."""
    if review_date is None:
        return None
    days = (review_date - today).days
    if days > REMINDER_DAYS:
        return None
    return Reminder(use_case, review_date, days < 0, days)


def energy_wh(backend: str, tokens: int) -> float:
    """Estimated energy for ``tokens`` on ``backend``, in watt-hours (0 when unknown)."""
    return round(ENERGY_WH_PER_1K_TOKENS.get(backend, 0.0) * tokens / 1000, 4)


@dataclass
class Rates:
    """Human review outcomes of drafts: counts and shares."""

    approved: int = 0
    edited: int = 0
    rejected: int = 0
    pending: int = 0
    shares: dict[str, float] = field(default_factory=dict)

    def finish(self) -> Rates:
        reviewed = self.approved + self.edited + self.rejected
        for name in ("approved", "edited", "rejected"):
            self.shares[name] = round(getattr(self, name) / reviewed, 3) if reviewed else 0.0
        return self


def age_bucket(created: datetime, now: datetime) -> str:
    """A review-queue age bucket: under a day, 1–7 days, over a week."""
    age = now - created
    if age < timedelta(days=1):
        return "under_1_day"
    if age <= timedelta(days=7):
        return "1_to_7_days"
    return "over_7_days"


PROMPT_CHECKS: dict[str, tuple[str, ...]] = {
    "missing_role": ("tu es", "vous etes", "en tant que", "agis comme", "agissez comme",
                     " role ", "you are", "act as", " as a ", " as an "),
    "missing_context": ("contexte", "context", "dans le cadre", "situation", "background",
                        "la commune", "notre service", "our service", "because", "parce que",
                        " car ", "afin de", "in order to", "voici", "here is", "ci-dessous",
                        "below"),
    "missing_format": ("format", "liste", "tableau", "list", "table", "puces", "bullet",
                       "paragraphe", "paragraph", "mots", "words", "lignes", "lines", "pages",
                       "page", "json", "structure", "parties", "sections", "articles"),
    "missing_constraints": ("ne pas", "n'invente", " sans ", "do not", "don't", "without",
                            "maximum", "at most", "au plus", "au maximum", " ton ", "tone",
                            "uniquement", "only", "doit", "must", "jamais", "never",
                            "limite", "limit"),
}
MIN_PROMPT_WORDS = 12


def missing_elements(normalised_prompt: str) -> list[str]:
    """What a prompt lacks (role, context, expected format, constraints), in check order.

    ``normalised_prompt`` is lowercase without accents (``vault.normalise_value``). A
    prompt under ``MIN_PROMPT_WORDS`` words lacks context whatever its words.
    """
    padded = f" {normalised_prompt} "
    missing = [flag for flag, cues in PROMPT_CHECKS.items()
               if not any(cue in padded for cue in cues)]
    if len(normalised_prompt.split()) < MIN_PROMPT_WORDS and "missing_context" not in missing:
        missing.insert(1 if "missing_role" in missing else 0, "missing_context")
    return missing
