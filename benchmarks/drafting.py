"""Drafting benchmark: the structure layer vs the same model prompted directly.

For the fact sets of ``benchmarks/data/drafting`` (10 arrêtés, 10 délibérations,
10 letters) it measures, in one run:
- Communia with the embedded model (structure, prose per section, checks);
- the same model through the same gateway with a plain prompt and no structure;
- Communia with no model (templates only).
Figures: share of documents passing every validator (draft profile), legal references
found neither in the facts nor in the curated list (kept in the output), seconds per
draft. Run: ``.venv/bin/python benchmarks/drafting.py [--limit N]`` (N per kind).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from communia.ai.backends import Backend, BackendFailed, BackendUnavailable, NoneBackend
from communia.ai.gateway import Task
from communia.bootstrap import Runtime, bootstrap
from communia.config import load_settings
from communia.drafting import service
from communia.drafting.legal_refs import grounded_keys
from communia.drafting.model import KIND_LABELS, facts_text
from communia.drafting.validators import validate_text
from communia.governance import register
from communia.governance.vault import generate_key

DATA = Path(__file__).parent / "data" / "drafting"
MODEL = Path(__file__).parents[1] / "var" / "models" / "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"


@dataclass
class Score:
    passed: int = 0
    total: int = 0
    invented: int = 0
    seconds: float = 0.0
    failures: int = 0

    def row(self) -> tuple[str, str, str]:
        if not self.total:
            return "n/a", "n/a", "n/a"
        return (f"{100 * self.passed / self.total:.0f} % ({self.passed}/{self.total})",
                str(self.invented), f"{self.seconds / self.total:.2f}")


def _runtime(data_dir: Path, backend: Backend) -> Runtime:
    settings = load_settings(data_dir=data_dir, backend="none", secret_key="bench",
                             encryption_key=generate_key())
    runtime = bootstrap(settings, backend=backend)
    with runtime.db.session() as session:
        for row in register.list_all(session):
            row.dpia_status = "done"
            row.fria_status = "done" if row.risk_level == "high" else row.fria_status
            if row.risk_level == "high" and register.latest_opinion(session, row.id) is None:
                register.record_opinion(session, row.id, "favourable", "benchmark")
            register.set_status(session, row.id, "approved", "benchmark")
    return runtime


def _fact_sets(limit: int) -> list[tuple[str, dict[str, Any]]]:
    chosen = []
    for kind in ("arrete", "deliberation", "courrier"):
        for path in sorted(DATA.glob(f"{kind}_*.yaml"))[:limit]:
            chosen.append((kind, dict(yaml.safe_load(path.read_text(encoding="utf-8")))))
    return chosen


def communia(runtime: Runtime, kind: str, facts: dict[str, Any]) -> tuple[bool, int]:
    drafted = service.draft(runtime, service.DraftRequest(kind, facts, "benchmark"))
    return drafted.report["passed"], len(drafted.report["unknown_references"])


def direct(runtime: Runtime, kind: str, facts: dict[str, Any]) -> tuple[bool, int]:
    label = KIND_LABELS[kind][0].lower()
    answer = runtime.gateway.run(Task(
        use_case="drafting", actor="benchmark", template=f"baseline/{kind}/v1",
        system="Tu es un rédacteur administratif d'une commune française.",
        prompt=f"Rédige un {label} complet à partir de ces faits :\n{facts_text(facts)}",
        # the person's words; the facts are material (a deliberation's own articles
        # "Attribue une subvention…" are the council's decision, not a request)
        request=f"Rédige un {label} complet à partir de ces faits.",
        kind="benchmark.baseline", max_tokens=900))
    keys = grounded_keys([facts_text(facts)])
    report = validate_text(kind, answer.text, "draft", keys, facts)
    return report.passed, len(report.unknown_references)


def measure(runtime: Runtime, sets: list[tuple[str, dict[str, Any]]],
            run: Callable[[Runtime, str, dict[str, Any]], tuple[bool, int]]) -> Score:
    score = Score()
    for i, (kind, facts) in enumerate(sets, start=1):
        started = time.perf_counter()
        try:
            ok, invented = run(runtime, kind, facts)
        except (BackendUnavailable, BackendFailed):
            ok, invented = False, 0
            score.failures += 1
        score.seconds += time.perf_counter() - started
        score.total += 1
        score.passed += ok
        score.invented += invented
        print(f"  {run.__name__} {i}/{len(sets)}", file=sys.stderr, end="\r")
    print(file=sys.stderr)
    return score


def _ratio(ours: str, theirs: str) -> str:
    try:
        a, b = float(ours.split()[0]), float(theirs.split()[0])
    except ValueError:
        return "n/a"
    return "n/a" if b == 0 else f"{a / b:.2f}×"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0,
                        help="fact sets per kind (default: 10 without a model, 2 with one)")
    parser.add_argument("--no-model", action="store_true",
                        help="measure the templates only, even if the model is installed")
    args = parser.parse_args()
    have_model = MODEL.is_file() and not args.no_model
    limit = args.limit or (2 if have_model else 10)
    sets = _fact_sets(limit)
    with tempfile.TemporaryDirectory() as tmp:
        template = measure(_runtime(Path(tmp) / "none", NoneBackend()), sets, communia)
        ours = theirs = Score()
        if have_model:
            from communia.ai.backends import EmbeddedBackend

            embedded = EmbeddedBackend(MODEL, threads=2, context=4096)
            runtime = _runtime(Path(tmp) / "model", embedded)
            ours = measure(runtime, sets, communia)
            theirs = measure(runtime, sets, direct)
    note = "" if have_model else (" (--no-model: model columns n/a)" if args.no_model else
                                  f" (embedded model not installed at {MODEL}: model columns n/a)")
    print(f"Drafting benchmark — {len(sets)} fact sets ({limit} per kind){note}")
    print(f"{'figure':<34}| {'Communia + model':<18}| {'direct prompt':<18}| "
          f"{'ratio':<7}| {'templates only':<14}")
    print("-" * 98)
    names = ("documents passing every validator", "invented references kept",
             "seconds per draft")
    for name, a, b, t in zip(names, ours.row(), theirs.row(), template.row(), strict=True):
        print(f"{name:<34}| {a:<18}| {b:<18}| {_ratio(a, b):<7}| {t:<14}")
    if ours.failures or theirs.failures:
        print(f"backend failures: Communia {ours.failures}, direct {theirs.failures}")


if __name__ == "__main__":
    main()
