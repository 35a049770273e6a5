"""The interview grid: the same questions for every candidate, with behavioural anchors.

Built from the frozen criteria only (rules, no I/O): per criterion one behavioural
question and a 1–4 scale, situational questions for the post, the questions an
interviewer must never ask, and per candidate the points to clarify.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from communia.recruitment.model import CriterionResult, JobProfile

__all__ = ["FORBIDDEN", "GridItem", "InterviewGrid", "build_grid", "points_to_clarify"]

QUESTION = {
    "fr": "Décrivez une situation précise où vous avez mis en œuvre : {label}. Quel était le "
          "contexte, qu'avez-vous fait, et quel en a été le résultat ?",
    "en": "Describe a specific situation where you applied: {label}. What was the context, "
          "what did you do, and what was the outcome?",
}
ANCHORS = {
    "fr": ("Ne donne aucun exemple concret en lien avec le critère.",
           "Donne un exemple général, sans préciser son rôle ni le résultat.",
           "Décrit un exemple précis : contexte, actions personnelles, résultat.",
           "Donne plusieurs exemples précis, explique ses choix et ce qu'il ou elle "
           "ajusterait."),
    "en": ("Gives no concrete example related to the criterion.",
           "Gives a general example without their own role or the outcome.",
           "Describes a specific example: context, own actions, outcome.",
           "Gives several specific examples, explains their choices and what they would "
           "adjust."),
}
GENERIC_SITUATIONS = {
    "fr": ("Un enfant vous confie quelque chose d'inquiétant sur sa situation à la maison : "
           "que faites-vous, et avec qui ?",
           "Votre collègue n'applique pas une consigne de sécurité pendant une sortie : "
           "comment réagissez-vous ?"),
    "en": ("A child tells you something worrying about their situation at home: what do you "
           "do, and with whom?",
           "A colleague ignores a safety rule during an outing: how do you react?"),
}
FORBIDDEN = {
    "fr": ("Origine, nationalité, lieu de naissance ou origine du nom",
           "Religion, convictions, pratique religieuse",
           "Situation de famille, conjoint, enfants, projet de grossesse ou d'enfant",
           "Âge ou date de naissance",
           "État de santé, handicap, arrêts maladie passés",
           "Activité syndicale ou mutualiste, opinions politiques, mandat électif",
           "Orientation sexuelle, identité de genre, mœurs",
           "Apparence physique, tenue, taille, poids",
           "Lieu de résidence ou domiciliation bancaire (seule la disponibilité horaire "
           "peut être évoquée)",
           "Capacité à s'exprimer dans une autre langue que le français si le poste ne "
           "l'exige pas"),
    "en": ("Origin, nationality, place of birth or origin of the surname",
           "Religion, beliefs, religious practice",
           "Family situation, partner, children, plans for pregnancy or children",
           "Age or date of birth",
           "Health, disability, past sick leave",
           "Trade-union or mutualist activity, political opinions, elected office",
           "Sexual orientation, gender identity, morals",
           "Physical appearance, dress, height, weight",
           "Place of residence or bank (only availability for the working hours may be "
           "discussed)",
           "Ability to speak a language other than French unless the post requires it"),
}


@dataclass(frozen=True)
class GridItem:
    """One criterion's question and its four behavioural anchors."""

    criterion_id: str
    label: str
    requirement: str
    weight: float
    question: str
    anchors: tuple[str, str, str, str]


@dataclass(frozen=True)
class InterviewGrid:
    """The grid every candidate gets, in the profile's language."""

    title: str
    lang: str
    version: int
    items: tuple[GridItem, ...]
    situations: tuple[str, ...]
    forbidden: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """A plain mapping for JSON."""
        return {
            "title": self.title, "lang": self.lang, "profile_version": self.version,
            "scale": "1-4",
            "questions": [{"criterion": i.criterion_id, "label": i.label,
                           "requirement": i.requirement, "weight": i.weight,
                           "question": i.question,
                           "anchors": {str(n): a for n, a in enumerate(i.anchors, start=1)}}
                          for i in self.items],
            "situational_questions": list(self.situations),
            "forbidden_questions": list(self.forbidden),
        }


def build_grid(profile: JobProfile, wording: dict[str, str] | None = None) -> InterviewGrid:
    """The grid for ``profile``; ``wording`` may replace a criterion's question text."""
    lang = "en" if profile.lang == "en" else "fr"
    items = tuple(
        GridItem(c.id, c.label, c.requirement, c.weight,
                 (wording or {}).get(c.id) or QUESTION[lang].format(label=c.label),
                 ANCHORS[lang])
        for c in profile.criteria
    )
    situations = tuple(c.situation for c in profile.criteria if c.situation and lang == "fr")
    title = (f"Grille d'entretien — {profile.title}" if lang == "fr"
             else f"Interview grid — {profile.title}")
    return InterviewGrid(title, lang, profile.version, items,
                         situations + GENERIC_SITUATIONS[lang], FORBIDDEN[lang])


def points_to_clarify(profile: JobProfile, results: list[CriterionResult]) -> list[str]:
    """Criteria not found or partly found, phrased as points to raise in the interview."""
    lang = "en" if profile.lang == "en" else "fr"
    by_id = {r.criterion_id: r for r in results}
    points = []
    for criterion in profile.criteria:
        result = by_id.get(criterion.id)
        if result is None or result.status == "met":
            continue
        if result.status == "partial":
            detail = result.note or ("partly evidenced" if lang == "en" else "en partie")
            points.append(f"{criterion.label} — {detail}" if lang == "en" else
                          f"{criterion.label} — {_fr_note(detail)}")
        else:
            points.append(f"{criterion.label} — not found in the application" if lang == "en"
                          else f"{criterion.label} — non trouvé dans la candidature")
    return points


def _fr_note(note: str) -> str:
    if "years found" in note:
        found, rest = note.split(" of ", 1)
        return f"{found} an(s) sur {rest.split()[0]} trouvés dans les dates"
    if "without dates" in note:
        return "expérience citée sans dates ni durée"
    if "close in meaning" in note:
        return "formulation proche, à confirmer"
    return "en partie"
