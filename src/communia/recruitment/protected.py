"""Protected grounds of Code du travail L1132-1 and their proxies (rules only, no I/O).

A criterion that names a protected ground is refused with the reason; one that names
a proxy (graduation year, "young", nationality, photo...) is flagged for the human to
reconsider. Matching runs on folded text (lower case, no accents).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from communia.errors import Refused
from communia.recruitment.model import Criterion, JobProfile, fold

__all__ = ["LAW", "REFUSED_CRITERION", "Finding", "ProtectedCriterion", "check_criterion",
           "check_profile", "findings_for"]

LAW = "Code du travail, art. L1132-1; Code général de la fonction publique, art. L131-1"
_KIDS = r"(?<!enfants )(?<!enfant )(?<!jeunes )(?<!public )(?<!mineurs )(?<!children )(?<!kids )"

# (ground id, English reason, French reason, patterns)
GROUNDS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("origin", "origin, ethnicity, nation or alleged race", "l'origine, l'ethnie, la nation "
     "ou une prétendue race", (r"\borigine?s?\b(?! des fonds)", r"\bethni", r"\braces?\b",
                               r"\bcouleur de peau\b", r"\bskin colou?r\b", r"\bde souche\b")),
    ("sex", "sex or gender identity", "le sexe ou l'identité de genre",
     (r"\bsexe\b", r"\bgender\b", r"\bidentite de genre\b",
      r"\b(?:hommes?|femmes?|male|female|men|women|man|woman) (?:uniquement|seulement|"
      r"exclusivement|only)\b", r"\b(?:uniquement|seulement|only) (?:des |une |un )?"
      r"(?:hommes?|femmes?|males?|females?|men|women)\b")),
    ("sexual_orientation", "sexual orientation or morals", "l'orientation sexuelle ou les mœurs",
     (r"\borientation sexuelle\b", r"\bsexual orientation\b", r"\bmoeurs\b")),
    ("age", "age", "l'âge",
     (r"\bage (?:maximum|minimum|max|min|limite|requis)\b", r"\blimite d'age\b",
      r"\bage limit\b", r"\byears old\b", r"\baged? (?:between|under|over|de)\b",
      r"\bnee? (?:apres|avant|entre)\b", r"\bborn (?:after|before|between)\b",
      r"\bdate de naissance\b", r"\bdate of birth\b",
      _KIDS + r"\b(?:moins|plus) de (?:[2-9]\d) ans\b(?! d)", r"\bbelow (?:[2-9]\d)\b",
      _KIDS + r"\b(?:under|over) (?:[2-9]\d)\b(?! years? of)",
      r"\b(?:inferieure?|superieure?|maximum|minimum) (?:a |de )?(?:[1-9]\d) ans\b(?! d)",
      r"\bage (?:inferieur|superieur|de moins|de plus|entre|below|under|over|between)\b")),
    ("family", "family situation", "la situation de famille",
     (r"\bsituation (?:de famille|familiale|matrimoniale)\b", r"\bcelibataires?\b",
      r"\b(?:marie|mariee|pacse|pacsee|divorce|divorcee)s?\b", r"\bsans enfants?\b",
      r"\bmarital\b", r"\b(?:un)?married\b", r"\bchildless\b", r"\bfamily (?:status|situation)\b",
      r"\bno children of\b")),
    ("pregnancy", "pregnancy", "la grossesse",
     (r"\bgrossesse\b", r"\benceinte\b", r"\bpregnan", r"\bprojet d'enfant\b")),
    ("appearance", "physical appearance", "l'apparence physique",
     (r"\bapparence\b", r"\bappearance\b", r"\bphysique (?:agreable|avenant)\b",
      r"\b(?:belle|bonne) presentation\b", r"\bgood[- ]looking\b",
      r"\bcorpulence\b", r"\bpoids\b")),
    ("surname", "surname", "le nom de famille",
     (r"\bnom de famille\b", r"\bpatronyme\b", r"\bsurname\b", r"\bfamily name\b",
      r"\blast name\b")),
    ("residence", "place of residence or bank domiciliation", "le lieu de résidence ou la "
     "domiciliation bancaire", (r"\blieu de residence\b", r"\bresid(?:er|ant|ent) (?:a|dans|"
                                r"sur|in|of)\b", r"\bhabiter (?:a|dans|sur)\b",
                                r"\bdomicilie", r"\bcode postal\b", r"\bplace of residence\b",
                                r"\blives? in\b",
                                r"\bdomiciliation bancaire\b")),
    ("health", "state of health or loss of autonomy", "l'état de santé ou la perte d'autonomie",
     (r"\betat de sante\b", r"\b(?:bonne|parfaite) sante\b", r"\bgood health\b",
      r"\bhealth (?:condition|status)\b", r"\bmaladies? (?:chroniques?|graves?)\b",
      r"\bchronic illness\b",
      r"\bmedical history\b", r"\bantecedents medicaux\b", r"\bgenetique", r"\bgenetic\b")),
    ("disability", "disability", "le handicap",
     (r"\bhandicap", r"\bdisabilit", r"\bdisabled\b", r"\bable-bodied\b", r"\bpersonne valide\b")),
    ("political", "political opinions or elective office", "les opinions politiques ou un "
     "mandat électif", (r"\bopinions? politiques?\b",
                        r"\bpolitical (?:opinion|view|affiliation|part)", r"\bparti politique\b",
                        r"\bmandat electif\b", r"\belected office\b")),
    ("union", "trade-union or mutualist activity", "l'activité syndicale ou mutualiste",
     (r"\bsyndi(?:ca|qu)", r"\btrade union\b", r"\bunion (?:member|activit)", r"\bmutualiste\b")),
    ("religion", "religious beliefs", "les convictions religieuses",
     (r"(?<!neutralite )\breligi", r"\bconfession\b", r"\bcroyances?\b", r"\bcatholi",
      r"\bmusulman",
      r"\bjuif\b|\bjuive\b", r"\bchretien", r"\bmuslim\b", r"\bjewish\b", r"\bchristian\b",
      r"\bpratiquant")),
    ("economic_vulnerability", "economic vulnerability", "la vulnérabilité économique",
     (r"\bsituation economique\b", r"\bvulnerabilite economique\b", r"\bchomeurs? de longue\b")),
)

# (proxy id, English explanation, French explanation, patterns)
PROXIES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("graduation_year", "a graduation year stands in for age", "une année de diplôme "
     "renvoie à l'âge", (r"\bannee d'obtention\b", r"\bgraduation year\b",
                         r"\b(?:diplome|obtenu|graduated?) (?:apres|depuis|after|since) "
                         r"(?:19|20)\d\d\b", r"\bclass of (?:19|20)\d\d\b",
                         r"\bpromotion (?:19|20)\d\d\b")),
    ("young", "\"young\" or \"recent graduate\" stands in for age", "« jeune » ou « jeune "
     "diplômé » renvoie à l'âge", (r"\bjeunes? (?:et|diplomes?|candidate?s?|profils?|"
                                   r"animat\w*|personnes?|recrues?)\b", r"^jeunes?\b(?! (?:"
                                   r"public|enfants?|de))", r"\byoung\b(?! (?:people|children|"
                                   r"person|learners|audience))", r"\brecent graduate",
                                   r"\bdigital native", r"\bjunior\b", r"\bsenior\b")),
    ("nationality", "nationality stands in for origin", "la nationalité renvoie à l'origine",
     (r"\bnationalit", r"\bcitizenship\b", r"\bcitoyennete\b")),
    ("photo", "a photo shows appearance, sex and age", "une photo montre l'apparence, le "
     "sexe et l'âge", (r"\bphotos? (?:d'identite|du candidat|jointe|obligatoire|requise)\b",
                       r"\bcv avec photo\b", r"\bphoto (?:attached|required)\b",
                       r"\bwith (?:a )?(?:photo|picture)\b")),
    ("mother_tongue", "\"native speaker\" stands in for origin", "« langue maternelle » "
     "renvoie à l'origine", (r"\blangue maternelle\b", r"\bnative speaker\b",
                             r"\bmother tongue\b")),
)

# A criterion (what HR scores against) naming one of these at all selects on a ground;
# an ad may name them innocently (``enfants d'âge scolaire``), so only criteria are held
# to these.
CRITERION_GROUNDS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("age", "age", "l'âge", (r"(?<!d')(?<!enfants )\bages?\b(?! (?:scolaire|de [0-9]))",
                             r"\bnaissance\b", r"\bbirth\b")),
    ("sex", "sex or gender identity", "le sexe ou l'identité de genre",
     (r"\b(?:homme|femme|masculin|feminin|male|female)s?\b",)),
    ("family", "family situation", "la situation de famille",
     (r"\benfants? a charge\b", r"\bdependent children\b")),
    ("religion", "religious beliefs", "les convictions religieuses", (r"\bfoi\b", r"\bfaith\b")),
)

_CRITERION_GROUNDS = tuple((g, en, fr, tuple(re.compile(p) for p in ps))
                           for g, en, fr, ps in CRITERION_GROUNDS)
_GROUNDS = tuple((g, en, fr, tuple(re.compile(p) for p in ps)) for g, en, fr, ps in GROUNDS)
_PROXIES = tuple((g, en, fr, tuple(re.compile(p) for p in ps)) for g, en, fr, ps in PROXIES)


@dataclass(frozen=True)
class Finding:
    """A protected ground (refused) or a proxy (flagged) found in a criterion."""

    kind: str  # refused | proxy
    ground: str
    words: str
    reason_en: str
    reason_fr: str
    ground_en: str = ""
    ground_fr: str = ""

    def reason(self, lang: str = "en") -> str:
        """The reason in French or English."""
        return self.reason_fr if lang == "fr" else self.reason_en


REFUSED_CRITERION = ("Criterion '{label}' is refused: “{words}” selects on {ground}, a "
                     "ground of discrimination forbidden by {law}. Remove it or reword it as "
                     "a skill the post objectively needs.")


class ProtectedCriterion(Refused):
    """A criterion names a ground of discrimination forbidden by L1132-1."""

    def __init__(self, criterion: Criterion, finding: Finding) -> None:
        super().__init__(REFUSED_CRITERION.format(label=criterion.label, words=finding.words,
                                                  ground=finding.ground_en, law=LAW))
        self.criterion = criterion
        self.finding = finding


def findings_for(text: str, strict: bool = False) -> list[Finding]:
    """Protected grounds and proxies named in ``text``, refused ones first.

    ``strict``: the text is a criterion, where naming a ground at all (``âge``) refuses it.
    """
    folded = " ".join(fold(text).replace("’", "'").split())
    found: list[Finding] = []
    tables = ((_CRITERION_GROUNDS, "refused"),) if strict else ()
    for table, kind in (*tables, (_GROUNDS, "refused"), (_PROXIES, "proxy")):
        for ground, en, fr, patterns in table:
            if any(f.ground == ground for f in found):
                continue
            for pattern in patterns:
                match = pattern.search(folded)
                if match:
                    found.append(_finding(kind, ground, _whole_words(folded, match), en, fr))
                    break
    return found


def _whole_words(folded: str, match: re.Match[str]) -> str:
    """The matched words, completed to the end of the last one (``nationalite``)."""
    end = match.end()
    while end < len(folded) and (folded[end].isalnum() or folded[end] in "-_"):
        end += 1
    return folded[match.start():end].strip()


def _finding(kind: str, ground: str, words: str, en: str, fr: str) -> Finding:
    if kind == "refused":
        return Finding(kind, ground, words, f"{en} ({LAW})",
                       f"{fr}, motif de discrimination interdit ({LAW})", en, fr)
    return Finding(kind, ground, words, f"possible proxy: {en}",
                   f"critère indirect possible : {fr}")


def check_criterion(criterion: Criterion) -> list[Finding]:
    """Raise ``ProtectedCriterion`` on a protected ground; return the proxy flags."""
    found: list[Finding] = []
    # Each part on its own: a term such as "jeune" is read as the start of a text.
    for part in (criterion.label, criterion.evidence, *criterion.terms,
                 *criterion.partial_terms):
        found.extend(f for f in findings_for(part, strict=True)
                     if all(f.ground != seen.ground for seen in found))
    found.sort(key=lambda f: f.kind != "refused")
    for finding in found:
        if finding.kind == "refused":
            raise ProtectedCriterion(criterion, finding)
    return found


def check_profile(profile: JobProfile) -> list[tuple[str, Finding]]:
    """Check every criterion; raise on the first protected one, return (id, proxy) flags."""
    flags: list[tuple[str, Finding]] = []
    for criterion in profile.criteria:
        flags.extend((criterion.id, f) for f in check_criterion(criterion))
    return flags
