"""Upload limit enforced before a body is read: Content-Length first, then counted bytes.

A request announcing more than ``max_bytes`` is answered 413 without reading it; a
streamed (chunked) body is counted as it arrives and cut off at the limit, whatever the
route was doing with it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

Scope = dict[str, Any]
Message = dict[str, Any]
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


class BodyTooLarge(Exception):
    """Raised into the application when a streamed body passes the limit."""


class UploadLimit:
    """Pure ASGI middleware answering 413 for bodies larger than ``max_bytes``."""

    def __init__(
        self, app: Any, max_bytes: int, on_reject: Callable[[Scope], None] | None = None
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.on_reject = on_reject

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("method") not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        announced = _header(scope, b"content-length")
        if announced.isdigit() and int(announced) > self.max_bytes:
            await self._reject(scope, send)
            return
        state = {"seen": 0, "over": False}

        async def counted() -> Message:
            message: Message = await receive()
            if message["type"] == "http.request":
                state["seen"] += len(message.get("body", b""))
                if state["seen"] > self.max_bytes:
                    state["over"] = True
                    raise BodyTooLarge()
            return message

        async def guarded(message: Message) -> None:
            if not state["over"]:  # drop whatever the app answered after the cut
                await send(message)

        try:
            await self.app(scope, counted, guarded)
        except Exception:
            if not state["over"]:
                raise
        if state["over"]:
            await self._reject(scope, send)

    async def _reject(self, scope: Scope, send: Any) -> None:
        if self.on_reject is not None:
            self.on_reject(scope)
        limit_mb = self.max_bytes / (1024 * 1024)
        english = (f"The upload is larger than the {limit_mb:.1f} MB limit. Send a smaller "
                   "file, or split the batch; an administrator sets COMMUNIA_MAX_UPLOAD_BYTES.")
        french = (f"L'envoi dépasse la limite de {limit_mb:.1f} Mo. Envoyez un fichier plus "
                  "petit ou découpez le lot ; un administrateur règle COMMUNIA_MAX_UPLOAD_BYTES.")
        if scope.get("path", "").startswith("/api/") or "json" in _header(scope, b"accept"):
            body = json.dumps({"error": english}).encode()
            kind = b"application/json"
        else:
            body = (f'<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>413'
                    f'</title></head><body><main><h1>413</h1><p>{french}</p>'
                    f'<p lang="en">{english}</p></main></body></html>').encode()
            kind = b"text/html; charset=utf-8"
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", kind), (b"connection", b"close"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1")).strip()
    return ""
