"""The guard's learned component: linear classifiers over word and character n-grams.

Trained at build time by ``scripts/train_guard.py`` on the guard's labelled corpora and
shipped as ``learned.json`` beside this module (n-gram vocabulary, inverse document
frequencies, coefficients). Nothing is trained or downloaded at run time: scoring a
text is a few dictionary look-ups, deterministic and well under a millisecond.

Features (the same function builds them for training and scoring): word unigrams and
bigrams, and character 3- to 5-grams inside each word padded with spaces, all on the
guard's normalised text; sublinear term frequency times idf, L2-normalised.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ARTEFACT = Path(__file__).with_name("learned.json")
CHAR_ORDERS = (3, 4, 5)
# The category model overrides the rules' lexicon category when at least this sure:
# chosen by 5-fold cross-validation on the training corpora (see scripts/train_guard.py).
CATEGORY_CONFIDENCE = 0.5
# The classifier was trained on requests of at most 23 words; a longer text (a letter,
# a document pasted as the request) is outside what it learned and is left to the rules.
MAX_WORDS = 40
_PUNCTUATION = str.maketrans({c: " " for c in "?!.;:,()[]{}\"/'"})


def ngrams(normalised: str) -> Counter[str]:
    """Count the n-gram features of a normalised text."""
    words = normalised.translate(_PUNCTUATION).split()
    counts: Counter[str] = Counter()
    for i, word in enumerate(words):
        counts["w " + word] += 1
        if i:
            counts["b " + words[i - 1] + " " + word] += 1
        padded = f" {word} "
        for n in CHAR_ORDERS:
            for start in range(max(1, len(padded) - n + 1)):
                counts["c " + padded[start:start + n]] += 1
    return counts


@dataclass(frozen=True)
class LinearModel:
    """A trained vocabulary with idf weights and one or more linear outputs.

    Args:
        idf: inverse document frequency per known feature.
        weights: per feature, one coefficient per output.
        bias: one intercept per output.
        labels: the output names (["decision"] for the binary model, categories else).
    """

    idf: dict[str, float]
    weights: dict[str, tuple[float, ...]]
    bias: tuple[float, ...]
    labels: tuple[str, ...]

    def vector(self, counts: Counter[str]) -> dict[str, float]:
        """The L2-normalised tf-idf vector of a text's counts, over known features."""
        values = {f: (1.0 + math.log(c)) * self.idf[f] for f, c in counts.items()
                  if f in self.idf}
        norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
        return {f: v / norm for f, v in values.items()}

    def scores(self, counts: Counter[str]) -> tuple[float, ...]:
        """The linear score of each output for a text's counts."""
        totals = list(self.bias)
        for feature, value in self.vector(counts).items():
            for k, weight in enumerate(self.weights.get(feature, ())):
                totals[k] += weight * value
        return tuple(totals)


@dataclass(frozen=True)
class Classifiers:
    """The shipped models: decision-or-not, and the category of a decision."""

    decision: LinearModel
    category: LinearModel
    threshold: float


def probability(score: float) -> float:
    """The logistic function, safe for large scores."""
    if score >= 0:
        return 1.0 / (1.0 + math.exp(-score))
    z = math.exp(score)
    return z / (1.0 + z)


def _model(data: dict[str, object]) -> LinearModel:
    features = data["features"]
    idf = data["idf"]
    coef = data["coef"]
    assert isinstance(features, list) and isinstance(idf, list) and isinstance(coef, list)
    bias = data["bias"]
    labels = data["labels"]
    assert isinstance(bias, list) and isinstance(labels, list)
    return LinearModel(
        idf=dict(zip(features, idf, strict=True)),
        weights={f: tuple(row) for f, row in zip(features, coef, strict=True) if any(row)},
        bias=tuple(bias), labels=tuple(labels))


@lru_cache(maxsize=1)
def load(path: Path = ARTEFACT) -> Classifiers:
    """Read the shipped artefact once (cached)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return Classifiers(decision=_model(data["decision"]), category=_model(data["category"]),
                       threshold=float(data["threshold"]))


def decision_probability(normalised: str) -> float:
    """The learned probability that a normalised request asks for a decision.

    A text with no feature the model knows (punctuation, an unknown script) gets 0.
    """
    model = load().decision
    counts = ngrams(normalised)
    if not any(feature in model.idf for feature in counts):
        return 0.0
    return probability(model.scores(counts)[0])


def likely_category(normalised: str) -> tuple[str, float]:
    """The category the learned model finds most likely for a decision, and its probability.

    The category model is multinomial: probabilities are the softmax of its scores.
    """
    model = load().category
    scores = model.scores(ngrams(normalised))
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    best = max(range(len(scores)), key=scores.__getitem__)
    return model.labels[best], exps[best] / sum(exps)
