"""Legal references in a text: find them, and tell which are grounded and which are not.

A reference is grounded when it appears in the agent's facts or in the curated list
shipped with the package (``data/legal_references.yaml``). Everything else is
returned as unknown so that it is flagged, never silently kept.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from communia.drafting.dates import find_dates

_APOS = str.maketrans({"’": "'", "ʼ": "'", "\u00a0": " ", "\u202f": " "})


def _norm(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOS))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.lower().split())


@dataclass(frozen=True)
class Reference:
    """One legal reference as written, with the keys it can be matched by."""

    kind: str  # article | code | loi | decret | ordonnance | arrete | eu | deliberation
    text: str
    keys: frozenset[str]
    start: int = 0


@dataclass(frozen=True)
class Catalog:
    """The curated list: code names and aliases, article patterns, acts by number/date."""

    codes: dict[str, str]  # normalised name or alias -> code id
    articles: dict[str, tuple[str, ...]]  # code id -> article patterns
    acts: frozenset[str]  # keys of curated acts

    def knows(self, ref: Reference) -> bool:
        if ref.kind == "article":
            return any(self._article_known(key) for key in ref.keys)
        if ref.kind == "code":
            return any(k.startswith("code:") for k in ref.keys)
        return bool(ref.keys & self.acts)

    def _article_known(self, key: str) -> bool:
        code, _, number = key.partition(":")[2].partition("/")
        codes = [code] if code else list(self.articles)
        return any(_pattern_matches(p, number) for c in codes for p in self.articles.get(c, ()))


def _pattern_matches(pattern: str, number: str) -> bool:
    if pattern.endswith("*"):
        return number.startswith(pattern[:-1])
    return number == pattern


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    """The curated reference list shipped in the package."""
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("communia.drafting").joinpath("data/legal_references.yaml")
        .read_text(encoding="utf-8"))
    codes: dict[str, str] = {}
    articles: dict[str, tuple[str, ...]] = {}
    for code_id, entry in raw["codes"].items():
        for name in [entry["name"], *entry.get("aliases", [])]:
            codes[_norm(name)] = code_id
        articles[code_id] = tuple(str(a) for a in entry.get("articles", []))
    acts: set[str] = set()
    for kind, key in (("lois", "loi"), ("decrets", "decret"), ("arretes", "arrete"),
                      ("eu", "eu")):
        for act in raw.get(kind, []):
            acts |= _act_keys(key, str(act.get("number") or ""), str(act.get("date") or ""))
    return Catalog(codes, articles, frozenset(acts))


def _act_keys(kind: str, number: str, iso_date: str) -> set[str]:
    keys = set()
    if number:
        keys.add(f"{kind}:n:{number}")
    if iso_date:
        keys.add(f"{kind}:d:{iso_date}")
    return keys


_ARTICLE = re.compile(r"(?<![\w/])([LRDA])\s?\.?\s?\*?\s?(\d{1,4}(?:-\d+){1,3})\b")
_NUMBER = r"(?:n\s?°|no\.?|numéro)\s?([\w./-]*\d[\w./-]*)"
_DATE = r"(?:en date )?du\s+(\d{1,2}(?:er)?\s+\w+\s+\d{4}|\d{1,2}/\d{1,2}/\d{4})"
_ACTS = {
    "loi": re.compile(r"\bloi\s+(?:organique\s+)?(?:" + _NUMBER + r")?\s*(?:" + _DATE + r")?",
                      re.IGNORECASE),
    "decret": re.compile(r"\bdécret\s+(?:en conseil d'[ée]tat\s+)?(?:" + _NUMBER + r")?\s*(?:"
                         + _DATE + r")?", re.IGNORECASE),
    "ordonnance": re.compile(r"\bordonnance\s+(?:" + _NUMBER + r")?\s*(?:" + _DATE + r")?",
                             re.IGNORECASE),
    "arrete": re.compile(r"\barrêtés?\s+(?:ministériel|préfectoral|interministériel|municipal|"
                         r"du maire|inter-préfectoral)?\s*(?:" + _NUMBER + r")?\s*(?:" + _DATE
                         + r")", re.IGNORECASE),
    "deliberation": re.compile(r"\bdélibération\s+(?:" + _NUMBER + r")?\s*(?:" + _DATE + r")",
                               re.IGNORECASE),
}
_EU = re.compile(r"\b(?:règlement|directive)\s+(?:\((?:UE|CE|CEE)\)\s+)?(?:n\s?°\s?)?"
                 r"(\d{2,4}/\d+(?:/\w+)?)", re.IGNORECASE)
_CODE = re.compile(r"\bcode\s+(?:g[ée]n[ée]ral\s+)?(?:de\s+la\s+|de\s+l'|des\s+|du\s+|de\s+)"
                   r"[a-zàâçéèêëîïôûùüÿœ' -]{3,80}", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[;\n]|\.\s+(?=[A-ZÉÈÀ][a-zéèàê])")


def find_references(text: str) -> list[Reference]:
    """Every legal reference in ``text``: articles (with their code), codes and acts."""
    clean = unicodedata.normalize("NFC", text).translate(_APOS)
    codes = _code_mentions(clean)
    refs = [Reference("code", name, frozenset({_code_key(cid, name)}), pos)
            for pos, _end, cid, name in codes]
    refs += _articles(clean, codes)
    refs += _acts(clean)
    return sorted(refs, key=lambda r: r.start)


def _code_key(code_id: str, name: str) -> str:
    return f"code:{code_id}" if code_id else f"codename:{_norm(name)}"


def _code_mentions(text: str) -> list[tuple[int, int, str, str]]:
    cat = catalog()
    found: list[tuple[int, int, str, str]] = []
    taken: list[tuple[int, int]] = []
    for name, code_id in sorted(cat.codes.items(), key=lambda kv: -len(kv[0])):
        pattern = re.compile(r"\b" + re.escape(name).replace(r"\ ", r"\s+") + r"\b")
        for m in pattern.finditer(_norm_keep_length(text)):
            if not any(a <= m.start() < b for a, b in taken):
                taken.append((m.start(), m.end()))
                found.append((m.start(), m.end(), code_id, text[m.start():m.end()]))
    for m in _CODE.finditer(text):
        if not any(a <= m.start() < b for a, b in taken):
            name = re.split(r"\s(?:notamment|et|en|qui|dont|pour|au|aux|à|susvisé)\b|,",
                            m.group(0))[0].strip()
            found.append((m.start(), m.start() + len(name), "", name))
    return sorted(found)


def _norm_keep_length(text: str) -> str:
    """Lowercase without accents, same length as ``text`` (so offsets still match)."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFKD", ch)
        out.append((base[0] if base else ch).lower()[:1] or ch)
    return "".join(out)


def _articles(text: str, codes: list[tuple[int, int, str, str]]) -> list[Reference]:
    refs = []
    for m in _ARTICLE.finditer(text):
        number = f"{m.group(1)}{m.group(2)}"
        code_id = _code_for(text, m.start(), codes)
        key = f"article:{code_id}/{number}"
        refs.append(Reference("article", m.group(0).strip(), frozenset({key}), m.start()))
    return refs


def _code_for(text: str, pos: int, codes: list[tuple[int, int, str, str]]) -> str:
    """The code of an article: the next code named in its clause, else the previous one."""
    ends = [e.start() for e in _CLAUSE_END.finditer(text, pos)]
    clause_end = ends[0] if ends else len(text)
    starts = [e.end() for e in _CLAUSE_END.finditer(text, 0, pos)]
    clause_start = starts[-1] if starts else 0
    after = [c for c in codes if pos < c[0] < clause_end]
    if after:
        return after[0][2] or "?"
    before = [c for c in codes if clause_start <= c[0] < pos]
    if before:
        return before[-1][2] or "?"
    return ""


def _acts(text: str) -> list[Reference]:
    refs = []
    for kind, pattern in _ACTS.items():
        for m in pattern.finditer(text):
            number = (m.group(1) or "").rstrip(".,")
            when = find_dates(m.group(2) or "")
            iso = when[0].value.isoformat() if when and when[0].value else ""
            keys = _act_keys(kind, number, iso)
            if keys:
                refs.append(Reference(kind, m.group(0).strip(), frozenset(keys), m.start()))
    for m in _EU.finditer(text):
        refs.append(Reference("eu", m.group(0), frozenset({f"eu:n:{m.group(1)}"}), m.start()))
    return refs


def grounded_keys(texts: Iterable[str]) -> frozenset[str]:
    """Keys of every reference in the given texts (the agent's facts)."""
    keys: set[str] = set()
    for text in texts:
        for ref in find_references(text):
            keys |= ref.keys
            if ref.kind == "article":  # an article given with no code stays usable with one
                keys |= {_codeless(k) for k in ref.keys}
    return frozenset(keys)


def _codeless(key: str) -> str:
    return "article:/" + key.rpartition("/")[2]


def unknown_references(text: str, facts_keys: frozenset[str]) -> list[Reference]:
    """References of ``text`` found neither in the facts nor in the curated list."""
    cat = catalog()
    unknown = []
    for ref in find_references(text):
        if ref.keys & facts_keys or cat.knows(ref):
            continue
        if ref.kind == "article" and {_codeless(k) for k in ref.keys} & facts_keys:
            continue
        unknown.append(ref)
    return unknown
