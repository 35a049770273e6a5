"""Text normalisation for the decision guard: case, accents, repeated letters, typos.

Every pattern of the guard is written against the normalised form produced here, so a
request typed without accents, with doubled letters or with a one-letter typo on a key
word ("licensier", "sanctione", "recrutter") reads like the well-spelt one.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_LIGATURES = (("œ", "oe"), ("æ", "ae"), ("ß", "ss"))
_REPEAT = re.compile(r"([a-z])\1+")
# Titles are read as "m" (so "Mme" does not collapse into the word "me"); the dot
# after a title or abbreviation does not end the sentence.
_TITLES = frozenset({"m", "mr", "mrs", "ms", "mme", "mlle"})
_ABBREVIATIONS = _TITLES | {"dr", "st", "cf", "etc"}
_MARKS = "?!.;:,\n"


def _byte_table() -> bytes:
    """Keep letters, digits, "/" and sentence marks of ASCII text; blank the rest."""
    kept = set(range(ord("a"), ord("z") + 1)) | set(range(ord("0"), ord("9") + 1))
    kept |= {ord(c) for c in "/" + _MARKS}
    return bytes(code if code in kept else ord(" ") for code in range(256))


_BYTES = _byte_table()
_UNICODE_MARKS = re.compile(r"[’‘`´ʼ‐‑–—«»“”…•·]")

# Key words worth correcting when mistyped. Only long words are corrected (see
# _MIN_FUZZY) so short everyday words are never rewritten into lexicon words.
_FUZZY_LEXICON = """
licencier licencie licencies licenciez licenciement licenciements licencierais
sanctionner sanctionne sanctionnes sanctionnez sanctions sanction disciplinaire
disciplinary discipline avertissement revocation retrogradation retrograder
recruter recrute recrutes recrutez recrutement embaucher embauche embauches embauchez
candidat candidats candidate candidates candidature candidatures postulant
selectionner selectionne selectionnez selection choisir choisis choisissez choisirais
retenir retiens retenez rejeter rejette rejetez eliminer elimine eliminez ecarter ecarte
attribuer attribue attribuez attribution subvention subventions soumissionnaire
promouvoir promotion evaluer evalue evaluez evaluation evaluations performance
appraisal dismiss dismissal terminate reprimand shortlist recruit recruitment
decider decides decidez decision trancher arbitrer recommander recommande decided
deciding
recommend recommendation expliquer explique expliquez procedure procedures
entretien entretiens courrier rediger redige redigez arrete notification
criteres criteria avantages inconvenients laureat gagnant marche offres
contractor applicant applicants application applications interview
""".split()
_MIN_FUZZY = 7
def collapse(text: str) -> str:
    """Collapse runs of one repeated letter ("viiiire", "sanctionner") to one letter."""
    return _REPEAT.sub(r"\1", text)


def fold(text: str) -> str:
    """Lower-case, strip accents and ligatures, collapse repeated letters."""
    text = _ligatures(text.lower())
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return collapse(text)


def _ligatures(text: str) -> str:
    for ligature, letters in _LIGATURES:
        if ligature in text:
            text = text.replace(ligature, letters)
    return text


_LEXICON = frozenset(collapse(w) for w in _FUZZY_LEXICON)
# Real words one edit away from a lexicon word: never "corrected".
_PROTECTED = frozenset(collapse(w) for w in """licence licences license licenses
candide revenu revenue revenir retenue detenir obtenir entretenir soutenir sanctuaire
recreer decade decede decider decideur preselection selections selective selected
courier courriers arreter arretes avantage critere critique notifier""".split())




def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _build_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for word in sorted(_LEXICON):
        if len(word) < _MIN_FUZZY - 1:
            continue
        for variant in _deletions(word) | {word}:
            index.setdefault(variant, word)
    return index


_INDEX = _build_index()


def _within_one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one insertion, deletion, substitution or swap."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (len(diff) == 2 and diff[1] == diff[0] + 1
                and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


@lru_cache(maxsize=8192)
def correct(token: str) -> str:
    """Return the lexicon word one edit away from token, or token itself."""
    if len(token) < _MIN_FUZZY or token in _LEXICON or token in _PROTECTED:
        return token
    if any(token[:end] in _LEXICON for end in range(_MIN_FUZZY - 1, len(token))):
        return token  # an inflection of a key word ("choisira"), not a typo
    candidates = {_INDEX[v] for v in _deletions(token) | {token} if v in _INDEX}
    for word in sorted(candidates):
        if _within_one_edit(token, word):
            return word
    return token


# Text-message spellings of the words the rules read ("kel asso on choisit pr…").
_SMS = {"kel": "quel", "kele": "quelle", "kels": "quels", "keles": "quelles", "ki": "qui",
        "koi": "quoi", "pr": "pour", "pk": "pourquoi", "pq": "pourquoi", "jte": "je te",
        "jvais": "je vais", "jpense": "je pense", "jdois": "je dois", "tt": "tout",
        "qd": "quand", "ds": "dans", "u": "you", "ur": "your", "shud": "should",
        "wud": "would", "cud": "could", "wat": "what", "wich": "which"}


@lru_cache(maxsize=65536)
def _token(token: str) -> str:
    if not token.isalpha():
        return token
    token = collapse(token)
    return _SMS.get(token) or correct(token)


def normalise(text: str) -> str:
    """Fold text to the guard's canonical form: words, digits and sentence marks."""
    text = _UNICODE_MARKS.sub(" ", _ligatures(text.lower()))
    data = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").translate(_BYTES)
    words: list[str] = []
    previous = ""
    text = data.decode("ascii")
    for mark in _MARKS:
        if mark in text:
            text = text.replace(mark, f" {mark} ")
    for token in text.split(" "):
        if not token:
            continue
        if token == "." and previous in _ABBREVIATIONS:
            previous = token
            continue
        previous = token
        words.append("m" if token in _TITLES else _token(token))
    return " ".join(words)


def sentences(normalised: str, split_colon: bool = False) -> list[str]:
    """Split normalised text into sentences, each keeping its closing mark.

    Args:
        normalised: text from normalise().
        split_colon: also end a sentence at a colon (requests: "Contexte : … Question : …").
    """
    marks = ".?!;:\n" if split_colon else ".?!;\n"
    parts = re.findall(rf"[^{marks}]+[{marks}]?", normalised)
    return [p.strip() for p in parts if p.strip(" .?!;:\n")]


_FRENCH = frozenset(fold(w) for w in """le la les de des du un une et est pour que qui dans
sur avec pas je tu il nous vous ce cette cet mon ma mes au aux ou quel quelle dois faut
merci moi toi son sa ses leur dit dis fais peux sont etre avoir entre agent candidat""".split())
_ENGLISH = frozenset(fold(w) for w in """the an of to and is for that who which in with
not i you we this my should what please be are it our your their would could can tell
his her them do does""".split())


def detect_language(normalised: str) -> str:
    """Return "fr" or "en" from stop-word counts; French wins ties."""
    words = normalised.split()
    french = sum(map(_FRENCH.__contains__, words))
    english = sum(map(_ENGLISH.__contains__, words))
    return "en" if english > french else "fr"
