"""Distinctive keywords per theme by class-based TF-IDF (c-TF-IDF, as in BERTopic).

All reports of a theme form one document; a term scores high when it is frequent in
that theme and rare across themes. Placeholders left by pseudonymisation are never
keywords.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from communia.feedback.stopwords import stop_words

PLACEHOLDER = re.compile(r"\[[A-Z_]+?_\d+(?:_\d+)?\]")
TOKEN = r"(?u)\b[^\W\d_]{3,}\b"


def distinctive_keywords(texts: Sequence[str], labels: NDArray[np.int64], k: int,
                         top: int) -> list[list[str]]:
    """The ``top`` most distinctive terms (words and two-word phrases) of each of ``k`` themes."""
    from sklearn.feature_extraction.text import CountVectorizer

    cleaned = [PLACEHOLDER.sub(" ", t) for t in texts]
    vectoriser = CountVectorizer(token_pattern=TOKEN, lowercase=True, ngram_range=(1, 2),
                                 stop_words=sorted(stop_words()), min_df=2,
                                 max_features=60_000)
    try:
        counts = vectoriser.fit_transform(cleaned)
    except ValueError:  # every text was empty or only stop words
        return [[] for _ in range(k)]
    from scipy.sparse import csr_matrix

    onehot = csr_matrix((np.ones(len(labels)), (labels, np.arange(len(labels)))),
                        shape=(k, len(labels)))
    per_theme = np.asarray((onehot @ counts).todense(), dtype=np.float64)
    words = per_theme.sum(axis=1, keepdims=True)
    words[words == 0] = 1
    tf = per_theme / words
    average = max(per_theme.sum() / k, 1.0)
    idf = np.log(1 + average / np.maximum(per_theme.sum(axis=0), 1))
    scores = tf * idf
    vocabulary = vectoriser.get_feature_names_out()
    return [_pick(scores[c], vocabulary, top) for c in range(k)]


def _pick(row: NDArray[np.float64], vocabulary: NDArray[np.str_], top: int) -> list[str]:
    chosen: list[str] = []
    for index in np.argsort(-row):
        if row[index] <= 0 or len(chosen) >= top:
            break
        term = str(vocabulary[index])
        parts = term.split()
        if any(term in c.split() or (len(parts) > 1 and all(p in chosen for p in parts))
               for c in chosen):
            continue
        chosen.append(term)
    return chosen
