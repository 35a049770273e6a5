"""Checks that a rewritten text keeps every fact and adds none (no I/O).

Used on model prose and on plain-language rewrites: numbers, dates and legal
references are the facts a reader relies on; a rewrite that drops one or brings a
new one is refused, and the deterministic text is kept instead.
"""

from __future__ import annotations

import re
import unicodedata

from communia.drafting.dates import find_dates
from communia.drafting.legal_refs import find_references

_NUMBER = re.compile(r"(?<![\w-])\d+(?:[.,]\d+)*(?![\w-])|\b\d+(?:-\d+)+\b")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fact_tokens(text: str) -> set[str]:
    """Numbers, dates and legal references written in ``text``, normalised."""
    text = _nfc(text)
    tokens = {m.group(0).replace(",", ".") for m in _NUMBER.finditer(text)}
    tokens |= {d.value.isoformat() for d in find_dates(text) if d.value}
    for ref in find_references(text):
        tokens |= set(ref.keys)
    return tokens


def _dateless_numbers(text: str) -> set[str]:
    """Numbers of ``text`` plus the parts of every date it writes (day, month, year)."""
    tokens = fact_tokens(text)
    for mention in find_dates(_nfc(text)):
        if mention.value:
            v = mention.value
            tokens |= {str(v.day), str(v.month), f"{v.month:02d}", f"{v.day:02d}", str(v.year)}
    return tokens


def lost_facts(original: str, rewritten: str) -> list[str]:
    """Facts of ``original`` that ``rewritten`` no longer states."""
    return sorted(fact_tokens(original) - _dateless_numbers(rewritten)
                  - {t for t in fact_tokens(original) if t.startswith("code")})


def added_facts(rewritten: str, allowed_text: str) -> list[str]:
    """Numbers, dates or references of ``rewritten`` found nowhere in ``allowed_text``."""
    allowed = _dateless_numbers(allowed_text)
    allowed |= {f"article:/{k.rpartition('/')[2]}" for k in allowed if k.startswith("article")}
    extra = []
    for token in fact_tokens(rewritten):
        if token in allowed:
            continue
        if token.startswith("article:") and f"article:/{token.rpartition('/')[2]}" in allowed:
            continue
        if token.startswith("code"):
            continue  # a code named without an article is checked by the validators
        extra.append(token)
    return sorted(extra)
