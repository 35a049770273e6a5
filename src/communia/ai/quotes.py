"""Verification of quoted evidence: a quote is kept only if it is in the source text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"'})


def normalise_for_match(text: str) -> str:
    """Unicode NFC, unified quotes and collapsed spaces, for a forgiving exact match."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACE.sub(" ", text).strip().casefold()


def quote_in_sources(quote: str, sources: list[str]) -> bool:
    """True when the quote (normalised) appears in one of the sources (normalised)."""
    needle = normalise_for_match(quote)
    return bool(needle) and any(needle in normalise_for_match(src) for src in sources)


@dataclass
class QuoteCheck:
    """The output with unverifiable quotes removed, and those removed."""

    data: Any
    dropped: list[str]


def verify_quotes(data: Any, keys: tuple[str, ...], sources: list[str]) -> QuoteCheck:
    """Walk ``data``; under any key in ``keys``, drop quotes that are not in ``sources``."""
    dropped: list[str] = []
    normalised = [normalise_for_match(s) for s in sources]

    def found(quote: str) -> bool:
        needle = normalise_for_match(quote)
        return bool(needle) and any(needle in src for src in normalised)

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            out: dict[str, Any] = {}
            for key, value in node.items():
                if key in keys:
                    out[key] = _filter(value, found, dropped)
                else:
                    out[key] = walk(value)
            return out
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    return QuoteCheck(walk(data), dropped)


def _filter(value: Any, found: Any, dropped: list[str]) -> Any:
    if isinstance(value, str):
        if found(value):
            return value
        dropped.append(value)
        return ""
    if isinstance(value, list):
        kept = []
        for item in value:
            if isinstance(item, str) and not found(item):
                dropped.append(item)
            else:
                kept.append(item)
        return kept
    return value
