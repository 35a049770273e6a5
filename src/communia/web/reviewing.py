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
from communia.recruitment.messages import DRAFT_TITLES as RECRUITMENT_TITLES
from communia.sentences import filled, template_pattern
from communia.web.i18n import gettext_for

# The page area whose people may review a use case's drafts (default: the review area).
USE_CASE_AREA = {"recruitment": "recruitment", "feedback": "feedback", "planning": "planning",
                 "drafting": "drafting", "briefing": "drafting", "prompt_workshop": "learn"}
# Kinds of draft that belong to another area than their use case's: a use case's
# algorithm sheet is a governance document, whatever the use case.
KIND_AREA = {algorithm_sheet.KIND: "governance"}
# How a capability titles its drafts, by kind: an English template (a catalog msgid) whose
# fixed words are translated when the title is shown; the stored title stays English.
DRAFT_TITLES: dict[str, str] = {**RECRUITMENT_TITLES}


def reviewer_area(use_case: str, kind: str | None = None) -> str:
    """The area a person must be allowed in to review a draft of ``use_case``."""
    return KIND_AREA.get(kind or "") or USE_CASE_AREA.get(use_case, "review")


def may_review(role: str, use_case: str, kind: str | None = None) -> bool:
    """Whether ``role`` may see and act on a draft of ``use_case`` (and ``kind``)."""
    return can(role, reviewer_area(use_case, kind))


def draft_title(lang: str, kind: str, title: str) -> str:
    """A draft's stored ``title`` in ``lang``: the fixed words of its kind's title template
    translated, the values (a post's name) kept; any other title as it is."""
    template = DRAFT_TITLES.get(kind)
    found = template_pattern(template).fullmatch(title) if template else None
    if template is None or found is None:
        return title
    return filled(gettext_for(lang)(template), found.groupdict())


def approve(runtime: Runtime, draft_id: str, username: str, reason: str = "") -> None:
    """Approve in ``username``'s name; a drafted document must pass its checks first."""
    if drafting.drafted(runtime, draft_id):
        drafting.approve(runtime, draft_id, username, reason)
        return
    with runtime.db.session() as session:
        review.approve(session, runtime.vault, draft_id, username, reason)
