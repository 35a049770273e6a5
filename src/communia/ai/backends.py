"""Generative backends behind one small Protocol: none, echo, embedded and openai-compatible.

Only ``ai.gateway`` calls these. Each backend declares whether it is trusted with
personal data; the gateway pseudonymises input for those that are not.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import httpx

from communia.errors import Unavailable

Message = dict[str, str]


class BackendUnavailable(Unavailable):
    """No generative model can answer; capabilities fall back to deterministic output."""


class BackendFailed(Unavailable):
    """The backend was reached but failed (timeout, server error, invalid answer)."""


@dataclass(frozen=True)
class Completion:
    """A backend's answer with the token counts it reported."""

    text: str
    model: str
    prompt_tokens: int = 0
    completion_tokens: int = 0


class Backend(Protocol):
    """What the gateway needs of a generative backend."""

    name: str
    model: str
    trusted_for_personal_data: bool

    def complete(
        self, messages: list[Message], schema: dict[str, Any] | None, max_tokens: int
    ) -> Completion: ...


class NoneBackend:
    """No generative model: every call says so, and capabilities use their templates."""

    name = "none"
    model = ""
    trusted_for_personal_data = True

    def complete(
        self, messages: list[Message], schema: dict[str, Any] | None, max_tokens: int
    ) -> Completion:
        raise BackendUnavailable(
            "No generative model is configured (backend 'none'); "
            "the deterministic result is shown instead."
        )


class EchoBackend:
    """Diagnostics: answers with the last user message (as ``{"text": ...}`` under a schema).

    Used to measure the gateway's own overhead and to test the governance path with
    a backend that is real, deterministic and declared untrusted.
    """

    name = "echo"
    model = "echo"

    def __init__(self, trusted_for_personal_data: bool = False) -> None:
        self.trusted_for_personal_data = trusted_for_personal_data

    def complete(
        self, messages: list[Message], schema: dict[str, Any] | None, max_tokens: int
    ) -> Completion:
        text = messages[-1]["content"] if messages else ""
        out = json.dumps({"text": text}, ensure_ascii=False) if schema else text
        return Completion(out, self.model, len(text) // 4, len(out) // 4)


class EmbeddedBackend:
    """A local GGUF model run by llama.cpp in this process (trusted: nothing leaves)."""

    name = "embedded"
    trusted_for_personal_data = True

    def __init__(self, model_path: Path, threads: int = 2, context: int = 4096) -> None:
        self.model_path = model_path
        self.model = model_path.stem
        self._threads = threads
        self._context = context
        self._llm: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        if self._llm is None:
            try:
                from llama_cpp import Llama
            except ImportError:
                raise BackendUnavailable(
                    "llama-cpp-python is not installed; install the 'embedded' extra "
                    "(make install) or choose another backend."
                ) from None
            if not self.model_path.is_file():
                raise BackendUnavailable(
                    f"The model file {self.model_path} is missing; run 'communia model install'."
                )
            self._llm = Llama(
                model_path=str(self.model_path), n_ctx=self._context,
                n_threads=self._threads, verbose=False,
            )
        return self._llm

    def complete(
        self, messages: list[Message], schema: dict[str, Any] | None, max_tokens: int
    ) -> Completion:
        with self._lock:  # llama.cpp contexts are not thread-safe
            llm = self._load()
            kwargs: dict[str, Any] = {"messages": messages, "max_tokens": max_tokens,
                                      "temperature": 0.2, "seed": 7}
            if schema is not None:
                kwargs["response_format"] = {"type": "json_object", "schema": schema}
            result = llm.create_chat_completion(**kwargs)
        usage = result.get("usage", {})
        return Completion(
            result["choices"][0]["message"]["content"] or "",
            self.model,
            int(usage.get("prompt_tokens", 0)),
            int(usage.get("completion_tokens", 0)),
        )


class OpenAICompatibleBackend:
    """Any OpenAI-compatible server (vLLM, Ollama, OpenGateLLM/Albert, llama.cpp server)."""

    name = "openai-compatible"

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str = "",
        trusted_for_personal_data: bool = False,
        timeout: float = 120.0,
        max_concurrency: int = 4,
        retries: int = 2,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if not base_url:
            raise BackendUnavailable(
                "The openai-compatible backend needs COMMUNIA_OPENAI_BASE_URL, "
                "e.g. http://127.0.0.1:8001/v1."
            )
        self.model = model
        self.trusted_for_personal_data = trusted_for_personal_data
        self._retries = retries
        self._slots = threading.BoundedSemaphore(max_concurrency)
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(base_url=base_url, timeout=timeout, headers=headers,
                                    transport=transport)

    def complete(
        self, messages: list[Message], schema: dict[str, Any] | None, max_tokens: int
    ) -> Completion:
        body: dict[str, Any] = {"model": self.model, "messages": messages,
                                "max_tokens": max_tokens, "temperature": 0.2}
        if schema is not None:
            body["response_format"] = {"type": "json_object", "schema": schema}
        with self._slots:
            data = self._post_with_retries(body)
        try:
            text = data["choices"][0]["message"]["content"] or ""
        except (KeyError, IndexError, TypeError):
            raise BackendFailed("The inference server answered without a message.") from None
        usage = data.get("usage") or {}
        return Completion(text, str(data.get("model") or self.model),
                          int(usage.get("prompt_tokens", 0)),
                          int(usage.get("completion_tokens", 0)))

    def _post_with_retries(self, body: dict[str, Any]) -> dict[str, Any]:
        delay = 0.5
        for attempt in range(self._retries + 1):
            try:
                response = self._client.post("/chat/completions", json=body)
                if response.status_code < 500:
                    response.raise_for_status()
                    return dict(response.json())
                problem = f"server error {response.status_code}"
            except httpx.ConnectError:
                problem = "the inference server is not reachable (is it running?)"
            except httpx.TimeoutException:
                problem = "the inference server did not answer in time"
            except httpx.TransportError:  # reset or closed mid-answer (server killed)
                problem = "the connection to the inference server was lost during the call"
            except ValueError:
                problem = "the inference server answered with something that is not JSON"
            except httpx.HTTPStatusError as exc:
                raise BackendFailed(
                    f"The inference server refused the call ({exc.response.status_code}); "
                    "check the model name and API key."
                ) from None
            if attempt < self._retries:
                time.sleep(delay)
                delay *= 2
        raise BackendFailed(f"Model call failed after {self._retries + 1} attempts: {problem}.")
