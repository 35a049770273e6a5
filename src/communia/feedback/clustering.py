"""Group report embeddings into themes: k chosen by silhouette, small groups folded in.

The vectors are L2-normalised sentence embeddings, so k-means on them approximates
clustering by cosine similarity. The number of themes is the k of best silhouette
(cosine, on a bounded sample) over a range, unless the person fixes it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from communia.feedback.model import MIN_GROUP_SIZE, MIN_THEMES

SILHOUETTE_SAMPLE = 1500
SEARCH_INIT = 2  # k-means restarts while searching k (4 for the final fit)
MAX_AUTO_THEMES = 20
SEED = 7
Matrix = NDArray[np.float32]


@dataclass
class Clusters:
    """Cluster of each vector, unit centroids, and the silhouette score per k tried."""

    labels: NDArray[np.int64]
    centroids: Matrix
    scores: dict[int, float]


def k_range(weight_total: int, items: int, min_size: int = MIN_GROUP_SIZE) -> range:
    """The k tried automatically: 2 … min(20, reports / (2 × minimum group), items − 1)."""
    upper = min(MAX_AUTO_THEMES, weight_total // (2 * min_size), items - 1)
    return range(MIN_THEMES, max(MIN_THEMES, upper) + 1)


def cluster(vectors: Matrix, weights: NDArray[np.float64], k: int | None = None,
            min_size: int = MIN_GROUP_SIZE) -> Clusters:
    """Cluster ``vectors`` (one per distinct report, weighted by duplicates) into themes
    of at least ``min_size`` reports."""
    total = int(weights.sum())
    if k is not None:
        labels, centroids = _kmeans(vectors, weights, k)
        scores: dict[int, float] = {}
    else:
        labels, centroids, scores = _best_k(vectors, weights,
                                            k_range(total, len(vectors), min_size))
    labels, centroids = fold_small(vectors, weights, labels, min_size)
    return Clusters(labels, centroids, scores)


def _kmeans(vectors: Matrix, weights: NDArray[np.float64], k: int,
            n_init: int = 4) -> tuple[NDArray[np.int64], Matrix]:
    from sklearn.cluster import KMeans

    k = max(1, min(k, len(vectors)))
    model = KMeans(n_clusters=k, n_init=n_init, random_state=SEED, max_iter=200)
    labels = model.fit_predict(vectors, sample_weight=weights).astype(np.int64)
    return labels, _unit(model.cluster_centers_.astype(np.float32))


def _best_k(vectors: Matrix, weights: NDArray[np.float64],
            ks: range) -> tuple[NDArray[np.int64], Matrix, dict[int, float]]:
    """Choose k on a bounded sample (silhouette), then fit every vector with that k."""
    from sklearn.metrics import silhouette_score

    rng = np.random.default_rng(SEED)
    sample = (np.sort(rng.choice(len(vectors), SILHOUETTE_SAMPLE, replace=False))
              if len(vectors) > SILHOUETTE_SAMPLE else np.arange(len(vectors)))
    best: tuple[float, int] | None = None
    scores: dict[int, float] = {}
    for k in ks:
        labels, _ = _kmeans(vectors[sample], weights[sample], k, SEARCH_INIT)
        if len(set(labels.tolist())) < 2:
            continue
        score = float(silhouette_score(vectors[sample], labels, metric="cosine"))
        scores[k] = round(score, 4)
        if best is None or score > best[0]:
            best = (score, k)
    labels, centroids = _kmeans(vectors, weights, best[1] if best else 1)
    return labels, centroids, scores


def fold_small(vectors: Matrix, weights: NDArray[np.float64], labels: NDArray[np.int64],
               min_size: int = MIN_GROUP_SIZE) -> tuple[NDArray[np.int64], Matrix]:
    """Move the members of clusters under the minimum group size to the nearest large one."""
    labels = _renumber(labels)
    while True:
        sizes = np.bincount(labels, weights=weights)
        centroids = centroids_of(vectors, labels, len(sizes))
        small = [c for c in range(len(sizes)) if sizes[c] < min_size]
        if not small or len(sizes) == 1:
            return labels, centroids
        smallest = min(small, key=lambda c: sizes[c])
        others = [c for c in range(len(sizes)) if c != smallest]
        members = np.where(labels == smallest)[0]
        sims = vectors[members] @ centroids[others].T
        labels[members] = np.asarray(others)[sims.argmax(axis=1)]
        labels = _renumber(labels)


def centroids_of(vectors: Matrix, labels: NDArray[np.int64], k: int) -> Matrix:
    """Unit mean vector of each cluster."""
    centroids = np.zeros((k, vectors.shape[1]), dtype=np.float32)
    np.add.at(centroids, labels, vectors)
    return _unit(centroids)


def split_in_two(vectors: Matrix) -> NDArray[np.int64]:
    """Two sub-groups of a theme's reports (for the human "split" action)."""
    if len(vectors) < 2:
        return np.zeros(len(vectors), dtype=np.int64)
    labels, _ = _kmeans(vectors, np.ones(len(vectors)), 2)
    return labels


def _renumber(labels: NDArray[np.int64]) -> NDArray[np.int64]:
    _, dense = np.unique(labels, return_inverse=True)
    return dense.astype(np.int64)


def _unit(matrix: Matrix) -> Matrix:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    unit: Matrix = (matrix / norms).astype(np.float32)
    return unit


def near_duplicate_groups(vectors: Matrix, threshold: float, block: int = 2048) -> list[int]:
    """Group index of each vector: vectors at least ``threshold`` similar share a group."""
    parent = list(range(len(vectors)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for start in range(0, len(vectors), block):
        sims = vectors[start:start + block] @ vectors.T
        rows, cols = np.nonzero(sims >= threshold)
        for r, c in zip((rows + start).tolist(), cols.tolist(), strict=True):
            if c < r:
                a, b = find(r), find(c)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    return [find(i) for i in range(len(vectors))]
