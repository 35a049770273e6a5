"""Feedback synthesis benchmark: theme recovery against hand labels, and time for 10,000 reports.

Prints one table: Communia's figure, the TF-IDF + k-means baseline's figure measured in
the same run, and the ratio. Run: ``.venv/bin/python benchmarks/feedback.py``.

- Theme recovery on ``benchmarks/data/feedback/dev.csv`` (321 Polis comments labelled
  into 12 themes before any tuning, see GUIDE.md): adjusted Rand index of the primary
  theme, and per-report F1 (themes mapped one-to-one to labels by the Hungarian method;
  a report's predicted set is all its themes, so multi-theme membership is paid for in
  precision). Both systems are run with the number of themes chosen automatically
  (silhouette over the same k range) and with the labelled number (12).
- Wall time for 10,000 reports with backend ``none``: the 5,714 real comments of
  ``shared/data/feedback-polis`` (all moderation states) plus perturbed copies (a
  word dropped and the case of the first letter changed) up to 10,000.
"""

from __future__ import annotations

import csv
import random
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, silhouette_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from communia.feedback.clustering import k_range  # noqa: E402
from communia.feedback.model import Report  # noqa: E402
from communia.feedback.themes import synthesise  # noqa: E402

DEV = ROOT / "benchmarks" / "data" / "feedback" / "dev.csv"
POLIS = ROOT.parent / "shared" / "data" / "feedback-polis"
LABELLED_K = 12


def load_dev() -> tuple[list[Report], list[str]]:
    with DEV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    reports = [Report(i, r["text"], datetime.fromtimestamp(int(r["timestamp"]) / 1000, UTC)
                      .date()) for i, r in enumerate(rows)]
    return reports, [r["theme"] for r in rows]


def per_report_f1(predicted: list[list[int]], truth: list[str]) -> float:
    """Mean per-report F1 after a one-to-one (Hungarian) mapping of clusters to labels."""
    labels = sorted(set(truth))
    clusters = sorted({c for p in predicted for c in p})
    table = np.zeros((len(clusters), len(labels)))
    for p, t in zip(predicted, truth, strict=True):
        table[clusters.index(p[0]), labels.index(t)] += 1
    rows, cols = linear_sum_assignment(-table)
    mapping = {clusters[r]: labels[c] for r, c in zip(rows, cols, strict=True)}
    scores = []
    for p, t in zip(predicted, truth, strict=True):
        mapped = [mapping.get(c) for c in p]
        hit = 1 if t in mapped else 0
        scores.append(2 * hit / (len(mapped) + 1))
    return float(np.mean(scores))


def communia(reports: list[Report], k: int | None) -> tuple[float, float, int]:
    result = synthesise(reports, n_themes=k)
    predicted = [[int(t[1:]) for t in a.theme_ids] for a in result.assignments]
    return predicted_scores(predicted, len(result.themes))


def baseline(reports: list[Report], k: int | None) -> tuple[float, float, int]:
    texts = [r.text for r in reports]
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    if k is None:
        best = (-2.0, 2)
        for candidate in k_range(len(texts), len(texts)):
            labels = KMeans(candidate, n_init=4, random_state=7).fit_predict(matrix)
            score = silhouette_score(matrix, labels, metric="cosine")
            best = max(best, (float(score), candidate))
        k = best[1]
    labels = KMeans(k, n_init=4, random_state=7).fit_predict(matrix)
    return predicted_scores([[int(c)] for c in labels], k)


TRUTH: list[str] = []


def predicted_scores(predicted: list[list[int]], k: int) -> tuple[float, float, int]:
    ari = adjusted_rand_score(TRUTH, [p[0] for p in predicted])
    return float(ari), per_report_f1(predicted, TRUTH), k


def ten_thousand() -> list[Report]:
    texts: list[str] = []
    for path in sorted(POLIS.glob("*/comments.csv")):
        with path.open(encoding="utf-8") as handle:
            texts.extend(r["comment-body"] for r in csv.DictReader(handle))
    rng = random.Random(7)
    base = list(texts)
    while len(texts) < 10_000:
        words = rng.choice(base).split()
        if len(words) > 3:
            del words[rng.randrange(len(words))]
        text = " ".join(words)
        texts.append(text[:1].swapcase() + text[1:])
    return [Report(i, t) for i, t in enumerate(texts[:10_000])]


def main() -> None:
    reports, truth = load_dev()
    TRUTH.extend(truth)
    lines = []
    for name, k in (("auto k", None), (f"labelled k={LABELLED_K}", LABELLED_K)):
        ours, base = communia(reports, k), baseline(reports, k)
        lines.append((f"ARI, {name} (themes: ours {ours[2]}, baseline {base[2]})",
                      ours[0], base[0]))
        lines.append((f"per-report F1, {name}", ours[1], base[1]))
    big = ten_thousand()
    started = time.perf_counter()
    synthesise(big)
    ours_time = time.perf_counter() - started
    started = time.perf_counter()
    baseline_on(big)
    base_time = time.perf_counter() - started
    lines.append(("wall time, 10,000 reports, backend none (s)", ours_time, base_time))
    print("| measure | Communia | TF-IDF + k-means | ratio |\n|---|---|---|---|")
    for label, ours_value, base_value in lines:
        ratio = ours_value / base_value if base_value else float("nan")
        print(f"| {label} | {ours_value:.3f} | {base_value:.3f} | {ratio:.2f} |")


def baseline_on(reports: list[Report]) -> None:
    texts = [r.text for r in reports]
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    KMeans(LABELLED_K, n_init=4, random_state=7).fit_predict(matrix)


if __name__ == "__main__":
    main()
