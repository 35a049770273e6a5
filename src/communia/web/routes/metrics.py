"""``/metrics`` for Prometheus, for a scraper holding the metrics token or an administrator.

A scraper sends ``Authorization: Bearer <COMMUNIA_METRICS_TOKEN>``; a signed-in
administrator reads it in the browser. Without a token set, only administrators can, so
an installation never exposes its figures by default. See docs/deploy-single.md.
"""

from __future__ import annotations

import hmac
import logging

from fastapi import APIRouter, Request
from starlette.responses import PlainTextResponse, Response

from communia.governance import journal
from communia.governance.events import AccessDenied
from communia.ops import metrics
from communia.web.deps import current_account, get_runtime

AREA = None
router = APIRouter()
log = logging.getLogger("communia.web")
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="communia-metrics"'}


def allowed(request: Request) -> Response | None:
    """None when the request may read the metrics, else the answer refusing it: 401 for a
    missing or wrong token, 403 for a signed-in person who is not an administrator."""
    authorization = request.headers.get("authorization", "")
    if authorization[:7].lower() == "bearer ":
        expected = get_runtime(request).settings.metrics_token.get_secret_value()
        given = authorization[7:].strip()
        if expected and hmac.compare_digest(given.encode(), expected.encode()):
            return None
        log.warning("refused /metrics: %s bearer token",  # never the token itself
                    "wrong" if expected else "no metrics token is set, so any")
        return PlainTextResponse("This bearer token does not open /metrics (check "
                                 "COMMUNIA_METRICS_TOKEN).\n", status_code=401,
                                 headers=CHALLENGE)
    account = current_account(request)
    if account is None:
        return PlainTextResponse("Metrics need the metrics token (Authorization: Bearer) or "
                                 "an administrator's session.\n", status_code=401,
                                 headers=CHALLENGE)
    if account.role != "admin":
        with get_runtime(request).db.session() as session:
            journal.record(session, AccessDenied(actor=account.username, use_case="-",
                                                 path=request.url.path, role=account.role))
        return PlainTextResponse("Only administrators read the metrics.\n", status_code=403)
    return None


@router.get("/metrics", include_in_schema=False)
def scrape(request: Request) -> Response:
    refusal = allowed(request)
    if refusal is not None:
        return refusal
    return Response(metrics.render(get_runtime(request)), media_type=metrics.CONTENT_TYPE,
                    headers={"Cache-Control": "no-store"})
