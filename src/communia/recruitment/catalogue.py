"""Known criteria for youth-work (animation) posts and the proposal of a profile from an ad.

Each known criterion lists its synonyms and equivalents (BAFA, BPJEPS, CPJEPS...),
the mentions that only partly meet it ("BAFA en cours"), and for experience the
words that make a line relevant. The proposal is a starting point: a human edits
the criteria, their requirement and weight, then freezes them. Rules only, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from communia.recruitment.messages import ad_flag
from communia.recruitment.model import Criterion, JobProfile, fold, slug
from communia.recruitment.protected import findings_for

__all__ = ["KNOWN", "propose_profile"]


@dataclass(frozen=True)
class Known:
    """A criterion the catalogue recognises in an ad, in French and English."""

    criterion: Criterion
    label_en: str
    triggers: tuple[str, ...]


_QUALIFICATION = Criterion(
    id="qualification", label="Diplôme de l'animation : BAFA ou équivalent",
    requirement="required", weight=3.0,
    evidence="BAFA, or a diploma accepted as equivalent for youth work (BPJEPS, CPJEPS, "
             "BAPAAT, DEJEPS, CAP AEPE, DUT carrières sociales, moniteur-éducateur...)",
    terms=("bafa", "bafd", "bpjeps", "cpjeps", "bapaat", "dejeps", "desjeps", "beatep",
           "brevet d'aptitude aux fonctions d'animateur", "brevet d'aptitude aux fonctions de "
           "directeur", "brevet professionnel de la jeunesse", "certificat professionnel de la "
           "jeunesse", "cap aepe", "cap accompagnant educatif petite enfance", "cap petite "
           "enfance", "dut carrieres sociales", "but carrieres sociales", "moniteur educateur",
           "educateur specialise", "educateur de jeunes enfants", "licence staps",
           "deust animation", "playwork qualification", "diploma in playwork",
           "level 3 playwork", "youth work qualification", "certificate in youth work",
           "diploma in youth work",
           # Further titles of the arrêté of 9 February 2007 (functions of animation in
           # collective care of minors), feminine forms, and a foreign equivalent.
           "{educatrice|educateur} {specialisee|specialise|de jeunes enfants}",
           "{monitrice|moniteur} {educatrice|educateur}", "eje",
           "{professeur|professeure} des ecoles", "{instituteur|institutrice}",
           "bees", "brevet d'etat d'educateur sportif", "cqp animateur periscolaire",
           "licence professionnelle * animation", "auxiliaire de puericulture",
           "{erzieher|erzieherin}"),
    partial_terms=("bafa * en cours", "bafa * stagiaire", "stagiaire bafa",
                   "formation generale * bafa", "bafa * formation generale", "bafa * partiel",
                   "bpjeps * en cours", "cpjeps * en cours", "en cours * bafa",
                   "bafa * in progress", "working towards * bafa", "preparing * bafa",
                   "playwork * in progress", "currently studying * playwork",
                   "bafa * theorique", "stage pratique * bafa"),
    situation="Un enfant refuse de participer à l'activité prévue et perturbe le groupe : "
              "que faites-vous ?",
)
_FIRST_AID = Criterion(
    id="first_aid", label="Premiers secours : PSC1 ou équivalent", requirement="required",
    weight=2.0, evidence="PSC1, or an equivalent first-aid certificate (SST, PSE1, PSE2, AFPS)",
    terms=("psc1", "prevention et secours civiques", "sst", "sauveteur secouriste",
           "afps", "pse1", "pse2", "premiers secours", "first aid", "secourisme",
           "attestation de formation aux premiers secours", "bnssa"),
    partial_terms=("psc1 * en cours", "premiers secours * en cours", "first aid * expired",
                   "first aid * in progress", "sst * en cours", "psc1 * a recycler",
                   "psc1 * expire"),
    situation="Pendant une sortie, un enfant chute et se blesse au genou : décrivez vos "
              "gestes dans l'ordre.",
)
_LICENCE = Criterion(
    id="driving_licence", label="Permis B", requirement="desirable", weight=1.0,
    evidence="a valid category B driving licence",
    terms=("permis b", "permis de conduire", "permis voiture", "driving licence",
           "driving license", "driver's licence", "driver's license", "full clean licence",
           "full uk licence", "category b licence", "licence b"),
    partial_terms=("permis * en cours", "code de la route", "conduite accompagnee",
                   "provisional licence", "provisional driving", "learning to drive",
                   "driving lessons", "permis b * en preparation"),
)
_EXPERIENCE = Criterion(
    id="experience_children", label="Expérience auprès d'enfants de 6 à 12 ans",
    requirement="required", weight=3.0, min_years=2.0,
    evidence="periods working with 6–12-year-olds (accueil de loisirs, périscolaire, "
             "séjours), computed from the dates given",
    terms=(),
    context=("6-12", "6 a 12", "6 et 12", "6-11", "6 a 11", "7-12", "5-12", "3-12", "4-12",
             "enfants", "enfance", "accueil de loisirs", "accueils de loisirs",
             "centre de loisirs", "alsh", "periscolaire", "peri-scolaire", "centre aere",
             "colonie", "colonies", "sejour de vacances", "sejours de vacances",
             "ecole elementaire", "ecole primaire", "pause meridienne", "cantine",
             "children", "kids", "after-school", "after school", "holiday club",
             "summer camp", "play scheme", "playscheme", "primary school", "out of school",
             "breakfast club", "holiday camp", "playworker", "play worker", "cm1", "cm2",
             "ce1", "ce2", "cp"),
    exclude=("adolescents", "ados", "creche", "petite enfance", "11-17", "12-17", "13-17",
             "teenagers", "teens", "0-3", "nursery", "college", "lycee", "ehpad",
             "secondary school", "seniors"),
    situation="Deux enfants de 8 ans se disputent violemment pendant le temps de cantine : "
              "comment intervenez-vous ?",
)
_PROJECT = Criterion(
    id="activity_project", label="Conception et animation d'activités (projet pédagogique)",
    requirement="required", weight=2.0,
    evidence="designing, preparing and leading activities or an activity project",
    terms=("projet d'animation", "projet pedagogique", "projet educatif",
           "projets d'activites", "concevoir des activites", "conception d'activites",
           "concu des activites", "concu et anime", "programme d'activites",
           "planning d'activites", "planning des activites", "mise en place d'activites",
           "mis en place des activites", "organiser des activites", "organise des activites",
           "preparation d'activites", "preparer des activites", "animer des activites",
           "anime des activites", "animation d'activites", "animation d'ateliers",
           "anime des ateliers", "animer des ateliers", "grands jeux", "grand jeu",
           "activity plan", "activity programme", "activity program", "planned activities",
           "designed activities", "planned and led", "ran workshops", "led workshops",
           "organised activities", "organized activities", "activity planning",
           "led activities", "ran activities", "planning and leading",
           # Skills stated in sentences: a design or leading verb, in any usual form,
           # then (up to three words later) what was designed or led.
           "{concu|concue|concois|concoit|concevoir|conception|anime|animee|animais|"
           "animait|animer|animation|animations|organise|organisee|organisais|organiser|"
           "organisation|mis en place|mise en place|mettre en place|mets en place|prepare|"
           "preparais|preparer|preparation|propose|proposais|proposer|mene|menais|mener|"
           "imagine|imaginais|imaginer|encadre|encadrais|encadrer} * {activite|activites|"
           "atelier|ateliers|jeu|jeux|sortie|sorties|seance|seances|veillee|veillees|"
           "tournoi|tournois|spectacle|spectacles|sejour|sejours}",
           "{planned|plan|planning|designed|design|designing|led|lead|leading|ran|run|"
           "running|organised|organized|organising|organizing|delivered|delivering|"
           "facilitated|facilitating|devised|created|coordinated} * {activity|activities|"
           "workshop|workshops|game|games|session|sessions|programme|programmes|craft|"
           "crafts|sports day|club|clubs|outing|outings|trip|trips|hikes|themed weeks}"),
    situation="Proposez en cinq minutes une activité pour 12 enfants de 7 à 9 ans, un "
              "mercredi de pluie.",
)
_FAMILIES = Criterion(
    id="families", label="Relation avec les familles", requirement="desirable", weight=1.0,
    evidence="welcoming and informing parents and families",
    terms=("familles", "parent", "families", "carers", "accueil des familles",
           "relation avec les familles"),
    situation="Un parent conteste vivement une règle de l'accueil au moment du départ : "
              "comment répondez-vous ?",
)
_SAFETY = Criterion(
    id="safety_rules", label="Réglementation des accueils collectifs de mineurs et sécurité",
    requirement="desirable", weight=1.0,
    evidence="knowledge of the rules for collective care of minors and of safety",
    terms=("reglementation des acm", "accueil collectif de mineurs", "acm",
           "securite des mineurs", "securite des enfants", "regles de securite",
           "consignes de securite", "taux d'encadrement", "protocole sanitaire",
           "safeguarding", "child protection", "health and safety", "risk assessment",
           "risk assessments", "sdjes", "jeunesse et sports", "reglementation des accueils"),
)

KNOWN: tuple[Known, ...] = (
    Known(_QUALIFICATION, "Youth-work qualification: BAFA or equivalent",
          ("bafa", "bpjeps", "cpjeps", "diplome de l'animation", "playwork", "youth work")),
    Known(_FIRST_AID, "First aid: PSC1 or equivalent",
          ("psc1", "premiers secours", "first aid", "secourisme", "sst")),
    Known(_LICENCE, "Category B driving licence",
          ("permis b", "permis de conduire", "driving licence", "driving license")),
    Known(_EXPERIENCE, "Experience with children aged 6 to 12",
          ("experience aupres d'enfants", "experience with children", "6 a 12 ans",
           "6-12 ans", "experience en accueil", "aged 6")),
    Known(_PROJECT, "Designing and leading activities (activity project)",
          ("projet pedagogique", "projet d'animation", "activites", "activities")),
    Known(_FAMILIES, "Relations with families", ("familles", "parents", "families")),
    Known(_SAFETY, "Rules for collective care of minors and safety",
          ("reglementation", "securite", "safeguarding", "safety")),
)
_REQUIRED = re.compile(r"\b(?:exige|obligatoire|requis|indispensable|imperati|necessaire|"
                       r"required|essential|must|mandatory)")
_DESIRABLE = re.compile(r"\b(?:souhaite|apprecie|un plus|un atout|serait|desirable|"
                        r"preferred|a plus|an asset|ideally|nice to have|bienvenu)")
_YEARS = re.compile(r"\b(\d{1,2}|un|une|deux|trois|one|two|three)\s*(?:ans?|annees?|years?)\s+"
                    r"(?:d'experience|minimum|of experience|experience)")
_NUMBERS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "one": 1, "two": 2, "three": 3}


def propose_profile(ad_text: str, lang: str | None = None) -> JobProfile:
    """Propose criteria from a job ad or fiche de poste; a human edits and freezes them."""
    folded = fold(ad_text)
    language = lang or _language(folded)
    lines = [ln.strip(" \t-•*·") for ln in ad_text.splitlines() if ln.strip()]
    criteria = [_adapt(k, lines, language) for k in KNOWN if _mentions(folded, k.triggers)]
    if not criteria and ad_text.strip():
        criteria = [_adapt(k, lines, language) for k in KNOWN]
    # Stored in the ad's language; the web reads them back in the reader's (``read_ad_flag``).
    flags = [ad_flag(f.kind, f.words, f.ground, language) for f in findings_for(ad_text)]
    title = _title(lines, language)
    return JobProfile(title=title, criteria=tuple(criteria), lang=language,
                      missions=tuple(_missions(lines)), flags=tuple(flags))


def _language(folded: str) -> str:
    english = sum(folded.count(w) for w in (" the ", " and ", " with ", " you "))
    french = sum(folded.count(w) for w in (" les ", " des ", " et ", " vous "))
    return "en" if english > french else "fr"


def _mentions(folded: str, triggers: tuple[str, ...]) -> bool:
    return any(t in folded for t in triggers)


def _adapt(known: Known, lines: list[str], lang: str) -> Criterion:
    """The catalogue criterion with the ad's own requirement and years, and its label."""
    criterion = known.criterion
    line = next((fold(ln) for ln in lines if _mentions(fold(ln), known.triggers)), "")
    requirement = criterion.requirement
    if _DESIRABLE.search(line):
        requirement = "desirable"
    elif _REQUIRED.search(line):
        requirement = "required"
    weight = criterion.weight if requirement == criterion.requirement else (
        2.0 if requirement == "required" else 1.0)
    years = criterion.min_years
    match = _YEARS.search(line)
    if years is not None and match:
        raw = match.group(1)
        years = float(_NUMBERS.get(raw, raw))
    label = known.label_en if lang == "en" else criterion.label
    return replace(criterion, label=label, requirement=requirement, weight=weight,
                   min_years=years, id=criterion.id or slug(label))


def _title(lines: list[str], lang: str) -> str:
    for line in lines[:6]:
        if re.search(r"animat|facilitat|youth|play", fold(line)):
            return line[:120]
    return lines[0][:120] if lines else ("Youth worker" if lang == "en" else "Animateur")


def _missions(lines: list[str]) -> list[str]:
    keep = [ln for ln in lines if re.match(r"(?i)(concevoir|animer|accueillir|assurer|"
                                           r"encadrer|plan|lead|design|welcome|ensure)", ln)]
    return keep[:8]
