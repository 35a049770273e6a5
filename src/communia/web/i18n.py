"""French and English for every page: gettext catalogs compiled in memory at start-up."""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LANGUAGES = ("fr", "en")
LOCALES = Path(__file__).parent / "locales"


@cache
def translations(lang: str) -> Translations:
    """The catalog for ``lang``: every ``*.po`` of its folder merged (one per capability).

    English is the source language, so English has no catalog (identity).
    """
    merged = Translations()
    for po in sorted((LOCALES / lang / "LC_MESSAGES").glob("*.po")):
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        merged.merge(Translations(fp=buffer))
    return merged


def gettext_for(lang: str) -> Callable[[str], str]:
    return translations(lang).gettext


def negotiate(accept_language: str, default: str) -> str:
    """Pick fr or en from an Accept-Language header, else ``default``."""
    best, best_q = default, -1.0
    for part in accept_language.split(","):
        pieces = part.strip().split(";")
        tag = pieces[0].strip().lower()[:2]
        q = 1.0
        for param in pieces[1:]:
            if param.strip().startswith("q="):
                try:
                    q = float(param.strip()[2:])
                except ValueError:
                    q = 0.0
        if tag in LANGUAGES and q > best_q:
            best, best_q = tag, q
    return best
