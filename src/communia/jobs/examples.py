"""Job kinds of the jobs capability itself: ``echo`` (diagnostics) and ``pii-batch``.

``echo`` digests each item, optionally pausing between items: it exercises progress,
cancellation, retries and the load benchmark without any model. ``pii-batch``
pseudonymises a batch of texts with one consistent mapping (the same person gets the
same pseudonym in every text, and a value detected in one text is masked in all of
them); the mapping itself is not kept in the result.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from communia.bootstrap import Runtime
from communia.errors import InvalidInput
from communia.jobs.context import JobContext
from communia.jobs.model import JobInput
from communia.jobs.registry import register_job

MAX_ITEMS = 10_000
MAX_DELAY_SECONDS = 5.0


def echo(ctx: JobContext, payload: dict[str, Any]) -> dict[str, Any]:
    """Digest each item (SHA-256, word count); report progress after each."""
    items = _texts(payload, "items")
    delay = _delay(payload)
    out = []
    for index, item in enumerate(items):
        if delay:
            time.sleep(delay)
        out.append({"index": index, "sha256": hashlib.sha256(item.encode()).hexdigest(),
                    "words": len(item.split())})
        ctx.progress(index + 1, len(items), f"{index + 1} of {len(items)} items")
    return {"items": out}


def pii_batch(ctx: JobContext, payload: dict[str, Any]) -> dict[str, Any]:
    """Pseudonymise every text with one mapping; count the entities found per label."""
    from communia.governance import privacy

    texts = _texts(payload, "texts")
    masker = privacy.Pseudonymiser()
    masked, found = [], []
    for index, text in enumerate(texts):
        before = set(masker.mapping)
        masked.append(masker.pseudonymise(text))
        labels = Counter(_label(token) for token in set(masker.mapping) - before)
        found.append(dict(labels))
        ctx.progress(index + 1, len(texts), f"{index + 1} of {len(texts)} texts")
    masked = [_mask_known(text, masker.mapping) for text in masked]
    return {"texts": masked, "new_entities": found, "pseudonyms": len(masker.mapping)}


def _mask_known(text: str, mapping: dict[str, str]) -> str:
    """Mask, in one text, values the batch found in another (a name detected only once)."""
    values = sorted(((v, t) for t, v in mapping.items() if len(v.strip()) >= 4),
                    key=lambda pair: -len(pair[0]))
    for value, token in values:
        pattern = re.compile(r"(?<!\w)" + re.escape(value) + r"(?!\w)")
        text = pattern.sub(token.replace("\\", "\\\\"), text)
    return text


def _texts(payload: dict[str, Any], field: str) -> list[str]:
    items = payload.get(field)
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise InvalidInput(f"The job payload needs '{field}': a list of texts.")
    if len(items) > MAX_ITEMS:
        raise InvalidInput(f"The job has {len(items):,} {field}; the limit is {MAX_ITEMS:,}. "
                           "Split it into several jobs.")
    return list(items)


def _delay(payload: dict[str, Any]) -> float:
    raw = payload.get("delay", 0)
    if not isinstance(raw, (int, float)) or not 0 <= raw <= MAX_DELAY_SECONDS:
        raise InvalidInput(f"The job's 'delay' must be a number of seconds from 0 to "
                           f"{MAX_DELAY_SECONDS:g}.")
    return float(raw)


def _label(token: str) -> str:
    """The entity label of a pseudonym token such as ``[PERSON_1]``."""
    inner = token.strip("[]<>{}")
    return inner.rsplit("_", 1)[0] if "_" in inner else inner


def _count_of(field: str, template: str) -> Callable[[Runtime, dict[str, Any]], JobInput | None]:
    """A description counting the payload's ``field`` items (the texts themselves are never
    shown: they may hold personal data)."""

    def describe(runtime: Runtime, payload: dict[str, Any]) -> JobInput | None:
        items = payload.get(field)
        return JobInput(template, {"count": len(items)}) if isinstance(items, list) else None

    return describe


register_job("echo", echo, title="Echo (diagnostics)", result_url="/jobs/{job_id}",
             describe=_count_of("items", "{count} item(s)"))
register_job("pii-batch", pii_batch, title="Batch pseudonymisation",
             result_url="/jobs/{job_id}", describe=_count_of("texts", "{count} text(s)"))
