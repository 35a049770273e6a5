"""Train the decision guard's learned component and write ``learned.json``.

Build-time only (scikit-learn, no network): reads the guard's training corpora
(``tests/unit/guard/requests.yaml``, ``heldout.yaml`` — held-out v4, folded in like
v1–v3 — and ``train_extra.yaml``), fits a binary logistic regression (decision request
or not) and a multinomial one (the category of a decision) over the n-gram features of
``communia.governance.guard.learned``, chooses the decision threshold by 5-fold
cross-validation of the whole guard (rules + classifier), and writes the artefact.
The held-out sets v5 and v6 are never read here. Deterministic: same corpora, same file.

    .venv/bin/python scripts/train_guard.py [--check]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from communia.governance.guard.learned import ARTEFACT, ngrams  # noqa: E402
from communia.governance.guard.request import find_decision_request, mitigated  # noqa: E402
from communia.governance.guard.text import normalise  # noqa: E402

CORPORA = ("requests.yaml", "heldout.yaml", "train_extra.yaml")
CATEGORIES = ("sanction", "award", "evaluation", "hiring", "refusal")
MIN_DF = 2
C_DECISION = 4.0
C_CATEGORY = 8.0


def load_cases() -> list[dict[str, Any]]:
    """Every training case, in file order."""
    cases: list[dict[str, Any]] = []
    for name in CORPORA:
        cases += yaml.safe_load((ROOT / "tests/unit/guard" / name).read_text("utf-8"))
    return cases


def vocabulary(docs: list[Counter[str]]) -> tuple[list[str], np.ndarray]:
    """Features seen in at least MIN_DF documents, sorted, and their smoothed idf."""
    df: Counter[str] = Counter()
    for counts in docs:
        df.update(counts.keys())
    features = sorted(f for f, d in df.items() if d >= MIN_DF)
    n = len(docs)
    idf = np.array([math.log((1 + n) / (1 + df[f])) + 1.0 for f in features])
    return features, idf


def matrix(docs: list[Counter[str]], features: list[str], idf: np.ndarray) -> csr_matrix:
    """The L2-normalised sublinear tf-idf matrix, as learned.LinearModel.vector builds it."""
    index = {f: i for i, f in enumerate(features)}
    rows, cols, values = [], [], []
    for r, counts in enumerate(docs):
        known = [(index[f], (1.0 + math.log(c)) * idf[index[f]]) for f, c in counts.items()
                 if f in index]
        norm = math.sqrt(sum(v * v for _, v in known)) or 1.0
        for col, value in known:
            rows.append(r)
            cols.append(col)
            values.append(value / norm)
    return csr_matrix((values, (rows, cols)), shape=(len(docs), len(features)))


def fit(docs: list[Counter[str]], labels: list[str]) -> tuple[Any, Any, list[str], np.ndarray]:
    """Fit both classifiers on documents and their labels."""
    features, idf = vocabulary(docs)
    x = matrix(docs, features, idf)
    y = np.array([label != "none" for label in labels])
    decision = LogisticRegression(C=C_DECISION, class_weight="balanced", max_iter=5000)
    decision.fit(x, y)
    chosen = [i for i, label in enumerate(labels) if label != "none"]
    category = LogisticRegression(C=C_CATEGORY, max_iter=5000)
    category.fit(x[chosen], np.array([labels[i] for i in chosen]))
    return decision, category, features, idf


def out_of_fold(docs: list[Counter[str]], labels: list[str]) -> np.ndarray:
    """Out-of-fold decision probabilities (5 folds, fixed seed)."""
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    result = np.zeros(len(docs))
    for train, test in folds.split(np.zeros(len(docs)), labels):
        decision, _, features, idf = fit([docs[i] for i in train], [labels[i] for i in train])
        result[test] = decision.predict_proba(matrix([docs[i] for i in test], features,
                                                     idf))[:, 1]
    return result


def choose_threshold(cases: list[dict[str, Any]], oof: np.ndarray) -> float:
    """The threshold maximising the combined guard's cross-validated detection accuracy."""
    texts = [normalise(c["text"]) for c in cases]
    truth = [c["category"] != "none" for c in cases]
    rules = [find_decision_request(t) is not None for t in texts]
    vetoed = [mitigated(t) for t in texts]
    best, best_right = 0.5, -1
    for threshold in np.arange(0.30, 0.91, 0.025):
        said = [r or (not v and p >= threshold) for r, v, p in zip(rules, vetoed, oof,
                                                                    strict=True)]
        right = sum(s == t for s, t in zip(said, truth, strict=True))
        print(f"  threshold {threshold:.3f}: {right}/{len(cases)}", file=sys.stderr)
        if right > best_right:
            best, best_right = float(threshold), right
    print(f"rules alone: {sum(r == t for r, t in zip(rules, truth, strict=True))}/"
          f"{len(cases)}; combined (cross-validated) at {best:.3f}: {best_right}/"
          f"{len(cases)}", file=sys.stderr)
    return round(best, 3)


def artefact(cases: list[dict[str, Any]]) -> dict[str, Any]:
    """Train on every case and return the JSON-ready artefact."""
    docs = [ngrams(normalise(c["text"])) for c in cases]
    labels = [c["category"] for c in cases]
    threshold = choose_threshold(cases, out_of_fold(docs, labels))
    decision, category, features, idf = fit(docs, labels)
    order = [list(category.classes_).index(name) for name in CATEGORIES]
    idf_list = [round(float(v), 6) for v in idf]
    return {
        "trained_on": list(CORPORA), "cases": len(cases), "threshold": threshold,
        "decision": {"features": features, "idf": idf_list, "labels": ["decision"],
                     "bias": [round(float(decision.intercept_[0]), 6)],
                     "coef": [[round(float(w), 6)] for w in decision.coef_[0]]},
        "category": {"features": features, "idf": idf_list, "labels": list(CATEGORIES),
                     "bias": [round(float(category.intercept_[k]), 6) for k in order],
                     "coef": [[round(float(category.coef_[k][j]), 6) for k in order]
                              for j in range(len(features))]},
    }


def main() -> None:
    """Train and write (or, with --check, compare against) the shipped artefact."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="fail if the shipped artefact differs from a fresh training")
    args = parser.parse_args()
    text = json.dumps(artefact(load_cases()), ensure_ascii=False, separators=(",", ":"))
    if args.check:
        same = ARTEFACT.read_text("utf-8") == text + "\n"
        print("artefact up to date" if same else "artefact differs: retrain")
        sys.exit(0 if same else 1)
    ARTEFACT.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {ARTEFACT} ({ARTEFACT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
