"""``/metrics`` for Prometheus, answered only to a scraper on this machine (loopback).

Requests that came through a reverse proxy (any forwarding header) are refused too, so
a proxy on the same host cannot expose it by accident; see docs/deploy-single.md.
"""

from __future__ import annotations

import ipaddress

from fastapi import APIRouter, Request
from starlette.responses import PlainTextResponse, Response

from communia.ops import metrics
from communia.web.deps import get_runtime

AREA = None
router = APIRouter()
FORWARDING = ("x-forwarded-for", "x-real-ip", "forwarded")


def is_local(request: Request) -> bool:
    """True when the client is on the loopback network and no proxy forwarded the request."""
    if any(request.headers.get(name) for name in FORWARDING):
        return False
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@router.get("/metrics", include_in_schema=False)
def scrape(request: Request) -> Response:
    if not is_local(request):
        return PlainTextResponse("Metrics are served to this machine only (127.0.0.1).\n",
                                 status_code=403)
    return Response(metrics.render(get_runtime(request)), media_type=metrics.CONTENT_TYPE)
