"""A real OpenAI-compatible HTTP server on 127.0.0.1 that records every request body.

It answers chat completions by echoing the last user message, so the gateway's
egress path is exercised over a real socket, as with an untrusted cloud API.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class RecordingServer:
    """Start with ``with RecordingServer() as server:``; ``server.url`` ends in /v1."""

    def __init__(self) -> None:
        self.bodies: list[str] = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server naming)
                length = int(self.headers.get("content-length", "0"))
                raw = self.rfile.read(length).decode("utf-8")
                recorder.bodies.append(raw)
                body = json.loads(raw)
                text = body["messages"][-1]["content"]
                content = json.dumps({"text": text}) if body.get("response_format") else text
                answer = {"model": body.get("model", "recorder"),
                          "choices": [{"message": {"role": "assistant", "content": content}}],
                          "usage": {"prompt_tokens": len(raw) // 4, "completion_tokens": 1}}
                data = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> RecordingServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def received(self) -> str:
        return "\n".join(self.bodies)
