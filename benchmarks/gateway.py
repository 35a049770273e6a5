"""Benchmark: the gateway's governance overhead, and the embedded model's speed.

Same run, same echo backend: a direct call to the backend against a call through the
gateway (register check, decision guard, pseudonymisation for an untrusted backend,
output guard, draft, journal). Then the packaged model's prompt and generation
tokens/s, when it is installed.

    .venv/bin/python benchmarks/gateway.py [--calls 40]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1]))

from _table import print_table  # noqa: E402

from communia.ai.backends import EchoBackend, EmbeddedBackend  # noqa: E402
from communia.ai.gateway import Task  # noqa: E402
from communia.ai.model_files import default_model_path  # noqa: E402
from communia.bootstrap import bootstrap  # noqa: E402
from tests.support import approve_all, make_settings  # noqa: E402

TEXT = (
    "Objet : signalement d'un dépôt sauvage rue des Lilas. Madame Claire Moreau "
    "(claire.moreau@laposte.net, 06 45 12 78 90) signale un dépôt d'encombrants devant "
    "le 14 rue des Lilas, 35000 Rennes, depuis le 3 mars. Les agents de propreté sont "
    "passés mais le dépôt est revenu. Elle demande une intervention et une verbalisation "
    "si l'auteur est identifié. "
)


def input_text(chars: int = 2000) -> str:
    return (TEXT * (chars // len(TEXT) + 1))[:chars]


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def bench_overhead(calls: int, trusted: bool = False) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        backend = EchoBackend(trusted_for_personal_data=trusted)
        runtime = bootstrap(make_settings(Path(tmp)), backend=backend)
        approve_all(runtime)
        text = input_text()
        task = Task(use_case="drafting", actor="bench", template="bench/v1",
                    system="Résume ce signalement.", prompt=text)
        messages = [{"role": "system", "content": task.system},
                    {"role": "user", "content": task.prompt}]
        print("warming up (loading the NLP pipelines)…", file=sys.stderr)
        runtime.gateway.run(task)  # warm-up: loads the NLP pipelines once
        print(f"timing {calls} calls…", file=sys.stderr)
        direct, governed = [], []
        for _ in range(calls):
            start = time.perf_counter()
            backend.complete(messages, None, 256)
            direct.append(time.perf_counter() - start)
            start = time.perf_counter()
            runtime.gateway.run(task)
            governed.append(time.perf_counter() - start)
        runtime.db.dispose()
    return median_ms(direct), median_ms(governed)


def bench_model() -> tuple[float, float] | None:
    path = default_model_path(Path(__file__).parents[1] / "var")
    if not path.is_file():
        return None
    print("timing the embedded model…", file=sys.stderr)
    backend = EmbeddedBackend(path, threads=2)
    prompt = input_text(1200)
    messages = [{"role": "user", "content": "Résume en trois phrases : " + prompt}]
    backend.complete([{"role": "user", "content": "Bonjour"}], None, 4)  # load
    # Two different openings, so the second call cannot reuse the first one's prompt cache.
    start = time.perf_counter()
    first = backend.complete(messages, None, 1)
    prompt_seconds = time.perf_counter() - start
    other = [{"role": "user", "content": "Synthétise en trois phrases : " + prompt}]
    start = time.perf_counter()
    full = backend.complete(other, None, 96)
    total = time.perf_counter() - start
    other_prompt_seconds = full.prompt_tokens / (first.prompt_tokens / prompt_seconds)
    generation_seconds = max(total - other_prompt_seconds, 1e-6)
    return first.prompt_tokens / prompt_seconds, full.completion_tokens / generation_seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=40)
    parser.add_argument("--no-model", action="store_true",
                        help="skip the embedded model's tokens/s")
    args = parser.parse_args()
    direct, governed = bench_overhead(args.calls)
    t_direct, t_governed = bench_overhead(args.calls, trusted=True)
    rows: list[list[object]] = [
        ["untrusted backend: time per call, 2,000 chars (median ms)", f"{governed:.1f}",
         f"{direct:.3f}", f"{governed / max(direct, 1e-6):.0f}x"],
        ["untrusted: overhead incl. pseudonymisation (ms; target < 20)",
         f"{governed - direct:.1f}", "-", "-"],
        ["trusted backend: time per call (median ms)", f"{t_governed:.1f}",
         f"{t_direct:.3f}", f"{t_governed / max(t_direct, 1e-6):.0f}x"],
        ["trusted: overhead, guard + register + draft + journal (ms)",
         f"{t_governed - t_direct:.1f}", "-", "-"],
    ]
    model = None if args.no_model else bench_model()
    if args.no_model:
        rows.append(["embedded model tokens/s", "skipped (--no-model)", "-", "-"])
    elif model is None:
        rows.append(["embedded model tokens/s", "not installed (make install)", "-", "-"])
    else:
        rows.append(["embedded prompt tokens/s", f"{model[0]:.0f}", "-", "-"])
        rows.append(["embedded generation tokens/s", f"{model[1]:.0f}", "-", "-"])
    print_table(f"Gateway benchmark ({args.calls} calls, echo backend declared untrusted)",
                ["measure", "through the gateway", "direct call", "ratio"], rows)


if __name__ == "__main__":
    main()
