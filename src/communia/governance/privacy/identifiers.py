"""Rules for French and international identifiers: NIR, IBAN, SIRET, SIREN, ID, plates, IP."""

from __future__ import annotations

import re

from .rules import Rule, words
from .validators import compact, iban_valid, ip_valid, nir_valid, siren_valid, siret_valid

_SEP = r"[ .\-]?"


def _nir_with_key(value: str) -> bool:
    """Check a 15-character NIR written with separators or a 'clé' word."""
    return nir_valid(re.sub(r"(?i)cl[ée]|key", "", value))


def _nir_body(value: str) -> bool:
    """Check the shape of a 13-character NIR written without its key."""
    body = compact(value)
    return bool(re.fullmatch(r"[1-478]\d{2}(0[1-9]|1[0-2]|[2-9]\d)(\d{2}|2[AB])\d{6}", body))


NIR_CONTEXT = words(
    r"s[ée]curit[ée] sociale",
    r"\bs[ée]cu\b",
    r"\bn[°o]\s*ss\b",
    r"\bnir\b",
    r"\binsee\b",
    r"social security",
    r"\bnss\b",
    r"assur[ée] social",
    r"carte vitale",
)
_NIR_BODY = rf"[1-478](?:{_SEP}\d){{4}}{_SEP}(?:\d{_SEP}\d|2{_SEP}[AB])(?:{_SEP}\d){{6}}"
NIR_RULES = [
    Rule(
        re.compile(
            rf"(?<![\w])(?P<id>{_NIR_BODY}\s*(?:[-/]|cl[ée]\s*:?|key\s*:?)?\s*\d{_SEP}\d)(?![\w])"
        ),
        0.85,
        validator=_nir_with_key,
        context=NIR_CONTEXT,
    ),
    # Labelled as a social security number but with a wrong key (a typo, or a key
    # misread on a scan): still someone's number, or nearly; masked all the same.
    Rule(
        re.compile(
            rf"(?<![\w])(?P<id>{_NIR_BODY}\s*(?:[-/]|cl[ée]\s*:?|key\s*:?)?\s*\d{_SEP}\d)(?![\w])"
        ),
        0.5,
        validator=lambda value: _nir_body(compact(value)[:13]),
        context=NIR_CONTEXT,
        needs_context=True,
        before=40,
    ),
    Rule(
        re.compile(rf"(?<![\w])(?P<id>{_NIR_BODY})(?![\w]|\s*(?:[-/]|cl[ée])?\s*\d)"),
        0.5,
        validator=_nir_body,
        context=NIR_CONTEXT,
        needs_context=True,
    ),
]

IBAN_CONTEXT = words(r"\biban\b", r"\brib\b", r"bancaire", r"\bbank\b", r"virement", r"compte")
IBAN_RULES = [
    Rule(
        re.compile(
            r"(?<![A-Za-z0-9])(?P<id>[A-Z]{2}\d{2}(?:[ \-]?[A-Z0-9]{4}){2,7}"
            r"(?:[ \-]?[A-Z0-9]{1,3})?)(?![A-Za-z0-9])"
        ),
        1.0,  # a mod-97 check over 15+ characters leaves no doubt
        validator=iban_valid,
        context=IBAN_CONTEXT,
    )
]

COMPANY_CONTEXT = words(
    r"\bsiret\b",
    r"\bsiren\b",
    r"\brcs\b",
    r"[ée]tablissement",
    r"entreprise",
    r"soci[ée]t[ée]",
    r"company",
    r"registered",
    r"immatricul",
    r"\bsarl\b",
    r"\bsas\b",
    r"\bsa\b",
    r"\beurl\b",
    r"prestataire",
    r"fournisseur",
    r"supplier",
    r"contractor",
    r"titulaire",
)
SIRET_RULES = [
    Rule(
        re.compile(r"(?<![\w.])(?P<id>\d{3}[ .]?\d{3}[ .]?\d{3}[ .]?\d{5})(?![\w]|[ .]\d)"),
        0.6,
        validator=siret_valid,
        context=COMPANY_CONTEXT,
    )
]
SIREN_RULES = [
    Rule(
        re.compile(r"(?<![\w.])(?P<id>\d{3}[ .]\d{3}[ .]\d{3})(?![\w]|[ .]?\d)"),
        0.45,
        validator=siren_valid,
        context=COMPANY_CONTEXT,
    ),
    Rule(
        re.compile(r"(?<![\w.])(?P<id>\d{9})(?![\w]|[ .]?\d)"),
        0.35,
        validator=siren_valid,
        context=COMPANY_CONTEXT,
        needs_context=True,
    ),
]

ID_CONTEXT = words(
    r"carte d.identit",
    r"carte nationale",
    r"\bcni\b",
    r"passeport",
    r"passport",
    r"pi[èe]ce d.identit",
    r"identity card",
    r"\bid card\b",
    r"titre de s[ée]jour",
    r"residence permit",
    r"permis de conduire",
    r"driving licen[cs]e",
    r"driver.s licen[cs]e",
    r"identity document",
    r"\bid number\b",
    r"document n",
)
ID_RULES = [
    Rule(re.compile(r"(?<![\w])(?P<id>\d{2}[A-Z]{2}\d{5})(?![\w])"), 0.5, context=ID_CONTEXT),
    Rule(
        re.compile(r"(?<![\w])(?P<id>\d{12}|\d{4} \d{4} \d{4})(?![\w])"),
        0.5,
        context=ID_CONTEXT,
        needs_context=True,
    ),
    Rule(
        re.compile(r"(?<![\w])(?P<id>(?=[A-Z0-9]*\d[A-Z0-9]*\d)[A-Z0-9]{9})(?![\w])"),
        0.5,
        context=ID_CONTEXT,
        needs_context=True,
    ),
    Rule(
        re.compile(r"(?<![\w])(?P<id>[A-Z]{1,2}\d{6,8})(?![\w])"),
        0.5,
        context=ID_CONTEXT,
        needs_context=True,
    ),
]

PLATE_CONTEXT = words(
    r"immatricul",
    r"plaque",
    r"v[ée]hicule",
    r"voiture",
    r"automobile",
    r"camion",
    r"registration",
    r"\bplate\b",
    r"vehicle",
    r"\bcar\b",
    r"\bvan\b",
    r"stationn",
    r"parked",
)
PLATE_NEAR = words(
    r"immatricul[ée]+e?s?\s*:?\s*$",
    r"plaque\s*:?\s*$",
    r"registration\s*(?:number|no\.?)?\s*:?\s*$",
    r"\bplate\s*(?:number|no\.?)?\s*:?\s*$",
    r"\breg\.?\s*:?\s*$",
)
_L = "[A-HJ-NP-TV-Z]"
PLATE_RULES = [
    Rule(
        re.compile(r"(?<![\w-])(?P<id>[A-Z]{2}-\d{3}-[A-Z]{2})(?![\w-])"),
        0.75,
        context=PLATE_CONTEXT,
    ),
    Rule(
        re.compile(rf"(?<![\w-])(?P<id>{_L}{{2}} ?\d{{3}} ?{_L}{{2}})(?![\w-])"),
        0.45,
        context=PLATE_CONTEXT,
    ),
    Rule(
        re.compile(r"(?<![\w-])(?P<id>\d{1,4}[ -]?[A-Z]{1,3}[ -]?(?:\d{2}|2[AB]|97\d))(?![\w-])"),
        0.4,
        context=PLATE_CONTEXT,
        needs_context=True,
    ),
    Rule(
        re.compile(r"(?<![\w-])(?P<id>[A-Z]{2}\d{2} ?[A-Z]{3})(?![\w-])"),
        0.45,
        context=PLATE_CONTEXT,
    ),
    Rule(
        re.compile(
            r"(?<![\w-])(?P<id>(?=[A-Z0-9 -]{0,11}\d)(?=[A-Z0-9 -]{0,11}[A-Z])"
            r"[A-Z0-9]{1,4}[ -]?[A-Z0-9]{2,4}(?:[ -][A-Z0-9]{1,3})?)(?![\w-])"
        ),
        0.4,
        context=PLATE_NEAR,
        needs_context=True,
        before=25,
        after=0,
    ),
]

IP_CONTEXT = words(
    r"\bip\b",
    r"adresse",
    r"address",
    r"connexion",
    r"serveur",
    r"server",
    r"\blogs?\b",
    r"routeur",
    r"router",
    r"poste",
)
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
IP_RULES = [
    Rule(
        re.compile(rf"(?<![\w.])(?P<id>{_OCTET}(?:\.{_OCTET}){{3}})(?![\w]|\.\d)"),
        0.6,
        validator=ip_valid,
        context=IP_CONTEXT,
    ),
    Rule(
        re.compile(
            r"(?<![\w:])(?P<id>(?=[0-9A-Fa-f:]*:[0-9A-Fa-f]*:)[0-9A-Fa-f:]{2,39}[0-9A-Fa-f])(?![\w:])"
        ),
        0.6,
        validator=lambda v: ":" in v and v.count(":") >= 2 and ip_valid(v),
        context=IP_CONTEXT,
    ),
]
