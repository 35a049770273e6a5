"""Prompt-workshop exercises: per use case, a weak prompt to improve (data only, FR and EN)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Exercise:
    """A weak starting prompt; it is completed when the agent's rewrite raises no flag."""

    id: str
    use_case: str
    title: dict[str, str]
    task: dict[str, str]
    start: str


def _ex(ident: str, use_case: str, title: tuple[str, str], task: tuple[str, str],
        start: str) -> Exercise:
    return Exercise(ident, use_case, {"fr": title[0], "en": title[1]},
                    {"fr": task[0], "en": task[1]}, start)


EXERCISES: tuple[Exercise, ...] = (
    _ex("drafting-letter", "drafting",
        ("Un courrier de réponse", "A reply letter"),
        ("Réécrivez cette demande : donnez un rôle, le contexte, le format attendu et une "
         "contrainte (longueur, ton).",
         "Rewrite this request: give a role, the context, the expected format and a "
         "constraint (length, tone)."),
        "Écris une lettre pour la salle des fêtes."),
    _ex("drafting-order", "drafting",
        ("Un arrêté de voirie", "A road-works order"),
        ("Précisez le rôle, les faits fournis, la structure (visas, considérants, articles) "
         "et ce qu'il ne faut pas inventer.",
         "State the role, the facts given, the structure (visas, considérants, articles) "
         "and what must not be invented."),
        "Fais un arrêté pour les travaux rue Victor Hugo."),
    _ex("briefing-note", "briefing",
        ("Une note de synthèse", "A briefing note"),
        ("Donnez le contexte, le public visé, le format (une page, trois parties) et les "
         "sources à utiliser.",
         "Give the context, the audience, the format (one page, three parts) and the "
         "sources to use."),
        "Résume ce dossier."),
    _ex("briefing-anonymous", "briefing",
        ("Sans données personnelles", "Without personal data"),
        ("Retirez les données personnelles et gardez une demande complète.",
         "Remove the personal data and keep a complete request."),
        "Fais une fiche sur le dossier de Jean Dupont, 12 rue des Lilas, 06 12 34 56 78."),
    _ex("feedback-themes", "feedback",
        ("Thèmes des remontées", "Themes of field reports"),
        ("Demandez des thèmes avec effectifs et citations, sans identifier de personne.",
         "Ask for themes with counts and quotes, without identifying anyone."),
        "Dis-moi ce que disent les rapports."),
    _ex("planning-shifts", "planning",
        ("Proposer des créneaux", "Propose shifts"),
        ("Demandez une proposition de créneaux par lieu et heure, jamais par personne, et "
         "rappelez que l'équipe décide.",
         "Ask for shifts by place and hour, never by person, and recall the team decides."),
        "Qui doit travailler samedi soir ?"),
    _ex("recruitment-grid", "recruitment",
        ("Une grille d'entretien", "An interview grid"),
        ("Demandez une grille d'entretien alignée sur la fiche de poste, sans demander de "
         "classer ni d'écarter des candidats.",
         "Ask for an interview grid aligned with the job profile, without asking to rank or "
         "reject candidates."),
        "Quel candidat faut-il retenir pour le poste d'animateur ?"),
)


def get_exercise(exercise_id: str) -> Exercise | None:
    return next((e for e in EXERCISES if e.id == exercise_id), None)
