"""Rules for contact data: e-mail, French phones, profile URLs, dates of birth, addresses."""

from __future__ import annotations

import re

from .rules import Rule, words

_ROLE_LOCAL = (
    r"(?:info|infos|contact|accueil|mairie|secretariat|secr[ée]tariat|webmaster|admin"
    r"|postmaster|noreply|no-reply|ne-pas-repondre|support|help|helpdesk|rh|hr|recrutement"
    r"|recruitment|jobs|finances?|compta|comptabilite|courrier|communication|presse|press|dpo"
    r"|sales|office|enquiries|customer[._-]?services?|service[._-][\w.-]+|services?)"
)
ROLE_MAILBOX = re.compile(r"(?i)^" + _ROLE_LOCAL + "@")


def personal_mailbox(value: str) -> bool:
    """Return False for role mailboxes (info@, accueil@, service.x@) that name no person."""
    return ROLE_MAILBOX.match(value.replace(" ", "")) is None


EMAIL_RULES = [
    Rule(
        re.compile(
            r"(?<![\w.+-])(?P<id>[A-Za-z0-9][A-Za-z0-9._%+\-]*[ ]?@[ ]?[A-Za-z0-9][A-Za-z0-9\-]*"
            r"(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,24})(?![\w-])"
        ),
        0.95,
        validator=personal_mailbox,
        hint=re.compile("@"),
    ),
    Rule(
        re.compile(
            r"(?<![\w.+-])(?P<id>" + _ROLE_LOCAL + r"@[A-Za-z0-9\-]+"
            r"(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,24})(?![\w-])",
            re.IGNORECASE,
        ),
        0.3,
        hint=re.compile("@"),
    ),
]

PHONE_CONTEXT = words(
    r"t[ée]l",
    r"phone",
    r"portable",
    r"mobile",
    r"\bfax\b",
    r"appel",
    r"joindre",
    r"contact",
    r"\bcall\b",
    r"\bmob\b",
    r"num[ée]ro",
    r"number",
)
PHONE_RULES = [
    Rule(
        re.compile(
            r"(?<![\w+])(?P<id>(?:(?:\+|00)\s?33\s?(?:\(0\)\s?)?[1-9]|\(?0[1-9]\)?)"
            r"(?:[ .\-]?\d{2}){4})(?![\w]|[ .\-]\d)"
        ),
        0.8,
        context=PHONE_CONTEXT,
    )
]

_PROFILE_HOSTS = (
    r"linkedin\.com/(?:in|pub|profile)/",
    r"facebook\.com/",
    r"fb\.com/",
    r"twitter\.com/",
    r"x\.com/",
    r"instagram\.com/",
    r"github\.com/",
    r"gitlab\.com/",
    r"tiktok\.com/@",
    r"youtube\.com/(?:@|c/|user/|channel/)",
    r"medium\.com/@",
    r"viadeo\.com/(?:fr/)?profile/",
    r"pinterest\.[a-z.]+/",
    r"snapchat\.com/add/",
    r"threads\.net/@",
    r"bsky\.app/profile/",
    r"t\.me/",
    r"mastodon\.[a-z.]+/@",
    r"wa\.me/",
    r"about\.me/",
    r"flickr\.com/people/",
)
_URL_PATH = r"[A-Za-z0-9._~%@+\-]+(?:/[A-Za-z0-9._~%@+\-]*)*"
URL_RULES = [
    Rule(
        re.compile(
            r"(?<![\w@/.])(?P<id>(?:https?://)?(?:[a-z]{2,3}\.|www\.|m\.)?(?:"
            + "|".join(_PROFILE_HOSTS)
            + r")"
            + _URL_PATH
            + r")",
            re.IGNORECASE,
        ),
        0.85,
        hint=re.compile("/"),  # every profile host is followed by a path
    ),
    Rule(
        re.compile(
            r"(?<![\w@/.])(?P<id>https?://[A-Za-z0-9.\-]+\.[a-z]{2,24}"
            r"/(?:~|users?/|profile/|profil/|people/|members?/|u/|@)" + _URL_PATH + r")",
            re.IGNORECASE,
        ),
        0.6,
        hint=re.compile("://"),
    ),
]

_FR_MONTHS = (
    r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre"
    r"|d[ée]cembre|janv\.?|f[ée]vr?\.?|avr\.?|juil\.?|sept\.?|oct\.?|nov\.?|d[ée]c\.?"
)
_EN_MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sep\.?|Sept\.?|Oct\.?|Nov\.?|Dec\.?"
)
_YEAR = r"(?:19|20)\d{2}"
DATE_PATTERN = (
    rf"\d{{1,2}}\s?[/.\-]\s?\d{{1,2}}\s?[/.\-]\s?(?:{_YEAR}|\d{{2}})"
    rf"|{_YEAR}-\d{{2}}-\d{{2}}"
    rf"|(?:1er|\d{{1,2}})\s+(?:{_FR_MONTHS})\s+{_YEAR}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_EN_MONTHS}),?\s+{_YEAR}"
    rf"|(?:{_EN_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}"
)
BIRTH_CONTEXT = words(
    r"\bn[ée]e?\b",
    r"\bn[ée]\(e\)",
    r"naissance",
    r"\bborn\b",
    r"birth",
    r"\bdob\b",
    r"d\.o\.b",
    r"\bb\.\s",
    r"anniversaire",
)
DATE_OF_BIRTH_RULES = [
    Rule(
        re.compile(rf"(?<![\w/.\-])(?P<id>{DATE_PATTERN})(?![\w/]|[.\-]\d)", re.IGNORECASE),
        0.85,
        context=BIRTH_CONTEXT,
        needs_context=True,
        before=40,
        after=0,
        stop=re.compile(r"\d{4}|[.;\n]\s"),
        # BIRTH_CONTEXT without its right-hand boundaries: a text where no window can
        # hold a birth word has none of these anywhere.
        hint=words(r"\bn[ée]", "naissance", "born", "birth", r"\bdob", r"d\.o\.b", r"\bb\.",
                   "anniversaire"),
    )
]

_FR_WAY = (
    r"rue|avenue|av\.|bd\.?|boulevard|place|pl\.|chemin|impasse|imp\.|all[ée]e|route|rte\.?|quai"
    r"|cours|square|passage|sentier|faubourg|fbg\.?|rond-point|esplanade|parvis|promenade"
    r"|cit[ée]|r[ée]sidence|lotissement|lieu-dit|hameau|carrefour|mont[ée]e|ruelle|traverse"
    r"|villa|clos|domaine|chauss[ée]e|voie|vc|zone|za|zac|zi"
)
# A word of a street name. Particles must end at a word boundary ("des Lilas" is not
# "de" + "s Lilas"); "l'" and "d'" lead straight into the next word ("de l'Église").
_NAME_WORD = (
    r"(?:(?:[ld]['’])?[A-ZÀ-Ý0-9][\w'’\-]*(?:\.[\w'’\-]+)*"
    r"|(?:des|de|du|la|le|les|aux|au|en|sur|sous|et|saint|sainte)(?![\w'’]))"
)
_CAP_WORD = r"(?:(?:[ld]['’])?[A-ZÀ-Ý0-9][\w'’\-]*(?:\.[\w'’\-]+)*)"
# One to six words, the last one not a particle ("4 rue Victor Hugo en vélo").
_STREET_NAME = r"(?:[ \t]+" + _NAME_WORD + r"){0,5}[ \t]+" + _CAP_WORD
_POSTCODE_CITY = (
    r"(?:,?[ \t]*\n?[ \t]*(?:(?:BP|CS|TSA)\s*\d+[^\n,]{0,20},?\s*)?"
    r"(?:F-)?\d{2}\s?\d{3}[ \t]+[A-ZÀ-Ý][\w'\-]*(?:[ \-](?:[A-ZÀ-Ýa-zà-ÿ][\w'\-]*)){0,4}"
    r"(?:\s+CEDEX(?:\s+\d{1,2})?)?)"
)
_EN_WAY = (
    r"Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Drive|Dr\.?|Close|Court|Ct\.?|Crescent"
    r"|Place|Pl\.?|Square|Sq\.?|Way|Gardens|Grove|Terrace|Hill|Park|Row|Mews|Walk|Boulevard"
    r"|Blvd\.?|Parkway|Highway|Circle|Trail|Green|Rise|View|Fields|Vale|Heights|Wharf"
    r"|Parade|Plaza|Ridge|Junction|Ports?|Points?|Views|Villages?|Wells|Meadows?|Brook|Springs?"
    r"|Station|Estates?|Lodge|Mill|Oval|Path|Pike|Pines|Bypass|Route|Loop|Manor|Valley"
)
_EN_UNIT = r"(?:(?:Flat|Studio|Apt\.?|Apartment|Suite|Unit)[ \t]+\w+,?[ \t]*\n?[ \t]*)?"
_EN_LINE = r"[A-Z][\w'\-]*\.?(?:[ \t]+(?:[A-Z][\w'\-]*\.?|of|on|upon|the|\d{1,5}))*"
_UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}"
_US_STATE_ZIP = r"[A-Z]{2}\s+\d{5}(?:-\d{4})?"
ADDRESS_RULES = [
    Rule(
        re.compile(
            r"(?<![\w])(?!(?:19|20)\d\d\b)(?P<id>\d{1,4}(?:\s?(?:bis|ter|quater|[A-D]))?,?\s+(?i:"
            + _FR_WAY
            + r")"
            + _STREET_NAME + _POSTCODE_CITY + r"?)"
        ),
        0.75,
    ),
    Rule(
        re.compile(
            r"(?<![\w])(?P<id>(?i:"
            + _FR_WAY
            + r")"
            + _STREET_NAME
            + _POSTCODE_CITY
            + r")"
        ),
        0.7,
    ),
    Rule(
        re.compile(
            r"(?<![\w])(?P<id>" + _EN_UNIT + r"(?!(?:19|20)\d\d\b)\d{1,5}[A-Za-z]?,?[ \t]+"
            r"(?:[A-Z][\w'\-]*[ \t]+){1,4}(?i:" + _EN_WAY + r")\b\.?"
            r"(?:(?:,?[ \t]*\n?[ \t]*[A-Z][\w'\-]*(?:[ \t][A-Z][\w'\-]*){0,3}){0,2}"
            r",?[ \t]*\n?[ \t]*(?:" + _UK_POSTCODE + "|" + _US_STATE_ZIP + r"))?)"
        ),
        0.7,
    ),
    Rule(
        re.compile(
            r"(?<![\w])(?P<id>"
            + _EN_UNIT
            + r"(?:\d{1,5}[A-Za-z]?,?[ \t]+)?"
            + _EN_LINE
            + r"(?:(?:,[ \t]*\n?|[ \t]*\n)[ \t]*"
            + _EN_LINE
            + r"){1,2},?[ \t]*\n?[ \t]*(?:"
            + _UK_POSTCODE
            + "|"
            + _US_STATE_ZIP
            + r"))(?![\w])"
        ),
        0.6,
    ),
]
