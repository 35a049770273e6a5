"""The guard's learned component: linear classifiers over word and character n-grams.

Trained at build time by ``scripts/train_guard.py`` on the guard's labelled corpora and
shipped as ``learned.json`` beside this module (n-gram vocabulary, inverse document
frequencies, coefficients). Nothing is trained or downloaded at run time: scoring a
request is a few dictionary look-ups, well under a millisecond; an output is scored in
the sentence windows holding a word that can carry a decision, all at once with numpy
(about 2 ms for 2,000 characters when every window holds one). Deterministic.

Features (the same function builds them for training and scoring): word unigrams and
bigrams, and character 3- to 5-grams inside each word padded with spaces, all on the
guard's normalised text; sublinear term frequency times idf, L2-normalised.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from communia.governance.guard.text import sentences

ARTEFACT = Path(__file__).with_name("learned.json")
CHAR_ORDERS = (3, 4, 5)
# The category model overrides the rules' lexicon category when at least this sure:
# chosen by 5-fold cross-validation on the training corpora (see scripts/train_guard.py).
CATEGORY_CONFIDENCE = 0.5
# The classifier was trained on requests of at most 23 words; a longer text (a letter,
# a document pasted as the request) is outside what it learned and is left to the rules.
MAX_WORDS = 40
# The output model learned from outputs of a few sentences; a longer output is read in
# windows of consecutive sentences, each of at least OUTPUT_WINDOW_MIN words (shorter
# scraps, a signature or a bare name, say too little) and at most OUTPUT_WINDOW_WORDS
# unless one sentence alone is longer.
OUTPUT_WINDOW_WORDS = 40
OUTPUT_WINDOW_MIN = 15
_PUNCTUATION = str.maketrans({c: " " for c in "?!.;:,()[]{}\"/'"})


def ngrams(normalised: str) -> Counter[str]:
    """Count the n-gram features of a normalised text."""
    return _count(normalised.translate(_PUNCTUATION).split())


def _count(words: list[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for i, word in enumerate(words):
        counts["w " + word] += 1
        if i:
            counts["b " + words[i - 1] + " " + word] += 1
        counts.update(_characters(word))
    return counts


@lru_cache(maxsize=65536)
def _characters(word: str) -> tuple[str, ...]:
    """The character n-gram features of one word, padded with spaces."""
    padded = f" {word} "
    return tuple("c " + padded[start:start + n] for n in CHAR_ORDERS
                 for start in range(max(1, len(padded) - n + 1)))


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

    def scores(self, counts: Counter[str]) -> tuple[float, ...]:
        """The linear score of each output for a text's counts: the weights times the
        L2-normalised sublinear tf-idf vector over known features, in one pass."""
        dots = [0.0] * len(self.bias)
        squares = 0.0
        for feature, count in counts.items():
            idf = self.idf.get(feature)
            if idf is None:
                continue
            value = (1.0 + math.log(count)) * idf
            squares += value * value
            for k, weight in enumerate(self.weights.get(feature, ())):
                dots[k] += weight * value
        norm = math.sqrt(squares) or 1.0
        return tuple(b + d / norm for b, d in zip(self.bias, dots, strict=True))


@dataclass(frozen=True)
class Classifiers:
    """The shipped models: decision-or-not and the category of a decision, for requests
    and for model outputs."""

    decision: LinearModel
    category: LinearModel
    threshold: float
    output_decision: LinearModel
    output_category: LinearModel
    output_threshold: float


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
                       threshold=float(data["threshold"]),
                       output_decision=_model(data["output_decision"]),
                       output_category=_model(data["output_category"]),
                       output_threshold=float(data["output_threshold"]))


def decision_probability(normalised: str) -> float:
    """The learned probability that a normalised request asks for a decision.

    A text with no feature the model knows (punctuation, an unknown script) gets 0.
    """
    return _probability(load().decision, normalised)


def _probability(model: LinearModel, normalised: str) -> float:
    counts = ngrams(normalised)
    if not any(feature in model.idf for feature in counts):
        return 0.0
    return probability(model.scores(counts)[0])


def windows(normalised: str, size: int = OUTPUT_WINDOW_WORDS,
            least: int = OUTPUT_WINDOW_MIN) -> list[str]:
    """The text itself when it has at most ``size`` words, else one window starting at
    each sentence: the sentences that follow while the window stays within ``size``
    words. A window shorter than ``least`` words (at the end of the text) takes the
    sentences before it instead."""
    parts = sentences(normalised)
    return [" ".join(parts[first:last])
            for first, last in _spans(normalised, parts, size, least)]


def _spans(normalised: str, parts: list[str], size: int, least: int
           ) -> list[tuple[int, int]]:
    """The (first, last) sentence ranges of ``windows``."""
    if len(normalised.split()) <= size:
        return [(0, len(parts))]
    lengths = [len(part.split()) for part in parts]
    found: list[tuple[int, int]] = []
    for start in range(len(parts)):
        first, last, words = start, start + 1, lengths[start]
        while last < len(parts) and words + lengths[last] <= size:
            words += lengths[last]
            last += 1
        while words < least and first > 0:
            first -= 1
            words += lengths[first]
        if not found or (first, last) != found[-1]:
            found.append((first, last))
    return found


def stated_decision(normalised: str, eligible: Callable[[str], bool] = lambda _: True
                    ) -> tuple[str, float] | None:
    """The eligible window of an output the output model most believes states a
    decision, and that probability, when it reaches the shipped threshold; else None."""
    models = load()
    found = likeliest_window(normalised, models.output_decision, eligible)
    return found if found is not None and found[1] >= models.output_threshold else None


def likeliest_window(normalised: str, model: LinearModel,
                     eligible: Callable[[str], bool] = lambda _: True
                     ) -> tuple[str, float] | None:
    """The eligible window (``windows``) ``model`` scores highest, with its probability;
    None when no window is eligible.

    Only eligible windows are scored, all at once: a window's counts are its sentences'
    counts plus the bigrams across their joins, which is exactly ``ngrams`` of the
    joined window.
    """
    parts = sentences(normalised)
    spans = [(first, last)
             for first, last in _spans(normalised, parts, OUTPUT_WINDOW_WORDS, OUTPUT_WINDOW_MIN)
             if eligible(" ".join(parts[first:last]))]
    if not spans:  # most texts: no window holds a word that can carry a decision
        return None
    chances = _window_probabilities(model, parts, spans)
    best = int(np.argmax(chances))
    first, last = spans[best]
    return " ".join(parts[first:last]), float(chances[best])


def _window_probabilities(model: LinearModel, parts: list[str],
                          spans: list[tuple[int, int]]) -> np.ndarray:
    """The model's probability for each window (sentence span) of a text; a window
    without any feature the model knows gets 0."""
    words = [part.translate(_PUNCTUATION).split() for part in parts]
    rows = [_count(w) for w in words]  # one row per sentence, then one per join
    rows += [Counter({f"b {words[k - 1][-1]} {words[k][0]}": 1})
             if words[k - 1] and words[k] else Counter() for k in range(1, len(parts))]
    columns: dict[str, int] = {}
    cells: list[tuple[int, int, int]] = []
    for index, row in enumerate(rows):
        for feature, count in row.items():
            if feature in model.idf:
                cells.append((index, columns.setdefault(feature, len(columns)), count))
    if not columns:
        return np.zeros(len(spans))
    at_row, at_column, count_at = (np.array(values) for values in zip(*cells, strict=True))
    sentence_rows = np.zeros((len(parts) + 1, len(columns)))  # running totals from row 1
    join_rows = np.zeros((len(parts) + 1, len(columns)))  # join k - 1 | k is at row k
    below = at_row < len(parts)
    np.add.at(sentence_rows, (at_row[below] + 1, at_column[below]), count_at[below])
    np.add.at(join_rows, (at_row[~below] - len(parts) + 2, at_column[~below]), count_at[~below])
    sentence_rows, join_rows = sentence_rows.cumsum(axis=0), join_rows.cumsum(axis=0)
    first, last = (np.array(ends) for ends in zip(*spans, strict=True))
    # A window [first, last) holds sentences first..last-1 and joins first+1..last-1.
    counts = (sentence_rows[last] - sentence_rows[first]
              + join_rows[last] - join_rows[first + 1])
    features = list(columns)
    idf = np.array([model.idf[f] for f in features])
    weight = np.array([model.weights.get(f, (0.0,))[0] for f in features])
    values = np.where(counts > 0, (1.0 + np.log(np.maximum(counts, 1.0))) * idf, 0.0)
    norms = np.sqrt((values * values).sum(axis=1))
    scores = model.bias[0] + (values * weight).sum(axis=1) / np.where(norms > 0, norms, 1.0)
    return np.where(norms > 0, 1.0 / (1.0 + np.exp(-scores)), 0.0)


def likely_category(normalised: str, model: LinearModel | None = None) -> tuple[str, float]:
    """The category the learned model finds most likely for a decision, and its probability.

    The category model is multinomial: probabilities are the softmax of its scores. The
    request model is used unless another (the output model) is given.
    """
    model = model or load().category
    scores = model.scores(ngrams(normalised))
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    best = max(range(len(scores)), key=scores.__getitem__)
    return model.labels[best], exps[best] / sum(exps)
