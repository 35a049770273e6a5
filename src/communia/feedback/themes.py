"""From reports to themes: pseudonymise, embed, group duplicates, cluster, describe, quote.

Deterministic from end to end; a labeller (the model through the gateway) may replace
the keyword labels. Quotes are verbatim excerpts of pseudonymised reports.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from communia.feedback import clustering, keywords
from communia.feedback import messages as msg
from communia.feedback.model import (
    AI_AUTHOR,
    EMBEDDING_THREADS,
    KEYWORDS_PER_THEME,
    MIN_GROUP_SIZE,
    NEAR_DUPLICATE_MAX_REPORTS,
    NEAR_DUPLICATE_SIMILARITY,
    PSEUDONYMISE_ALL_MAX,
    QUOTES_PER_THEME,
    SECONDARY_FLOOR,
    SECONDARY_MARGIN,
    Assignment,
    Report,
    Theme,
    choose_granularity,
    keyword_label,
    quote_of,
)

QUOTE_CANDIDATES = 8
_SEPARATOR = "\n\n§§§\n\n"

Progress = Callable[[str, float], None]
Labeller = Callable[[list[str], list[str]], str | None]


@dataclass
class Synthesis:
    """Themes (largest first), every row's assignment, and how they were obtained."""

    themes: list[Theme]
    assignments: list[Assignment]
    granularity: str
    centroids: dict[str, list[float]] = field(default_factory=dict)
    texts: dict[int, str] = field(default_factory=dict)  # pseudonymised, rows shown
    k_scores: dict[int, float] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    duplicates: int = 0
    pseudonymised_all: bool = True


def _quiet(stage: str, fraction: float) -> None:
    return None


def synthesise(reports: Sequence[Report], n_themes: int | None = None,
               labeller: Labeller | None = None, progress: Progress = _quiet,
               embed: Callable[[list[str]], NDArray[np.float32]] | None = None, *,
               min_group_size: int = MIN_GROUP_SIZE,
               pseudonymise_all_max: int = PSEUDONYMISE_ALL_MAX,
               near_duplicate_max: int = NEAR_DUPLICATE_MAX_REPORTS,
               embedding_threads: int = EMBEDDING_THREADS) -> Synthesis:
    """Run the whole analysis over ``reports`` (rows without text get no theme).

    The keyword limits are the ``feedback_*`` settings, passed by the service.
    """
    granularity = choose_granularity(r.day for r in reports if r.day)
    usable = [r for r in reports if r.text.strip()]
    if len(usable) < min_group_size:
        empty = [Assignment(r.row, ()) for r in reports]
        return Synthesis([], empty, granularity, notices=[
            msg.TOO_FEW_WITH_TEXT.format(n=len(usable), least=min_group_size)])
    notices: list[str] = []
    texts, pseudonymised_all = _pseudonymise_all(usable, progress, notices,
                                                 pseudonymise_all_max)
    groups, distinct = exact_groups(texts)
    progress("embeddings", 0.0)
    chosen = [texts[i] for i in distinct]
    vectors = embed(chosen) if embed is not None else _encode(chosen, embedding_threads)
    progress("embeddings", 1.0)
    groups, distinct, vectors = _near_duplicates(groups, distinct, vectors, notices,
                                                 near_duplicate_max)
    weights = np.bincount(groups, minlength=len(distinct)).astype(np.float64)
    progress("clustering", 0.0)
    found = clustering.cluster(vectors, weights, n_themes, min_group_size)
    progress("clustering", 1.0)
    return _describe(usable, reports, texts, groups, distinct, vectors, found, labeller,
                     progress, granularity, notices, pseudonymised_all)


def _encode(texts: list[str], threads: int = EMBEDDING_THREADS) -> NDArray[np.float32]:
    """Embed with the packaged encoder, its BLAS pool limited to ``threads``.

    The shared encoder asks for 4 BLAS threads; on a 2-core machine that is already
    busy this oversubscribes the CPU and was measured 5 to 20 times slower than one
    thread, so the limit is set here (setting ``feedback_embedding_threads``).
    """
    from communia.ai import embeddings

    encoder = embeddings._load()
    backend = getattr(encoder, "_model", None)
    if backend is not None and hasattr(backend, "threads"):
        backend.threads = threads
    return embeddings.encode(texts)


def _pseudonymise_all(usable: Sequence[Report], progress: Progress, notices: list[str],
                      most: int) -> tuple[list[str], bool]:
    """The texts to analyse, pseudonymised when there are at most ``most`` of them, and
    whether they were."""
    texts = [r.text for r in usable]
    if len(texts) > most:
        notices.append(msg.ANALYSED_AS_WRITTEN.format(n=f"{len(texts):,}"))
        return texts, False
    progress("pseudonymisation", 0.0)
    out = pseudonymise_texts(texts)
    progress("pseudonymisation", 1.0)
    return out, True


def pseudonymise_texts(texts: Sequence[str]) -> list[str]:
    """Pseudonymise texts with one mapping, in joined batches (much faster than one by one)."""
    from communia.governance.privacy import Pseudonymiser

    masker = Pseudonymiser()
    out: list[str] = []
    for start in range(0, len(texts), 100):
        batch = list(texts[start:start + 100])
        joined = masker.pseudonymise(_SEPARATOR.join(batch))
        parts = joined.split(_SEPARATOR)
        if len(parts) != len(batch):  # an entity spanned a separator: go one by one
            parts = [masker.pseudonymise(t) for t in batch]
        out.extend(parts)
    return out


_SPACES = re.compile(r"\s+")


def exact_groups(texts: Sequence[str]) -> tuple[NDArray[np.int64], list[int]]:
    """Group index of each text (same text up to case and spacing) and each group's first."""
    seen: dict[str, int] = {}
    groups = np.empty(len(texts), dtype=np.int64)
    distinct: list[int] = []
    for i, text in enumerate(texts):
        key = _SPACES.sub(" ", text).strip().casefold()
        if key not in seen:
            seen[key] = len(distinct)
            distinct.append(i)
        groups[i] = seen[key]
    return groups, distinct


def _near_duplicates(groups: NDArray[np.int64], distinct: list[int],
                     vectors: NDArray[np.float32], notices: list[str], most: int,
                     ) -> tuple[NDArray[np.int64], list[int], NDArray[np.float32]]:
    if len(distinct) > most:
        notices.append(msg.NO_NEAR_DUPLICATES.format(limit=f"{most:,}"))
        return groups, distinct, vectors
    roots = clustering.near_duplicate_groups(vectors, NEAR_DUPLICATE_SIMILARITY)
    keep = sorted(set(roots))
    position = {root: n for n, root in enumerate(keep)}
    remap = np.asarray([position[r] for r in roots], dtype=np.int64)
    return remap[groups], [distinct[r] for r in keep], vectors[keep]


def _describe(usable: Sequence[Report], reports: Sequence[Report], texts: list[str],
              groups: NDArray[np.int64], distinct: list[int], vectors: NDArray[np.float32],
              found: clustering.Clusters, labeller: Labeller | None, progress: Progress,
              granularity: str, notices: list[str], pseudonymised_all: bool) -> Synthesis:
    report_vectors = vectors[groups]
    sims = report_vectors @ found.centroids.T
    primary = found.labels[groups]
    members = memberships(sims, primary)
    k = len(found.centroids)
    progress("keywords", 0.0)
    terms = keywords.distinctive_keywords(texts, primary, k, KEYWORDS_PER_THEME * 2)
    order = np.argsort(-np.bincount(primary, minlength=k), kind="stable")
    themes: list[Theme] = []
    shown: dict[int, str] = {}
    if pseudonymised_all:  # every text was pseudonymised above
        shown.update((r.row, t) for r, t in zip(usable, texts, strict=True))
    for rank, cluster_id in enumerate(order.tolist(), start=1):
        rows = [usable[i].row for i in range(len(usable)) if cluster_id in members[i]]
        quotes, words = _quotes_and_keywords(texts, sims[:, cluster_id], primary == cluster_id,
                                             terms[cluster_id], usable, shown,
                                             not pseudonymised_all)
        themes.append(Theme(f"t{rank}", keyword_label(words), words, quotes, rows))
        progress("keywords", rank / k)
    if labeller is not None:
        _label(themes, labeller, progress)
    by_row = _assignments(usable, members, primary, order, reports)
    centroids = {f"t{rank}": found.centroids[c].round(5).tolist()
                 for rank, c in enumerate(order.tolist(), start=1)}
    duplicates = len(usable) - len(distinct)
    if duplicates:
        notices.append(msg.DUPLICATES.format(n=duplicates))
    return Synthesis(themes, by_row, granularity, centroids, shown, found.scores, notices,
                     duplicates, pseudonymised_all)


def memberships(sims: NDArray[np.float32], primary: NDArray[np.int64]) -> list[set[int]]:
    """Each report's themes: its own, plus any other within the similarity margin."""
    best = sims[np.arange(len(sims)), primary]
    close = (sims >= (best - SECONDARY_MARGIN)[:, None]) & (sims >= SECONDARY_FLOOR)
    out = []
    for i, row in enumerate(close):
        chosen = set(np.nonzero(row)[0].tolist())
        chosen.add(int(primary[i]))
        out.append(chosen)
    return out


def _quotes_and_keywords(texts: list[str], sims: NDArray[np.float32], mine: NDArray[np.bool_],
                         terms: list[str], usable: Sequence[Report], shown: dict[int, str],
                         masking_needed: bool) -> tuple[list[str], list[str]]:
    candidates = [int(i) for i in np.argsort(-np.where(mine, sims, -2.0))
                  if mine[i]][:QUOTE_CANDIDATES * 4]
    picked: list[int] = []
    seen: set[str] = set()
    for i in candidates:
        key = _SPACES.sub(" ", texts[i]).strip().casefold()
        if key in seen or not 15 <= len(texts[i]):
            continue
        seen.add(key)
        picked.append(i)
        if len(picked) == QUOTE_CANDIDATES:
            break
    safe, names = _safe_texts([texts[i] for i in picked], masking_needed)
    quotes: list[str] = []
    for i, text in zip(picked, safe, strict=True):
        shown[usable[i].row] = text
        if len(quotes) < QUOTES_PER_THEME:
            quotes.append(quote_of(text))
    words = [t for t in terms if not set(t.split()) & names][:KEYWORDS_PER_THEME]
    return quotes, words


def _safe_texts(texts: list[str], needed: bool) -> tuple[list[str], set[str]]:
    """Pseudonymise what will be shown when the whole input was not; names found, folded."""
    if not needed or not texts:
        return texts, set()
    from communia.governance.privacy import detect

    joined = _SEPARATOR.join(texts)
    names = {w.casefold() for e in detect(joined) for w in re.findall(r"\w+", e.text)}
    return pseudonymise_texts(texts), names


def _label(themes: list[Theme], labeller: Labeller, progress: Progress) -> None:
    """Replace keyword labels by the model's, unless the model gives a theme a label it
    already gave another (two themes called "Affordable housing" tell a reader
    nothing): that theme keeps its keyword label."""
    given: set[str] = set()
    for n, theme in enumerate(themes, start=1):
        label = (labeller(theme.keywords, theme.quotes) or "").strip()[:80]
        if label and label.casefold() not in given:
            theme.label = label
            given.add(label.casefold())
        progress("labels", n / len(themes))


def _assignments(usable: Sequence[Report], members: list[set[int]], primary: NDArray[np.int64],
                 order: NDArray[np.int64], reports: Sequence[Report]) -> list[Assignment]:
    """Every row's themes, its own theme first; rows without text get none."""
    rank_of = {int(c): f"t{rank}" for rank, c in enumerate(order.tolist(), start=1)}
    by_row: dict[int, tuple[str, ...]] = {}
    for report, chosen, first in zip(usable, members, primary.tolist(), strict=True):
        others = sorted((rank_of[c] for c in chosen if c != first), key=lambda t: int(t[1:]))
        by_row[report.row] = (rank_of[first], *others)
    return [Assignment(r.row, by_row.get(r.row, ()), AI_AUTHOR) for r in reports]
