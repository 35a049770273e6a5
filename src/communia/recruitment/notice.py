"""The candidate notice (GDPR art. 13 and 22, AI Act transparency), one per campaign.

Plain text built from the campaign and the authority's details (rules, no I/O). It
becomes a draft a named person approves before it is published.
"""

from __future__ import annotations

# ruff: noqa: E501  (prose paragraphs, one per line)

__all__ = ["candidate_notice"]

FR = """Information des candidats — {title}

Responsable du traitement : {authority}, {address}.

Finalité : examiner les candidatures reçues pour ce poste au regard de critères objectifs fixés à l'avance par le service des ressources humaines : {criteria}.
Base légale : mission d'intérêt public (RGPD, art. 6-1-e) et règles du recrutement dans la fonction publique territoriale.

Usage d'un outil d'intelligence artificielle : un outil aide le service à repérer, dans le texte visible de votre candidature, les passages qui se rapportent à chaque critère, et à préparer une grille d'entretien identique pour tous. Il ne prend aucune décision : il ne retient, n'écarte ni ne classe aucune candidature. Chaque décision (entretien, candidature non retenue, mise en attente) est prise et motivée par une personne nommée du service (RGPD, art. 22). Votre identité est masquée pendant l'examen. Ce traitement relève des systèmes d'IA à haut risque du règlement européen sur l'IA (annexe III, point 4 a) : il est documenté, surveillé par des personnes et contrôlé pour éviter toute discrimination.

Données traitées : le contenu de votre CV et de votre lettre. Les critères interdits par l'article L1132-1 du Code du travail (origine, sexe, âge, situation de famille, lieu de résidence, santé, handicap, convictions...) ne sont jamais utilisés.

Durée de conservation : {years} ans après le dernier contact, puis suppression. Vous pouvez demander la suppression de votre candidature à tout moment.

Vos droits : accès, rectification, effacement, limitation, opposition, et le droit d'obtenir une intervention humaine, d'exprimer votre point de vue et de contester une décision. Contact : délégué à la protection des données de {authority}. Vous pouvez introduire une réclamation auprès de la CNIL (www.cnil.fr).
"""

EN = """Notice to applicants — {title}

Controller: {authority}, {address}.

Purpose: examining the applications received for this post against objective criteria set in advance by the human resources department: {criteria}.
Legal basis: task carried out in the public interest (GDPR art. 6(1)(e)) and the rules of public-service recruitment.

Use of an artificial-intelligence tool: a tool helps the department find, in the visible text of your application, the passages that relate to each criterion, and prepare the same interview grid for everyone. It takes no decision: it neither retains, discards nor ranks anyone. Every decision (interview, not retained, on hold) is taken and justified by a named member of staff (GDPR art. 22). Your identity is masked during the review. This is a high-risk AI system under the EU AI Act (Annex III, 4(a)): it is documented, overseen by people and checked against discrimination.

Data processed: the content of your CV and cover letter. Grounds forbidden by article L1132-1 of the French Labour Code (origin, sex, age, family situation, place of residence, health, disability, beliefs...) are never used.

Retention: {years} years after the last contact, then deletion. You may ask for your application to be deleted at any time.

Your rights: access, rectification, erasure, restriction, objection, and the right to obtain human intervention, to express your point of view and to contest a decision. Contact: the data protection officer of {authority}. You may lodge a complaint with the CNIL (www.cnil.fr).
"""


def candidate_notice(title: str, criteria: list[str], lang: str, authority: str,
                     address: str, years: int = 2) -> str:
    """The notice text for one campaign, in French or English."""
    template = EN if lang == "en" else FR
    return template.format(title=title, criteria="; ".join(criteria) or "—",
                           authority=authority, address=address, years=years)
