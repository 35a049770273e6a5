"""Phrases addressed to an AI or a screening tool, in French and English.

Matching runs on a folded copy of the text (lower case, no accents, single spaces,
straight apostrophes) and on a squeezed copy without separators, which catches
letter-spaced tricks such as "i g n o r e  p r e v i o u s". Each flag quotes the
original words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from communia.documents.model import Flag

Keep = Callable[[str], bool]

_ANY = r"(?:(?:toutes?|tous|all|any|the|of|your|les|tes|vos|mes|ces) ){0,3}"
_CANDIDATE = r"(?:ce |cette |le |la |ma |mon |this |the |my )?(?:candidat|candidate|candidature|applicant|application|cv|resume|profil|profile)"  # noqa: E501
_AI = r"(?:ai|ia|llm|gpt|chatgpt|claude|gemini|copilot|intelligence artificielle|language model|modele de langage|ai assistant|assistant ia|assistant virtuel|ats|screening (?:tool|system|software)|outil de (?:tri|selection|recrutement)|logiciel de (?:tri|recrutement)|algorithme|algorithm)"  # noqa: E501

RULES: tuple[tuple[str, str], ...] = (
    (
        rf"\b(?:ignore|disregard|forget|override)s? {_ANY}(?:previous|prior|above|earlier|preceding|former|original) (?:instructions?|prompts?|rules|directions|guidelines|criteria)",  # noqa: E501
        "asks to ignore instructions",
    ),
    (
        rf"\b(?:ignore[rz]?|oublie[rz]?|neglige[rz]?) {_ANY}(?:instructions?|consignes?|regles|directives|criteres)(?: qui)? (?:precedentes?|anterieures?|ci-dessus|donnees|precedent|initiales?)",  # noqa: E501
        "demande d'ignorer les instructions",
    ),
    (
        r"\b(?:ignore[rz]?|oublie[rz]?) tout ce qui (?:precede|a ete dit)",
        "demande d'ignorer les instructions",
    ),
    (r"\bforget (?:everything|all)(?: you| that| above)", "asks to ignore instructions"),
    (r"\b(?:new|updated) instructions? ?:", "gives new instructions"),
    (r"\bnouvelles? (?:instructions?|consignes?) ?:", "donne de nouvelles instructions"),
    (
        r"\byou are now (?:an? |the |my )?(?:\w+ ){0,2}(?:assistant|ai|model|bot|recruiter|screener|evaluator|reviewer|gpt|dan|mode)\b",  # noqa: E501
        "tries to give the model a new role",
    ),
    (r"\bfrom now on,? you (?:are|will|must|should)\b", "tries to give the model a new role"),
    (
        r"\b(?:tu es|vous etes) (?:maintenant|desormais|a present) (?:un|une|le|la)\b",
        "donne un nouveau rôle au modèle",
    ),
    (r"\bsystem ?prompt\b|\b(?:prompt|invite|consigne) systeme\b", "mentions the system prompt"),
    (
        r"\b(?:as an?|en tant qu'(?:un |une )?)(?:ai|ia|intelligence artificielle|language model|modele de langage|assistant)\b",  # noqa: E501
        "addresses an AI",
    ),
    (
        r"\b(?:dear|hey|hello|hi|cher|chere|bonjour|salut) (?:chatgpt|gpt-?\d\w*|claude|gemini|copilot|llm)\b",  # noqa: E501
        "addresses an AI by name",
    ),
    (
        r"\b(?:chatgpt|gpt-?\d\w*|claude|gemini|copilot|llm) ?[,:] ?(?:please|ignore|rank|rate|give|s'il|merci|classe|note|oublie|ignore)",  # noqa: E501
        "addresses an AI by name",
    ),
    (
        rf"\b(?:note|message|instructions?|consignes?) (?:to|for|pour|a|a l'attention de|aux?) (?:the |l'|la |les |any )?{_AI}s?\b",  # noqa: E501
        "message addressed to an AI",
    ),
    (
        rf"\b(?:if you are|si tu es|si vous etes) (?:an? |une? |le |la )?{_AI}\b",
        "message addressed to an AI",
    ),
    (
        rf"\b(?:rank|rate|score|place|put|list|classify|move) {_CANDIDATE} (?:as )?(?:first|highest|#?1|number one|at the top|top|above all)",  # noqa: E501
        "asks for a ranking",
    ),
    (
        rf"\b(?:classe[rz]?|place[rz]?|mets|mettez|mettre|positionne[rz]?) {_CANDIDATE} (?:en |au |a la |comme )?(?:premiere?|tete|haut|sommet|numero (?:1|un)|n ?o? ?1|1er)",  # noqa: E501
        "demande un classement",
    ),
    (
        rf"\b(?:note[rz]?|rate|score|grade|give|donne[rz]?|attribue[rz]?|evalue[rz]?) (?:{_CANDIDATE} )?(?:a |at |with |une note de |a score of )?(?:10|20|100) ?/ ?(?:10|20|100)\b",  # noqa: E501
        "asks for a score",
    ),
    (
        r"\bthis (?:candidate|applicant|profile) is (?:the best|an ideal|a perfect|the perfect|the ideal|the strongest|the most qualified)",  # noqa: E501
        "asserts the verdict",
    ),
    (
        r"\b(?:ce|cette) (?:candidat|candidate|candidature|profil) (?:est|correspond) (?:le |la |a la |au )?(?:meilleure?|parfaite?|ideale?|plus adaptee?|parfaitement)",  # noqa: E501
        "affirme le verdict",
    ),
    (
        r"\b(?:recommend|shortlist|select|hire|invite) (?:this|the) (?:candidate|applicant)\b",
        "asks for a decision",
    ),
    (
        r"\b(?:recommande[rz]?|selectionne[rz]?|retiens|retenez|convoque[rz]?) (?:ce|cette) (?:candidat|candidate|candidature|profil)\b",  # noqa: E501
        "demande une décision",
    ),
    (
        r"\b(?:do not|don't|never) (?:reject|discard|filter out|screen out|penalize)\b",
        "asks not to reject",
    ),
    (
        r"\bne (?:rejette|rejetez|ecarte|ecartez|elimine|eliminez|penalise|penalisez) (?:pas|jamais)\b",  # noqa: E501
        "demande de ne pas rejeter",
    ),
)

SQUEEZED: tuple[str, ...] = (
    "ignorepreviousinstructions",
    "ignoreallpreviousinstructions",
    "ignorelesinstructionsprecedentes",
    "ignoreztouteslesinstructions",
    "rankthiscandidatefirst",
    "classececandidatenpremier",
    "systemprompt",
)

_COMPILED = tuple((re.compile(pattern.replace(" ", r"\s")), reason) for pattern, reason in RULES)
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})


def find_injections(text: str) -> list[Flag]:
    """Return one ``injection`` flag per phrase addressed to an AI or a screening tool."""
    folded, origin = _fold(text, keep=_everything)
    flags: list[Flag] = []
    seen: set[tuple[int, int]] = set()
    for pattern, reason in _COMPILED:
        for match in pattern.finditer(folded):
            span = (origin[match.start()], origin[max(match.end() - 1, match.start())] + 1)
            if not any(a < span[1] and span[0] < b for a, b in seen):
                seen.add(span)
                flags.append(Flag("injection", f"{reason}: “{_quote(text, span)}”"))
    if not flags:
        flags.extend(_squeezed(text))
    return flags


def _squeezed(text: str) -> list[Flag]:
    squeezed, origin = _fold(text, keep=str.isalnum)
    flags = []
    for phrase in SQUEEZED:
        at = squeezed.find(phrase)
        if at >= 0:
            span = (origin[at], origin[at + len(phrase) - 1] + 1)
            quote = _quote(text, span)
            flags.append(Flag("injection", f"spaced-out instruction to an AI: “{quote}”"))
    return flags


def _everything(char: str) -> bool:
    return True


def _fold(text: str, keep: Keep) -> tuple[str, list[int]]:
    """Lower-case, strip accents and collapse spaces; map each output char to its source."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text.translate(_FOLD)):
        for piece in unicodedata.normalize("NFKD", char.lower()):
            if unicodedata.combining(piece):
                continue
            if piece.isspace():
                piece = " "
            if piece == " " and chars and chars[-1] == " ":
                continue
            if keep(piece):
                chars.append(piece)
                origin.append(index)
    return "".join(chars), origin


def _quote(text: str, span: tuple[int, int]) -> str:
    start, end = span
    snippet = " ".join(text[start:end].split())
    return snippet if len(snippet) <= 120 else snippet[:119] + "…"
