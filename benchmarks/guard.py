"""Benchmark: the decision guard on its held-out sets, rules + classifier vs rules alone.

Same run, same cases: the shipped guard against the rules alone (the guard as it was
before its learned components), with the CPU time per text: ``judge_request`` on the
request sets v5, v6, v9 and v10, ``judge_output`` on the model-output sets v6, v9 and v10
(none of them trained on; v9 and v10 were written blind in session 5 and first measured
after the guard was committed, v10 after every change of the session. v7 and v8 were
measured once each, then joined the training data).

    .venv/bin/python benchmarks/guard.py
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1] / "src"))

from _table import print_table  # noqa: E402

from communia.governance.guard import judge_output, judge_request  # noqa: E402
from communia.governance.guard.output import find_stated_decision  # noqa: E402
from communia.governance.guard.request import find_decision_request  # noqa: E402
from communia.governance.guard.text import normalise  # noqa: E402

CORPORA = Path(__file__).parents[1] / "tests" / "unit" / "guard"


def rules_alone(text: str) -> str:
    """The category the rules alone give (the baseline)."""
    finding = find_decision_request(normalise(text))
    return finding.category if finding else "none"


def shipped(text: str) -> str:
    """The category the shipped guard gives."""
    return judge_request(text).category


def output_rules_alone(text: str) -> str:
    """The category the output rules alone give (the baseline for outputs)."""
    finding = find_stated_decision(normalise(text))
    return finding.category if finding else "none"


def shipped_output(text: str) -> str:
    """The category the shipped output guard gives."""
    return judge_output(text).category


def measure(judge: Callable[[str], str], cases: list[dict[str, str]]) -> tuple[float, ...]:
    """Accuracy, recall on decisions, near-misses passed, CPU ms per request."""
    start = time.process_time()
    said = [judge(c["text"]) for c in cases]
    elapsed = (time.process_time() - start) * 1000 / len(cases)
    truth = [c["category"] for c in cases]
    decisions = [s for s, t in zip(said, truth, strict=True) if t != "none"]
    legit = [s for s, t in zip(said, truth, strict=True) if t == "none"]
    return (sum(s == t for s, t in zip(said, truth, strict=True)) / len(cases),
            sum(s != "none" for s in decisions) / len(decisions),
            sum(s == "none" for s in legit) / len(legit), elapsed)


def main() -> None:
    """Print one table: each held-out set, each metric, ours, baseline, ratio."""
    judge_request("warm-up")  # loads the shipped artefact once
    rows: list[list[object]] = []
    sets = (("heldout_v5.yaml", shipped, rules_alone), ("heldout_v6.yaml", shipped, rules_alone),
            ("heldout_v9.yaml", shipped, rules_alone), ("heldout_v10.yaml", shipped, rules_alone),
            ("outputs_v6.yaml", shipped_output, output_rules_alone),
            ("outputs_v9.yaml", shipped_output, output_rules_alone),
            ("outputs_v10.yaml", shipped_output, output_rules_alone))
    for name, ours_judge, base_judge in sets:
        cases = yaml.safe_load((CORPORA / name).read_text(encoding="utf-8"))
        ours, base = measure(ours_judge, cases), measure(base_judge, cases)
        for label, a, b in zip(("accuracy", "recall (decisions)", "near-misses passed",
                                "CPU ms / text"), ours, base, strict=True):
            rows.append([f"{name} ({len(cases)})", label, a, b, a / b if b else "n/a"])
    print_table("Decision guard, held-out sets (never trained on)",
                ["set", "metric", "rules + classifier", "rules alone", "ratio"], rows)


if __name__ == "__main__":
    main()
