"""Usage dashboard figures: calls, tokens and energy per use case, service and backend;
human approve / edit / reject rates from the drafts' versions.

"Service" is the role of the person on whose behalf a call was made (accounts carry no
department): HR, agents, field leads...
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from communia.governance import review
from communia.governance.console.journal_export import JournalFilter, iter_matching
from communia.governance.console.model import Rates, energy_wh
from communia.store.tables import DraftRow, DraftVersionRow, User


@dataclass
class Tally:
    """Calls, tokens and estimated energy of one group."""

    calls: int = 0
    refused: int = 0
    tokens: int = 0
    energy_wh: float = 0.0


@dataclass
class Usage:
    """The dashboard's figures."""

    by_use_case: dict[str, Tally] = field(default_factory=dict)
    by_service: dict[str, Tally] = field(default_factory=dict)
    by_backend: dict[str, Tally] = field(default_factory=dict)
    rates: dict[str, Rates] = field(default_factory=dict)

    @property
    def total_calls(self) -> int:
        return sum(t.calls for t in self.by_backend.values())


def usage(session: Session) -> Usage:
    """Compute the usage figures from the journal and the drafts."""
    roles = dict(session.execute(select(User.username, User.role)).tuples().all())
    groups: dict[str, dict[str, Tally]] = {"use_case": defaultdict(Tally),
                                           "service": defaultdict(Tally),
                                           "backend": defaultdict(Tally)}
    for row in iter_matching(session, JournalFilter(kind="model.called")):
        payload = row.payload
        tokens = int(payload.get("prompt_tokens", 0)) + int(payload.get("completion_tokens", 0))
        backend = str(payload.get("backend", "?"))
        keys = {"use_case": row.use_case, "service": roles.get(row.actor, "other"),
                "backend": backend}
        for group, key in keys.items():
            tally = groups[group][key]
            tally.calls += 1
            tally.tokens += tokens
            tally.energy_wh = round(tally.energy_wh + energy_wh(backend, tokens), 4)
    for row in iter_matching(session, JournalFilter(kind="model.refused")):
        groups["use_case"][row.use_case].refused += 1
    return Usage(dict(groups["use_case"]), dict(groups["service"]), dict(groups["backend"]),
                 review_rates(session))


def review_rates(session: Session) -> dict[str, Rates]:
    """Per use case: drafts approved as generated, approved or kept after a human edit,
    rejected, or still pending."""
    edited = set(session.scalars(select(DraftVersionRow.draft_id)
                                 .where(DraftVersionRow.action == "edited").distinct()))
    rates: dict[str, Rates] = defaultdict(Rates)
    for draft_id, use_case, status in session.execute(
            select(DraftRow.id, DraftRow.use_case, DraftRow.status)).tuples():
        if status == review.MATERIAL:
            continue  # model material inside a document reviewed as a whole
        tally = rates[use_case]
        if status == "rejected":
            tally.rejected += 1
        elif draft_id in edited:
            tally.edited += 1
        elif status == "approved":
            tally.approved += 1
        else:
            tally.pending += 1
    return {k: v.finish() for k, v in sorted(rates.items())}
