"""Read a sentence back to the English template it was made from (no I/O).

Messages stored or raised as English text (``"Only {n} report(s) with text…"``) are
shown in the reader's language by finding their template again: the template becomes a
pattern whose placeholders capture the values. Used by the capabilities' message tables
and by the web shell's catalog fallback (docs/adr/0010-messages-in-the-readers-language.md).
"""

from __future__ import annotations

import re
from functools import cache

# "{{" and "}}" are literal braces; "{name}", "{name:spec}" and "{name!r}" are values.
PLACEHOLDER = re.compile(r"\{\{|\}\}|\{(\w+)(?:[:!][^{}]*)?\}")


@cache
def template_pattern(template: str, empty_values: bool = True) -> re.Pattern[str]:
    """The pattern matching every sentence made from ``template``; each value is a named
    group (a name used twice must hold the same text both times), which may be empty
    unless ``empty_values`` is false."""
    parts: list[str] = []
    seen: set[str] = set()
    last = 0
    for found in PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[last:found.start()]))
        name = found.group(1)
        if name is None:
            parts.append(re.escape(found.group(0)[0]))
        elif name in seen:
            parts.append(f"(?P={name})")
        else:
            seen.add(name)
            parts.append(f"(?P<{name}>.*?)" if empty_values else f"(?P<{name}>.+?)")
        last = found.end()
    parts.append(re.escape(template[last:]))
    return re.compile("".join(parts), re.DOTALL)


def fixed_length(template: str) -> int:
    """How many characters of ``template`` are fixed text, not values."""
    return len(PLACEHOLDER.sub("", template))


def filled(template: str, values: dict[str, str]) -> str:
    """``template`` with its placeholders replaced by ``values`` as they are (no format
    spec applied); a placeholder without a value stays."""
    return PLACEHOLDER.sub(lambda m: m.group(0)[0] if m.group(1) is None
                           else values.get(m.group(1), m.group(0)), template)
