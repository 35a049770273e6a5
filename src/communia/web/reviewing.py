"""Who may review a draft, and approval under its capability's checks (pages and API).

A draft is reviewed by the people of the capability it comes from: a recruitment summary
(the high-risk use case) only by those who may open recruitment, a field-feedback
synthesis by field leads. A drafted document is approved under the same checks as on its
drafting page.
"""

from __future__ import annotations

from communia.accounts.model import can
from communia.bootstrap import Runtime
from communia.drafting import service as drafting
from communia.governance import review
from communia.governance.console import algorithm_sheet

# The page area whose people may review a use case's drafts (default: the review area).
USE_CASE_AREA = {"recruitment": "recruitment", "feedback": "feedback", "planning": "planning",
                 "drafting": "drafting", "briefing": "drafting", "prompt_workshop": "learn"}
# Kinds of draft that belong to another area than their use case's: a use case's
# algorithm sheet is a governance document, whatever the use case.
KIND_AREA = {algorithm_sheet.KIND: "governance"}


def reviewer_area(use_case: str, kind: str | None = None) -> str:
    """The area a person must be allowed in to review a draft of ``use_case``."""
    return KIND_AREA.get(kind or "") or USE_CASE_AREA.get(use_case, "review")


def may_review(role: str, use_case: str, kind: str | None = None) -> bool:
    """Whether ``role`` may see and act on a draft of ``use_case`` (and ``kind``)."""
    return can(role, reviewer_area(use_case, kind))


def approve(runtime: Runtime, draft_id: str, username: str, reason: str = "") -> None:
    """Approve in ``username``'s name; a drafted document must pass its checks first."""
    if drafting.drafted(runtime, draft_id):
        drafting.approve(runtime, draft_id, username, reason)
        return
    with runtime.db.session() as session:
        review.approve(session, runtime.vault, draft_id, username, reason)
