"""Liveness and readiness for load balancers and orchestrators (no sign-in)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from sqlalchemy import text
from starlette.responses import JSONResponse

from communia.web.deps import get_runtime

AREA = None
router = APIRouter()


@router.get("/healthz", include_in_schema=False)
def healthz() -> JSONResponse:
    return JSONResponse({"status": "ok"})


@router.get("/readyz", include_in_schema=False)
def readyz(request: Request) -> JSONResponse:
    runtime = get_runtime(request)
    try:
        with runtime.db.session() as session:
            session.execute(text("SELECT 1"))
    except Exception:  # any driver error means "not ready"; the detail is in the logs
        return JSONResponse({"status": "unavailable", "store": "unreachable"}, status_code=503)
    return JSONResponse({"status": "ready", "store": "ok", "backend": runtime.gateway.backend.name})
