"""Train the decision guard's learned component and write ``learned.json``.

Build-time only (scikit-learn, no network): reads the guard's training corpora
(``tests/unit/guard/requests.yaml``, ``heldout.yaml`` — held-out v4, folded in like
v1–v3 — ``train_extra.yaml``, ``train_imperatives.yaml``, ``train_office.yaml``,
``heldout_v7.yaml`` and ``heldout_v8.yaml``, folded in once measured), fits a binary
logistic regression (decision request or not) and a multinomial one (the category of a
decision) over the n-gram features of ``communia.governance.guard.learned``, chooses
the decision threshold by 5-fold cross-validation of the whole guard (rules +
classifier), and writes the artefact.
The held-out sets v5, v6 and v9 are never read here.

It also trains the output models the same way on the model-output corpora
(``outputs_train.yaml``, ``outputs_train_2.yaml``, ``outputs_train_3.yaml``, output sets
1–5, 7 and 8;
``outputs_v6.yaml`` and ``outputs_v9.yaml`` are held out), with real
texts added as legitimate outputs: half of the public acts in
``../shared/data/actes-templates`` (every other file, sorted) and the hand-labelled
applications v1 (``benchmarks/data/recruitment_handlabelled``), cut in the windows the
guard reads; sentences naming people from the BnF newspapers
(``../shared/data/pii-europeana-fr``) and English citizen comments
(``../shared/data/feedback-polis``). Without them the model took any text naming
"M. Karim Benali" for a decision. Its threshold is the lowest whose cross-validated
false-positive rate on the output corpora (rules, then the model where a word can carry
a decision and no named authority took it) stays under OUTPUT_MAX_FALSE_POSITIVES.
Deterministic: same corpora, same file.

    .venv/bin/python scripts/train_guard.py [--check]
"""

from __future__ import annotations

import argparse
import csv
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

from communia.governance.guard.learned import ARTEFACT, ngrams, windows  # noqa: E402
from communia.governance.guard.output import (  # noqa: E402
    find_stated_decision,
    may_state,
    output_deferred,
)
from communia.governance.guard.request import find_decision_request, mitigated  # noqa: E402
from communia.governance.guard.text import normalise  # noqa: E402

CORPORA = ("requests.yaml", "heldout.yaml", "train_extra.yaml", "train_imperatives.yaml",
           "train_office.yaml", "heldout_v7.yaml", "heldout_v8.yaml")
OUTPUT_CORPORA = ("outputs_train.yaml", "outputs_train_2.yaml", "outputs_train_3.yaml",
                  "outputs.yaml",
                  "outputs_v2.yaml", "outputs_v3.yaml", "outputs_v4.yaml", "outputs_v5.yaml",
                  "outputs_v7.yaml", "outputs_v8.yaml")
SHARED_DATA = ROOT.parent / "shared" / "data"
REAL_ACTS = SHARED_DATA / "actes-templates"
NEWSPAPERS = SHARED_DATA / "pii-europeana-fr" / "enp_FR.bnf.bio"
COMMENTS = SHARED_DATA / "feedback-polis"
# Every n-th newspaper sentence naming a person, every n-th English citizen comment.
NEWSPAPER_STEP = 12
COMMENT_STEP = 4
APPLICATIONS = ROOT / "benchmarks" / "data" / "recruitment_handlabelled"
C_OUTPUT = 8.0
OUTPUT_MAX_FALSE_POSITIVES = 0.05
CATEGORIES = ("sanction", "award", "evaluation", "hiring", "refusal")
MIN_DF = 2
C_DECISION = 4.0
C_CATEGORY = 8.0


def load_cases(corpora: tuple[str, ...] = CORPORA) -> list[dict[str, Any]]:
    """Every training case, in file order."""
    cases: list[dict[str, Any]] = []
    for name in corpora:
        cases += yaml.safe_load((ROOT / "tests/unit/guard" / name).read_text("utf-8"))
    return cases


def act_files(half: int) -> list[Path]:
    """Every other public act, sorted by name: ``half`` 0 trains, 1 checks."""
    if not REAL_ACTS.is_dir():
        raise SystemExit(f"the public acts are expected at {REAL_ACTS} (../shared/data)")
    return sorted([*REAL_ACTS.glob("*/*.md"), *REAL_ACTS.glob("*/*.txt")])[half::2]


def legitimate_texts() -> list[str]:
    """Real texts added to the output training as legitimate, normalised: half of the
    public acts and the applications v1, cut as the guard reads a long output
    (learned.windows); French newspaper sentences naming people; citizen comments."""
    files = act_files(0) + sorted(APPLICATIONS.glob("*.txt"))
    found = [w for path in files for w in windows(normalise(path.read_text(encoding="utf-8")))]
    return found + [normalise(t) for t in newspaper_sentences() + citizen_comments()]


def newspaper_sentences() -> list[str]:
    """Every NEWSPAPER_STEP-th sentence of 8 to 40 tokens that names a person in the
    BnF newspaper corpus (token per line, IO tags): names in ordinary prose, so that a
    name alone does not read as a decision."""
    sentences_found: list[str] = []
    tokens: list[str] = []
    person = False
    for line in NEWSPAPERS.read_text(encoding="utf-8").splitlines():
        token, _, tag = line.rpartition(" ")
        if not token:
            continue
        tokens.append(token)
        person = person or tag == "I-PER"
        if token in (".", "!", "?"):
            if person and 8 <= len(tokens) <= 40:
                sentences_found.append(" ".join(tokens))
            tokens, person = [], False
    return sentences_found[::NEWSPAPER_STEP]


def citizen_comments() -> list[str]:
    """Every COMMENT_STEP-th comment of the English Polis conversations (opinions on
    public policy, not decisions about a person: what a field-feedback synthesis
    restates)."""
    english = ("15-per-hour-seattle", "brexit-consensus", "canadian-electoral-reform",
               "football-concussions", "march-on.operation-marchin-orders",
               "scoop-hivemind.affordable-housing", "scoop-hivemind.freshwater",
               "scoop-hivemind.ubi")
    bodies: list[str] = []
    for name in english:
        with (COMMENTS / name / "comments.csv").open(encoding="utf-8", newline="") as handle:
            bodies += [row["comment-body"] for row in csv.DictReader(handle)]
    return bodies[::COMMENT_STEP]


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


def fit(docs: list[Counter[str]], labels: list[str], c_decision: float = C_DECISION
        ) -> tuple[Any, Any, list[str], np.ndarray]:
    """Fit both classifiers on documents and their labels."""
    features, idf = vocabulary(docs)
    x = matrix(docs, features, idf)
    y = np.array([label != "none" for label in labels])
    decision = LogisticRegression(C=c_decision, class_weight="balanced", max_iter=5000)
    decision.fit(x, y)
    chosen = [i for i, label in enumerate(labels) if label != "none"]
    category = LogisticRegression(C=C_CATEGORY, max_iter=5000)
    category.fit(x[chosen], np.array([labels[i] for i in chosen]))
    return decision, category, features, idf


def out_of_fold(docs: list[Counter[str]], labels: list[str],
                extra: list[Counter[str]] | None = None, c_decision: float = C_DECISION
                ) -> np.ndarray:
    """Out-of-fold decision probabilities (5 folds, fixed seed); ``extra`` legitimate
    documents join every training fold and are never scored."""
    extra = extra or []
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    result = np.zeros(len(docs))
    for train, test in folds.split(np.zeros(len(docs)), labels):
        decision, _, features, idf = fit([docs[i] for i in train] + extra,
                                         [labels[i] for i in train] + ["none"] * len(extra),
                                         c_decision)
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
    return {"trained_on": list(CORPORA), "cases": len(cases), "threshold": threshold,
            **models_json("", decision, category, features, idf),
            **output_artefact(load_cases(OUTPUT_CORPORA))}


def models_json(prefix: str, decision: Any, category: Any, features: list[str],
                idf: np.ndarray) -> dict[str, Any]:
    """The decision and category models as artefact entries named ``prefix`` + model."""
    order = [list(category.classes_).index(name) for name in CATEGORIES]
    idf_list = [round(float(v), 6) for v in idf]
    return {
        prefix + "decision": {"features": features, "idf": idf_list, "labels": ["decision"],
                              "bias": [round(float(decision.intercept_[0]), 6)],
                              "coef": [[round(float(w), 6)] for w in decision.coef_[0]]},
        prefix + "category": {"features": features, "idf": idf_list,
                              "labels": list(CATEGORIES),
                              "bias": [round(float(category.intercept_[k]), 6) for k in order],
                              "coef": [[round(float(category.coef_[k][j]), 6) for k in order]
                                       for j in range(len(features))]},
    }


def output_artefact(cases: list[dict[str, Any]]) -> dict[str, Any]:
    """Train the output models (with real legitimate texts) and choose their threshold."""
    texts = [normalise(c["text"]) for c in cases]
    docs = [ngrams(t) for t in texts]
    labels = [c["category"] for c in cases]
    legitimate = legitimate_texts()
    print(f"output model: {len(legitimate)} real legitimate texts added", file=sys.stderr)
    extra = [ngrams(t) for t in legitimate]
    oof = out_of_fold(docs, labels, extra, C_OUTPUT)
    threshold = choose_output_threshold(texts, labels, oof)
    decision, category, features, idf = fit(docs + extra, labels + ["none"] * len(extra),
                                            C_OUTPUT)
    checked = act_files(1)
    flagged = sum(max(decision.predict_proba(matrix(
        [ngrams(w) for w in windows(normalise(path.read_text(encoding="utf-8")))],
        features, idf))[:, 1]) >= threshold for path in checked)
    print(f"output model: {flagged}/{len(checked)} held-apart public acts flagged",
          file=sys.stderr)
    return {"output_trained_on": [*OUTPUT_CORPORA, "public acts (half)", "applications v1"],
            "output_cases": len(cases), "output_legitimate_texts": len(extra),
            "output_threshold": threshold,
            **models_json("output_", decision, category, features, idf)}


def choose_output_threshold(texts: list[str], labels: list[str], oof: np.ndarray) -> float:
    """The lowest threshold whose cross-validated false-positive rate, rules included,
    stays under OUTPUT_MAX_FALSE_POSITIVES."""
    truth = np.array([label != "none" for label in labels])
    rules = np.array([find_stated_decision(t) is not None for t in texts])
    vetoed = np.array([output_deferred(t) or not may_state(t) for t in texts])
    for threshold in np.arange(0.50, 0.951, 0.025):
        said = rules | ((oof >= threshold) & ~vetoed)
        false_positives = float(said[~truth].mean())
        print(f"  output threshold {threshold:.3f}: recall {said[truth].mean():.3f}, "
              f"false positives {false_positives:.3f}", file=sys.stderr)
        if false_positives <= OUTPUT_MAX_FALSE_POSITIVES:
            print(f"output rules alone: recall {rules[truth].mean():.3f}, false positives "
                  f"{rules[~truth].mean():.3f}", file=sys.stderr)
            return round(float(threshold), 3)
    return 0.95


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
