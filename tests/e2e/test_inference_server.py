"""The openai-compatible backend against a real server: llama.cpp's own OpenAI-compatible
server with the packaged model, on 127.0.0.1."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from communia.ai.backends import BackendFailed, OpenAICompatibleBackend
from communia.ai.gateway import Task
from communia.bootstrap import Runtime
from communia.store.tables import DraftRow, JournalEntryRow
from tests.e2e.servers import MODEL, free_port, llama_server

pytestmark = [pytest.mark.slow]
CALL_TIMEOUT = 600  # a shared, loaded 2-core machine can take minutes for a few tokens

SCHEMA = {"type": "object", "properties": {"heading": {"type": "string"}},
          "required": ["heading"]}


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not MODEL.is_file():
        pytest.skip(f"packaged model not installed at {MODEL}: run 'make install'")
    pytest.importorskip("llama_cpp.server", reason="llama-cpp-python[server] not installed")
    with llama_server(tmp_path_factory.mktemp("llama")) as url:
        yield url


def _task(prompt: str = "Rédige un titre pour une note sur les horaires de la médiathèque.",
          ) -> Task:
    return Task(use_case="drafting", actor="agent", template="test/v1",
                system="Answer in JSON.", prompt=prompt, schema=SCHEMA, max_tokens=24)


def _counts(runtime: Runtime) -> tuple[int, int]:
    with runtime.db.session() as session:
        drafts = session.scalar(select(func.count()).select_from(DraftRow)) or 0
        failed = session.scalar(select(func.count()).select_from(JournalEntryRow)
                                .where(JournalEntryRow.kind == "model.failed")) or 0
    return int(drafts), int(failed)


@pytest.mark.model
def test_a_governed_call_through_the_real_server_returns_a_draft_with_provenance(
        server_url: str, make_runtime: Callable[..., Runtime]) -> None:
    backend = OpenAICompatibleBackend(server_url, "communia-test", timeout=CALL_TIMEOUT,
                                      retries=0, trusted_for_personal_data=False)
    runtime = make_runtime(backend=backend)

    result = runtime.gateway.run(_task())

    assert isinstance(result.data, dict) and isinstance(result.data.get("heading"), str)
    assert result.provenance["backend"] == "openai-compatible"
    assert result.provenance["pseudonymised"] is True
    assert _counts(runtime) == (1, 0)


@pytest.mark.model
def test_concurrent_calls_are_held_to_the_concurrency_limit(
        server_url: str, make_runtime: Callable[..., Runtime]) -> None:
    backend = OpenAICompatibleBackend(server_url, "communia-test", timeout=CALL_TIMEOUT,
                                      retries=0, max_concurrency=1)
    runtime = make_runtime(backend=backend)
    inside, peak = [0], [0]
    original = backend._post_with_retries

    def counting(body: dict[str, object]) -> dict[str, object]:
        inside[0] += 1
        peak[0] = max(peak[0], inside[0])
        try:
            return original(body)
        finally:
            inside[0] -= 1

    backend._post_with_retries = counting  # type: ignore[method-assign]
    prompts = [f"Rédige un titre pour une note sur les horaires, version {n}." for n in (1, 2)]
    threads = [threading.Thread(target=runtime.gateway.run, args=(_task(p),)) for p in prompts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=2 * CALL_TIMEOUT)

    assert peak[0] == 1
    assert _counts(runtime)[0] == 2


def test_a_server_that_is_down_fails_cleanly_after_the_retries(
        make_runtime: Callable[..., Runtime]) -> None:
    backend = OpenAICompatibleBackend(f"http://127.0.0.1:{free_port()}/v1", "m", retries=2,
                                      timeout=5)
    runtime = make_runtime(backend=backend)
    started = time.monotonic()

    with pytest.raises(BackendFailed, match="not reachable.*3 attempts|3 attempts.*not reach"):
        runtime.gateway.run(_task())

    assert time.monotonic() - started >= 1.5  # backoff 0.5 s then 1 s
    assert _counts(runtime) == (0, 1)


def test_a_server_that_never_answers_times_out_with_a_clear_error(
        make_runtime: Callable[..., Runtime], tmp_path: Path) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)  # accepts connections, never answers
    port = listener.getsockname()[1]
    try:
        backend = OpenAICompatibleBackend(f"http://127.0.0.1:{port}/v1", "m", retries=1,
                                          timeout=1.0)
        runtime = make_runtime(backend=backend)
        with pytest.raises(BackendFailed, match="did not answer in time"):
            runtime.gateway.run(_task())
    finally:
        listener.close()
    assert _counts(runtime) == (0, 1)


def test_a_connection_cut_mid_answer_fails_cleanly_without_a_draft(
        make_runtime: Callable[..., Runtime]) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)

    def half_answer() -> None:
        for _ in range(2):  # the first try and the retry
            conn, _ = listener.accept()
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                         b"content-length: 500\r\n\r\n{\"choices\": [{\"mess")
            conn.close()

    server = threading.Thread(target=half_answer, daemon=True)
    server.start()
    backend = OpenAICompatibleBackend(f"http://127.0.0.1:{listener.getsockname()[1]}/v1", "m",
                                      retries=1, timeout=10)
    runtime = make_runtime(backend=backend)
    try:
        with pytest.raises(BackendFailed, match="lost during the call"):
            runtime.gateway.run(_task())
    finally:
        listener.close()
    assert _counts(runtime) == (0, 1)
