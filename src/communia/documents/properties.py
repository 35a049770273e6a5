"""Flags for document properties (title, subject, keywords, comments...) that carry text.

Author and producer fields are filled by software and are normal; free-text fields
such as subject, keywords and comments are invisible when the document is read, so
text there is shown to the reviewer, as is any phrase addressed to an AI.
"""

from __future__ import annotations

from communia.documents.cleanup import preview
from communia.documents.injection import find_injections
from communia.documents.model import Flag

FREE_TEXT_FIELDS = frozenset({"subject", "keywords", "comments", "description", "category"})
LONG_VALUE = 100  # characters; longer values in any field are worth a look
PLACEHOLDERS = frozenset({"unspecified", "untitled", "anonymous", "(anonymous)", "unknown", "none"})


def flag_properties(properties: dict[str, str]) -> list[Flag]:
    """Return a ``metadata`` flag for text-bearing properties and ``injection`` flags."""
    properties = {
        key: value
        for key, value in properties.items()
        if value.strip() and value.strip().lower() not in PLACEHOLDERS
    }
    noted = {
        key: value
        for key, value in properties.items()
        if (key.lower() in FREE_TEXT_FIELDS or len(value) > LONG_VALUE)
    }
    flags: list[Flag] = []
    if noted:
        listed = "; ".join(f"{key}: {preview(value, 80)}" for key, value in sorted(noted.items()))
        flags.append(Flag("metadata", f"document properties hold text: {listed}"))
    for key, value in sorted(properties.items()):
        for flag in find_injections(value):
            flags.append(Flag("injection", f"in the property {key!r}: {flag.detail}"))
    return flags
