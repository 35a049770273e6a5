"""Person names: spaCy NER plus titles, form labels, signatures and name shapes."""

from __future__ import annotations

import re
from collections.abc import Iterable

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from .lexicon import NOT_NAMES, PARTICLES

_UP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zß-öø-ÿ"
_CAP = rf"[{_UP}][{_LOW}]+(?:['\-][{_UP}]?[{_LOW}]+)*"
_CAPS = rf"[{_UP}]{{2,}}(?:['\-][{_UP}]{{2,}})*"
_INITIAL = rf"[{_UP}]\.(?:-[{_UP}]\.)?"
_PARTICLE = r"(?:de|du|des|d'|van|von|der|den|le|la|di|da|dos|del|ben|bin|el|al|mac|ter)"
NAME = rf"(?:{_CAP}|{_CAPS}|{_INITIAL})(?:[ \t]+(?:{_PARTICLE}[ \t]+|{_PARTICLE}(?='))?(?:{_CAP}|{_CAPS}|{_INITIAL})){{0,3}}"

TITLE_WORDS = (
    r"(?:M\.|MM\.|Mme\.?|Mmes|Mlle\.?|Madame|Monsieur|Mademoiselle|Docteur|Dr\.?|Pr\.?"
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
SHAPE = re.compile(
    rf"(?<![\w])(?P<id>{_CAP}[ \t]+{_CAPS}|{_CAPS}[ \t]+{_CAP}(?:-{_CAP})?)(?![\w])"
)
_TITLE_PREFIX = re.compile(rf"{TITLE_WORDS}[ \t]+")

PATTERN_SCORES: tuple[tuple[re.Pattern[str], float], ...] = (
    (TITLE, 0.85),
    (LABELLED, 0.85),
    (GREETING, 0.7),
    (SIGNATURE, 0.7),
    (SHAPE, 0.5),
)
NER_SCORE = 0.7
# Presidio renames spaCy labels (PER -> PERSON, ORG -> ORGANIZATION, GPE -> LOCATION).
SPACY_PERSON_LABELS = frozenset({"PER", "PERSON"})
SPACY_OTHER_LABELS = frozenset({
    "ORG", "ORGANIZATION", "LOC", "LOCATION", "GPE", "FAC", "NORP", "NRP", "MISC", "EVENT",
    "PRODUCT", "WORK_OF_ART", "LAW",
})


def _tokens(value: str) -> list[str]:
    """Split a candidate name into its words, dropping particles."""
    return [w for w in re.split(r"[\s]+", value) if w and w.lower().strip("'") not in PARTICLES]


def plausible_name(value: str) -> bool:
    """Return True when ``value`` looks like a person's name rather than a word or place."""
    if any(c.isdigit() or c in "@/_#" for c in value) or len(value.strip(". ")) < 2:
        return False
    words = _tokens(value)
    if not words or all(w.strip(".").lower() in NOT_NAMES for w in words):
        return False
    if words[0].strip(".").lower() in NOT_NAMES and len(words) > 1:
        return False
    return any(w[:1].isupper() for w in words)


def trim_name(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip titles, trailing punctuation and line breaks from a name span."""
    value = text[start:end]
    prefix = _TITLE_PREFIX.match(value)
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


def _pattern_spans(text: str) -> Iterable[tuple[int, int, float]]:
    """Yield name spans found by the title, label, greeting, signature and shape rules."""
    for pattern, score in PATTERN_SCORES:
        for match in pattern.finditer(text):
            yield match.start("id"), match.end("id"), score


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


def find_names(text: str, nlp_artifacts: NlpArtifacts | None) -> list[tuple[int, int, float]]:
    """Return (start, end, score) spans of person names, including repeated surnames."""
    others = _other_entities(nlp_artifacts)
    found: dict[tuple[int, int], float] = {}
    for start, end, score in [*_pattern_spans(text), *_ner_spans(nlp_artifacts)]:
        start, end = trim_name(text, start, end)
        if end <= start or not plausible_name(text[start:end]):
            continue
        if score <= 0.5 and _inside((start, end), others):
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


class NameRecognizer(LocalRecognizer):  # type: ignore[misc]
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
            RecognizerResult("PERSON", s, e, score) for s, e, score in find_names(text, nlp_artifacts)
        ]
