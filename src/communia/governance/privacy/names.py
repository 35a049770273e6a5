"""Person names: spaCy NER plus titles, form labels, signatures and name shapes."""

from __future__ import annotations

import re
from collections.abc import Iterable

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from .lexicon import CALENDAR_NAMES, FUNCTION_WORDS, NOT_NAMES, PARTICLES

_UP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zß-öø-ÿ"
_CAP = rf"[{_UP}][{_LOW}]+(?:['\-][{_UP}]?[{_LOW}]+)*"
_CAPS = rf"[{_UP}]{{2,}}(?:['\-][{_UP}]{{2,}})*"
_INITIAL = rf"[{_UP}]\.(?:-[{_UP}]\.)?"
_PARTICLE = r"(?:de|du|des|d'|van|von|der|den|le|la|di|da|dos|del|ben|bin|el|al|mac|ter)"
_WORD = rf"(?:{_CAP}|{_CAPS}|{_INITIAL})"
NAME = rf"{_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+|{_PARTICLE}(?='))?{_WORD}){{0,3}}"

TITLE_WORDS = (
    r"(?:M[ \t]?\.|MM[ \t]?\.|Mme\.?|Mmes|Mlle\.?|Madame|Monsieur|Mademoiselle|Docteur|Dr\.?|Pr\.?"
    r"|Professeur|Ma[îi]tre|Me|Mr\.?|Mrs\.?|Ms\.?|Miss|Sir|Lady|Dame|Capitaine|Lieutenant"
    r"|Commandant|Colonel|G[ée]n[ée]ral|Abb[ée]|P[èe]re|S[œo]eur|Captain|Officer|PC|Sgt\.?"
    r"|Cllr\.?|Councillor|Inspector|Det\.?)"
)
TITLE = re.compile(rf"(?<![\w]){TITLE_WORDS}[ \t]+(?P<id>{NAME})")
LABELLED = re.compile(
    r"(?<![\w])(?:Nom(?: et pr[ée]nom| de naissance| d'usage|, pr[ée]nom)?s?|Pr[ée]noms?"
    r"|Name|Full name|Surname|First name|Agent|Signataire|R[ée]dig[ée] par|R[ée]dacteur"
    r"|Contact|Candidat(?:e)?|Demandeu(?:r|se)|Requ[ée]rant(?:e)?|Applicant|Employee|Patient"
    r"|Locataire|Tenant|Propri[ée]taire|Owner|T[ée]moin|Witness|Victime|Victim|Sign[ée]"
    r"|Signed|Prepared by|Reported by|Signal[ée] par|Pr[ée]sent[ée] par|Interlocut(?:eur|rice)"
    r"|R[ée]f[ée]rent(?:e)?|Auteur|Author|Suivi par|Dossier suivi par|Affaire suivie par"
    r"|Destinataire|Exp[ée]diteur|Responsable|Conducteur|Driver|Agent verbalisateur"
    r"|Intervenant(?:e)?|Usager|Administr[ée](?:e)?|Habitant(?:e)?|Resident|Claimant"
    r"|Contact person|Personne à contacter|Référent)[ \t]*:[ \t]*(?P<id>" + NAME + r")"
)
GREETING = re.compile(
    r"(?<![\w])(?:Dear|Cher|Ch[èe]re|Bonjour|Hello|Hi)[ \t]+(?:(?:Mr|Mrs|Ms|Dr|Miss)\.?[ \t]+)?"
    r"(?P<id>" + NAME + r")"
)
SIGNATURE = re.compile(
    r"(?i:cordialement|bien [àa] vous|sinc[èe]res salutations|salutations distingu[ée]es"
    r"|respectueusement|yours sincerely|yours faithfully|kind regards|best regards|regards"
    r"|sincerely|best wishes|mes salutations|haute consid[ée]ration|l'expression de)[^\n]{0,80}\n"
    r"(?:[ \t]*\n){0,3}[ \t]*(?P<id>" + NAME + r")[ \t]*(?:\n|$|,)"
)
BY = re.compile(
    r"(?<![\w])(?i:approved|prepared|signed|reported|written|submitted|presented|chaired"
    r"|r[ée]dig[ée]e?|sign[ée]e?|valid[ée]e?|approuv[ée]e?|pr[ée]sent[ée]e?|transmis|suivi)"
    r"[ \t]+(?i:by|par)[ \t]+(?:" + TITLE_WORDS + r"[ \t]+)?(?P<id>" + NAME + r")"
)
APPOSITION = re.compile(
    r"(?<![\w])(?i:the|my|our|a|le|la|mon|ma|notre|un|une)[ \t]+(?i:driver|owner|complainant"
    r"|neighbour|neighbor|witness|tenant|applicant|resident|claimant|victim|conducteur"
    r"|conductrice|propri[ée]taire|contrevenant|contrevenante|voisin|voisine|t[ée]moin"
    r"|locataire|demandeur|demandeuse|requ[ée]rant|requ[ée]rante|plaignant|plaignante"
    r"|victime|usager|usag[èe]re|administr[ée]|administr[ée]e|agent|agente)[ \t]*,?[ \t]+"
    r"(?:" + TITLE_WORDS + r"[ \t]+)?(?P<id>" + NAME + r")"
)
FORM_LINE = re.compile(
    r"(?m)^[ \t]*[A-ZÀ-Ý][\w'’ .()-]{1,40}?[ \t]*:[ \t]*(?:" + TITLE_WORDS + r"[ \t]+)?"
    r"(?P<id>" + NAME + r")[ \t]*(?:[,(][^\n]*)?$"
)
LETTERHEAD = re.compile(
    r"(?m)^[ \t]*(?:" + TITLE_WORDS + r"[ \t]+)?(?P<id>" + NAME + r")[ \t]*\n"
    r"(?=[ \t]*(?:\d|(?:Flat|Studio|Apt|Unit)\b|[^\n]*@|(?i:rue|avenue|boulevard|chemin|all[ée]e"
    r"|impasse|place|route|quai)\b))"
)
ATTENDANCE = re.compile(
    r"(?<![\w])(?:Pr[ée]sent(?:e)?s?|Excus[ée](?:e)?s?|Absent(?:e)?s?|Present|Apologies|Attendees"
    r"|Attendance|Participants?|Copie(?:s)? [àa]|Cc|Membres?|Members?|Invit[ée](?:e)?s?)"
    r"[ \t]*:[ \t]*(?P<list>[^\n]+)"
)
SHAPE = re.compile(rf"(?<![\w])(?P<id>{_CAP}[ \t]+{_CAPS}|{_CAPS}[ \t]+{_CAP}(?:-{_CAP})?)(?![\w])")
_TITLE_PREFIX = re.compile(rf"{TITLE_WORDS}[ \t]+")

FORM_SCORE = 0.65
SHAPE_SCORE = 0.5
STRONG_SCORE = 0.75
FIRM = re.compile(rf"(?<![\w])(?:{_CAP}, )+{_CAP},? (?:and|et|&) {_CAP}(?![\w])(?!['’]s)")
PATTERN_SCORES: tuple[tuple[re.Pattern[str], float], ...] = (
    (TITLE, 0.85),
    (LABELLED, 0.85),
    (GREETING, 0.75),
    (SIGNATURE, 0.75),
    (APPOSITION, 0.75),
    (BY, 0.75),
    (FORM_LINE, FORM_SCORE),
    (LETTERHEAD, FORM_SCORE),
    (SHAPE, SHAPE_SCORE),
)
NER_SCORE = 0.7
WEAK_SCORES = frozenset({NER_SCORE, SHAPE_SCORE})
# Presidio renames spaCy labels (PER -> PERSON, ORG -> ORGANIZATION, GPE -> LOCATION).
SPACY_PERSON_LABELS = frozenset({"PER", "PERSON"})
SPACY_OTHER_LABELS = frozenset({"ORG", "ORGANIZATION", "LOC", "LOCATION", "GPE", "FAC"})
COMPANY_AFTER = re.compile(
    r"^[ \t]*(?:S\.?A\.?S\.?U?|S\.?A\.?R\.?L\.?|S\.?A\.?|E\.?U\.?R\.?L\.?|SCI|SNC|Ltd\.?|PLC"
    r"|plc|Inc\.?|LLC|LLP|GmbH|&|et (?:Fils|Cie)|and Sons|& Co|Group|Groupe|Associates)(?![\w])"
)
PLACE_OR_COMPANY_BEFORE = re.compile(
    r"(?i:\b(?:fait|n[ée]e?|r[ée]sidant|domicili[ée]e?|situ[ée]e?|demeurant|habite|vit|lives) [àa]"
    r"|\b(?:mairie|ville|commune|universit[ée]|communaut[ée] de communes|d[ée]partement|r[ée]gion"
    r"|pr[ée]fecture|conseil|commissariat|agglom[ée]ration|canton|lyc[ée]e|coll[èe]ge) d[e'u]"
    r"|\b(?:soci[ée]t[ée]|entreprise|cabinet|[ée]tablissements|ets|groupe|company|firm"
    r"|devis de|maire de|supplier:)"
    r"|\b(?:rue|avenue|boulevard|bd|chemin|impasse|place|all[ée]e|quai|route|cours|square"
    r"|street|road|lane|avenue) (?:de |du |des |de la |d')?"
    r"|\b(?:in|near|à|au|en) )[ \t:,(]*$"
)


def _tokens(value: str) -> list[str]:
    """Split a candidate name into its words, dropping particles."""
    return [w for w in re.split(r"[\s]+", value) if w and w.lower().strip("'") not in PARTICLES]


def plausible_name(value: str) -> bool:
    """Return True when ``value`` looks like a person's name rather than a word or place."""
    if any(c.isdigit() or c in "@/_#" for c in value) or len(value.strip(". ")) < 2:
        return False
    words = _tokens(value)
    if not words:
        return False
    first = words[0].strip(".").lower()
    if first in NOT_NAMES and not (len(words) > 1 and first in CALENDAR_NAMES):
        return False
    if all(w.strip(".").lower() in NOT_NAMES for w in words):
        return False
    if any(COMPANY_AFTER.match(w) for w in words[1:]):
        return False
    raw = value.split()
    if len(raw) > 1 and (
        raw[-1].lower() in PARTICLES or any(w.lower() in FUNCTION_WORDS for w in raw)
    ):
        return False  # "GREVES Les", "TOURMENTE Et": a heading, not a name
    if len(words) == 1 and words[0].isupper() and len(words[0]) <= 4:
        return False  # an acronym such as SEPA or CAF
    return all(w[:1].isupper() for w in words)


def _common_word(text: str, value: str) -> bool:
    """Return True for one capitalised word also written in lower case in the text ("Pape")."""
    if " " in value or "-" in value or len(value) < 3:
        return False
    return re.search(rf"(?<![\w]){re.escape(value.lower())}(?![\w])", text) is not None


def _in_context_of_place_or_company(text: str, start: int, end: int) -> bool:
    """Return True when a place or company word frames the span ("Fait à X", "X SAS")."""
    before = text[max(0, start - 40) : start]
    if PLACE_OR_COMPANY_BEFORE.search(before):
        return True
    if COMPANY_AFTER.match(text[end : end + 20]):
        return True
    return re.match(r"(?i)sainte?\b|st\.?\b|ste\b", text[start:end]) is not None


def trim_name(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip titles, leading lower-case words, trailing punctuation and line breaks."""
    while True:
        lead = re.match(r"[a-zß-öø-ÿ][\w']*[ \t]+", text[start:end])
        if not lead:
            break
        start += lead.end()
    prefix = _TITLE_PREFIX.match(text[start:end])
    if prefix:
        start += prefix.end()
    cut = re.search(r"[\n\r]|,|;|\(|\s-\s", text[start:end])
    if cut:
        end = start + cut.start()
    while end > start and text[end - 1] in " \t.'-:":
        end -= 1
    if end > start and text[end - 1] == "." and re.search(r"\b[A-Z]\.$", text[start:end]) is None:
        end -= 1
    return start, end


_LIST_NAME = re.compile(rf"(?:{TITLE_WORDS}[ \t]+)?(?P<id>{NAME})")


def _pattern_spans(text: str) -> Iterable[tuple[int, int, float]]:
    """Yield name spans found by the title, label, greeting, signature and shape rules."""
    for pattern, score in PATTERN_SCORES:
        for match in pattern.finditer(text):
            yield match.start("id"), match.end("id"), score
    for line in ATTENDANCE.finditer(text):
        offset = line.start("list")
        for match in _LIST_NAME.finditer(line.group("list")):
            yield offset + match.start("id"), offset + match.end("id"), 0.75


def _ner_spans(nlp_artifacts: NlpArtifacts | None) -> Iterable[tuple[int, int, float]]:
    """Yield spans spaCy labels as persons."""
    if nlp_artifacts is None:
        return
    for ent in nlp_artifacts.entities:
        if ent.label_ in SPACY_PERSON_LABELS:
            yield ent.start_char, ent.end_char, NER_SCORE


def _other_entities(nlp_artifacts: NlpArtifacts | None) -> list[tuple[int, int]]:
    """Return spans spaCy labels as organisations or places."""
    if nlp_artifacts is None:
        return []
    return [
        (e.start_char, e.end_char) for e in nlp_artifacts.entities if e.label_ in SPACY_OTHER_LABELS
    ]


def _inside(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    """Return True when ``span`` lies within one of ``others``."""
    return any(s <= span[0] and span[1] <= e for s, e in others)


def _rejected(
    text: str, span: tuple[int, int], score: float, weak_zones: list[tuple[int, int]]
) -> bool:
    """Return True when a candidate name is not plausible given its evidence.

    Weak evidence (spaCy alone, or a name shape) must not sit inside an organisation
    or place entity, nor in a firm name such as "Smith, Jones and Brown"; anything
    short of a title, label or list must not follow a place or company word.
    """
    value = text[span[0] : span[1]]
    if not plausible_name(value):
        return True
    if score in WEAK_SCORES and _inside(span, weak_zones):
        return True
    if score < STRONG_SCORE and _in_context_of_place_or_company(text, *span):
        return True
    return score == NER_SCORE and _common_word(text, value)


def find_names(text: str, nlp_artifacts: NlpArtifacts | None) -> list[tuple[int, int, float]]:
    """Return (start, end, score) spans of person names, including repeated surnames."""
    weak_zones = _other_entities(nlp_artifacts) + [m.span() for m in FIRM.finditer(text)]
    found: dict[tuple[int, int], float] = {}
    for start, end, score in [*_pattern_spans(text), *_ner_spans(nlp_artifacts)]:
        start, end = trim_name(text, start, end)
        if end <= start or _rejected(text, (start, end), score, weak_zones):
            continue
        found[(start, end)] = max(score, found.get((start, end), 0.0))
    found.update(_repeats(text, found))
    return [(s, e, score) for (s, e), score in found.items()]


def _repeats(text: str, found: dict[tuple[int, int], float]) -> dict[tuple[int, int], float]:
    """Find further mentions of the surnames of names already found (e.g. 'DUPONT')."""
    surnames: set[str] = set()
    for (start, end), score in found.items():
        words = _tokens(text[start:end])
        if score >= 0.7 and len(words) >= 2:
            surnames.update(w for w in words if len(w) >= 3 and w.lower() not in NOT_NAMES)
    if not surnames:
        return {}
    alternatives = "|".join(re.escape(s) for s in sorted(surnames, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])", re.IGNORECASE)
    extra: dict[tuple[int, int], float] = {}
    for match in pattern.finditer(text):
        if match.group(0)[:1].isupper() and not _covered(match.span(), found):
            extra[match.span()] = 0.6
    return extra


def _covered(span: tuple[int, int], found: dict[tuple[int, int], float]) -> bool:
    """Return True when ``span`` overlaps a span already found."""
    return any(s < span[1] and span[0] < e for s, e in found)


class NameRecognizer(LocalRecognizer):
    """Presidio recognizer for PERSON combining spaCy NER with name rules."""

    def __init__(self, language: str) -> None:
        super().__init__(
            supported_entities=["PERSON"],
            name=f"communia_person_{language}",
            supported_language=language,
        )

    def load(self) -> None:
        """Nothing to load: spaCy runs in the NLP engine."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return PERSON results for ``text``."""
        if entities and "PERSON" not in entities:
            return []
        return [
            RecognizerResult("PERSON", s, e, score)
            for s, e, score in find_names(text, nlp_artifacts)
        ]
