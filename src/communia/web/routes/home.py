"""The home page: what awaits the person, and the way to each capability."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from communia.governance import review
from communia.web.deps import current_account, get_runtime
from communia.web.templating import BACKEND_LABELS, render

AREA = "home"
router = APIRouter()


@router.get("/")
def home(request: Request) -> Response:
    runtime = get_runtime(request)
    account = current_account(request)
    with runtime.db.session() as session:
        waiting = [d for d in review.pending(session)
                   if account and d.requested_by == account.username]
    return render(request, "home.html", {"waiting": waiting,
                                         "backend": runtime.gateway.backend.name,
                                         "backend_labels": BACKEND_LABELS})
