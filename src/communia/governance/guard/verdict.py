"""The guard's verdict and the explanations it gives, in French and English."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class GuardVerdict:
    """What the guard concluded about one text.

    Args:
        decision_request: True when the text asks for (or states) a decision the tool
            must not take.
        category: "sanction", "award", "evaluation", "hiring", "refusal" or "none".
        explanation: why the text is refused, or that it passes, in the text's language.
        suggestion: what the tool can do instead ("" when the text passes).
        rule: identifier of the rule that fired ("" when the text passes), for the
            journal and for people who review the guard.
    """

    decision_request: bool
    category: str
    explanation: str
    suggestion: str
    rule: str = ""

    def to_json(self) -> str:
        """Serialise every field as one JSON object (UTF-8 characters kept)."""
        return json.dumps(asdict(self), ensure_ascii=False)


_REQUEST = {
    "fr": ("Communia ne prend pas de décision {what} : {why} Cette décision appartient à "
           "une personne habilitée, qui la prend et la motive elle-même."),
    "en": ("Communia does not take {what} decisions: {why} That decision belongs to an "
           "authorised person, who takes it and gives the reasons."),
}
_OUTPUT = {
    "fr": ("La réponse du modèle a été bloquée : elle énonçait une décision {what}. "
           "{why} Cette décision appartient à une personne habilitée."),
    "en": ("The model's answer was blocked: it stated a {what} decision. {why} That "
           "decision belongs to an authorised person."),
}
_WHAT = {
    "fr": {"sanction": "de sanction ou de mesure disciplinaire",
           "award": "d'attribution (marché, subvention, prix)",
           "evaluation": "d'évaluation d'une personne (note, appréciation, promotion)",
           "hiring": "de recrutement (retenir, écarter ou embaucher un candidat)",
           "refusal": "de refus ou d'octroi d'un droit (aide, permis, autorisation)"},
    "en": {"sanction": "sanction or disciplinary", "award": "award (contract, grant, prize)",
           "evaluation": "evaluation (score, rating or promotion of a person)",
           "hiring": "hiring (selecting, rejecting or hiring a candidate)",
           "refusal": "refusal or grant of a benefit, permit or authorisation"},
}
_WHY = {
    "fr": "la règle de Communia est que l'IA ne décide jamais d'une sanction, d'une "
          "attribution ou d'une évaluation.",
    "en": "Communia's rule is that AI never decides a sanction, an award or an evaluation.",
}
_SUGGESTION = {
    "fr": {"sanction": "Je peux expliquer la procédure disciplinaire et les garanties de "
                       "l'agent, résumer les faits de façon neutre, ou rédiger l'arrêté ou "
                       "le courrier une fois la décision prise par l'autorité compétente.",
           "award": "Je peux rappeler les critères annoncés, présenter chaque offre ou "
                    "dossier critère par critère dans un tableau neutre, ou rédiger le "
                    "courrier une fois le choix fait par la commission ou l'élu compétent.",
           "evaluation": "Je peux proposer une trame d'entretien professionnel, résumer "
                         "de façon neutre le compte rendu rédigé par le responsable, ou "
                         "rappeler les critères d'appréciation applicables.",
           "hiring": "Je peux résumer chaque candidature au regard des critères de la "
                     "fiche de poste, citer les éléments qui s'y rapportent, préparer une "
                     "grille d'entretien commune, ou rédiger le courrier une fois la "
                     "décision prise par le jury.",
           "refusal": "Je peux vérifier la complétude du dossier, rappeler les conditions "
                      "réglementaires et les voies de recours, ou rédiger la décision une "
                      "fois qu'elle a été prise par l'autorité compétente."},
    "en": {"sanction": "I can explain the disciplinary procedure and the employee's "
                       "safeguards, summarise the facts neutrally, or draft the order or "
                       "letter once the competent authority has decided.",
           "award": "I can restate the published criteria, present each bid or "
                    "application criterion by criterion in a neutral table, or draft the "
                    "letter once the committee or elected official has chosen.",
           "evaluation": "I can propose an appraisal interview outline, summarise neutrally "
                         "the report written by the manager, or restate the applicable "
                         "assessment criteria.",
           "hiring": "I can summarise each application against the job profile's "
                     "criteria, quote the relevant evidence, prepare a common interview "
                     "grid, or draft the letter once the panel has decided.",
           "refusal": "I can check that the file is complete, restate the regulatory "
                      "conditions and appeal routes, or draft the decision once the "
                      "competent authority has taken it."},
}
_PASS = {"fr": "Aucune demande de décision (sanction, attribution, évaluation) détectée.",
         "en": "No request for a sanction, award or evaluation decision was detected."}


def refused(category: str, lang: str, rule: str, output: bool = False) -> GuardVerdict:
    """Build the verdict that refuses a request (or blocks an output) of a category."""
    lang = lang if lang in _REQUEST else "fr"
    template = (_OUTPUT if output else _REQUEST)[lang]
    explanation = template.format(what=_WHAT[lang][category], why=_WHY[lang])
    return GuardVerdict(True, category, explanation, _SUGGESTION[lang][category], rule)


def passed(lang: str) -> GuardVerdict:
    """Build the verdict for a text that asks for, or states, no such decision."""
    return GuardVerdict(False, "none", _PASS.get(lang, _PASS["fr"]), "")
